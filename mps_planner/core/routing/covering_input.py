"""Checked inputs of a covering tour: candidates, coverage relation, weights, limits.

Local ids: node 0 is the depot, node ``j + 1`` is candidate ``j``. A candidate that cannot be
reached from the depot (or whose round trip alone exceeds the route limit) is unusable; demand
points covered only by unusable candidates cannot be covered, and a target that needs them is
refused with a message that names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from ..errors import InputError
from .matrix import as_matrix, check_index, finite_big, label


@dataclass
class CoverProblem:
    """Checked inputs in local ids: node 0 = depot, node j + 1 = candidate j."""

    matrix: np.ndarray
    depot: int
    candidates: list[int]
    d: list[list[float]]
    symmetric: bool
    dwell: list[float]
    cover: list[list[int]]  # candidate -> demand indices it covers (usable candidates only)
    cover_sets: list[set[int]]
    weights: list[float]
    total_weight: float
    usable: list[bool]
    mandatory: list[int]
    near: list[list[int]]  # candidate -> nearest usable candidates
    cover_matrix: csr_matrix  # candidates × demand points, 1 where covered (usable only)
    d_array: np.ndarray  # the local travel-time matrix as an array


def prepare_cover(
    matrix: np.ndarray,
    depot: int,
    candidates: Sequence[int],
    coverage: np.ndarray,
    weights: Sequence[float] | None,
    dwell_minutes: float | Sequence[float],
    mandatory: Sequence[int],
    max_route_minutes: float | None,
    names: Sequence[str] | None,
) -> CoverProblem:
    m = as_matrix(matrix)
    n = m.shape[0]
    depot = check_index(depot, n, "depot")
    cands = [check_index(c, n, "candidate stop") for c in candidates]
    if not cands:
        raise InputError("No candidate stops were given; add candidate stop sites.")
    cov = np.asarray(coverage)
    if cov.ndim != 2 or cov.shape[1] != len(cands):
        raise InputError(
            f"The coverage relation must be a (demand points × {len(cands)} candidates) table, "
            f"got shape {cov.shape}; compute which candidates each settlement can reach."
        )
    cov = cov.astype(bool)
    n_dem = cov.shape[0]
    w = np.ones(n_dem) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != (n_dem,) or not np.isfinite(w).all() or (w < 0).any():
        raise InputError(
            f"Weights must be {n_dem} people counts ≥ 0 (one per demand point), without NaN."
        )
    dw = np.broadcast_to(np.asarray(dwell_minutes, dtype=float), (len(cands),)).copy()
    if (dw < 0).any() or not np.isfinite(dw).all():
        raise InputError("Dwell minutes must be finite and ≥ 0.")
    idx = [depot, *cands]
    sub = m[np.ix_(idx, idx)]
    out_ok = np.isfinite(sub[0, 1:]) & np.isfinite(sub[1:, 0])
    if not out_ok.any():
        raise InputError(
            f"Depot {label(depot, names)} is not connected to any candidate stop by road; move "
            "the depot onto the road network or increase the snapping distance."
        )
    round_trip = np.where(out_ok, sub[0, 1:] + sub[1:, 0] + dw, np.inf)
    usable = out_ok.copy()
    if max_route_minutes is not None:
        usable &= round_trip <= max_route_minutes + 1e-6
    mand = sorted({int(j) for j in mandatory})
    for j in mand:
        if not 0 <= j < len(cands):
            raise InputError(
                f"Mandatory stop {j} is not a candidate position (0..{len(cands) - 1})."
            )
        if not usable[j]:
            why = (
                "cannot be reached by road from the depot"
                if not out_ok[j]
                else f"needs {round_trip[j]:.0f} minutes for a round trip, more than the "
                f"{max_route_minutes:.0f}-minute route limit"
            )
            raise InputError(f"Mandatory stop {label(cands[j], names)} {why}.")
    big = finite_big(sub)
    sub = np.where(np.isfinite(sub), sub, big)
    cover = [list(np.flatnonzero(cov[:, j])) if usable[j] else [] for j in range(len(cands))]
    sym = bool(np.allclose(sub, sub.T))
    use_idx = np.flatnonzero(usable)
    between = sub[1:, 1:] + sub[1:, 1:].T
    near = []
    for j in range(len(cands)):
        order = use_idx[np.argsort(between[j, use_idx], kind="stable")]
        near.append([int(k) for k in order if k != j][:20])
    return CoverProblem(
        matrix=m,
        depot=depot,
        candidates=cands,
        d=sub.tolist(),
        symmetric=sym,
        dwell=[float(x) for x in dw],
        cover=cover,
        cover_sets=[set(c) for c in cover],
        weights=[float(x) for x in w],
        total_weight=float(w.sum()),
        usable=[bool(u) for u in usable],
        mandatory=mand,
        near=near,
        cover_matrix=csr_matrix((cov & usable[None, :]).T.astype(float)),
        d_array=sub,
    )


def check_target(prob: CoverProblem, target_share: float, names: Sequence[str] | None) -> float:
    if not 0 < target_share <= 1:
        raise InputError(f"target_share must be in (0, 1], got {target_share}.")
    coverable = np.zeros(len(prob.weights), dtype=bool)
    for c in prob.cover:
        coverable[c] = True
    w = np.asarray(prob.weights)
    reach = float(w[coverable].sum())
    target = target_share * prob.total_weight
    if reach + 1e-9 < target - 1e-9 * max(1.0, prob.total_weight):
        missing = np.flatnonzero(~coverable & (w > 0))
        shown = ", ".join(str(i) for i in missing[:8]) + (" ..." if len(missing) > 8 else "")
        share = reach / prob.total_weight if prob.total_weight else 1.0
        raise InputError(
            f"No candidate stop (reachable from the depot within the route limit) covers demand "
            f"point(s) {shown}, so at most {100 * share:.1f} % of the people can be covered, "
            f"less than the {100 * target_share:.1f} % asked for. Add candidate stops near them, "
            "relax the access standard, or lower target_share."
        )
    return target - 1e-9 * max(1.0, prob.total_weight)
