"""Mobile service plans ⇄ QGIS features: stop and depot layers in, route / stop / visit layers
out, and a plan read back from its route and visit layers (for the timetable export).

Layers written here (field names are the contract with ``plan_from_layers``):

* routes — one line per vehicle and day, along the roads: vehicle, day, date, start / end
  clock times, stops, km, driving / dwell / total minutes, people reached, the period;
* visits — one point per call at a stop: sequence number, arrival and departure;
* stops  — one point per stop: required and planned visits per period, visit days, largest
  gap, visits per month, people within reach and person-visits per month.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from qgis.core import (
    NULL,
    QgsFeature,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsPointXY,
)
from qgis.PyQt.QtCore import QVariant

from ..core.errors import InputError
from ..core.mobile_inputs import parse_date
from ..core.mobile_plan import RouteTotal
from ..core.mobile_roads import RouteLine
from ..core.routing import (
    DayRoute,
    MobilePlan,
    PlanDiagnostics,
    PlanningPeriod,
    Stop,
    StopCall,
    Vehicle,
    clock,
)
from ..core.routing.model import WEEKDAY_NAMES
from .vector_out import plain_attribute


def _fields(spec: Sequence[tuple[str, QVariant.Type]]) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


ROUTE_SPEC = (
    ("vehicle", QVariant.Int),
    ("vehicle_name", QVariant.String),
    ("depot", QVariant.String),
    ("day", QVariant.Int),
    ("date", QVariant.String),
    ("weekday", QVariant.String),
    ("trip", QVariant.Int),
    ("stops", QVariant.Int),
    ("km", QVariant.Double),
    ("drive_min", QVariant.Double),
    ("dwell_min", QVariant.Double),
    ("total_min", QVariant.Double),
    ("work_min", QVariant.Double),
    ("start", QVariant.String),
    ("end", QVariant.String),
    ("day_start", QVariant.Double),
    ("end_place", QVariant.String),
    ("overnight", QVariant.Int),
    ("people", QVariant.Double),
    ("period_days", QVariant.Int),
    ("period_start", QVariant.String),
)
VISIT_SPEC = (
    ("vehicle", QVariant.Int),
    ("vehicle_name", QVariant.String),
    ("day", QVariant.Int),
    ("date", QVariant.String),
    ("weekday", QVariant.String),
    ("seq", QVariant.Int),
    ("stop", QVariant.Int),
    ("stop_name", QVariant.String),
    ("arrival", QVariant.String),
    ("departure", QVariant.String),
    ("arrive_min", QVariant.Double),
    ("depart_min", QVariant.Double),
    ("drive_min", QVariant.Double),
    ("required", QVariant.Int),
    ("visits", QVariant.Int),
)
STOP_SPEC = (
    ("stop", QVariant.Int),
    ("name", QVariant.String),
    ("vehicle", QVariant.Int),
    ("vehicle_name", QVariant.String),
    ("required", QVariant.Int),
    ("visits", QVariant.Int),
    ("every_days", QVariant.Double),
    ("max_gap", QVariant.Double),
    ("visit_days", QVariant.String),
    ("visits_month", QVariant.Double),
    ("people", QVariant.Double),
    ("person_visits", QVariant.Double),
    ("snap_m", QVariant.Double),
    ("served", QVariant.Int),
)


def route_fields() -> QgsFields:
    return _fields(ROUTE_SPEC)


def visit_fields() -> QgsFields:
    return _fields(VISIT_SPEC)


def stop_fields() -> QgsFields:
    return _fields(STOP_SPEC)


# -- reading stops and depots -------------------------------------------------------------
def number_or_none(value, what: str, name: str) -> float | None:
    """A numeric attribute (NULL / empty → None); text that is no number is refused."""
    if value is None or value == NULL or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(f"The {what} of '{name}' is '{value}', not a number.") from None


# -- writing ----------------------------------------------------------------------------------
def _date_text(plan: MobilePlan, day: int) -> str | None:
    date = plan.period.date(day)
    return None if date is None else date.isoformat()


def route_features(
    plan: MobilePlan,
    lines: Sequence[RouteLine],
    totals: Sequence[RouteTotal],
    depot_names: Sequence[str],
) -> list[QgsFeature]:
    """One line feature per day route (``plan.routes`` order)."""
    fields = route_fields()
    start = plan.period.start.isoformat() if plan.period.start else None
    out = []
    for r, line, tot in zip(plan.routes, lines, totals):
        veh = plan.vehicles[r.vehicle]
        f = QgsFeature(fields)
        f.setGeometry(QgsGeometry(QgsLineString(line.x.tolist(), line.y.tolist())))
        end_place = depot_names[veh.depot] if not r.overnight else plan.stops[r.calls[-1].stop].name
        f.setAttributes(
            [
                plain_attribute(v)
                for v in (
                    r.vehicle,
                    veh.name,
                    depot_names[veh.depot],
                    r.day,
                    _date_text(plan, r.day),
                    WEEKDAY_NAMES[plan.period.weekday(r.day)],
                    r.trip,
                    len(r.calls),
                    round(tot.km, 3),
                    round(r.driving_minutes, 2),
                    round(r.dwell_minutes, 2),
                    round(r.total_minutes, 2),
                    r.work_minutes,
                    clock(veh.day_start_minute),
                    clock(veh.day_start_minute + r.total_minutes),
                    veh.day_start_minute,
                    end_place,
                    int(r.overnight),
                    None if tot.people_reached is None else round(tot.people_reached, 1),
                    plan.period.n_days,
                    start,
                )
            ]
        )
        out.append(f)
    return out


def visit_features(plan: MobilePlan, stop_x, stop_y) -> list[QgsFeature]:
    """One point feature per call at a stop, at the stop's point."""
    fields = visit_fields()
    out = []
    for r in plan.routes:
        veh = plan.vehicles[r.vehicle]
        prev = 0.0
        for seq, c in enumerate(r.calls, start=1):
            v = plan.visits[c.stop]
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(stop_x[c.stop], stop_y[c.stop])))
            f.setAttributes(
                [
                    plain_attribute(x)
                    for x in (
                        r.vehicle,
                        veh.name,
                        r.day,
                        _date_text(plan, r.day),
                        WEEKDAY_NAMES[plan.period.weekday(r.day)],
                        seq,
                        c.stop,
                        plan.stops[c.stop].name,
                        clock(veh.day_start_minute + c.arrival),
                        clock(veh.day_start_minute + c.departure),
                        round(veh.day_start_minute + c.arrival, 3),
                        round(veh.day_start_minute + c.departure, 3),
                        round(c.arrival - prev, 3),
                        v.required_visits,
                        len(v.visit_days),
                    )
                ]
            )
            prev = c.departure
            out.append(f)
    return out


