"""The panel's two heavy buttons with the solvers of this version wired in: "Propose stops"
and "Plan routes" run as tasks and load styled layers; Cancel loads nothing (and leaves
the last result as it was); failures go to the message bar, never a traceback."""

from __future__ import annotations

import time
from itertools import combinations

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QCoreApplication

from mps_planner.core.planning_jobs import PLAN_ROUTES, PROPOSE_STOPS
from mps_planner.core.planning_propose import propose_stops
from mps_planner.core.planning_routes import plan_routes
from mps_planner.core.traveltime import travel_times
from mps_planner.gui.solvers import wire_solvers

from .conftest import built, wait_idle, with_settings
from .test_panel import CANDIDATES


def result_layers(role: str):
    return [
        layer
        for layer in QgsProject.instance().mapLayers().values()
        if layer.customProperty("mps_planner/live") == role
    ]


def road_points(roads_layer, picks=(5, 40, 90)):
    """Points 30 m beside the middle vertex of a few roads of the sample."""
    features = list(roads_layer.getFeatures())
    out = []
    for i in picks:
        line = features[i].geometry().asPolyline() or features[i].geometry().asMultiPolyline()[0]
        p = line[len(line) // 2]
        out.append(QgsPointXY(p.x() + 30.0, p.y() + 30.0))
    return out


@pytest.fixture
def wired(planner):
    controller, dock = built(planner)
    wire_solvers(controller)
    return controller, dock


def test_wiring_turns_both_buttons_on(planner):
    controller, dock = planner
    wire_solvers(controller)
    assert controller.solvers.has_solver(PROPOSE_STOPS)
    assert controller.solvers.has_solver(PLAN_ROUTES)
    assert dock.work.propose.isEnabled() and dock.work.routes.isEnabled()
    assert "not available" not in dock.work.propose.toolTip()
    assert "not available" not in dock.work.routes.toolTip()


def people_reached(session, sites) -> float:
    """People within the target of any of ``sites``: one multi-source search on the
    session's cost grid (independent of the cached per-site fields)."""
    placed, _ = session.place(sites, reuse=False)
    rows = [r for r, _, _ in placed.values()]
    cols = [c for _, c, _ in placed.values()]
    target = session.thresholds[session.target_index]
    tt = travel_times(session.cost, rows, cols, max_minutes=target)
    return float(session.people[session.season][tt.minutes <= target].sum())


def test_propose_stops_loads_the_best_pair_of_candidates(wired, qgis_iface):
    controller, dock = wired
    with_settings(controller, count_candidates=False)
    for xy in CANDIDATES:
        controller.add_site(QgsPointXY(*xy), "candidate")
        wait_idle(controller)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    dock.work.count.setValue(2)
    dock.work.propose.click()
    assert controller.solvers.is_running(PROPOSE_STOPS)
    wait_idle(controller)
    proposal = controller.solvers.last_proposal
    assert proposal is not None and len(proposal.sites) == 2
    # Brute force over every pair of candidates, by an independent multi-source search.
    sites = controller.current_sites()
    existing = [s for s in sites if s.role != "candidate"]
    candidates = [s for s in sites if s.role == "candidate"]
    best = max(
        people_reached(controller.session, existing + list(pair))
        for pair in combinations(candidates, 2)
    )
    assert proposal.covered_people == pytest.approx(best)
    (layer,) = result_layers("proposed_stops")
    assert layer.featureCount() == 2
    added = [f["people_added"] for f in sorted(layer.getFeatures(), key=lambda f: f["rank"])]
    assert added == pytest.approx(proposal.added_people)
    assert layer.renderer().symbol().size() > 0  # styled
    assert bar.get_messages(2) == []
    assert any("optimal" in m or "gap" in m for m in bar.get_messages(0))
    assert any("people" in m for m in bar.get_messages(3))  # the success message
    # Adding them to the plan makes the live numbers what was promised.
    assert dock.work.adopt.isEnabled()
    dock.work.adopt.click()
    wait_idle(controller)
    k = controller.session.target_index
    assert controller.last_update.summary.covered[k] == pytest.approx(proposal.covered_people)


def test_plan_routes_loads_routes_by_vehicle_and_the_timetable(wired, qgis_iface, sample_layers):
    controller, dock = wired
    for point in road_points(sample_layers["roads"]):
        controller.add_site(point, "mobile_stop")
        wait_idle(controller)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    results = []
    controller.solvers.finished.connect(lambda kind, result: results.append(result))
    dock.work.days.setValue(14)
    dock.work.routes.click()
    assert controller.solvers.is_running(PLAN_ROUTES)
    wait_idle(controller)
    assert bar.get_messages(2) == []
    (planned,) = results
    assert planned is not None and planned.missing_visits == 0
    (routes,) = result_layers("routes")
    (table,) = result_layers("timetable")
    assert routes.featureCount() == len(planned.routes) > 0
    assert table.featureCount() == len(planned.timetable)
    stop_ids = {s.key for s in controller.current_sites() if s.role == "mobile_stop"}
    visits = []
    for feature in routes.getFeatures():
        keys = feature["stops"].split(", ")
        assert set(keys) <= stop_ids
        visits += keys
        assert feature["minutes"] <= 480.0 + 1e-6
        assert feature["day"] % 7 < 5  # Mon–Fri
        assert len(feature["arrivals"].split(", ")) == len(keys)
        assert feature.geometry().length() == pytest.approx(1000.0 * feature["km"], rel=1e-6)
    # The clinic standard: every 14 days → once in a 14-day period per stop.
    assert sorted(visits) == sorted(stop_ids)
    assert routes.renderer().type() == "categorizedSymbol"  # one colour per vehicle
    assert any("routes planned" in m for m in bar.get_messages(3))


def run_and_cancel(controller, dock, kind, solver, button):
    """Register ``solver``, press ``button``, press Cancel once it has started."""
    started = []

    def watched(request, progress, cancel):
        started.append(True)
        return solver(request, progress, cancel)

    controller.solvers.set_solver(kind, watched)
    results = []
    controller.solvers.finished.connect(lambda k, result: results.append(result))
    button.click()
    deadline = time.monotonic() + 20
    while not started and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    assert started, "the task did not start"
    dock.work.cancel.click()
    wait_idle(controller)
    return results


def wait_for_cancel(real):
    """The real solver, run after Cancel was pressed (it sees cancel() True)."""

    def solver(request, progress, cancel):
        deadline = time.monotonic() + 20
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.005)
        return real(request, progress, cancel)

    return solver


