"""Speed surfaces: km/h per cell for one travel mode.

Built from a land-cover raster and a class → speed table, roads burnt in with a speed per
road class, and barriers (rivers, fences, borders) that are impassable except where a road
crosses them (a bridge); or a constant speed for straight-line travel. 0 km/h means
impassable. The rasters come from ``qgis_io``; this module only combines arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from .errors import InputError
from .grid import AnalysisGrid
from .landcover import (
    LANDCOVER_CLASSES,
    OFFROAD_SPEEDS_KMH,
    ROAD_CLASSES,
    ROAD_SPEEDS_KMH,
    TRAVEL_MODES,
)
from .traveltime import CostGrid

# Road raster codes: 0 no road, then one code per class in ROAD_CLASSES order.
ROAD_CODES = {name: code for code, name in enumerate(ROAD_CLASSES, start=1)}


@dataclass
class SpeedSurface:
    """Speed in km/h per cell of ``grid`` for one travel mode (0 = impassable)."""

    grid: AnalysisGrid
    kmh: np.ndarray
    mode: str = "custom"
    straight_line: bool = False
    _cost: CostGrid | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        kmh = np.asarray(self.kmh, dtype=np.float64)
        if kmh.shape != self.grid.shape:
            raise InputError(
                f"The speed raster has {kmh.shape[0]} × {kmh.shape[1]} cells but the analysis "
                f"grid has {self.grid.rows} × {self.grid.cols}; put both on one grid."
            )
        kmh = np.where(np.isfinite(kmh) & (kmh > 0), kmh, 0.0)
        self.kmh = kmh

    @property
    def passable(self) -> np.ndarray:
        return self.kmh > 0

    def cost_grid(self) -> CostGrid:
        """The solver's prepared grid (built once, then reused for every query)."""
        if self._cost is None:
            if not self.passable.any():
                raise InputError(
                    "Every cell of the speed surface is impassable (speed 0). Check the "
                    "land-cover → speed table and the barrier layer."
                )
            self._cost = CostGrid.from_speed(self.kmh, self.grid.cell_size)
        return self._cost


def default_class_speeds(mode: str) -> dict[int, float]:
    """Land-cover code → km/h for one of TRAVEL_MODES (the sample region's classes)."""
    _check_mode(mode)
    table = OFFROAD_SPEEDS_KMH[mode]
    return {code: float(table[name]) for code, name in LANDCOVER_CLASSES.items()}


def default_road_speeds(mode: str) -> dict[int, float]:
    """Road code (see ROAD_CODES) → km/h for one of TRAVEL_MODES."""
    _check_mode(mode)
    table = ROAD_SPEEDS_KMH[mode]
    return {ROAD_CODES[name]: float(table[name]) for name in ROAD_CLASSES}


def _check_mode(mode: str) -> None:
    if mode not in TRAVEL_MODES:
        raise InputError(f"Unknown travel mode '{mode}'; use one of {', '.join(TRAVEL_MODES)}.")


def landcover_speeds(
    landcover: np.ndarray, class_speeds: Mapping[int, float], unknown_kmh: float = 0.0
) -> tuple[np.ndarray, list[int]]:
    """km/h per cell from land-cover codes; returns the speeds and the codes not in the table.

    Codes missing from the table get ``unknown_kmh`` (impassable by default) and are
    reported so the caller can warn ("class 7 has no speed").
    """
    codes = np.asarray(landcover)
    if codes.dtype.kind == "f":
        valid = np.isfinite(codes)
        codes = np.where(valid, codes, -1).astype(np.int64)
    else:
        codes = codes.astype(np.int64)
    for code, kmh in class_speeds.items():
        if not (np.isfinite(kmh) and kmh >= 0):
            raise InputError(f"The speed of land-cover class {code} must be ≥ 0 km/h, got {kmh}.")
    present = np.unique(codes)
    missing = [int(c) for c in present if int(c) not in class_speeds and c >= 0]
    lo = min(int(present.min()), 0)
    lut = np.full(int(present.max()) - lo + 1, float(unknown_kmh))
    for code, kmh in class_speeds.items():
        if lo <= code < lo + lut.size:
            lut[int(code) - lo] = float(kmh)
    kmh = lut[codes - lo]
    kmh[codes < 0] = 0.0
    return kmh, missing


