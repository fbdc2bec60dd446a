"""Bench: road network on a synthetic 150 km × 100 km county (~50k segments).

Ours (core.network + core.network_paths, numpy/scipy) against QGIS's own network analysis
library (QgsVectorLayerDirector + QgsGraphBuilder + QgsGraphAnalyzer.dijkstra, the peer)
on the same lines and speeds:

* reading the road layer (a memory layer of one feature per road link) into polylines;
* building the graph (ours: RoadNetwork + Router; QGIS: makeGraph);
* one-to-all fastest times from a junction: time, and agreement at every junction;
* an OD matrix for 200 stops (ours, with and without path lengths) against 200 QGIS
  one-to-all Dijkstras (measured on 20 and scaled), and one route polyline per leg;
* reading 100k one-segment features, and a reprojected read;
* road, then off road (core.network_access) on a 100 m grid of the county (1.5M cells):
  one site within 60 minutes, and all stops without a limit (no peer for this).

    .venv/bin/python bench/bench_network.py [--spacing 1300 --stops 200]

The machine is shared and has 2 cores: timings are noisy; read the ratios of one run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH, HEIGHT = 150_000.0, 100_000.0
X0, Y0 = 400_000.0, 4_800_000.0  # EPSG:32650 (UTM 50N)
SPEED = {1: 60.0, 2: 40.0, 3: 25.0}


def synthetic_roads(spacing: float, seed: int = 3):
    """Links of a jittered lattice, each a polyline with two bends; 10 % of links missing.

    Every 10th row / column is paved, every 3rd gravel, the rest tracks.
    """
    rng = np.random.default_rng(seed)
    nx, ny = int(WIDTH // spacing) + 1, int(HEIGHT // spacing) + 1
    gx = X0 + np.arange(nx)[None, :] * spacing + rng.uniform(-0.2, 0.2, (ny, nx)) * spacing
    gy = Y0 + np.arange(ny)[:, None] * spacing + rng.uniform(-0.2, 0.2, (ny, nx)) * spacing
    lines, classes = [], []
    for i in range(ny):
        for j in range(nx):
            for di, dj in ((0, 1), (1, 0)):
                a, b = (i, j), (i + di, j + dj)
                if b[0] >= ny or b[1] >= nx or rng.random() < 0.10:
                    continue
                k = i if di == 0 else j
                cls = 1 if k % 10 == 0 else (2 if k % 3 == 0 else 3)
                p = np.array([gx[a], gy[a]])
                q = np.array([gx[b], gy[b]])
                bends = p + (q - p) * np.array([[1 / 3], [2 / 3]])
                bends += rng.uniform(-0.05, 0.05, (2, 2)) * spacing
                lines.append(np.vstack((p, bends, q)))
                classes.append(cls)
    return lines, np.array(classes)


def memory_layer(lines, classes):
    from qgis.core import QgsFeature, QgsGeometry, QgsLineString, QgsVectorLayer

    layer = QgsVectorLayer(
        "LineString?crs=EPSG:32650&field=kind:string&field=kmh:double", "roads", "memory"
    )
    names = {1: "paved", 2: "gravel", 3: "track"}
    feats = []
    for line, cls in zip(lines, classes.tolist()):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry(QgsLineString(line[:, 0].tolist(), line[:, 1].tolist())))
        f.setAttributes([names[cls], SPEED[cls]])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def timed(fn, repeat: int = 1):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return out, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spacing", type=float, default=1300.0, help="junction spacing (m)")
    parser.add_argument("--stops", type=int, default=200)
    parser.add_argument("--qgis-sources", type=int, default=20)
    parser.add_argument("--single-features", type=int, default=100_000)
    args = parser.parse_args()

    from qgis.analysis import (
        QgsGraphAnalyzer,
        QgsGraphBuilder,
        QgsNetworkSpeedStrategy,
        QgsVectorLayerDirector,
    )
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsPointXY,
    )
    from scipy.spatial import cKDTree

    from mps_planner.core.network import RoadNetwork
    from mps_planner.core.network_paths import Router
    from mps_planner.qgis_io.network_io import read_road_layer

    app = QgsApplication([], False)
    app.initQgis()
    crs = QgsCoordinateReferenceSystem("EPSG:32650")

    lines, classes = synthetic_roads(args.spacing)
    layer = memory_layer(lines, classes)
    segments = sum(len(ln) - 1 for ln in lines)
    print(
        f"Synthetic network: {WIDTH / 1000:.0f} km × {HEIGHT / 1000:.0f} km, "
        f"{len(lines):,} road features, {segments:,} segments\n"
    )
    rows = []

    # -- reading the layer --------------------------------------------------------------------
    data, t_read = timed(
        lambda: read_road_layer(layer, crs, QgsCoordinateTransformContext(), "kind")
    )
    rows.append(("read road layer → polylines", t_read, None, f"{data.segment_count:,} seg"))

    # -- building ------------------------------------------------------------------------------
    def build_ours():
        net = RoadNetwork.from_polylines(data.polylines)
        return net, Router.for_mode(net, speeds_kmh=SPEED)

    (net, router), t_build = timed(build_ours)
    rng = np.random.default_rng(11)
    start_node = int(rng.integers(net.node_count))
    start = QgsPointXY(float(net.node_x[start_node]), float(net.node_y[start_node]))

    def build_qgis():
        director = QgsVectorLayerDirector(
            layer, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth
        )
        director.addStrategy(QgsNetworkSpeedStrategy(1, 25.0, 1000.0 / 60.0))  # m/min → min
        builder = QgsGraphBuilder(crs, False, 0.01, "NONE")
        tied = director.makeGraph(builder, [start])
        return builder.graph(), tied

    (graph, tied), t_qbuild = timed(build_qgis)
    rows.append(
        (
            "build graph",
            t_build,
            t_qbuild,
            f"ours {net.node_count:,} nodes / {net.edge_count:,} edges, "
            f"QGIS {graph.vertexCount():,} vertices",
        )
    )

    # -- one to all ----------------------------------------------------------------------------
    src = net.snap([start.x()], [start.y()], ["start"], max_snap_m=None)
    ours, t_one = timed(lambda: router.times_from(src), repeat=3)
    start_idx = graph.findVertex(tied[0])
    (tree, cost), t_qone = timed(lambda: QgsGraphAnalyzer.dijkstra(graph, start_idx, 0), 3)
    qxy = np.array(
        [
            [graph.vertex(i).point().x(), graph.vertex(i).point().y()]
            for i in range(graph.vertexCount())
        ]
    )
    dist, node = cKDTree(np.column_stack((net.node_x, net.node_y))).query(qxy)
    qcost = np.asarray(cost, dtype=np.float64)
    qcost[np.asarray(tree) == -1] = np.inf
    qcost[start_idx] = 0.0
    mine = ours.node_minutes[node]
    both = np.isfinite(qcost) & np.isfinite(mine)
    diff = np.abs(qcost[both] - mine[both])
    same_reach = np.array_equal(np.isfinite(qcost), np.isfinite(mine))
    rows.append(
        (
            "one-to-all fastest times",
            t_one,
            t_qone,
            f"max |Δ| {diff.max():.2e} min at {both.sum():,} junctions, same reach {same_reach}, "
            f"vertex match ≤ {dist.max():.1e} m",
        )
    )
    rows.append(("build + one-to-all", t_build + t_one, t_qbuild + t_qone, ""))

    # -- OD matrix for the stops ----------------------------------------------------------------
    sx = rng.uniform(X0, X0 + WIDTH, args.stops)
    sy = rng.uniform(Y0, Y0 + HEIGHT, args.stops)
    stops, t_snap = timed(lambda: net.snap(sx, sy, max_snap_m=5000.0, what="Stop"))
    rows.append(
        ("snap stops", t_snap, None, f"{args.stops} stops, max {stops.distance_m.max():,.0f} m")
    )
    od, t_od = timed(lambda: router.od_matrix(stops))
    _, t_od_nolen = timed(lambda: router.od_matrix(stops, lengths=False))
    k = min(args.qgis_sources, args.stops)
    qpts = [QgsPointXY(float(x), float(y)) for x, y in zip(stops.snap_x[:k], stops.snap_y[:k])]

    def qgis_od():
        director = QgsVectorLayerDirector(
            layer, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth
        )
        director.addStrategy(QgsNetworkSpeedStrategy(1, 25.0, 1000.0 / 60.0))
        builder = QgsGraphBuilder(crs, False, 0.01, "NONE")
        tied_pts = director.makeGraph(builder, qpts)
        g = builder.graph()
        ids = [g.findVertex(p) for p in tied_pts]
        out = np.empty((k, k))
        for a, ia in enumerate(ids):
            _, c = QgsGraphAnalyzer.dijkstra(g, ia, 0)
            out[a] = [c[ib] for ib in ids]
        return out

    qod, t_qod = timed(qgis_od)
    rel = np.abs(qod - od.minutes[:k, :k]) / np.maximum(od.minutes[:k, :k], 1e-9)
    np.fill_diagonal(rel, 0.0)
    rows.append(
        (
            f"OD {args.stops}×{args.stops} minutes + km",
            t_od,
            t_qod * args.stops / k,
            f"QGIS: {k} sources measured, scaled; max rel |Δ| {rel.max():.1e} on {k}×{k}",
        )
    )
    rows.append((f"OD {args.stops}×{args.stops} minutes only", t_od_nolen, None, ""))
    legs = [(i, (i + 1) % args.stops) for i in range(args.stops)]
    routes, t_routes = timed(lambda: router.routes(stops, legs))
    length_ok = max(abs(r.length_m - od.length_m[a, b]) for r, (a, b) in zip(routes, legs))
    rows.append(
        (f"{len(legs)} route polylines", t_routes, None, f"max |length − OD| {length_ok:.1e} m")
    )

    # -- reading one-segment features (the most per-feature work per vertex) ----------------
    singles = [ln[i : i + 2] for ln in lines for i in range(len(ln) - 1)]
    singles = (singles * (args.single_features // len(singles) + 1))[: args.single_features]
    single_layer = memory_layer(singles, np.full(len(singles), 2))
    _, t_single = timed(
        lambda: read_road_layer(single_layer, crs, QgsCoordinateTransformContext(), "kind")
    )
    rows.append((f"read {len(singles):,} one-segment features", t_single, None, ""))
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    _, t_reproj = timed(
        lambda: read_road_layer(layer, wgs84, QgsCoordinateTransformContext(), "kind")
    )
    rows.append(("read road layer, reprojected", t_reproj, None, "to EPSG:4326"))

    # -- road, then off road, on a 100 m grid of the whole county -----------------------------
    from mps_planner.core.grid import AnalysisGrid
    from mps_planner.core.network_access import access_times
    from mps_planner.core.traveltime import CostGrid

    cell = 100.0
    shape = (int(HEIGHT // cell), int(WIDTH // cell))
    grid = AnalysisGrid("", (X0, cell, 0.0, Y0 + HEIGHT, 0.0, -cell), shape)
    speed = rng.uniform(3.0, 6.0, shape)  # walking off road, km/h
    cost = CostGrid.from_speed(speed, cell)
    one = stops.subset([0])
    acc60, t_60 = timed(lambda: access_times(router, one, grid, cost, max_minutes=60.0))
    rows.append(
        (
            "road+off-road, 1 site, 60 min",
            t_60,
            None,
            f"{shape[0] * shape[1]:,} cells, {len(acc60.road_cells):,} road cells seeded",
        )
    )
    acc_all, t_all = timed(lambda: access_times(router, stops, grid, cost))
    rows.append(
        (
            f"road+off-road, {args.stops} sites, no limit",
            t_all,
            None,
            f"{len(acc_all.road_cells):,} road cells seeded",
        )
    )

    print(f"{'step':34s} {'ours (s)':>10s} {'QGIS (s)':>10s} {'QGIS/ours':>10s}  notes")
    for name, ours_t, qgis_t, note in rows:
        q = f"{qgis_t:10.3f}" if qgis_t is not None else f"{'':10s}"
        ratio = f"{qgis_t / ours_t:9.1f}×" if qgis_t is not None else f"{'':10s}"
        print(f"{name:34s} {ours_t:10.3f} {q} {ratio}  {note}")
    app.exitQgis()


if __name__ == "__main__":
    main()
