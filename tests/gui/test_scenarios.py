"""Scenarios: saved in the planner's GeoPackage, back after saving and reopening the .qgz,
switched (undoably) and compared side by side with a map of who gains and who loses."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsPointXY, QgsProject

from mps_planner.core.scenario import Scenario, ScenarioResults, Site
from mps_planner.core.standards import PRESETS
from mps_planner.qgis_io.scenario_io import (
    delete_scenario,
    load_scenario,
    load_scenarios,
    save_scenario,
)

from .conftest import built, wait_idle

FIRST = [(500_000.0, 4_800_000.0), (545_000.0, 4_840_000.0)]
THIRD = (470_000.0, 4_845_000.0)


def test_scenario_io_replaces_by_name_and_keeps_order(tmp_path):
    gpkg = tmp_path / "plan.gpkg"
    assert load_scenarios(gpkg) == []
    results = ScenarioResults([30.0], 10.0, [4.0], ["北", "south"], [6.0, 4.0], [[3.0], [1.0]])
    one = Scenario("一", PRESETS["clinic"], [Site("s1", 1.0, 2.0, name="站 1")], results)
    two = Scenario("two", PRESETS["police"], [], None, notes="it's")
    save_scenario(gpkg, one)
    save_scenario(gpkg, two)
    save_scenario(gpkg, Scenario("一", PRESETS["clinic"], [], results, notes="again"))
    assert [s.name for s in load_scenarios(gpkg)] == ["一", "two"]
    again = load_scenario(gpkg, "一")
    assert again.notes == "again" and again.results.zone_names == ["北", "south"]
    delete_scenario(gpkg, "two")
    assert [s.name for s in load_scenarios(gpkg)] == ["一"]


def difference_sum(layer) -> float:
    data = gdal.Open(layer.source()).ReadAsArray().astype(np.float64)
    return float(data.sum())


def test_scenarios_round_trip_through_saving_and_reopening_the_project(
    planner, tmp_path, qgis_iface
):
    controller, dock = built(planner)
    for xy in FIRST:
        controller.add_site(QgsPointXY(*xy))
        wait_idle(controller)
    actions = controller.scenarios
    a = actions.save("Two stops")
    controller.add_site(QgsPointXY(*THIRD))
    wait_idle(controller)
    b = actions.save("Three stops")
    assert a is not None and b is not None
    assert dock.scenarios.list.count() == 2
    assert np.all(np.array(b.results.covered) >= np.array(a.results.covered))

    project = QgsProject.instance()
    path = tmp_path / "plan.qgz"
    assert project.write(str(path))
    wait_idle(controller)
    gpkg = tmp_path / "plan_mps_planner.gpkg"
    assert gpkg.exists(), "the stops and scenarios were not moved beside the project"
    assert controller.stops_layer().source().startswith(str(gpkg))

    project.clear()
    wait_idle(controller)
    assert controller.session is None and controller.stops_layer() is None
    assert project.read(str(path))
    wait_idle(controller)  # the model is rebuilt from the saved settings
    assert controller.session is not None
    assert controller.settings().road_field == "road_class"
    assert controller.stops_layer().featureCount() == 3
    assert actions.names() == ["Two stops", "Three stops"]
    assert dock.scenarios.list.count() == 2
    assert dock.inputs.roads.currentLayer() is not None
    saved = {s.name: s for s in actions.all()}
    assert saved["Two stops"].results == a.results
    assert [s.key for s in saved["Three stops"].sites] == [s.key for s in b.sites]
    # The reopened plan counts what "Three stops" counted.
    np.testing.assert_allclose(controller.last_update.summary.covered, b.results.covered)

    # Compare side by side: the table and the map of gains and losses.
    comparison = actions.compare("Two stops", "Three stops")
    wait_idle(controller)
    k = controller.session.target_index
    gain = comparison.difference[k]
    assert gain == pytest.approx(b.results.covered[k] - a.results.covered[k])
    table = dock.scenarios.table
    assert table.rowCount() == len(comparison.thresholds) + len(comparison.zone_names)
    assert table.item(k, 3).text() == f"{gain:+,.0f}"
    layers = [
        lyr
        for lyr in project.mapLayers().values()
        if lyr.customProperty("mps_planner/live") == "difference"
    ]
    assert len(layers) == 1
    assert difference_sum(layers[0]) == pytest.approx(gain, abs=0.5)

    # Switch back to the first scenario, then undo the switch.
    assert actions.switch("Two stops")
    wait_idle(controller)
    assert controller.stops_layer().featureCount() == 2
    np.testing.assert_allclose(controller.last_update.summary.covered, a.results.covered)
    controller.undo()
    wait_idle(controller)
    assert controller.stops_layer().featureCount() == 3
    np.testing.assert_allclose(controller.last_update.summary.covered, b.results.covered)


def test_saving_needs_a_name_and_numbers(planner, qgis_iface):
    controller, _ = planner
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert controller.scenarios.save("") is None
    assert controller.scenarios.save("early") is None
    critical = bar.get_messages(2)
    assert len(critical) == 2 and all("Traceback" not in m for m in critical)