def burn_roads(
    kmh: np.ndarray, road_codes: np.ndarray, road_speeds: Mapping[int, float]
) -> np.ndarray:
    """Road cells take their road class's speed (a paved road over wetland is fast).

    ``road_codes`` holds 0 where there is no road. A road class with speed 0 leaves the
    land-cover speed in place.
    """
    out = np.array(kmh, dtype=np.float64, copy=True)
    codes = np.asarray(road_codes)
    if codes.shape != out.shape:
        raise InputError("The road raster and the land-cover raster are on different grids.")
    for code, speed in road_speeds.items():
        if speed > 0:
            out[codes == code] = float(speed)
    return out


def apply_barriers(
    kmh: np.ndarray, barrier: np.ndarray, crossings: np.ndarray | None = None
) -> np.ndarray:
    """Barrier cells become impassable, except the crossing cells (bridges, fords).

    Barrier lines should be rasterized with all touched cells, so that the barrier is
    4-connected and no diagonal step slips between two of its cells.
    """
    out = np.array(kmh, dtype=np.float64, copy=True)
    block = np.asarray(barrier, dtype=bool)
    if crossings is not None:
        block = block & ~np.asarray(crossings, dtype=bool)
    out[block] = 0.0
    return out


def build_speed_surface(
    grid: AnalysisGrid,
    mode: str = "vehicle",
    *,
    landcover: np.ndarray | None = None,
    class_speeds: Mapping[int, float] | None = None,
    roads: np.ndarray | None = None,
    road_speeds: Mapping[int, float] | None = None,
    barriers: np.ndarray | None = None,
    bridges: np.ndarray | None = None,
    constant_kmh: float | None = None,
    valid: np.ndarray | None = None,
) -> tuple[SpeedSurface, list[str]]:
    """Combine the inputs into a speed surface; returns it and warnings for the log.

    Either ``landcover`` (+ ``class_speeds``, default for ``mode``) or ``constant_kmh``.
    Roads are burnt in, then barriers applied; where a road crosses a barrier the road
    stays passable (a bridge) — or, when ``bridges`` is given, only at those cells.
    ``valid`` (False outside the study area) makes cells impassable.
    """
    warnings: list[str] = []
    if constant_kmh is not None:
        if not (np.isfinite(constant_kmh) and constant_kmh > 0):
            raise InputError(f"The constant speed must be more than 0 km/h, got {constant_kmh}.")
        kmh = np.full(grid.shape, float(constant_kmh))
    elif landcover is not None:
        speeds = default_class_speeds(mode) if class_speeds is None else class_speeds
        kmh, missing = landcover_speeds(landcover, speeds)
        if missing:
            warnings.append(
                "Land-cover classes without a speed (treated as impassable): "
                + ", ".join(str(c) for c in missing)
                + ". Add them to the class → speed table if they can be crossed."
            )
    else:
        raise InputError("Give a land-cover raster with a speed table, or a constant speed.")
    if np.shape(kmh) != grid.shape:
        raise InputError("The land-cover raster is not on the analysis grid; resample it first.")
    if roads is not None:
        speeds = default_road_speeds(mode) if road_speeds is None else road_speeds
        kmh = burn_roads(kmh, roads, speeds)
    if barriers is not None:
        road_cells = None if roads is None else np.asarray(roads) > 0
        if bridges is not None:
            crossings = np.asarray(bridges, dtype=bool)
            if road_cells is not None:
                crossings = crossings & road_cells
        else:
            crossings = road_cells
        kmh = apply_barriers(kmh, barriers, crossings)
    if valid is not None:
        kmh = np.where(np.asarray(valid, dtype=bool), kmh, 0.0)
    surface = SpeedSurface(grid, kmh, mode=mode, straight_line=constant_kmh is not None)
    if not surface.passable.any():
        raise InputError(
            "Every cell of the speed surface is impassable (speed 0). Check the land-cover → "
            "speed table, the study area and the barrier layer."
        )
    return surface, warnings
