"""Population on the analysis grid, and moving people between grids without losing anyone.

A population raster (people per cell) is usually stored in degrees (WorldPop: EPSG:4326,
3 arc-seconds), while every analysis runs on a projected grid in metres. Resampling by
nearest neighbour drops or duplicates cells and loses up to half the people; here every
source cell's people are split among the destination cells it overlaps, in proportion to
the overlapping area, so the total is preserved.

Two methods, both processing the source in row blocks so memory stays bounded:

* **exact overlap** when source and destination are in the same CRS (``transform=None``):
  both grids are axis-aligned, so the overlap of two cells is the product of their overlaps
  along x and along y; the result is exact (aggregating 100 m to 200 m sums 2 × 2 blocks).
* **exact overlap of transformed cells** for any other pair of CRSs: the corners of the source
  cells are transformed by the caller's ``transform``; each source cell becomes the quadrilateral
  of its four transformed corners, and its people are split among the destination cells by the
  exact area of overlap (Green's theorem on the clipped edges, vectorised). A projection is
  smooth at the scale of one cell (3″ WorldPop → UTM: the straight-edged image is off the true,
  curved one by well under a millimetre); where it is not (cells of a degree or more), cells are
  split k × k first, k chosen from the measured curvature. Every person lands somewhere, inside
  or outside the grid: total in = total out + outside, to rounding.

Coordinates are transformed by callables ``(x, y) -> (x, y)`` on numpy arrays that the io
layer builds (pyproj, or GDAL's osr), so this module needs neither pyproj nor GDAL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Union

import numpy as np
from scipy import sparse

from .errors import Cancelled, InputError, TooLargeError
from .grid import AnalysisGrid

Transform = Callable[[np.ndarray, np.ndarray], "tuple[np.ndarray, np.ndarray]"]
RowReader = Callable[[int, int], np.ndarray]
Source = Union[np.ndarray, RowReader]

NODATA = -99999.0  # WorldPop's NoData; also what population rasters are written with
SAMPLES_PER_CHUNK = 1 << 20  # quad × lattice-corner terms computed at once (bounds temporaries)
CELLS_PER_BLOCK = 1 << 20  # source cells read at once
BYTES_PER_CELL = 8 + 1 + 1  # people (float64), valid, mask, per destination cell and layer
CURVATURE_TOLERANCE = 1e-3  # grid cells a cell's straight-edged image may be off its true one
MAX_REFINEMENT = 16


@dataclass(frozen=True)
class SourceGrid:
    """Georeferencing of a raster as stored: any CRS (degrees allowed), cells need not be square.

    ``geotransform`` is GDAL's; the raster must be north-up and not rotated.
    """

    crs_wkt: str
    geotransform: tuple[float, float, float, float, float, float]
    shape: tuple[int, int]

    def __post_init__(self) -> None:
        gt = tuple(float(v) for v in self.geotransform)
        if len(gt) != 6 or gt[2] != 0 or gt[4] != 0:
            raise InputError(
                "The raster is rotated (its geotransform has rotation terms). Warp it north-up "
                "first (Raster ▸ Projections ▸ Warp)."
            )
        if gt[1] <= 0 or gt[5] >= 0:
            raise InputError(
                "The raster is not north-up (cell height must be negative in its geotransform). "
                "Warp it north-up first (Raster ▸ Projections ▸ Warp)."
            )
        if len(self.shape) != 2 or min(self.shape) <= 0:
            raise InputError(f"The raster is empty (shape {tuple(self.shape)}).")
        object.__setattr__(self, "geotransform", gt)
        object.__setattr__(self, "shape", (int(self.shape[0]), int(self.shape[1])))

    @property
    def rows(self) -> int:
        return self.shape[0]

    @property
    def cols(self) -> int:
        return self.shape[1]

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) in the raster's CRS."""
        x0, w, _, y0, _, h = self.geotransform
        return (x0, y0 + h * self.rows, x0 + w * self.cols, y0)

    def centre_of(self, row: np.ndarray, col: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x0, w, _, y0, _, h = self.geotransform
        return x0 + (np.asarray(col, float) + 0.5) * w, y0 + (np.asarray(row, float) + 0.5) * h

    def window(self, row0: int, row1: int, col0: int, col1: int) -> SourceGrid:
        """The sub-grid of rows [row0, row1) and columns [col0, col1)."""
        x0, w, _, y0, _, h = self.geotransform
        gt = (x0 + col0 * w, w, 0.0, y0 + row0 * h, 0.0, h)
        return SourceGrid(self.crs_wkt, gt, (row1 - row0, col1 - col0))


@dataclass
class Population:
    """People per cell on the analysis grid, one array per layer (e.g. summer and winter).

    Every layer is float64 of the grid's shape with 0 where there is no data; ``valid`` is
    False on those cells (outside the source raster, NoData, outside the study area).
    """

    grid: AnalysisGrid
    layers: dict[str, np.ndarray]
    valid: np.ndarray

    def __post_init__(self) -> None:
        if not self.layers:
            raise ValueError("a Population needs at least one layer")
        if self.valid.shape != self.grid.shape or self.valid.dtype != np.bool_:
            raise ValueError(f"valid must be a bool array of shape {self.grid.shape}")
        for name, people in self.layers.items():
            if people.shape != self.grid.shape or people.dtype != np.float64:
                raise ValueError(f"layer {name!r} must be float64 of shape {self.grid.shape}")
            if not np.isfinite(people).all() or (people < 0).any():
                raise ValueError(f"layer {name!r} holds negative or non-finite counts")
            if people[~self.valid].any():
                raise ValueError(f"layer {name!r} has people on cells flagged not valid")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.layers)

    def layer(self, name: str | None = None) -> np.ndarray:
        """The named layer; without a name, the only layer (error if there are several)."""
        if name is None:
            if len(self.layers) != 1:
                raise KeyError(f"several population layers {self.names}; name one")
            return next(iter(self.layers.values()))
        return self.layers[name]

    def total(self, name: str | None = None) -> float:
        return float(self.layer(name).sum())


