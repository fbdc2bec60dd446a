"""Checking and normalising the plain arrays the selection solvers take.

Everything the user can get wrong is caught here with a message that says what is wrong and
what to do, so the solvers themselves can assume clean input.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence, Union

import numpy as np
import scipy.sparse as sp

from ..errors import Cancelled, InputError

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]
FloorSpec = Union[float, Mapping[object, float], None]


class Monitor:
    """Progress (0–100) and cancel callbacks plus a wall-clock deadline."""

    def __init__(
        self,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        time_limit: float | None = None,
    ) -> None:
        self._progress = progress
        self._cancel = cancel
        self.start = time.perf_counter()
        self.time_limit = None if time_limit is None else float(time_limit)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def remaining(self) -> float:
        if self.time_limit is None:
            return float("inf")
        return max(0.0, self.time_limit - self.elapsed())

    def out_of_time(self) -> bool:
        return self.remaining() <= 0.0

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled("Site selection was cancelled; no result was produced.")

    def done(self) -> None:
        """Progress 100 % (no cancel check: the result is complete)."""
        if self._progress is not None:
            self._progress(100.0)

    def report(self, percent: float) -> None:
        if self._progress is not None:
            self._progress(float(min(100.0, max(0.0, percent))))
        self.check()


def as_coverage(coverage: object) -> sp.csr_matrix:
    """A demand × candidate boolean CSR matrix (True: the candidate covers the demand)."""
    if sp.issparse(coverage):
        mat = sp.csr_matrix(coverage)
    else:
        arr = np.asarray(coverage)
        if arr.ndim != 2:
            raise InputError(
                f"The coverage matrix must be 2-D (demand × candidate), got shape {arr.shape}."
            )
        mat = sp.csr_matrix(arr)
    if mat.shape[0] == 0 or mat.shape[1] == 0:
        raise InputError(
            f"The coverage matrix is empty ({mat.shape[0]} demand rows × {mat.shape[1]} "
            "candidates); give at least one demand cell and one candidate."
        )
    if mat.dtype != bool:
        data = mat.data
        if np.issubdtype(data.dtype, np.floating) and np.isnan(data).any():
            raise InputError("The coverage matrix contains NaN; use True/False (or 1/0).")
        mat = sp.csr_matrix((data != 0, mat.indices, mat.indptr), shape=mat.shape)
    mat.sum_duplicates()
    mat.eliminate_zeros()
    mat.sort_indices()
    return mat


def as_weights(weights: object, n: int, what: str = "demand") -> np.ndarray:
    """People per demand row: finite, non-negative float64 of length ``n``."""
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 1 or w.shape[0] != n:
        raise InputError(
            f"Weights must be one number per {what} row: got shape {w.shape}, the matrix has "
            f"{n} rows."
        )
    bad = ~np.isfinite(w)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"{int(bad.sum())} weights are NaN or infinite (first at row {first}); population "
            "NoData must be removed or set to 0 before site selection."
        )
    if (w < 0).any():
        first = int(np.flatnonzero(w < 0)[0])
        raise InputError(
            f"{int((w < 0).sum())} weights are negative (first at row {first}: {w[first]}); "
            "people counts cannot be negative."
        )
    if w.sum() <= 0:
        raise InputError("All weights are 0: there are no people to serve.")
    return w


def as_fixed(fixed: Sequence[int] | np.ndarray | None, m: int) -> np.ndarray:
    """Sorted unique column indices of existing sites that must stay open."""
    if fixed is None:
        return np.zeros(0, dtype=np.int64)
    f = np.asarray(fixed)
    if f.dtype == bool:
        if f.shape != (m,):
            raise InputError(f"A fixed-site mask must have one flag per candidate ({m}).")
        return np.flatnonzero(f).astype(np.int64)
    if f.size == 0:
        return np.zeros(0, dtype=np.int64)
    if not np.issubdtype(f.dtype, np.integer):
        if np.all(np.equal(np.mod(f, 1), 0)):
            f = f.astype(np.int64)
        else:
            raise InputError("Existing (fixed) sites must be given as integer column indices.")
    f = f.astype(np.int64).ravel()
    if f.min() < 0 or f.max() >= m:
        raise InputError(
            f"Existing site index {int(f.max() if f.max() >= m else f.min())} is outside the "
            f"{m} columns of the matrix."
        )
    u = np.unique(f)
    if u.size != f.size:
        raise InputError("An existing site is listed twice in 'fixed'.")
    return u


def as_mask(mask: object, n: int, what: str) -> np.ndarray:
    """A boolean mask of length ``n`` (None → all False)."""
    if mask is None:
        return np.zeros(n, dtype=bool)
    a = np.asarray(mask)
    if a.shape != (n,):
        raise InputError(f"'{what}' must have one flag per demand row ({n}), got shape {a.shape}.")
    return a.astype(bool)


def check_p(p: object, n_free: int, fixed_count: int) -> int:
    """The number of new sites: a positive integer no larger than the free candidates."""
    if isinstance(p, bool) or not isinstance(p, (int, np.integer)):
        if isinstance(p, float) and float(p).is_integer():
            p = int(p)
        else:
            raise InputError(f"The number of new sites p must be a whole number, got {p!r}.")
    p = int(p)
    if p <= 0:
        raise InputError(f"The number of new sites p must be at least 1, got {p}.")
    if p > n_free:
        extra = f" ({fixed_count} of the columns are existing sites)" if fixed_count else ""
        raise InputError(
            f"p = {p} new sites were asked for but there are only {n_free} candidates{extra}; "
            "lower p or add candidates."
        )
    return p


@dataclass
class Districts:
    """Demand → district labels with a minimum covered share per district (equity floor)."""

    codes: np.ndarray  # int per demand row, index into names
    names: list[str]
    floors: np.ndarray  # share 0..1 per district (0 = no floor)
    totals: np.ndarray  # people per district

    @property
    def count(self) -> int:
        return len(self.names)

    @property
    def active(self) -> np.ndarray:
        return np.flatnonzero(self.floors > 0)

    def need(self) -> np.ndarray:
        """People each district must have covered."""
        return self.floors * self.totals

    def shares(self, covered: np.ndarray, weights: np.ndarray) -> np.ndarray:
        got = np.bincount(self.codes, weights=weights * covered, minlength=self.count)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.totals > 0, got / self.totals, 1.0)

    def share_dict(self, covered: np.ndarray, weights: np.ndarray) -> dict[str, float]:
        s = self.shares(covered, weights)
        return {name: float(s[k]) for k, name in enumerate(self.names)}


def make_districts(districts: object, floors: FloorSpec, weights: np.ndarray) -> Districts | None:
    """Parse district labels and floors; None when no district labels were given."""
    if districts is None:
        if floors is not None:
            raise InputError("An equity floor needs district labels: pass 'districts'.")
        return None
    labels = np.asarray(districts)
    if labels.shape != weights.shape:
        raise InputError(
            f"'districts' must have one label per demand row ({weights.shape[0]}), got shape "
            f"{labels.shape}."
        )
    uniq, codes = np.unique(labels, return_inverse=True)
    names = [str(u) for u in uniq]
    fl = np.zeros(len(uniq))
    if floors is not None:
        if isinstance(floors, Mapping):
            index = {str(u): k for k, u in enumerate(uniq)}
            for key, share in floors.items():
                if str(key) not in index:
                    raise InputError(
                        f"The equity floor names district {key!r}, which no demand row has."
                    )
                fl[index[str(key)]] = _share(share, str(key))
        else:
            fl[:] = _share(floors, "every district")
    totals = np.bincount(codes, weights=weights, minlength=len(uniq))
    return Districts(codes.astype(np.int64), names, fl, totals)


def _share(value: object, where: str) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise InputError(f"The equity floor for {where} is not a number: {value!r}.") from exc
    if not np.isfinite(v) or v < 0 or v > 1:
        raise InputError(
            f"The equity floor for {where} must be a share between 0 and 1 (80 % is 0.8), "
            f"got {value!r}."
        )
    return v


def as_capacities(capacities: object, m: int) -> np.ndarray | None:
    """People each site can serve (inf = no limit); None when not given."""
    if capacities is None:
        return None
    c = np.asarray(capacities, dtype=np.float64)
    if c.shape != (m,):
        raise InputError(f"Capacities must be one number per candidate ({m}), got {c.shape}.")
    if np.isnan(c).any() or (c < 0).any():
        raise InputError("Capacities must be non-negative numbers (inf for no limit), not NaN.")
    return c


def pct(x: float) -> str:
    """A share as a short percentage for messages."""
    v = 100.0 * x
    return f"{v:.0f} %" if abs(v - round(v)) < 0.05 else f"{v:.1f} %"


def coverage_within(costs: object, threshold: float) -> sp.csr_matrix:
    """Boolean coverage (cost <= threshold) from a demand × site cost matrix.

    Dense: ``inf``/NaN never covers. Sparse: only stored entries can cover (a missing entry
    means "does not reach"; note that ``sparse <= T`` in scipy would treat it as 0 and cover).
    """
    t = float(threshold)
    if not np.isfinite(t):
        raise InputError(f"The coverage threshold must be a finite number, got {threshold!r}.")
    if sp.issparse(costs):
        c = sp.csr_matrix(costs)
        keep = np.isfinite(c.data) & (c.data <= t)
        return sp.csr_matrix((keep, c.indices, c.indptr), shape=c.shape)
    arr = np.asarray(costs, dtype=np.float64)
    if arr.ndim != 2:
        raise InputError(f"The cost matrix must be 2-D (demand × site), got shape {arr.shape}.")
    with np.errstate(invalid="ignore"):
        return sp.csr_matrix(arr <= t)
