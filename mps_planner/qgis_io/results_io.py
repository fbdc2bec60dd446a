"""Results of the panel's heavier tasks into the planner's GeoPackage (replacing the last).

``write_proposed_stops`` writes a point layer of proposed sites (with the people each
adds), ``write_routes`` a line layer of vehicle-day routes (with their times),
``write_timetable`` a table of the drivers' rows, and ``write_difference`` a raster of who
gains or loses between two scenarios; each returns the QGIS source string of what it wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
from osgeo import ogr, osr

from ..core.grid import AnalysisGrid
from ..core.live_session import SiteRequest
from ..core.planning_jobs import PlannedRoute
from .raster_io import write_raster

ogr.UseExceptions()


def _layer(gpkg: Path, name: str, crs_wkt: str, kind: int, fields):
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.Open(str(gpkg), 1) if gpkg.exists() else driver.CreateDataSource(str(gpkg))
    if ds.GetLayerByName(name) is not None:
        ds.DeleteLayer(name)
    srs = None
    options = ["FID=fid"]
    if kind != ogr.wkbNone:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(crs_wkt)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        options.append("GEOMETRY_NAME=geom")
    layer = ds.CreateLayer(name, srs, kind, options=options)
    for fname, ftype in fields:
        layer.CreateField(ogr.FieldDefn(fname, ftype))
    return ds, layer


def write_proposed_stops(
    gpkg: str | Path,
    name: str,
    sites: list[SiteRequest],
    crs_wkt: str,
    added_people: Sequence[float] | None = None,
) -> str:
    """Points in rank order; ``added_people``: the people each site adds to those before."""
    gpkg = Path(gpkg)
    fields = (
        ("rank", ogr.OFTInteger),
        ("key", ogr.OFTString),
        ("name", ogr.OFTString),
        ("people_added", ogr.OFTReal),
    )
    added = list(added_people or [])
    ds, layer = _layer(gpkg, name, crs_wkt, ogr.wkbPoint, fields)
    try:
        layer.StartTransaction()
        for rank, site in enumerate(sites, start=1):
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("rank", rank)
            feature.SetField("key", site.key)
            feature.SetField("name", site.name or site.key)
            if rank <= len(added):
                feature.SetField("people_added", float(added[rank - 1]))
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(float(site.x), float(site.y))
            feature.SetGeometry(point)
            layer.CreateFeature(feature)
        layer.CommitTransaction()
    finally:
        del layer, ds  # closes the GeoPackage
    return f"{gpkg}|layername={name}"


ROUTE_TIMES = (
    ("driving_min", ogr.OFTReal),
    ("km", ogr.OFTReal),
    ("weekday", ogr.OFTString),
    ("start", ogr.OFTString),
    ("end", ogr.OFTString),
    ("arrivals", ogr.OFTString),
)


def write_routes(gpkg: str | Path, name: str, routes: list[PlannedRoute], crs_wkt: str) -> str:
    gpkg = Path(gpkg)
    fields = (
        ("vehicle", ogr.OFTString),
        ("day", ogr.OFTInteger),
        ("stops", ogr.OFTString),
        ("minutes", ogr.OFTReal),
    )
    ds, layer = _layer(gpkg, name, crs_wkt, ogr.wkbLineString, fields + ROUTE_TIMES)
    try:
        layer.StartTransaction()
        for route in routes:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("vehicle", route.vehicle)
            feature.SetField("day", int(route.day))
            feature.SetField("stops", ", ".join(route.stop_keys))
            feature.SetField("minutes", float(route.minutes))
            for field, value in (
                ("driving_min", route.driving_minutes),
                ("km", route.km),
            ):
                if np.isfinite(value):
                    feature.SetField(field, float(value))
            feature.SetField("weekday", route.weekday)
            feature.SetField("start", route.start)
            feature.SetField("end", route.end)
            feature.SetField("arrivals", ", ".join(route.arrivals))
            line = ogr.Geometry(ogr.wkbLineString)
            for x, y in np.asarray(route.line, dtype=float).reshape(-1, 2):
                line.AddPoint_2D(float(x), float(y))
            feature.SetGeometry(line)
            layer.CreateFeature(feature)
        layer.CommitTransaction()
    finally:
        del layer, ds  # closes the GeoPackage
    return f"{gpkg}|layername={name}"


def write_timetable(gpkg: str | Path, name: str, rows: Sequence, crs_wkt: str = "") -> str:
    """The drivers' timetable (``core.routing.DriverRow``s) as a table without geometry:
    one row per leaving, stop and return, days counted from 1."""
    gpkg = Path(gpkg)
    fields = (
        ("vehicle", ogr.OFTString),
        ("day", ogr.OFTInteger),
        ("weekday", ogr.OFTString),
        ("seq", ogr.OFTInteger),
        ("kind", ogr.OFTString),
        ("place", ogr.OFTString),
        ("arrival", ogr.OFTString),
        ("departure", ogr.OFTString),
        ("drive_min", ogr.OFTReal),
    )
    ds, layer = _layer(gpkg, name, crs_wkt, ogr.wkbNone, fields)
    try:
        layer.StartTransaction()
        for row in rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("vehicle", row.vehicle_name)
            feature.SetField("day", int(row.day) + 1)
            feature.SetField("weekday", row.weekday)
            feature.SetField("seq", int(row.sequence))
            feature.SetField("kind", row.kind)
            feature.SetField("place", row.place)
            feature.SetField("arrival", row.arrival)
            feature.SetField("departure", row.departure)
            feature.SetField("drive_min", float(row.drive_minutes))
            layer.CreateFeature(feature)
        layer.CommitTransaction()
    finally:
        del layer, ds  # closes the GeoPackage
    return f"{gpkg}|layername={name}"


def write_difference(path: str | Path, values: np.ndarray, grid: AnalysisGrid) -> str:
    """Signed people per cell (gain > 0, loss < 0) as a Float32 GeoTIFF; 0 is no change."""
    return write_raster(path, np.asarray(values, dtype=np.float32), grid)


def write_difference_area(path: str | Path, codes: np.ndarray, grid: AnalysisGrid) -> str:
    """Where coverage changes (Byte: 1 gained, 2 lost; NoData 0) as a GeoTIFF."""
    return write_raster(path, np.asarray(codes, dtype=np.uint8), grid, nodata=0)
