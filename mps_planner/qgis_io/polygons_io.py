"""Label rasters → polygons (GDAL Polygonize), one multipolygon per label."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from osgeo import gdal, ogr, osr
from qgis.core import QgsGeometry

from ..core.grid import AnalysisGrid

gdal.UseExceptions()
ogr.UseExceptions()


def polygonize_labels(
    labels: np.ndarray, grid: AnalysisGrid, window: tuple[int, int, int, int] | None = None
) -> dict[int, QgsGeometry]:
    """Polygons of the cells of every label ≥ 0, merged into one geometry per label.

    ``window`` = (row0, row1, col0, col1) restricts the work to a part of the grid (labels
    then has that window's shape). Cell edges become polygon edges, so a polygon covers
    exactly the cells of its label; diagonal neighbours are joined (8-connected), as the
    travel model moves diagonally.
    """
    labels = np.asarray(labels)
    x0, w, _, y0, _, h = grid.geotransform
    if window is not None:
        r0, _r1, c0, _c1 = window
        x0, y0 = x0 + c0 * w, y0 + r0 * h
    rows, cols = labels.shape
    if not (labels >= 0).any():
        return {}
    mem = gdal.GetDriverByName("MEM").Create("", cols, rows, 1, gdal.GDT_Int32)
    mem.SetGeoTransform((x0, w, 0.0, y0, 0.0, h))
    mem.SetProjection(grid.crs_wkt)
    band = mem.GetRasterBand(1)
    band.WriteArray(labels.astype(np.int32))
    mask = gdal.GetDriverByName("MEM").Create("", cols, rows, 1, gdal.GDT_Byte)
    mask.SetGeoTransform((x0, w, 0.0, y0, 0.0, h))
    mask.GetRasterBand(1).WriteArray((labels >= 0).astype(np.uint8))
    srs = osr.SpatialReference()
    srs.ImportFromWkt(grid.crs_wkt)
    ds = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = ds.CreateLayer("polygons", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("label", ogr.OFTInteger))
    gdal.Polygonize(band, mask.GetRasterBand(1), layer, 0, ["8CONNECTED=8"])
    parts: dict[int, list[ogr.Geometry]] = defaultdict(list)
    for feature in layer:
        parts[int(feature.GetField(0))].append(feature.GetGeometryRef().Clone())
    merged = {}
    for label, geoms in parts.items():
        multi = ogr.Geometry(ogr.wkbMultiPolygon)
        for geom in geoms:
            multi.AddGeometry(geom)
        union = multi.UnionCascaded() if len(geoms) > 1 else multi
        geometry = QgsGeometry()
        geometry.fromWkb(bytes(union.ExportToWkb()))
        if not geometry.isGeosValid():
            # Cells joined only at a corner (8-connected) make self-touching rings: split
            # them into valid parts, so that Processing accepts the layer as input.
            geometry = geometry.makeValid()
        merged[label] = geometry
    return merged