def finish_then_wait(real):
    """The real solver finishing first, then Cancel pressed before the result is shown."""

    def solver(request, progress, cancel):
        result = real(request, progress, lambda: False)
        deadline = time.monotonic() + 20
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.005)
        return result

    return solver


@pytest.mark.parametrize("timing", [wait_for_cancel, finish_then_wait])
def test_cancel_leaves_the_last_proposal_as_it_was(wired, qgis_iface, timing):
    controller, dock = wired
    for xy in CANDIDATES:
        controller.add_site(QgsPointXY(*xy), "candidate")
        wait_idle(controller)
    dock.work.count.setValue(1)
    dock.work.propose.click()
    wait_idle(controller)
    first = controller.solvers.last_proposal
    (layer,) = result_layers("proposed_stops")
    before = [(f["key"], f.geometry().asWkt()) for f in layer.getFeatures()]
    assert len(before) == 1
    qgis_iface.messageBar().clear_messages()
    dock.work.count.setValue(3)
    results = run_and_cancel(
        controller, dock, PROPOSE_STOPS, timing(propose_stops), dock.work.propose
    )
    assert results == [None]
    assert controller.solvers.last_proposal is first
    (layer,) = result_layers("proposed_stops")
    assert [(f["key"], f.geometry().asWkt()) for f in layer.getFeatures()] == before
    assert qgis_iface.messageBar().get_messages(2) == []  # a cancel is not an error
    assert dock.work.propose.isEnabled() and not dock.work.cancel.isEnabled()


@pytest.mark.parametrize("timing", [wait_for_cancel, finish_then_wait])
def test_cancelled_routes_load_nothing(wired, qgis_iface, sample_layers, timing):
    controller, dock = wired
    for point in road_points(sample_layers["roads"]):
        controller.add_site(point, "mobile_stop")
        wait_idle(controller)
    qgis_iface.messageBar().clear_messages()
    results = run_and_cancel(controller, dock, PLAN_ROUTES, timing(plan_routes), dock.work.routes)
    assert results == [None]
    assert result_layers("routes") == [] and result_layers("timetable") == []
    assert qgis_iface.messageBar().get_messages(2) == []
    assert qgis_iface.messageBar().get_messages(3) == []  # no "routes planned"


def test_a_stop_far_from_the_roads_is_named_in_the_message_bar(wired, qgis_iface, sample_layers):
    controller, dock = wired
    far = QgsPointXY(506_000.0, 4_778_000.0)  # grassland in the county, 9 km from any road
    here = QgsGeometry.fromPointXY(far)
    assert min(f.geometry().distance(here) for f in sample_layers["roads"].getFeatures()) > 5e3
    controller.add_site(far, "mobile_stop")
    wait_idle(controller)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    dock.work.routes.click()
    wait_idle(controller)
    errors = bar.get_messages(2)
    assert len(errors) == 1 and "Stop 'Stop 1'" in errors[0]
    assert "from the nearest road" in errors[0] and "Traceback" not in errors[0]
    assert result_layers("routes") == [] and not dock.work.cancel.isEnabled()


def test_propose_without_candidates_says_what_to_do(wired, qgis_iface):
    controller, dock = wired
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    dock.work.propose.click()
    wait_idle(controller)
    assert any("candidate sites first" in m for m in bar.get_messages(2))
    assert result_layers("proposed_stops") == []
