"""mps_planner:networktraveltime end to end through processing.run, and its bad inputs."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.network import RoadNetwork
from mps_planner.core.network_access import access_times
from mps_planner.core.network_paths import Router
from mps_planner.core.traveltime import CostGrid
from mps_planner.qgis_io.raster_io import write_raster

ALG = "mps_planner:networktraveltime"
CELL = 100.0
X0, Y0 = 500000.0, 4800000.0  # EPSG:32650
ROWS, COLS = 40, 60
ROADS_M = [  # (vertices in metres from the grid's top-left corner, class); none on a cell edge
    ([(130, -2050), (3050, -2050), (5930, -2050)], "paved"),
    ([(3050, -2050), (3050, -330)], "gravel"),  # crosses the lake on a bridge
    ([(3050, -2050), (3430, -3030), (3530, -3930)], "track"),
    ([(230, -3830), (930, -3830)], "motorway"),  # a separate piece, unknown class
]


class LogFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings: list[str] = []
        self.infos: list[str] = []

    def pushWarning(self, text):
        self.warnings.append(text)
        super().pushWarning(text)

    def pushInfo(self, text):
        self.infos.append(text)
        super().pushInfo(text)


def run(params, feedback=None):
    import processing

    return processing.run(ALG, params, feedback=feedback or QgsProcessingFeedback())


def utm_wkt() -> str:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    return srs.ExportToWkt()


@pytest.fixture(scope="module")
def grid():
    return AnalysisGrid(utm_wkt(), (X0, CELL, 0.0, Y0, 0.0, -CELL), (ROWS, COLS))


@pytest.fixture(scope="module")
def speed(tmp_path_factory, grid):
    rng = np.random.default_rng(4)
    kmh = rng.uniform(3.0, 6.0, grid.shape)
    kmh[10:14, 20:40] = 0.0  # a lake
    path = tmp_path_factory.mktemp("speed") / "walking.tif"
    write_raster(path, kmh.astype(np.float32), grid, nodata=-9999)
    return path, kmh.astype(np.float32).astype(np.float64)


@pytest.fixture(scope="module")
def roads(qgis_app):
    """The roads in degrees (EPSG:4326): the algorithm must transform them."""
    ct = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32650"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(),
    )
    lyr = QgsVectorLayer("LineString?crs=EPSG:4326&field=kind:string", "roads", "memory")
    feats = []
    for pts, kind in ROADS_M:
        f = QgsFeature(lyr.fields())
        geo = [ct.transform(QgsPointXY(X0 + x, Y0 + y)) for x, y in pts]
        f.setGeometry(QgsGeometry.fromPolylineXY(geo))
        f.setAttribute(0, kind)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def attrs(layer) -> list[dict]:
    """Each feature's attributes, with NULL as None."""
    names = layer.fields().names()
    return [
        {k: (None if v is None or v == NULL else v) for k, v in zip(names, f.attributes())}
        for f in layer.getFeatures()
    ]


def sites_layer(points) -> QgsVectorLayer:
    lyr = QgsVectorLayer("Point?crs=EPSG:32650&field=name:string", "sites", "memory")
    feats = []
    for (x, y), name in points:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))
        f.setAttribute(0, name)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


SITES = [((150, -2000), "County clinic"), ((3500, -3850), "Well 7")]


def params(roads, sites, **extra):
    base = {
        "ROADS": roads,
        "CLASS_FIELD": "kind",
        "SOURCES": sites,
        "NAME_FIELD": "name",
        "MODE": 2,  # vehicle
        "MAX_MINUTES": 0,
        "MAX_SNAP": 1000,
        "OUTPUT_NETWORK": "memory:",
    }
    base.update(extra)
    return base


