"""Capacitated covering and capacitated p-median: each open site serves at most its capacity.

People of a demand row may be split between sites (the assignment is continuous, the sites
are binary). Both models share one assignment MILP over the reachable (row, site) pairs::

    y_j in {0, 1}, z_e in [0, 1] for every pair e = (i, j)
    sum_{e in row i} z_e  <= 1   (covering: people may stay unserved)   or  = 1 (p-median)
    sum_{e at site j} w_i z_e <= cap_j y_j,  >= min_load_j y_j,   z_e <= y_j
    sum_{free j} y_j = p,  y_j = 1 for existing sites

Covering maximises people assigned to a site that covers them; p-median minimises
sum w_i c_ij z_e. The heuristic picks sites with capacity-capped greedy gains (or the
uncapacitated p-median heuristic) and also tries rounding the LP relaxation; each candidate
set is scored by the exact assignment LP, the best kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..errors import InputError
from . import milp
from . import pmedian_heuristic as heur
from .coverage_heuristic import FloorTerms
from .inputs import (
    Monitor,
    as_capacities,
    as_coverage,
    as_fixed,
    as_mask,
    as_weights,
    check_p,
    make_districts,
    pct,
)
from .pmedian_costs import DenseCosts, SparseCosts
from .result import SelectionResult, relative_gap
from .signatures import collapse_dense, collapse_sparse


@dataclass
class Assignment:
    open_cols: np.ndarray  # every open column (existing included)
    value: float  # served people (covering) or weighted cost (p-median)
    bound: float
    load: np.ndarray  # people per column
    row_served: np.ndarray  # people of each row assigned
    outcome: milp.MilpOutcome


@dataclass
class Pairs:
    """Reachable (row, site) pairs of the solver's rows."""

    row: np.ndarray
    col: np.ndarray
    cost: np.ndarray  # per person
    w: np.ndarray  # row weights
    r: int
    m: int


def solve_assignment(
    pairs: Pairs,
    fixed: np.ndarray,
    p: int,
    cap: np.ndarray,
    min_load: np.ndarray | None,
    must_assign: bool,
    floor: FloorTerms | None,
    time_limit: float | None,
    gap: float,
    open_only: np.ndarray | None = None,
    relax: bool = False,
) -> Assignment:
    r, m = pairs.r, pairs.m
    er, ec = pairs.row, pairs.col
    e = er.size
    we = pairs.w[er]
    nvar = m + e
    zi = m + np.arange(e)
    c = np.concatenate([np.zeros(m), we * pairs.cost])
    blocks, los, his = [], [], []
    blocks.append(sp.csr_matrix((np.ones(e), (er, zi)), shape=(r, nvar)))
    los.append(np.ones(r) if must_assign else np.full(r, -np.inf))
    his.append(np.ones(r))
    load = sp.csr_matrix((we, (ec, zi)), shape=(m, nvar))
    for bound_vec, upper in ((cap, True), (min_load, False)):
        if bound_vec is None:
            continue
        js = np.flatnonzero(np.isfinite(bound_vec) & ((bound_vec > 0) | upper))
        if js.size == 0:
            continue
        y = sp.csr_matrix((bound_vec[js], (np.arange(js.size), js)), shape=(js.size, nvar))
        blocks.append(sp.csr_matrix(load[js] - y))
        los.append(np.full(js.size, -np.inf) if upper else np.zeros(js.size))
        his.append(np.zeros(js.size) if upper else np.full(js.size, np.inf))
    link = sp.csr_matrix(
        (
            np.concatenate([np.ones(e), -np.ones(e)]),
            (np.tile(np.arange(e), 2), np.concatenate([zi, ec])),
        ),
        shape=(e, nvar),
    )
    blocks.append(link)
    los.append(np.full(e, -np.inf))
    his.append(np.zeros(e))
    lb = np.zeros(nvar)
    ub = np.ones(nvar)
    lb[fixed] = 1.0
    if open_only is None:
        free = np.ones(m, dtype=bool)
        free[fixed] = False
        blocks.append(sp.csr_matrix(free.astype(np.float64)[None, :].repeat(1, 0)))
        blocks[-1] = sp.hstack([blocks[-1], sp.csr_matrix((1, e))], format="csr")
        los.append(np.array([float(p)]))
        his.append(np.array([float(p)]))
    else:
        ub[:m] = 0.0
        ub[open_only] = 1.0
        lb[open_only] = 1.0
    if floor is not None and floor.need.size:
        share = sp.csr_matrix(floor.matrix.T)[:, er]
        blocks.append(sp.hstack([sp.csr_matrix((floor.need.size, m)), share], format="csr"))
        los.append(floor.need)
        his.append(np.full(floor.need.size, np.inf))
    integrality = (
        np.zeros(nvar)
        if (relax or open_only is not None)
        else np.concatenate([np.ones(m), np.zeros(e)])
    )
    out = milp.solve(
        c, sp.vstack(blocks, format="csr"), np.concatenate(los), np.concatenate(his),
        integrality, lb, ub, time_limit, gap,
    )  # fmt: skip
    if not out.has_solution:
        return Assignment(np.zeros(0, dtype=np.int64), np.nan, out.bound, np.zeros(m),
                          np.zeros(r), out)  # fmt: skip
    z = out.x[m:]
    y = out.x[:m]
    open_cols = np.flatnonzero(y > 0.5) if not relax else np.argsort(-y)
    return Assignment(
        open_cols.astype(np.int64),
        float(out.objective),
        float(out.bound),
        np.bincount(ec, weights=we * z, minlength=m),
        np.bincount(er, weights=we * z, minlength=r),
        out,
    )


