"""Write the built-in sample region to disk, and open what was written as QGIS layers.

One GeoPackage holds every vector layer of ``core.sample_region.LAYER_SCHEMAS`` and the
raster tables ``population_summer``, ``population_winter`` and ``landcover`` (UTM 49N).
Beside it, the population of each season also goes to a GeoTIFF in EPSG:4326 on a
3-arc-second grid with NoData −99999 — the form WorldPop publishes — binned from the same
people points, so its total equals the UTM total exactly.

The GeoPackage is written under a temporary name and renamed when complete; the GeoTIFFs
are written atomically by ``raster_io``.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
from osgeo import gdal, ogr, osr

from ..core.errors import Cancelled, InputError
from ..core.grid import AnalysisGrid
from ..core.planar_geometry import densify, rasterize_polygon
from ..core.sample_region import (
    LAYER_NAMES,
    POPULATION_NODATA,
    SEASONS,
    SampleRegion,
    VectorLayerData,
    population_raster,
)
from .raster_io import write_raster

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

RASTER_TABLES = ("population_summer", "population_winter", "landcover")
GEOGRAPHIC_ARCSEC = 3.0  # WorldPop's resolution: 3″ ≈ 90 m at the equator

_GEOMETRY_TYPES = {
    "Point": ogr.wkbPoint,
    "LineString": ogr.wkbLineString,
    "Polygon": ogr.wkbPolygon,
}
_FIELD_TYPES = {"str": ogr.OFTString, "int": ogr.OFTInteger64, "float": ogr.OFTReal}


@dataclass(frozen=True)
class SampleRegionFiles:
    """What ``write_sample_region`` wrote.

    ``sources`` maps every layer and raster table name to a source string QGIS and GDAL
    open as they are: ``"<gpkg>|layername=<name>"`` for vector layers,
    ``"GPKG:<gpkg>:<table>"`` for raster tables. ``population_4326`` maps season → GeoTIFF.
    """

    gpkg: Path
    sources: dict[str, str] = field(default_factory=dict)
    population_4326: dict[str, Path] = field(default_factory=dict)

    def source(self, name: str) -> str:
        if name not in self.sources:
            raise InputError(f"The sample GeoPackage has no layer '{name}'.")
        return self.sources[name]


def geographic_paths(gpkg: str | os.PathLike) -> dict[str, Path]:
    """Where the EPSG:4326 population GeoTIFFs of a sample GeoPackage go (season → path)."""
    gpkg = Path(gpkg)
    return {s: gpkg.with_name(f"{gpkg.stem}_population_{s}_4326.tif") for s in SEASONS}


def _srs_from_epsg(epsg: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def geographic_population(
    region: SampleRegion, arcsec: float = GEOGRAPHIC_ARCSEC
) -> tuple[AnalysisGrid, dict[str, np.ndarray]]:
    """The population of each season on an EPSG:4326 grid of ``arcsec`` seconds.

    The grid covers the sample's whole frame, aligned to whole multiples of the cell size.
    Cells whose centre lies outside the county hold NoData −99999 unless people live there.
    """
    utm = _srs_from_epsg(region.crs_epsg)
    wgs84 = _srs_from_epsg(4326)
    to_lonlat = osr.CoordinateTransformation(utm, wgs84)
    xmin, ymin, xmax, ymax = region.grid.extent
    frame = densify(
        np.array([[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax], [xmin, ymin]]), 1000.0
    )
    corners = np.array(to_lonlat.TransformPoints(frame.tolist()))[:, :2]
    step = arcsec / 3600.0
    lon0 = np.floor(corners[:, 0].min() / step) * step
    lat1 = np.ceil(corners[:, 1].max() / step) * step
    cols = int(np.ceil((corners[:, 0].max() - lon0) / step))
    rows = int(np.ceil((lat1 - corners[:, 1].min()) / step))
    grid = AnalysisGrid(wgs84.ExportToWkt(), (lon0, step, 0.0, lat1, 0.0, -step), (rows, cols))

    ring = densify(region.county_ring, 200.0)
    ring_ll = np.array(to_lonlat.TransformPoints(ring.tolist()))[:, :2]
    inside = rasterize_polygon(ring_ll, grid)
    pts = region.points
    lonlat = np.array(to_lonlat.TransformPoints(np.column_stack([pts.x, pts.y]).tolist()))
    arrays = {
        season: population_raster(
            grid, lonlat[:, 0], lonlat[:, 1], pts.people(season), inside, POPULATION_NODATA
        )
        for season in SEASONS
    }
    return grid, arrays


def write_sample_region(
    region: SampleRegion,
    path: str | os.PathLike,
    *,
    geographic_arcsec: float = GEOGRAPHIC_ARCSEC,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SampleRegionFiles:
    """Write the region to ``path`` (a .gpkg) and the 4326 population GeoTIFFs beside it."""
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        raise InputError(
            f"The sample region is written to a GeoPackage (.gpkg), not '{path.name}'."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.partial.gpkg")

    def check_cancel():
        if cancel is not None and cancel():
            raise Cancelled("Writing the sample region was cancelled.")

    try:
        _write_vectors(region, tmp, check_cancel)
        if progress:
            progress(40)
        for name in RASTER_TABLES:
            check_cancel()
            if name == "landcover":
                write_raster(tmp, region.landcover, region.grid, None, table=name)
            else:
                season = name.split("_")[1]
                write_raster(tmp, region.population(season), region.grid, region.nodata, table=name)
        if progress:
            progress(70)
        check_cancel()
        grid, arrays = geographic_population(region, geographic_arcsec)
        tifs = geographic_paths(path)
        for season in SEASONS:
            write_raster(tifs[season], arrays[season], grid, POPULATION_NODATA)
        check_cancel()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
    if progress:
        progress(100)
    sources = {name: f"{path}|layername={name}" for name in LAYER_NAMES}
    sources.update({name: f"GPKG:{path}:{name}" for name in RASTER_TABLES})
    return SampleRegionFiles(path, sources, tifs)


def _write_vectors(region: SampleRegion, path: Path, check_cancel: Callable[[], None]) -> None:
    srs = _srs_from_epsg(region.crs_epsg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    try:
        for name in LAYER_NAMES:
            check_cancel()
            _write_layer(ds, region.layer(name), srs)
    finally:
        ds = None


def _write_layer(ds, data: VectorLayerData, srs) -> None:
    layer = ds.CreateLayer(
        data.name,
        srs,
        _GEOMETRY_TYPES[data.geometry_type],
        options=["FID=fid", "GEOMETRY_NAME=geom"],
    )
    for fname, ftype in data.fields:
        layer.CreateField(ogr.FieldDefn(fname, _FIELD_TYPES[ftype]))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for geom, attrs in zip(data.geometries, data.attributes):
        feature = ogr.Feature(defn)
        for i, value in enumerate(attrs):
            feature.SetField(i, value)
        feature.SetGeometryDirectly(_geometry(data.geometry_type, geom))
        layer.CreateFeature(feature)
    layer.CommitTransaction()


def _geometry(kind: str, coords: np.ndarray) -> ogr.Geometry:
    if kind == "Point":
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(float(coords[0]), float(coords[1]))
        return g
    line = ogr.Geometry(ogr.wkbLineString if kind == "LineString" else ogr.wkbLinearRing)
    for x, y in coords:
        line.AddPoint_2D(float(x), float(y))
    if kind == "LineString":
        return line
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometryDirectly(line)
    return polygon


def open_sample_layers(files: SampleRegionFiles, names: tuple[str, ...] | None = None) -> dict:
    """QGIS layers (not yet in a project) for the written sample, by name; all when None.

    Raises InputError if a layer does not open (a missing or damaged GeoPackage).
    """
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    out = {}
    for name in names or (*LAYER_NAMES, *RASTER_TABLES):
        source = files.source(name)
        if name in RASTER_TABLES:
            layer = QgsRasterLayer(source, name, "gdal")
        else:
            layer = QgsVectorLayer(source, name, "ogr")
        if not layer.isValid():
            raise InputError(f"Could not open '{name}' from {files.gpkg}; write the sample again.")
        out[name] = layer
    return out
