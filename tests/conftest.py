"""Shared test set-up: headless Qt and QGIS's Processing plugins on the path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
for extra in (str(REPO), "/usr/share/qgis/python/plugins"):
    if extra not in sys.path:
        sys.path.append(extra)


def _registered():
    """Register the mps_planner provider if QGIS has none; yield it; remove what was added."""
    from qgis.core import QgsApplication

    from mps_planner.processing.provider import MpsPlannerProvider

    registry = QgsApplication.processingRegistry()
    added = None
    if registry.providerById("mps_planner") is None:
        added = MpsPlannerProvider()
        registry.addProvider(added)
    yield registry.providerById("mps_planner")
    if added is not None:
        registry.removeProvider(added)


@pytest.fixture(scope="module")
def provider(qgis_app, qgis_processing):
    """The mps_planner provider for a module's tests (removed after the module)."""
    yield from _registered()


@pytest.fixture
def mps_processing(qgis_app, qgis_processing):
    """Processing with the mps_planner provider registered for one test, then removed, so
    that the plugin load/unload tests find the registry as QGIS leaves it."""
    yield from _registered()