def _check_load(min_load: object, cap: np.ndarray, m: int) -> np.ndarray | None:
    if min_load is None:
        return None
    ml = np.asarray(min_load, dtype=np.float64)
    if ml.shape != (m,) or np.isnan(ml).any() or (ml < 0).any():
        raise InputError(f"min_load must be one non-negative number per site ({m}).")
    bad = np.flatnonzero(ml > cap + 1e-9)
    if bad.size:
        raise InputError(
            f"Site {int(bad[0])} must serve at least {ml[bad[0]]:g} people but its capacity is "
            f"{cap[bad[0]]:g}."
        )
    return ml


def _lp_rounding(pairs, fixed, p, cap, ml, must, floor, monitor, gap) -> np.ndarray | None:
    """Free columns with the largest y in the LP relaxation."""
    lp = solve_assignment(pairs, fixed, p, cap, ml, must, floor, monitor.remaining(), gap,
                          relax=True)  # fmt: skip
    if not lp.outcome.has_solution:
        return None
    is_fixed = np.zeros(pairs.m, dtype=bool)
    is_fixed[fixed] = True
    order = [j for j in lp.open_cols if not is_fixed[j]]
    return np.asarray(order[:p], dtype=np.int64)


def _capped_greedy(pairs: Pairs, fixed: np.ndarray, p: int, cap: np.ndarray) -> np.ndarray:
    """Greedy on min(capacity left, unserved people in reach); serves hard-to-reach rows first."""
    m, r = pairs.m, pairs.r
    a = sp.csc_matrix((np.ones(pairs.row.size), (pairs.row, pairs.col)), shape=(r, m))
    left = pairs.w.astype(np.float64).copy()
    options = np.asarray(a.sum(axis=1)).ravel()
    is_open = np.zeros(m, dtype=bool)
    chosen: list[int] = []

    def serve(j: int) -> None:
        rows = a.indices[a.indptr[j] : a.indptr[j + 1]]
        room = cap[j]
        for i in rows[np.argsort(options[rows], kind="stable")]:
            if room <= 0:
                break
            take = min(room, left[i])
            left[i] -= take
            room -= take

    for j in fixed:
        is_open[j] = True
        serve(int(j))
    for _ in range(p):
        reach = a.T @ left
        gain = np.minimum(cap, reach)
        gain[is_open] = -np.inf
        j = int(np.argmax(gain))
        is_open[j] = True
        chosen.append(j)
        serve(j)
    return np.asarray(chosen, dtype=np.int64)


