"""The panel's other travel models give the numbers the core computes for all sites at once:
an existing speed raster, the road network (then off road) and the straight line."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsRasterLayer

from mps_planner.core.coverage import coverage_table
from mps_planner.core.network import RoadNetwork
from mps_planner.core.network_access import access_times
from mps_planner.core.network_paths import Router
from mps_planner.core.traveltime import straight_line_times, travel_times
from mps_planner.gui.tasks.build_model import _projected_grid
from mps_planner.qgis_io.layer_snapshot import TransformContext
from mps_planner.qgis_io.network_io import read_road_layer
from mps_planner.qgis_io.population_io import population_on_grid
from mps_planner.qgis_io.raster_io import write_raster
from mps_planner.qgis_io.speed_io import build_from_layers

from .conftest import built, wait_idle, with_settings

STOPS = [(500_000.0, 4_800_000.0), (545_000.0, 4_840_000.0)]


def place(controller):
    for xy in STOPS:
        controller.add_site(QgsPointXY(*xy))
        wait_idle(controller)
    session = controller.session
    cells = [session.placed[s.key][:2] for s in controller.counted_sites()]
    return session, np.array(cells)


def people(sample_layers):
    source = sample_layers["population_summer"].source()
    return population_on_grid(source, grid=_projected_grid(source)).population.layer()


def test_an_existing_speed_raster(planner, sample_layers, tmp_path):
    controller, _ = planner
    std = controller.settings().service_standard()
    grid = _projected_grid(sample_layers["population_summer"].source())
    surface, _ = build_from_layers(
        grid,
        std.mode,
        landcover_source=sample_layers["landcover"].source(),
        roads=sample_layers["roads"],
        road_field="road_class",
        context=TransformContext(),
    )
    path = write_raster(tmp_path / "speed.tif", surface.kmh.astype(np.float32), grid, 0)
    layer = QgsRasterLayer(path, "speed", "gdal")
    QgsProject.instance().addMapLayer(layer)
    with_settings(controller, travel_model="speed_raster", speed_raster=layer.id())
    built(planner)
    session, cells = place(controller)
    times = travel_times(surface.cost_grid(), cells[:, 0], cells[:, 1], max(std.thresholds))
    ref = coverage_table(people(sample_layers), times, std.thresholds)
    np.testing.assert_allclose(controller.last_update.summary.covered, ref.covered, atol=1e-6)


def test_the_road_network_then_off_road(planner, sample_layers):
    controller, _ = planner
    with_settings(controller, travel_model="network", facilities="")
    built(planner)
    session, cells = place(controller)
    std = controller.settings().service_standard()
    grid = session.grid
    crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
    roads = read_road_layer(
        sample_layers["roads"], crs, QgsProject.instance().transformContext(), "road_class"
    )
    network = RoadNetwork.from_polylines(roads.polylines)
    x, y = grid.centre_of(cells[:, 0], cells[:, 1])
    snapped = network.snap(x, y, [f"s{i}" for i in range(len(x))], None)
    access = access_times(
        Router.for_mode(network, std.mode), snapped, grid, session.cost, max(std.thresholds)
    )
    ref = coverage_table(people(sample_layers), access.times, std.thresholds)
    np.testing.assert_allclose(controller.last_update.summary.covered, ref.covered, atol=1e-6)
    assert controller.last_update.summary.covered[-1] > 0


def test_the_straight_line(planner, sample_layers):
    controller, _ = planner
    with_settings(controller, travel_model="straight", straight_kmh=12.0, facilities="")
    built(planner)
    session, cells = place(controller)
    std = controller.settings().service_standard()
    times = straight_line_times(
        session.grid.shape,
        session.grid.cell_size,
        cells[:, 0],
        cells[:, 1],
        12.0,
        max_minutes=max(std.thresholds),
    )
    ref = coverage_table(people(sample_layers), times, std.thresholds)
    np.testing.assert_allclose(controller.last_update.summary.covered, ref.covered, atol=1e-6)
