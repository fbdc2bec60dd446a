"""Polygons (study areas, districts) onto a raster grid, with GDAL.

Polygons come from a QGIS layer or feature source, a vector file, an OGR layer or a single
OGR geometry, in any CRS; they are transformed to the grid's CRS (never assumed to be in it),
repaired when invalid, and burnt with ``gdal.RasterizeLayer``:

* ``rasterize_zones`` — cell-centre rule: a cell belongs to the polygon containing its centre;
* ``rasterize_zone_fractions`` — the share of each cell's area in each polygon, from a raster
  burnt ``factor`` × finer (shares are then exact to 1/factor² of a cell);
* ``study_area_mask`` — True on cells whose centre lies in the study area.

The grid is anything with ``crs_wkt``, ``geotransform`` and ``shape``: an ``AnalysisGrid``, or
the ``SourceGrid`` of a raster in degrees.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol, Union

import numpy as np
from osgeo import gdal, ogr, osr

from ..core.errors import InputError
from ..core.zone_sums import NO_ZONE, ZoneFractions, ZoneRaster

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

FINE_CELLS_PER_BLOCK = 1 << 22  # supersampled cells burnt at once for zone fractions


class GridLike(Protocol):
    crs_wkt: str
    geotransform: tuple[float, float, float, float, float, float]
    shape: tuple[int, int]


PolygonSource = Union[str, os.PathLike, ogr.Layer, ogr.Geometry, Any]


@dataclass
class Polygons:
    """Polygons in one CRS, with a name each."""

    names: list[str]
    geometries: list[ogr.Geometry]
    crs_wkt: str

    def union(self) -> ogr.Geometry:
        parts = ogr.Geometry(ogr.wkbMultiPolygon)
        for geom in self.geometries:
            if ogr.GT_Flatten(geom.GetGeometryType()) == ogr.wkbPolygon:
                parts.AddGeometry(geom)
            else:
                for i in range(geom.GetGeometryCount()):
                    parts.AddGeometry(geom.GetGeometryRef(i))
        result = parts.UnionCascaded()
        result.AssignSpatialReference(self.geometries[0].GetSpatialReference())
        return result

    def envelope(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax)."""
        boxes = np.array([g.GetEnvelope() for g in self.geometries])  # minx, maxx, miny, maxy
        return (boxes[:, 0].min(), boxes[:, 2].min(), boxes[:, 1].max(), boxes[:, 3].max())