def visit_days_text(plan: MobilePlan, days: Sequence[int]) -> str:
    """'Mon 1, Mon 15' (day numbers from 1) or dates when the period has a start date."""
    parts = []
    for d in days:
        date = plan.period.date(d)
        if date is not None:
            parts.append(date.isoformat())
        else:
            parts.append(f"{WEEKDAY_NAMES[plan.period.weekday(d)]} {d + 1}")
    return ", ".join(parts)


def stop_features(
    plan: MobilePlan,
    stop_x,
    stop_y,
    snap_m: Sequence[float],
    people: Sequence[float] | None = None,
    visits_per_month: Sequence[float] | None = None,
) -> list[QgsFeature]:
    """One point feature per stop, at the stop's point (``plan.stops`` order)."""
    fields = stop_fields()
    out = []
    for j, v in enumerate(plan.visits):
        vpm = v.visits_per_month if visits_per_month is None else float(visits_per_month[j])
        ppl = None if people is None else float(people[j])
        veh = None if v.vehicle is None else plan.vehicles[v.vehicle].name
        f = QgsFeature(fields)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(stop_x[j], stop_y[j])))
        f.setAttributes(
            [
                plain_attribute(x)
                for x in (
                    j,
                    plan.stops[j].name,
                    v.vehicle,
                    veh,
                    v.required_visits,
                    len(v.visit_days),
                    round(v.target_gap_days, 2),
                    None if v.max_gap is None else round(v.max_gap, 2),
                    visit_days_text(plan, v.visit_days),
                    float(vpm),  # unrounded: compared with the required frequency
                    None if ppl is None else round(ppl, 1),
                    None if ppl is None else round(ppl * vpm, 1),
                    round(float(snap_m[j]), 1),
                    int(v.served),
                )
            ]
        )
        out.append(f)
    return out


# -- reading a plan back ------------------------------------------------------------------------
@dataclass
class PlanLayers:
    """A plan rebuilt from its route and visit layers, and the depot names."""

    plan: MobilePlan
    depot_names: list[str]


def _require(source: QgsFeatureSource, spec, what: str) -> None:
    names = set(source.fields().names())
    missing = [n for n, _ in spec if n not in names]
    if missing:
        raise InputError(
            f"The {what} layer lacks the field(s) {', '.join(missing)}: use the {what} layer "
            "written by 'Plan mobile routes' (mps_planner:planroutes)."
        )


