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

Register one with ``PlannerController.set_solver("propose_stops", fn)`` or
``set_solver("plan_routes", fn)``; until then the buttons stay disabled.
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


@dataclass
class ProposedStops:
    """The chosen sites (a subset of the candidates, keys kept), best first."""

    sites: list[SiteRequest]
    covered_people: float  # reached within the target with the chosen sites added
    notes: list[str] = field(default_factory=list)  # e.g. the optimality gap


@dataclass
class PlanRoutesRequest:
    grid: AnalysisGrid
    stops: list[SiteRequest]  # mobile stops to visit
    visit_every_days: float | None  # from the service standard
    depots: list[SiteRequest]  # where vehicles start and end (fixed facilities)
    road_lines: list[np.ndarray]  # (n, 2) vertex arrays of the roads, grid CRS
    road_classes: list[int]  # 1 paved, 2 gravel, 3 track per line
    mode: str = "vehicle"
    period_days: int = 30


@dataclass
class PlannedRoute:
    vehicle: str
    day: int
    line: np.ndarray  # (n, 2) vertices along the roads
    stop_keys: list[str]  # in visiting order
    minutes: float


@dataclass
class PlannedRoutes:
    routes: list[PlannedRoute]
    notes: list[str] = field(default_factory=list)


class ProposeStopsSolver(Protocol):
    def __call__(
        self, request: ProposeStopsRequest, progress: Progress, cancel: Cancel
    ) -> ProposedStops: ...


class PlanRoutesSolver(Protocol):
    def __call__(
        self, request: PlanRoutesRequest, progress: Progress, cancel: Cancel
    ) -> PlannedRoutes: ...
