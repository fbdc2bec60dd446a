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
    DayRoute,
    MobilePlan,
    PlanDiagnostics,
    PlanningPeriod,
    Stop,
    StopCall,
    StopVisits,
    Vehicle,
)
from .patterns import cyclic_gaps
from .prepare import Prepared, prepare, stop_label, vehicle_label
from .trips import Slot, day_route_times, make_slots, split_trip

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
    phase runs for ``time_limit`` seconds or ``max_iterations`` ruin-and-recreate steps.
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

    def insert_stop(self, s: int, noise: float = 0.0, open_factor: float = 1.0) -> bool:
        """Insert all visits of ``s`` on its cheapest pattern; False when none fits.

        ``open_factor`` < 1 makes starting an empty day cheaper than it is, so that a
        construction opens new routes towards new areas instead of stretching full ones.
        """
        pr = self.pr
        k = pr.visits[s]
        best = None
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
                        best = (total, v, pat, [cache[sl] for sl in pat])
        if best is None:
            return False
        _, v, pat, ins = best
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
        return True

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
        return out

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
            shuffle = self.rng.random() < 0.5
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

    # -- output ----------------------------------------------------------------------------------
    def to_plan(self, missing_estimate: bool = True) -> MobilePlan:
        pr = self.pr
        routes: list[DayRoute] = []
        visit_days: list[list[int]] = [[] for _ in range(self.n_stops)]
        for slot_id, sl in enumerate(pr.slots):
            seq = self.seq[slot_id]
            if not seq:
                continue
            for r in self._slot_routes(slot_id, sl, seq):
                routes.append(r)
                for c in r.calls:
                    visit_days[c.stop].append(r.day)
        routes.sort(key=lambda r: (r.vehicle, r.day))
        P = pr.period.n_days
        visits = []
        missing = []
        spread_bad = []
        for s, st in enumerate(pr.stops):
            days = tuple(sorted(visit_days[s]))
            gaps = cyclic_gaps(days, P)
            a = self.assign[s]
            visits.append(
                StopVisits(
                    s,
                    st.node,
                    st.name,
                    pr.visits[s],
                    P / pr.visits[s],
                    pr.max_gap_allowed[s],
                    None if a is None else a[0],
                    days,
                    gaps,
                )
            )
            if len(days) < pr.visits[s]:
                missing.append((s, pr.visits[s] - len(days)))
            elif gaps and max(gaps) > pr.max_gap_allowed[s] + 1e-9:
                spread_bad.append(s)
        over = tuple((r.vehicle, r.day) for r in routes if not r.within_hours)
        messages = []
        extra = 0
        if missing:
            extra = self.extra_vehicle_days([s for s, _ in missing]) if missing_estimate else 0
            messages.append(self._missing_message(missing, extra))
        for s in spread_bad:
            messages.append(
                f"{stop_label(pr.stops, s)}: visits are up to {max(visits[s].gaps):.0f} days "
                f"apart (target {visits[s].target_gap_days:.1f})."
            )
        diag = PlanDiagnostics(
            feasible=not missing and not over,
            missing_visits=tuple(missing),
            over_hours=over,
            spread_violations=tuple(spread_bad),
            extra_vehicle_days_needed=extra,
            messages=tuple(messages),
        )
        return MobilePlan(
            period=pr.period,
            vehicles=pr.vehicles,
            stops=pr.stops,
            routes=tuple(routes),
            visits=tuple(visits),
            diagnostics=diag,
            total_driving_minutes=float(sum(r.driving_minutes for r in routes)),
            total_dwell_minutes=float(sum(r.dwell_minutes for r in routes)),
            stats={"iterations": self.iterations},
        )

    def _slot_routes(self, slot_id: int, sl: Slot, seq: list[int]) -> list[DayRoute]:
        pr = self.pr
        v = sl.vehicle
        t = pr.travel[v]
        nodes = [pr.stop_node[s] for s in seq]
        dws = [pr.dwell[v][s] for s in seq]
        glob = pr.nodes
        if len(sl.days) == 1:
            arr, dep, drive, total = day_route_times(t, sl.depot, nodes, dws)
            calls = tuple(StopCall(s, glob[nd], a, d) for s, nd, a, d in zip(seq, nodes, arr, dep))
            return [
                DayRoute(
                    v,
                    sl.days[0],
                    slot_id,
                    glob[sl.depot],
                    glob[sl.depot],
                    calls,
                    drive,
                    float(sum(dws)),
                    total,
                    sl.work,
                    False,
                )
            ]
        legs = split_trip(t, sl.depot, nodes, dws, sl.work, len(sl.days))
        if legs is None:  # cannot happen: every change is checked
            raise RuntimeError("internal error: an infeasible trip was kept")
        out = []
        for leg in legs:
            calls = tuple(
                StopCall(seq[i], glob[nodes[i]], a, d)
                for i, a, d in zip(leg.positions, leg.arrivals, leg.departures)
            )
            out.append(
                DayRoute(
                    v,
                    sl.days[leg.day_index],
                    slot_id,
                    glob[leg.start_node],
                    glob[leg.end_node],
                    calls,
                    leg.driving,
                    leg.dwell,
                    leg.total,
                    sl.work,
                    leg.overnight,
                )
            )
        return out

    # -- what would be needed --------------------------------------------------------------------
    def extra_vehicle_days(self, missing: Sequence[int], max_extra_vehicles: int = 10) -> int:
        """Working days of extra copies of existing vehicles that would take the missing visits.

        Copies of the vehicle able to serve most of the missing stops are added one at a time
        (same depot, days and hours) and only the missing stops are inserted into them. Returns
        the number of their working days used, or -1 when even that does not place them.
        """
        pr = self.pr
        saved = (
            len(pr.slots),
            len(pr.slots_of),
            len(pr.travel),
            len(pr.dwell),
            len(pr.depot_node),
            len(pr.vehicles),
            [list(a) for a in pr.allowed],
        )
        state = self.snapshot()
        vehicles = list(pr.vehicles)
        try:
            left = list(missing)
            new_slots: list[int] = []
            for _ in range(max_extra_vehicles):
                if not left:
                    break
                counts: dict[int, int] = {}
                for s in left:
                    for v in saved[6][s]:
                        counts[v] = counts.get(v, 0) + 1
                template = max(counts, key=lambda v: (counts[v], len(pr.slots_of[v])))
                veh = vehicles[template]
                v = len(pr.travel)
                vehicles.append(veh)
                pr.travel.append(pr.travel[template])
                pr.dwell.append(pr.dwell[template])
                pr.depot_node.append(pr.depot_node[template])
                days = sorted({d for i in pr.slots_of[template] for d in pr.slots[i].days})
                made = make_slots(
                    v, pr.depot_node[template], veh.work_minutes, days, veh.max_trip_days
                )
                ids = list(range(len(pr.slots), len(pr.slots) + len(made)))
                pr.slots.extend(made)
                pr.slots_of.append(ids)
                new_slots.extend(ids)
                self.seq.extend([] for _ in made)
                self.drive.extend(0.0 for _ in made)
                self.dwell.extend(0.0 for _ in made)
                self.version.extend(0 for _ in made)
                self.dirty.extend(set() for _ in made)
                mine = [s for s in left if template in saved[6][s]]
                for s in mine:
                    pr.allowed[s] = [v]
                placed = {s for s in self._insertion_order(mine) if self.insert_stop(s)}
                left = [s for s in left if s not in placed]
            if left:
                return -1
            return sum(len(pr.slots[i].days) for i in new_slots if self.seq[i])
        finally:
            n_slots, n_of, n_tr, n_dw, n_dep, _, allowed = saved
            del pr.slots[n_slots:]
            del pr.slots_of[n_of:]
            del pr.travel[n_tr:]
            del pr.dwell[n_dw:]
            del pr.depot_node[n_dep:]
            for key in [key for key in pr.patterns if key[0] >= n_tr]:
                del pr.patterns[key]
            pr.allowed[:] = allowed
            self.seq = self.seq[:n_slots]
            self.drive = self.drive[:n_slots]
            self.dwell = self.dwell[:n_slots]
            self.version = self.version[:n_slots]
            self.dirty = self.dirty[:n_slots]
            for key in [key for key in self.cache if key[0] >= n_slots]:
                del self.cache[key]
            self.restore(state)

    def _missing_message(self, missing: list[tuple[int, int]], extra: int) -> str:
        pr = self.pr
        n = sum(k for _, k in missing)
        names = ", ".join(stop_label(pr.stops, s) for s, _ in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        if extra > 0:
            template = max(pr.allowed[missing[0][0]], key=lambda v: len(pr.slots_of[v]))
            need = (
                f"About {extra} more vehicle-days (e.g. another vehicle like "
                f"{vehicle_label(pr.vehicles, template)} working {extra} days) would be needed."
            )
        else:
            need = "More vehicles or working days would be needed."
        return (
            f"{n} visits could not be fitted into the vehicles' working days: {names}{more}. "
            f"{need} Add a vehicle or working days, lower frequencies or dwell times, or plan "
            "with allow_partial=True to see the incomplete plan."
        )


def _is_symmetric(t: list[list[float]]) -> bool:
    a = np.asarray(t)
    fin = np.isfinite(a) & np.isfinite(a.T)
    return bool(np.allclose(a[fin], a.T[fin]) and (np.isfinite(a) == np.isfinite(a.T)).all())
