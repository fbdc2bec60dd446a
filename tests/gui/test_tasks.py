"""The background task: results and errors come back on the main thread as plain messages."""

from __future__ import annotations

import threading
import time

from qgis.PyQt.QtCore import QCoreApplication

from mps_planner.core.errors import Cancelled, InputError
from mps_planner.gui.tasks.plain_task import PlainTask, start


def run(work, on_done=None):
    outcome = {}

    def done(result):
        outcome["done"] = result
        if on_done is not None:
            on_done(result)

    task = PlainTask(
        "test",
        work,
        done,
        lambda message, cancelled: outcome.update(error=message, cancelled=cancelled),
    )
    start(task)
    deadline = time.monotonic() + 20
    while not outcome and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    return task, outcome


def test_the_result_arrives_on_the_main_thread(qgis_app):
    worker = {}

    def work(progress, cancel):
        worker["thread"] = threading.current_thread()
        progress(50.0)
        return 42

    seen = {}

    def done(result):
        seen["thread"] = threading.current_thread()
        seen["result"] = result

    run(work, done)
    assert seen["result"] == 42
    assert seen["thread"] is threading.main_thread()
    assert worker["thread"] is not threading.main_thread()


def test_errors_become_messages_never_tracebacks(qgis_app):
    def explained(progress, cancel):
        raise InputError("Choose a population raster.")

    def broken(progress, cancel):
        return {}["missing"]

    def cancelled(progress, cancel):
        raise Cancelled("stop")

    _, outcome = run(explained)
    assert outcome == {"error": "Choose a population raster.", "cancelled": False}
    _, outcome = run(broken)
    assert "log" in outcome["error"] and "Traceback" not in outcome["error"]
    assert outcome["cancelled"] is False
    _, outcome = run(cancelled)
    assert outcome["cancelled"] is True


def test_a_failure_while_showing_the_result_is_reported(qgis_app):
    def show(result):
        raise RuntimeError("layer gone")

    _, outcome = run(lambda progress, cancel: 1, show)
    assert outcome["done"] == 1
    assert "log" in outcome["error"] and outcome["cancelled"] is False
