"""speedsurface and traveltime end to end through processing.run, checked against the core
and scikit-image's MCP_Geometric on the same costs."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import osr
from qgis import processing
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer
from skimage.graph import MCP_Geometric

from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.speed import default_class_speeds, default_road_speeds
from mps_planner.qgis_io.raster_io import read_raster, write_raster

X0, Y0, CELL = 400000.0, 4800000.0, 100.0


def utm_grid(rows=40, cols=60, epsg=32649):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return AnalysisGrid(srs.ExportToWkt(), (X0, CELL, 0.0, Y0, 0.0, -CELL), (rows, cols))


def line_layer(lines, crs="EPSG:32649", field="road_class"):
    layer = QgsVectorLayer(f"LineString?crs={crs}&field={field}:string", "lines", "memory")
    feats = []
    for value, coords in lines:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in coords]))
        f.setAttributes([value])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def point_layer(points, crs="EPSG:32649"):
    layer = QgsVectorLayer(f"Point?crs={crs}&field=name:string", "points", "memory")
    feats = []
    for name, (x, y) in points:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([name])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


@pytest.fixture
def landcover(tmp_path):
    grid = utm_grid()
    lc = np.ones(grid.shape, dtype=np.uint8)  # grassland
    lc[:, 40:] = 2  # sand in the east
    lc[5:10, 5:10] = 4  # a pond
    path = write_raster(tmp_path / "landcover.tif", lc, grid, nodata=0)
    return grid, lc, path


def test_speed_surface_burns_roads_and_blocks_the_river(mps_processing, landcover, tmp_path):
    _grid, _lc, path = landcover
    y_road = Y0 - 20.5 * CELL  # through the centres of row 20
    roads = line_layer([("paved", [(X0, y_road), (X0 + 60 * CELL, y_road)])])
    x_river = X0 + 30.5 * CELL
    river = line_layer([("river", [(x_river, Y0), (x_river, Y0 - 40 * CELL)])], field="kind")
    out = processing.run(
        "mps_planner:speedsurface",
        {
            "LANDCOVER": path,
            "MODE": 2,  # vehicle
            "ROADS": roads,
            "ROAD_CLASS_FIELD": "road_class",
            "BARRIERS": river,
            "OUTPUT": str(tmp_path / "speed.tif"),
        },
    )
    kmh = read_raster(out["OUTPUT"]).array
    speeds = default_class_speeds("vehicle")
    assert kmh[0, 0] == speeds[1] and kmh[0, 50] == speeds[2] and kmh[7, 7] == 0
    assert kmh[20, 10] == default_road_speeds("vehicle")[1]
    assert kmh[20, 30] > 0  # the bridge where the road crosses
    assert (kmh[:20, 30] == 0).all() and (kmh[21:, 30] == 0).all()


def test_travel_time_matches_mcp_and_names_bad_sources(mps_processing, landcover, tmp_path):
    _grid, _lc, path = landcover
    speed = processing.run(
        "mps_planner:speedsurface",
        {"LANDCOVER": path, "MODE": 0, "OUTPUT": str(tmp_path / "walk.tif")},
    )["OUTPUT"]
    kmh = read_raster(speed).array.astype(float)
    sites = point_layer([("clinic", (X0 + 1050, Y0 - 2050)), ("pond", (X0 + 750, Y0 - 750))])
    out = processing.run(
        "mps_planner:traveltime",
        {
            "SPEED": speed,
            "SOURCES": sites,
            "MAX_MINUTES": 0,
            "SNAP_DISTANCE": 400,
            "OUTPUT": str(tmp_path / "minutes.tif"),
            "OUTPUT_NEAREST": str(tmp_path / "nearest.tif"),
        },
    )
    minutes = read_raster(out["OUTPUT"])
    cost = np.where(kmh > 0, CELL * 0.06 / np.where(kmh > 0, kmh, 1), np.inf)
    # The pond site (row 7, col 7) is moved 300 m to the nearest dry cell, (4, 7) first.
    ref, _ = MCP_Geometric(cost, fully_connected=True).find_costs([(20, 10), (4, 7)])
    got = minutes.array.astype(float)
    reached = got >= 0
    assert np.array_equal(reached, np.isfinite(ref))
    np.testing.assert_allclose(got[reached], ref[reached], rtol=1e-6)
    assert minutes.nodata == -1 and got[7, 7] == -1  # the pond itself is unreachable
    nearest = read_raster(out["OUTPUT_NEAREST"]).array
    assert set(np.unique(nearest)) <= {-1, 1, 2}  # feature ids of memory layers start at 1

    far = point_layer([("far away", (X0 + 90000, Y0))])
    with pytest.raises(QgsProcessingException, match="'far away' lies"):
        processing.run(
            "mps_planner:traveltime",
            {"SPEED": speed, "SOURCES": far, "OUTPUT": str(tmp_path / "x.tif")},
        )
    assert not (tmp_path / "x.tif").exists()


def test_bounded_travel_time_is_nodata_beyond_the_limit(mps_processing, landcover, tmp_path):
    _grid, _lc, path = landcover
    speed = processing.run(
        "mps_planner:speedsurface",
        {"LANDCOVER": path, "MODE": 0, "OUTPUT": str(tmp_path / "walk.tif")},
    )["OUTPUT"]
    sites = point_layer([("post", (X0 + 3050, Y0 - 2050))])
    full = processing.run(
        "mps_planner:traveltime",
        {"SPEED": speed, "SOURCES": sites, "OUTPUT": str(tmp_path / "full.tif")},
    )
    cut = processing.run(
        "mps_planner:traveltime",
        {"SPEED": speed, "SOURCES": sites, "MAX_MINUTES": 20, "OUTPUT": str(tmp_path / "c.tif")},
    )
    a = read_raster(full["OUTPUT"]).array
    b = read_raster(cut["OUTPUT"]).array
    inside = (a >= 0) & (a <= 20)
    np.testing.assert_array_equal(a[inside], b[inside])
    assert (b[~inside] == -1).all()


def test_degrees_speed_raster_is_refused(mps_processing, tmp_path):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    deg = AnalysisGrid(srs.ExportToWkt(), (111.0, 0.001, 0.0, 44.0, 0.0, -0.001), (10, 10))
    path = write_raster(tmp_path / "deg.tif", np.full((10, 10), 5, np.float32), deg)
    sites = point_layer([("a", (111.005, 43.995))], crs="EPSG:4326")
    with pytest.raises(QgsProcessingException, match="degrees"):
        processing.run(
            "mps_planner:traveltime",
            {"SPEED": path, "SOURCES": sites, "OUTPUT": str(tmp_path / "t.tif")},
        )
