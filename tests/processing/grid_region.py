"""A small synthetic region on a UTM grid, shared by the Processing tests."""

from __future__ import annotations

import numpy as np
from osgeo import osr
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from mps_planner.core.grid import AnalysisGrid
from mps_planner.qgis_io.raster_io import write_raster

X0, Y0, CELL, ROWS, COLS = 400000.0, 4800000.0, 100.0, 40, 60


def utm_grid():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32649)
    return AnalysisGrid(srs.ExportToWkt(), (X0, CELL, 0.0, Y0, 0.0, -CELL), (ROWS, COLS))


def points(rows_cols_names, extra_field=None):
    spec = "Point?crs=EPSG:32649&field=name:string"
    if extra_field:
        spec += f"&field={extra_field}:double"
    layer = QgsVectorLayer(spec, "sites", "memory")
    feats = []
    for item in rows_cols_names:
        r, c, name = item[:3]
        f = QgsFeature(layer.fields())
        f.setGeometry(
            QgsGeometry.fromPointXY(QgsPointXY(X0 + (c + 0.5) * CELL, Y0 - (r + 0.5) * CELL))
        )
        f.setAttributes([name, *item[3:]])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def districts():
    layer = QgsVectorLayer("Polygon?crs=EPSG:32649&field=name:string", "d", "memory")
    feats = []
    for name, c0, c1 in (("West 西", 0, 30), ("East 东", 30, 60)):
        f = QgsFeature(layer.fields())
        x0, x1, y1 = X0 + c0 * CELL, X0 + c1 * CELL, Y0 - ROWS * CELL
        ring = f"{x0} {Y0},{x1} {Y0},{x1} {y1},{x0} {y1},{x0} {Y0}"
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
        f.setAttributes([name])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def make_region(tmp_path):
    grid = utm_grid()
    rng = np.random.default_rng(8)
    kmh = rng.uniform(2.0, 15.0, grid.shape).astype(np.float32)
    kmh[15:25, 28:32] = 0  # a lake on the border
    people = (rng.gamma(0.5, 10.0, grid.shape) * (rng.random(grid.shape) < 0.5)).astype(np.float32)
    people[kmh == 0] = 0
    speed = write_raster(tmp_path / "speed.tif", kmh, grid)
    pop = write_raster(tmp_path / "pop.tif", people, grid, nodata=-99999)
    cost = np.where(kmh > 0, CELL * 0.06 / np.where(kmh > 0, kmh, 1).astype(float), np.inf)
    return grid, speed, pop, people.astype(float), cost
