"""Exact single-vehicle covering tour by MILP (scipy's HiGHS) with subtour cuts added as needed.

Undirected formulation over the depot and the candidate stops: ``x[e]`` = edge e is driven
(0..2 for depot edges, so depot - stop - depot is a tour), ``y[j]`` = candidate j is visited.
Degree constraints tie x to y, every demand point with weight > 0 is covered by a visited
candidate (or, for a target share, the covered weight reaches it), optional limits on stops
and route minutes. Subtours are cut (``sum of x over the boundary of S >= 2 y[k]`` for every
k in a component S without the depot), first on the LP relaxation, then on integer solutions,
until the solution is one tour. Every intermediate MILP is a relaxation, so its value is a
valid lower bound even when the time runs out.

For metric travel times the optimum without stop/minute limits is also a lower bound for any
number of vehicles (merging routes at the depot never makes them longer), which is how the
bench bounds the multi-vehicle instances.
"""

from __future__ import annotations

import time
from typing import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components, maximum_flow

from ..errors import InputError
from .covering import CoveringTour
from .covering_input import check_target, prepare_cover


def exact_covering_tour(
    matrix: np.ndarray,
    depot: int,
    candidates: Sequence[int],
    coverage: np.ndarray,
    weights: Sequence[float] | None = None,
    *,
    max_stops: int | None = None,
    max_route_minutes: float | None = None,
    dwell_minutes: float | Sequence[float] = 0.0,
    target_share: float = 1.0,
    mandatory: Sequence[int] = (),
    names: Sequence[str] | None = None,
    time_limit: float = 30.0,
) -> CoveringTour:
    """The shortest single covering tour, proven optimal; or, when ``time_limit`` runs out, a
    result with ``optimal=False``, no routes and ``lower_bound`` set (the best bound found).

    Needs symmetric travel times (undirected formulation)."""
    prob = prepare_cover(
        matrix,
        depot,
        candidates,
        coverage,
        weights,
        dwell_minutes,
        mandatory,
        max_route_minutes,
        names,
    )
    if not prob.symmetric:
        raise InputError(
            "The exact covering tour needs symmetric travel times (same both ways); use "
            "covering_tour for one-way roads."
        )
    target = check_target(prob, target_share, names)
    usable = [j for j, ok in enumerate(prob.usable) if ok]
    nodes = [0] + [j + 1 for j in usable]  # model vertex -> local id
    nv = len(nodes)
    edges = [(a, b) for a in range(nv) for b in range(a + 1, nv)]
    ne, ny = len(edges), nv - 1
    w = np.asarray(prob.weights)
    full = target >= prob.total_weight - 1e-6 * max(1.0, prob.total_weight)
    dem = np.flatnonzero(w > 0)
    nz = 0 if full else len(dem)
    nvar = ne + ny + nz
    d = np.asarray(prob.d)
    cost = np.zeros(nvar)
    cost[:ne] = [d[nodes[a], nodes[b]] for a, b in edges]
    cost[ne : ne + ny] = [prob.dwell[j] for j in usable]
    rows: list[tuple[dict[int, float], float, float]] = []
    at: list[list[int]] = [[] for _ in range(nv)]
    for e, (a, b) in enumerate(edges):
        at[a].append(e)
        at[b].append(e)
        if a > 0:  # an edge between two stops needs both visited
            rows.append(({e: 1.0, ne + a - 1: -1.0}, -np.inf, 0.0))
            rows.append(({e: 1.0, ne + b - 1: -1.0}, -np.inf, 0.0))
        else:
            rows.append(({e: 1.0, ne + b - 1: -2.0}, -np.inf, 0.0))
    for v in range(nv):
        row = dict.fromkeys(at[v], 1.0)
        if v == 0:
            rows.append((row, 2.0, 2.0))
        else:
            row[ne + v - 1] = -2.0
            rows.append((row, 0.0, 0.0))
    pos_of = {j: i for i, j in enumerate(usable)}
    cover_of: list[list[int]] = [[] for _ in range(len(w))]
    for j in usable:
        for i in prob.cover[j]:
            cover_of[i].append(pos_of[j])
    if full:
        for i in dem:
            rows.append(({ne + c: 1.0 for c in cover_of[i]}, 1.0, np.inf))
    else:
        for zi, i in enumerate(dem):
            row = {ne + c: -1.0 for c in cover_of[i]}
            row[ne + ny + zi] = 1.0
            rows.append((row, -np.inf, 0.0))
        rows.append(({ne + ny + zi: float(w[i]) for zi, i in enumerate(dem)}, target, np.inf))
    if max_stops is not None:
        rows.append(({ne + c: 1.0 for c in range(ny)}, -np.inf, float(max_stops)))
    if max_route_minutes is not None:
        rows.append(
            ({e: cost[e] for e in range(ne + ny) if cost[e]}, -np.inf, float(max_route_minutes))
        )
    lo = np.zeros(nvar)
    hi = np.ones(nvar)
    hi[[e for e, (a, _) in enumerate(edges) if a == 0]] = 2.0  # depot - stop - depot
    for j in prob.mandatory:
        lo[ne + pos_of[j]] = 1.0
    t0 = time.perf_counter()
    bound = 0.0
    # 1. LP relaxation with subtour cuts on the connected components of its support
    for _ in range(200):
        left = time_limit - (time.perf_counter() - t0)
        if left <= 0:
            return _bound_only(prob, bound)
        res = milp(
            cost,
            integrality=np.zeros(nvar),
            bounds=Bounds(lo, hi),
            constraints=[_constraint(rows, nvar)],
            options={"time_limit": left, "disp": False},
        )
        if res.status == 2:
            raise InputError(
                "No single route can cover the demand within the given stop and minute limits; "
                "allow more stops or minutes, more vehicles, or lower target_share."
            )
        if res.x is None or res.status != 0:
            return _bound_only(prob, bound)
        bound = max(bound, float(res.fun))
        if not (
            _add_cuts(rows, res.x, edges, nv, ne, eps=1e-6)
            or _add_min_cuts(rows, res.x, edges, nv, ne)
        ):
            break
    # 2. integer rounds, cutting the subtours of each solution
    integrality = np.r_[np.ones(ne + ny), np.zeros(nz)]
    while True:
        left = time_limit - (time.perf_counter() - t0)
        if left <= 0:
            return _bound_only(prob, bound)
        res = milp(
            cost,
            integrality=integrality,
            bounds=Bounds(lo, hi),
            constraints=[_constraint(rows, nvar)],
            options={"time_limit": left, "disp": False},
        )
        if res.status == 2:
            raise InputError(
                "No single route can cover the demand within the given stop and minute limits; "
                "allow more stops or minutes, more vehicles, or lower target_share."
            )
        if res.x is None or res.status != 0:
            db = getattr(res, "mip_dual_bound", None)
            if db is not None and np.isfinite(db):
                bound = max(bound, float(db))
            return _bound_only(prob, bound)
        bound = max(bound, float(res.fun))
        if not _add_cuts(rows, res.x, edges, nv, ne, eps=0.5):
            order = [usable[v - 1] for v in _tour_order(res.x, edges, nv)]
            return _tour_result(prob, order, float(res.fun))


