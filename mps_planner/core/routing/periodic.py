"""Periodic multi-vehicle day planning: which stops on which day, by which vehicle, in which order.

Every stop is served by one vehicle on a *visit pattern* (``patterns.py``): its visits spread
evenly over the period. The planner

1. inserts stops, most frequent first, with the cheapest feasible pattern over all vehicles
   (cheapest insertion into each day's route, working hours including the drive back checked);
2. improves by ruin and recreate: removes a group of related stops (near each other, or all
   stops of one day), re-inserts them (and any unserved stop) at their cheapest patterns, and
   re-orders the changed routes by 2-opt/Or-opt; a change is kept when the total driving time
   does not get worse than a slowly tightening threshold (record-to-record travel);
3. polishes each route by iterated local search.

The objective is total driving minutes plus a large penalty per visit that could not be placed.
"""

from __future__ import annotations

import random
from typing import Sequence

import numpy as np

from ..errors import InputError
from .budget import Budget, CancelFn, ProgressFn
from .local_search import PathSearch, neighbour_lists
from .model import (
    MobilePlan,
    PlanningPeriod,
    Stop,
    Vehicle,
)
from .plan_output import build_plan
from .prepare import Prepared, prepare
from .trips import split_trip

EPS = 1e-6


def plan_routes(
    matrix: np.ndarray,
    vehicles: Sequence[Vehicle],
    stops: Sequence[Stop],
    period: PlanningPeriod,
    *,
    spread_tolerance_days: float = 1.0,
    time_limit: float | None = 10.0,
    max_iterations: int | None = None,
    seed: int = 0,
    allow_partial: bool = False,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> MobilePlan:
    """Plan which stops each vehicle visits on which day, and in which order.

    ``matrix``: travel minutes between nodes (asymmetric allowed, inf = no road). Visits of a
    stop lie within ``spread_tolerance_days`` of evenly spaced target days. The improvement
    phase runs for ``time_limit`` seconds or ``max_iterations`` ruin-and-recreate steps,
    whichever ends first (both None: construction and route polishing only); with a time
    limit, about 10 % of it goes to construction and the rest to improvement and polishing.
    Raises ``InputError`` when the visits cannot all be placed (with an estimate of the extra
    vehicle-days needed) unless ``allow_partial`` is True, in which case the plan lists the
    missing visits in its diagnostics.
    """
    budget = Budget(time_limit, progress, cancel)
    pr = prepare(matrix, vehicles, stops, period, spread_tolerance_days)
    planner = PeriodicPlanner(pr, seed)
    planner.construct(budget.child(0.1, 0.0, 0.1))
    planner.improve(budget.child(0.9, 0.1, 0.85), max_iterations)
    planner.polish(budget.child(1.0, 0.95, 0.05))
    plan = planner.to_plan()
    budget.report(1.0)
    if plan.diagnostics.missing_visits and not allow_partial:
        raise InputError(plan.diagnostics.messages[0])
    return plan


class PeriodicPlanner:
    """Mutable state of a plan: the stop sequence of every slot (day or trip)."""

    def __init__(self, pr: Prepared, seed: int = 0) -> None:
        self.pr = pr
        self.rng = random.Random(seed)
        self.n_stops = len(pr.stops)
        self._reset_slots()
        self.assign: list[tuple[int, tuple[int, ...]] | None] = [None] * self.n_stops
        self.sym = [_is_symmetric(t) for t in pr.travel]
        biggest = max(
            pr.travel[v][pr.depot_node[v]][pr.stop_node[s]]
            + pr.travel[v][pr.stop_node[s]][pr.depot_node[v]]
            for s in range(self.n_stops)
            for v in pr.allowed[s]
        )
        self.penalty = 10.0 * (biggest + 1.0) + 1e4
        self.related = self._related_order()
        self.iterations = 0
        self.threshold = 0.01  # record-to-record width, share of the best objective
        self.regret_share = 0.5  # share of recreate steps by regret-2 insertion

    def _reset_slots(self) -> None:
        n = len(self.pr.slots)
        self.seq: list[list[int]] = [[] for _ in range(n)]
        self.drive = [0.0] * n
        self.dwell = [0.0] * n
        self.touched: set[int] = set()
        self.version = [0] * n
        self.dirty: list[set[int]] = [set() for _ in range(n)]  # stops next to a change
        self.cache: dict[tuple[int, int], tuple[int, tuple[float, int] | None]] = {}

    # -- state -----------------------------------------------------------------------------
    def objective(self) -> float:
        missing = sum(self.pr.visits[s] for s in range(self.n_stops) if self.assign[s] is None)
        return sum(self.drive) + self.penalty * missing

    def snapshot(self):
        return ([list(q) for q in self.seq], list(self.drive), list(self.dwell), list(self.assign))

    def restore(self, snap) -> None:
        seq, drive, dwell, assign = snap
        for sl in range(len(seq)):
            if self.seq[sl] != seq[sl]:
                self.version[sl] += 1
            self.dirty[sl] = set()
        self.seq = [list(q) for q in seq]
        self.drive = list(drive)
        self.dwell = list(dwell)
        self.assign = list(assign)

    def _related_order(self) -> list[list[int]]:
        pr = self.pr
        t = np.asarray(pr.travel[0])
        idx = np.asarray(pr.stop_node)
        sub = t[np.ix_(idx, idx)]
        sym = np.where(np.isfinite(sub), sub, 1e18)
        sym = sym + sym.T
        return [list(np.argsort(sym[s], kind="stable")) for s in range(self.n_stops)]

    # -- insertion -----------------------------------------------------------------------------
    def best_insert(self, slot_id: int, s: int) -> tuple[float, int] | None:
        """Cheapest feasible position of stop ``s`` in a slot: (added driving, position)."""
        key = (slot_id, s)
        hit = self.cache.get(key)
        ver = self.version[slot_id]
        if hit is not None and hit[0] == ver:
            return hit[1]
        res = self._best_insert(slot_id, s)
        self.cache[key] = (ver, res)
        return res

    def _best_insert(self, slot_id: int, s: int) -> tuple[float, int] | None:
        pr = self.pr
        sl = pr.slots[slot_id]
        v = sl.vehicle
        t = pr.travel[v]
        node = pr.stop_node[s]
        dw = pr.dwell[v][s]
        seq = self.seq[slot_id]
        nodes = [pr.stop_node[x] for x in seq]
        dep = sl.depot
        n_days = len(sl.days)
        slack = sl.work * n_days - self.drive[slot_id] - self.dwell[slot_id] - dw
        if slack < -EPS:
            return None
        cands = []
        prev = dep
        for pos in range(len(nodes) + 1):
            nxt = nodes[pos] if pos < len(nodes) else dep
            delta = t[prev][node] + t[node][nxt] - t[prev][nxt]
            if delta <= slack + EPS:
                cands.append((delta, pos))
            prev = nxt
        if not cands:
            return None
        if n_days == 1:
            return min(cands)
        cands.sort()
        dws = [pr.dwell[v][x] for x in seq]
        for delta, pos in cands:
            trial = [*nodes[:pos], node, *nodes[pos:]]
            trial_dw = [*dws[:pos], dw, *dws[pos:]]
            if split_trip(t, dep, trial, trial_dw, sl.work, n_days) is not None:
                return delta, pos
        return None

    def evaluate_stop(self, s: int, noise: float = 0.0, open_factor: float = 1.0):
        """Cheapest pattern of ``s``: ((cost, vehicle, pattern, insertions) or None, 2nd cost).

        ``open_factor`` < 1 makes starting an empty day cheaper than it is, so that a
        construction opens new routes towards new areas instead of stretching full ones.
        """
        pr = self.pr
        k = pr.visits[s]
        best = None
        second = float("inf")
        for v in pr.allowed[s]:
            cache: dict[int, tuple[float, int] | None] = {}
            for pat in pr.patterns_for(v, k):
                total = 0.0
                for sl in pat:
                    if sl not in cache:
                        cache[sl] = self.best_insert(sl, s)
                    r = cache[sl]
                    if r is None:
                        break
                    total += r[0] if self.seq[sl] else r[0] * open_factor
                else:
                    if noise:
                        total *= 1.0 + noise * self.rng.random()
                    if best is None or total < best[0]:
                        if best is not None:
                            second = best[0]
                        best = (total, v, pat, [cache[sl] for sl in pat])
                    elif total < second:
                        second = total
        return best, second

    def apply_insertion(self, s: int, choice) -> None:
        pr = self.pr
        _, v, pat, ins = choice
        for sl, (delta, pos) in zip(pat, ins):
            seq = self.seq[sl]
            self.dirty[sl].update(seq[max(0, pos - 1) : pos + 1])
            self.dirty[sl].add(s)
            seq.insert(pos, s)
            self.drive[sl] += delta
            self.dwell[sl] += pr.dwell[v][s]
            self.touched.add(sl)
            self.version[sl] += 1
        self.assign[s] = (v, pat)

    def insert_stop(self, s: int, noise: float = 0.0, open_factor: float = 1.0) -> bool:
        """Insert all visits of ``s`` on its cheapest pattern; False when none fits."""
        best, _ = self.evaluate_stop(s, noise, open_factor)
        if best is None:
            return False
        self.apply_insertion(s, best)
        return True

    def insert_regret(self, stops: Sequence[int], noise: float = 0.0) -> None:
        """Regret-2 insertion: next the stop that loses most if not given its best pattern
        now (more visits first; a stop with a single feasible pattern is the most urgent)."""
        left = list(stops)
        while left:
            pick = None
            for s in left:
                best, second = self.evaluate_stop(s, noise)
                if best is None:
                    continue
                key = (self.pr.visits[s], second - best[0], -best[0])
                if pick is None or key > pick[0]:
                    pick = (key, s, best)
            if pick is None:
                return
            self.apply_insertion(pick[1], pick[2])
            left.remove(pick[1])

    def remove_stop(self, s: int) -> None:
        pr = self.pr
        if self.assign[s] is None:
            return
        v, pat = self.assign[s]
        t = pr.travel[v]
        node = pr.stop_node[s]
        for sl in pat:
            seq = self.seq[sl]
            pos = seq.index(s)
            dep = pr.slots[sl].depot
            prev = pr.stop_node[seq[pos - 1]] if pos > 0 else dep
            nxt = pr.stop_node[seq[pos + 1]] if pos + 1 < len(seq) else dep
            self.drive[sl] += t[prev][nxt] - t[prev][node] - t[node][nxt]
            self.dwell[sl] -= pr.dwell[v][s]
            self.dirty[sl].update(seq[max(0, pos - 1) : pos + 2])
            seq.pop(pos)
            self.touched.add(sl)
            self.version[sl] += 1
        self.assign[s] = None

    # -- route order -----------------------------------------------------------------------------
    def route_drive(self, slot_id: int, seq: Sequence[int] | None = None) -> float:
        pr = self.pr
        sl = pr.slots[slot_id]
        t = pr.travel[sl.vehicle]
        seq = self.seq[slot_id] if seq is None else seq
        prev = sl.depot
        total = 0.0
        for s in seq:
            node = pr.stop_node[s]
            total += t[prev][node]
            prev = node
        return total + t[prev][sl.depot]

    def reorder(self, slot_id: int, kicks: int = 0, local: bool = False) -> None:
        """Re-order one slot's stops by 2-opt/Or-opt (+ ``kicks`` ILS kicks).

        ``local``: start the search only at stops next to changes since the last re-order.
        """
        pr = self.pr
        seq = self.seq[slot_id]
        dirty = self.dirty[slot_id]
        self.dirty[slot_id] = set()
        k = len(seq)
        sl = pr.slots[slot_id]
        v = sl.vehicle
        if k < 2 or (k == 2 and self.sym[v]):
            self.drive[slot_id] = self.route_drive(slot_id)
            return
        t = pr.travel[v]
        loc = [sl.depot, *(pr.stop_node[s] for s in seq), sl.depot]
        d = [[t[a][b] for b in loc] for a in loc]
        neigh = neighbour_lists(d, range(k + 2), min(8, k + 1))
        search = PathSearch(d, list(range(k + 2)), neigh, not self.sym[v])
        old = search.cost
        if local:
            where = {s: i + 1 for i, s in enumerate(seq)}
            queue = [where[s] for s in dirty if s in where]
            if not seq or seq[0] in dirty or seq[-1] in dirty:
                queue += [0, k + 1]
            search.run(queue)
        else:
            search.run()
        best_p, best_c = list(search.p), search.cost
        for _ in range(kicks if k >= 4 else 0):
            touched = search.double_bridge(self.rng, max(2, k // 3))
            search.run(touched)
            if search.cost < best_c - 1e-9:
                best_p, best_c = list(search.p), search.cost
            else:
                search.set_path(best_p, best_c)
        if best_c < old - 1e-9:
            new_seq = [seq[i - 1] for i in best_p[1:-1]]
            if len(sl.days) == 1 or self._trip_fits(slot_id, new_seq):
                self.seq[slot_id] = new_seq
                self.version[slot_id] += 1
        self.drive[slot_id] = self.route_drive(slot_id)

    def _trip_fits(self, slot_id: int, seq: Sequence[int]) -> bool:
        pr = self.pr
        sl = pr.slots[slot_id]
        v = sl.vehicle
        nodes = [pr.stop_node[s] for s in seq]
        dws = [pr.dwell[v][s] for s in seq]
        return split_trip(pr.travel[v], sl.depot, nodes, dws, sl.work, len(sl.days)) is not None

    # -- phases ----------------------------------------------------------------------------------
    def _insertion_order(self, stops: Sequence[int], shuffle: bool = False) -> list[int]:
        pr = self.pr

        def far(s: int) -> float:
            return min(
                pr.travel[v][pr.depot_node[v]][pr.stop_node[s]]
                + pr.travel[v][pr.stop_node[s]][pr.depot_node[v]]
                for v in pr.allowed[s]
            )

        if shuffle:
            return sorted(stops, key=lambda s: (-pr.visits[s], self.rng.random()))
        return sorted(stops, key=lambda s: (-pr.visits[s], -far(s)))

    def construct(self, budget: Budget, factors: Sequence[float] = (0.2, 0.35, 0.5, 0.75, 1.0)):
        """Cheapest pattern insertion, most frequent stops first, far ones first within a
        frequency; tried with several discounts for opening an empty day, best kept."""
        order = self._insertion_order(range(self.n_stops))
        best = None
        for i, factor in enumerate(factors):
            budget.check()
            budget.report(i / len(factors))
            if i:
                self._reset_slots()
                self.assign = [None] * self.n_stops
            for s in order:
                self.insert_stop(s, open_factor=factor)
            for sl in range(len(self.pr.slots)):
                self.reorder(sl)
            obj = self.objective()
            if best is None or obj < best[0]:
                best = (obj, self.snapshot())
        self.restore(best[1])
        self.touched.clear()

    def _ruin(self, unserved: Sequence[int]) -> list[int]:
        assigned = [s for s in range(self.n_stops) if self.assign[s] is not None]
        if not assigned:
            return []
        rng = self.rng
        q = rng.randint(2, max(2, min(15, len(assigned) // 4 + 1)))
        how = rng.random()
        if unserved and rng.random() < 0.5:  # make room where a stop is still missing
            seed = rng.choice(list(unserved))
            out = [s for s in self.related[seed] if self.assign[s] is not None][:q]
        elif how < 0.6:
            seed = rng.choice(assigned)
            out = [s for s in self.related[seed] if self.assign[s] is not None][:q]
        elif how < 0.85:
            busy = [i for i, sq in enumerate(self.seq) if sq]
            sl = rng.choice(busy)
            out = list(dict.fromkeys(self.seq[sl]))
        else:
            out = rng.sample(assigned, min(q, len(assigned)))
        for s in out:
            self.remove_stop(s)
        return out + self._release_unfit()

    def slot_fits(self, slot_id: int) -> bool:
        sl = self.pr.slots[slot_id]
        if len(sl.days) == 1:
            return self.drive[slot_id] + self.dwell[slot_id] <= sl.work + EPS
        return self._trip_fits(slot_id, self.seq[slot_id])

    def _release_unfit(self) -> list[int]:
        """Remove the stops of touched slots that no longer fit. Taking a stop out of a
        multi-day trip can break it (the next morning starts farther away), and so can taking
        one out of any route when travel times break the triangle inequality."""
        released: list[int] = []
        changed = True
        while changed:
            changed = False
            for sl in sorted(self.touched):
                if self.seq[sl] and not self.slot_fits(sl):
                    for s in list(dict.fromkeys(self.seq[sl])):
                        self.remove_stop(s)
                        released.append(s)
                    changed = True
        return released

    def improve(self, budget: Budget, max_iterations: int | None = None) -> None:
        if max_iterations is None and budget.time_limit is None:
            return
        cur = self.objective()
        best = cur
        best_snap = self.snapshot()
        it = 0
        while (max_iterations is None or it < max_iterations) and not budget.expired():
            if it % 8 == 0:
                budget.check()
                if budget.time_limit:
                    budget.report_time()
                elif max_iterations:
                    budget.report(it / max_iterations)
            it += 1
            snap = self.snapshot()
            self.touched = set()
            unserved = [s for s in range(self.n_stops) if self.assign[s] is None]
            removed = self._ruin(unserved)
            noise = 0.1 if self.rng.random() < 0.3 else 0.0
            how = self.rng.random()
            if how < self.regret_share:
                self.insert_regret(unserved, noise)
                self.insert_regret(removed, noise)
            else:
                shuffle = how < 0.5 + self.regret_share / 2
                factor = 1.0 if self.rng.random() < 0.7 else 0.5
                for group in (unserved, removed):
                    for s in self._insertion_order(group, shuffle):
                        self.insert_stop(s, noise, factor)
            for sl in self.touched:
                self.reorder(sl, local=True)
            new = self.objective()
            if budget.time_limit:
                frac = min(1.0, budget.elapsed / budget.time_limit)
            else:
                frac = it / max(1, max_iterations or 1)
            threshold = best * self.threshold * (1.0 - frac)
            if new < cur - 1e-9 or new <= best + threshold:
                cur = new
                if new < best - 1e-9:
                    best = new
                    best_snap = self.snapshot()
            else:
                self.restore(snap)
        self.restore(best_snap)
        self.iterations = it

    def polish(self, budget: Budget) -> None:
        for sl in range(len(self.pr.slots)):
            if budget.expired():
                break
            budget.check()
            self.reorder(sl, kicks=30)

    def to_plan(self, missing_estimate: bool = True) -> MobilePlan:
        """The plan as plain data (routes, visit days, diagnostics)."""
        return build_plan(self, missing_estimate)


def _is_symmetric(t: list[list[float]]) -> bool:
    a = np.asarray(t)
    fin = np.isfinite(a) & np.isfinite(a.T)
    return bool(np.allclose(a[fin], a.T[fin]) and (np.isfinite(a) == np.isfinite(a.T)).all())
