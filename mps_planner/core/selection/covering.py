"""Maximal covering (MCLP) and set covering / target coverage (LSCP) with existing sites kept.

Both take a demand × candidate boolean coverage matrix (candidate j covers demand i within the
standard, e.g. ``minutes <= T``), people per demand row, and the existing sites either as
columns of the same matrix (``fixed``) or as a precomputed ``already_covered`` mask (or both).
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from . import coverage_milp
from .coverage_bound import lagrangian_bound
from .coverage_heuristic import CoverState, greedy, iterated_swaps, rank_sites, swap_improve
from .coverage_prep import CoverPrep, prepare, require_reachable
from .inputs import CancelFn, FloorSpec, Monitor, ProgressFn, check_p, pct
from .result import SelectionResult, relative_gap

METHODS = ("auto", "exact", "heuristic")
#: above this many matrix entries (after collapsing) "auto" does not try the MILP
AUTO_MILP_MAX_NNZ = 20_000_000
#: iterated local search after greedy + swaps: at most this many perturbations, and at most
#: ILS_FACTOR times the time greedy + swaps took (but at least ILS_MIN_S seconds)
ILS_ROUNDS = 30
ILS_FACTOR = 2.0
ILS_MIN_S = 0.5
#: before a MILP, iterate only on instances with more entries than this, and for at most this
#: share of the time limit
ILS_BEFORE_MILP_NNZ = 100_000
#: least time given to the Lagrangian bound (seconds)
LAGRANGE_MIN_S = 0.3
ILS_SHARE_BEFORE_MILP = 0.1


def _check_method(method: str) -> str:
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")
    return method


def _heuristic_mclp(
    prep: CoverPrep, p: int, monitor: Monitor, ils: bool = True, milp_follows: bool = False
) -> tuple[np.ndarray, float, float]:
    """Greedy, swaps, then (``ils``) iterated swaps; returns (chosen, value, greedy value)."""
    t0 = monitor.elapsed()
    state = CoverState(prep.a, prep.w, prep.floor)
    greedy(state, p)
    greedy_value = state.value()
    monitor.check()
    swap_improve(state, monitor)
    if ils:
        budget = max(ILS_MIN_S, ILS_FACTOR * (monitor.elapsed() - t0))
        if milp_follows and monitor.time_limit is not None:
            budget = min(budget, ILS_SHARE_BEFORE_MILP * monitor.time_limit)
        iterated_swaps(state, monitor, rounds=ILS_ROUNDS, budget_s=budget)
    return np.flatnonzero(state.open), state.value(), greedy_value


def _floor_short(prep: CoverPrep, chosen: np.ndarray) -> list[str]:
    """Messages for districts below their floor with these sites."""
    d = prep.districts
    if d is None:
        return []
    shares = d.shares(prep.covered_rows(chosen), prep.weights)
    return [
        f"{d.names[k]} {pct(shares[k])} < {pct(d.floors[k])}"
        for k in np.flatnonzero(d.floors > 0)
        if shares[k] < d.floors[k] - 1e-9
    ]


def _result(
    prep: CoverPrep,
    problem: str,
    method: str,
    chosen: np.ndarray,
    objective: float,
    bound: float,
    gap_tol: float,
    monitor: Monitor,
    limit_hit: bool,
    heuristic_value: float,
    message: str,
) -> SelectionResult:
    order, marginal = rank_sites(prep.a, prep.w, chosen)
    cov = prep.covered_rows(order)
    gap = relative_gap(objective, bound)
    d = prep.districts
    notes = [message] if message else []
    unreach = prep.unreachable_rows
    if unreach.size:
        notes.append(
            f"{prep.unreachable_weight:,.0f} people in {unreach.size} demand rows are beyond "
            "every candidate and existing site (see 'unreachable')"
        )
    return SelectionResult(
        problem=problem,
        method=method,
        sites=prep.free[order],
        fixed=prep.fixed,
        objective=float(objective),
        bound=float(bound),
        gap=gap,
        optimal=bool(np.isfinite(gap) and gap <= gap_tol + 1e-9),
        time_s=monitor.elapsed(),
        time_limit_hit=limit_hit,
        curve=np.cumsum(marginal),
        marginal=marginal,
        total_weight=prep.total,
        covered_weight=float(prep.weights[cov].sum()),
        already_covered_weight=prep.base_weight,
        unreachable_weight=prep.unreachable_weight,
        unreachable=unreach,
        heuristic_objective=float(heuristic_value),
        district_shares={} if d is None else d.share_dict(cov, prep.weights),
        n_rows_solved=int(prep.a.shape[0]),
        message="; ".join(notes),
    )


def _use_milp(method: str, prep: CoverPrep) -> bool:
    return method == "exact" or (method == "auto" and prep.a.nnz <= AUTO_MILP_MAX_NNZ)


def maximal_covering(
    coverage: object,
    weights: object,
    p: int,
    *,
    fixed: object = None,
    already_covered: object = None,
    districts: object = None,
    floors: FloorSpec = None,
    capacities: object = None,
    min_load: object = None,
    method: str = "auto",
    time_limit: float | None = 60.0,
    mip_rel_gap: float = 1e-4,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> SelectionResult:
    """Choose ``p`` new sites maximising the people newly covered; existing sites stay.

    ``coverage``: demand × candidate boolean matrix (scipy.sparse or dense). ``weights``:
    people per demand row. ``fixed``: column indices of existing sites (kept, not counted in p).
    ``already_covered``: demand rows covered by existing sites outside the matrix.
    ``districts`` / ``floors``: label per demand row and the minimum covered share (0..1) per
    district (a number for all districts or a mapping label → share). ``capacities``: people
    each column can serve (switches to the capacitated model, see :mod:`.capacity`).
    ``method``: ``"heuristic"`` (greedy, swaps, iterated swaps), ``"exact"`` (greedy and
    swaps as the incumbent, then the MILP), or ``"auto"`` (exact unless the collapsed matrix
    has more than ``AUTO_MILP_MAX_NNZ`` entries).
    ``time_limit`` (seconds) bounds the whole run; when it runs out before the MILP found a
    solution, the heuristic's answer is returned and ``message`` says so.
    """
    _check_method(method)
    monitor = Monitor(progress, cancel, time_limit)
    if capacities is not None:
        from .capacity import capacitated_covering

        return capacitated_covering(
            coverage, weights, p, fixed, already_covered, districts, floors, capacities,
            min_load, method, monitor, mip_rel_gap,
        )  # fmt: skip
    prep = prepare(coverage, weights, fixed, already_covered, districts, floors)
    p = check_p(p, prep.free.size, prep.fixed.size)
    require_reachable(prep)
    monitor.report(5)
    milp_next = _use_milp(method, prep)
    # before a MILP the iterated search only pays on large instances (small ones solve fast)
    ils = not milp_next or prep.a.nnz > ILS_BEFORE_MILP_NNZ
    chosen, value, greedy_value = _heuristic_mclp(prep, p, monitor, ils, milp_follows=milp_next)
    short = _floor_short(prep, chosen)
    monitor.report(30)
    if not milp_next:
        bound = _lagrangian(prep, p, value, monitor, heuristic_s=monitor.elapsed())
        note = "heuristic; bound by Lagrangian relaxation"
        if method == "auto":
            note += f"; the collapsed matrix has {prep.a.nnz:,} entries, too many for the MILP"
        if short:
            note += "; floors not met by the heuristic: " + ", ".join(short)
        res = _result(
            prep, "mclp", "heuristic", chosen, value, bound, mip_rel_gap, monitor,
            monitor.out_of_time(), greedy_value, note,
        )  # fmt: skip
        monitor.done()
        return res
    sol = coverage_milp.mclp(prep.a, prep.w, p, prep.floor, monitor.remaining(), mip_rel_gap)
    monitor.check()
    out = sol.outcome
    if out.infeasible:
        raise InputError(_explain_floor_infeasible(prep, p, monitor, mip_rel_gap))
    limit_hit = out.limit_hit
    if not out.has_solution:
        note = "time limit hit before the MILP found a solution; this is the heuristic's answer"
        if short:
            note += "; floors not met: " + ", ".join(short)
        bound = min(sol.bound, _lagrangian(prep, p, value, monitor, heuristic_s=1.0))
        note += "; bound by Lagrangian relaxation" if bound < sol.bound else ""
        res = _result(
            prep, "mclp", "heuristic", chosen, value, bound, mip_rel_gap, monitor, True,
            greedy_value, note,
        )  # fmt: skip
        monitor.done()
        return res
    notes = []
    use_heuristic = sol.value < value - 1e-9 * prep.total and not short
    if use_heuristic:
        notes.append("the heuristic's answer is better than the MILP's incumbent and is kept")
    best, best_value = (chosen, value) if use_heuristic else (sol.chosen, sol.value)
    bound = sol.bound
    if limit_hit:
        notes.append("time limit hit; the MILP stopped before proving optimality")
        lagr = _lagrangian(prep, p, best_value, monitor, heuristic_s=1.0)
        if lagr < bound:
            bound = lagr
            notes.append("bound by Lagrangian relaxation (tighter than the MILP's)")
    res = _result(
        prep, "mclp", "milp", best, best_value, bound, mip_rel_gap, monitor, limit_hit,
        value, "; ".join(notes),
    )  # fmt: skip
    monitor.done()
    return res


def _lagrangian(prep: CoverPrep, p: int, value: float, monitor: Monitor, heuristic_s: float):
    """Lagrangian upper bound on people newly covered, within a budget like the heuristic's."""
    budget = max(LAGRANGE_MIN_S, heuristic_s)
    if monitor.time_limit is not None and monitor.out_of_time():
        budget = LAGRANGE_MIN_S
    return lagrangian_bound(prep.a, prep.w, p, value, budget_s=budget)


