"""Road layers → polylines and class codes; point layers → named sites (real QGIS layers)."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsVectorLayer,
)

from mps_planner.core.errors import InputError
from mps_planner.qgis_io.network_io import (
    _parse_wkb,
    metric_crs,
    parse_class_map,
    read_road_layer,
)
from mps_planner.qgis_io.sites_io import read_sites

UTM = QgsCoordinateReferenceSystem("EPSG:32650")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
CTX = QgsCoordinateTransformContext()


def layer(kind: str, crs: str, wkts_values, field="road_class") -> QgsVectorLayer:
    lyr = QgsVectorLayer(f"{kind}?crs={crs}&field={field}:string", "roads", "memory")
    feats = []
    for wkt, value in wkts_values:
        f = QgsFeature(lyr.fields())
        if wkt is not None:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttribute(0, value)
        feats.append(f)
    assert lyr.dataProvider().addFeatures(feats)
    return lyr


def test_single_and_multi_part_lines_in_the_same_crs(qgis_app):
    roads = layer(
        "MultiLineString",
        "EPSG:32650",
        [
            ("MultiLineString((0 0, 1000 0, 2000 0))", "paved"),
            ("MultiLineString((0 10, 0 900),(50 50, 60 60, 70 90))", "Gravel"),
            ("LineString(5 5, 6 6)", "土路"),
        ],
    )
    data = read_road_layer(roads, UTM, CTX, "road_class")
    pl = data.polylines
    assert len(pl) == 4
    assert np.diff(pl.offsets).tolist() == [3, 2, 3, 2]
    assert pl.classes.tolist() == [1, 2, 2, 3]
    assert data.feature_ids.tolist()[1] == data.feature_ids.tolist()[2]
    np.testing.assert_array_equal(pl.xy[:3], [[0, 0], [1000, 0], [2000, 0]])
    assert data.segment_count == 2 + 1 + 2 + 1
    assert data.skipped == 0 and not data.unknown_values and not data.messages()


def test_reprojected_vertices_match_point_by_point_transform(qgis_app):
    rng = np.random.default_rng(0)
    lines = []
    for _ in range(20):
        pts = np.column_stack((rng.uniform(116.0, 117.0, 4), rng.uniform(43.0, 44.0, 4)))
        lines.append("LineString(" + ", ".join(f"{x:.8f} {y:.8f}" for x, y in pts) + ")")
    roads = layer("LineString", "EPSG:4326", [(w, "paved") for w in lines])
    data = read_road_layer(roads, UTM, CTX, "road_class")
    ct = QgsCoordinateTransform(WGS84, UTM, CTX)
    expected = []
    for f in roads.getFeatures():
        for p in f.geometry().asPolyline():
            q = ct.transform(QgsPointXY(p))
            expected.append((q.x(), q.y()))
    np.testing.assert_allclose(data.polylines.xy, np.array(expected), rtol=0, atol=1e-6)


def test_empty_and_missing_geometries_are_skipped_and_counted(qgis_app):
    roads = layer(
        "LineString",
        "EPSG:32650",
        [
            ("LineString(0 0, 100 0)", "paved"),
            (None, "paved"),
            ("LineString EMPTY", "paved"),
            ("LineString(5 5, nan 6)", "paved"),
        ],
    )
    data = read_road_layer(roads, UTM, CTX, "road_class")
    assert len(data.polylines) == 1
    assert data.skipped == 3
    assert "3 road feature(s) were skipped" in data.messages()[0]


def test_unknown_class_values_get_the_default_and_are_listed(qgis_app):
    roads = layer(
        "LineString",
        "EPSG:32650",
        [
            ("LineString(0 0, 100 0)", "TRACK"),
            ("LineString(0 10, 100 10)", "motorway"),
            ("LineString(0 20, 100 20)", "motorway"),
            ("LineString(0 30, 100 30)", None),
            ("LineString(0 40, 100 40)", "砂石路"),
            ("LineString(0 50, 100 50)", " 1 "),
        ],
    )
    data = read_road_layer(roads, UTM, CTX, "road_class", default_class=2)
    assert data.polylines.classes.tolist() == [3, 2, 2, 2, 2, 1]
    assert data.unknown_values == {"motorway": 2, "NULL": 1}
    text = data.messages()[0]
    assert "'motorway' (2)" in text and "'NULL' (1)" in text and "treated as 'gravel'" in text
    mapped = read_road_layer(roads, UTM, CTX, "road_class", parse_class_map("MotorWay=paved"))
    assert mapped.polylines.classes.tolist() == [3, 1, 1, 3, 2, 1]
    assert mapped.unknown_values == {"NULL": 1}


def test_without_a_class_field_every_road_gets_the_default(qgis_app):
    roads = layer("LineString", "EPSG:32650", [("LineString(0 0, 100 0)", "paved")])
    assert read_road_layer(roads, UTM, CTX, None, default_class=3).polylines.classes.tolist() == [3]
    with pytest.raises(InputError, match="no field 'kind'"):
        read_road_layer(roads, UTM, CTX, "kind")


def test_a_layer_without_lines_is_an_error(qgis_app):
    roads = layer("LineString", "EPSG:32650", [(None, "paved")])
    with pytest.raises(InputError, match="no usable lines"):
        read_road_layer(roads, UTM, CTX, "road_class")


def test_curves_are_segmentized_and_z_is_dropped(qgis_app):
    curved = layer(
        "CompoundCurve", "EPSG:32650", [("CompoundCurve(CircularString(0 0, 100 100, 200 0))", 1)]
    )
    data = read_road_layer(curved, UTM, CTX, "road_class")
    xy = data.polylines.xy
    assert len(xy) > 10
    np.testing.assert_allclose(xy[[0, -1]], [[0, 0], [200, 0]], atol=1e-9)
    np.testing.assert_allclose(np.hypot(xy[:, 0] - 100, xy[:, 1]), 100.0, atol=1e-6)
    withz = layer("LineStringZM", "EPSG:32650", [("LineStringZM(1 2 3 4, 5 6 7 8)", "paved")])
    np.testing.assert_array_equal(
        read_road_layer(withz, UTM, CTX, "road_class").polylines.xy, [[1, 2], [5, 6]]
    )


def test_big_endian_wkb():
    geom = ogr.CreateGeometryFromWkt("MULTILINESTRING ((1 2,3 4),(5 6,7 8,9 10))")
    lines = _parse_wkb(bytes(geom.ExportToWkb(ogr.wkbXDR)))
    assert [ln.tolist() for ln in lines] == [[[1, 2], [3, 4]], [[5, 6], [7, 8], [9, 10]]]


def test_class_map_text():
    assert parse_class_map("primary=paved; residential = Gravel,\n5=track") == {
        "primary": 1,
        "residential": 2,
        "5": 3,
    }
    with pytest.raises(InputError, match="write value=class"):
        parse_class_map("primary paved")
    with pytest.raises(InputError, match="Unknown road class 'highway'"):
        parse_class_map("primary=highway")


def test_metric_crs_keeps_metres_and_picks_utm_for_degrees(qgis_app):
    assert metric_crs(UTM, QgsRectangle(0, 0, 1, 1), CTX) == UTM
    picked = metric_crs(WGS84, QgsRectangle(116.2, 43.0, 116.8, 44.0), CTX)
    assert picked.authid() == "EPSG:32650"
    south = metric_crs(WGS84, QgsRectangle(27.3, -11.6, 27.6, -11.5), CTX)
    assert south.authid() == "EPSG:32735"


def test_sites_with_names_and_transform(qgis_app):
    pts = QgsVectorLayer("MultiPoint?crs=EPSG:4326&field=name:string", "sites", "memory")
    feats = []
    for wkt, name in (
        ("MultiPoint((116.5 43.5))", "Bayan"),
        ("MultiPoint((116.6 43.6),(116.7 43.7))", None),
        (None, "nothing"),
    ):
        f = QgsFeature(pts.fields())
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttribute(0, name)
        feats.append(f)
    pts.dataProvider().addFeatures(feats)
    sites = read_sites(pts, UTM, CTX, "name")
    assert len(sites) == 2
    assert sites.names[0] == "Bayan" and sites.names[1].startswith("feature ")
    assert sites.skipped == 1 and sites.multipart == 1
    ct = QgsCoordinateTransform(WGS84, UTM, CTX)
    q = ct.transform(QgsPointXY(116.5, 43.5))
    assert (sites.x[0], sites.y[0]) == pytest.approx((q.x(), q.y()), abs=1e-6)
