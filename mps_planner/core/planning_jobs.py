"""The contract between the planner panel and the heavier solvers, as plain data.

The panel's "Propose stops" and "Plan routes" buttons run a solver in a background task.
A solver is any callable ``solver(request, progress, cancel) -> result`` on the plain types
below: ``progress(percent)`` reports 0–100, ``cancel()`` returns True when the user pressed
Cancel (the solver then raises ``core.errors.Cancelled`` or returns early). Solvers never
see a QGIS object; coordinates are map coordinates in the analysis grid's CRS.

* Site selection (issue 4) fits ``ProposeStopsSolver``: given the sites that exist, the
  candidate sites and a number of new stops, choose which candidates to open.
* Mobile plans (issue 5) fit ``PlanRoutesSolver``: given the mobile stops, their visit
  interval, depots and the road lines, return each vehicle-day's route and timetable.

Register one with ``PlannerController.solvers.set_solver("propose_stops", fn)`` or
``set_solver("plan_routes", fn)``; until then the buttons stay disabled. The solvers of this
version are ``core.planning_propose.propose_stops`` and ``core.planning_routes.plan_routes``
(registered by ``gui.solvers.wire_solvers``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

import numpy as np

from .grid import AnalysisGrid
from .live_session import SiteRequest
from .traveltime import CostGrid, SparseField

PROPOSE_STOPS = "propose_stops"
PLAN_ROUTES = "plan_routes"
SOLVER_KINDS = (PROPOSE_STOPS, PLAN_ROUTES)

Progress = Callable[[float], None]
Cancel = Callable[[], bool]


@dataclass
class ProposeStopsRequest:
    """Choose up to ``new_stops`` of ``candidates`` to cover the most people not yet
    reached within ``target_minutes`` of ``existing`` (fixed facilities and current stops)."""

    grid: AnalysisGrid
    cost: CostGrid  # crossing minutes per cell; one query at a time (it has a lock)
    people: np.ndarray  # people per cell (rows, cols), float64, 0 where none
    thresholds: list[float]
    target_minutes: float
    existing: list[SiteRequest]
    candidates: list[SiteRequest]
    new_stops: int
    # The panel's cached fields by cell: (row, col) → cells reached within max(thresholds).
    field_of: Callable[[int, int], SparseField] | None = None
    snap_m: float = 1000.0  # a site on an impassable cell moves to a passable one this near
    time_limit: float | None = 30.0  # seconds for the solver


@dataclass
class ProposedStops:
    """The chosen sites (a subset of the candidates, keys kept), best first."""

    sites: list[SiteRequest]
    covered_people: float  # reached within the target with the chosen sites added
    notes: list[str] = field(default_factory=list)  # e.g. the optimality gap
    added_people: list[float] = field(default_factory=list)  # what each site adds, in order
    already_people: float = 0.0  # reached by the existing sites alone
    total_people: float = 0.0
    method: str = ""  # "milp" (exact, HiGHS) or "heuristic"
    gap: float = float("nan")  # relative optimality gap (0 = proven optimal)


@dataclass
class PlanRoutesRequest:
    grid: AnalysisGrid
    stops: list[SiteRequest]  # mobile stops to visit
    visit_every_days: float | None  # from the service standard
    depots: list[SiteRequest]  # where vehicles start and end (fixed facilities)
    road_lines: list[np.ndarray]  # (n, 2) vertex arrays of the roads, grid CRS
    road_classes: list[int]  # 1 paved, 2 gravel, 3 track per line
    mode: str = "vehicle"  # the vehicle's road speeds (core.landcover.ROAD_SPEEDS_KMH)
    period_days: int = 30
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # working days, 0 = Monday (day 0 is one)
    work_minutes: float = 480.0  # working day, including the drive back
    dwell_minutes: float = 45.0  # at each stop
    day_start_minute: float = 480.0  # 08:00
    vehicles_per_depot: int = 1
    max_snap_m: float | None = 1000.0  # farthest a stop or depot may be from a road
    road_speeds_kmh: dict[int, float] | None = None  # class code → km/h; None: the mode's
    time_limit: float | None = 5.0  # seconds to improve the plan
    max_iterations: int | None = None  # steps to improve it (None: 200 + 50 per stop)


@dataclass
class PlannedRoute:
    vehicle: str
    day: int
    line: np.ndarray  # (n, 2) vertices along the roads
    stop_keys: list[str]  # in visiting order
    minutes: float  # the working time of the day: driving + dwell, back at the depot
    driving_minutes: float = float("nan")
    km: float = float("nan")
    weekday: str = ""  # "Mon" … "Sun"
    arrivals: list[str] = field(default_factory=list)  # "HH:MM" at each stop, in order
    start: str = ""  # leaving the depot, "HH:MM"
    end: str = ""  # back at the depot (or at the night stop)


@dataclass
class PlannedRoutes:
    routes: list[PlannedRoute]
    notes: list[str] = field(default_factory=list)
    # One row per leave / stop / return of every route (core.routing.DriverRow).
    timetable: list = field(default_factory=list)
    missing_visits: int = 0  # visits the vehicles could not fit (0: the plan is complete)


class ProposeStopsSolver(Protocol):
    def __call__(
        self, request: ProposeStopsRequest, progress: Progress, cancel: Cancel
    ) -> ProposedStops: ...


class PlanRoutesSolver(Protocol):
    def __call__(
        self, request: PlanRoutesRequest, progress: Progress, cancel: Cancel
    ) -> PlannedRoutes: ...
