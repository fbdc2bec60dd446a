"""Population rasters (WorldPop, GHSL, HRSL, … in any CRS) onto the analysis grid.

``population_on_grid`` reads one raster (or one per season), picks the destination grid — the
UTM zone of the study area unless a CRS or a ready grid is given, cells snapped to round
coordinates — clips to an optional study-area polygon and moves the people with the core's
count-preserving regridding, reading the source in row blocks. The grid's size is checked
against the available memory before anything is allocated.

Coordinates are transformed with pyproj when it works here (fast), otherwise with GDAL's osr.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Callable

import numpy as np
from osgeo import gdal, ogr, osr

from ..core.errors import InputError
from ..core.grid import AnalysisGrid
from ..core.population import (
    NODATA,
    Population,
    RegridReport,
    SourceGrid,
    Transform,
    check_grid_size,
    regrid_counts,
)
from .raster_io import open_raster, write_raster
from .zones_io import Polygons, PolygonSource, read_polygons, spatial_reference, study_area_mask

gdal.UseExceptions()
ogr.UseExceptions()

DEFAULT_CELL_SIZE_M = 100.0
DEFAULT_LAYER = "population"
_WGS84 = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]'  # noqa: E501
_FOOTPRINT_POINTS = 64  # points per side when tracing a raster's outline into another CRS


@dataclass
class PopulationSource:
    """An opened population raster band: its grid, NoData and a row reader."""

    path: str
    grid: SourceGrid
    nodata: float | None
    dataset: gdal.Dataset
    band: int

    def reader(self, col0: int, row0: int, cols: int) -> Callable[[int, int], np.ndarray]:
        """Rows [r0, r1) of the window starting at (col0, row0), as float64 with NaN = NoData."""
        band = self.dataset.GetRasterBand(self.band)
        scale = band.GetScale() or 1.0
        offset = band.GetOffset() or 0.0

        def read(r0: int, r1: int) -> np.ndarray:
            raw = band.ReadAsArray(col0, row0 + r0, cols, r1 - r0)
            values = raw.astype(np.float64)
            if self.nodata is not None and not math.isnan(self.nodata):
                values[raw == self.nodata] = np.nan
            if scale != 1.0 or offset != 0.0:
                values = values * scale + offset
            return values

        return read


@dataclass
class PopulationOnGrid:
    """The result: people on the grid, one report per layer, and how the CRS was chosen."""

    population: Population
    reports: dict[str, RegridReport]
    crs_chosen_automatically: bool

    @property
    def grid(self) -> AnalysisGrid:
        return self.population.grid

    @property
    def report(self) -> RegridReport:
        """The report of the only layer."""
        if len(self.reports) != 1:
            raise KeyError(f"several layers {tuple(self.reports)}; use reports[name]")
        return next(iter(self.reports.values()))


def open_population(
    path: str | os.PathLike, band: int = 1, crs_wkt: str | None = None
) -> PopulationSource:
    """Open a population raster band, refusing what cannot be georeferenced.

    ``crs_wkt`` is used only when the file itself has no CRS (e.g. one set on the QGIS layer).
    """
    ds = open_raster(path)
    if band < 1 or band > ds.RasterCount:
        raise InputError(f"Raster '{path}' has {ds.RasterCount} band(s); band {band} was asked.")
    crs = ds.GetProjection() or crs_wkt or ""
    if not crs:
        raise InputError(
            f"The population raster '{path}' has no coordinate reference system. Assign one "
            "(Raster ▸ Projections ▸ Assign Projection; WorldPop is EPSG:4326) and run again."
        )
    grid = SourceGrid(crs, tuple(ds.GetGeoTransform()), (ds.RasterYSize, ds.RasterXSize))
    nodata = ds.GetRasterBand(band).GetNoDataValue()
    return PopulationSource(str(path), grid, nodata, ds, band)


def utm_epsg(lon: float, lat: float) -> int:
    """EPSG code of the WGS 84 UTM zone containing (lon, lat): 326zz north, 327zz south."""
    zone = math.floor((lon + 180.0) / 6.0) % 60 + 1
    return (32600 if lat >= 0 else 32700) + zone


def target_crs(crs: str) -> osr.SpatialReference:
    """The user's CRS for the analysis grid, which must be projected and in metres."""
    srs = spatial_reference(crs)
    name = srs.GetName() or crs[:40]
    if srs.IsGeographic():
        raise InputError(
            f"The chosen CRS '{name}' is in degrees. The analysis grid needs a projected CRS in "
            "metres: choose one (e.g. the UTM zone of the study area) or leave the CRS empty to "
            "pick the UTM zone automatically."
        )
    if not srs.IsProjected():
        raise InputError(f"The chosen CRS '{name}' is not a projected CRS in metres.")
    if abs(srs.GetLinearUnits() - 1.0) > 1e-9:
        raise InputError(
            f"The chosen CRS '{name}' measures in {srs.GetLinearUnitsName()}, not metres. "
            "Choose a CRS in metres (e.g. a UTM zone) or leave it empty."
        )
    return srs


