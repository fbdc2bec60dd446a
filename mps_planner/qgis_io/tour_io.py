"""Covering tours → QGIS features: the chosen stops (with their order and times), the routes
along the roads, and the route-time vs people-reached table."""

from __future__ import annotations

from typing import Sequence

import numpy as np
from qgis.core import (
    NULL,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsPointXY,
)
from qgis.PyQt.QtCore import QVariant

from ..core.mobile_cover import tour_times
from ..core.mobile_roads import RoadProblem
from ..core.routing import CoveringTour, TradeoffRow, clock

STOP_SPEC = (
    ("name", QVariant.String),
    ("route", QVariant.Int),
    ("seq", QVariant.Int),
    ("arrival", QVariant.String),
    ("departure", QVariant.String),
    ("people", QVariant.Double),
    ("every_days", QVariant.Double),
    ("candidate", QVariant.Int),
)
ROUTE_SPEC = (
    ("route", QVariant.Int),
    ("vehicle_name", QVariant.String),
    ("stops", QVariant.Int),
    ("km", QVariant.Double),
    ("drive_min", QVariant.Double),
    ("total_min", QVariant.Double),
    ("start", QVariant.String),
    ("end", QVariant.String),
    ("people", QVariant.Double),
)
TRADEOFF_SPEC = (
    ("routes", QVariant.Int),
    ("route_limit_min", QVariant.Double),
    ("people_reached", QVariant.Double),
    ("share_reached", QVariant.Double),
    ("minutes_used", QVariant.Double),
    ("stops", QVariant.Int),
    ("minutes_for_target", QVariant.Double),
)


def fields_of(spec) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


def tour_features(
    problem: RoadProblem,
    tour: CoveringTour,
    drawn: Sequence[tuple],
    coverage: np.ndarray,
    weights: np.ndarray,
    dwell: float,
    day_start: float,
    every_days: float | None,
) -> tuple[list[QgsFeature], list[QgsFeature]]:
    """Stop features and route features of a covering tour on ``problem`` (depot = node 0).

    ``drawn``: ``draw_along_roads`` of the routes depot → stops → depot; ``coverage``
    (demand × candidates) and ``weights`` give the people each stop and route brings within
    reach; times are clock times from ``day_start`` (minutes since midnight).
    """
    pts = problem.points
    w = np.asarray(weights, dtype=float)
    stop_fields, route_fields = fields_of(STOP_SPEC), fields_of(ROUTE_SPEC)
    stops, routes = [], []
    for k, (route, cand, line) in enumerate(zip(tour.routes, tour.route_stops, drawn)):
        arr, dep, drive, total = tour_times(problem.matrix, 0, route, dwell)
        covered = coverage[:, list(cand)].any(axis=1)
        for seq, (node, j) in enumerate(zip(route, cand), start=1):
            f = QgsFeature(stop_fields)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(pts.x[node], pts.y[node])))
            f.setAttributes(
                [
                    pts.names[node],
                    k + 1,
                    seq,
                    clock(day_start + float(arr[seq - 1])),
                    clock(day_start + float(dep[seq - 1])),
                    round(float(w[coverage[:, j]].sum()), 1),
                    NULL if every_days is None else float(every_days),
                    int(j),
                ]
            )
            stops.append(f)
        x, y, length, _minutes, _legs = line
        f = QgsFeature(route_fields)
        f.setGeometry(QgsGeometry(QgsLineString(x.tolist(), y.tolist())))
        f.setAttributes(
            [
                k + 1,
                f"route {k + 1}",
                len(route),
                round(float(length) / 1000.0, 3),
                round(float(drive), 2),
                round(float(total), 2),
                clock(day_start),
                clock(day_start + float(total)),
                round(float(w[covered].sum()), 1),
            ]
        )
        routes.append(f)
    return stops, routes


def tradeoff_features(rows: Sequence[TradeoffRow]) -> list[QgsFeature]:
    fields = fields_of(TRADEOFF_SPEC)
    out = []
    for row in rows:
        f = QgsFeature(fields)
        f.setAttributes(
            [
                int(row.vehicles),
                float(row.route_limit_minutes),
                round(float(row.people_reached), 1),
                round(float(row.share_reached), 4),
                round(float(row.minutes_used), 1),
                int(row.stops),
                NULL if row.minutes_for_target is None else round(row.minutes_for_target, 1),
            ]
        )
        out.append(f)
    return out