@dataclass(frozen=True)
class RegridReport:
    """People before and after moving a raster onto the analysis grid.

    ``total_in``: people in the source cells read (valid cells only). ``total_out``: people on
    the grid. ``outside``: people whose area fell outside the grid or outside the study area.
    ``relative_difference`` = (total_out − total_in) / total_in (includes what a clip removed);
    ``conservation_error`` = (total_out + outside − total_in) / total_in, the method's own error.
    """

    total_in: float
    total_out: float
    outside: float
    relative_difference: float
    conservation_error: float
    method: str
    subdivisions: int
    source_cells: int
    invalid_source_cells: int

    def lines(self) -> list[str]:
        """The report as short lines for a log."""
        return [
            f"People in the source raster: {self.total_in:,.1f}",
            f"People on the analysis grid: {self.total_out:,.1f}",
            f"People outside the grid or the study area: {self.outside:,.1f}",
            f"Relative difference (out − in) / in: {self.relative_difference:+.3e}",
            f"Conservation error (out + outside − in) / in: {self.conservation_error:+.3e}",
            f"Method: {self.method}",
            f"Source cells read: {self.source_cells:,} "
            f"(NoData, negative or NaN, never summed: {self.invalid_source_cells:,})",
        ]


def clean_counts(values: np.ndarray, nodata: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """People as float64 with 0 where there is no data, and the mask of cells with data.

    NoData, NaN, infinities and negative values (WorldPop's −99999 sentinel, or any other)
    are not data and are never summed.
    """
    people = np.array(values, dtype=np.float64)
    valid = np.isfinite(people) & (people >= 0)
    if nodata is not None and not math.isnan(nodata):
        valid &= people != nodata
    people[~valid] = 0.0
    return people, valid


def regrid_memory_bytes(shape: tuple[int, int], n_layers: int = 1) -> int:
    """Memory the destination arrays of a regridding need, in bytes."""
    return int(shape[0]) * int(shape[1]) * (BYTES_PER_CELL * max(1, n_layers) + 8)


def check_grid_size(
    shape: tuple[int, int], cell_size: float, limit_bytes: int, n_layers: int = 1
) -> None:
    """Raise TooLargeError, before anything is allocated, when the grid would not fit."""
    need = regrid_memory_bytes(shape, n_layers)
    if need <= limit_bytes:
        return
    cells = int(shape[0]) * int(shape[1])
    factor = math.ceil(math.sqrt(need / limit_bytes) * 1.1)
    coarser = cell_size * factor
    raise TooLargeError(
        f"The population grid would have {cells:,} cells ({shape[0]:,} rows × {shape[1]:,} "
        f"columns of {cell_size:g} m) and need {need / 1e9:.1f} GB of memory; "
        f"{limit_bytes / 1e9:.1f} GB are available. Use a coarser cell size (e.g. {coarser:g} m "
        f"needs about {need / factor**2 / 1e9:.2f} GB) or clip to a study area."
    )


def regrid_counts(
    source: Source,
    source_grid: SourceGrid,
    grid: AnalysisGrid,
    transform: Transform | None = None,
    inverse: Transform | None = None,
    *,
    nodata: float | None = None,
    mask: np.ndarray | None = None,
    subdivisions: int | None = None,
    block_rows: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray, RegridReport]:
    """Move people per cell from ``source_grid`` onto ``grid``, preserving the count.

    ``source`` is the whole array or a reader ``(row0, row1) -> rows`` of it. ``transform``
    maps source coordinates to the grid's CRS and ``inverse`` back; both None means the two
    are in the same CRS (exact overlap method). ``mask`` (bool, grid shape) keeps people only
    where True (the study area). Returns (people float64, valid bool, report); a cell is valid
    when it holds people or its centre lies in a source cell with data, and the mask allows it.
    """
    if (transform is None) != (inverse is None):
        raise ValueError("give both transform and inverse, or neither (same CRS)")
    if mask is not None and (mask.shape != grid.shape or mask.dtype != np.bool_):
        raise ValueError(f"mask must be a bool array of shape {grid.shape}")
    if isinstance(source, np.ndarray):
        if source.shape != source_grid.shape:
            raise ValueError(f"source shape {source.shape} differs from {source_grid.shape}")
        array = source

        def source(r0: int, r1: int) -> np.ndarray:
            return array[r0:r1]

    rows, cols = source_grid.shape
    block_rows = block_rows or max(1, CELLS_PER_BLOCK // cols)
    people = np.zeros(grid.rows * grid.cols, dtype=np.float64)
    valid = np.zeros(grid.rows * grid.cols, dtype=bool)
    if transform is None:
        binner: _Binner = _ExactBinner(source_grid, grid)
        method, k = "exact overlap (same CRS)", 1
    else:
        k = subdivisions or choose_refinement(_curvature(source_grid, grid, transform))
        binner = _QuadBinner(source_grid, grid, transform, k)
        method = "exact overlap of the transformed cells"
        if k > 1:
            method += f" (each split {k}×{k} to follow the curved projection)"

    total_in = 0.0
    outside = 0.0
    invalid_cells = 0
    for r0 in range(0, rows, block_rows):
        if cancel is not None and cancel():
            raise Cancelled("cancelled while moving the population onto the grid")
        r1 = min(rows, r0 + block_rows)
        block = np.asarray(source(r0, r1))
        if block.shape != (r1 - r0, cols):
            raise ValueError(f"reader returned shape {block.shape} for rows {r0}:{r1}")
        values, ok = clean_counts(block, nodata)
        invalid_cells += int(ok.size - np.count_nonzero(ok))
        if ok.any():
            total_in += float(values.sum())
            outside += binner.add(r0, values, people)
            band = binner.band(r0, r1)
            if band is not None:
                _mark_valid_centres(grid, source_grid, inverse, band, r0, ok, valid)
        if progress is not None:
            progress(100.0 * r1 / rows)

    people = people.reshape(grid.shape)
    valid = valid.reshape(grid.shape) | (people > 0)
    if mask is not None:
        outside += float(people[~mask].sum())
        people[~mask] = 0.0
        valid &= mask
    total_out = float(people.sum())
    scale = total_in if total_in > 0 else 1.0
    report = RegridReport(
        total_in=total_in,
        total_out=total_out,
        outside=outside,
        relative_difference=(total_out - total_in) / scale,
        conservation_error=(total_out + outside - total_in) / scale,
        method=method,
        subdivisions=k,
        source_cells=rows * cols,
        invalid_source_cells=invalid_cells,
    )
    return people, valid, report


class _Binner:
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


class _ExactBinner(_Binner):
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


def _curvature(source_grid: SourceGrid, grid: AnalysisGrid, transform: Transform) -> float:
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


class _QuadBinner(_Binner):
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


def _mark_valid_centres(
    grid: AnalysisGrid,
    source_grid: SourceGrid,
    inverse: Transform | None,
    band: tuple[int, int],
    r0: int,
    ok: np.ndarray,
    valid: np.ndarray,
) -> None:
    """Flag grid cells of rows ``band`` whose centre lies in a source cell with data (block r0)."""
    a, b = band
    rr, cc = np.meshgrid(np.arange(a, b), np.arange(grid.cols), indexing="ij")
    x, y = grid.centre_of(rr.ravel(), cc.ravel())
    if inverse is not None:
        x, y = inverse(x, y)
    sx0, sw, _, sy0, _, sh = source_grid.geotransform
    with np.errstate(invalid="ignore"):
        fr = np.floor((np.asarray(y, float) - sy0) / sh) - r0
        fc = np.floor((np.asarray(x, float) - sx0) / sw)
    inside = (fr >= 0) & (fr < ok.shape[0]) & (fc >= 0) & (fc < ok.shape[1])
    hit = np.flatnonzero(inside)
    hit = hit[ok[fr[hit].astype(np.int64), fc[hit].astype(np.int64)]]
    valid[a * grid.cols + hit] = True