def test_raster_and_network_outputs(provider, roads, speed, grid, tmp_path):
    path, kmh = speed
    out = tmp_path / "minutes.tif"
    feedback = LogFeedback()
    result = run(
        params(roads, sites_layer(SITES), OFFROAD_SPEED=str(path), OUTPUT=str(out)), feedback
    )
    assert result["OUTPUT"] == str(out)
    ds = gdal.Open(str(out))
    band = ds.GetRasterBand(1)
    minutes = band.ReadAsArray().astype(np.float64)
    assert band.GetNoDataValue() == -1
    assert ds.GetGeoTransform() == grid.geotransform
    # The same computation straight on the core, with the roads in metres.
    net = RoadNetwork.from_polylines(
        [np.array([(X0 + x, Y0 + y) for x, y in pts]) for pts, _ in ROADS_M], [1, 2, 3, 3]
    )
    router = Router.for_mode(net, "vehicle")
    sites = net.snap([X0 + x for (x, _), _ in SITES], [Y0 + y for (_, y), _ in SITES])
    core = access_times(router, sites, grid, CostGrid.from_speed(kmh, CELL)).times.minutes
    reached = minutes >= 0
    assert np.array_equal(reached, np.isfinite(core))
    # The roads went to degrees and back: agree to a few millimetres of driving or walking.
    np.testing.assert_allclose(minutes[reached], core[reached], atol=2e-3)
    assert (minutes[10:14, 20:30] < 0).all() and (minutes[10:14, 31:40] < 0).all()  # the lake
    assert (minutes[10:14, 30] > 0).all()  # the bridge
    assert minutes[reached].min() == 0.0  # the sites' own cells
    # The network layer: one segment per edge, reached ones with times and a source name.
    network = result["OUTPUT_NETWORK"]
    feats = attrs(network)
    assert len(feats) == net.edge_count
    names = {f["source"] for f in feats if f["source"] is not None}
    assert names == {"County clinic", "Well 7"}
    for f in feats:
        if f["minutes"] is not None and f["from_min"] is not None and f["to_min"] is not None:
            assert f["minutes"] <= min(f["from_min"], f["to_min"]) + 1e-9
    # The separate piece (unknown class 'motorway') is not reached by either site.
    piece = [f for f in feats if f["component"] != 0]
    assert piece and all(f["minutes"] is None for f in piece)
    assert {f["road_class"] for f in piece} == {"track"}
    assert {f["road_fid"] for f in piece} == {max(f.id() for f in roads.getFeatures())}
    assert any("'motorway' (1)" in w for w in feedback.warnings)


def test_network_only_without_a_speed_raster(provider, roads):
    feedback = LogFeedback()
    result = run(params(roads, sites_layer(SITES[:1]), MAX_MINUTES=3.0), feedback)
    assert result["OUTPUT"] is None
    feats = attrs(result["OUTPUT_NETWORK"])
    reached = [f for f in feats if f["minutes"] is not None]
    assert reached and len(reached) < len(feats)
    assert all(f["minutes"] <= 3.0 for f in reached)
    # 3 min at 60 km/h: the paved road is reached up to 3 km from the clinic (x = 150 m).
    assert max(f["to_min"] or 0 for f in reached) <= 3.0
    assert any("EPSG:32650" in i for i in feedback.infos)  # the UTM zone of the roads


def test_a_source_far_from_the_roads_is_named(provider, roads):
    far = sites_layer([((3050, -2050), "Town"), ((800, -5400), "Far well")])
    with pytest.raises(QgsProcessingException) as err:
        run(params(roads, far))
    assert (
        "Source 'Far well' is 1.6 km from the nearest road (limit 1 km): move it nearer a road "
        "or raise the snapping distance."
    ) in str(err.value)


def test_empty_sources_and_bad_output_format(provider, roads, speed, tmp_path):
    empty = sites_layer([])
    with pytest.raises(QgsProcessingException, match="has no points"):
        run(params(roads, empty))
    with pytest.raises(QgsProcessingException, match="GeoTIFF"):
        run(
            params(
                roads,
                sites_layer(SITES),
                OFFROAD_SPEED=str(speed[0]),
                OUTPUT=str(tmp_path / "minutes.asc"),
            )
        )
