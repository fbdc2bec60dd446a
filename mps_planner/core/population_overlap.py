"""Overlap geometry for moving people between grids (used by ``core.population``).

Two binners add a block of source cells' people into the destination grid:

* ``ExactBinner`` — same CRS: axis-aligned cells, so the overlap of two cells is the product
  of their overlaps along x and along y (sparse overlap matrices per axis);
* ``QuadBinner`` — any other pair of CRSs: each source cell is the quadrilateral of its four
  transformed corners (split k × k where the projection curves, see ``choose_refinement``),
  and its people are shared by the exact overlap area with each destination cell.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable

import numpy as np
from scipy import sparse

from .grid import AnalysisGrid

if TYPE_CHECKING:
    from .population import SourceGrid

Transform = Callable[[np.ndarray, np.ndarray], "tuple[np.ndarray, np.ndarray]"]

CELLS_PER_BLOCK = 1 << 20  # source cells read (and binned) at once
SAMPLES_PER_CHUNK = 1 << 20  # quad × lattice-corner terms computed at once (bounds temporaries)
CURVATURE_TOLERANCE = 1e-3  # grid cells a cell's straight-edged image may be off its true one
MAX_REFINEMENT = 16


class Binner:
    def add(self, r0: int, values: np.ndarray, people: np.ndarray) -> float:
        """Add a block's people (rows from r0) into ``people``; return how many fell outside."""
        raise NotImplementedError

    def band(self, r0: int, r1: int) -> tuple[int, int] | None:
        """Destination rows [a, b) whose cell centres may lie in source rows [r0, r1)."""
        raise NotImplementedError


def _overlap_matrix(src_edges: np.ndarray, dst_edges: np.ndarray) -> sparse.csr_matrix:
    """(n_dst × n_src) share of each source interval inside each destination interval.

    Both edge arrays increase. Exact up to floating-point rounding.
    """
    n, m = len(src_edges) - 1, len(dst_edges) - 1
    lo, hi = src_edges[:-1], src_edges[1:]
    first = np.clip(np.searchsorted(dst_edges, lo, side="right") - 1, 0, m - 1)
    last = np.clip(np.searchsorted(dst_edges, hi, side="left") - 1, 0, m - 1)
    counts = np.maximum(0, last - first + 1)
    src = np.repeat(np.arange(n), counts)
    starts = np.cumsum(counts) - counts
    dst = first[src] + (np.arange(src.size) - starts[src])
    length = np.minimum(hi[src], dst_edges[dst + 1]) - np.maximum(lo[src], dst_edges[dst])
    share = np.clip(length, 0.0, None) / (hi[src] - lo[src])
    keep = share > 0
    return sparse.csr_matrix((share[keep], (dst[keep], src[keep])), shape=(m, n))


class ExactBinner(Binner):
    """Same CRS: the overlap of two axis-aligned cells is (x overlap) × (y overlap)."""

    def __init__(self, source_grid: SourceGrid, grid: AnalysisGrid) -> None:
        sx0, sw, _, sy0, _, sh = source_grid.geotransform
        gx0, gw, _, gy0, _, gh = grid.geotransform
        src_x = sx0 + sw * np.arange(source_grid.cols + 1)
        dst_x = gx0 + gw * np.arange(grid.cols + 1)
        # y decreases down the rows: use −y, which increases
        src_y = -(sy0 + sh * np.arange(source_grid.rows + 1))
        dst_y = -(gy0 + gh * np.arange(grid.rows + 1))
        self.wx = _overlap_matrix(src_x, dst_x)  # (grid cols × source cols)
        self.wy = _overlap_matrix(src_y, dst_y).tocsc()  # (grid rows × source rows)
        self.cols = grid.cols
        # share of each source column / row inside the grid
        self.fx = np.asarray(self.wx.sum(axis=0)).ravel()
        self.fy = np.asarray(self.wy.sum(axis=0)).ravel()

    def add(self, r0: int, values: np.ndarray, people: np.ndarray) -> float:
        r1 = r0 + values.shape[0]
        share_inside = np.outer(self.fy[r0:r1], self.fx)
        outside = float((values * (1.0 - share_inside)).sum())
        wy = self.wy[:, r0:r1].tocsr()
        hit = np.flatnonzero(np.diff(wy.indptr))
        if hit.size:
            a, b = int(hit[0]), int(hit[-1]) + 1
            along_x = (self.wx @ values.T).T  # (block rows × grid cols)
            contribution = wy[a:b] @ along_x
            people[a * self.cols : b * self.cols] += np.asarray(contribution).ravel()
        return outside

    def band(self, r0: int, r1: int) -> tuple[int, int] | None:
        wy = self.wy[:, r0:r1].tocsr()
        hit = np.flatnonzero(np.diff(wy.indptr))
        return None if hit.size == 0 else (int(hit[0]), int(hit[-1]) + 1)