def _add_cuts(rows, x, edges, nv, ne, eps) -> bool:
    """Subtour cuts sum(x over the boundary of S) >= 2 y_k for components S without the depot."""
    used = [(a, b) for e, (a, b) in enumerate(edges) if x[e] > eps]
    if not used:
        return False
    a_idx = [a for a, _ in used]
    b_idx = [b for _, b in used]
    graph = coo_matrix((np.ones(len(used)), (a_idx, b_idx)), shape=(nv, nv))
    n_comp, comp = connected_components(graph, directed=False)
    visited = np.zeros(nv, dtype=bool)
    visited[a_idx] = True
    visited[b_idx] = True
    added = False
    for c in range(n_comp):
        members = np.flatnonzero((comp == c) & visited)
        if comp[0] == c or members.size == 0:
            continue
        inside = set(members.tolist())
        boundary = {e: 1.0 for e, (a, b) in enumerate(edges) if (a in inside) != (b in inside)}
        for k in members:
            row = dict(boundary)
            row[ne + k - 1] = -2.0
            rows.append((row, 0.0, np.inf))
        added = True
    return added


def _constraint(rows, nvar) -> LinearConstraint:
    r, c, v = [], [], []
    lb, ub = [], []
    for i, (row, lo, hi) in enumerate(rows):
        for j, val in row.items():
            r.append(i)
            c.append(j)
            v.append(val)
        lb.append(lo)
        ub.append(hi)
    a = coo_matrix((v, (r, c)), shape=(len(rows), nvar)).tocsr()
    return LinearConstraint(a, np.asarray(lb), np.asarray(ub))


