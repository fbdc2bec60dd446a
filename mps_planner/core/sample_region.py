"""The built-in sample region: a synthetic pastoral county (banner) in Inner Mongolia.

``generate_sample_region(seed, cell_size)`` builds, deterministically and from nothing,
a county of about 150 km × 100 km in UTM zone 49N (EPSG:32649), around 111.3°E, 43.5°N:

- an irregular county outline split into a town district and five townships (sumu),
  each with an English and a Chinese name;
- a county town (most of the people), township seats, villages (gacha) and about 6,000
  herder households, each with a winter camp near its village and a summer camp on the
  summer pastures — about 150,000 people, the same total in both seasons;
- land cover (grassland, sand, wetland, water, farmland, built-up) from smooth noise,
  sand in the south-west, wetland along the river and round the lakes, farmland near the
  town and the river;
- a river from the west to a terminal lake, which blocks travel except at bridges;
- paved, gravel and track roads forming one connected, noded network;
- existing facilities (hospitals, clinics, libraries, police) and candidate sites.

Everything is defined in map coordinates; the grid only samples it, so every cell size
shows the same county, and the population rasters are the people points binned onto the
grid (whole people per point: any grid receives exactly the same total).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from .errors import Cancelled, InputError
from .grid import AnalysisGrid
from .landcover import ROAD_CLASSES
from .planar_geometry import densify, rasterize_polygon
from .sample_county import (
    TOTAL_PEOPLE,
    County,
    add_households,
    add_noise_fields,
    add_river_and_lakes,
    add_villages,
    landcover_raster,
    lay_out_districts,
    population_points,
)
from .sample_landscape import CODE, FRAME
from .sample_layers import LAYER_NAMES, LAYER_SCHEMAS, VectorLayerData, build_layers
from .sample_roads import build_roads
from .sample_settlements import SEASONS, TOWNSHIP_NAMES, PopulationPoints

__all__ = [
    "LAYER_NAMES",
    "LAYER_SCHEMAS",
    "MAX_CELL_SIZE",
    "MIN_CELL_SIZE",
    "POPULATION_NODATA",
    "SAMPLE_CRS_WKT",
    "SAMPLE_EPSG",
    "SEASONS",
    "TOTAL_PEOPLE",
    "PopulationPoints",
    "SampleRegion",
    "VectorLayerData",
    "check_cell_size",
    "generate_sample_region",
    "population_raster",
    "sample_grid",
]

POPULATION_NODATA = -99999.0  # WorldPop's NoData value
SAMPLE_EPSG = 32649
# EPSG:32649 as WKT, so the core needs no projection library; GDAL recognises it.
SAMPLE_CRS_WKT = (
    'PROJCS["WGS 84 / UTM zone 49N",GEOGCS["WGS 84",DATUM["WGS_1984",'
    'SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],'
    'PARAMETER["central_meridian",111],PARAMETER["scale_factor",0.9996],'
    'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],'
    'UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],'
    'AUTHORITY["EPSG","32649"]]'
)
MIN_CELL_SIZE = 25.0
MAX_CELL_SIZE = 5000.0


@dataclass(frozen=True)
class SampleRegion:
    """The generated county: rasters on ``grid`` and vector layers in the same CRS."""

    seed: int
    cell_size: float
    grid: AnalysisGrid
    county_mask: np.ndarray  # bool: cell centre inside the county
    population_summer: np.ndarray  # float32 people per cell, POPULATION_NODATA outside
    population_winter: np.ndarray
    landcover: np.ndarray  # uint8 codes of core.landcover.LANDCOVER_CLASSES
    points: PopulationPoints
    layers: Mapping[str, VectorLayerData]
    county_ring: np.ndarray
    crs_epsg: int = SAMPLE_EPSG
    nodata: float = POPULATION_NODATA

    def population(self, season: str) -> np.ndarray:
        if season not in SEASONS:
            raise InputError(f"Season must be one of {', '.join(SEASONS)}, not '{season}'.")
        return self.population_summer if season == "summer" else self.population_winter

    def total(self, season: str) -> float:
        pop = self.population(season)
        return float(pop[pop != self.nodata].sum(dtype=np.float64))

    @property
    def water(self) -> np.ndarray:
        """Cells of open water (river and lakes): impassable except where a road bridges."""
        return self.landcover == CODE["water"]

    def road_codes(self, grid: AnalysisGrid | None = None) -> np.ndarray:
        """Road class codes on ``grid`` (default the region's): 0 none, then ROAD_CLASSES order
        from 1; the best class wins where roads share a cell. The same burning as the io
        layer's, without GDAL, for core code, tests and benches."""
        grid = grid or self.grid
        codes = np.zeros(grid.shape, np.int32)
        roads = self.layer("roads")
        for line, name in zip(roads.geometries, roads.column("road_class")):
            code = ROAD_CLASSES.index(name) + 1
            pts = densify(line, grid.cell_size / 4)
            r, c = grid.cell_of(pts[:, 0], pts[:, 1])
            ok = grid.contains(r, c)
            cur = codes[r[ok], c[ok]]
            codes[r[ok], c[ok]] = np.where((cur == 0) | (cur > code), code, cur)
        return codes

    def layer(self, name: str) -> VectorLayerData:
        if name not in self.layers:
            raise InputError(f"The sample region has no layer '{name}'; it has {LAYER_NAMES}.")
        return self.layers[name]


# ---------------------------------------------------------------------------------------
# Grids and rasters


def sample_grid(cell_size: float = 100.0) -> AnalysisGrid:
    """The analysis grid of the sample: the 150 km × 100 km frame at ``cell_size`` metres."""
    check_cell_size(cell_size)
    xmin, ymin, xmax, ymax = FRAME
    cols = int(np.ceil((xmax - xmin) / cell_size - 1e-9))
    rows = int(np.ceil((ymax - ymin) / cell_size - 1e-9))
    return AnalysisGrid(
        SAMPLE_CRS_WKT, (xmin, float(cell_size), 0.0, ymax, 0.0, -float(cell_size)), (rows, cols)
    )


def check_cell_size(cell_size: float) -> None:
    if not np.isfinite(cell_size) or not MIN_CELL_SIZE <= cell_size <= MAX_CELL_SIZE:
        raise InputError(
            f"Cell size {cell_size:g} m is out of range: use {MIN_CELL_SIZE:g} to "
            f"{MAX_CELL_SIZE:g} metres (100 m is the sample's native resolution)."
        )


def population_raster(
    grid: AnalysisGrid,
    x: np.ndarray,
    y: np.ndarray,
    people: np.ndarray,
    inside: np.ndarray,
    nodata: float = POPULATION_NODATA,
) -> np.ndarray:
    """Bin whole people at points onto a grid: float32 people per cell.

    Cells outside the area (``inside`` False) and without people hold ``nodata``; a cell
    outside that receives people is kept, so no one is lost. Every point must fall on the
    grid, otherwise InputError.
    """
    row, col = grid.cell_of(x, y)
    on = grid.contains(row, col)
    people = np.asarray(people)
    if not np.all(on | (people == 0)):
        raise InputError(
            f"{int((~on & (people != 0)).sum())} population points lie outside the grid; "
            "use a grid that covers the whole area."
        )
    flat = row[on] * grid.cols + col[on]
    counts = np.bincount(
        flat, weights=people[on].astype(np.float64), minlength=grid.rows * grid.cols
    )
    counts = counts.reshape(grid.shape)
    out = counts.astype(np.float32)
    out[~(inside | (counts > 0))] = nodata
    return out


# ---------------------------------------------------------------------------------------
# Generation


def generate_sample_region(
    seed: int = 1,
    cell_size: float = 100.0,
    townships: int = 5,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SampleRegion:
    """Generate the sample county. Same arguments → identical outputs."""
    check_cell_size(cell_size)
    if not 4 <= townships <= len(TOWNSHIP_NAMES):
        raise InputError(f"The sample has 4 to {len(TOWNSHIP_NAMES)} townships, not {townships}.")
    seed = int(seed)
    if seed < 0:
        raise InputError(f"The seed must be a whole number ≥ 0, not {seed}.")
    names = ("shape", "river", "noise", "places", "roads", "people", "services", "lakes")
    streams = np.random.SeedSequence(seed).spawn(len(names))
    world = County({n: np.random.default_rng(s) for n, s in zip(names, streams)}, townships)

    steps: list[tuple[float, Callable[[County], None]]] = [
        (5, lay_out_districts),
        (10, add_river_and_lakes),
        (15, add_noise_fields),
        (25, add_villages),
        (45, build_roads),
        (60, add_households),
    ]
    for pct, step in steps:
        if cancel is not None and cancel():
            raise Cancelled("Sample region generation was cancelled.")
        step(world)
        if progress is not None:
            progress(pct)

    points = population_points(world)
    grid = sample_grid(cell_size)
    county_mask = rasterize_polygon(world.geo.county, grid)
    if cancel is not None and cancel():
        raise Cancelled("Sample region generation was cancelled.")
    summer = population_raster(grid, points.x, points.y, points.summer, county_mask)
    winter = population_raster(grid, points.x, points.y, points.winter, county_mask)
    if progress is not None:
        progress(70)
    landcover = landcover_raster(world, grid)
    if progress is not None:
        progress(90)
    layers = build_layers(world, points)
    if progress is not None:
        progress(100)
    return SampleRegion(
        seed=seed,
        cell_size=float(cell_size),
        grid=grid,
        county_mask=county_mask,
        population_summer=summer,
        population_winter=winter,
        landcover=landcover,
        points=points,
        layers=MappingProxyType(layers),
        county_ring=world.geo.county,
    )
