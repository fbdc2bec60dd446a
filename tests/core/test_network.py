"""Building a road network from lines (junctions, pieces, crossings) and snapping points to it."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.network import Polylines, RoadNetwork


def line(*pts):
    return np.array(pts, dtype=float)


def degree(net: RoadNetwork) -> np.ndarray:
    return np.bincount(np.concatenate((net.edge_u, net.edge_v)), minlength=net.node_count)


# -- building ---------------------------------------------------------------------------------


def test_t_junction_joins_at_a_shared_vertex():
    net = RoadNetwork.from_polylines(
        [line((0, 0), (1000, 0), (2000, 0)), line((1000, 0), (1000, 1000))], [1, 2]
    )
    assert (net.node_count, net.edge_count) == (4, 3)
    assert len(net.components) == 1
    assert sorted(degree(net).tolist()) == [1, 1, 1, 3]
    assert net.total_length_m == pytest.approx(3000.0)
    assert sorted(net.edge_class.tolist()) == [1, 1, 2]


def test_end_points_merge_within_the_tolerance_only():
    a = line((0, 0), (1000, 0))
    b = line((1000.004, 0.003), (1000, 800))
    assert len(RoadNetwork.from_polylines([a, b], tolerance_m=0.01).components) == 1
    apart = RoadNetwork.from_polylines([a, b], tolerance_m=0.001)
    assert len(apart.components) == 2
    assert apart.node_count == 4


def test_disconnected_pieces_are_numbered_by_length():
    short = line((5000, 5000), (5300, 5000))
    long = line((0, 0), (1000, 0), (2000, 500))
    net = RoadNetwork.from_polylines([short, long])
    assert len(net.components) == 2
    assert net.components[0].length_m > net.components[1].length_m
    # Component of the short piece's nodes is 1, whatever the input order.
    short_nodes = np.flatnonzero(net.node_x >= 5000)
    assert set(net.node_component[short_nodes].tolist()) == {1}
    assert "300 m" in net.describe(1) and "1 segment" in net.describe(1)
    assert "main road network" in net.describe(0)
    assert sum(c.nodes for c in net.components) == net.node_count
    assert sum(c.edges for c in net.components) == net.edge_count


def test_crossings_are_overpasses_unless_noded():
    a = line((-1000, 0), (1000, 0))
    b = line((0, -1000), (0, 1000))
    assert len(RoadNetwork.from_polylines([a, b]).components) == 2
    noded = RoadNetwork.from_polylines([a, b], node_crossings=True)
    assert len(noded.components) == 1
    assert (noded.node_count, noded.edge_count) == (5, 4)
    assert noded.report.crossings_noded == 1
    centre = np.flatnonzero(degree(noded) == 4)
    assert centre.size == 1
    assert (noded.node_x[centre[0]], noded.node_y[centre[0]]) == pytest.approx((0.0, 0.0))
    assert noded.total_length_m == pytest.approx(4000.0)


def test_a_line_ending_on_another_is_joined_when_noded():
    main = line((0, 0), (2000, 0))
    spur = line((700, 0), (700, 900))  # ends on main's interior, no vertex there
    assert len(RoadNetwork.from_polylines([main, spur]).components) == 2
    noded = RoadNetwork.from_polylines([main, spur], node_crossings=True)
    assert len(noded.components) == 1
    assert (noded.node_count, noded.edge_count) == (4, 3)


def _segments_cross(p1, p2, q1, q2) -> bool:
    def orient(a, b, c):
        return np.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

    return (
        orient(p1, p2, q1) * orient(p1, p2, q2) < 0 and orient(q1, q2, p1) * orient(q1, q2, p2) < 0
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_noding_random_segments_leaves_no_crossing(seed):
    rng = np.random.default_rng(seed)
    lines = [rng.uniform(0, 1000, size=(rng.integers(2, 5), 2)) for _ in range(25)]
    plain = RoadNetwork.from_polylines(lines)
    noded = RoadNetwork.from_polylines(lines, node_crossings=True)
    assert noded.total_length_m == pytest.approx(plain.total_length_m, rel=1e-9)
    assert noded.report.crossings_noded > 0
    xy = np.column_stack((noded.node_x, noded.node_y))
    for i in range(noded.edge_count):
        for j in range(i + 1, noded.edge_count):
            shared = {noded.edge_u[i], noded.edge_v[i]} & {noded.edge_u[j], noded.edge_v[j]}
            if shared:
                continue
            assert not _segments_cross(
                xy[noded.edge_u[i]], xy[noded.edge_v[i]], xy[noded.edge_u[j]], xy[noded.edge_v[j]]
            ), (i, j)


def test_duplicates_kept_once_best_class_and_directions_united():
    fwd = line((0, 0), (1000, 0))
    back = line((1000, 0), (0, 0))
    lines = Polylines.from_lines([fwd, back, fwd], classes=[3, 2, 1], oneway=[1, 1, 1])
    net = RoadNetwork.from_polylines(lines)
    assert net.edge_count == 1
    assert net.report.duplicates == 2
    assert net.edge_class.tolist() == [1]
    assert net.edge_oneway.tolist() == [0]  # one copy each way: both ways
    only_fwd = RoadNetwork.from_polylines(Polylines.from_lines([fwd, fwd], [1, 1], [1, 1]))
    assert only_fwd.edge_oneway.tolist() == [1]


def test_zero_length_segments_are_dropped():
    net = RoadNetwork.from_polylines([line((0, 0), (0, 0), (500, 0), (500, 0), (500, 300))])
    assert net.edge_count == 2
    assert net.report.zero_length == 2
    assert net.node_count == 3


def test_no_usable_line_is_an_error():
    with pytest.raises(InputError, match="no line with two or more vertices"):
        RoadNetwork.from_polylines([line((1, 1))])


def test_edge_minutes_per_mode_and_table():
    net = RoadNetwork.from_polylines(
        [line((0, 0), (1000, 0)), line((0, 100), (1000, 100)), line((0, 200), (1000, 200))],
        [1, 2, 3],
    )
    assert net.edge_minutes(mode="vehicle").tolist() == pytest.approx([1.0, 1.5, 2.4])
    walk = net.edge_minutes(mode="walking")
    assert walk[0] == pytest.approx(12.0)  # 1 km at 5 km/h
    custom = net.edge_minutes({"paved": 30, 2: 20, "track": 0})
    assert custom[:2].tolist() == pytest.approx([2.0, 3.0])
    assert np.isinf(custom[2])
    with pytest.raises(InputError, match=r"No speed is given for road class\(es\) \[3\]"):
        net.edge_minutes({1: 60, 2: 40})
    with pytest.raises(InputError, match="Unknown road class 'motorway'"):
        net.edge_minutes({"motorway": 100})


# -- snapping -------------------------------------------------------------------------------


def _brute_snap(net: RoadNetwork, px: float, py: float) -> float:
    a = np.column_stack((net.node_x[net.edge_u], net.node_y[net.edge_u]))
    b = np.column_stack((net.node_x[net.edge_v], net.node_y[net.edge_v]))
    d = b - a
    t = np.clip(((px - a[:, 0]) * d[:, 0] + (py - a[:, 1]) * d[:, 1]) / (d**2).sum(1), 0, 1)
    q = a + t[:, None] * d
    return float(np.hypot(px - q[:, 0], py - q[:, 1]).min())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_snap_finds_the_nearest_point_of_the_nearest_edge(seed):
    rng = np.random.default_rng(seed)
    # Edges of very different lengths, so that the sampling spacing matters.
    lines = [rng.uniform(0, 10000, size=(2, 2)) for _ in range(40)]
    lines += [rng.uniform(0, 10000, size=(2, 2)) * 0.01 + 3000 for _ in range(40)]
    net = RoadNetwork.from_polylines(lines)
    px, py = rng.uniform(-2000, 12000, size=(2, 300))
    snapped = net.snap(px, py, max_snap_m=None)
    expected = np.array([_brute_snap(net, x, y) for x, y in zip(px, py)])
    np.testing.assert_allclose(snapped.distance_m, expected, rtol=1e-9, atol=1e-9)
    # The snapped position is on its edge, at the stated distance.
    sx, sy = net.point_at(snapped.edge, snapped.fraction)
    np.testing.assert_allclose(sx, snapped.snap_x)
    np.testing.assert_allclose(sy, snapped.snap_y)
    np.testing.assert_allclose(np.hypot(px - sx, py - sy), snapped.distance_m, atol=1e-9)
    assert ((snapped.fraction >= 0) & (snapped.fraction <= 1)).all()


def test_snap_beyond_the_limit_names_the_point():
    net = RoadNetwork.from_polylines([line((0, 0), (5000, 0))])
    with pytest.raises(InputError) as err:
        net.snap([100, 2000], [20, 3400], names=["Camp 3", "Well 12"], max_snap_m=1000)
    assert str(err.value) == (
        "Stop 'Well 12' is 3.4 km from the nearest road (limit 1 km): move it nearer a road "
        "or raise the snapping distance."
    )
    with pytest.raises(InputError, match="Depot 'Base' is 850 m from the nearest road"):
        net.snap([0], [-850], names=["Base"], max_snap_m=500, what="Depot")
    ok = net.snap([2000], [3400], names=["Well 12"], max_snap_m=5000)
    assert ok.distance_m[0] == pytest.approx(3400)


def test_snap_rejects_missing_coordinates():
    net = RoadNetwork.from_polylines([line((0, 0), (5000, 0))])
    with pytest.raises(InputError, match="'b' have no valid point geometry"):
        net.snap([1, np.nan], [1, 2], names=["a", "b"])


def test_subset_and_concat_keep_names_in_order():
    net = RoadNetwork.from_polylines([line((0, 0), (5000, 0))])
    pts = net.snap([0, 1000, 2000], [0, 5, 10], names=["a", "b", "c"])
    joined = type(pts).concat([pts.subset([2]), pts.subset([0, 1])])
    assert joined.names == ("c", "a", "b")
    assert joined.snap_x.tolist() == [2000, 0, 1000]
