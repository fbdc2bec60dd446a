"""The panel's "Plan routes": the mobile stops visited by vehicles from the fixed facilities.

``plan_routes(request, progress, cancel)`` builds the road network of the request's lines
(``RoadNetwork.from_polylines``), keeps the depots that are near a road joined to the stops,
puts depots and stops on the roads with the OD matrix between them
(``mobile_roads.road_problem``), gives each depot its vehicles (``mobile_plan.
depot_vehicles``), plans the period's working days (``routing.plan_routes``: every stop at
the standard's interval, each day within the working hours including the drive back),
draws each vehicle-day along the roads (``mobile_roads.route_lines``) and lists the
timetable (``routing.driver_timetable``). A plan the vehicles cannot complete is returned
with its missing visits counted and explained in the notes, never as complete.
"""

from __future__ import annotations

import math

import numpy as np

from .errors import Cancelled, InputError
from .live_session import SiteRequest
from .mobile_plan import depot_vehicles
from .mobile_roads import RoadProblem, road_problem, route_lines, snap_summary
from .network import RoadNetwork
from .network_paths import Router
from .network_snap import format_distance
from .planning_jobs import Cancel, PlannedRoute, PlannedRoutes, PlanRoutesRequest, Progress
from .routing import MobilePlan, PlanningPeriod, Stop, clock, driver_timetable
from .routing import plan_routes as plan_periodic
from .routing.model import WEEKDAY_NAMES

#: improvement steps when the request gives none (the time limit still applies): enough for
#: the plan to settle on a few dozen stops, so a small plan comes back at once
ITERATIONS_BASE = 200
ITERATIONS_PER_STOP = 50


def _label(site: SiteRequest) -> str:
    return site.name or site.key


def _names(sites: list[SiteRequest]) -> list[str]:
    """Unique labels (two stops called alike get their key added)."""
    labels = [_label(s) for s in sites]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    return [f"{lb} ({s.key})" if seen[lb] > 1 else lb for lb, s in zip(labels, sites)]


def usable_depots(
    network: RoadNetwork,
    router: Router,
    depots: list[SiteRequest],
    stops: list[SiteRequest],
    max_snap_m: float | None,
) -> tuple[list[int], list[str]]:
    """Indices of the depots near an open road that leads to some stop, and why the others
    are left out. The stops are snapped with the same limit (an error names a stop too far
    from every road)."""
    stop_pts = network.snap(
        [s.x for s in stops], [s.y for s in stops], _names(stops), max_snap_m, what="Stop"
    )
    dep_pts = network.snap(
        [d.x for d in depots], [d.y for d in depots], _names(depots), None, what="Depot"
    )
    is_open = np.isfinite(router.forward) | np.isfinite(router.backward)
    comp = router.node_component
    stop_comp = set(comp[network.edge_u[stop_pts.edge]].tolist())
    keep: list[int] = []
    dropped: list[str] = []
    for k, name in enumerate(dep_pts.names):
        far = max_snap_m is not None and dep_pts.distance_m[k] > max_snap_m
        if far:
            away = format_distance(float(dep_pts.distance_m[k]))
            dropped.append(f"'{name}' ({away} from the nearest road)")
        elif not is_open[dep_pts.edge[k]]:
            dropped.append(f"'{name}' (on a road closed to the vehicle)")
        elif int(comp[network.edge_u[dep_pts.edge[k]]]) not in stop_comp:
            dropped.append(f"'{name}' (no road leads from it to any stop)")
        else:
            keep.append(k)
    return keep, dropped


def _period(request: PlanRoutesRequest) -> tuple[PlanningPeriod, tuple[int, ...]]:
    n = int(request.period_days)
    if n < 1:
        raise InputError(f"The planning period must be at least one day, got {n}.")
    weekdays = tuple(int(d) for d in request.weekdays)
    if not weekdays or any(d < 0 or d > 6 for d in weekdays):
        raise InputError("Give the working weekdays as 0 (Monday) … 6 (Sunday).")
    period = PlanningPeriod(n)
    days = period.days_on(weekdays)
    if not days:
        raise InputError(
            f"A {n}-day period starting on a Monday has none of the working weekdays "
            f"({', '.join(WEEKDAY_NAMES[d] for d in weekdays)}): make the period longer."
        )
    return period, days


