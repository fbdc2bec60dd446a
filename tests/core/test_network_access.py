"""Road, then off road: times to every cell, against an explicit graph that joins a finely
divided road network to the grid cells (scipy's Dijkstra), and small cases by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from mps_planner.core.errors import InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.network import Polylines, RoadNetwork
from mps_planner.core.network_access import access_times, road_cells
from mps_planner.core.network_paths import Router
from mps_planner.core.traveltime import CostGrid, crossing_minutes

CELL = 100.0


def grid_of(rows: int, cols: int) -> AnalysisGrid:
    return AnalysisGrid("", (0.0, CELL, 0.0, rows * CELL, 0.0, -CELL), (rows, cols))


def reference(grid, cost_minutes, router: Router, sources, spacing_m=0.5):
    """Cell times on one explicit graph: 8-neighbour grid arcs, the road divided every
    ``spacing_m`` (and just either side of every cell boundary it crosses, so that a road
    clipping a cell's corner is seen), a free arc from each road point into its cell, and the
    sources on the road."""
    rows, cols = grid.shape
    net = router.network
    ncell = rows * cols
    tails, heads, costs = [], [], []
    c = cost_minutes
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        r0, r1 = max(0, -dr), rows - max(0, dr)
        c0, c1 = max(0, -dc), cols - max(0, dc)
        rr, cc = np.mgrid[r0:r1, c0:c1]
        a = (rr * cols + cc).ravel()
        b = ((rr + dr) * cols + (cc + dc)).ravel()
        w = (c.ravel()[a] + c.ravel()[b]) / 2 * math.hypot(dr, dc)
        ok = np.isfinite(w)
        for t, h in ((a, b), (b, a)):
            tails.append(t[ok])
            heads.append(h[ok])
            costs.append(w[ok])
    nid = ncell  # road node ids start after the cells; network node k is nid + k
    next_id = nid + net.node_count
    src_node = np.zeros(len(sources), dtype=np.int64)
    x0, cs, _, y0, _, _ = grid.geotransform
    for e in range(net.edge_count):
        m = max(math.ceil(net.edge_length_m[e] / spacing_m), 1)
        ax, ay = net.node_x[net.edge_u[e]], net.node_y[net.edge_u[e]]
        bx, by = net.node_x[net.edge_v[e]], net.node_y[net.edge_v[e]]
        cuts = []
        for lo, hi, origin, sign in ((ax, bx, x0, 1.0), (ay, by, y0, -1.0)):
            if lo == hi:
                continue
            for k in range(-200, 200):
                f = (origin + sign * k * cs - lo) / (hi - lo)
                if 0 < f < 1:
                    cuts += [f - 1e-9, f + 1e-9]
        on = np.flatnonzero(sources.edge == e)
        f = np.unique(np.clip(np.r_[np.linspace(0, 1, m + 1), cuts, sources.fraction[on]], 0, 1))
        ids = np.arange(next_id, next_id + f.size)
        ids[0], ids[-1] = nid + net.edge_u[e], nid + net.edge_v[e]
        next_id += f.size
        for k in on.tolist():
            src_node[k] = ids[np.searchsorted(f, sources.fraction[k])]
        df = np.diff(f)
        for t, h, w in (
            (ids[:-1], ids[1:], df * router.forward[e]),
            (ids[1:], ids[:-1], df * router.backward[e]),
        ):
            ok = np.isfinite(w)
            tails.append(t[ok])
            heads.append(h[ok])
            costs.append(w[ok])
        x, y = net.point_at(np.full(f.size, e), f)
        r, cc = grid.cell_of(x, y)
        inside = grid.contains(r, cc)
        tails.append(ids[inside])
        heads.append((r * cols + cc)[inside])
        costs.append(np.zeros(int(inside.sum())))
    g = csr_matrix(
        (np.concatenate(costs), (np.concatenate(tails), np.concatenate(heads))),
        shape=(next_id, next_id),
    )
    d = dijkstra(g, indices=src_node, min_only=True)
    return d[:ncell].reshape(rows, cols)


def random_case(seed: int, rows=24, cols=30):
    rng = np.random.default_rng(seed)
    speed = rng.uniform(2.0, 6.0, (rows, cols))  # walking-ish, km/h
    speed[rng.random((rows, cols)) < 0.06] = 0.0  # a few impassable cells
    grid = grid_of(rows, cols)
    lines = []
    for _ in range(6):
        k = int(rng.integers(2, 5))
        lines.append(
            np.column_stack((rng.uniform(0, cols * CELL, k), rng.uniform(0, rows * CELL, k)))
        )
    # One road leaves the grid: times must still be right where it is inside.
    lines.append(np.array([[cols * CELL * 0.5, rows * CELL * 0.5], [cols * CELL * 1.6, -500.0]]))
    net = RoadNetwork.from_polylines(
        Polylines.from_lines(lines, rng.integers(1, 4, len(lines))), node_crossings=True
    )
    return grid, speed, net


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agrees_with_an_explicit_road_and_grid_graph(seed):
    grid, speed, net = random_case(seed)
    router = Router.for_mode(net, "vehicle")
    cost = CostGrid.from_speed(speed, CELL)
    rng = np.random.default_rng(seed + 7)
    edges = rng.choice(net.edge_count, 3, replace=False)
    x, y = net.point_at(edges, rng.uniform(0.1, 0.9, 3))
    sites = net.snap(x, y, ["a", "b", "c"])  # on the road: no snap leg
    ours = access_times(router, sites, grid, cost).times.minutes
    ref = reference(grid, crossing_minutes(speed, CELL), router, sites)
    assert np.array_equal(np.isfinite(ours), np.isfinite(ref))
    # The reference divides the road every 0.5 m: it is late by at most that at 60 km/h.
    ok = np.isfinite(ref)
    np.testing.assert_allclose(ours[ok], ref[ok], atol=1e-3)
    assert (ours[ok] <= ref[ok] + 1e-9).all()


def test_a_cell_beside_the_road_is_road_time_plus_its_step():
    rows, cols = 9, 20
    grid = grid_of(rows, cols)
    speed = np.full((rows, cols), 5.0)  # 1.2 min per 100 m cell
    net = RoadNetwork.from_polylines([np.array([[50.0, 450.0], [1950.0, 450.0]])], [1])
    router = Router.for_mode(net, "vehicle")  # 60 km/h: 0.1 min per cell
    sites = net.snap([50.0], [450.0], ["clinic"])
    access = access_times(router, sites, grid, CostGrid.from_speed(speed, CELL))
    cells = access.road_cells
    assert cells.rows.tolist() == [4] * cols
    # Each road cell: the earliest road point in it, where the road enters it.
    expected = np.r_[0.0, (np.arange(1, cols) * CELL - 50.0) * 0.06 / 60]
    np.testing.assert_allclose(cells.minutes[np.argsort(cells.cols)], expected, atol=1e-12)
    minutes = access.times.minutes
    np.testing.assert_allclose(minutes[4], expected, atol=1e-12)
    np.testing.assert_allclose(minutes[3], expected + 1.2, atol=1e-12)
    np.testing.assert_allclose(minutes[5], expected + 1.2, atol=1e-12)
    np.testing.assert_allclose(minutes[0], expected + 4 * 1.2, atol=1e-12)
    assert (access.times.nearest == 0).all()


def test_nearest_site_and_the_minimum_of_single_sites():
    grid, speed, net = random_case(3)
    router = Router.for_mode(net, "riding")
    cost = CostGrid.from_speed(speed, CELL)
    x, y = net.point_at(np.array([0, net.edge_count - 1]), np.array([0.3, 0.6]))
    sites = net.snap(x, y, ["east", "west"])
    both = access_times(router, sites, grid, cost, start_minutes=[0.0, 2.0])
    one = [
        access_times(router, sites.subset([k]), grid, cost, start_minutes=[s]).times.minutes
        for k, s in enumerate((0.0, 2.0))
    ]
    best = np.minimum(one[0], one[1])
    np.testing.assert_allclose(both.times.minutes, best, rtol=1e-12)
    reached = np.isfinite(best)
    chosen = np.where(both.times.nearest == 0, one[0], one[1])
    np.testing.assert_allclose(chosen[reached], best[reached], rtol=1e-12)
    assert (both.times.nearest[~reached] == -1).all()


def test_time_limit():
    grid, speed, net = random_case(4)
    router = Router.for_mode(net, "vehicle")
    cost = CostGrid.from_speed(speed, CELL)
    sites = net.snap(*net.point_at(np.array([2]), np.array([0.5])), ["s"])
    full = access_times(router, sites, grid, cost).times.minutes
    cut = access_times(router, sites, grid, cost, max_minutes=12.0).times
    inside = full <= 12.0
    np.testing.assert_allclose(cut.minutes[inside], full[inside], rtol=1e-12)
    assert np.isinf(cut.minutes[~inside]).all()
    assert cut.max_minutes == 12.0


def test_snap_leg_is_crossed_off_road():
    grid = grid_of(10, 10)
    speed = np.full((10, 10), 6.0)  # 1 min per cell, 0.01 min per metre
    net = RoadNetwork.from_polylines([np.array([[0.0, 50.0], [1000.0, 50.0]])], [1])
    router = Router.for_mode(net, "vehicle")
    sites = net.snap([550.0], [350.0], ["camp"])  # 300 m north of the road
    access = access_times(router, sites, grid, CostGrid.from_speed(speed, CELL))
    assert access.snap_leg_minutes[0] == pytest.approx(3.0)
    assert access.network.node_minutes.tolist() == pytest.approx([3.0 + 0.55, 3.0 + 0.45])
    r, c = grid.cell_of(550.0, 350.0)
    assert access.times.minutes[r, c] == 0.0  # the site's own cell
    no_leg = access_times(router, sites, grid, CostGrid.from_speed(speed, CELL), snap_leg=False)
    assert no_leg.network.node_minutes.tolist() == pytest.approx([0.55, 0.45])


def test_a_road_over_impassable_cells_still_reaches_them():
    grid = grid_of(5, 10)
    speed = np.full((5, 10), 5.0)
    speed[:, 4:6] = 0.0  # a river two cells wide
    net = RoadNetwork.from_polylines([np.array([[50.0, 250.0], [950.0, 250.0]])], [1])
    router = Router.for_mode(net, "vehicle")
    sites = net.snap([50.0], [250.0], ["a"])
    t = access_times(router, sites, grid, CostGrid.from_speed(speed, CELL)).times.minutes
    assert np.isfinite(t[2, 4:6]).all()  # the bridge cells
    assert np.isinf(t[[0, 1, 3, 4]][:, 4:6]).all()  # the rest of the river
    assert np.isfinite(t[:, 6:]).all()  # reached across the bridge


def test_road_cells_only_where_the_road_is_reached():
    grid = grid_of(5, 20)
    net = RoadNetwork.from_polylines(
        [np.array([[50.0, 250.0], [950.0, 250.0]]), np.array([[1050.0, 250.0], [1950.0, 250.0]])]
    )
    router = Router.for_mode(net, "vehicle")
    sites = net.snap([100.0], [250.0], ["a"])
    cells = road_cells(router.times_from(sites), net, grid)
    assert sorted(cells.cols.tolist()) == list(range(10))


def test_grid_mismatch_is_an_error():
    grid = grid_of(5, 5)
    net = RoadNetwork.from_polylines([np.array([[50.0, 250.0], [450.0, 250.0]])])
    router = Router.for_mode(net)
    sites = net.snap([50.0], [250.0])
    with pytest.raises(InputError, match="not on the analysis grid"):
        access_times(router, sites, grid, CostGrid(np.ones((4, 5))))
