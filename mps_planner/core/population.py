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

from .errors import Cancelled, InputError, TooLargeError
from .grid import AnalysisGrid
from .population_overlap import (
    CELLS_PER_BLOCK,
    Binner,
    ExactBinner,
    QuadBinner,
    Transform,
    choose_refinement,
    curvature,
)

RowReader = Callable[[int, int], np.ndarray]
Source = Union[np.ndarray, RowReader]

NODATA = -99999.0  # WorldPop's NoData; also what population rasters are written with
BYTES_PER_CELL = 8 + 1 + 1  # people (float64), valid, mask, per destination cell and layer


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
        binner: Binner = ExactBinner(source_grid, grid)
        method, k = "exact overlap (same CRS)", 1
    else:
        k = subdivisions or choose_refinement(curvature(source_grid, grid, transform))
        binner = QuadBinner(source_grid, grid, transform, k)
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
