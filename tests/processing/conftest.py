"""Processing with the mps_planner provider registered (once per session)."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication


@pytest.fixture(scope="session")
def mps_processing(qgis_app, qgis_processing):
    from mps_planner.processing.provider import MpsPlannerProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("mps_planner")
    if provider is None:
        provider = MpsPlannerProvider()
        registry.addProvider(provider)
    yield provider
