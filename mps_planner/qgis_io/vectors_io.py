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
    cancel: Callable[[], bool] | None = None,
) -> PointSet:
    """Point features of a QGIS layer or Processing feature source, in the grid's CRS.

    Multi-points give their first point. Names come from ``name_field`` or a field called
    'name'; otherwise '<what> <feature id>'.
    """
    if source is None:
        raise InputError(f"No {what} layer was given.")
    geometry_type = QgsWkbTypes.geometryType(source.wkbType())
    if geometry_type != QgsWkbTypes.PointGeometry:
        raise InputError(f"The {what} layer must hold points, not lines or polygons.")
    name_field = _name_field(source, name_field)
    fields = list(fields)
    missing = [f for f in fields if f not in source.fields().names()]
    if missing:
        raise InputError(f"The {what} layer has no field(s) {', '.join(missing)}.")
    xs, ys, names, fids = [], [], [], []
    attributes: dict[str, list] = {f: [] for f in fields}
    skipped = 0
    for feature in source.getFeatures(_request(source, grid_crs(grid), context)):
        if cancel is not None and cancel():
            break
        geom = feature.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            skipped += 1
            continue
        if geom.isMultipart():
            parts = geom.asMultiPoint()
            if not parts:
                skipped += 1
                continue
            point = parts[0]
        else:
            point = geom.asPoint()
        xs.append(point.x())
        ys.append(point.y())
        label = feature[name_field] if name_field else None
        names.append(str(label) if label not in (None, "") else f"{what} {feature.id()}")
        fids.append(feature.id())
        for f in fields:
            attributes[f].append(feature[f])
    if not xs:
        raise InputError(
            f"The {what} layer has no usable points"
            + (f" ({skipped} feature(s) without geometry)" if skipped else "")
            + f". Add at least one {what}."
        )
    return PointSet(
        np.asarray(xs, dtype=np.float64),
        np.asarray(ys, dtype=np.float64),
        names,
        np.asarray(fids, dtype=np.int64),
        attributes,
        skipped,
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
