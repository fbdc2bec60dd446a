"""Speed surfaces from QGIS inputs: land cover + table, roads by class, barriers, bridges."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Mapping

import numpy as np
from scipy import ndimage

from ..core.errors import InputError
from ..core.grid import AnalysisGrid
from ..core.landcover import ROAD_CLASSES
from ..core.speed import (
    ROAD_CODES,
    SpeedSurface,
    build_speed_surface,
    default_road_speeds,
)
from .raster_io import grid_of, read_raster
from .resample_io import read_on_grid
from .vectors_io import burn_features, class_codes

# Field values understood as road classes (case-insensitive): our names, Chinese names and
# OpenStreetMap highway tags.
ROAD_CLASS_ALIASES: dict[str, str] = {
    "paved": "paved",
    "gravel": "gravel",
    "track": "track",
    "柏油路": "paved",
    "水泥路": "paved",
    "砂石路": "gravel",
    "土路": "track",
    "motorway": "paved",
    "trunk": "paved",
    "primary": "paved",
    "secondary": "paved",
    "tertiary": "paved",
    "residential": "paved",
    "unclassified": "gravel",
    "service": "gravel",
    "track_grade1": "gravel",
    "path": "track",
}


@dataclass
class RoadSpeeds:
    """Each road-class field value's speed, and the raster codes that carry them."""

    value_speed: dict[str, float]
    unknown: list[str]


def road_value_speeds(
    values, mode: str, overrides: Mapping[str, float] | None = None
) -> RoadSpeeds:
    """km/h for each distinct value of a road-class field.

    ``overrides`` maps field values to km/h (from the user's table); other values go
    through ROAD_CLASS_ALIASES and the mode's default road speeds; unknown values are
    reported and get the speed of a track.
    """
    defaults = default_road_speeds(mode)
    by_class = {name: defaults[ROAD_CODES[name]] for name in ROAD_CLASSES}
    aliases = {k: by_class[v] for k, v in ROAD_CLASS_ALIASES.items()}
    if overrides:
        aliases.update({str(k).strip().lower(): float(v) for k, v in overrides.items()})
    codes, unknown = class_codes(values, {k: i for i, k in enumerate(aliases)}, None)
    names = list(aliases)
    speeds = {key: aliases[names[code]] for key, code in codes.items()}
    for value in unknown:
        speeds[value.strip().lower()] = by_class["track"]
    return RoadSpeeds(speeds, unknown)


def speed_grid_for(
    grid_source: str | os.PathLike | None, landcover_source: str | os.PathLike | None
) -> AnalysisGrid:
    """The analysis grid: the given grid raster's, else the land-cover raster's own."""
    source = grid_source or landcover_source
    if not source:
        raise InputError(
            "Give an analysis grid (e.g. the population grid) or a land-cover raster: the "
            "speed surface needs a grid in metres."
        )
    return grid_of(read_raster(source))


def bridges_mask(
    bridges_source, grid: AnalysisGrid, tolerance_m: float, context=None
) -> np.ndarray:
    """Cells within ``tolerance_m`` of a bridge point."""
    burnt = burn_features(bridges_source, grid, all_touched=True, context=context, what="bridges")
    mask = burnt.values > 0
    radius = math.ceil(tolerance_m / grid.cell_size)
    if radius > 0 and mask.any():
        yy, xx = np.mgrid[-radius : radius + 1, -radius : radius + 1]
        disk = (xx * xx + yy * yy) * grid.cell_size**2 <= tolerance_m**2
        mask = ndimage.binary_dilation(mask, structure=disk)
    return mask


def build_from_layers(
    grid: AnalysisGrid,
    mode: str,
    *,
    landcover_source=None,
    class_speeds: Mapping[int, float] | None = None,
    constant_kmh: float | None = None,
    roads=None,
    road_field: str | None = None,
    road_overrides: Mapping[str, float] | None = None,
    barriers=None,
    bridges=None,
    bridge_tolerance_m: float = 150.0,
    valid: np.ndarray | None = None,
    context=None,
) -> tuple[SpeedSurface, list[str]]:
    """Read and burn the layers, then combine them with ``core.speed.build_speed_surface``."""
    messages: list[str] = []
    landcover = None
    if constant_kmh is None:
        if landcover_source is None:
            raise InputError("Give a land-cover raster, or a constant speed (straight line).")
        data = read_on_grid(landcover_source, grid, "near")
        landcover = np.asarray(data.array)
        if data.nodata is not None:
            landcover = np.where(landcover == data.nodata, -1, landcover)
    road_raster = None
    road_speeds = None
    if roads is not None:
        if not road_field:
            raise InputError("Choose the roads' class field (e.g. 'road_class' or 'highway').")
        values = {f[road_field] for f in roads.getFeatures()}
        speeds = road_value_speeds(values, mode, road_overrides)
        if speeds.unknown:
            messages.append(
                "Road classes not recognised (given a track's speed): "
                + ", ".join(f"'{v}'" for v in speeds.unknown[:10])
                + ". Add them to the road speed table to set their speed."
            )
        # Codes in ascending speed, so that where roads overlap the fastest is burnt last.
        distinct = sorted(set(speeds.value_speed.values()))
        code_of_speed = {s: i + 1 for i, s in enumerate(distinct)}
        road_speeds = {code: s for s, code in code_of_speed.items()}

        def value_of(feature):
            key = "" if feature[road_field] is None else str(feature[road_field]).strip().lower()
            speed = speeds.value_speed.get(key)
            return None if speed is None or speed <= 0 else code_of_speed[speed]

        burnt = burn_features(roads, grid, value_of, context=context, what="road layer")
        road_raster = burnt.values.astype(np.int32)
        if burnt.skipped:
            messages.append(f"{burnt.skipped} road feature(s) without geometry were left out.")
    barrier_mask = None
    if barriers is not None:
        burnt = burn_features(barriers, grid, all_touched=True, context=context, what="barriers")
        barrier_mask = burnt.values > 0
    bridge_cells = None
    if bridges is not None:
        bridge_cells = bridges_mask(bridges, grid, bridge_tolerance_m, context)
    surface, warnings = build_speed_surface(
        grid,
        mode,
        landcover=landcover,
        class_speeds=class_speeds,
        roads=road_raster,
        road_speeds=road_speeds,
        barriers=barrier_mask,
        bridges=bridge_cells,
        constant_kmh=constant_kmh,
        valid=valid,
    )
    return surface, messages + warnings


def read_speed_surface(source: str | os.PathLike) -> SpeedSurface:
    """A km/h raster written by the speed-surface algorithm (or any raster in km/h)."""
    data = read_raster(source)
    grid = grid_of(data)
    kmh = np.asarray(data.array, dtype=np.float64)
    kmh = np.where(data.valid_mask(), kmh, 0.0)
    if not (kmh > 0).any():
        raise InputError(
            f"Every cell of the speed raster '{source}' is 0 or NoData: nothing can be reached."
        )
    if np.nanmax(kmh) > 500:
        raise InputError(
            f"The speed raster '{source}' has values up to {np.nanmax(kmh):,.0f}: it must hold "
            "km/h (0–200). Is it a cost or a travel-time raster?"
        )
    return SpeedSurface(grid, kmh, mode="raster")