def _routes(
    problem: RoadProblem, plan: MobilePlan, stops: list[SiteRequest], cancel: Cancel | None
) -> list[PlannedRoute]:
    lines = route_lines(problem, plan, cancel)
    out = []
    for r, line in zip(plan.routes, lines):
        veh = plan.vehicles[r.vehicle]
        start = veh.day_start_minute
        out.append(
            PlannedRoute(
                vehicle=veh.name,
                day=int(r.day),
                line=np.column_stack([line.x, line.y]),
                stop_keys=[stops[c.stop].key for c in r.calls],
                minutes=float(r.total_minutes),
                driving_minutes=float(r.driving_minutes),
                km=float(line.length_m) / 1000.0,
                weekday=WEEKDAY_NAMES[plan.period.weekday(r.day)],
                arrivals=[clock(start + c.arrival) for c in r.calls],
                start=clock(start),
                end=clock(start + r.total_minutes),
            )
        )
    return out


def plan_routes(
    request: PlanRoutesRequest, progress: Progress | None = None, cancel: Cancel | None = None
) -> PlannedRoutes:
    """Routes along the roads for every vehicle-day of the period, with the timetable."""

    def report(value: float) -> None:
        if progress is not None:
            progress(float(value))

    def check() -> None:
        if cancel is not None and cancel():
            raise Cancelled("Planning the routes was cancelled; nothing was changed.")

    check()
    stops = list(request.stops)
    if not stops:
        raise InputError("There are no mobile stops to visit: place some, then plan routes.")
    if not request.depots:
        raise InputError(
            "There is no depot: the vehicles start from the fixed facilities; choose the "
            "facility layer (Inputs) with at least one facility of this service."
        )
    if not request.road_lines:
        raise InputError("The roads layer has no lines: choose a roads layer with roads.")
    period, days = _period(request)
    every = request.visit_every_days
    if every is not None and not (math.isfinite(every) and every > 0):
        raise InputError(f"The visit interval must be more than 0 days, got {every}.")

    network = RoadNetwork.from_polylines(request.road_lines, request.road_classes)
    router = Router.for_mode(network, request.mode, request.road_speeds_kmh)
    check()
    report(5)
    keep, dropped = usable_depots(network, router, list(request.depots), stops, request.max_snap_m)
    if not keep:
        raise InputError(
            "No fixed facility can serve as a depot: " + "; ".join(dropped[:5]) + ". Move a "
            "facility (or a stop) onto the roads, or join the pieces of the road layer."
        )
    depots = [request.depots[k] for k in keep]
    depot_names = _names(depots)
    stop_names = _names(stops)
    problem = road_problem(
        network,
        router,
        [d.x for d in depots],
        [d.y for d in depots],
        depot_names,
        [s.x for s in stops],
        [s.y for s in stops],
        stop_names,
        request.max_snap_m,
        progress=lambda v: report(5 + 0.15 * v),
        cancel=cancel,
    )
    check()
    vehicles = depot_vehicles(
        depot_names,
        int(request.vehicles_per_depot),
        work_minutes=float(request.work_minutes),
        dwell_minutes=float(request.dwell_minutes),
        days=days,
        day_start_minute=float(request.day_start_minute),
    )
    plan_stops = [
        Stop(problem.stop_node(j), stop_names[j], every_days=every) for j in range(len(stops))
    ]
    plan = plan_periodic(
        problem.matrix,
        vehicles,
        plan_stops,
        period,
        time_limit=request.time_limit,
        max_iterations=(
            request.max_iterations
            if request.max_iterations is not None
            else ITERATIONS_BASE + ITERATIONS_PER_STOP * len(stops)
        ),
        allow_partial=True,
        progress=lambda v: report(20 + 0.65 * v),
        cancel=cancel,
    )
    check()
    routes = _routes(problem, plan, stops, cancel)
    report(95)
    missing = sum(k for _, k in plan.diagnostics.missing_visits)
    needed = sum(st.required_visits(period.n_days) for st in plan_stops)
    used = sorted({r.vehicle for r in routes})
    notes = []
    if missing:
        why = " ".join(plan.diagnostics.messages[:1]).split(", or plan with allow_partial")[0]
        notes.append(
            f"Incomplete plan: {missing} of {needed} visits do not fit. {why.rstrip('.')}."
        )
    notes.append(
        f"{len(routes)} vehicle-days over {period.n_days} days ({len(days)} working days): "
        f"{needed - missing} visits at {len(stops)} stops, "
        f"{sum(r.km for r in routes):,.0f} km, {plan.total_driving_minutes / 60:,.1f} h "
        f"driving; {len(used)} of {len(vehicles)} vehicles used."
    )
    notes.append(snap_summary(problem.points, problem.n_depots))
    if dropped:
        notes.append(f"Facilities not used as depots: {'; '.join(dropped[:5])}.")
    report(100)
    return PlannedRoutes(
        routes=routes,
        notes=notes,
        timetable=driver_timetable(plan),
        missing_visits=int(missing),
    )