def _best_set(trials, pairs, fixed, cap, ml, must, floor, monitor, gap, maximise):
    best = None
    for free in trials:
        if free is None:
            continue
        monitor.check()
        ev = solve_assignment(pairs, fixed, 0, cap, ml, must, floor, monitor.remaining(), gap,
                              open_only=np.concatenate([fixed, free]))  # fmt: skip
        if not ev.outcome.has_solution:
            continue
        val = -ev.value if maximise else ev.value
        if best is None or (val > best[1] if maximise else val < best[1]):
            best = (free, val, ev)
    return best


def _curve(order, pairs, fixed, cap, ml, must, floor, monitor, gap, maximise, start):
    """Objective after opening each prefix of ``order`` (assignment LPs; NaN if infeasible)."""
    curve = []
    for k in range(1, order.size + 1):
        ev = solve_assignment(pairs, fixed, 0, cap, ml, must, None, monitor.remaining(), gap,
                              open_only=np.concatenate([fixed, order[:k]]))  # fmt: skip
        if not ev.outcome.has_solution:
            curve.append(np.nan)
        else:
            curve.append(-ev.value - start if maximise else ev.value)
    return np.asarray(curve)


def capacitated_covering(
    coverage, weights, p, fixed, already_covered, districts, floors, capacities, min_load,
    method, monitor: Monitor, gap: float,
) -> SelectionResult:  # fmt: skip
    """Maximal covering with site capacities; ``objective`` = people newly served."""
    a = as_coverage(coverage)
    n, m = a.shape
    w = as_weights(weights, n)
    fx = as_fixed(fixed, m)
    p = check_p(p, m - fx.size, fx.size)
    cap = as_capacities(capacities, m)
    ml = _check_load(min_load, cap, m)
    base = as_mask(already_covered, n, "already_covered")
    reach = a.getnnz(axis=1) > 0
    rows = np.flatnonzero((w > 0) & ~base & reach)
    if rows.size == 0:
        raise InputError("No site covers anyone who is not already covered.")
    dist = make_districts(districts, floors, w)
    keys, active = None, np.zeros(0, dtype=np.int64)
    if dist is not None and (dist.floors > 0).any():
        best = np.bincount(dist.codes, weights=w * (base | reach), minlength=dist.count)
        for k in np.flatnonzero(dist.floors > 0):
            if dist.totals[k] > 0 and best[k] / dist.totals[k] < dist.floors[k] - 1e-9:
                raise InputError(
                    f"The equity floor cannot be met. {dist.names[k]}: at most "
                    f"{pct(best[k] / dist.totals[k])} of its people are within reach of any "
                    f"site; the floor asks {pct(dist.floors[k])}."
                )
        active = np.flatnonzero(dist.floors > 0)
        code_map = np.full(dist.count, -1, dtype=np.int64)
        code_map[active] = np.arange(active.size)
        keys = code_map[dist.codes[rows]]
    col = collapse_sparse(a[rows], w[rows], keys)
    coo = sp.coo_matrix(col.matrix)
    pairs = Pairs(coo.row.astype(np.int64), coo.col.astype(np.int64), -np.ones(coo.nnz),
                  col.weights, col.n_groups, m)  # fmt: skip
    floor = None
    if keys is not None:
        base_d = np.bincount(dist.codes, weights=w * base, minlength=dist.count)
        floor = FloorTerms.build(keys[col.first], col.weights, (dist.need() - base_d)[active])
    start = 0.0
    if fx.size:
        ev = solve_assignment(pairs, fx, 0, cap, ml, False, None, monitor.remaining(), gap,
                              open_only=fx)  # fmt: skip
        start = -ev.value if ev.outcome.has_solution else 0.0
    monitor.report(10)
    trials = [_capped_greedy(pairs, fx, p, cap)]
    if method != "heuristic" or pairs.row.size <= 200_000:
        trials.append(_lp_rounding(pairs, fx, p, cap, ml, False, floor, monitor, gap))
    best = _best_set(trials, pairs, fx, cap, ml, False, floor, monitor, gap, maximise=True)
    heur_value = best[1] - start if best else np.nan
    method_used, bound, limit_hit, notes = "heuristic", np.nan, False, []
    chosen = best[0] if best else np.zeros(0, dtype=np.int64)
    value = heur_value
    if method != "heuristic":
        sol = solve_assignment(pairs, fx, p, cap, ml, False, floor, monitor.remaining(), gap)
        if sol.outcome.infeasible:
            raise InputError(
                "No choice of sites meets the capacities, minimum loads and floors together."
            )
        limit_hit = sol.outcome.limit_hit
        if sol.outcome.has_solution:
            method_used = "milp"
            bound = -sol.bound - start
            mv = -sol.value - start
            if not best or mv >= value - 1e-9 * max(1.0, abs(mv)):
                is_fixed = np.isin(sol.open_cols, fx)
                chosen, value = sol.open_cols[~is_fixed], mv
        else:
            notes.append("time limit hit before the MILP found a solution; heuristic answer")
    if not best and method_used == "heuristic":
        raise InputError("No feasible choice of sites was found for these capacities and loads.")
    order = _order(chosen, pairs, cap)
    curve = _curve(order, pairs, fx, cap, ml, False, floor, monitor, gap, True, start)
    final = solve_assignment(pairs, fx, 0, cap, ml, False, floor, monitor.remaining(), gap,
                             open_only=np.concatenate([fx, order]))  # fmt: skip
    served_rows = np.zeros(n)
    served_rows[rows] = (final.row_served / np.maximum(col.weights, 1e-300))[col.group] * w[rows]
    covered_w = float(w[base].sum() + served_rows.sum())
    gapv = relative_gap(value, bound)
    cov_share_rows = base.astype(float)
    cov_share_rows[rows] = served_rows[rows] / np.maximum(w[rows], 1e-300)
    if not np.isfinite(gapv) and method_used == "heuristic":
        notes.append("heuristic only (no bound proven)")
    return SelectionResult(
        problem="mclp", method=method_used, sites=order, fixed=fx, objective=float(value),
        bound=float(bound), gap=gapv, optimal=bool(np.isfinite(gapv) and gapv <= gap + 1e-9),
        time_s=monitor.elapsed(), time_limit_hit=bool(limit_hit), curve=curve,
        marginal=np.diff(np.concatenate([[0.0], curve])), total_weight=float(w.sum()),
        covered_weight=covered_w, already_covered_weight=float(w[base].sum()),
        unreachable_weight=float(w[~reach & ~base].sum()),
        unreachable=np.flatnonzero(~reach & ~base & (w > 0)), heuristic_objective=heur_value,
        district_shares={} if dist is None else dist.share_dict(cov_share_rows, w),
        site_load=final.load, n_rows_solved=int(col.n_groups),
        message="; ".join([*notes, f"people served by the existing sites alone: {start:,.0f}"]),
    )  # fmt: skip