def _text(value) -> str:
    return "" if value is None or value == NULL else str(value)


def plan_from_layers(
    routes: QgsFeatureSource, visits: QgsFeatureSource, start_date: str | None = None
) -> PlanLayers:
    """The plan a route layer and a visit layer of ``planroutes`` describe.

    ``start_date`` (YYYY-MM-DD) replaces the period's start date, e.g. to post the dates of
    the next cycle. Times are taken as written (minutes since midnight).
    """
    _require(routes, ROUTE_SPEC, "route")
    _require(visits, VISIT_SPEC, "visit")
    route_rows = [f.attributes() for f in routes.getFeatures()]
    visit_rows = [f.attributes() for f in visits.getFeatures()]
    if not route_rows:
        raise InputError("The route layer has no routes: run 'Plan mobile routes' first.")
    ri = {n: routes.fields().lookupField(n) for n, _ in ROUTE_SPEC}
    vi = {n: visits.fields().lookupField(n) for n, _ in VISIT_SPEC}
    period_days = {int(a[ri["period_days"]]) for a in route_rows}
    if len(period_days) != 1:
        raise InputError("The route layer mixes planning periods of different lengths.")
    stored = {_text(a[ri["period_start"]]) for a in route_rows}
    start = parse_date(start_date) if start_date else parse_date(sorted(stored)[0] or None)
    period = PlanningPeriod(period_days.pop(), start)
    depots: dict[str, int] = {}
    vehicles: dict[int, Vehicle] = {}
    for a in route_rows:
        v = int(a[ri["vehicle"]])
        depot = _text(a[ri["depot"]])
        node = depots.setdefault(depot, len(depots))
        if v not in vehicles:
            vehicles[v] = Vehicle(
                _text(a[ri["vehicle_name"]]),
                node,
                float(a[ri["work_min"]]),
                None,
                0.0,
                day_start_minute=float(a[ri["day_start"]]),
            )
    if sorted(vehicles) != list(range(len(vehicles))):
        raise InputError("The route layer's vehicle numbers must run 0, 1, 2, … without gaps.")
    stop_names: dict[int, str] = {}
    calls: dict[tuple[int, int], list[tuple[int, int, float, float]]] = {}
    for a in visit_rows:
        s = int(a[vi["stop"]])
        stop_names[s] = _text(a[vi["stop_name"]])
        key = (int(a[vi["vehicle"]]), int(a[vi["day"]]))
        calls.setdefault(key, []).append(
            (int(a[vi["seq"]]), s, float(a[vi["arrive_min"]]), float(a[vi["depart_min"]]))
        )
    n_stops = max(stop_names, default=-1) + 1
    base = len(depots)
    stops = tuple(Stop(base + s, stop_names.get(s, f"stop {s}")) for s in range(n_stops))
    day_routes = []
    seen = set()
    for a in route_rows:
        v, day = int(a[ri["vehicle"]]), int(a[ri["day"]])
        veh = vehicles[v]
        t0 = veh.day_start_minute
        mine = sorted(calls.get((v, day), []))
        seen.add((v, day))
        route_calls = tuple(StopCall(s, base + s, arr - t0, dep - t0) for _, s, arr, dep in mine)
        overnight = bool(int(a[ri["overnight"]] or 0))
        end = route_calls[-1].node if overnight and route_calls else veh.depot
        day_routes.append(
            DayRoute(
                v,
                day,
                int(a[ri["trip"]]),
                veh.depot,
                end,
                route_calls,
                float(a[ri["drive_min"]]),
                float(a[ri["dwell_min"]]),
                float(a[ri["total_min"]]),
                veh.work_minutes,
                overnight,
            )
        )
    orphans = sorted(set(calls) - seen)
    if orphans:
        v, day = orphans[0]
        raise InputError(
            f"The visit layer has visits of vehicle {v} on day {day}, which the route layer "
            "does not have: use the route and visit layers of the same planning run."
        )
    day_routes.sort(key=lambda r: (r.vehicle, r.day))
    plan = MobilePlan(
        period=period,
        vehicles=tuple(vehicles[v] for v in range(len(vehicles))),
        stops=stops,
        routes=tuple(day_routes),
        visits=(),
        diagnostics=PlanDiagnostics(feasible=True),
        total_driving_minutes=float(sum(r.driving_minutes for r in day_routes)),
        total_dwell_minutes=float(sum(r.dwell_minutes for r in day_routes)),
    )
    names = [""] * len(depots)
    for name, k in depots.items():
        names[k] = name
    return PlanLayers(plan, names)
