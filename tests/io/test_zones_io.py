"""Polygons onto the grid (qgis_io.zones_io): QGIS layers and OGR in any CRS, repaired."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from mps_planner.core.errors import InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.qgis_io.zones_io import (
    rasterize_zone_fractions,
    rasterize_zones,
    spatial_reference,
    study_area_mask,
)

from .population_rasters import epsg_wkt

GRID = AnalysisGrid(epsg_wkt(32650), (440000.0, 100.0, 0.0, 4862000.0, 0.0, -100.0), (30, 40))


def utm_to(code: int, wkt: str) -> str:
    geom = ogr.CreateGeometryFromWkt(wkt, reference=spatial_reference(epsg_wkt(32650)))
    geom.TransformTo(spatial_reference(f"EPSG:{code}"))
    return geom.ExportToWkt()


WEST = "POLYGON((440500 4861500,442000 4861500,442000 4859500,440500 4859500,440500 4861500))"
EAST = "POLYGON((442000 4861500,443550 4861500,443550 4859500,442000 4859500,442000 4861500))"


def qgis_layer(polygons: dict[str, str], crs: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={crs}", "districts", "memory")
    layer.dataProvider().addAttributes([QgsField("name", QVariant.String)])
    layer.updateFields()
    features = []
    for name, wkt in polygons.items():
        feature = QgsFeature(layer.fields())
        feature["name"] = name
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_qgis_layer_in_web_mercator_lands_where_the_utm_polygons_are(qgis_app):
    layer = qgis_layer({"west": utm_to(3857, WEST), "east": utm_to(3857, EAST)}, "EPSG:3857")
    zones = rasterize_zones(layer, GRID, name_field="name")
    assert zones.names == ("west", "east")
    # by cell centre: west covers columns 5..19, east 20..35, rows 5..24 (20 rows)
    expected = np.full(GRID.shape, -1)
    expected[5:25, 5:20] = 0
    expected[5:25, 20:35] = 1
    # column 35 holds centres at x = 443550, exactly on the east edge: either way is correct
    assert np.array_equal(zones.labels[:, :35], expected[:, :35])
    assert set(np.unique(zones.labels[5:25, 35])) <= {-1, 1}


def test_area_fractions_follow_the_polygon_area(qgis_app):
    layer = qgis_layer({"west": WEST, "east": EAST}, "EPSG:32650")
    fractions = rasterize_zone_fractions(layer, GRID, name_field="name", factor=10)
    dense = fractions.matrix.toarray().reshape(*GRID.shape, 2)
    # east ends half-way through column 35
    np.testing.assert_allclose(dense[5:25, 35, 1], 0.5)
    np.testing.assert_allclose(dense[5:25, 20:35, 1], 1.0)
    area_cells = dense.sum(axis=(0, 1))
    np.testing.assert_allclose(area_cells, [1500 * 2000 / 1e4, 1550 * 2000 / 1e4])


def test_invalid_bow_tie_is_repaired_not_dropped():
    bow_tie = ogr.CreateGeometryFromWkt(
        "POLYGON((440500 4861500,442500 4859500,442500 4861500,440500 4859500,440500 4861500))",
        reference=spatial_reference(epsg_wkt(32650)),
    )
    assert not bow_tie.IsValid()
    mask = study_area_mask(bow_tie, GRID)
    # two triangles of 1000 × 2000 m / 2 each = 200 cells of 1 ha in total (± edge cells)
    assert abs(int(mask.sum()) - 200) <= 20


def test_zone_layer_without_crs_or_with_wrong_field_is_refused(qgis_app):
    no_crs = QgsVectorLayer("Polygon?crs=", "no crs", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(WEST))
    no_crs.dataProvider().addFeatures([feature])
    with pytest.raises(InputError, match="no coordinate reference system"):
        rasterize_zones(no_crs, GRID)
    layer = qgis_layer({"west": WEST}, "EPSG:32650")
    with pytest.raises(InputError, match="no field 'district'"):
        rasterize_zones(layer, GRID, name_field="district")


def test_zone_layer_with_a_wrong_crs_says_so(qgis_app):
    # UTM metres in a layer that claims to be in degrees: cannot be transformed
    layer = qgis_layer({"west": WEST}, "EPSG:4326")
    with pytest.raises(InputError, match=r"cannot be transformed.*CRS is set correctly"):
        rasterize_zones(layer, GRID, name_field="name")


def test_union_of_districts_is_their_combined_area(qgis_app):
    from mps_planner.qgis_io.zones_io import read_polygons

    layer = qgis_layer({"west": WEST, "east": EAST}, "EPSG:32650")
    polygons = read_polygons(layer, epsg_wkt(32650), name_field="name")
    union = polygons.union()
    assert union.GetArea() == pytest.approx((1500 + 1550) * 2000)
    assert ogr.GT_Flatten(union.GetGeometryType()) == ogr.wkbPolygon  # merged along x = 442000
