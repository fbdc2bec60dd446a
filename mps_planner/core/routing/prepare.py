"""Checks the inputs of a periodic plan and builds the tables the planner works on.

Every rejection is an ``InputError`` that names the stop, vehicle or depot and says what to
change: a stop no road reaches, a working day too short for even one visit, a frequency the
vehicles' days cannot give, or more visits than the vehicles' time can hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import InputError
from .matrix import as_matrix, check_depot_connected, check_index
from .model import PlanningPeriod, Stop, Vehicle
from .patterns import visit_patterns
from .trips import Slot, make_slots


@dataclass
class Prepared:
    """Tables of one planning problem in local node ids (0..len(nodes)-1)."""

    matrix: np.ndarray  # the caller's matrix (minutes)
    vehicles: tuple[Vehicle, ...]
    stops: tuple[Stop, ...]
    period: PlanningPeriod
    nodes: list[int]  # local id -> matrix index
    travel: list[list[list[float]]]  # [vehicle][from local][to local], minutes
    stop_node: list[int]  # stop -> local node id
    depot_node: list[int]  # vehicle -> local node id
    visits: list[int]  # stop -> required visits per period
    dwell: list[list[float]]  # [vehicle][stop] minutes
    slots: list[Slot]  # depots in Slot are local ids
    slots_of: list[list[int]]  # vehicle -> slot ids
    allowed: list[list[int]]  # stop -> vehicles that can serve it
    patterns: dict[tuple[int, int], list[tuple[int, ...]]]  # (vehicle, visits) -> slot-id tuples
    tolerance: float
    max_gap_allowed: list[float]  # stop -> bound on the gap between visits (days)

    def patterns_for(self, v: int, k: int) -> list[tuple[int, ...]]:
        """Visit patterns (tuples of slot ids) of vehicle ``v`` for ``k`` visits per period."""
        key = (v, k)
        if key not in self.patterns:
            ids = self.slots_of[v]
            spans = [self.slots[i].span for i in ids]
            self.patterns[key] = [
                tuple(ids[j] for j in pat)
                for pat in visit_patterns(spans, k, self.period.n_days, self.tolerance)
            ]
        return self.patterns[key]


def stop_label(stops: Sequence[Stop], s: int) -> str:
    st = stops[s]
    return f"'{st.name}' (stop {s}, node {st.node})" if st.name else f"stop {s} (node {st.node})"


def vehicle_label(vehicles: Sequence[Vehicle], v: int) -> str:
    return f"'{vehicles[v].name}'" if vehicles[v].name else f"vehicle {v}"


def prepare(
    matrix: np.ndarray,
    vehicles: Sequence[Vehicle],
    stops: Sequence[Stop],
    period: PlanningPeriod,
    tolerance: float,
) -> Prepared:
    m = as_matrix(matrix)
    n = m.shape[0]
    vehicles = tuple(vehicles)
    stops = tuple(stops)
    if not vehicles:
        raise InputError("No vehicles were given; add at least one vehicle with a depot.")
    if not stops:
        raise InputError("No stops were given; add the stops the vehicles should visit.")
    if tolerance < 0:
        raise InputError("spread_tolerance_days must be 0 or more days.")
    P = period.n_days
    vdays: list[tuple[int, ...]] = []
    for v, veh in enumerate(vehicles):
        who = vehicle_label(vehicles, v)
        check_index(veh.depot, n, f"depot of vehicle {who}")
        if not veh.work_minutes > 0:
            raise InputError(f"Vehicle {who} has no working time; set work_minutes > 0.")
        if not veh.speed_factor > 0:
            raise InputError(f"Vehicle {who} has speed_factor {veh.speed_factor}; use > 0.")
        if veh.max_trip_days < 1 or veh.dwell_minutes < 0:
            raise InputError(f"Vehicle {who}: max_trip_days must be ≥ 1 and dwell ≥ 0 minutes.")
        days = period.days_on() if veh.days is None else tuple(sorted(set(veh.days)))
        bad = [d for d in days if not 0 <= d < P]
        if bad:
            raise InputError(
                f"Vehicle {who} works on day {bad[0]}, outside the planning period of {P} days "
                f"(days 0..{P - 1})."
            )
        if not days:
            raise InputError(f"Vehicle {who} has no working days in the period; give it days.")
        vdays.append(days)
    for s, st in enumerate(stops):
        check_index(st.node, n, f"node of {stop_label(stops, s)}")
        if st.visits is not None and st.visits < 1:
            raise InputError(f"{stop_label(stops, s)} has {st.visits} visits; use 1 or more.")
        if st.every_days is not None and not st.every_days > 0:
            raise InputError(f"{stop_label(stops, s)} has every_days={st.every_days}; use > 0.")
        if st.dwell_minutes is not None and st.dwell_minutes < 0:
            raise InputError(f"{stop_label(stops, s)} has a negative dwell time.")
        for v in st.vehicles or ():
            if not 0 <= v < len(vehicles):
                raise InputError(f"{stop_label(stops, s)} names vehicle {v}, which does not exist.")

    # local nodes: depots first, then stop nodes
    nodes: list[int] = []
    local: dict[int, int] = {}
    for node in [veh.depot for veh in vehicles] + [st.node for st in stops]:
        if node not in local:
            local[node] = len(nodes)
            nodes.append(node)
    sub = m[np.ix_(nodes, nodes)]
    for veh in vehicles:
        check_depot_connected(m, veh.depot, [st.node for st in stops], _names(vehicles, stops, n))
    travel: list[list[list[float]]] = []
    by_factor: dict[float, list[list[float]]] = {}
    for veh in vehicles:
        f = float(veh.speed_factor)
        if f not in by_factor:
            by_factor[f] = (sub / f).tolist()
        travel.append(by_factor[f])
    stop_node = [local[st.node] for st in stops]
    depot_node = [local[veh.depot] for veh in vehicles]
    visits = [st.required_visits(P) for st in stops]
    dwell = [
        [veh.dwell_minutes if st.dwell_minutes is None else float(st.dwell_minutes) for st in stops]
        for veh in vehicles
    ]
    slots: list[Slot] = []
    slots_of: list[list[int]] = []
    for v, veh in enumerate(vehicles):
        made = make_slots(v, depot_node[v], float(veh.work_minutes), vdays[v], veh.max_trip_days)
        slots_of.append(list(range(len(slots), len(slots) + len(made))))
        slots.extend(made)

    pr = Prepared(
        m,
        vehicles,
        stops,
        period,
        nodes,
        travel,
        stop_node,
        depot_node,
        visits,
        dwell,
        slots,
        slots_of,
        [],
        {},
        tolerance,
        [],
    )
    allowed: list[list[int]] = []
    for s, st in enumerate(stops):
        cand = list(range(len(vehicles))) if st.vehicles is None else sorted(set(st.vehicles))
        reach = [
            v
            for v in cand
            if math.isfinite(travel[v][depot_node[v]][stop_node[s]])
            and math.isfinite(travel[v][stop_node[s]][depot_node[v]])
        ]
        if not reach:
            depots = ", ".join(sorted({_node_name(vehicles, v) for v in cand}))
            raise InputError(
                f"{stop_label(stops, s)} cannot be reached by road from depot {depots} (travel "
                "time is infinite there or back). Snap the stop closer to a road, check that the "
                "road network is connected, or remove the stop."
            )
        fits = [
            v
            for v in reach
            if _one_visit_fits(
                travel[v], depot_node[v], stop_node[s], dwell[v][s], vehicles[v], slots, slots_of[v]
            )
        ]
        if not fits:
            raise InputError(
                _too_short_message(
                    stops, vehicles, travel, depot_node, stop_node, dwell, s, reach, slots, slots_of
                )
            )
        k = visits[s]
        ok = [v for v in fits if pr.patterns_for(v, k)]
        if not ok:
            raise InputError(
                _frequency_message(stops, vehicles, slots_of, s, k, P, tolerance, fits)
            )
        allowed.append(ok)

    _check_capacity(stops, vehicles, travel, stop_node, depot_node, dwell, visits, allowed, vdays)
    pr.allowed = allowed
    for s in range(len(stops)):
        trip = max(vehicles[v].max_trip_days for v in allowed[s])
        pr.max_gap_allowed.append(P / visits[s] + 2.0 * (max(tolerance, 0.5) + trip - 1))
    return pr


def _names(vehicles: Sequence[Vehicle], stops: Sequence[Stop], n: int) -> list[str]:
    names = [""] * n
    for st in stops:
        names[st.node] = st.name
    for veh in vehicles:
        names[veh.depot] = f"depot of {veh.name}" if veh.name else "depot"
    return names


def _node_name(vehicles: Sequence[Vehicle], v: int) -> str:
    return f"node {vehicles[v].depot} of {vehicle_label(vehicles, v)}"


def _one_visit_fits(travel, depot, node, dw, veh: Vehicle, slots, slot_ids) -> bool:
    out, back, w = travel[depot][node], travel[node][depot], veh.work_minutes
    if out + dw + back <= w + 1e-6:
        return True
    multi = any(len(slots[i].days) >= 2 for i in slot_ids)
    return multi and out + dw <= w + 1e-6 and back <= w + 1e-6


def _too_short_message(
    stops, vehicles, travel, depot_node, stop_node, dwell, s, reach, slots, slots_of
) -> str:
    best = min(
        reach,
        key=lambda v: (
            travel[v][depot_node[v]][stop_node[s]]
            + dwell[v][s]
            + travel[v][stop_node[s]][depot_node[v]]
            - vehicles[v].work_minutes
        ),
    )
    out = travel[best][depot_node[best]][stop_node[s]]
    back = travel[best][stop_node[s]][depot_node[best]]
    dw = dwell[best][s]
    need = math.ceil(out + dw + back - 1e-9)
    veh = vehicles[best]
    per_day = math.ceil(max(out + dw, back) - 1e-9)
    consecutive = any(len(slots[i].days) >= 2 for i in slots_of[best])
    if veh.max_trip_days > 1 and consecutive:
        overnight = f" Even with a night at the stop, a day would need {per_day} minutes."
    elif veh.max_trip_days > 1:
        overnight = " Overnight trips need two consecutive working days; this vehicle has none."
    elif per_day <= veh.work_minutes:
        overnight = (
            " Or allow overnight trips (max_trip_days = 2): with a night at the stop each day "
            f"needs at most {per_day} minutes."
        )
    else:
        overnight = ""
    return (
        f"The working day is too short for {stop_label(stops, s)}: a visit by vehicle "
        f"{vehicle_label(vehicles, best)} needs {need} minutes ({out:.0f} min drive there, "
        f"{dw:.0f} min dwell, {back:.0f} min back) but its working day is {veh.work_minutes:.0f} "
        f"minutes. Lengthen the working day to at least {need} minutes, serve the stop "
        f"from a nearer depot, or remove it.{overnight}"
    )


def _frequency_message(stops, vehicles, slots_of, s, k, P, tol, fits) -> str:
    counts = {v: len(slots_of[v]) for v in fits}
    v_most = max(counts, key=counts.get)
    have = counts[v_most]
    gap = P / k
    who = vehicle_label(vehicles, v_most)
    if k > have:
        return (
            f"{stop_label(stops, s)} needs {k} visits per {P}-day period (one every {gap:.1f} "
            f"days), but vehicle {who} has only {have} trips/working days in the period. "
            f"{k - have} more working day{'s' if k - have > 1 else ''} of that vehicle would be "
            "needed, or lower the stop's frequency."
        )
    return (
        f"{stop_label(stops, s)} needs {k} visits per {P}-day period, about every {gap:.1f} days, "
        f"but no vehicle that can reach it has working days spaced that way (±{max(tol, 0.5):g} "
        f"days). Add working days to vehicle {who} in the weeks it does not work, widen "
        "spread_tolerance_days, or lower the stop's frequency."
    )


def _check_capacity(
    stops, vehicles, travel, stop_node, depot_node, dwell, visits, allowed, vdays
) -> None:
    """A lower bound on the vehicle minutes the visits need, against what the vehicles have."""
    n_local = len(travel[0])
    need = 0.0
    for s in range(len(stops)):
        best = math.inf
        for v in allowed[s]:
            t = travel[v]
            node = stop_node[s]
            arrive = min((t[u][node] for u in range(n_local) if u != node), default=0.0)
            if any(stop_node[o] == node for o in range(len(stops)) if o != s):
                arrive = 0.0
            best = min(best, arrive + dwell[v][s])
        need += visits[s] * best
    have = sum(veh.work_minutes * len(vdays[v]) for v, veh in enumerate(vehicles))
    if need > have + 1e-6:
        day = max(veh.work_minutes for veh in vehicles)
        extra = math.ceil((need - have) / day)
        raise InputError(
            f"The requested visits need at least {need:.0f} vehicle-minutes (dwell plus the "
            f"shortest drive to each stop) but the vehicles offer {have:.0f} minutes in the "
            f"period. At least {extra} more vehicle-days of {day:.0f} minutes are needed: add "
            "a vehicle or working days, shorten dwell times, or lower frequencies."
        )
