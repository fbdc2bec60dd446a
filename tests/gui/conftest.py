"""Fixtures for the panel tests: a coarse sample region in a project, a controller, a dock."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication

CELL_SIZE = 500.0
LAYERS = (
    "population_summer",
    "population_winter",
    "landcover",
    "roads",
    "rivers",
    "bridges",
    "facilities",
    "districts",
    "candidates",
)


def wait_idle(controller, timeout: float = 60.0) -> None:
    """Run the event loop until the controller's tasks are done (tests only)."""
    deadline = time.monotonic() + timeout
    # A task queued an instant ago may not have started yet: settle for a few rounds.
    quiet = 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if controller.is_idle():
            quiet += 1
            if quiet > 5:
                return
        else:
            quiet = 0
        time.sleep(0.005)
    raise AssertionError("the planner's tasks did not finish in time")


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory):
    from mps_planner.core.sample_region import generate_sample_region
    from mps_planner.qgis_io.sample_region_io import write_sample_region

    region = generate_sample_region(seed=1, cell_size=CELL_SIZE)
    folder = tmp_path_factory.mktemp("sample")
    return write_sample_region(region, folder / "sample.gpkg")


@pytest.fixture
def sample_layers(qgis_new_project, sample_files):
    from mps_planner.qgis_io.sample_region_io import open_sample_layers

    project = QgsProject.instance()
    layers = open_sample_layers(sample_files, LAYERS)
    for layer in layers.values():
        project.addMapLayer(layer)
    project.setCrs(layers["districts"].crs())
    return layers


@pytest.fixture
def planner(qgis_iface, sample_layers, tmp_path, monkeypatch):
    """A controller and a dock over the sample, with the settings of the clinic standard."""
    from mps_planner.core.standards import PRESETS
    from mps_planner.gui.controller import PlannerController
    from mps_planner.gui.docks.planner_dock import PlannerDock
    from mps_planner.gui.panel_settings import PanelSettings

    monkeypatch.setattr("mps_planner.gui.project_files.unsaved_root", lambda: tmp_path / "unsaved")
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(sample_layers["districts"].crs())
    canvas.setExtent(sample_layers["districts"].extent())
    controller = PlannerController(qgis_iface)
    dock = PlannerDock(controller, canvas)
    settings = PanelSettings(
        population_summer=sample_layers["population_summer"].id(),
        population_winter=sample_layers["population_winter"].id(),
        travel_model="layers",
        landcover=sample_layers["landcover"].id(),
        roads=sample_layers["roads"].id(),
        road_field="road_class",
        barriers=sample_layers["rivers"].id(),
        bridges=sample_layers["bridges"].id(),
        facilities=sample_layers["facilities"].id(),
        facility_service_field="service",
        districts=sample_layers["districts"].id(),
        district_name_field="name",
        standard=PRESETS["clinic"].to_dict(),
    )
    controller.set_settings(settings)
    dock.show_settings()
    yield controller, dock
    wait_idle(controller)
    dock.release()
    controller.unload()
    controller.deleteLater()
    dock.deleteLater()


def built(planner):
    controller, dock = planner
    assert controller.build_model()
    wait_idle(controller)
    assert controller.session is not None, "the model was not built"
    return controller, dock


def with_settings(controller, **changes):
    controller.set_settings(replace(controller.settings(), **changes))
