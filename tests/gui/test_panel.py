"""The dock builds, every control explains itself, errors go to the message bar, settings
are kept, and the heavier work runs as cancellable tasks through the solver interface."""

from __future__ import annotations

import time

import numpy as np
import pytest
from qgis.core import QgsPointXY, QgsProject
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QTabBar,
    QTableWidget,
    QWidget,
)

from mps_planner.core.errors import Cancelled
from mps_planner.core.planning_jobs import PLAN_ROUTES, PROPOSE_STOPS, ProposedStops
from mps_planner.definitions import plugin_version
from mps_planner.gui.dialogs.about_dialog import AboutDialog
from mps_planner.gui.panel_settings import load_from_project

from .conftest import built, wait_idle, with_settings

CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QTableWidget)


def controls(widget: QWidget):
    for child in widget.findChildren(QWidget):
        if not isinstance(child, CONTROLS) or child.objectName().startswith("qt_"):
            continue
        parent = child.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QAbstractItemView, QTabBar)):
            continue  # Qt's own parts: a spin box's line edit, a table's corner button …
        yield child


def test_the_panel_builds_and_every_control_has_a_tooltip(planner):
    _, dock = planner
    found = list(controls(dock))
    assert len(found) > 40
    missing = [
        f"{type(w).__name__} '{getattr(w, 'text', lambda: '')()}'"
        for w in found
        if not w.toolTip().strip()
    ]
    assert missing == []
    assert [dock.tabs.tabText(i) for i in range(dock.tabs.count())] == [
        "Inputs",
        "Coverage",
        "Scenarios",
    ]
    assert all(dock.tabs.tabToolTip(i) for i in range(dock.tabs.count()))
    assert plugin_version() in dock.version.text()
    # The buttons of the solvers that are not there yet are off, and say what they will do.
    assert not dock.work.propose.isEnabled() and not dock.work.routes.isEnabled()
    assert "not available" in dock.work.propose.toolTip()


def test_about_shows_the_version_from_metadata():
    dialog = AboutDialog()
    assert plugin_version() in dialog.title.text()
    assert plugin_version() in dialog.text.text()


def test_settings_are_saved_with_the_project_and_shown_again(planner, sample_layers):
    controller, dock = planner
    dock.inputs.winter.setLayer(None)
    dock.standard.preset.setCurrentIndex(dock.standard.preset.findData("police"))
    saved = load_from_project()
    assert saved.population_winter == ""
    assert saved.service_standard().key == "police"
    assert saved.roads == sample_layers["roads"].id()
    dock.inputs.show_settings(saved)
    assert dock.inputs.roads.currentLayer() is sample_layers["roads"]
    assert dock.inputs.road_field.currentField() == "road_class"


def test_errors_go_to_the_message_bar_never_a_traceback(planner, qgis_iface):
    controller, _ = planner
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    with_settings(controller, population_summer="")
    assert controller.build_model() is False
    with_settings(controller, population_summer=QgsProject.instance().mapLayers().popitem()[0])
    controller.build_model()
    wait_idle(controller)
    critical = bar.get_messages(2)
    assert len(critical) >= 2
    assert all("Traceback" not in m for m in critical)
    assert any("population raster" in m for m in critical)


def greedy_proposal(request, progress, cancel):
    """A small maximal-covering heuristic on the plain interface (the test's own solver)."""
    grid = request.grid
    people = request.people.ravel()
    t = request.target_minutes

    def reach(site):
        row, col = grid.cell_of(np.array([site.x]), np.array([site.y]))
        field = request.field_of(int(row[0]), int(col[0]))
        return field.cells[field.minutes <= t]

    covered = np.zeros(people.size, dtype=bool)
    for site in request.existing:
        covered[reach(site)] = True
    pool = list(request.candidates)
    chosen = []
    for i in range(min(request.new_stops, len(pool))):
        if cancel():
            raise Cancelled("cancelled")
        gains = [people[c][~covered[c]].sum() for c in map(reach, pool)]
        chosen.append(pool.pop(int(np.argmax(gains))))
        covered[reach(chosen[-1])] = True
        progress(100.0 * (i + 1) / request.new_stops)
    return ProposedStops(chosen, float(people[covered].sum()), ["greedy, not optimal"])


CANDIDATES = [
    (480_000.0, 4_835_000.0),
    (470_000.0, 4_800_000.0),
    (585_000.0, 4_820_000.0),
    (530_000.0, 4_780_000.0),
]


