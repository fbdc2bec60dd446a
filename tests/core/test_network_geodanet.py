"""The real street network of GeoDaNet (Arizona, US feet) against the published values.

Reference values are those of pysal/spaghetti's tests, kept in
../shared/benchmarks/known_values.json; the network is built the way the README there says
(segments between consecutive vertices, coordinates rounded to 11 significant digits,
coincident vertices merged, vertices numbered in order of first appearance).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from osgeo import ogr
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from mps_planner.core.network import RoadNetwork
from mps_planner.core.network_paths import Router
from tests.benchmark_data import benchmarks_dir

BENCH = benchmarks_dir()
DATA = BENCH / "geodanet_streets"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"Benchmark data missing: {path} (see ../shared/benchmarks/README.md §5b)")
    return path


@pytest.fixture(scope="module")
def known():
    values = json.loads(_require(BENCH / "known_values.json").read_text(encoding="utf-8"))
    return values["geodanet_streets"]


def _round_sig(value: float, digits: int = 11) -> float:
    if value == 0:
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def _read_lines(path: Path) -> list[np.ndarray]:
    ds = ogr.Open(str(_require(path)))
    lines = []
    for feature in ds.GetLayer():
        geom = feature.GetGeometryRef()
        parts = (
            [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())]
            if geom.GetGeometryCount()
            else [geom]
        )
        for part in parts:
            pts = part.GetPoints()
            lines.append(np.array([[_round_sig(p[0]), _round_sig(p[1])] for p in pts]))
    return lines


def _read_points(path: Path) -> np.ndarray:
    ds = ogr.Open(str(_require(path)))
    return np.array([f.GetGeometryRef().GetPoint_2D() for f in ds.GetLayer()])


@pytest.fixture(scope="module")
def network():
    return RoadNetwork.from_polylines(_read_lines(DATA / "streets.shp"), tolerance_m=0.0)


def test_vertices_arcs_and_length(network, known):
    assert network.node_count == known["network_vertices"]
    assert network.edge_count == known["network_arcs"]
    assert network.total_length_m == pytest.approx(known["total_length"], rel=1e-9)


def test_dijkstra_vertex_0_to_196(network, known):
    # Our own multi-source search from vertex 0 (a point snapped onto it) ...
    router = Router(network, network.edge_length_m)  # "minutes" = feet: unit cost per foot
    at_0 = network.snap([network.node_x[0]], [network.node_y[0]], max_snap_m=None)
    ours = router.times_from(at_0).node_minutes[196]
    # ... and scipy's Dijkstra on the plain edge list agree with the published value.
    n = network.node_count
    graph = csr_matrix((network.edge_length_m, (network.edge_u, network.edge_v)), shape=(n, n))
    plain = dijkstra(graph, directed=False, indices=0)[196]
    assert ours == pytest.approx(known["dijkstra_v0_to_v196"], rel=1e-8)
    assert plain == pytest.approx(ours, rel=1e-12)


def test_school_distances(network, known):
    xy = _read_points(DATA / "schools.shp")
    schools = network.snap(xy[:, 0], xy[:, 1], max_snap_m=None)
    # Any uniform speed: the fastest path is the shortest one.
    router = Router(network, network.edge_length_m * 0.06 / 30.0)  # 30 km/h in "metres"
    od = router.od_matrix(schools)
    assert np.nansum(od.length_m[0]) == pytest.approx(
        known["schools_distance_row0_nansum"], rel=1e-8
    )
    assert od.with_snap_legs()[0, 1] == pytest.approx(
        known["schools_0_1_with_snap_offsets"], rel=1e-8
    )
    np.testing.assert_allclose(od.minutes, od.length_m * 0.06 / 30.0, rtol=1e-12, atol=1e-12)
    # The route drawn along the streets is as long as the matrix says.
    route = router.route(schools, 0, 1)
    assert route.length_m == pytest.approx(od.length_m[0, 1], rel=1e-9)
