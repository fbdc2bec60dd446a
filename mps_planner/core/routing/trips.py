"""Trips: the unit the planner fills. A trip is one working day, or (with ``max_trip_days``
> 1) up to that many consecutive working days with nights at the last stop of each day.

Times of a trip follow from its stop sequence: the vehicle leaves the depot at minute 0 of the
first day; a stop is served on the current day if its dwell ends within the working minutes,
otherwise the crew stays overnight at the previous stop and continues the next morning (minute
0). The drive back to the depot must end within the working minutes of the day it happens on.
Filling each day as far as possible is optimal for feasibility (being further along the
sequence earlier never hurts), so the split below is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

EPS = 1e-6


@dataclass(frozen=True)
class Slot:
    vehicle: int
    days: tuple[int, ...]  # consecutive calendar days
    depot: int
    work: float

    @property
    def span(self) -> tuple[int, int]:
        return (self.days[0], self.days[-1])


def make_slots(
    vehicle: int, depot: int, work: float, days: Sequence[int], max_trip_days: int
) -> list[Slot]:
    """Cut the vehicle's working days into runs of consecutive days, then into trips."""
    out: list[Slot] = []
    run: list[int] = []
    for day in sorted(set(days)):
        if run and (day != run[-1] + 1 or len(run) >= max_trip_days):
            out.append(Slot(vehicle, tuple(run), depot, work))
            run = []
        run.append(day)
    if run:
        out.append(Slot(vehicle, tuple(run), depot, work))
    return out


@dataclass(frozen=True)
class DayLeg:
    """One day of a trip: positions in the trip's sequence and their times."""

    day_index: int  # 0-based day within the trip
    start_node: int
    end_node: int
    positions: tuple[int, ...]  # indices into the trip's sequence
    arrivals: tuple[float, ...]
    departures: tuple[float, ...]
    driving: float
    dwell: float
    total: float
    overnight: bool


def split_trip(
    travel: Sequence[Sequence[float]],
    depot: int,
    nodes: Sequence[int],
    dwells: Sequence[float],
    work: float,
    n_days: int,
) -> list[DayLeg] | None:
    """Day-by-day schedule of a trip, or None when it does not fit in ``n_days`` days."""
    legs: list[DayLeg] = []
    day = 0
    t = 0.0
    loc = depot
    start_node = depot
    pos: list[int] = []
    arr: list[float] = []
    dep: list[float] = []
    drive = dwell = 0.0

    def close(end: int, total: float, overnight: bool) -> None:
        legs.append(
            DayLeg(
                day,
                start_node,
                end,
                tuple(pos),
                tuple(arr),
                tuple(dep),
                drive,
                dwell,
                total,
                overnight,
            )
        )

    for i, (node, dw) in enumerate(zip(nodes, dwells)):
        leg = travel[loc][node]
        if t + leg + dw > work + EPS:
            if not pos and loc == depot and day == 0:
                return None  # not even the first stop fits in a day
            if t == 0.0 and not pos:
                return None  # a whole fresh day cannot reach this stop
            close(loc, t, True)
            day += 1
            if day >= n_days:
                return None
            start_node = loc
            pos, arr, dep = [], [], []
            t = drive = dwell = 0.0
            if leg + dw > work + EPS:
                return None
        t += leg
        drive += leg
        pos.append(i)
        arr.append(t)
        t += dw
        dwell += dw
        dep.append(t)
        loc = node
    back = travel[loc][depot]
    if t + back > work + EPS:
        if loc == depot:
            return None
        close(loc, t, True)
        day += 1
        if day >= n_days or back > work + EPS:
            return None
        start_node = loc
        pos, arr, dep = [], [], []
        t = drive = dwell = 0.0
    drive += back
    t += back
    close(depot, t, False)
    return legs


def day_route_times(
    travel: Sequence[Sequence[float]], depot: int, nodes: Sequence[int], dwells: Sequence[float]
) -> tuple[list[float], list[float], float, float]:
    """Arrivals, departures, driving and total minutes of a one-day route depot -> ... -> depot."""
    t = 0.0
    loc = depot
    arr: list[float] = []
    dep: list[float] = []
    drive = 0.0
    for node, dw in zip(nodes, dwells):
        leg = travel[loc][node]
        t += leg
        drive += leg
        arr.append(t)
        t += dw
        dep.append(t)
        loc = node
    back = travel[loc][depot]
    return arr, dep, drive + back, t + back