def test_propose_stops_runs_a_registered_solver_with_progress(planner, qgis_iface):
    controller, dock = built(planner)
    with_settings(controller, count_candidates=False)
    for xy in CANDIDATES:
        controller.add_site(QgsPointXY(*xy), "candidate")
        wait_idle(controller)
    solvers = controller.solvers
    solvers.set_solver(PROPOSE_STOPS, greedy_proposal)
    assert dock.work.propose.isEnabled() and not dock.work.routes.isEnabled()
    seen = []
    solvers.progress.connect(lambda kind, value: seen.append((kind, value)))
    dock.work.count.setValue(2)
    dock.work.propose.click()
    wait_idle(controller)
    assert solvers.last_proposal is not None and len(solvers.last_proposal.sites) == 2
    assert seen and seen[-1] == (PROPOSE_STOPS, 100.0)
    layers = [
        lyr
        for lyr in QgsProject.instance().mapLayers().values()
        if lyr.customProperty("mps_planner/live") == "proposed_stops"
    ]
    assert len(layers) == 1 and layers[0].featureCount() == 2
    # Adopting the proposal makes the live numbers what the solver promised.
    assert dock.work.adopt.isEnabled()
    dock.work.adopt.click()
    wait_idle(controller)
    k = controller.session.target_index
    assert controller.last_update.summary.covered[k] == pytest.approx(
        solvers.last_proposal.covered_people, abs=1e-6
    )


def test_a_running_solver_can_be_cancelled(planner, qgis_iface):
    controller, dock = built(planner)
    controller.add_site(QgsPointXY(*CANDIDATES[0]), "candidate")
    wait_idle(controller)
    started = []

    def slow(request, progress, cancel):
        started.append(True)
        while not cancel():
            time.sleep(0.01)
        raise Cancelled("cancelled")

    controller.solvers.set_solver(PROPOSE_STOPS, slow)
    qgis_iface.messageBar().clear_messages()
    results = []
    controller.solvers.finished.connect(lambda kind, result: results.append(result))
    assert controller.solvers.run(PROPOSE_STOPS, new_stops=1)
    deadline = time.monotonic() + 10
    while not started and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert dock.work.cancel.isEnabled()
    dock.work.cancel.click()
    wait_idle(controller)
    assert results == [None]
    assert controller.solvers.last_proposal is None
    assert qgis_iface.messageBar().get_messages(2) == []  # a cancel is not an error


def test_plan_routes_needs_stops_and_says_so(planner, qgis_iface):
    controller, _ = built(planner)
    calls = []
    controller.solvers.set_solver(PLAN_ROUTES, lambda *args: calls.append(args))
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert controller.solvers.run(PLAN_ROUTES) is False
    assert calls == []
    assert any("mobile stops" in m for m in bar.get_messages(2))


def test_a_fresh_panel_picks_no_layer_by_itself(sample_layers):
    from mps_planner.gui.widgets.inputs_page import InputsPage

    page = InputsPage()
    combos = page.findChildren(QgsMapLayerComboBox)
    assert len(combos) == 12
    assert [c.currentLayer() for c in combos] == [None] * len(combos)


def test_an_edited_standard_is_saved_in_qgis_settings_and_can_be_deleted(planner, monkeypatch):
    from qgis.PyQt.QtWidgets import QInputDialog

    from mps_planner.gui.panel_settings import saved_standards

    controller, dock = planner
    box = dock.standard
    box.thresholds.setText("20, 40")
    box.thresholds.editingFinished.emit()
    assert box.target.value() == 20.0  # the clinic's 30 min target → the nearest threshold
    box.target.setValue(40.0)
    assert controller.settings().service_standard().thresholds == (20.0, 40.0)
    box.target.setValue(25.0)  # a target that is not a threshold becomes one
    assert controller.settings().service_standard().thresholds == (20.0, 25.0, 40.0)
    box.thresholds.setText("20, 40")
    box.thresholds.editingFinished.emit()
    box.target.setValue(40.0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Riders 40", True))
    box.save_button.click()
    saved = saved_standards()
    assert "user_riders_40" in saved
    assert saved["user_riders_40"].thresholds == (20.0, 40.0)
    assert saved["user_riders_40"].target_minutes == 40.0
    assert box.preset.currentData() == "user_riders_40" and box.delete_button.isEnabled()
    assert controller.settings().service_standard().key == "user_riders_40"
    box.delete_button.click()
    assert "user_riders_40" not in saved_standards()
    assert box.preset.currentData() == "clinic"
