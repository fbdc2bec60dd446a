"""MILP models for coverage problems (maximal covering, set covering, capacitated covering).

Variables are the free candidates ``x`` (binary) followed by one continuous ``y`` in [0, 1] per
(collapsed) demand row: ``y_i <= sum_{j covers i} x_j``. With integral ``x`` an optimal ``y`` is
integral too, so only the sites are integer variables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import milp
from .coverage_heuristic import FloorTerms


@dataclass
class CoverSolution:
    chosen: np.ndarray  # free-candidate columns with x = 1
    value: float  # the model's own objective (people or sites), in its natural sense
    bound: float  # proven bound on the optimum, same sense
    outcome: milp.MilpOutcome


def _link_block(a: sp.csr_matrix) -> sp.csr_matrix:
    r = a.shape[0]
    return sp.hstack([-a.astype(np.float64), sp.identity(r, format="csr")], format="csr")


def _floor_rows(floor: FloorTerms | None, m: int):
    if floor is None or floor.need.size == 0:
        return [], [], []
    block = sp.hstack([sp.csr_matrix((floor.need.size, m)), sp.csr_matrix(floor.matrix.T)])
    return [block], [floor.need], [np.full(floor.need.size, np.inf)]


def _solve(c, blocks, los, his, m, r, time_limit, gap) -> milp.MilpOutcome:
    a = sp.vstack(blocks, format="csr")
    integrality = np.concatenate([np.ones(m), np.zeros(r)])
    return milp.solve(
        c,
        a,
        np.concatenate(los),
        np.concatenate(his),
        integrality,
        np.zeros(m + r),
        np.ones(m + r),
        time_limit,
        gap,
    )


def _chosen(out: milp.MilpOutcome, m: int) -> np.ndarray:
    if not out.has_solution:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(out.x[:m] > 0.5).astype(np.int64)


def mclp(
    a: sp.csr_matrix,
    w: np.ndarray,
    p: int,
    floor: FloorTerms | None,
    time_limit: float | None,
    gap: float,
) -> CoverSolution:
    """Maximise people covered with exactly p of the columns of ``a``."""
    r, m = a.shape
    c = np.concatenate([np.zeros(m), -w])
    blocks = [_link_block(a), sp.csr_matrix(np.concatenate([np.ones(m), np.zeros(r)])[None, :])]
    los = [np.full(r, -np.inf), np.array([float(p)])]
    his = [np.zeros(r), np.array([float(p)])]
    fb, fl, fh = _floor_rows(floor, m)
    out = _solve(c, blocks + fb, los + fl, his + fh, m, r, time_limit, gap)
    chosen = _chosen(out, m)
    value = float(w[(a[:, chosen].getnnz(axis=1) > 0)].sum()) if chosen.size else float("nan")
    return CoverSolution(chosen, value, -out.bound, out)


def lscp(
    a: sp.csr_matrix,
    w: np.ndarray,
    need: float | None,
    floor: FloorTerms | None,
    time_limit: float | None,
    gap: float,
) -> CoverSolution:
    """Fewest columns covering ``need`` people (None: every row), floors respected.

    Among solutions with the fewest sites it prefers the one covering most people (a
    tie-break weighted so that it can never trade a site).
    """
    r, m = a.shape
    if need is None:
        c = np.ones(m)
        out = milp.solve(
            c,
            a.astype(np.float64),
            np.ones(r),
            np.full(r, np.inf),
            np.ones(m),
            np.zeros(m),
            np.ones(m),
            time_limit,
            gap,
        )
        chosen = _chosen(out, m)
        bound = float(np.ceil(out.bound - 1e-6)) if np.isfinite(out.bound) else out.bound
        return CoverSolution(chosen, float(chosen.size), bound, out)
    eps = 0.5 / max(float(w.sum()), 1e-12)
    c = np.concatenate([np.ones(m), -eps * w])
    blocks = [_link_block(a), sp.csr_matrix(np.concatenate([np.zeros(m), w])[None, :])]
    los = [np.full(r, -np.inf), np.array([need])]
    his = [np.zeros(r), np.array([np.inf])]
    fb, fl, fh = _floor_rows(floor, m)
    out = _solve(c, blocks + fb, los + fl, his + fh, m, r, time_limit, gap)
    chosen = _chosen(out, m)
    bound = float(np.ceil(out.bound - 1e-6)) if np.isfinite(out.bound) else out.bound
    return CoverSolution(chosen, float(chosen.size), max(bound, 0.0), out)


@dataclass
class CapacitatedCover:
    chosen: np.ndarray  # all open columns (fixed included)
    served: float
    bound: float
    load: np.ndarray  # people assigned per column
    served_rows: np.ndarray  # people of each row served
    outcome: milp.MilpOutcome


def capacitated_mclp(
    a: sp.csr_matrix,
    w: np.ndarray,
    p: int,
    fixed: np.ndarray,
    cap: np.ndarray,
    min_load: np.ndarray | None,
    floor: FloorTerms | None,
    time_limit: float | None,
    gap: float,
    open_only: np.ndarray | None = None,
) -> CapacitatedCover:
    """Maximise people assigned to a covering open site, each site serving ≤ its capacity.

    Columns of ``a`` are all sites (``fixed`` forced open, p others chosen). ``open_only``
    fixes the open set (then the model is a pure assignment LP).
    """
    r, m = a.shape
    coo = sp.coo_matrix(a)
    er, ec = coo.row.astype(np.int64), coo.col.astype(np.int64)
    e = er.size
    nvar = m + e
    we = w[er]
    c = np.concatenate([np.zeros(m), -we])
    blocks, los, his = [], [], []
    # each row's people are assigned at most once
    blocks.append(sp.csr_matrix((np.ones(e), (er, m + np.arange(e))), shape=(r, nvar)))
    los.append(np.full(r, -np.inf))
    his.append(np.ones(r))
    # load of j <= cap_j x_j   (and >= min_load_j x_j)
    load = sp.csr_matrix((we, (ec, m + np.arange(e))), shape=(m, nvar))
    capped = np.flatnonzero(np.isfinite(cap))
    if capped.size:
        blocks.append(load[capped] - sp.csr_matrix((cap[capped], (np.arange(capped.size), capped)), shape=(capped.size, nvar)))
        los.append(np.full(capped.size, -np.inf))
        his.append(np.zeros(capped.size))
    if min_load is not None:
        ml = np.flatnonzero(min_load > 0)
        if ml.size:
            blocks.append(load[ml] - sp.csr_matrix((min_load[ml], (np.arange(ml.size), ml)), shape=(ml.size, nvar)))
            los.append(np.zeros(ml.size))
            his.append(np.full(ml.size, np.inf))
    # z_e <= x_j (strengthening)
    blocks.append(
        sp.csr_matrix(
            (np.concatenate([np.ones(e), -np.ones(e)]), (np.tile(np.arange(e), 2), np.concatenate([m + np.arange(e), ec]))),
            shape=(e, nvar),
        )
    )
    los.append(np.full(e, -np.inf))
    his.append(np.zeros(e))
    lb = np.zeros(nvar)
    ub = np.ones(nvar)
    lb[fixed] = 1.0
    if open_only is not None:
        ub[:m] = 0.0
        ub[open_only] = 1.0
        lb[open_only] = 1.0
    else:
        free = np.ones(m, dtype=bool)
        free[fixed] = False
        blocks.append(sp.csr_matrix((np.ones(free.sum()), (np.zeros(free.sum(), dtype=np.int64), np.flatnonzero(free))), shape=(1, nvar)))
        los.append(np.array([float(p)]))
        his.append(np.array([float(p)]))
    if floor is not None and floor.need.size:
        # people of district d served = sum_e w_e z_e over pairs whose row lies in d
        share = sp.csr_matrix(floor.matrix.T)[:, er]
        blocks.append(sp.hstack([sp.csr_matrix((floor.need.size, m)), share], format="csr"))
        los.append(floor.need)
        his.append(np.full(floor.need.size, np.inf))
    integrality = np.concatenate([np.ones(m), np.zeros(e)])
    if open_only is not None:
        integrality[:] = 0
    out = milp.solve(c, sp.vstack(blocks, format="csr"), np.concatenate(los), np.concatenate(his), integrality, lb, ub, time_limit, gap)
    if not out.has_solution:
        return CapacitatedCover(np.zeros(0, dtype=np.int64), float("nan"), -out.bound, np.zeros(m), np.zeros(r), out)
    z = out.x[m:]
    chosen = np.flatnonzero(out.x[:m] > 0.5).astype(np.int64)
    site_load = np.bincount(ec, weights=we * z, minlength=m)
    row_served = np.bincount(er, weights=we * z, minlength=r)
    return CapacitatedCover(chosen, float(row_served.sum()), -out.bound, site_load, row_served, out)