def _explain_floor_infeasible(prep: CoverPrep, p: int, monitor: Monitor, gap: float) -> str:
    """Why no p sites meet every floor: districts that fail alone, or the joint conflict."""
    d = prep.districts
    fl = prep.floor
    assert d is not None and fl is not None
    alone = []
    for k_act, k in enumerate(prep.active):
        rows = np.flatnonzero(np.asarray(fl.matrix[:, k_act].todense()).ravel() > 0)
        sub = prep.a[rows]
        sol = coverage_milp.mclp(sub, prep.w[rows], p, None, max(1.0, monitor.remaining()), gap)
        base_k = d.totals[k] * d.floors[k] - fl.need[k_act]
        most = (base_k + sol.bound) / d.totals[k]
        if most < d.floors[k] - 1e-9:
            alone.append(
                f"{d.names[k]}: {p} new sites can cover at most {pct(most)} of its people; "
                f"the floor asks {pct(d.floors[k])}"
            )
    if alone:
        return (
            "The equity floor cannot be met with p = "
            f"{p} new sites. " + "; ".join(alone) + ". Raise p or lower these floors."
        )
    names = ", ".join(d.names[k] for k in prep.active)
    return (
        f"No choice of {p} new sites meets the floors of {names} at the same time (each can be "
        "met alone). Raise p or lower some floors."
    )