def spatial_reference(crs: str) -> osr.SpatialReference:
    """An osr SpatialReference with x = easting/longitude, from WKT, 'EPSG:n' or PROJ text."""
    srs = osr.SpatialReference()
    try:
        srs.SetFromUserInput(crs)
    except RuntimeError as exc:
        raise InputError(f"'{crs[:60]}' is not a coordinate reference system GDAL knows.") from exc
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _as_polygonal(geom: ogr.Geometry, what: str) -> ogr.Geometry | None:
    """A valid (multi)polygon, or None when nothing of area is left."""
    if geom is None or geom.IsEmpty():
        return None
    flat = ogr.GT_Flatten(geom.GetGeometryType())
    if flat not in (ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        raise InputError(
            f"The {what} must be polygons, but it holds {ogr.GeometryTypeToName(flat)} "
            "geometries. Use a polygon layer (e.g. the district boundaries)."
        )
    if not geom.IsValid():
        geom = geom.MakeValid()
        if geom is None:
            return None
    if ogr.GT_Flatten(geom.GetGeometryType()) == ogr.wkbGeometryCollection:
        parts = ogr.Geometry(ogr.wkbMultiPolygon)
        for i in range(geom.GetGeometryCount()):
            part = geom.GetGeometryRef(i)
            kind = ogr.GT_Flatten(part.GetGeometryType())
            if kind == ogr.wkbPolygon:
                parts.AddGeometry(part)
            elif kind == ogr.wkbMultiPolygon:
                for j in range(part.GetGeometryCount()):
                    parts.AddGeometry(part.GetGeometryRef(j))
        geom = parts
    geom.FlattenTo2D()
    return None if geom.IsEmpty() or geom.GetArea() <= 0 else geom


def _features(source: PolygonSource, name_field: str | None, what: str):
    """(name, OGR geometry, CRS WKT or '') of every feature of the source."""
    if isinstance(source, ogr.Geometry):
        srs = source.GetSpatialReference()
        return [("1", source.Clone(), srs.ExportToWkt() if srs else "")], None
    if isinstance(source, (str, os.PathLike)):
        try:
            ds = ogr.Open(str(source))
        except RuntimeError as exc:
            raise InputError(f"Cannot open the {what} '{source}': {exc}") from exc
        if ds is None or ds.GetLayerCount() == 0:
            raise InputError(f"Cannot open the {what} '{source}' as a vector layer.")
        out, _ = _features(ds.GetLayer(0), name_field, what)
        return out, ds
    if isinstance(source, ogr.Layer):
        srs = source.GetSpatialRef()
        wkt = srs.ExportToWkt() if srs else ""
        defn = source.GetLayerDefn()
        if name_field and defn.GetFieldIndex(name_field) < 0:
            raise InputError(f"The {what} has no field '{name_field}'.")
        out = []
        source.ResetReading()
        for i, feature in enumerate(source, start=1):
            geom = feature.GetGeometryRef()
            name = str(feature.GetField(name_field)) if name_field else str(i)
            out.append((name, geom.Clone() if geom is not None else None, wkt))
        return out, None
    if hasattr(source, "getFeatures") and hasattr(source, "sourceCrs"):
        return _qgis_features(source, name_field, what), None
    raise InputError(f"The {what} is not a polygon layer, file or geometry ({type(source)}).")


def _qgis_features(source: Any, name_field: str | None, what: str):
    crs = source.sourceCrs()
    wkt = crs.toWkt(crs.WKT_PREFERRED) if crs.isValid() else ""
    fields = source.fields()
    if name_field and fields.indexOf(name_field) < 0:
        raise InputError(f"The {what} has no field '{name_field}'.")
    out = []
    for i, feature in enumerate(source.getFeatures(), start=1):
        geom = feature.geometry()
        ogr_geom = None
        if geom is not None and not geom.isEmpty():
            ogr_geom = ogr.CreateGeometryFromWkb(bytes(geom.asWkb()))
        name = str(feature[name_field]) if name_field else str(i)
        out.append((name, ogr_geom, wkt))
    return out


def read_polygons(
    source: PolygonSource,
    crs_wkt: str,
    *,
    name_field: str | None = None,
    source_crs_wkt: str | None = None,
    what: str = "polygon layer",
) -> Polygons:
    """The source's polygons transformed into ``crs_wkt``, repaired where invalid.

    ``source_crs_wkt`` is used only when the source has no CRS of its own (e.g. a shapefile
    without .prj); without either, the source is refused rather than assumed to match.
    """
    features, keep_open = _features(source, name_field, what)
    if not features:
        raise InputError(f"The {what} is empty: it has no features.")
    target = spatial_reference(crs_wkt)
    names, geometries = [], []
    transforms: dict[str, osr.CoordinateTransformation | None] = {}
    for name, geom, wkt in features:
        wkt = wkt or source_crs_wkt or ""
        if not wkt:
            raise InputError(
                f"The {what} has no coordinate reference system. Set its CRS (Layer "
                "Properties ▸ Source) so it can be transformed to the raster's."
            )
        if wkt not in transforms:
            srs = spatial_reference(wkt)
            transforms[wkt] = (
                None if srs.IsSame(target) else osr.CoordinateTransformation(srs, target)
            )
        geom = _as_polygonal(geom, what)
        if geom is None:
            continue
        if transforms[wkt] is not None:
            try:
                geom.Transform(transforms[wkt])
            except RuntimeError as exc:
                raise InputError(
                    f"The {what} '{name}' cannot be transformed from its CRS "
                    f"({spatial_reference(wkt).GetName()}) to the grid's "
                    f"({target.GetName()}): {exc}. Check that the layer's CRS is set correctly."
                ) from exc
        geom.AssignSpatialReference(target)
        names.append(name)
        geometries.append(geom)
    del keep_open
    if not geometries:
        raise InputError(f"The {what} has no polygon with an area (all empty or degenerate).")
    return Polygons(names, geometries, target.ExportToWkt())


def _memory_dataset(grid: GridLike, shape: tuple[int, int], gt, fill: int) -> gdal.Dataset:
    ds = gdal.GetDriverByName("MEM").Create("", int(shape[1]), int(shape[0]), 1, gdal.GDT_Int32)
    ds.SetGeoTransform(tuple(gt))
    ds.SetProjection(grid.crs_wkt)
    band = ds.GetRasterBand(1)
    band.Fill(fill)
    return ds


def _zone_layer(polygons: Polygons) -> tuple[ogr.DataSource, ogr.Layer]:
    """An in-memory OGR layer with the polygons and their index in field 'zone'."""
    ds = ogr.GetDriverByName("Memory").CreateDataSource("zones")
    layer = ds.CreateLayer("zones", spatial_reference(polygons.crs_wkt), ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("zone", ogr.OFTInteger))
    for index, geom in enumerate(polygons.geometries):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("zone", index)
        feature.SetGeometry(geom)
        layer.CreateFeature(feature)
    return ds, layer


def _burn(grid: GridLike, polygons: Polygons, shape, gt) -> np.ndarray:
    """Zone index per cell of a (shape, gt) raster by the cell-centre rule; NO_ZONE elsewhere."""
    ds = _memory_dataset(grid, shape, gt, NO_ZONE)
    _src, layer = _zone_layer(polygons)
    gdal.RasterizeLayer(ds, [1], layer, options=["ATTRIBUTE=zone", "ALL_TOUCHED=FALSE"])
    return ds.GetRasterBand(1).ReadAsArray()


def rasterize_zones(
    zones: PolygonSource | Polygons,
    grid: GridLike,
    *,
    name_field: str | None = None,
    zones_crs_wkt: str | None = None,
) -> ZoneRaster:
    """Zone index per cell by the cell-centre rule (where polygons overlap, the later wins)."""
    polygons = _polygons_on(zones, grid, name_field, zones_crs_wkt)
    labels = _burn(grid, polygons, grid.shape, grid.geotransform).astype(np.int32)
    return ZoneRaster(labels, tuple(polygons.names))


def rasterize_zone_fractions(
    zones: PolygonSource | Polygons,
    grid: GridLike,
    *,
    name_field: str | None = None,
    zones_crs_wkt: str | None = None,
    factor: int = 10,
) -> ZoneFractions:
    """Share of each cell's area in each zone, from a raster burnt ``factor`` × finer."""
    if factor < 1:
        raise InputError(f"The supersampling factor must be at least 1, got {factor}.")
    polygons = _polygons_on(zones, grid, name_field, zones_crs_wkt)
    rows, cols = int(grid.shape[0]), int(grid.shape[1])
    x0, w, _, y0, _, h = grid.geotransform
    step = max(1, FINE_CELLS_PER_BLOCK // (cols * factor * factor))

    def blocks():
        for r0 in range(0, rows, step):
            r1 = min(rows, r0 + step)
            gt = (x0, w / factor, 0.0, y0 + r0 * h, 0.0, h / factor)
            yield r0, _burn(grid, polygons, ((r1 - r0) * factor, cols * factor), gt)

    return ZoneFractions.from_supersampled((rows, cols), tuple(polygons.names), factor, blocks())


def study_area_mask(
    study_area: PolygonSource | Polygons, grid: GridLike, *, crs_wkt: str | None = None
) -> np.ndarray:
    """True on cells whose centre lies inside the study area (union of its polygons)."""
    polygons = _polygons_on(study_area, grid, None, crs_wkt, what="study area")
    return _burn(grid, polygons, grid.shape, grid.geotransform) != NO_ZONE


def _polygons_on(
    source: PolygonSource | Polygons,
    grid: GridLike,
    name_field: str | None,
    source_crs_wkt: str | None,
    what: str = "zone layer",
) -> Polygons:
    if isinstance(source, Polygons):
        if spatial_reference(source.crs_wkt).IsSame(spatial_reference(grid.crs_wkt)):
            return source
        clones = [g.Clone() for g in source.geometries]
        source = Polygons(source.names, clones, source.crs_wkt)
        return _transform_polygons(source, grid.crs_wkt)
    return read_polygons(
        source, grid.crs_wkt, name_field=name_field, source_crs_wkt=source_crs_wkt, what=what
    )


def _transform_polygons(polygons: Polygons, crs_wkt: str) -> Polygons:
    target = spatial_reference(crs_wkt)
    transform = osr.CoordinateTransformation(spatial_reference(polygons.crs_wkt), target)
    for geom in polygons.geometries:
        geom.Transform(transform)
        geom.AssignSpatialReference(target)
    return Polygons(polygons.names, polygons.geometries, target.ExportToWkt())