def coordinate_transforms(source_wkt: str, target_wkt: str) -> tuple[Transform, Transform]:
    """(forward, inverse) callables on numpy arrays, x = easting/longitude."""
    try:
        return _pyproj_transforms(source_wkt, target_wkt)
    except Exception:  # pyproj missing or without its data: GDAL's osr always works
        return _osr_transforms(source_wkt, target_wkt)


def _pyproj_transforms(source_wkt: str, target_wkt: str) -> tuple[Transform, Transform]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyproj
        from pyproj.exceptions import DataDirError

        try:
            pyproj.datadir.get_data_dir()
        except DataDirError:
            # same PROJ database GDAL uses (e.g. pyproj inside a venv over the system)
            for path in osr.GetPROJSearchPaths() or []:
                if os.path.exists(os.path.join(path, "proj.db")):
                    pyproj.datadir.set_data_dir(path)
                    break
    src = pyproj.CRS.from_wkt(source_wkt)
    dst = pyproj.CRS.from_wkt(target_wkt)
    fwd = pyproj.Transformer.from_crs(src, dst, always_xy=True)
    inv = pyproj.Transformer.from_crs(dst, src, always_xy=True)

    def forward(x, y):
        return fwd.transform(np.asarray(x, float), np.asarray(y, float), errcheck=False)

    def inverse(x, y):
        return inv.transform(np.asarray(x, float), np.asarray(y, float), errcheck=False)

    forward(np.zeros(1), np.zeros(1))
    return forward, inverse


def _osr_transforms(source_wkt: str, target_wkt: str) -> tuple[Transform, Transform]:
    src, dst = spatial_reference(source_wkt), spatial_reference(target_wkt)
    fwd = osr.CoordinateTransformation(src, dst)
    inv = osr.CoordinateTransformation(dst, src)

    def apply(ct: osr.CoordinateTransformation):
        def transform(x, y):
            x = np.asarray(x, float)
            pts = np.column_stack([x.ravel(), np.asarray(y, float).ravel()])
            if pts.size == 0:
                return x.copy(), x.copy()
            out = np.asarray(ct.TransformPoints(pts), dtype=float)
            return out[:, 0].reshape(x.shape), out[:, 1].reshape(x.shape)

        return transform

    return apply(fwd), apply(inv)