def set_covering(
    coverage: object,
    weights: object,
    *,
    target: float | None = None,
    fixed: object = None,
    already_covered: object = None,
    districts: object = None,
    floors: FloorSpec = None,
    method: str = "auto",
    time_limit: float | None = 60.0,
    mip_rel_gap: float = 1e-4,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> SelectionResult:
    """The fewest new sites so that ``target`` (share 0..1 of all people) is covered.

    ``target=None`` covers everyone any candidate can reach; people no candidate or existing
    site reaches are listed in ``result.unreachable`` (demand rows) and the message. Floors,
    existing sites and methods as in :func:`maximal_covering`; ``objective`` is the number of
    new sites and ``curve`` the people newly covered after each of them.
    """
    _check_method(method)
    monitor = Monitor(progress, cancel, time_limit)
    prep = prepare(coverage, weights, fixed, already_covered, districts, floors)
    total = prep.total
    tol = 1e-9 * max(1.0, total)
    reach_w = float(prep.w.sum())
    if target is None:
        need = None
        need_w = reach_w
    else:
        t = float(target)
        if not np.isfinite(t) or t <= 0 or t > 1:
            raise InputError(f"The target must be a share in (0, 1] (80 % is 0.8), got {target}.")
        need_w = t * total - prep.base_weight
        most = (prep.base_weight + reach_w) / total
        if t > most + 1e-12:
            raise InputError(
                f"At most {pct(most)} of the people are within reach of any candidate or "
                f"existing site; the target asks {pct(t)}. {prep.unreachable_weight:,.0f} people "
                "are beyond every candidate: lower the target, allow a longer travel time or add "
                "candidates near them."
            )
        need = need_w
    if need_w <= tol and prep.floor is None:
        res = _result(
            prep, "lscp", "none", np.zeros(0, dtype=np.int64), 0.0, 0.0, mip_rel_gap, monitor,
            False, 0.0, "the existing sites already meet the target; no new site is needed",
        )  # fmt: skip
        res.optimal = True
        return res
    require_reachable(prep)
    monitor.report(5)
    chosen = _heuristic_lscp(prep, need_w, monitor, ils=not _use_milp(method, prep))
    heur_n = float(chosen.size)
    monitor.report(40)
    if not _use_milp(method, prep):
        return _result(
            prep, "lscp", "heuristic", chosen, heur_n, float("nan"), mip_rel_gap, monitor,
            monitor.out_of_time(), heur_n, "heuristic only (no bound proven)",
        )  # fmt: skip
    sol = coverage_milp.lscp(prep.a, prep.w, need, prep.floor, monitor.remaining(), mip_rel_gap)
    monitor.check()
    out = sol.outcome
    if out.infeasible:
        raise InputError(
            "No set of candidates meets the target and every floor together; lower the target "
            "or the floors."
        )
    if not out.has_solution:
        bound = sol.bound if np.isfinite(sol.bound) else float("nan")
        return _result(
            prep, "lscp", "heuristic", chosen, heur_n, bound, mip_rel_gap, monitor, True, heur_n,
            "time limit hit before the MILP found a solution; this is the heuristic's answer",
        )  # fmt: skip
    best = sol.chosen if sol.chosen.size <= chosen.size else chosen
    best = _spread(prep, best, need_w, monitor)
    notes = ["time limit hit before optimality was proven"] if out.limit_hit else []
    gap_tol = 0.0  # a site count is either proven minimal or not
    res = _result(
        prep, "lscp", "milp", best, float(best.size), sol.bound, gap_tol, monitor,
        out.limit_hit, heur_n, "; ".join(notes),
    )  # fmt: skip
    monitor.done()
    return res


def _spread(prep: CoverPrep, chosen: np.ndarray, need: float, monitor: Monitor) -> np.ndarray:
    """The same number of sites placed to cover the most people, if that still meets the target."""
    if chosen.size == 0:
        return chosen
    state = CoverState(prep.a, prep.w, prep.floor)
    for j in chosen:
        state.add(int(j))
    before = state.value()
    swap_improve(state, monitor)
    if _meets(state, need) and state.value() > before:
        return np.flatnonzero(state.open)
    return chosen


def _meets(state: CoverState, need: float) -> bool:
    return state.value() >= need - state.tol and state.shortfall() <= state.tol


def _heuristic_lscp(prep: CoverPrep, need: float, monitor: Monitor, ils: bool) -> np.ndarray:
    """Greedy until the target and floors are met, then try ever fewer sites with swaps."""
    state = CoverState(prep.a, prep.w, prep.floor)
    greedy(state, prep.free.size, stop_when=need)
    if not _meets(state, need):
        raise InputError(
            "Even all candidates together do not meet the target and the floors; lower them."
        )
    _drop_redundant(state, need)
    best = np.flatnonzero(state.open)
    k = best.size - 1
    while k >= 1 and not monitor.out_of_time():
        monitor.check()
        # two starts with one site fewer: fresh greedy, and the best set minus its weakest site
        fresh = CoverState(prep.a, prep.w, prep.floor)
        greedy(fresh, k)
        swap_improve(fresh, monitor)
        trial = fresh
        if not _meets(fresh, need):
            order, _ = rank_sites(prep.a, prep.w, best)
            reduced = CoverState(prep.a, prep.w, prep.floor)
            for j in order[:-1]:
                reduced.add(int(j))
            swap_improve(reduced, monitor)
            if _better_state(reduced, fresh):
                trial = reduced
        if ils and not _meets(trial, need):
            iterated_swaps(trial, monitor, rounds=2 * ILS_ROUNDS, budget_s=2 * ILS_MIN_S)
        if not _meets(trial, need):
            break
        _drop_redundant(trial, need)
        best = np.flatnonzero(trial.open)
        k = best.size - 1
    return best


def _better_state(a: CoverState, b: CoverState) -> bool:
    sa, sb = a.shortfall(), b.shortfall()
    return sa < sb - a.tol or (abs(sa - sb) <= a.tol and a.value() > b.value() + a.tol)


def _drop_redundant(state: CoverState, need: float) -> None:
    """Close sites (least useful first) as long as the target and floors stay met."""
    changed = True
    while changed:
        changed = False
        chosen = np.flatnonzero(state.open)
        if chosen.size <= 1:
            return
        order, _ = rank_sites(state.a, state.w, chosen)
        for j in order[::-1]:
            state.remove(int(j))
            if _meets(state, need):
                changed = True
                break
            state.add(int(j))


def coverage_by_budget(
    coverage: object,
    weights: object,
    p_max: int,
    *,
    method: str = "heuristic",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    **options: object,
) -> tuple[np.ndarray, list[SelectionResult]]:
    """People newly covered by the best k new sites, solved anew for each k = 1..p_max.

    Unlike ``SelectionResult.curve`` (the ranked prefix of one p-site answer), each k gets its
    own best set, so the curve answers "what does a budget of k sites buy". ``options`` are
    passed to :func:`maximal_covering` (fixed, already_covered, districts, floors, ...).
    Returns (objective per k, the results).
    """
    results: list[SelectionResult] = []
    for k in range(1, int(p_max) + 1):
        sub = None if progress is None else _scaled(progress, k - 1, p_max)
        results.append(
            maximal_covering(
                coverage, weights, k, method=method, progress=sub, cancel=cancel,
                **options,  # type: ignore[arg-type]
            )
        )  # fmt: skip
    return np.array([r.objective for r in results]), results


def _scaled(progress: ProgressFn, k: int, n: int) -> ProgressFn:
    return lambda v: progress(100.0 * (k + v / 100.0) / n)