def _order(chosen: np.ndarray, pairs: Pairs, cap: np.ndarray) -> np.ndarray:
    """Rank chosen sites by capacity-capped reach (largest first)."""
    a = sp.csr_matrix((pairs.w[pairs.row], (pairs.row, pairs.col)), shape=(pairs.r, pairs.m))
    reach = np.asarray(a.sum(axis=0)).ravel()
    score = np.minimum(cap, reach)[chosen]
    return np.asarray(chosen, dtype=np.int64)[np.argsort(-score, kind="stable")]


def capacitated_pmedian(
    c, w, p, fx, unserved, districts, floors, floor_within, capacities, min_load, method,
    monitor: Monitor, gap: float,
) -> SelectionResult:  # fmt: skip
    """p-median with capacities: everyone reachable must be assigned within capacity."""
    _n, m = c.shape
    if districts is not None or floors is not None:
        raise InputError(
            "Equity floors are not available with capacities for p-median yet; use the "
            "capacitated maximal covering model, or drop the capacities."
        )
    cap = as_capacities(capacities, m)
    ml = _check_load(min_load, cap, m)
    if sp.issparse(c):
        reach = sp.csr_matrix(c).getnnz(axis=1) > 0
    else:
        reach = np.isfinite(c).any(axis=1)
    rows = np.flatnonzero(reach & (w > 0))
    sub = c[rows]
    col = collapse_sparse(sub, w[rows]) if sp.issparse(sub) else collapse_dense(sub, w[rows])
    cm = col.matrix
    if sp.issparse(cm):
        coo = sp.coo_matrix(cm)
        pr, pc, pv = coo.row, coo.col, coo.data
    else:
        pr, pc = np.nonzero(np.isfinite(cm))
        pv = cm[pr, pc]
    pairs = Pairs(pr.astype(np.int64), pc.astype(np.int64), pv.astype(np.float64),
                  col.weights, col.n_groups, m)  # fmt: skip
    total = float(col.weights.sum())
    top = np.sort(cap[np.setdiff1d(np.arange(m), fx)])[::-1][:p].sum() + cap[fx].sum()
    if top < total - 1e-9 * max(1.0, total):
        raise InputError(
            f"The existing sites and the {p} largest candidates can serve at most {top:,.0f} "
            f"people, fewer than the {total:,.0f} to be assigned; raise p or the capacities."
        )
    monitor.report(10)
    backend = SparseCosts(cm, unserved) if sp.issparse(cm) else DenseCosts(cm, unserved)
    uncap = heur.interchange(backend, col.weights, heur.greedy(backend, col.weights, p, fx), fx)
    trials = [uncap]
    if method != "heuristic" or pairs.row.size <= 200_000:
        trials.append(_lp_rounding(pairs, fx, p, cap, ml, True, None, monitor, gap))
    best = _best_set(trials, pairs, fx, cap, ml, True, None, monitor, gap, maximise=False)
    heur_value = best[1] if best else np.nan
    chosen = best[0] if best else np.zeros(0, dtype=np.int64)
    value, bound, method_used, limit_hit, notes = heur_value, np.nan, "heuristic", False, []
    if method != "heuristic":
        sol = solve_assignment(pairs, fx, p, cap, ml, True, None, monitor.remaining(), gap)
        if sol.outcome.infeasible:
            raise InputError(
                "No choice of sites can serve everyone within the capacities and minimum loads."
            )
        limit_hit = sol.outcome.limit_hit
        if sol.outcome.has_solution:
            method_used, bound = "milp", sol.bound
            if not best or sol.value <= value + 1e-9 * max(1.0, abs(sol.value)):
                chosen, value = sol.open_cols[~np.isin(sol.open_cols, fx)], sol.value
        else:
            notes.append("time limit hit before the MILP found a solution; heuristic answer")
    if not best and method_used == "heuristic":
        raise InputError("No feasible choice of sites was found for these capacities and loads.")
    order = _order(chosen, pairs, cap)
    curve = _curve(order, pairs, fx, cap, ml, True, None, monitor, gap, False, 0.0)
    final = solve_assignment(pairs, fx, 0, cap, ml, True, None, monitor.remaining(), gap,
                             open_only=np.concatenate([fx, order]))  # fmt: skip
    gapv = relative_gap(value, bound)
    if method_used == "heuristic" and not np.isfinite(gapv):
        notes.append("heuristic only (no bound proven)")
    return SelectionResult(
        problem="pmedian", method=method_used, sites=order, fixed=fx, objective=float(value),
        bound=float(bound), gap=gapv, optimal=bool(np.isfinite(gapv) and gapv <= gap + 1e-9),
        time_s=monitor.elapsed(), time_limit_hit=bool(limit_hit), curve=curve,
        marginal=-np.diff(np.concatenate([[np.nan], curve])), total_weight=float(w.sum()),
        covered_weight=float(final.row_served.sum()), already_covered_weight=0.0,
        unreachable_weight=float(w[~reach].sum()), unreachable=np.flatnonzero(~reach & (w > 0)),
        heuristic_objective=float(heur_value), site_load=final.load,
        n_rows_solved=int(col.n_groups), message="; ".join(notes),
    )  # fmt: skip
