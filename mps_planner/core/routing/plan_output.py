"""The plan as plain data, and what would be needed when visits do not fit.

``build_plan`` turns the planner's slot sequences into day routes with arrival and departure
minutes (multi-day trips split into days with their overnight stops), each stop's visit days
and gaps, and the diagnostics. ``extra_vehicle_days`` estimates, constructively, how many
working days of extra copies of a vehicle would take the visits that did not fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from .model import DayRoute, MobilePlan, PlanDiagnostics, StopCall, StopVisits
from .patterns import cyclic_gaps
from .prepare import stop_label, vehicle_label
from .trips import Slot, day_route_times, make_slots, split_trip

if TYPE_CHECKING:
    from .periodic import PeriodicPlanner


def build_plan(planner: PeriodicPlanner, missing_estimate: bool = True) -> MobilePlan:
    """Routes, visit days and diagnostics of the planner's current state."""
    pr = planner.pr
    routes: list[DayRoute] = []
    visit_days: list[list[int]] = [[] for _ in range(planner.n_stops)]
    for slot_id, sl in enumerate(pr.slots):
        seq = planner.seq[slot_id]
        if not seq:
            continue
        for r in slot_routes(planner, slot_id, sl, seq):
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
        a = planner.assign[s]
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
        extra = extra_vehicle_days(planner, [s for s, _ in missing]) if missing_estimate else 0
        messages.append(missing_message(planner, missing, extra))
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
        stats={"iterations": planner.iterations},
    )


def slot_routes(planner: PeriodicPlanner, slot_id: int, sl: Slot, seq: list[int]) -> list[DayRoute]:
    pr = planner.pr
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
def extra_vehicle_days(
    planner: PeriodicPlanner, missing: Sequence[int], max_extra_vehicles: int = 10
) -> int:
    """Working days of extra copies of existing vehicles that would take the missing visits.

    Copies of the vehicle able to serve most of the missing stops are added one at a time
    (same depot, days and hours) and only the missing stops are inserted into them. Returns
    the number of their working days used, or -1 when even that does not place them.
    """
    pr = planner.pr
    saved = (
        len(pr.slots),
        len(pr.slots_of),
        len(pr.travel),
        len(pr.dwell),
        len(pr.depot_node),
        len(pr.vehicles),
        [list(a) for a in pr.allowed],
    )
    state = planner.snapshot()
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
            made = make_slots(v, pr.depot_node[template], veh.work_minutes, days, veh.max_trip_days)
            ids = list(range(len(pr.slots), len(pr.slots) + len(made)))
            pr.slots.extend(made)
            pr.slots_of.append(ids)
            new_slots.extend(ids)
            planner.seq.extend([] for _ in made)
            planner.drive.extend(0.0 for _ in made)
            planner.dwell.extend(0.0 for _ in made)
            planner.version.extend(0 for _ in made)
            planner.dirty.extend(set() for _ in made)
            mine = [s for s in left if template in saved[6][s]]
            for s in mine:
                pr.allowed[s] = [v]
            placed = {s for s in planner._insertion_order(mine) if planner.insert_stop(s)}
            left = [s for s in left if s not in placed]
        if left:
            return -1
        return sum(len(pr.slots[i].days) for i in new_slots if planner.seq[i])
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
        planner.seq = planner.seq[:n_slots]
        planner.drive = planner.drive[:n_slots]
        planner.dwell = planner.dwell[:n_slots]
        planner.version = planner.version[:n_slots]
        planner.dirty = planner.dirty[:n_slots]
        for key in [key for key in planner.cache if key[0] >= n_slots]:
            del planner.cache[key]
        planner.restore(state)


def missing_message(planner: PeriodicPlanner, missing: list[tuple[int, int]], extra: int) -> str:
    pr = planner.pr
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
