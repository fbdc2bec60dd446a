"""Travel times to every cell by road, then off road: drive along the network, then go across
the speed surface.

Direction modelled: **from the sites outward**. A unit leaves each site, reaches the road at
the site's snapped point, drives the network (a :class:`~core.network_paths.Router`), leaves
the road anywhere and crosses the off-road surface (a :class:`~core.traveltime.CostGrid`) to
each cell. Because the grid model is symmetric (a step costs the mean of two cells' crossing
times) and roads are undirected unless marked one-way, the same times are those of the
reverse trip — residents walking or riding to the road, then being driven (or driving) to
the site — whenever no one-way road is on the way.

The road → off-road hand-over happens in the cells the road passes through ("road cells"):
each road cell is reached at the **earliest** time of any point of the road inside it (the
road is exact inside the network; on the grid, a road cell counts as on the road, as with
roads burnt into a speed surface, so the walk from the road to the cell centre is not
added). Those times seed the grid search (``travel_times(..., start_minutes=...)``). The
trip changes mode once: off road, it does not get back onto the road.

The leg from a site to its snapped road point is crossed at the off-road speed of the site's
cell (or of the road point's cell if the site's cell is impassable or outside the grid); the
site's own cell is reached at its start time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .errors import InputError
from .grid import AnalysisGrid
from .network import RoadNetwork, SnappedPoints
from .network_paths import NetworkTimes, Router
from .traveltime import CostGrid, TravelTimes, travel_times


@dataclass
class RoadCells:
    """The cells a reached road passes through and the earliest time it reaches each."""

    rows: np.ndarray
    cols: np.ndarray
    minutes: np.ndarray
    source: np.ndarray

    def __len__(self) -> int:
        return int(self.rows.size)


@dataclass
class RoadAccess:
    """Times by road, then off road. ``times.minutes`` per cell (inf beyond the limit),
    ``times.nearest`` the index of the site each cell is reached from (−1: not reached);
    ``network`` the times on the road network; ``snap_leg_minutes`` the time from each site to
    its road point."""

    times: TravelTimes
    network: NetworkTimes
    road_cells: RoadCells
    snap_leg_minutes: np.ndarray


def road_cells(times: NetworkTimes, network: RoadNetwork, grid: AnalysisGrid) -> RoadCells:
    """The grid cells the reached roads pass through, each with the earliest time of the road
    inside it and the source it comes from.

    Every edge is cut where it crosses a cell boundary (and at sources on it); the network time
    along a piece is the smallest of linear functions, so its minimum is at an end.
    """
    x0, cs, _, y0, _, _ = grid.geotransform
    u, v = network.edge_u, network.edge_v
    reached = np.isfinite(times.node_minutes[u]) | np.isfinite(times.node_minutes[v])
    reached[times.sources.edge] = True
    xmin, ymin, xmax, ymax = grid.extent
    ex = np.column_stack((network.node_x[u], network.node_x[v]))
    ey = np.column_stack((network.node_y[u], network.node_y[v]))
    inside = (ex.max(1) >= xmin) & (ex.min(1) <= xmax) & (ey.max(1) >= ymin) & (ey.min(1) <= ymax)
    edges = np.flatnonzero(reached & inside)
    empty = RoadCells(
        np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), np.empty(0, np.int32)
    )
    if not edges.size:
        return empty
    # Continuous column / row coordinates of the edge ends.
    cu = (ex[edges, 0] - x0) / cs
    cv = (ex[edges, 1] - x0) / cs
    ru = (y0 - ey[edges, 0]) / cs
    rv = (y0 - ey[edges, 1]) / cs
    parts_e = [edges, edges]
    parts_f = [np.zeros(edges.size), np.ones(edges.size)]
    for a, b in ((cu, cv), (ru, rv)):
        lo = np.floor(np.minimum(a, b)) + 1
        count = np.maximum(np.ceil(np.maximum(a, b)) - lo, 0).astype(np.int64)
        which = np.repeat(np.arange(edges.size), count)
        k = lo[which] + (
            np.arange(which.size) - np.repeat(np.concatenate(([0], np.cumsum(count)[:-1])), count)
        )
        parts_e.append(edges[which])
        parts_f.append((k - a[which]) / (b[which] - a[which]))
    on = np.isin(times.sources.edge, edges)
    parts_e.append(times.sources.edge[on])
    parts_f.append(times.sources.fraction[on])
    e = np.concatenate(parts_e)
    f = np.clip(np.concatenate(parts_f), 0.0, 1.0)
    order = np.lexsort((f, e))
    e, f = e[order], f[order]
    minutes, source = times.at(e, f)
    # Pieces between consecutive cut points of one edge (of positive length: a road through
    # a cell corner does not enter the cells that only touch it there).
    first = np.flatnonzero((e[1:] == e[:-1]) & (f[1:] > f[:-1]))
    mid = 0.5 * (f[first] + f[first + 1])
    mx, my = network.point_at(e[first], mid)
    row, col = grid.cell_of(mx, my)
    ends_best = np.where(minutes[first] <= minutes[first + 1], first, first + 1)
    piece_min = minutes[ends_best]
    piece_src = source[ends_best]
    keep = grid.contains(row, col) & np.isfinite(piece_min)
    if not keep.any():
        return empty
    row, col, piece_min, piece_src = row[keep], col[keep], piece_min[keep], piece_src[keep]
    flat = row * grid.cols + col
    order = np.lexsort((piece_min, flat))
    flat = flat[order]
    head = np.r_[True, flat[1:] != flat[:-1]]
    pick = order[head]
    return RoadCells(row[pick], col[pick], piece_min[pick], piece_src[pick].astype(np.int32))


def access_times(
    router: Router,
    sites: SnappedPoints,
    grid: AnalysisGrid,
    cost: CostGrid,
    max_minutes: float | None = None,
    start_minutes: Sequence[float] | np.ndarray | None = None,
    snap_leg: bool = True,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> RoadAccess:
    """Minutes from the nearest site to every cell: along the roads, then off road.

    ``cost`` holds the off-road crossing minutes on ``grid`` (e.g. ``CostGrid.from_speed``
    of the walking or riding speed surface). ``start_minutes`` gives each site a starting
    time (default 0). With ``snap_leg`` the way from each site to its road point is crossed
    at off-road speed; without it the site counts as on the road.
    """
    if tuple(cost.shape) != tuple(grid.shape):
        raise InputError(
            f"The off-road cost grid ({cost.shape[0]} × {cost.shape[1]}) is not on the analysis "
            f"grid ({grid.rows} × {grid.cols}); resample the speed raster onto the grid."
        )
    n = len(sites)
    start = np.zeros(n) if start_minutes is None else np.asarray(start_minutes, float).ravel()
    if start.size != n or not np.isfinite(start).all() or (start < 0).any():
        raise InputError("start_minutes must give one finite time ≥ 0 per site")
    limit = math.inf if not max_minutes else float(max_minutes)
    site_r, site_c = grid.cell_of(sites.x, sites.y)
    site_cost = _cell_cost(cost, grid, site_r, site_c)
    road_r, road_c = grid.cell_of(sites.snap_x, sites.snap_y)
    road_cost = _cell_cost(cost, grid, road_r, road_c)
    per_m = np.where(np.isfinite(site_cost), site_cost, road_cost) / grid.cell_size
    leg = sites.distance_m * np.where(np.isfinite(per_m), per_m, 0.0) if snap_leg else np.zeros(n)
    net_times = router.times_from(sites, start + leg, max_minutes)
    cells = road_cells(net_times, router.network, grid)
    site_ok = grid.contains(site_r, site_c) & np.isfinite(site_cost) & (start <= limit)
    seed_r = np.concatenate((cells.rows, site_r[site_ok]))
    seed_c = np.concatenate((cells.cols, site_c[site_ok]))
    seed_t = np.concatenate((cells.minutes, start[site_ok]))
    seed_s = np.concatenate((cells.source, np.flatnonzero(site_ok).astype(np.int32)))
    passable = np.isfinite(_cell_cost(cost, grid, seed_r, seed_c))
    seed_r, seed_c, seed_t, seed_s = (a[passable] for a in (seed_r, seed_c, seed_t, seed_s))
    if seed_r.size:
        grid_times = travel_times(
            cost, seed_r, seed_c, max_minutes, progress, cancel, start_minutes=seed_t
        )
        minutes = grid_times.minutes
        nearest = np.where(grid_times.nearest >= 0, seed_s[np.maximum(grid_times.nearest, 0)], -1)
        nearest = nearest.astype(np.int32)
    else:
        minutes = np.full(grid.shape, np.inf)
        nearest = np.full(grid.shape, -1, dtype=np.int32)
    # Road cells impassable off road (a bridge over water) are still reached by the road.
    better = cells.minutes < minutes[cells.rows, cells.cols]
    minutes[cells.rows[better], cells.cols[better]] = cells.minutes[better]
    nearest[cells.rows[better], cells.cols[better]] = cells.source[better]
    return RoadAccess(
        TravelTimes(minutes, nearest, None if limit == math.inf else limit),
        net_times,
        cells,
        leg,
    )


def _cell_cost(cost: CostGrid, grid: AnalysisGrid, rows, cols) -> np.ndarray:
    """Crossing minutes of cells (inf outside the grid or impassable)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    out = np.full(rows.shape, np.inf)
    ok = grid.contains(rows, cols)
    out[ok] = cost.cost[cost.padded_index(rows[ok], cols[ok])]
    return out
