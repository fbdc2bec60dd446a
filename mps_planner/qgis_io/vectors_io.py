"""QGIS vector layers → core inputs: site points, and lines/polygons burnt onto the grid.

Features are always transformed to the analysis grid's CRS (never assumed to be in it).
Empty and invalid geometries are skipped (invalid polygons repaired) and counted, so the
caller can say how many were left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import numpy as np
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsWkbTypes,
)

from ..core.errors import InputError
from ..core.grid import AnalysisGrid
from .sites_io import point_attributes, read_sites

gdal.UseExceptions()
ogr.UseExceptions()


@dataclass
class PointSet:
    """Points in the grid's CRS with a name and feature id each."""

    x: np.ndarray
    y: np.ndarray
    names: list[str]
    fids: np.ndarray
    attributes: dict[str, list] = field(default_factory=dict)
    skipped: int = 0

    def __len__(self) -> int:
        return int(self.x.size)


def grid_crs(grid: AnalysisGrid) -> QgsCoordinateReferenceSystem:
    crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
    if not crs.isValid():
        raise InputError("The analysis grid has no valid coordinate reference system.")
    return crs


def _request(source, crs: QgsCoordinateReferenceSystem, context) -> QgsFeatureRequest:
    request = QgsFeatureRequest()
    transform_context = (
        context.transformContext()
        if context is not None
        else QgsProject.instance().transformContext() or QgsCoordinateTransformContext()
    )
    if source.sourceCrs().isValid():
        request.setDestinationCrs(crs, transform_context)
    return request


def _name_field(source, wanted: str | None) -> str | None:
    names = source.fields().names()
    if wanted:
        if wanted not in names:
            raise InputError(f"The layer has no field '{wanted}'; choose one of {names}.")
        return wanted
    for candidate in ("name", "Name", "NAME", "name_zh", "名称"):
        if candidate in names:
            return candidate
    return None


def read_points(
    source,
    grid: AnalysisGrid,
    name_field: str | None = None,
    fields: Iterable[str] = (),
    context=None,
    what: str = "site",
) -> PointSet:
    """Point features of a QGIS layer or Processing feature source, in the grid's CRS, with
    the values of ``fields`` (NULL → None).

    Reading is :func:`sites_io.read_sites` (multi-points give their first point; features
    without a usable point are skipped and counted). Names come from ``name_field`` or a
    field called 'name'.
    """
    if source is None:
        raise InputError(f"No {what} layer was given.")
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        raise InputError(f"The {what} layer must hold points, not lines or polygons.")
    fields = [f for f in fields if f]
    missing = [f for f in fields if f not in source.fields().names()]
    if missing:
        raise InputError(f"The {what} layer has no field(s) {', '.join(missing)}.")
    transform_context = (
        context.transformContext()
        if context is not None
        else QgsProject.instance().transformContext()
    )
    points = read_sites(
        source, grid_crs(grid), transform_context, _name_field(source, name_field), what
    )
    return PointSet(
        points.x.astype(np.float64),
        points.y.astype(np.float64),
        points.names,
        points.feature_ids,
        point_attributes(source, points, fields),
        points.skipped,
    )


@dataclass
class Burnt:
    """A raster burnt from vector features, and how many features were left out."""

    values: np.ndarray
    burnt: int
    skipped: int


def _ogr_layer(grid: AnalysisGrid, kind: int):
    srs = osr.SpatialReference()
    srs.ImportFromWkt(grid.crs_wkt)
    ds = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = ds.CreateLayer("burn", srs, kind)
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTInteger))
    return ds, layer


def burn_features(
    source,
    grid: AnalysisGrid,
    value_of: Callable[[object], int | None] | None = None,
    all_touched: bool = False,
    context=None,
    what: str = "layer",
    dtype=np.uint8,
) -> Burnt:
    """Burn the features (lines or polygons; points too) of a source onto the grid.

    ``value_of(feature)`` gives each feature's integer value (None = leave it out); features
    are burnt in ascending value order so the highest value wins where they overlap.
    Default: every feature burns 1. ``all_touched`` burns every cell a geometry touches —
    use it for barriers so that they are 4-connected and no diagonal step slips through.
    """
    if source is None:
        raise InputError(f"No {what} was given.")
    kind = QgsWkbTypes.geometryType(source.wkbType())
    ogr_kind = {
        QgsWkbTypes.LineGeometry: ogr.wkbMultiLineString,
        QgsWkbTypes.PolygonGeometry: ogr.wkbMultiPolygon,
        QgsWkbTypes.PointGeometry: ogr.wkbMultiPoint,
    }.get(kind)
    if ogr_kind is None:
        raise InputError(f"The {what} has no geometries that can be burnt onto a raster.")
    items: list[tuple[int, bytes]] = []
    skipped = 0
    for feature in source.getFeatures(_request(source, grid_crs(grid), context)):
        geom: QgsGeometry = feature.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            skipped += 1
            continue
        if kind == QgsWkbTypes.PolygonGeometry and not geom.isGeosValid():
            geom = geom.makeValid()
            if geom.isEmpty():
                skipped += 1
                continue
        value = 1 if value_of is None else value_of(feature)
        if value is None:
            skipped += 1
            continue
        items.append((int(value), bytes(geom.asWkb())))
    rows, cols = grid.shape
    mem = gdal.GetDriverByName("MEM").Create("", cols, rows, 1, gdal.GDT_Int32)
    mem.SetGeoTransform(grid.geotransform)
    mem.SetProjection(grid.crs_wkt)
    ds, layer = _ogr_layer(grid, ogr_kind)
    for value, wkb in sorted(items, key=lambda item: item[0]):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("value", value)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
        layer.CreateFeature(feature)
    options = ["ATTRIBUTE=value"]
    if all_touched:
        options.append("ALL_TOUCHED=TRUE")
    if items:
        gdal.RasterizeLayer(mem, [1], layer, options=options)
    values = mem.GetRasterBand(1).ReadAsArray().astype(dtype)
    del ds
    return Burnt(values, len(items), skipped)


def class_codes(
    values: Iterable[object], mapping: Mapping[str, int], default: int | None
) -> tuple[dict[str, int], list[str]]:
    """Map the distinct values of a class field to codes (case-insensitive); returns the
    lookup and the values that were not recognised (given ``default``, or left out)."""
    lookup = {str(k).strip().lower(): v for k, v in mapping.items()}
    result: dict[str, int] = {}
    unknown = []
    for value in values:
        key = "" if value is None else str(value).strip().lower()
        if key in lookup:
            result[key] = lookup[key]
        else:
            unknown.append("" if value is None else str(value))
            if default is not None:
                result[key] = default
    return result, sorted(set(unknown))
