"""Editing stops on the map: the layer, the numbers (exactly the core's), undo and redo."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsRectangle
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from mps_planner.core.coverage import coverage_table
from mps_planner.core.snapping import snap_sites
from mps_planner.core.traveltime import travel_times
from mps_planner.qgis_io.layer_snapshot import TransformContext
from mps_planner.qgis_io.population_io import population_on_grid
from mps_planner.qgis_io.speed_io import build_from_layers
from mps_planner.qgis_io.vectors_io import read_points
from mps_planner.qgis_io.zones_io import rasterize_zones

from .conftest import built, wait_idle

# Three places in the sample county, away from the river (UTM 49N).
STOPS = [(500_000.0, 4_800_000.0), (545_000.0, 4_840_000.0), (560_000.0, 4_795_000.0)]
MOVED = (480_000.0, 4_835_000.0)


def mouse(canvas, kind, point: QgsPointXY):
    """A mouse event at the pixel of a map point."""
    pixel = canvas.getCoordinateTransform().transform(point)
    where = QPoint(round(pixel.x()), round(pixel.y()))
    buttons = Qt.LeftButton if kind != QEvent.MouseButtonRelease else Qt.NoButton
    return QgsMapMouseEvent(canvas, kind, where, Qt.LeftButton, buttons)


def stop_points(controller):
    layer = controller.stops_layer()
    return {f["stop_id"]: f.geometry().asPoint() for f in layer.getFeatures()}


def reference_table(controller, sample_layers, stop_xy):
    """Coverage computed afresh, without the panel: speed surface, population, districts,
    facilities and stops read again, travel times of all sites at once, a coverage table."""
    settings = controller.settings()
    std = settings.service_standard()
    source = sample_layers["population_summer"].source()
    from mps_planner.gui.tasks.build_model import _projected_grid

    grid = _projected_grid(source)
    people = population_on_grid(source, grid=grid).population.layer()
    surface, _ = build_from_layers(
        grid,
        std.mode,
        landcover_source=sample_layers["landcover"].source(),
        roads=sample_layers["roads"],
        road_field="road_class",
        barriers=sample_layers["rivers"],
        bridges=sample_layers["bridges"],
        context=TransformContext(),
    )
    facilities = read_points(sample_layers["facilities"], grid, fields=["service"])
    keep = [s in ("clinic", "hospital") for s in facilities.attributes["service"]]
    x = np.concatenate([facilities.x[keep], [p[0] for p in stop_xy]])
    y = np.concatenate([facilities.y[keep], [p[1] for p in stop_xy]])
    sites = snap_sites(grid, surface.passable, x, y, settings.snap_m)
    times = travel_times(surface.cost_grid(), sites.rows, sites.cols, max(std.thresholds))
    zones = rasterize_zones(sample_layers["districts"], grid, name_field="name")
    return coverage_table(people, times, std.thresholds, zones.labels, zones.names)


def assert_same_numbers(summary, table):
    np.testing.assert_allclose(summary.covered, table.covered, rtol=0, atol=1e-6)
    np.testing.assert_allclose(summary.uncovered, table.uncovered, rtol=0, atol=1e-6)
    np.testing.assert_allclose(summary.by_zone, table.by_zone, rtol=0, atol=1e-6)
    assert list(summary.zone_names) == list(table.zone_names)


@pytest.fixture
def canvas(qgis_iface, sample_layers):
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 600)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32649"))
    canvas.setExtent(QgsRectangle(450_000, 4_770_000, 600_000, 4_870_000))
    canvas.refresh()
    return canvas


def test_a_click_adds_a_stop_at_the_map_coordinate(planner, canvas):
    controller, dock = built(planner)
    before = controller.last_update.summary
    action = dock.tools.actions["add_stop"]
    action.trigger()
    tool = canvas.mapTool()
    assert tool is dock.tools.tools["add_stop"]
    event = mouse(canvas, QEvent.MouseButtonRelease, QgsPointXY(*STOPS[0]))
    expected = event.mapPoint()
    tool.canvasReleaseEvent(event)
    wait_idle(controller)
    points = list(stop_points(controller).values())
    assert len(points) == 1
    assert points[0].x() == pytest.approx(expected.x(), abs=1e-6)
    assert points[0].y() == pytest.approx(expected.y(), abs=1e-6)
    # within one pixel of the point asked for
    assert abs(points[0].x() - STOPS[0][0]) <= canvas.mapUnitsPerPixel()
    feature = next(controller.stops_layer().getFeatures())
    assert feature["role"] == "mobile_stop" and feature["name"]
    after = controller.last_update.summary
    assert after.sites == before.sites + 1
    assert np.all(after.covered >= before.covered)  # adding a site never lowers coverage
    # The live rasters hold what the session says.
    bands = controller.layers.layers()["bands"]
    block = bands.dataProvider().block(1, bands.extent(), bands.width(), bands.height())
    values = np.frombuffer(bytes(block.data()), dtype=np.uint8).reshape(bands.height(), -1)
    np.testing.assert_array_equal(values, controller.session.full_window().bands)


def test_moving_a_stop_gives_exactly_the_core_numbers_and_undo_restores(
    planner, canvas, sample_layers
):
    controller, dock = built(planner)
    for xy in STOPS:
        controller.add_site(QgsPointXY(*xy))
        wait_idle(controller)
    assert_same_numbers(
        controller.last_update.summary, reference_table(controller, sample_layers, STOPS)
    )
    before = controller.last_update.summary
    ids = list(stop_points(controller))

    # Drag the second stop with the move tool.
    dock.tools.actions["move"].trigger()
    tool = canvas.mapTool()
    tool.canvasPressEvent(mouse(canvas, QEvent.MouseButtonPress, QgsPointXY(*STOPS[1])))
    tool.canvasMoveEvent(mouse(canvas, QEvent.MouseMove, QgsPointXY(*MOVED)))
    release = mouse(canvas, QEvent.MouseButtonRelease, QgsPointXY(*MOVED))
    tool.canvasReleaseEvent(release)
    wait_idle(controller)
    moved_to = release.mapPoint()
    points = stop_points(controller)
    assert points[ids[1]].x() == pytest.approx(moved_to.x(), abs=1e-6)
    moved = [STOPS[0], (moved_to.x(), moved_to.y()), STOPS[2]]
    after = controller.last_update.summary
    assert_same_numbers(after, reference_table(controller, sample_layers, moved))
    change = controller.last_update.change
    np.testing.assert_allclose(after.covered - before.covered, change.net, atol=1e-6)
    # The panel shows those numbers.
    k = controller.session.target_index
    assert dock.coverage.thresholds.item(k, 1).text() == f"{after.covered[k]:,.0f}"

    controller.undo()
    wait_idle(controller)
    back = stop_points(controller)[ids[1]]
    assert (back.x(), back.y()) == pytest.approx(STOPS[1], abs=1e-6)
    np.testing.assert_array_equal(controller.last_update.summary.covered, before.covered)
    np.testing.assert_array_equal(controller.last_update.summary.by_zone, before.by_zone)

    controller.redo()
    wait_idle(controller)
    np.testing.assert_array_equal(controller.last_update.summary.covered, after.covered)


def test_delete_tool_and_undo_of_a_delete(planner, canvas):
    controller, dock = built(planner)
    baseline = controller.last_update.summary.covered.copy()
    controller.add_site(QgsPointXY(*STOPS[2]))
    wait_idle(controller)
    with_stop = controller.last_update.summary.covered.copy()
    dock.tools.actions["delete"].trigger()
    tool = canvas.mapTool()
    tool.canvasReleaseEvent(mouse(canvas, QEvent.MouseButtonRelease, QgsPointXY(*STOPS[2])))
    wait_idle(controller)
    assert controller.stops_layer().featureCount() == 0
    np.testing.assert_array_equal(controller.last_update.summary.covered, baseline)
    controller.undo()
    wait_idle(controller)
    assert controller.stops_layer().featureCount() == 1
    np.testing.assert_array_equal(controller.last_update.summary.covered, with_stop)


def test_newer_requests_supersede_older_ones(planner, sample_layers):
    controller, _ = built(planner)
    stop_id = controller.add_site(QgsPointXY(*STOPS[0]))
    wait_idle(controller)
    path = [(500_000.0 + 4000 * i, 4_800_000.0 + 3000 * i) for i in range(1, 7)]
    updates = []
    controller.coverageUpdated.connect(updates.append)
    for xy in path:  # no waiting: each move is committed, updates pile up
        assert controller.move_site(stop_id, QgsPointXY(*xy))
        controller.request_update()
    wait_idle(controller)
    assert 1 <= len(updates) <= len(path)
    assert_same_numbers(
        controller.last_update.summary, reference_table(controller, sample_layers, [path[-1]])
    )


def test_switching_the_season_recounts_without_rebuilding(planner):
    from .conftest import with_settings

    controller, _ = built(planner)
    session = controller.session
    summer = controller.last_update.summary
    with_settings(controller, season="winter")
    wait_idle(controller)
    assert controller.session is session
    winter = controller.last_update.summary
    assert winter.total == pytest.approx(session.people["winter"].sum())
    assert controller.last_update.season == "winter"
    assert not np.array_equal(winter.covered, summer.covered)


def test_a_stop_in_a_lake_or_off_the_map_is_reported_not_counted(planner, qgis_iface):
    controller, _ = built(planner)
    counted = controller.last_update.summary.sites
    qgis_iface.messageBar().clear_messages()
    controller.add_site(QgsPointXY(300_000.0, 4_700_000.0))  # 150 km away
    wait_idle(controller)
    assert controller.last_update.summary.sites == counted
    warnings = qgis_iface.messageBar().get_messages(1)
    assert any("outside the raster" in w for w in warnings)
