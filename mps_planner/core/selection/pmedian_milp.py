"""The p-median MILP in Elloumi's (2010) radius form, written as a chain.

For demand row i let D_i^0 < D_i^1 < ... be the distinct costs of the sites that reach it and
U the unserved cost. ``z_il`` (continuous, >= 0) is 1 when no open site costs <= D_i^l::

    min  sum_i w_i (D_i^0 + sum_l (D_i^{l+1} - D_i^l) z_il)
    s.t. z_i0 + sum_{j: c_ij = D_i^0} y_j >= 1
         z_il - z_i,l-1 + sum_{j: c_ij = D_i^l} y_j >= 0      (l >= 1)
         sum_{j free} y_j = p,  y_j = 1 for existing sites,  y binary

Each (row, site) pair appears once, as in the classical formulation, but the LP is smaller and
solves faster. A row's chain stops at the first level that surely holds an open site: one with
an existing site, or one whose cumulative count of free sites exceeds (free - p) (some of them
must be open). With an equity floor, row i is covered within T exactly when z at its last level
<= T is 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import milp
from .coverage_heuristic import FloorTerms


@dataclass
class ChainModel:
    c: np.ndarray
    a: sp.csr_matrix
    lo: np.ndarray
    hi: np.ndarray
    constant: float
    m: int  # site variables come first
    n_z: int
    z_at_t: np.ndarray | None  # z index of each row's level at T (−1: none)
    always_t: np.ndarray | None  # row surely covered within T


def _sorted_entries(costs: np.ndarray | sp.csr_matrix, unserved: float):
    """Flat (row, col, value) of reachable entries sorted by row then value."""
    if sp.issparse(costs):
        coo = sp.coo_matrix(costs)
        row, col, val = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    else:
        row, col = np.nonzero(np.isfinite(costs))
        val = costs[row, col]
    keep = val <= unserved
    row, col, val = row[keep], col[keep], val[keep].astype(np.float64)
    order = np.lexsort((col, val, row))
    return row[order], col[order], val[order]


def build(
    costs: np.ndarray | sp.csr_matrix,
    w: np.ndarray,
    p: int,
    fixed: np.ndarray,
    unserved: float,
    within: float | None = None,
) -> ChainModel:
    r, m = costs.shape
    row, col, val = _sorted_entries(costs, unserved)
    is_fixed = np.zeros(m, dtype=bool)
    is_fixed[fixed] = True
    n_free = m - fixed.size
    e = row.size
    start = np.ones(e, dtype=bool)
    start[1:] = row[1:] != row[:-1]
    newlev = start.copy()
    newlev[1:] |= val[1:] != val[:-1]
    # level of each entry within its row
    lev_global = np.cumsum(newlev) - 1
    row_first_lev = np.zeros(r, dtype=np.int64)
    row_first_lev[row[start]] = lev_global[start]
    lev = lev_global - row_first_lev[row]
    n_lev = np.zeros(r, dtype=np.int64)
    np.maximum.at(n_lev, row, lev + 1)
    # first level that surely holds an open site
    big = np.iinfo(np.int64).max // 4
    stop = n_lev.copy()
    fx = is_fixed[col]
    if fx.any():
        np.minimum.at(stop, row[fx], lev[fx])
    thr = n_free - p + 1
    if thr >= 1:
        free_cnt = np.cumsum(~fx)
        row_base = np.zeros(r, dtype=np.int64)
        first_idx = np.flatnonzero(start)
        row_base[row[first_idx]] = free_cnt[first_idx] - (~fx[first_idx])
        cnt = free_cnt - row_base[row]
        hit = (~fx) & (cnt == thr)
        np.minimum.at(stop, row[hit], lev[hit])
    del big
    # z variables: (row, level) for level < stop
    nz_row = stop
    z_off = np.zeros(r + 1, dtype=np.int64)
    z_off[1:] = np.cumsum(nz_row)
    n_z = int(z_off[-1])
    # level values: value of the first entry of each (row, level); level n_lev = unserved
    lv_idx = np.flatnonzero(newlev)
    lv_row, lv_lev, lv_val = row[lv_idx], lev[lv_idx], val[lv_idx]
    d0 = np.full(r, unserved)
    d0[lv_row[lv_lev == 0]] = lv_val[lv_lev == 0]
    # cost increment of z(row, l) = D^{l+1} - D^l
    zr = np.repeat(np.arange(r), nz_row)
    zl = np.arange(n_z) - z_off[zr]
    level_val = np.full(n_z, unserved)
    sel = lv_lev < stop[lv_row]
    level_val[z_off[lv_row[sel]] + lv_lev[sel]] = lv_val[sel]
    nxt = np.full(n_z, unserved)
    has_next = zl + 1 < n_lev[zr]
    nxt_pos = np.flatnonzero(has_next)
    # D^{l+1}: the level value one further in the same row (also when beyond 'stop')
    lookup = np.full(int(lv_idx.size), 0.0)
    lookup[:] = lv_val
    lv_key = lv_row * (m + 2) + lv_lev
    order = np.argsort(lv_key)
    want = zr[nxt_pos] * (m + 2) + zl[nxt_pos] + 1
    pos = np.searchsorted(lv_key[order], want)
    nxt[nxt_pos] = lookup[order][pos]
    zc = w[zr] * (nxt - level_val)
    # constraints: one per z (row, level)
    keep_e = lev < stop[row]
    er = z_off[row[keep_e]] + lev[keep_e]
    ec = col[keep_e]
    rows_c = [er, np.arange(n_z)]
    cols_c = [ec, m + np.arange(n_z)]
    data_c = [np.ones(er.size), np.ones(n_z)]
    prev = np.flatnonzero(zl >= 1)
    rows_c.append(prev)
    cols_c.append(m + prev - 1)
    data_c.append(-np.ones(prev.size))
    a = sp.csr_matrix(
        (np.concatenate(data_c), (np.concatenate(rows_c), np.concatenate(cols_c))),
        shape=(n_z, m + n_z),
    )
    lo = np.where(zl == 0, 1.0, 0.0)
    hi = np.full(n_z, np.inf)
    # sum of free y = p
    free_row = sp.csr_matrix(np.concatenate([(~is_fixed).astype(np.float64), np.zeros(n_z)]))
    a = sp.vstack([a, free_row], format="csr")
    lo = np.concatenate([lo, [float(p)]])
    hi = np.concatenate([hi, [float(p)]])
    c = np.concatenate([np.zeros(m), zc])
    constant = float(w @ d0)
    z_at_t = always = None
    if within is not None:
        # last level with value <= within
        lt = np.full(r, -1, dtype=np.int64)
        ok = lv_val <= within
        np.maximum.at(lt, lv_row[ok], lv_lev[ok])
        always = (lt >= 0) & (lt >= stop)
        z_at_t = np.where((lt >= 0) & (lt < stop), z_off[:-1] + np.maximum(lt, 0), -1)
    return ChainModel(c, a, lo, hi, constant, m, n_z, z_at_t, always)


@dataclass
class PMedianSolution:
    chosen: np.ndarray  # free columns opened
    value: float
    bound: float
    outcome: milp.MilpOutcome


def solve(
    costs: np.ndarray | sp.csr_matrix,
    w: np.ndarray,
    p: int,
    fixed: np.ndarray,
    unserved: float,
    floor: FloorTerms | None,
    within: float | None,
    time_limit: float | None,
    gap: float,
) -> PMedianSolution:
    model = build(costs, w, p, fixed, unserved, within if floor is not None else None)
    a, lo, hi = model.a, model.lo, model.hi
    nvar = model.m + model.n_z
    if floor is not None and model.z_at_t is not None:
        # people of district d within T = sum_rows w (reach & (always | 1 - z_at_t))
        fm = sp.csc_matrix(floor.matrix)
        reach = (model.z_at_t >= 0) | model.always_t
        base = np.asarray(fm.T @ reach.astype(np.float64)).ravel()
        zr = np.flatnonzero(model.z_at_t >= 0)
        coo = sp.coo_matrix(fm[zr])
        rows = coo.col
        cols = model.m + model.z_at_t[zr][coo.row]
        block = sp.csr_matrix((-coo.data, (rows, cols)), shape=(floor.need.size, nvar))
        a = sp.vstack([a, block], format="csr")
        lo = np.concatenate([lo, floor.need - base])
        hi = np.concatenate([hi, np.full(floor.need.size, np.inf)])
    lb = np.zeros(nvar)
    ub = np.concatenate([np.ones(model.m), np.full(model.n_z, np.inf)])
    lb[fixed] = 1.0
    integrality = np.concatenate([np.ones(model.m), np.zeros(model.n_z)])
    out = milp.solve(model.c, a, lo, hi, integrality, lb, ub, time_limit, gap)
    if not out.has_solution:
        return PMedianSolution(
            np.zeros(0, dtype=np.int64), float("nan"), out.bound + model.constant, out
        )
    y = out.x[: model.m] > 0.5
    y[fixed] = False
    return PMedianSolution(
        np.flatnonzero(y).astype(np.int64),
        out.objective + model.constant,
        out.bound + model.constant,
        out,
    )
