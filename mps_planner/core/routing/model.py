"""Plain data of a mobile service plan: vehicles, stops, the planning period, and the plan.

Nodes are row/column indices of the travel-time matrix (minutes). Days are calendar day
indices within one planning period (day 0 = first day; the plan repeats every period).
Times inside a day are minutes from the start of that vehicle's working day.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Sequence

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAYS_PER_MONTH = 365.25 / 12.0


@dataclass(frozen=True)
class PlanningPeriod:
    """One cycle of the plan: ``n_days`` calendar days starting on ``start`` (a date or None).

    Without a start date day 0 is taken to be a Monday.
    """

    n_days: int
    start: _dt.date | None = None

    def __post_init__(self) -> None:
        if self.n_days < 1:
            raise ValueError("a planning period has at least one day")

    @classmethod
    def weeks(cls, n: int, start: _dt.date | None = None) -> PlanningPeriod:
        return cls(7 * int(n), start)

    def weekday(self, day: int) -> int:
        """0 = Monday .. 6 = Sunday."""
        first = self.start.weekday() if self.start is not None else 0
        return (first + int(day)) % 7

    def date(self, day: int, cycle: int = 0) -> _dt.date | None:
        """The date of ``day`` in the ``cycle``-th repetition of the period (None without start)."""
        if self.start is None:
            return None
        return self.start + _dt.timedelta(days=int(day) + cycle * self.n_days)

    def days_on(
        self, weekdays: Sequence[int] = (0, 1, 2, 3, 4), exclude: Sequence[int] = ()
    ) -> tuple[int, ...]:
        """Day indices falling on the given weekdays (default Mon–Fri), minus ``exclude``."""
        wanted = set(weekdays)
        skip = set(exclude)
        return tuple(d for d in range(self.n_days) if self.weekday(d) in wanted and d not in skip)


@dataclass(frozen=True)
class Vehicle:
    """A mobile unit based at ``depot``.

    ``days``: calendar days it works (None = Mon–Fri of the period). ``speed_factor`` > 1 means
    faster than the matrix (its travel times are matrix / speed_factor). ``max_trip_days`` > 1
    allows trips over consecutive working days with nights at the day's last stop.
    ``day_start_minute`` is the clock time the working day starts (480 = 08:00), used by
    timetables only.
    """

    name: str
    depot: int
    work_minutes: float = 480.0
    days: tuple[int, ...] | None = None
    dwell_minutes: float = 30.0
    speed_factor: float = 1.0
    max_trip_days: int = 1
    day_start_minute: float = 480.0


@dataclass(frozen=True)
class Stop:
    """A place the vehicle parks and serves residents.

    Frequency: ``visits`` per period, or ``every_days`` (at least every N calendar days; use
    7 × N for "every N weeks"); with neither, once per period. ``dwell_minutes`` None = the
    vehicle's dwell. ``vehicles``: indices of the vehicles allowed to serve it (None = any).
    """

    node: int
    name: str = ""
    visits: int | None = None
    every_days: float | None = None
    dwell_minutes: float | None = None
    vehicles: tuple[int, ...] | None = None

    def required_visits(self, period_days: int) -> int:
        if self.visits is not None:
            return int(self.visits)
        if self.every_days is not None:
            return max(1, math.ceil(period_days / float(self.every_days) - 1e-9))
        return 1


@dataclass(frozen=True)
class StopCall:
    """One stop of a day route: arrival and departure in minutes from the start of the day."""

    stop: int  # index into MobilePlan.stops
    node: int
    arrival: float
    departure: float


@dataclass(frozen=True)
class DayRoute:
    """What one vehicle does on one day."""

    vehicle: int
    day: int
    trip: int  # days of one multi-day trip share this id
    start_node: int  # the depot, or last night's overnight stop
    end_node: int  # the depot, or tonight's overnight stop
    calls: tuple[StopCall, ...]
    driving_minutes: float
    dwell_minutes: float
    total_minutes: float  # start of day until back at the depot / end of the last dwell
    work_minutes: float
    overnight: bool  # the day ends at an overnight stop instead of the depot

    @property
    def stops(self) -> tuple[int, ...]:
        return tuple(c.stop for c in self.calls)

    @property
    def within_hours(self) -> bool:
        return self.total_minutes <= self.work_minutes + 1e-6


@dataclass(frozen=True)
class StopVisits:
    """When a stop is visited in the plan, against what it requires."""

    stop: int
    node: int
    name: str
    required_visits: int
    target_gap_days: float  # period / required visits
    max_gap_allowed: float  # target gap + 2 × spread tolerance (or every_days if larger)
    vehicle: int | None
    visit_days: tuple[int, ...]
    gaps: tuple[float, ...]  # days between consecutive visits, wrapping into the next period

    @property
    def served(self) -> bool:
        return len(self.visit_days) >= self.required_visits

    @property
    def max_gap(self) -> float | None:
        return max(self.gaps) if self.gaps else None

    @property
    def visits_per_month(self) -> float:
        return 0.0 if not self.gaps else len(self.visit_days) * DAYS_PER_MONTH / sum(self.gaps)


@dataclass(frozen=True)
class PlanDiagnostics:
    feasible: bool
    missing_visits: tuple[tuple[int, int], ...] = ()  # (stop, visits missing)
    over_hours: tuple[tuple[int, int], ...] = ()  # (vehicle, day) beyond working hours
    spread_violations: tuple[int, ...] = ()  # stops with a gap above max_gap_allowed
    extra_vehicle_days_needed: int = 0  # estimate of what would make the plan complete
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class MobilePlan:
    period: PlanningPeriod
    vehicles: tuple[Vehicle, ...]
    stops: tuple[Stop, ...]
    routes: tuple[DayRoute, ...]  # sorted by vehicle, then day
    visits: tuple[StopVisits, ...]  # one per stop, same order as stops
    diagnostics: PlanDiagnostics
    total_driving_minutes: float
    total_dwell_minutes: float
    stats: dict = field(default_factory=dict, compare=False)  # solver info (iterations, times)

    def routes_of(self, vehicle: int) -> tuple[DayRoute, ...]:
        return tuple(r for r in self.routes if r.vehicle == vehicle)

    def route(self, vehicle: int, day: int) -> DayRoute | None:
        return next((r for r in self.routes if r.vehicle == vehicle and r.day == day), None)
