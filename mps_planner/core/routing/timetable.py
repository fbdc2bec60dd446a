"""Timetables from a plan: rows a driver follows, and rows to post at each stop.

Plain data only (writing CSV or layers lives in io/report). Clock times are the vehicle's
``day_start_minute`` plus the plan's minutes from the start of the working day.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .model import WEEKDAY_NAMES, MobilePlan


def clock(minute: float) -> str:
    """Minutes since midnight as "HH:MM" (rounded to the minute; past midnight keeps counting)."""
    m = round(float(minute))
    return f"{m // 60:02d}:{m % 60:02d}"


@dataclass(frozen=True)
class DriverRow:
    """One line of a driver's day: leaving, each stop, arriving back (or at the night stop)."""

    vehicle: int
    vehicle_name: str
    day: int  # day index from the start of the listing
    date: _dt.date | None
    weekday: str
    sequence: int  # 0 = leave, 1..n = stops, n + 1 = arrive at the depot / night stop
    kind: str  # "start", "stop", "end" or "overnight"
    node: int
    stop: int | None  # index into plan.stops (None for the depot)
    place: str
    arrival_minute: float | None  # minutes since midnight
    departure_minute: float | None
    arrival: str  # "HH:MM" or ""
    departure: str
    drive_minutes: float  # from the previous row


@dataclass(frozen=True)
class StopVisitRow:
    """One visit of a vehicle at a stop, for the notice posted there."""

    stop: int
    name: str
    node: int
    day: int  # day index from the start of the listing
    date: _dt.date | None
    weekday: str
    arrival_minute: float
    departure_minute: float
    arrival: str
    departure: str
    vehicle: int
    vehicle_name: str


def _place(plan: MobilePlan, node: int, stop: int | None, vehicle: int) -> str:
    if stop is not None:
        st = plan.stops[stop]
        return st.name or f"stop {stop}"
    veh = plan.vehicles[vehicle]
    if node == veh.depot:
        return f"depot ({veh.name})" if veh.name else "depot"
    named = [i for i, st in enumerate(plan.stops) if st.node == node]
    return plan.stops[named[0]].name if named and plan.stops[named[0]].name else f"node {node}"


def driver_timetable(plan: MobilePlan, cycles: int = 1) -> list[DriverRow]:
    """Rows for every vehicle and day of ``cycles`` repetitions of the plan's period."""
    rows: list[DriverRow] = []
    P = plan.period.n_days
    for cycle in range(cycles):
        for r in plan.routes:
            veh = plan.vehicles[r.vehicle]
            start = veh.day_start_minute
            day = r.day + cycle * P
            date = plan.period.date(r.day, cycle)
            wd = WEEKDAY_NAMES[plan.period.weekday(r.day)]
            first_stop = _stop_at(plan, r.start_node) if r.start_node != veh.depot else None

            def row(
                seq, kind, node, stop, arr, dep, drive, *, _r=r, _v=veh, _d=day, _dt=date, _wd=wd
            ):
                return DriverRow(
                    _r.vehicle,
                    _v.name,
                    _d,
                    _dt,
                    _wd,
                    seq,
                    kind,
                    node,
                    stop,
                    _place(plan, node, stop, _r.vehicle),
                    arr,
                    dep,
                    "" if arr is None else clock(arr),
                    "" if dep is None else clock(dep),
                    drive,
                )

            rows.append(row(0, "start", r.start_node, first_stop, None, start, 0.0))
            prev_dep = 0.0
            for i, c in enumerate(r.calls, start=1):
                rows.append(
                    row(
                        i,
                        "stop",
                        c.node,
                        c.stop,
                        start + c.arrival,
                        start + c.departure,
                        c.arrival - prev_dep,
                    )
                )
                prev_dep = c.departure
            if r.overnight:
                last = r.calls[-1] if r.calls else None
                rows.append(
                    row(
                        len(r.calls) + 1,
                        "overnight",
                        r.end_node,
                        None if last is None else last.stop,
                        start + r.total_minutes,
                        None,
                        0.0,
                    )
                )
            else:
                rows.append(
                    row(
                        len(r.calls) + 1,
                        "end",
                        r.end_node,
                        None,
                        start + r.total_minutes,
                        None,
                        r.total_minutes - prev_dep,
                    )
                )
    rows.sort(key=lambda x: (x.vehicle, x.day, x.sequence))
    return rows


def _stop_at(plan: MobilePlan, node: int) -> int | None:
    return next((i for i, st in enumerate(plan.stops) if st.node == node), None)


def stop_timetable(plan: MobilePlan, from_day: int = 0, cycles: int = 1) -> list[StopVisitRow]:
    """Every visit at every stop on days ``from_day`` .. ``from_day + cycles * period - 1``
    (the plan repeats each period), sorted by stop and time: the next visits to post."""
    P = plan.period.n_days
    out: list[StopVisitRow] = []
    first_cycle = from_day // P
    for cycle in range(first_cycle, first_cycle + cycles + 1):
        for r in plan.routes:
            day = r.day + cycle * P
            if not from_day <= day < from_day + cycles * P:
                continue
            veh = plan.vehicles[r.vehicle]
            for c in r.calls:
                st = plan.stops[c.stop]
                a = veh.day_start_minute + c.arrival
                d = veh.day_start_minute + c.departure
                out.append(
                    StopVisitRow(
                        c.stop,
                        st.name,
                        c.node,
                        day,
                        plan.period.date(r.day, cycle),
                        WEEKDAY_NAMES[plan.period.weekday(r.day)],
                        a,
                        d,
                        clock(a),
                        clock(d),
                        r.vehicle,
                        veh.name,
                    )
                )
    out.sort(key=lambda x: (x.stop, x.day, x.arrival_minute))
    return out