def _add_min_cuts(rows, x, edges, nv, ne, scale: float = 1e6) -> bool:
    """Fractional subtour cuts: for each visited k, a minimum depot-k cut below 2 y_k is cut."""
    y = x[ne : ne + nv - 1]
    used = [e for e in range(ne) if x[e] > 1e-9]
    if not used:
        return False
    a_idx = np.array([edges[e][0] for e in used])
    b_idx = np.array([edges[e][1] for e in used])
    cap = np.maximum(1, np.round(x[used] * scale)).astype(np.int32)
    graph = csr_matrix(
        (np.r_[cap, cap], (np.r_[a_idx, b_idx], np.r_[b_idx, a_idx])), shape=(nv, nv)
    )
    graph.sum_duplicates()
    added_sets: set[frozenset[int]] = set()
    for k in np.argsort(-y):
        if y[k] < 1e-4:
            break
        sink = int(k) + 1
        res = maximum_flow(graph, 0, sink)
        if res.flow_value >= (2.0 * y[k] - 1e-4) * scale:
            continue
        residual = graph - res.flow
        reach = breadth_first_order(residual > 0, 0, directed=True, return_predecessors=False)
        inside = set(range(nv)) - {int(v) for v in reach}
        key = frozenset(inside)
        if 0 in inside or not inside or key in added_sets:
            continue
        added_sets.add(key)
        boundary = {e: 1.0 for e, (a, b) in enumerate(edges) if (a in inside) != (b in inside)}
        for v in inside:
            row = dict(boundary)
            row[ne + v - 1] = -2.0
            rows.append((row, 0.0, np.inf))
    return bool(added_sets)


def _tour_order(x, edges, nv) -> list[int]:
    """Visiting order (model vertices) of the single tour in an integral solution."""
    adj: list[list[int]] = [[] for _ in range(nv)]
    for e, (a, b) in enumerate(edges):
        for _ in range(int(np.rint(x[e]))):
            adj[a].append(b)
            adj[b].append(a)
    order = []
    prev, v = 0, adj[0][0] if adj[0] else 0
    while v != 0:
        order.append(v)
        nxt = adj[v][0] if adj[v][0] != prev or len(adj[v]) == 1 else adj[v][1]
        prev, v = v, nxt
    return order


def _tour_result(prob, order, value) -> CoveringTour:
    cnt = np.zeros(len(prob.weights), dtype=int)
    for j in order:
        cnt[prob.cover[j]] += 1
    w = np.asarray(prob.weights)
    covered = float(w[cnt > 0].sum())
    route = tuple(prob.candidates[j] for j in order)
    minutes = float(value)
    return CoveringTour(
        stops=tuple(sorted(order)),
        routes=(route,) if order else (),
        route_stops=(tuple(order),) if order else (),
        route_minutes=(minutes,) if order else (),
        total_minutes=minutes,
        covered_weight=covered,
        total_weight=prob.total_weight,
        uncovered=tuple(int(i) for i in np.flatnonzero(cnt == 0)),
        lower_bound=minutes,
        optimal=True,
    )


def _bound_only(prob, bound: float) -> CoveringTour:
    return CoveringTour(
        stops=(),
        routes=(),
        route_stops=(),
        route_minutes=(),
        total_minutes=float("nan"),
        covered_weight=0.0,
        total_weight=prob.total_weight,
        uncovered=tuple(range(len(prob.weights))),
        lower_bound=bound,
        optimal=False,
    )
