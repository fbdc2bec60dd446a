"""Covering tours: choose the stops as well as the routes.

Given candidate stop sites, demand points (settlements) with weights (people) and a coverage
relation (demand i is covered by candidate j when the residents' access time to j is within
the standard), find

* ``covering_tour``: the shortest routes (1..m vehicles, limits on stops and minutes per route)
  whose visited stops cover every demand point, or a target share of the people;
* ``max_covering_tour``: the most people reachable with m routes of at most L minutes each;
* ``coverage_tradeoff`` (tradeoff.py): both for 1, 2, 3 ... vehicles as a table.

Heuristic: greedy insertion by people gained per added minute, then local search (drop
redundant stops, swap a stop for a nearby one, add one and drop what became redundant, 2-opt/
Or-opt and relocation between routes), inside an iterated local search that removes a few
stops and repairs. Route minutes = travel + dwell at the visited stops.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import InputError
from .budget import Budget, CancelFn, ProgressFn
from .covering_input import CoverProblem, check_target, prepare_cover
from .tours import Tours

TOL = 1e-9


@dataclass(frozen=True)
class CoveringTour:
    """Visited stops, their routes and what they cover."""

    stops: tuple[int, ...]  # candidate positions visited, sorted
    routes: tuple[tuple[int, ...], ...]  # matrix nodes per route, visiting order, depot excluded
    route_stops: tuple[tuple[int, ...], ...]  # the same routes as candidate positions
    route_minutes: tuple[float, ...]  # travel + dwell of each route
    total_minutes: float
    covered_weight: float
    total_weight: float
    uncovered: tuple[int, ...]  # demand indices not covered
    lower_bound: float | None = None  # a proven bound on total_minutes (exact method)
    optimal: bool = False
    iterations: int = 0

    @property
    def share(self) -> float:
        return self.covered_weight / self.total_weight if self.total_weight > 0 else 1.0


class CoverSearch:
    """Selection + routes, in one of two modes: 'min' (minutes for a target) or 'max' (people)."""

    def __init__(self, prob: CoverProblem, tours: Tours, mode: str, target: float, seed: int):
        self.p = prob
        self.t = tours
        self.mode = mode
        self.target = target
        self.rng = random.Random(seed)
        self.cnt = [0] * len(prob.weights)
        self.W = 0.0

    # -- coverage bookkeeping ----------------------------------------------------------------------
    def gain(self, j: int) -> float:
        cnt, w = self.cnt, self.p.weights
        return sum(w[i] for i in self.p.cover[j] if cnt[i] == 0)

    def loss(self, j: int) -> float:
        cnt, w = self.cnt, self.p.weights
        return sum(w[i] for i in self.p.cover[j] if cnt[i] == 1)

    def _cover_add(self, j: int) -> None:
        for i in self.p.cover[j]:
            if self.cnt[i] == 0:
                self.W += self.p.weights[i]
            self.cnt[i] += 1

    def _cover_drop(self, j: int) -> None:
        for i in self.p.cover[j]:
            self.cnt[i] -= 1
            if self.cnt[i] == 0:
                self.W -= self.p.weights[i]

    def add(self, j: int, ins: tuple[float, int, int]) -> None:
        self.t.insert(j, ins[1], ins[2], ins[0])
        self._cover_add(j)

    def drop(self, j: int) -> None:
        self.t.remove(j)
        self._cover_drop(j)

    def score(self) -> tuple[float, float]:
        if self.mode == "min":
            return (max(0.0, self.target - self.W), self.t.total)
        return (-self.W, self.t.total)

    def snapshot(self):
        return (self.t.snapshot(), list(self.cnt), self.W)

    def restore(self, snap) -> None:
        tsnap, cnt, W = snap
        self.t.restore(tsnap)
        self.cnt = list(cnt)
        self.W = W

    def reached(self) -> bool:
        return self.target <= self.W

    # -- moves ------------------------------------------------------------------------------
    def greedy_fill(self, shortlist: int = 40) -> None:
        """Add stops by people gained per added minute until the target (or no gain) is met.

        Gains of all candidates come from one sparse product; the exact cheapest insertion is
        evaluated for the ``shortlist`` best by gain per estimated detour (twice the distance
        to the nearest visited stop or the depot, plus dwell)."""
        p = self.p
        w = np.asarray(p.weights)
        usable = np.asarray(p.usable)
        dwell = np.asarray(p.dwell)
        while self.mode == "max" or not self.reached():
            open_w = np.where(np.asarray(self.cnt) == 0, w, 0.0)
            gains = p.cover_matrix @ open_w
            gains[~usable] = 0.0
            chosen = list(self.t.where)
            if chosen:
                gains[chosen] = 0.0
            cand = np.flatnonzero(gains > 0)
            if cand.size == 0:
                return
            if cand.size > shortlist:
                on_route = [0, *(j + 1 for j in chosen)]
                detour = 2.0 * p.d_array[np.ix_(cand + 1, on_route)].min(axis=1) + dwell[cand]
                top = np.argsort(-gains[cand] / (detour + 1e-6), kind="stable")[:shortlist]
                cand = cand[top]
            best = None
            for j in cand.tolist():
                ins = self.t.insertion(j)
                if ins is None:
                    continue
                ratio = gains[j] / (ins[0] + 1e-6)
                if best is None or ratio > best[0]:
                    best = (ratio, j, ins)
            if best is None:
                if cand.size < np.count_nonzero(gains > 0):
                    shortlist = 10**9  # the shortlist did not fit: look at all of them
                    continue
                return
            self.add(best[1], best[2])

    def droppable(self, j: int) -> bool:
        if j in self.p.mandatory:
            return False
        lost = self.loss(j)
        if self.mode == "min":
            return self.W - lost >= self.target
        return lost <= 0

    def drop_redundant(self) -> bool:
        dropped = False
        while True:
            best = None
            for j in self.t.selected():
                if self.droppable(j):
                    s = self.t.removal_saving(j)
                    if best is None or s > best[0]:
                        best = (s, j)
            if best is None:
                return dropped
            self.drop(best[1])
            dropped = True

    def swap_pass(self) -> bool:
        """Replace a stop by a nearby one when that keeps the coverage and saves minutes (or, in
        'max' mode, covers more people)."""
        improved = False
        sel = self.t.selected()
        self.rng.shuffle(sel)
        w = self.p.weights
        for j in sel:
            if j not in self.t.where or j in self.p.mandatory:
                continue
            snap = self.snapshot()
            saving = self.t.removal_saving(j)
            self.drop(j)
            done = False
            for k in self.p.near[j]:
                if k in self.t.where:
                    continue
                g = sum(w[i] for i in self.p.cover[k] if self.cnt[i] == 0)
                new_w = self.W + g
                if self.mode == "min" and new_w < self.target:
                    continue
                if self.mode == "max" and new_w < snap[2] - TOL:
                    continue
                ins = self.t.insertion(k)
                if ins is None:
                    continue
                better = ins[0] < saving - 1e-7 or (self.mode == "max" and new_w > snap[2] + TOL)
                if better:
                    self.add(k, ins)
                    done = improved = True
                    break
            if not done:
                self.restore(snap)
        return improved

    def add_drop_pass(self, sample: int = 40) -> bool:
        """Add one stop, drop every stop that became redundant; keep it if minutes fall."""
        cands = [j for j, ok in enumerate(self.p.usable) if ok and j not in self.t.where]
        if len(cands) > sample:
            cands = self.rng.sample(cands, sample)
        improved = False
        for k in cands:
            if k in self.t.where:
                continue
            before = self.score()
            snap = self.snapshot()
            ins = self.t.insertion(k)
            if ins is None:
                continue
            self.add(k, ins)
            self.drop_redundant()
            if self.score() < (before[0], before[1] - 1e-7):
                improved = True
            else:
                self.restore(snap)
        return improved

    def descent(self, budget: Budget | None = None) -> None:
        for _ in range(50):
            if budget is not None and budget.expired():
                return
            before = self.score()
            self.drop_redundant()
            self.swap_pass()
            self.t.improve_routes()
            if self.mode == "min":
                self.add_drop_pass()
            else:
                self.greedy_fill()
            self.drop_redundant()
            if not self.score() < (before[0], before[1] - 1e-7):
                return

    def perturb(self) -> None:
        sel = [j for j in self.t.selected() if j not in self.p.mandatory]
        if sel:
            r = self.rng.randint(1, min(3, len(sel)))
            if self.rng.random() < 0.5:
                seed = self.rng.choice(sel)
                group = [seed] + [k for k in self.p.near[seed] if k in self.t.where]
                out = [k for k in group if k not in self.p.mandatory][:r]
            else:
                out = self.rng.sample(sel, r)
            for j in out:
                self.drop(j)
        free = [j for j, ok in enumerate(self.p.usable) if ok and j not in self.t.where]
        if free and self.rng.random() < 0.3:
            k = self.rng.choice(free)
            ins = self.t.insertion(k)
            if ins is not None:
                self.add(k, ins)
        self.greedy_fill()

    def run(self, budget: Budget, max_iterations: int | None) -> int:
        for j in self.p.mandatory:
            ins = self.t.insertion(j)
            if ins is None:
                raise InputError(f"Mandatory stop {j} does not fit in the route limits.")
            self.add(j, ins)
        self.greedy_fill()
        self.descent(budget)
        if not budget.expired():
            self.t.improve_routes(self.rng, kicks=20)
        best = self.score()
        best_snap = self.snapshot()
        it = 0
        while (max_iterations is None or it < max_iterations) and not budget.expired():
            if max_iterations is None and budget.time_limit is None:
                break
            if it % 8 == 0:
                budget.check()
                budget.report_time()
            it += 1
            self.perturb()
            self.descent(budget)
            sc = self.score()
            if sc <= best:
                if sc < best:
                    self.t.improve_routes(self.rng, kicks=20)
                    sc = self.score()
                best = sc
                best_snap = self.snapshot()
            else:
                self.restore(best_snap)
        self.restore(best_snap)
        self.t.improve_routes(self.rng, kicks=0 if budget.expired() else 50)
        return it


def _result(prob: CoverProblem, search: CoverSearch, iterations: int) -> CoveringTour:
    t = search.t
    order = sorted(range(len(t.routes)), key=lambda r: t.routes[r])
    route_stops = tuple(tuple(t.routes[r]) for r in order)
    routes = tuple(tuple(prob.candidates[j] for j in r) for r in route_stops)
    minutes = tuple(t.route_minutes(list(r)) for r in route_stops)
    uncovered = tuple(i for i, c in enumerate(search.cnt) if c == 0)
    covered = sum(w for w, c in zip(prob.weights, search.cnt) if c > 0)
    return CoveringTour(
        stops=tuple(sorted(t.where)),
        routes=routes,
        route_stops=route_stops,
        route_minutes=minutes,
        total_minutes=float(sum(minutes)),
        covered_weight=float(covered),
        total_weight=prob.total_weight,
        uncovered=uncovered,
        iterations=iterations,
    )


def covering_tour(
    matrix: np.ndarray,
    depot: int,
    candidates: Sequence[int],
    coverage: np.ndarray,
    weights: Sequence[float] | None = None,
    *,
    n_vehicles: int | None = 1,
    max_stops: int | None = None,
    max_route_minutes: float | None = None,
    dwell_minutes: float | Sequence[float] = 0.0,
    target_share: float = 1.0,
    mandatory: Sequence[int] = (),
    names: Sequence[str] | None = None,
    time_limit: float | None = 2.0,
    max_iterations: int | None = None,
    seed: int = 0,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> CoveringTour:
    """Shortest routes from ``depot`` whose visited candidates cover ``target_share`` of the
    weight (default: every demand point).

    ``coverage[i, j]`` is True when demand point i is covered by candidate ``candidates[j]``.
    ``n_vehicles`` is the most routes allowed (None = as many as the limits need); each route
    has at most ``max_stops`` stops and ``max_route_minutes`` minutes (travel + dwell).
    """
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
    if n_vehicles is not None and n_vehicles < 1:
        raise InputError("n_vehicles must be at least 1 (or None for no limit).")
    if max_stops is not None and max_stops < 1:
        raise InputError("max_stops must be at least 1.")
    target = check_target(prob, target_share, names)
    budget = Budget(time_limit, progress, cancel)
    tours = Tours(prob.d, prob.dwell, max_stops, max_route_minutes, n_vehicles, prob.symmetric)
    search = CoverSearch(prob, tours, "min", target, seed)
    it = search.run(budget, max_iterations)
    if not search.reached():
        limits = _limits_text(n_vehicles, max_stops, max_route_minutes)
        raise InputError(
            f"The routes cannot reach {100 * target_share:.1f} % of the people within {limits}; "
            f"the best found reaches {100 * search.W / prob.total_weight:.1f} %. Allow more "
            "vehicles or longer routes, or lower target_share."
        )
    budget.report(1.0)
    return _result(prob, search, it)


def max_covering_tour(
    matrix: np.ndarray,
    depot: int,
    candidates: Sequence[int],
    coverage: np.ndarray,
    weights: Sequence[float] | None = None,
    *,
    n_vehicles: int = 1,
    max_route_minutes: float,
    max_stops: int | None = None,
    dwell_minutes: float | Sequence[float] = 0.0,
    mandatory: Sequence[int] = (),
    names: Sequence[str] | None = None,
    time_limit: float | None = 2.0,
    max_iterations: int | None = None,
    seed: int = 0,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> CoveringTour:
    """Routes (at most ``n_vehicles``, each ≤ ``max_route_minutes``) that cover the most people;
    among equally good ones the shortest."""
    if n_vehicles < 1:
        raise InputError("n_vehicles must be at least 1.")
    if not max_route_minutes > 0:
        raise InputError("max_route_minutes must be > 0 minutes.")
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
    budget = Budget(time_limit, progress, cancel)
    tours = Tours(prob.d, prob.dwell, max_stops, max_route_minutes, n_vehicles, prob.symmetric)
    search = CoverSearch(prob, tours, "max", math.inf, seed)
    it = search.run(budget, max_iterations)
    budget.report(1.0)
    return _result(prob, search, it)


def _limits_text(n_vehicles, max_stops, max_minutes) -> str:
    parts = [f"{n_vehicles} vehicle(s)" if n_vehicles is not None else "any number of vehicles"]
    if max_stops is not None:
        parts.append(f"{max_stops} stops per route")
    if max_minutes is not None:
        parts.append(f"{max_minutes:.0f} minutes per route")
    return ", ".join(parts)
