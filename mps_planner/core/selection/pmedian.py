"""p-median: open p new sites minimising people-weighted cost to the nearest open site.

Costs are a demand × site matrix in minutes or metres: dense (``inf`` = does not reach) or
scipy.sparse (stored entries are costs, explicit zeros included; a missing entry = does not
reach). Existing sites are columns listed in ``fixed``: always open, not counted in p.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ..errors import InputError, TooLargeError
from . import pmedian_heuristic as heur
from . import pmedian_milp
from .coverage_heuristic import FloorTerms
from .inputs import (
    CancelFn,
    Districts,
    FloorSpec,
    Monitor,
    ProgressFn,
    as_fixed,
    as_weights,
    check_p,
    make_districts,
    pct,
)
from .pmedian_costs import DenseCosts, SparseCosts
from .result import SelectionResult, relative_gap
from .signatures import collapse_dense, collapse_sparse

METHODS = ("auto", "exact", "heuristic")
#: dense matrices above this many entries are refused (pass a sparse matrix instead)
DENSE_MAX_ENTRIES = 50_000_000
#: "auto" tries the MILP only up to this many reachable (row, site) pairs after collapsing
AUTO_MILP_MAX_PAIRS = 2_000_000
ILS_ROUNDS = 30
ILS_FACTOR = 3.0
ILS_MIN_S = 0.5
ILS_BEFORE_MILP_PAIRS = 50_000
ILS_SHARE_BEFORE_MILP = 0.1


def as_costs(costs: object) -> np.ndarray | sp.csr_matrix:
    """Validate a cost matrix: 2-D, no NaN, no negative cost."""
    if sp.issparse(costs):
        c = sp.csr_matrix(costs, dtype=np.float64)
        c.sum_duplicates()
        data = c.data
    else:
        c = np.asarray(costs, dtype=np.float64)
        if c.ndim != 2:
            raise InputError(f"The cost matrix must be 2-D (demand × site), got shape {c.shape}.")
        if c.size > DENSE_MAX_ENTRIES:
            raise TooLargeError(
                f"The dense cost matrix has {c.size:,} entries; pass a scipy.sparse matrix "
                "holding only the reachable pairs (e.g. travel times up to a cut-off)."
            )
        data = c
    if c.shape[0] == 0 or c.shape[1] == 0:
        raise InputError(f"The cost matrix is empty ({c.shape[0]} × {c.shape[1]}).")
    if np.isnan(data).any():
        raise InputError(
            "The cost matrix contains NaN; mark unreachable pairs with inf (dense) or leave "
            "them out (sparse)."
        )
    if (data < 0).any():
        raise InputError("The cost matrix contains negative costs; costs are minutes or metres.")
    return c


def _min_cost(c: np.ndarray | sp.csr_matrix, cols: np.ndarray, unserved: float) -> np.ndarray:
    if cols.size == 0:
        return np.full(c.shape[0], np.inf)
    if sp.issparse(c):
        costs = SparseCosts(c, unserved)
        d = costs.nearest(cols)
        reach = sp.csr_matrix(c[:, cols]).getnnz(axis=1) > 0
        return np.where(reach, d, np.inf)
    return c[:, cols].min(axis=1)


def p_median(
    costs: object,
    weights: object,
    p: int,
    *,
    fixed: object = None,
    unserved_cost: float | None = None,
    districts: object = None,
    floors: FloorSpec = None,
    floor_within: float | None = None,
    capacities: object = None,
    min_load: object = None,
    method: str = "auto",
    time_limit: float | None = 60.0,
    mip_rel_gap: float = 1e-4,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> SelectionResult:
    """Choose ``p`` new sites minimising sum(weight × cost to the nearest open site).

    ``unserved_cost``: cost charged per person whom no open site reaches (default: the largest
    finite cost in the matrix). People whom no site at all reaches are left out of the
    objective and listed in ``result.unreachable``. ``floors`` with ``floor_within`` (cost
    units): every district must have at least that share of its people within
    ``floor_within`` of their nearest open site. ``capacities`` (people per column) switch to
    the capacitated model (see :mod:`.capacity`); ``min_load`` is then the fewest people an
    open site must serve. Methods and time limit as in :func:`.maximal_covering`.
    """
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")
    monitor = Monitor(progress, cancel, time_limit)
    c = as_costs(costs)
    n, m = c.shape
    w = as_weights(weights, n)
    fx = as_fixed(fixed, m)  # type: ignore[arg-type]
    p = check_p(p, m - fx.size, fx.size)
    finite_max = _finite_max(c)
    if unserved_cost is None:
        unserved = finite_max
    else:
        unserved = float(unserved_cost)
        if not np.isfinite(unserved) or unserved < finite_max:
            raise InputError(
                f"unserved_cost ({unserved_cost}) must be finite and at least the largest cost "
                f"in the matrix ({finite_max:g})."
            )
    if capacities is not None:
        from .capacity import capacitated_pmedian

        return capacitated_pmedian(
            c, w, p, fx, unserved, districts, floors, floor_within, capacities, min_load,
            method, monitor, mip_rel_gap,
        )  # fmt: skip
    all_cols = np.arange(m)
    best_reach = _min_cost(c, all_cols, np.inf)
    reach = np.isfinite(best_reach)
    if not (reach & (w > 0)).any():
        raise InputError(
            f"No site reaches any of the {n} demand rows: every cost is inf (or missing)."
        )
    dist = make_districts(districts, floors, w)  # type: ignore[arg-type]
    floor, keys = None, None
    if dist is not None and (dist.floors > 0).any():
        if floor_within is None:
            raise InputError(
                "An equity floor for p-median needs 'floor_within': the cost (minutes or "
                "metres) within which a person counts as covered."
            )
        if float(floor_within) >= unserved:
            raise InputError(
                f"floor_within ({floor_within:g}) must be below the unserved cost "
                f"({unserved:g}), or people no site reaches would count as covered; pass an "
                "unserved_cost larger than floor_within."
            )
        _check_floor(dist, w, best_reach <= floor_within, float(floor_within))
    rows = np.flatnonzero(reach & (w > 0))
    active = np.zeros(0, dtype=np.int64)
    if dist is not None and (dist.floors > 0).any():
        active = np.flatnonzero(dist.floors > 0)
        code_map = np.full(dist.count, -1, dtype=np.int64)
        code_map[active] = np.arange(active.size)
        keys = code_map[dist.codes[rows]]
    sub = c[rows]
    if sp.issparse(sub):
        col = collapse_sparse(sub, w[rows], keys)
    else:
        col = collapse_dense(sub, w[rows], keys)
    cw = col.weights
    cm = col.matrix
    if keys is not None:
        floor = FloorTerms.build(keys[col.first], cw, dist.need()[active])  # type: ignore[union-attr]
    monitor.report(5)
    pairs = cm.nnz if sp.issparse(cm) else int(np.isfinite(cm).sum())
    use_milp = method == "exact" or (method == "auto" and pairs <= AUTO_MILP_MAX_PAIRS)
    # ---- heuristic (the incumbent when the MILP follows; iterated when it does not)
    if floor is not None:
        if cm.shape[0] * cm.shape[1] > DENSE_MAX_ENTRIES:
            raise TooLargeError(
                f"An equity floor with p-median is solved on a dense matrix, and "
                f"{cm.shape[0]:,} demand rows × {cm.shape[1]:,} sites is too large; use "
                "maximal covering with the floor, or fewer candidates."
            )
        dense = cm.toarray() if sp.issparse(cm) else cm
        if sp.issparse(cm):
            dense = np.where(_stored_mask(cm), dense, np.inf)
        backend = DenseCosts(dense, unserved)
        chosen = heur.floor_greedy(backend, cw, p, fx, floor, float(floor_within))
        greedy_value = heur.objective(backend, cw, np.concatenate([fx, chosen]))
        free = heur.floor_swap(backend, cw, chosen, fx, floor, float(floor_within), monitor)
    else:
        backend = SparseCosts(cm, unserved) if sp.issparse(cm) else DenseCosts(cm, unserved)
        t0 = monitor.elapsed()
        chosen = heur.greedy(backend, cw, p, fx)
        greedy_value = heur.objective(backend, cw, np.concatenate([fx, chosen]))
        free = heur.interchange(backend, cw, chosen, fx, monitor)
        # before a MILP the iterated search only pays on large instances
        if not use_milp or pairs > ILS_BEFORE_MILP_PAIRS:
            budget = max(ILS_MIN_S, ILS_FACTOR * (monitor.elapsed() - t0))
            if use_milp and monitor.time_limit is not None:
                budget = min(budget, ILS_SHARE_BEFORE_MILP * monitor.time_limit)
            free = heur.iterated_interchange(
                backend, cw, free, fx, monitor, rounds=ILS_ROUNDS, budget_s=budget
            )
    value = heur.objective(backend, cw, np.concatenate([fx, free]))
    monitor.report(40)
    ctx = _Ctx(c, w, fx, rows, col.group, unserved, dist, floor_within, monitor, mip_rel_gap)
    if not use_milp:
        note = "heuristic only (no bound proven)"
        if method == "auto":
            note += f"; {pairs:,} reachable pairs are too many for the MILP"
        return ctx.result("heuristic", free, value, float("nan"), monitor.out_of_time(),
                          greedy_value, note, backend, cw)  # fmt: skip
    sol = pmedian_milp.solve(
        cm, cw, p, fx, unserved, floor, floor_within, monitor.remaining(), mip_rel_gap
    )
    monitor.check()
    out = sol.outcome
    if out.infeasible:
        raise InputError(
            f"No choice of {p} new sites meets every district floor within {floor_within:g}; "
            "raise p or lower the floors."
        )
    if not out.has_solution:
        return ctx.result(
            "heuristic", free, value, sol.bound, True, value,
            "time limit hit before the MILP found a solution; this is the heuristic's answer",
            backend, cw,
        )  # fmt: skip
    notes = ["time limit hit before optimality was proven"] if out.limit_hit else []
    best, best_value = sol.chosen, sol.value
    if value < sol.value - 1e-9 * max(1.0, abs(value)):
        notes.append("the heuristic's answer is better than the MILP's incumbent and is kept")
        best, best_value = free, value
    return ctx.result("milp", best, best_value, sol.bound, out.limit_hit, value,
                      "; ".join(notes), backend, cw)  # fmt: skip


def _finite_max(c: np.ndarray | sp.csr_matrix) -> float:
    data = c.data if sp.issparse(c) else c
    fin = data[np.isfinite(data)]
    return float(fin.max()) if fin.size else 0.0


def _stored_mask(c: sp.csr_matrix) -> np.ndarray:
    mask = sp.csr_matrix((np.ones(c.nnz, dtype=bool), c.indices, c.indptr), shape=c.shape)
    return mask.toarray()


def _check_floor(d: Districts, w: np.ndarray, can: np.ndarray, within: float) -> None:
    best = np.bincount(d.codes, weights=w * can, minlength=d.count)
    bad = []
    for k in np.flatnonzero(d.floors > 0):
        if d.totals[k] <= 0:
            continue
        most = best[k] / d.totals[k]
        if most < d.floors[k] - 1e-9:
            bad.append(
                f"{d.names[k]}: at most {pct(most)} of its people are within {within:g} of any "
                f"site; the floor asks {pct(d.floors[k])}"
            )
    if bad:
        raise InputError(
            "The equity floor cannot be met. " + "; ".join(bad) + ". Lower these floors, "
            "raise 'floor_within', or add candidates that reach them."
        )


class _Ctx:
    """What is needed to turn a chosen set into a SelectionResult."""

    def __init__(self, c, w, fixed, rows, group, unserved, dist, within, monitor, gap):
        self.c, self.w, self.fixed, self.rows, self.group = c, w, fixed, rows, group
        self.unserved, self.dist, self.within = unserved, dist, within
        self.monitor, self.gap = monitor, gap

    def result(self, method, free, value, bound, limit_hit, heuristic_value, message,
               backend, cw) -> SelectionResult:  # fmt: skip
        self.monitor.report(95)
        free = np.asarray(free, dtype=np.int64)
        order, curve, saving = heur.rank(backend, cw, free, self.fixed)
        if self.fixed.size == 0 and saving.size:
            saving[0] = np.nan
        open_cols = np.concatenate([self.fixed, order])
        n, m = self.c.shape
        assign = np.full(n, -1, dtype=np.int64)
        cost = np.full(n, np.inf)
        sub = self.c[self.rows]
        full = SparseCosts(sub, np.inf) if sp.issparse(sub) else DenseCosts(sub, np.inf)
        d1, _, phi = full.nearest_two(open_cols)
        reached = np.isfinite(d1) & (phi >= 0)
        assign[self.rows[reached]] = open_cols[phi[reached]]
        cost[self.rows[reached]] = d1[reached]
        load = np.bincount(assign[assign >= 0], weights=self.w[assign >= 0], minlength=m)
        covered = cost <= (self.within if self.within is not None else np.inf)
        unreach = np.flatnonzero((self.w > 0) & ~np.isin(np.arange(n), self.rows))
        notes = [message] if message else []
        if unreach.size:
            notes.append(
                f"{self.w[unreach].sum():,.0f} people in {unreach.size} demand rows are reached "
                "by no site (see 'unreachable'); they are left out of the objective"
            )
        unserved_w = float(self.w[self.rows][~reached].sum())
        if unserved_w > 0:
            notes.append(
                f"{unserved_w:,.0f} people are reached by no open site and are charged "
                f"{self.unserved:g} each"
            )
        gap = relative_gap(value, bound)
        self.monitor.done()
        return SelectionResult(
            problem="pmedian",
            method=method,
            sites=order,
            fixed=self.fixed,
            objective=float(value),
            bound=float(bound),
            gap=gap,
            optimal=bool(np.isfinite(gap) and gap <= self.gap + 1e-9),
            time_s=self.monitor.elapsed(),
            time_limit_hit=bool(limit_hit),
            curve=curve,
            marginal=saving,
            total_weight=float(self.w.sum()),
            covered_weight=float(self.w[covered].sum()),
            already_covered_weight=0.0,
            unreachable_weight=float(self.w[unreach].sum()),
            unreachable=unreach,
            heuristic_objective=float(heuristic_value),
            district_shares={} if self.dist is None else self.dist.share_dict(covered, self.w),
            assignment=assign,
            site_load=load,
            n_rows_solved=int(cw.size),
            message="; ".join(notes),
        )