def _pixel_coords(grid: AnalysisGrid, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Map coordinates → fractional (column, row) of the grid."""
    gx0, gw, _, gy0, _, gh = grid.geotransform
    return (np.asarray(x, float) - gx0) / gw, (np.asarray(y, float) - gy0) / gh


def curvature(source_grid: SourceGrid, grid: AnalysisGrid, transform: Transform) -> float:
    """How far (in grid cells) a transformed cell centre lies from its corners' mean.

    Sampled over the raster; this is how much a cell's straight-edged image differs from the
    true, slightly curved one.
    """
    rows = np.unique(np.linspace(0, source_grid.rows - 1, 9).astype(int))
    cols = np.unique(np.linspace(0, source_grid.cols - 1, 9).astype(int))
    rr, cc = np.meshgrid(rows, cols, indexing="ij")
    rr, cc = rr.ravel(), cc.ravel()
    x0, w, _, y0, _, h = source_grid.geotransform
    cx, cy = _pixel_coords(grid, *transform(*source_grid.centre_of(rr, cc)))
    mx = np.zeros_like(cx)
    my = np.zeros_like(cy)
    for dr, dc in ((0, 0), (0, 1), (1, 0), (1, 1)):
        px, py = _pixel_coords(grid, *transform(x0 + (cc + dc) * w, y0 + (rr + dr) * h))
        mx += px / 4
        my += py / 4
    err = np.hypot(cx - mx, cy - my)
    err = err[np.isfinite(err)]
    return float(err.max()) if err.size else 0.0


def choose_refinement(curvature: float, tolerance: float = CURVATURE_TOLERANCE) -> int:
    """Split each source cell into k × k before the overlap when its image is visibly curved.

    The deviation from straight edges falls with the square of k.
    """
    if not math.isfinite(curvature) or curvature <= tolerance:
        return 1
    return int(min(MAX_REFINEMENT, math.ceil(math.sqrt(curvature / tolerance))))


def _clip_bounds(p: np.ndarray, d: np.ndarray, bound: np.ndarray) -> tuple[np.ndarray, ...]:
    """Range of t for which p + t·d ≤ bound, as (lower, upper); empty when lower ≥ upper.

    ``p`` and ``d`` are per edge (n, 1, 1), ``bound`` the lattice lines. An edge parallel to
    the lines (d = 0) is treated as d = +1e-300: unconstrained when p < bound, empty when
    p > bound, and of zero length when p = bound (it then contributes nothing anyway).
    """
    d = np.where(d == 0, 1e-300, d)
    t = (bound - p) * (1.0 / d)
    lower = t + np.where(d < 0, 0.0, -np.inf)
    upper = t + np.where(d > 0, 0.0, np.inf)
    return lower, upper


def _min4(a, b, c, d):
    return np.minimum(np.minimum(a, b), np.minimum(c, d))


def _max4(a, b, c, d):
    return np.maximum(np.maximum(a, b), np.maximum(c, d))


def quad_cell_shares(qx: np.ndarray, qy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact share of each quadrilateral's area in each unit cell of an integer lattice.

    ``qx``, ``qy``: (n, 4) vertices in order around each quadrilateral, in cell units
    (cell (r, c) is [c, c+1) × [r, r+1)). Returns (rows, cols, shares), each (n, nr, nc)
    where nr × nc is the largest span of cells; shares sum to 1 per quad.
    """
    xs = [np.ascontiguousarray(qx[:, i], dtype=float) for i in range(4)]
    ys = [np.ascontiguousarray(qy[:, i], dtype=float) for i in range(4)]
    return _quad_shares(xs, ys)


def _quadrant_areas(lx, ly, big_x, big_y) -> np.ndarray:
    """Signed area of each quad inside {x ≤ X} ∩ {y ≤ Y} for the given lattice lines.

    By Green's theorem the area of a region is ∮ (x − X) dy around it; around the quad cut by
    the quadrant that is the sum over the quad's edges, clipped to the quadrant, since on the
    quadrant's own sides x = X or dy = 0. ``big_x`` (1, 1, kx) / ``big_y`` (1, ky, 1): the
    lines, or None for no cut in that direction (then any constant X will do; 0 is used).
    """
    acc = 0.0
    for e in range(4):
        px, py = lx[e], ly[e]
        dx, dy = lx[(e + 1) % 4] - px, ly[(e + 1) % 4] - py
        lo = hi = None
        if big_x is not None:
            lo, hi = _clip_bounds(px, dx, big_x)
        if big_y is not None:
            lo_y, hi_y = _clip_bounds(py, dy, big_y)
            lo = lo_y if lo is None else np.maximum(lo, lo_y)
            hi = hi_y if hi is None else np.minimum(hi, hi_y)
        if lo is None:  # no cut: the whole edge
            acc = acc + dy * (px + 0.5 * dx)
            continue
        t0 = np.maximum(lo, 0.0)
        dt = np.minimum(hi, 1.0) - t0
        np.maximum(dt, 0.0, out=dt)
        x_rel = px - big_x if big_x is not None else px
        # ∫ (x − X) dy for t in [t0, t0 + dt], with x = px + t·dx and dy/dt = dy
        acc = acc + dy * dt * (x_rel + dx * (t0 + 0.5 * dt))
    return acc


def _quad_shares(xs: list[np.ndarray], ys: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    """``quad_cell_shares`` on the four vertex coordinate arrays of n quads.

    The cumulative area A(X, Y) of the quad in {x ≤ X, y ≤ Y} is needed on the lattice lines
    X = 1 … nc, Y = 1 … nr (local coordinates); the last line in each direction does not cut
    (the quad lies below it), so only interior lines are clipped. Cell areas follow from A by
    inclusion–exclusion.
    """
    c0 = np.floor(_min4(*xs))
    r0 = np.floor(_min4(*ys))
    nc = max(1, int(np.max(np.ceil(_max4(*xs)) - c0)))
    nr = max(1, int(np.max(np.ceil(_max4(*ys)) - r0)))
    n = c0.size
    rows = np.broadcast_to((r0[:, None] + np.arange(nr))[:, :, None], (n, nr, nc))
    cols = np.broadcast_to((c0[:, None] + np.arange(nc))[:, None, :], (n, nr, nc))
    if nc == 1 and nr == 1:
        return rows, cols, np.ones((n, 1, 1))
    lx = [(x - c0)[:, None, None] for x in xs]  # local coordinates, (n, 1, 1)
    ly = [(y - r0)[:, None, None] for y in ys]
    inner_x = np.arange(1, nc, dtype=float)[None, None, :] if nc > 1 else None
    inner_y = np.arange(1, nr, dtype=float)[None, :, None] if nr > 1 else None
    cumulative = np.zeros((n, nr + 1, nc + 1))
    total = _quadrant_areas(lx, ly, None, None)[:, 0, 0]
    cumulative[:, nr, nc] = total
    if inner_x is not None:
        cumulative[:, nr : nr + 1, 1:nc] = _quadrant_areas(lx, ly, inner_x, None)
    if inner_y is not None:
        cumulative[:, 1:nr, nc : nc + 1] = _quadrant_areas(lx, ly, None, inner_y)
    if inner_x is not None and inner_y is not None:
        cumulative[:, 1:nr, 1:nc] = _quadrant_areas(lx, ly, inner_x, inner_y)
    areas = np.diff(np.diff(cumulative, axis=1), axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = areas / total[:, None, None]
    np.maximum(shares, 0.0, out=shares)
    return rows, cols, shares


class QuadBinner(Binner):
    """Any CRS pair: each source cell is the quadrilateral of its transformed corners, and its
    people go to the grid cells in proportion to the exact overlap areas."""

    def __init__(
        self, source_grid: SourceGrid, grid: AnalysisGrid, transform: Transform, k: int
    ) -> None:
        self.sg, self.grid, self.transform, self.k = source_grid, grid, transform, int(k)
        self._corners: tuple[int, np.ndarray, np.ndarray] | None = None

    def _corners_of(self, r0: int, r1: int) -> tuple[np.ndarray, np.ndarray]:
        """Grid pixel coordinates of the corners of source rows [r0, r1): (r1−r0+1, cols+1)."""
        if self._corners is None or self._corners[0] != r0:
            x0, w, _, y0, _, h = self.sg.geotransform
            xx, yy = np.meshgrid(
                x0 + w * np.arange(self.sg.cols + 1), y0 + h * np.arange(r0, r1 + 1)
            )
            px, py = _pixel_coords(self.grid, *self.transform(xx.ravel(), yy.ravel()))
            self._corners = (r0, px.reshape(xx.shape), py.reshape(xx.shape))
        return self._corners[1], self._corners[2]

    def band(self, r0: int, r1: int) -> tuple[int, int] | None:
        _, py = self._corners_of(r0, r1)
        py = py[np.isfinite(py)]
        if py.size == 0:
            return None
        a = max(0, int(np.floor(py.min())) - 1)
        b = min(self.grid.rows, int(np.floor(py.max())) + 2)
        return (a, b) if a < b else None

    def add(self, r0: int, values: np.ndarray, people: np.ndarray) -> float:
        if self.k == 1:
            px, py = self._corners_of(r0, r0 + values.shape[0])
            return self._add_quads(px, py, values, people)
        # a finer virtual source grid: k × k parts per cell, 1/k² of its people each
        outside = 0.0
        k = self.k
        step = max(1, CELLS_PER_BLOCK // (self.sg.cols * k * k))
        x0, w, _, y0, _, h = self.sg.geotransform
        for a in range(0, values.shape[0], step):
            part = values[a : a + step]
            if not (part > 0).any():
                continue
            fine = np.repeat(np.repeat(part, k, axis=0), k, axis=1) / (k * k)
            xx, yy = np.meshgrid(
                x0 + (w / k) * np.arange(fine.shape[1] + 1),
                y0 + h * (r0 + a) + (h / k) * np.arange(fine.shape[0] + 1),
            )
            px, py = _pixel_coords(self.grid, *self.transform(xx.ravel(), yy.ravel()))
            outside += self._add_quads(px.reshape(xx.shape), py.reshape(xx.shape), fine, people)
        return outside

    def _add_quads(
        self, px: np.ndarray, py: np.ndarray, values: np.ndarray, people: np.ndarray
    ) -> float:
        ii, jj = np.nonzero(values > 0)
        if ii.size == 0:
            return 0.0
        weights = values[ii, jj]
        xs = [px[ii, jj], px[ii, jj + 1], px[ii + 1, jj + 1], px[ii + 1, jj]]
        ys = [py[ii, jj], py[ii, jj + 1], py[ii + 1, jj + 1], py[ii + 1, jj]]
        finite = np.isfinite(_min4(*xs) + _max4(*xs) + _min4(*ys) + _max4(*ys))
        outside = float(weights[~finite].sum())
        if not finite.all():
            xs, ys, weights = [x[finite] for x in xs], [y[finite] for y in ys], weights[finite]
        # group the quads by how many grid columns and rows they span
        span_c = np.maximum(1, np.ceil(_max4(*xs)) - np.floor(_min4(*xs))).astype(np.int64)
        span_r = np.maximum(1, np.ceil(_max4(*ys)) - np.floor(_min4(*ys))).astype(np.int64)
        key = span_r * (int(span_c.max(initial=1)) + 1) + span_c
        order = np.argsort(key, kind="stable")
        keys, starts = np.unique(key[order], return_index=True)
        bounds = [*starts.tolist(), order.size]
        for g in range(keys.size):
            members = order[bounds[g] : bounds[g + 1]]
            cells = int(span_r[members[0]] * span_c[members[0]])
            chunk = max(1, SAMPLES_PER_CHUNK // cells)
            for s in range(0, members.size, chunk):
                m = members[s : s + chunk]
                rows, cols, shares = _quad_shares([x[m] for x in xs], [y[m] for y in ys])
                outside += self._bin(rows, cols, shares * weights[m][:, None, None], people)
        return outside

    def _bin(self, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, people: np.ndarray) -> float:
        """Add people ``w`` to cells (rows, cols); return the people that fell off the grid."""
        ok = (cols >= 0) & (cols < self.grid.cols) & (rows >= 0) & (rows < self.grid.rows)
        outside = float(w[~ok].sum())
        if ok.any():
            index = rows[ok].astype(np.int64) * self.grid.cols + cols[ok].astype(np.int64)
            lo, hi = int(index.min()), int(index.max())
            people[lo : hi + 1] += np.bincount(index - lo, weights=w[ok], minlength=hi - lo + 1)
        return outside