def _outline(extent: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Closed ring of points along the edges of an extent (xmin, ymin, xmax, ymax)."""
    xmin, ymin, xmax, ymax = extent
    t = np.linspace(0.0, 1.0, _FOOTPRINT_POINTS, endpoint=False)
    xs = np.concatenate(
        [
            xmin + t * (xmax - xmin),
            np.full_like(t, xmax),
            xmax - t * (xmax - xmin),
            np.full_like(t, xmin),
        ]
    )
    ys = np.concatenate(
        [
            np.full_like(t, ymax),
            ymax - t * (ymax - ymin),
            np.full_like(t, ymin),
            ymin + t * (ymax - ymin),
        ]
    )
    return np.append(xs, xs[0]), np.append(ys, ys[0])


def _footprint(extent, transform: Transform | None, srs: osr.SpatialReference) -> ogr.Geometry:
    """The outline of an extent moved by ``transform``, as a polygon (non-finite points dropped)."""
    xs, ys = _outline(extent)
    if transform is not None:
        xs, ys = transform(xs, ys)
    keep = np.isfinite(xs) & np.isfinite(ys)
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in zip(xs[keep], ys[keep]):
        ring.AddPoint_2D(float(x), float(y))
    polygon = ogr.Geometry(ogr.wkbPolygon)
    if ring.GetPointCount() >= 4:
        ring.CloseRings()
        polygon.AddGeometry(ring)
    polygon.AssignSpatialReference(srs)
    return polygon


def snapped_grid(
    extent: tuple[float, float, float, float], crs_wkt: str, cell_size: float
) -> AnalysisGrid:
    """The grid of ``cell_size`` cells covering the extent, corners on multiples of the size."""
    xmin, ymin, xmax, ymax = extent
    x0 = math.floor(xmin / cell_size) * cell_size
    y0 = math.ceil(ymax / cell_size) * cell_size
    cols = max(1, math.ceil((xmax - x0) / cell_size - 1e-9))
    rows = max(1, math.ceil((y0 - ymin) / cell_size - 1e-9))
    return AnalysisGrid(crs_wkt, (x0, cell_size, 0.0, y0, 0.0, -cell_size), (rows, cols))


def available_memory_bytes() -> int:
    """Memory the plugin may use for one grid: half of what the system has available."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024 // 2
    except OSError:
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 4
    except (ValueError, OSError, AttributeError):
        return 4 * 1024**3


def _centre_lonlat(extent, srs: osr.SpatialReference) -> tuple[float, float]:
    xmin, ymin, xmax, ymax = extent
    forward, _ = coordinate_transforms(srs.ExportToWkt(), _WGS84)
    lon, lat = forward(np.array([(xmin + xmax) / 2]), np.array([(ymin + ymax) / 2]))
    if not (np.isfinite(lon[0]) and np.isfinite(lat[0])):
        raise InputError("Cannot find the longitude/latitude of the study area's centre.")
    return float(lon[0]), float(lat[0])


def _source_window(source: PopulationSource, grid: AnalysisGrid, inverse: Transform | None):
    """(col0, row0, cols, rows) of the source cells that can reach the grid, or None."""
    xs, ys = _outline(grid.extent)
    if inverse is not None:
        xs, ys = inverse(xs, ys)
    keep = np.isfinite(xs) & np.isfinite(ys)
    if not keep.any():
        return None
    sx0, sw, _, sy0, _, sh = source.grid.geotransform
    cols = (xs[keep] - sx0) / sw
    rows = (ys[keep] - sy0) / sh
    c0 = max(0, math.floor(cols.min()) - 1)
    c1 = min(source.grid.cols, math.floor(cols.max()) + 2)
    r0 = max(0, math.floor(rows.min()) - 1)
    r1 = min(source.grid.rows, math.floor(rows.max()) + 2)
    if c0 >= c1 or r0 >= r1:
        return None
    return c0, r0, c1 - c0, r1 - r0


def population_on_grid(
    source: str | os.PathLike | Mapping[str, str | os.PathLike],
    *,
    band: int = 1,
    raster_crs: str | None = None,
    study_area: PolygonSource | None = None,
    study_area_crs: str | None = None,
    crs: str | None = None,
    cell_size: float = DEFAULT_CELL_SIZE_M,
    grid: AnalysisGrid | None = None,
    memory_limit_bytes: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PopulationOnGrid:
    """Read population raster(s) and move them onto the analysis grid, counting every person.

    ``source``: one raster, or {layer name: raster} (e.g. summer/winter), all regridded onto
    the grid of the first. ``crs``: the grid's CRS (anything GDAL reads: 'EPSG:32650', WKT);
    None = the UTM zone of the study area's (else the raster's) centre. ``grid``: use this
    grid as it is (``crs`` and ``cell_size`` are then ignored). ``study_area``: polygons
    (QGIS layer, feature source, file, OGR layer or geometry); cells whose centre lies outside
    are not valid and hold no people. ``study_area_crs`` only for a study area without a CRS,
    ``raster_crs`` only for rasters without one.
    """
    paths = {DEFAULT_LAYER: source} if isinstance(source, (str, os.PathLike)) else dict(source)
    if not paths:
        raise InputError("No population raster was given.")
    if grid is None and not (cell_size > 0 and math.isfinite(cell_size)):
        raise InputError(f"The cell size must be a positive number of metres, got {cell_size}.")
    sources = {name: open_population(path, band, raster_crs) for name, path in paths.items()}
    first = next(iter(sources.values()))
    source_srs = spatial_reference(first.grid.crs_wkt)

    chosen_automatically = False
    if grid is not None:
        dst_srs = spatial_reference(grid.crs_wkt)
    elif crs:
        dst_srs = target_crs(crs)
    else:
        dst_srs = None
    area = None
    if study_area is not None:
        area = read_polygons(
            study_area,
            (dst_srs or source_srs).ExportToWkt(),
            source_crs_wkt=study_area_crs,
            what="study area",
        )
    if dst_srs is None:
        centre_extent = area.envelope() if area is not None else first.grid.extent
        centre_srs = spatial_reference(area.crs_wkt) if area is not None else source_srs
        epsg = utm_epsg(*_centre_lonlat(centre_extent, centre_srs))
        dst_srs = spatial_reference(f"EPSG:{epsg}")
        chosen_automatically = True
        if area is not None:
            area = _reproject(area, dst_srs)
    dst_wkt = dst_srs.ExportToWkt()
    same_crs = source_srs.IsSame(dst_srs)
    forward, inverse = (
        (None, None) if same_crs else coordinate_transforms(first.grid.crs_wkt, dst_wkt)
    )

    if grid is None:
        extent_geom = _footprint(first.grid.extent, forward, dst_srs)
        if not extent_geom.IsEmpty() and not extent_geom.IsValid():
            extent_geom = extent_geom.MakeValid()
        if extent_geom is None or extent_geom.IsEmpty() or extent_geom.GetArea() <= 0:
            raise InputError(
                "The population raster cannot be shown in the chosen CRS (its outline does not "
                "transform). Choose a CRS that covers the raster, or clip the raster first."
            )
        if area is not None:
            extent_geom = extent_geom.Intersection(area.union())
            if extent_geom is None or extent_geom.IsEmpty() or extent_geom.GetArea() <= 0:
                raise InputError(
                    "The study area does not overlap the population raster. Check that both "
                    "cover the same region (and that the study area's CRS is set correctly)."
                )
        minx, maxx, miny, maxy = extent_geom.GetEnvelope()
        grid = snapped_grid((minx, miny, maxx, maxy), dst_wkt, float(cell_size))
    limit = memory_limit_bytes if memory_limit_bytes is not None else available_memory_bytes()
    check_grid_size(grid.shape, grid.cell_size, limit, n_layers=len(sources))

    mask = None
    if area is not None:
        mask = study_area_mask(area, grid)
        if not mask.any():
            raise InputError(
                "No cell centre of the grid lies inside the study area; use a smaller cell size "
                "or a larger study area."
            )

    layers: dict[str, np.ndarray] = {}
    reports: dict[str, RegridReport] = {}
    valid = np.zeros(grid.shape, dtype=bool)
    for index, (name, src) in enumerate(sources.items()):
        src_srs = spatial_reference(src.grid.crs_wkt)
        if src_srs.IsSame(dst_srs):
            fwd = inv = None
        elif src_srs.IsSame(source_srs):
            fwd, inv = forward, inverse
        else:
            fwd, inv = coordinate_transforms(src.grid.crs_wkt, dst_wkt)
        window = _source_window(src, grid, inv)
        if window is None:
            raise InputError(
                f"The population raster '{src.path}' does not overlap the analysis grid"
                + (" (the study area)." if area is not None else ".")
            )
        c0, r0, ncols, nrows = window
        window_grid = src.grid.window(r0, r0 + nrows, c0, c0 + ncols)

        def layer_progress(p: float, index: int = index) -> None:
            if progress is not None:
                progress((index + p / 100.0) * 100.0 / len(sources))

        people, layer_valid, report = regrid_counts(
            src.reader(c0, r0, ncols),
            window_grid,
            grid,
            fwd,
            inv,
            nodata=None,  # the reader already turned NoData into NaN (scale/offset applied)
            mask=mask,
            progress=layer_progress,
            cancel=cancel,
        )
        if not layer_valid.any():
            raise InputError(
                f"The population raster '{src.path}' holds only NoData"
                + (" inside the study area." if area is not None else ".")
                + " Check the band and the NoData value."
            )
        layers[name] = people
        reports[name] = report
        valid |= layer_valid
    return PopulationOnGrid(Population(grid, layers, valid), reports, chosen_automatically)


def _reproject(polygons: Polygons, srs: osr.SpatialReference) -> Polygons:
    transform = osr.CoordinateTransformation(spatial_reference(polygons.crs_wkt), srs)
    geometries = []
    for geom in polygons.geometries:
        geom = geom.Clone()
        try:
            geom.Transform(transform)
        except RuntimeError as exc:
            raise InputError(
                f"The study area cannot be transformed to {srs.GetName()}: {exc}. Choose a CRS "
                "for the grid that covers the study area."
            ) from exc
        geom.AssignSpatialReference(srs)
        geometries.append(geom)
    return Polygons(polygons.names, geometries, srs.ExportToWkt())


def write_population(
    path: str | os.PathLike, population: Population, layer: str | None = None
) -> str:
    """Write one layer as a Float64 raster, NoData −99999 on cells that are not valid."""
    values = np.where(population.valid, population.layer(layer), NODATA)
    return write_raster(path, values, population.grid, nodata=NODATA, table=layer)
