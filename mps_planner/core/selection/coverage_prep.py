"""From the user's coverage matrix to the solver's reduced, collapsed coverage problem.

Rows already covered (by the mask or by an existing site's column), rows no free candidate
reaches and rows with no people are removed; the remaining rows are collapsed by signature
(and by district when an equity floor applies). Columns are the free candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..errors import InputError
from .coverage_heuristic import FloorTerms
from .inputs import Districts, as_coverage, as_fixed, as_mask, as_weights, make_districts, pct
from .signatures import Collapsed, collapse_sparse


@dataclass
class CoverPrep:
    n: int
    m: int
    weights: np.ndarray  # original weights
    fixed: np.ndarray  # existing site columns
    free: np.ndarray  # free candidate columns (solver column k ↔ free[k])
    base: np.ndarray  # demand rows covered before any new site
    reach: np.ndarray  # demand rows some free candidate covers
    rows: np.ndarray  # original rows in the model
    collapsed: Collapsed  # over ``rows``, columns = free
    districts: Districts | None
    floor: FloorTerms | None  # in collapsed-row space
    active: np.ndarray  # district indices with a floor still to meet

    @property
    def a(self) -> sp.csr_matrix:
        return self.collapsed.matrix  # type: ignore[return-value]

    @property
    def w(self) -> np.ndarray:
        return self.collapsed.weights

    @property
    def total(self) -> float:
        return float(self.weights.sum())

    @property
    def base_weight(self) -> float:
        return float(self.weights[self.base].sum())

    @property
    def unreachable_rows(self) -> np.ndarray:
        return np.flatnonzero(~self.base & ~self.reach & (self.weights > 0))

    @property
    def unreachable_weight(self) -> float:
        return float(self.weights[self.unreachable_rows].sum())

    def covered_rows(self, chosen_free: np.ndarray) -> np.ndarray:
        """Original rows covered by existing sites and the chosen free candidates."""
        cov = self.base.copy()
        if len(chosen_free):
            hit = self.a[:, np.asarray(chosen_free)].getnnz(axis=1) > 0
            cov[self.rows] |= hit[self.collapsed.group]
        return cov

    def district_need(self) -> np.ndarray:
        """People the active districts still need covered (beyond the existing sites)."""
        d = self.districts
        assert d is not None
        base_d = np.bincount(d.codes, weights=self.weights * self.base, minlength=d.count)
        return (d.need() - base_d)[self.active]


def prepare(
    coverage: object,
    weights: object,
    fixed: object,
    already_covered: object,
    districts: object,
    floors: object,
) -> CoverPrep:
    a = as_coverage(coverage)
    n, m = a.shape
    w = as_weights(weights, n)
    fx = as_fixed(fixed, m)  # type: ignore[arg-type]
    base = as_mask(already_covered, n, "already_covered")
    if fx.size:
        base = base | (a[:, fx].getnnz(axis=1) > 0)
    free = np.setdiff1d(np.arange(m), fx)
    af = a[:, free] if fx.size else a
    reach = af.getnnz(axis=1) > 0
    dist = make_districts(districts, floors, w)  # type: ignore[arg-type]
    rows = np.flatnonzero((w > 0) & ~base & reach)
    active = np.zeros(0, dtype=np.int64)
    if dist is not None:
        check_floor_reach(dist, w, base, reach)
        base_d = np.bincount(dist.codes, weights=w * base, minlength=dist.count)
        tol = 1e-9 * max(1.0, float(w.sum()))
        active = np.flatnonzero((dist.floors > 0) & (dist.need() - base_d > tol))
    keys = None
    if active.size:
        code_map = np.full(dist.count, -1, dtype=np.int64)  # type: ignore[union-attr]
        code_map[active] = np.arange(active.size)
        keys = code_map[dist.codes[rows]]  # type: ignore[union-attr]
    col = collapse_sparse(af[rows], w[rows], keys)
    prep = CoverPrep(n, m, w, fx, free, base, reach, rows, col, dist, None, active)
    if active.size:
        row_codes = keys[col.first]  # type: ignore[index]
        prep.floor = FloorTerms.build(row_codes, col.weights, prep.district_need())
    return prep


def check_floor_reach(d: Districts, w: np.ndarray, base: np.ndarray, reach: np.ndarray) -> None:
    """InputError naming every district whose floor exceeds what any choice could cover."""
    best = np.bincount(d.codes, weights=w * (base | reach), minlength=d.count)
    bad = []
    for k in np.flatnonzero(d.floors > 0):
        tot = d.totals[k]
        if tot <= 0:
            continue
        most = best[k] / tot
        if most < d.floors[k] - 1e-9:
            bad.append(
                f"{d.names[k]}: at most {pct(most)} of its people are within reach of any "
                f"candidate or existing site; the floor asks {pct(d.floors[k])}"
            )
    if bad:
        raise InputError(
            "The equity floor cannot be met. "
            + "; ".join(bad)
            + ". Lower the floor for these districts, allow a longer travel time, or add "
            "candidates that reach them."
        )


def require_reachable(prep: CoverPrep) -> None:
    """InputError when no free candidate covers anyone not already covered."""
    if prep.rows.size:
        return
    uncovered = prep.weights[~prep.base].sum()
    if uncovered <= 0:
        raise InputError(
            "The existing sites already cover everyone; there is nothing for new sites to add."
        )
    raise InputError(
        f"None of the {prep.free.size} candidates covers any of the {uncovered:,.0f} people "
        "not yet covered. Check the travel-time threshold, the candidate locations and that "
        "the coverage matrix is demand × candidate."
    )
