"""The planner's GeoPackage: stops and candidate facilities, beside the project.

The panel writes every stop the user places into a point layer of one GeoPackage
(``<project>_mps_planner.gpkg`` beside the ``.qgz``; for a project not saved yet, a folder
of QGIS's settings directory, so nothing is lost on a crash). Scenarios and the results of
the heavier tasks go into the same file (``scenario_io``, ``results_io``).

Each stop has a ``stop_id`` (a UUID) that stays the same through undo and redo, while
feature ids may change when a deleted stop is restored.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from osgeo import ogr, osr

from ..core.errors import InputError

ogr.UseExceptions()
osr.UseExceptions()

STOPS_LAYER = "mps_stops"
GPKG_SUFFIX = "_mps_planner.gpkg"
ROLES = ("mobile_stop", "candidate")
# name, OGR type, width
STOP_FIELDS = (
    ("stop_id", ogr.OFTString, 36),
    ("name", ogr.OFTString, 80),
    ("role", ogr.OFTString, 16),
    ("service", ogr.OFTString, 16),
    ("visit_every_days", ogr.OFTReal, 0),
    ("capacity", ogr.OFTReal, 0),
    ("notes", ogr.OFTString, 0),
)


def new_stop_id() -> str:
    return str(uuid.uuid4())


def gpkg_beside(project_path: str | Path) -> Path:
    """``/data/county.qgz`` → ``/data/county_mps_planner.gpkg``."""
    path = Path(project_path)
    return path.with_name(path.stem + GPKG_SUFFIX)


def _srs(crs_wkt: str) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    try:
        srs.ImportFromWkt(crs_wkt)
    except RuntimeError as exc:
        raise InputError(f"The stops layer cannot be created in this CRS: {exc}") from exc
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def has_layer(gpkg: str | Path, name: str) -> bool:
    if not Path(gpkg).exists():
        return False
    ds = ogr.Open(str(gpkg))
    try:
        return ds is not None and ds.GetLayerByName(name) is not None
    finally:
        ds = None


def create_stops_layer(gpkg: str | Path, crs_wkt: str, name: str = STOPS_LAYER) -> str:
    """Create the stops layer in ``gpkg`` (the file too, if needed); return its QGIS source.

    An existing layer of that name is kept as it is.
    """
    gpkg = Path(gpkg)
    gpkg.parent.mkdir(parents=True, exist_ok=True)
    source = f"{gpkg}|layername={name}"
    if has_layer(gpkg, name):
        return source
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.Open(str(gpkg), 1) if gpkg.exists() else driver.CreateDataSource(str(gpkg))
    if ds is None:
        raise InputError(f"Cannot write the planner's GeoPackage '{gpkg}': check the folder.")
    try:
        layer = ds.CreateLayer(
            name, _srs(crs_wkt), ogr.wkbPoint, options=["FID=fid", "GEOMETRY_NAME=geom"]
        )
        for fname, ftype, width in STOP_FIELDS:
            defn = ogr.FieldDefn(fname, ftype)
            if width:
                defn.SetWidth(width)
            layer.CreateField(defn)
    finally:
        ds = None
    return source


def copy_gpkg(source: str | Path, target: str | Path) -> Path:
    """A consistent copy of a GeoPackage in use (SQLite's backup: the WAL is included)."""
    source, target = Path(source), Path(target)
    if target.exists():
        raise InputError(f"'{target}' exists already; move it away or choose another name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target
