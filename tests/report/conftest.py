"""Fixtures of the report tests."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

from mps_planner.report.layer_styles import style_districts, style_stops

from .reference import DISTRICTS, LONG_NAME, district_wkt


@pytest.fixture
def project(qgis_app):
    project = QgsProject.instance()
    project.clear()
    districts = QgsVectorLayer(
        "Polygon?crs=EPSG:32650&field=name:string&field=name_zh:string", "Districts", "memory"
    )
    features = []
    for i, (name, zh) in enumerate(DISTRICTS):
        f = QgsFeature(districts.fields())
        f.setGeometry(QgsGeometry.fromWkt(district_wkt(i)))
        f.setAttributes([name, zh])
        features.append(f)
    districts.dataProvider().addFeatures(features)
    style_districts(districts)
    stops = QgsVectorLayer(
        "Point?crs=EPSG:32650&field=name:string&field=name_zh:string", "Mobile stops", "memory"
    )
    points = [
        ("Bayan Well", "巴彦井", 504000, 4812000),
        (LONG_NAME + " stop", "联合苏木站", 514000, 4810000),
        ("Khaluun Us", "哈伦乌苏", 506000, 4805000),
    ]
    features = []
    for name, zh, x, y in points:
        f = QgsFeature(stops.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([name, zh])
        features.append(f)
    stops.dataProvider().addFeatures(features)
    style_stops(stops)
    project.addMapLayers([stops, districts])
    project.setCrs(districts.crs())
    yield project, districts, stops
    project.clear()
