"""A mobile service on the roads: depots and stops snapped to the network, the matrix of
driving minutes between them, and each planned day drawn along the roads.

Matrix node k is point k of ``RoadProblem.points``: the depots first, then the stops (so
stop j is node ``n_depots + j``). Minutes and metres are those of the fastest paths between
the snapped road points; the few metres from a stop to its road point are walked by the
residents, not driven.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .errors import Cancelled, InputError
from .network import RoadNetwork
from .network_paths import Router
from .network_snap import SnappedPoints, format_distance
from .network_times import ODMatrix
from .routing import DayRoute, MobilePlan


@dataclass
class RoadProblem:
    """Depots and stops on the roads, with the OD matrix between all of them."""

    router: Router
    points: SnappedPoints  # depots first, then stops
    n_depots: int
    od: ODMatrix

    @property
    def matrix(self) -> np.ndarray:
        """Driving minutes, node × node (inf where no road leads)."""
        return self.od.minutes

    @property
    def n_stops(self) -> int:
        return len(self.points) - self.n_depots

    def stop_node(self, j: int) -> int:
        return self.n_depots + int(j)

    @property
    def stop_nodes(self) -> list[int]:
        return [self.n_depots + j for j in range(self.n_stops)]

    @property
    def stop_points(self) -> SnappedPoints:
        return self.points.subset(np.arange(self.n_depots, len(self.points)))

    def km(self, a: int, b: int) -> float:
        return float(self.od.length_m[a, b]) / 1000.0


def road_problem(
    network: RoadNetwork,
    router: Router,
    depot_x: Sequence[float] | np.ndarray,
    depot_y: Sequence[float] | np.ndarray,
    depot_names: Sequence[str],
    stop_x: Sequence[float] | np.ndarray,
    stop_y: Sequence[float] | np.ndarray,
    stop_names: Sequence[str],
    max_snap_m: float | None = 1000.0,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> RoadProblem:
    """Snap depots and stops to the roads, check that they are joined, build the OD matrix.

    Refusals name the point: a depot or stop farther than ``max_snap_m`` from every road, on
    a road closed to the vehicle, or on a piece of road that no road joins to a depot.
    """
    depots = network.snap(depot_x, depot_y, depot_names, max_snap_m, what="Depot")
    stops = network.snap(stop_x, stop_y, stop_names, max_snap_m, what="Stop")
    points = SnappedPoints.concat([depots, stops])
    n_dep = len(depots)
    check_joined(router, points, n_dep)
    od = router.od_matrix(points, progress=progress, cancel=cancel)
    return RoadProblem(router, points, n_dep, od)


def check_joined(router: Router, points: SnappedPoints, n_depots: int) -> None:
    """Every depot on an open road joined to some stop; every stop joined to some depot."""
    net = router.network
    is_open = np.isfinite(router.forward) | np.isfinite(router.backward)
    for i in np.flatnonzero(~is_open[points.edge]).tolist():
        role = "Depot" if i < n_depots else "Stop"
        raise InputError(
            f"{role} '{points.names[i]}' is on a road closed to this vehicle (its class has "
            "speed 0): move it onto an open road or give that class a speed."
        )
    comp = router.node_component[net.edge_u[points.edge]]
    dep_comp = comp[:n_depots]
    stop_comp = comp[n_depots:]
    for k in range(n_depots):
        if stop_comp.size and not (stop_comp == dep_comp[k]).any():
            piece = int(net.node_component[net.edge_u[points.edge[k]]])
            raise InputError(
                f"Depot '{points.names[k]}' is off the road network of the stops: it is on "
                f"{net.describe(piece)}, which no road joins to any stop. Move the depot onto "
                "a road joined to the stops (or join that piece in the road layer)."
            )
    alone = np.flatnonzero(~np.isin(stop_comp, dep_comp))
    if alone.size:
        i = n_depots + int(alone[0])
        piece = int(net.node_component[net.edge_u[points.edge[i]]])
        more = ""
        if alone.size > 1:
            listed = ", ".join(f"'{points.names[n_depots + j]}'" for j in alone[1:6].tolist())
            more = f" The same holds for {listed}{' and more' if alone.size > 6 else ''}."
        raise InputError(
            f"Stop '{points.names[i]}' cannot be reached by road from any depot: it is on "
            f"{net.describe(piece)}, which no road joins to a depot. Move the stop onto a "
            f"connected road, or join that piece in the road layer.{more}"
        )


def snap_summary(points: SnappedPoints, n_depots: int) -> str:
    """One log line: how far the stops were from the road."""
    d = points.distance_m[n_depots:]
    if not d.size:
        return "No stops."
    i = int(np.argmax(d))
    return (
        f"{d.size} stops put on the roads: median {format_distance(float(np.median(d)))} "
        f"from the road, farthest '{points.names[n_depots + i]}' "
        f"({format_distance(float(d[i]))})."
    )


@dataclass(frozen=True)
class RouteLine:
    """One planned day drawn along the roads."""

    vehicle: int
    day: int
    x: np.ndarray
    y: np.ndarray
    length_m: float
    minutes: float  # driving minutes along the drawn line (= the matrix's, at speed factor 1)
    legs: int


def day_nodes(route: DayRoute) -> list[int]:
    """Matrix nodes of a day in driving order: start, stops, end (the depot or tonight's
    stop; the end is not repeated when the day ends at its last stop)."""
    nodes = [route.start_node, *(c.node for c in route.calls)]
    if route.end_node != nodes[-1]:
        nodes.append(route.end_node)
    return nodes


def route_lines(
    problem: RoadProblem, plan: MobilePlan, cancel: Callable[[], bool] | None = None
) -> list[RouteLine]:
    """The road polyline of every day route of ``plan`` (same order as ``plan.routes``)."""
    drawn = draw_along_roads(problem, [day_nodes(r) for r in plan.routes], cancel)
    return [
        RouteLine(r.vehicle, r.day, x, y, length, minutes, legs)
        for r, (x, y, length, minutes, legs) in zip(plan.routes, drawn)
    ]


def draw_along_roads(
    problem: RoadProblem,
    sequences: Sequence[Sequence[int]],
    cancel: Callable[[], bool] | None = None,
) -> list[tuple[np.ndarray, np.ndarray, float, float, int]]:
    """Each node sequence as one polyline along the fastest roads between consecutive nodes:
    (x, y, length in metres, driving minutes, number of legs). One Dijkstra per distinct
    leg origin, whatever the number of sequences."""
    legs = sorted({(int(a), int(b)) for q in sequences for a, b in zip(q[:-1], q[1:]) if a != b})
    if cancel is not None and cancel():
        raise Cancelled("Drawing the routes along the roads was cancelled.")
    drawn = dict(zip(legs, problem.router.routes(problem.points, legs))) if legs else {}
    p = problem.points
    out = []
    for q in sequences:
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        length = minutes = 0.0
        n = 0
        for a, b in zip(q[:-1], q[1:]):
            if a == b:
                continue
            leg = drawn[(int(a), int(b))]
            skip = 1 if xs else 0  # the joint is the previous leg's last vertex
            xs.append(leg.x[skip:])
            ys.append(leg.y[skip:])
            length += leg.length_m
            minutes += leg.minutes
            n += 1
        if not xs:  # every stop at the start point: a line of zero length there
            xs = [np.array([p.snap_x[q[0]]] * 2)]
            ys = [np.array([p.snap_y[q[0]]] * 2)]
        out.append((np.concatenate(xs), np.concatenate(ys), length, minutes, n))
    return out
