"""The analysis grid: the one projected raster grid (metres) every array lives on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class AnalysisGrid:
    """A north-up raster grid in a projected CRS with metre units.

    ``geotransform`` is GDAL's: (x_origin, cell_width, 0, y_origin, 0, -cell_height),
    origin at the top-left corner of the top-left cell. ``shape`` is (rows, cols).
    """

    crs_wkt: str
    geotransform: tuple[float, float, float, float, float, float]
    shape: tuple[int, int]

    def __post_init__(self) -> None:
        gt = self.geotransform
        if len(gt) != 6:
            raise ValueError("geotransform must have 6 numbers (GDAL order)")
        if gt[2] != 0 or gt[4] != 0:
            raise ValueError("rotated grids are not supported; warp the raster north-up first")
        if gt[1] <= 0 or gt[5] >= 0:
            raise ValueError("grid must be north-up with positive cell width and negative height")
        if abs(gt[1] + gt[5]) > 1e-9 * gt[1]:
            raise ValueError(f"cells must be square, got {gt[1]} × {-gt[5]}")
        if len(self.shape) != 2 or min(self.shape) <= 0:
            raise ValueError(f"grid shape must be two positive numbers, got {self.shape}")

    @property
    def rows(self) -> int:
        return int(self.shape[0])

    @property
    def cols(self) -> int:
        return int(self.shape[1])

    @property
    def cell_size(self) -> float:
        """Cell side in metres."""
        return float(self.geotransform[1])

    @property
    def cell_area_km2(self) -> float:
        return self.cell_size * self.cell_size / 1e6

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) in the grid's CRS."""
        x0, w, _, y0, _, h = self.geotransform
        return (x0, y0 + h * self.rows, x0 + w * self.cols, y0)

    def cell_of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Row and column (int64) of the cells containing map coordinates x, y.

        Points outside the grid get indices outside [0, rows) / [0, cols); use ``contains``.
        """
        x0, w, _, y0, _, h = self.geotransform
        col = np.floor((np.asarray(x, dtype=float) - x0) / w).astype(np.int64)
        row = np.floor((np.asarray(y, dtype=float) - y0) / h).astype(np.int64)
        return row, col

    def contains(self, row: np.ndarray, col: np.ndarray) -> np.ndarray:
        row = np.asarray(row)
        col = np.asarray(col)
        return (row >= 0) & (row < self.rows) & (col >= 0) & (col < self.cols)

    def centre_of(self, row: np.ndarray, col: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map coordinates of cell centres."""
        x0, w, _, y0, _, h = self.geotransform
        x = x0 + (np.asarray(col, dtype=float) + 0.5) * w
        y = y0 + (np.asarray(row, dtype=float) + 0.5) * h
        return x, y
