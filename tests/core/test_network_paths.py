"""Fastest paths on a road network: node times, OD matrices and routes, checked against an
explicit graph in which every snapped point is a node of its own (scipy's Dijkstra)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from mps_planner.core.errors import InputError
from mps_planner.core.network import Polylines, RoadNetwork
from mps_planner.core.network_paths import Router


def line(*pts):
    return np.array(pts, dtype=float)


def random_network(seed: int, n: int = 12, oneway: bool = False) -> RoadNetwork:
    """A jittered lattice of n × n junctions with some roads missing and curvy lines."""
    rng = np.random.default_rng(seed)
    gx, gy = np.meshgrid(np.arange(n) * 1000.0, np.arange(n) * 1000.0)
    gx = gx + rng.uniform(-200, 200, gx.shape)
    gy = gy + rng.uniform(-200, 200, gy.shape)
    lines, classes, ways = [], [], []
    for i in range(n):
        for j in range(n):
            for di, dj in ((0, 1), (1, 0)):
                a, b = (i, j), (i + di, j + dj)
                if b[0] >= n or b[1] >= n or rng.random() < 0.15:
                    continue
                p, q = np.array([gx[a], gy[a]]), np.array([gx[b], gy[b]])
                mid = (p + q) / 2 + rng.uniform(-150, 150, 2)
                lines.append(np.array([p, mid, q]))
                classes.append(int(rng.integers(1, 4)))
                ways.append(int(rng.choice([-1, 0, 0, 1])) if oneway else 0)
    return RoadNetwork.from_polylines(Polylines.from_lines(lines, classes, ways))


def random_points(net: RoadNetwork, seed: int, k: int):
    rng = np.random.default_rng(seed + 100)
    x = rng.uniform(net.node_x.min(), net.node_x.max(), k)
    y = rng.uniform(net.node_y.min(), net.node_y.max(), k)
    return net.snap(x, y, [f"p{i}" for i in range(k)], max_snap_m=None)


def reference_od(net: RoadNetwork, forward, backward, pts) -> np.ndarray:
    """OD minutes on a graph where each snapped point splits its edge (scipy's Dijkstra)."""
    n = net.node_count
    k = len(pts)
    tails, heads, costs = [], [], []
    for e in range(net.edge_count):
        on = np.flatnonzero(pts.edge == e)
        on = on[np.argsort(pts.fraction[on], kind="stable")]
        chain = [net.edge_u[e], *(n + on).tolist(), net.edge_v[e]]
        fr = [0.0, *pts.fraction[on].tolist(), 1.0]
        for a, b, fa, fb in zip(chain[:-1], chain[1:], fr[:-1], fr[1:]):
            if fb == fa:  # the same place (a point at a node): no move, either way
                tails += [a, b]
                heads += [b, a]
                costs += [0.0, 0.0]
                continue
            if np.isfinite(forward[e]):
                tails.append(a), heads.append(b), costs.append((fb - fa) * forward[e])
            if np.isfinite(backward[e]):
                tails.append(b), heads.append(a), costs.append((fb - fa) * backward[e])
    # (csgraph keeps the explicit zeros of a csr built from coordinates: zero-cost arcs stay.)
    g = csr_matrix((costs, (tails, heads)), shape=(n + k, n + k))
    d = dijkstra(g, indices=n + np.arange(k))
    return d[:, n:]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("oneway", [False, True])
def test_od_matches_an_explicit_graph(seed, oneway):
    net = random_network(seed, oneway=oneway)
    router = Router.for_mode(net, "vehicle")
    pts = random_points(net, seed, 30)
    # Two points on one edge, one at a node: the partial-edge cases.
    extra = net.snap(
        [net.node_x[3], *net.point_at(np.array([pts.edge[0]]), np.array([0.9]))[0]],
        [net.node_y[3], *net.point_at(np.array([pts.edge[0]]), np.array([0.9]))[1]],
        ["at node", "same edge"],
        max_snap_m=None,
    )
    pts = type(pts).concat([pts, extra])
    od = router.od_matrix(pts)
    ref = reference_od(net, router.forward, router.backward, pts)
    np.testing.assert_allclose(od.minutes, ref, rtol=1e-10, atol=1e-10)
    if not oneway:
        np.testing.assert_allclose(od.minutes, od.minutes.T, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", [3, 4])
def test_od_obeys_the_triangle_inequality(seed):
    router = Router.for_mode(random_network(seed, oneway=True), "riding")
    pts = random_points(router.network, seed, 25)
    m = router.od_matrix(pts).minutes
    assert np.all(np.diag(m) == 0)
    via = m[:, :, None] + m[None, :, :]  # i → j → k
    assert np.all(m[:, None, :] <= via + 1e-9)


def test_route_length_and_minutes_agree_with_the_matrix():
    net = random_network(5)
    router = Router.for_mode(net, "vehicle")
    pts = random_points(net, 5, 12)
    od = router.od_matrix(pts)
    legs = [(i, j) for i in range(len(pts)) for j in range(len(pts)) if i != j]
    routes = router.routes(pts, legs)
    a = np.column_stack((net.node_x[net.edge_u], net.node_y[net.edge_u]))
    b = np.column_stack((net.node_x[net.edge_v], net.node_y[net.edge_v]))
    for (i, j), route in zip(legs, routes):
        assert route.length_m == pytest.approx(od.length_m[i, j], rel=1e-9, abs=1e-6)
        assert route.minutes == pytest.approx(od.minutes[i, j], rel=1e-9, abs=1e-9)
        assert (route.x[0], route.y[0]) == pytest.approx((pts.snap_x[i], pts.snap_y[i]))
        assert (route.x[-1], route.y[-1]) == pytest.approx((pts.snap_x[j], pts.snap_y[j]))
        # Re-time the polyline: each piece lies on one of the route's edges.
        minutes = 0.0
        for x0, y0, x1, y1 in zip(route.x[:-1], route.y[:-1], route.x[1:], route.y[1:]):
            mid = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
            cand = route.edges
            d = b[cand] - a[cand]
            t = np.clip(((mid - a[cand]) * d).sum(1) / (d**2).sum(1), 0, 1)
            off = np.hypot(*(a[cand] + t[:, None] * d - mid).T)
            e = cand[np.argmin(off)]
            assert off.min() < 1e-6
            minutes += np.hypot(x1 - x0, y1 - y0) / net.edge_length_m[e] * router.edge_minutes[e]
        assert minutes == pytest.approx(route.minutes, rel=1e-9, abs=1e-9)


def test_rings_loops_and_stems_match_the_explicit_graph():
    ring = line((0, 0), (500, -50), (1000, 0), (1050, 500), (1000, 1000), (0, 1000), (0, 0))
    stem = line((5000, 0), (5500, 30), (6000, 0))
    loop = line((6000, 0), (6500, 500), (7000, 0), (6500, -500), (6000, 0))
    spur = line((6000, 0), (6000, -900))  # makes (6000, 0) a junction with a loop on it
    net = RoadNetwork.from_polylines([ring, stem, loop, spur], [1, 2, 3, 1])
    router = Router.for_mode(net, "vehicle")
    x = [10, 990, 20, 600, 5200, 6400, 6900, 6600, 6010, 6000]
    y = [-5, 5, 990, 990, 5, 420, -50, -420, -500, 0]
    pts = net.snap(x, y, [f"p{i}" for i in range(len(x))], max_snap_m=None)
    od = router.od_matrix(pts)
    ref = reference_od(net, router.forward, router.backward, pts)
    np.testing.assert_allclose(od.minutes, ref, rtol=1e-10, atol=1e-10)
    legs = [(i, j) for i in range(len(x)) for j in range(len(x)) if np.isfinite(ref[i, j])]
    for (i, j), route in zip(legs, router.routes(pts, legs)):
        assert route.length_m == pytest.approx(od.length_m[i, j], rel=1e-9, abs=1e-6)
        assert route.minutes == pytest.approx(ref[i, j], rel=1e-10, abs=1e-10)
    times = router.times_from(pts.subset([5]))
    np.testing.assert_allclose(times.at(pts.edge, pts.fraction)[0], ref[5], rtol=1e-10, atol=1e-10)


def test_t_junction_by_hand():
    # Paved 0–2000 m along y = 0, gravel spur up x = 1000.
    net = RoadNetwork.from_polylines(
        [line((0, 0), (1000, 0), (2000, 0)), line((1000, 0), (1000, 1000))], [1, 2]
    )
    router = Router.for_mode(net, "vehicle")  # 60 and 40 km/h
    pts = net.snap([100, 1900, 1000], [10, -5, 600], ["a", "b", "c"])
    od = router.od_matrix(pts)
    # a → b: 1800 m paved = 1.8 min; a → c: 900 m paved + 600 m gravel = 0.9 + 0.9 min.
    expected = np.array([[0, 1.8, 1.8], [1.8, 0, 1.8], [1.8, 1.8, 0]])
    np.testing.assert_allclose(od.minutes, expected, atol=1e-12)
    np.testing.assert_allclose(od.length_m[0], [0, 1800, 1500], atol=1e-9)
    route = router.route(pts, 0, 2)
    assert route.x.tolist() == [100, 1000, 1000]
    assert route.y.tolist() == [0, 0, 600]
    times = router.times_from(pts.subset([0]))
    assert times.node_minutes.tolist() == pytest.approx([0.1, 0.9, 1.9, 2.4])


def test_multi_source_times_are_the_minimum_of_single_sources():
    net = random_network(6)
    router = Router.for_mode(net, "vehicle")
    src = random_points(net, 6, 5)
    start = np.array([0.0, 3.0, 1.0, 0.5, 7.0])
    multi = router.times_from(src, start_minutes=start)
    singles = np.array(
        [router.times_from(src.subset([k])).node_minutes + start[k] for k in range(len(src))]
    )
    np.testing.assert_allclose(multi.node_minutes, singles.min(0), rtol=1e-12)
    best = singles.min(0)
    chosen = singles[multi.node_source, np.arange(net.node_count)]
    np.testing.assert_allclose(chosen, best, rtol=1e-12)
    # Times anywhere along edges agree with the OD matrix to points there.
    dest = random_points(net, 60, 20)
    at, _ = multi.at(dest.edge, dest.fraction)
    od = router.od_matrix(src, dest).minutes + start[:, None]
    np.testing.assert_allclose(at, od.min(0), rtol=1e-12)


def test_time_limit_cuts_node_times():
    net = random_network(7)
    router = Router.for_mode(net, "vehicle")
    src = random_points(net, 7, 2)
    full = router.times_from(src)
    cut = router.times_from(src, max_minutes=5.0)
    inside = full.node_minutes <= 5.0
    np.testing.assert_allclose(cut.node_minutes[inside], full.node_minutes[inside])
    assert np.isinf(cut.node_minutes[~inside]).all()
    assert (cut.node_source[~inside] == -1).all()
    od = router.od_matrix(src, max_minutes=1e-9)
    assert np.isinf(od.minutes[0, 1]) or od.minutes[0, 1] <= 1e-9


def test_oneway_road_is_driven_one_way_only():
    # A ring: the one-way road 0 → 1000 on y = 0 and a slow two-way detour over y = 1000.
    lines = Polylines.from_lines(
        [line((0, 0), (1000, 0)), line((0, 0), (0, 1000), (1000, 1000), (1000, 0))],
        [1, 3],
        [1, 0],
    )
    net = RoadNetwork.from_polylines(lines)
    router = Router.for_mode(net, "vehicle")
    pts = net.snap([200, 800], [0, 0], ["west", "east"])
    od = router.od_matrix(pts)
    assert od.minutes[0, 1] == pytest.approx(0.6)  # 600 m paved, with the traffic
    # Against it: on to x = 1000 (0.2 min), round the 3 km track (7.2 min), 200 m paved.
    assert od.minutes[1, 0] == pytest.approx(0.2 + 7.2 + 0.2)
    assert od.length_m[1, 0] == pytest.approx(200 + 3000 + 200)


def test_disconnected_stop_is_explained():
    net = RoadNetwork.from_polylines(
        [line((0, 0), (10000, 0)), line((0, 5000), (2100, 5000), (2100, 5100))]
    )
    router = Router.for_mode(net, "vehicle")
    pts = net.snap([0, 9000, 1000], [0, 10, 5010], ["Depot", "Bayan", "Well 12"])
    od = router.od_matrix(pts)
    assert np.isinf(od.minutes[0, 2]) and np.isnan(od.length_m[0, 2])
    with pytest.raises(InputError) as err:
        router.check_connected(pts, hub=0)
    text = str(err.value)
    assert "Stop 'Well 12' is on a separate piece of road (2.2 km, 2 segments)" in text
    assert "depot 'Depot'" in text
    router.check_connected(pts.subset([0, 1]))  # no error
    with pytest.raises(InputError, match="No road leads from 'Depot' to 'Well 12'"):
        router.route(pts, 0, 2)


def test_closed_roads_split_the_network_for_that_mode():
    net = RoadNetwork.from_polylines([line((0, 0), (1000, 0)), line((1000, 0), (2000, 0))], [1, 3])
    router = Router(net, net.edge_minutes({1: 60, 2: 40, 3: 0}))
    pts = net.snap([100, 1900], [0, 0], ["a", "b"])
    assert np.isinf(router.od_matrix(pts).minutes[0, 1])
    with pytest.raises(InputError, match="Stop 'b' is on a road closed to this travel mode"):
        router.check_connected(pts)
    with pytest.raises(InputError, match="No road leads from 'a' to 'b'"):
        router.route(pts, 0, 1)


def test_cancel_stops_the_matrix():
    from mps_planner.core.errors import Cancelled

    net = random_network(8)
    router = Router.for_mode(net)
    pts = random_points(net, 8, 40)
    with pytest.raises(Cancelled):
        router.od_matrix(pts, cancel=lambda: True)


def test_bad_inputs():
    net = random_network(9)
    with pytest.raises(InputError, match="one time per edge"):
        Router(net, np.ones(3))
    router = Router.for_mode(net)
    pts = random_points(net, 9, 3)
    with pytest.raises(InputError, match="start_minutes"):
        router.times_from(pts, start_minutes=[0, -1, 0])
    with pytest.raises(InputError, match="more than 0 minutes"):
        router.times_from(pts, max_minutes=-5)
    with pytest.raises(InputError, match="outside"):
        router.route(pts, 0, 3)
