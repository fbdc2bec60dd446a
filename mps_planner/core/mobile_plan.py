"""The pieces of a mobile service plan on real roads around the routing core: the vehicles of
each depot, per-route and per-vehicle totals, and candidate stops along the roads.

Plans themselves come from ``core.routing.plan_routes`` on ``RoadProblem.matrix``; their
stop indices are the stop order of the ``RoadProblem`` (and of the ``StopReach``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.spatial import cKDTree

from .errors import InputError
from .mobile_reach import StopReach
from .mobile_roads import RouteLine
from .network import Polylines
from .routing import MobilePlan, Vehicle
from .routing.model import DAYS_PER_MONTH


def depot_vehicles(
    depot_names: Sequence[str],
    per_depot: Sequence[int] | int,
    *,
    work_minutes: float,
    dwell_minutes: float,
    days: Sequence[int],
    day_start_minute: float = 480.0,
    max_trip_days: int = 1,
) -> list[Vehicle]:
    """``per_depot`` vehicles at each depot (depot k is matrix node k), all on ``days``."""
    counts = [int(per_depot)] * len(depot_names) if np.isscalar(per_depot) else list(per_depot)
    if len(counts) != len(depot_names):
        raise InputError("one vehicle count per depot is needed")
    if not (math.isfinite(work_minutes) and work_minutes > 0):
        raise InputError(f"The working day must be more than 0 minutes, got {work_minutes}.")
    if not (math.isfinite(dwell_minutes) and dwell_minutes >= 0):
        raise InputError(f"The dwell time must be 0 or more minutes, got {dwell_minutes}.")
    out = []
    for k, (name, n) in enumerate(zip(depot_names, counts)):
        if n < 0:
            raise InputError(f"Depot '{name}' has {n} vehicles; use 0 or more.")
        for i in range(n):
            label = name if n == 1 else f"{name} #{i + 1}"
            out.append(
                Vehicle(
                    label,
                    k,
                    float(work_minutes),
                    tuple(days),
                    float(dwell_minutes),
                    1.0,
                    int(max_trip_days),
                    float(day_start_minute),
                )
            )
    if not out:
        raise InputError("No vehicles: give at least one vehicle at a depot.")
    return out


@dataclass(frozen=True)
class RouteTotal:
    """One vehicle's day: stops, kilometres, hours and the people its stops reach."""

    vehicle: int
    day: int
    stops: int
    km: float
    driving_hours: float
    total_hours: float
    people_reached: float | None  # people within the standard of the day's stops


@dataclass(frozen=True)
class VehicleTotal:
    """One vehicle over the planning period."""

    vehicle: int
    name: str
    days: int
    visits: int
    stops: int  # distinct stops
    km: float
    driving_hours: float
    people_reached: float | None


def route_totals(
    plan: MobilePlan,
    lines: Sequence[RouteLine],
    reach: StopReach | None = None,
    people: np.ndarray | None = None,
) -> list[RouteTotal]:
    """Totals of every day route (same order as ``plan.routes`` and ``lines``)."""
    if len(lines) != len(plan.routes):
        raise InputError("one route line per day route is needed")
    out = []
    for r, line in zip(plan.routes, lines):
        reached = None
        if reach is not None and people is not None:
            reached = reach.people_reached(people, r.stops)
        out.append(
            RouteTotal(
                r.vehicle,
                r.day,
                len(r.calls),
                line.length_m / 1000.0,
                r.driving_minutes / 60.0,
                r.total_minutes / 60.0,
                reached,
            )
        )
    return out


def vehicle_totals(
    plan: MobilePlan,
    lines: Sequence[RouteLine],
    reach: StopReach | None = None,
    people: np.ndarray | None = None,
) -> list[VehicleTotal]:
    out = []
    for v, veh in enumerate(plan.vehicles):
        idx = [i for i, r in enumerate(plan.routes) if r.vehicle == v]
        stops = sorted({s for i in idx for s in plan.routes[i].stops})
        reached = None
        if reach is not None and people is not None:
            reached = reach.people_reached(people, stops)
        out.append(
            VehicleTotal(
                v,
                veh.name,
                len(idx),
                sum(len(plan.routes[i].calls) for i in idx),
                len(stops),
                sum(lines[i].length_m for i in idx) / 1000.0,
                sum(plan.routes[i].driving_minutes for i in idx) / 60.0,
                reached,
            )
        )
    return out


def required_per_month(every_days: float | None) -> float | None:
    """Visits per month a person needs when a stop is due every ``every_days`` days."""
    if every_days is None:
        return None
    if not every_days > 0:
        raise InputError("The visit interval must be more than 0 days.")
    return DAYS_PER_MONTH / float(every_days)


def candidates_along_roads(
    lines: Polylines, spacing_m: float, classes: Sequence[int] | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Candidate stop sites every ``spacing_m`` metres along the road lines (both ends and
    evenly spaced points between), merged where closer than half the spacing (junctions).

    ``classes`` limits them to those road class codes (e.g. (1, 2): no tracks).
    Returns x, y and names ("road 12, km 4.0").
    """
    if not (math.isfinite(spacing_m) and spacing_m > 0):
        raise InputError(f"The spacing of candidate stops must be more than 0 m, got {spacing_m}.")
    xs: list[np.ndarray] = []
    names: list[str] = []
    for k in range(len(lines)):
        if classes is not None and int(lines.classes[k]) not in set(classes):
            continue
        line = lines.xy[lines.offsets[k] : lines.offsets[k + 1]]
        seg = np.hypot(*np.diff(line, axis=0).T)
        cum = np.concatenate(([0.0], np.cumsum(seg)))
        total = float(cum[-1])
        if total <= 0:
            continue
        n = max(1, math.ceil(total / spacing_m - 1e-9))
        at = np.linspace(0.0, total, n + 1)
        i = np.clip(np.searchsorted(cum, at, side="right") - 1, 0, len(seg) - 1)
        t = np.where(seg[i] > 0, (at - cum[i]) / np.where(seg[i] > 0, seg[i], 1.0), 0.0)
        pts = line[i] + t[:, None] * (line[i + 1] - line[i])
        xs.append(pts)
        names += [f"road {k + 1}, km {d / 1000:.1f}" for d in at]
    if not xs:
        raise InputError("No road of the chosen classes to place candidate stops on.")
    pts = np.vstack(xs)
    keep = np.ones(len(pts), dtype=bool)
    tree = cKDTree(pts)
    for a, b in sorted(tree.query_pairs(spacing_m / 2.0)):
        if keep[a] and keep[b]:
            keep[b] = False
    idx = np.flatnonzero(keep)
    return pts[idx, 0], pts[idx, 1], [names[i] for i in idx.tolist()]
