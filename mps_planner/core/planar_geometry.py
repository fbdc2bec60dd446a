"""Plane geometry on numpy arrays: polygons, polylines and their rasterisation on a grid.

Coordinates are map units of a projected CRS (metres) or any planar system. A ring is an
(n, 2) array of vertices, closed (first vertex repeated last) or not; a polyline is an
(n, 2) array. Point-in-polygon uses the crossing rule with half-open edges, the same rule
``rasterize_polygon`` applies to cell centres, so polygons that share edges exactly
(a partition) put every point into exactly one of them.
"""

from __future__ import annotations

import numpy as np

from .grid import AnalysisGrid


def close_ring(ring: np.ndarray) -> np.ndarray:
    ring = np.asarray(ring, dtype=float)
    if len(ring) and not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    return ring


def ring_area(ring: np.ndarray) -> float:
    """Signed area (shoelace): positive for counter-clockwise rings."""
    ring = close_ring(ring)
    x, y = ring[:, 0], ring[:, 1]
    return float(0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _edges(ring: np.ndarray) -> np.ndarray:
    """Edges (x_low, y_low, x_high, y_high) with y_low < y_high; horizontal edges dropped.

    Ordering each edge by y makes the crossing computation identical for two polygons
    that share an edge in opposite directions, so no point falls between them.
    """
    ring = close_ring(ring)
    a, b = ring[:-1], ring[1:]
    swap = a[:, 1] > b[:, 1]
    low = np.where(swap[:, None], b, a)
    high = np.where(swap[:, None], a, b)
    keep = low[:, 1] < high[:, 1]
    return np.column_stack([low[keep, 0], low[keep, 1], high[keep, 0], high[keep, 1]])


def points_in_polygon(x: np.ndarray, y: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """True for points inside the polygon (even-odd rule; points on edges by a fixed rule)."""
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    inside = np.zeros(x.size, dtype=bool)
    if x.size == 0:
        return inside
    edges = _edges(ring)
    if x.size * len(edges) <= 2_000_000:  # few points: all edges at once
        x0, y0, x1, y1 = (edges[:, i][None, :] for i in range(4))
        span = (y0 <= y[:, None]) & (y[:, None] < y1)
        with np.errstate(invalid="ignore", divide="ignore"):
            xint = x0 + (y[:, None] - y0) * ((x1 - x0) / (y1 - y0))
        return (np.count_nonzero(span & (xint < x[:, None]), axis=1) % 2).astype(bool)
    order = np.argsort(y, kind="stable")
    ys = y[order]
    xs = x[order]
    for x0, y0, x1, y1 in edges:
        i0 = np.searchsorted(ys, y0, side="left")
        i1 = np.searchsorted(ys, y1, side="left")
        if i0 == i1:
            continue
        xint = x0 + (ys[i0:i1] - y0) * ((x1 - x0) / (y1 - y0))
        flip = xint < xs[i0:i1]
        idx = order[i0:i1][flip]
        inside[idx] = ~inside[idx]
    return inside


def rasterize_polygon(ring: np.ndarray, grid: AnalysisGrid) -> np.ndarray:
    """Cells whose centre lies inside the polygon (same rule as ``points_in_polygon``)."""
    x0, w, _, gy0, _, h = grid.geotransform
    rows, cols = grid.shape
    centre_y = gy0 + (np.arange(rows) + 0.5) * h  # decreasing
    # Search on increasing y: reverse the row order.
    ys = centre_y[::-1]
    diff = np.zeros((rows, cols + 1), dtype=np.int32)
    for ex0, ey0, ex1, ey1 in _edges(ring):
        i0 = np.searchsorted(ys, ey0, side="left")
        i1 = np.searchsorted(ys, ey1, side="left")
        if i0 == i1:
            continue
        yy = ys[i0:i1]
        xint = ex0 + (yy - ey0) * ((ex1 - ex0) / (ey1 - ey0))
        # First column whose centre lies strictly right of the crossing.
        k = np.floor((xint - x0) / w - 0.5).astype(np.int64) + 1
        centres = x0 + (k + 0.5) * w
        k = np.where(centres <= xint, k + 1, k)  # guard against rounding at the boundary
        k = np.clip(k, 0, cols)
        row = rows - 1 - np.arange(i0, i1)
        np.add.at(diff, (row, k), 1)
    return (np.cumsum(diff, axis=1)[:, :cols] % 2).astype(bool)


def polyline_length(line: np.ndarray) -> float:
    line = np.asarray(line, dtype=float)
    return float(np.sum(np.hypot(*np.diff(line, axis=0).T)))


def densify(line: np.ndarray, max_step: float) -> np.ndarray:
    """The same polyline with extra vertices so that no segment is longer than ``max_step``."""
    line = np.asarray(line, dtype=float)
    if len(line) < 2:
        return line.copy()
    seg = np.diff(line, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    pieces = np.maximum(1, np.ceil(lengths / max_step).astype(int))
    out = [line[:1]]
    for start, d, n in zip(line[:-1], seg, pieces):
        t = (np.arange(1, n + 1) / n)[:, None]
        out.append(start + t * d)
    return np.vstack(out)


def point_along(line: np.ndarray, distance: float) -> np.ndarray:
    """The point at ``distance`` map units from the start of the polyline (clamped)."""
    line = np.asarray(line, dtype=float)
    seg = np.diff(line, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    cum = np.concatenate([[0.0], np.cumsum(lengths)])
    distance = min(max(distance, 0.0), cum[-1])
    i = int(np.clip(np.searchsorted(cum, distance, side="right") - 1, 0, len(seg) - 1))
    t = (distance - cum[i]) / lengths[i] if lengths[i] > 0 else 0.0
    return line[i] + t * seg[i]


def distance_to_polyline(x: np.ndarray, y: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Exact distance from each point to the polyline (for modest numbers of points)."""
    px = np.asarray(x, dtype=float).ravel()[:, None]
    py = np.asarray(y, dtype=float).ravel()[:, None]
    line = np.asarray(line, dtype=float)
    ax, ay = line[:-1, 0][None, :], line[:-1, 1][None, :]
    dx, dy = np.diff(line[:, 0])[None, :], np.diff(line[:, 1])[None, :]
    len2 = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(len2 > 0, ((px - ax) * dx + (py - ay) * dy) / len2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    d = np.hypot(px - (ax + t * dx), py - (ay + t * dy))
    return d.min(axis=1)


def segment_intersections(
    line_a: np.ndarray, line_b: np.ndarray
) -> list[tuple[np.ndarray, int, float, int, float]]:
    """Where two polylines cross: (point, segment of a, t along it, segment of b, u along it).

    Parallel (including collinear) segment pairs are ignored. A crossing at a shared
    vertex may be reported by two neighbouring segments; callers de-duplicate by position.
    """
    a = np.asarray(line_a, dtype=float)
    b = np.asarray(line_b, dtype=float)
    if len(a) < 2 or len(b) < 2:
        return []
    if np.any(a.min(axis=0) > b.max(axis=0)) or np.any(b.min(axis=0) > a.max(axis=0)):
        return []
    a_idx = _segments_near(a, b)
    b_idx = _segments_near(b, a)
    if a_idx.size == 0 or b_idx.size == 0:
        return []
    p, r = a[a_idx], a[a_idx + 1] - a[a_idx]
    q, s = b[b_idx], b[b_idx + 1] - b[b_idx]
    amin = np.minimum(a[a_idx], a[a_idx + 1])[:, None, :]
    amax = np.maximum(a[a_idx], a[a_idx + 1])[:, None, :]
    bmin = np.minimum(b[b_idx], b[b_idx + 1])[None, :, :]
    bmax = np.maximum(b[b_idx], b[b_idx + 1])[None, :, :]
    ia, ib = np.nonzero(np.all((amin <= bmax) & (bmin <= amax), axis=2))
    if ia.size == 0:
        return []
    p, r, q, s = p[ia], r[ia], q[ib], s[ib]
    denom = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
    qp = q - p
    ok = np.abs(denom) > 1e-12 * (np.hypot(r[:, 0], r[:, 1]) * np.hypot(s[:, 0], s[:, 1]))
    with np.errstate(invalid="ignore", divide="ignore"):
        t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denom
        u = (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / denom
    hit = ok & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
    return [
        (p[k] + t[k] * r[k], int(a_idx[ia[k]]), float(t[k]), int(b_idx[ib[k]]), float(u[k]))
        for k in np.nonzero(hit)[0]
    ]


def _segments_near(line: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Indices of the segments of ``line`` whose bounding box meets ``other``'s."""
    lo, hi = other.min(axis=0), other.max(axis=0)
    seg_lo = np.minimum(line[:-1], line[1:])
    seg_hi = np.maximum(line[:-1], line[1:])
    return np.nonzero(np.all((seg_lo <= hi) & (seg_hi >= lo), axis=1))[0]


def split_polyline(line: np.ndarray, cuts: list[tuple[int, float, np.ndarray]]) -> list[np.ndarray]:
    """Cut a polyline at points given as (segment index, t along it, point).

    Each cut point becomes the last vertex of one piece and the first of the next, exactly.
    Zero-length pieces (cuts at the ends or at the same place twice) are dropped.
    """
    line = np.asarray(line, dtype=float)
    pieces: list[list[np.ndarray]] = []
    current = [line[0]]
    next_vertex = 1
    for seg, _t, point in sorted(cuts, key=lambda c: (c[0], c[1])):
        while next_vertex <= seg:
            current.append(line[next_vertex])
            next_vertex += 1
        point = np.asarray(point, dtype=float)
        current.append(point)
        pieces.append(current)
        current = [point]
    current.extend(line[next_vertex:])
    pieces.append(current)
    out = []
    for piece in pieces:
        arr = np.array(piece)
        keep = np.ones(len(arr), dtype=bool)
        keep[1:] = np.any(arr[1:] != arr[:-1], axis=1)
        arr = arr[keep]
        if len(arr) >= 2:
            out.append(arr)
    return out


def insert_vertex(line: np.ndarray, seg: int, point: np.ndarray) -> np.ndarray:
    """The polyline with ``point`` inserted after vertex ``seg`` (unless it is one already)."""
    line = np.asarray(line, dtype=float)
    point = np.asarray(point, dtype=float)
    if np.array_equal(line[seg], point) or np.array_equal(line[seg + 1], point):
        return line
    return np.vstack([line[: seg + 1], point[None, :], line[seg + 1 :]])
