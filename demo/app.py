"""A headless QGIS application for the demo (offscreen Qt, no GUI, no user profile)."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PROCESSING_PLUGINS = "/usr/share/qgis/python/plugins"


@contextmanager
def qgis_application() -> Iterator:
    """Start QGIS without a screen; yields the (empty) project; exits QGIS afterwards.

    QGIS settings go to a throw-away folder, so the demo never touches a user's profile.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    repo = str(Path(__file__).resolve().parents[1])
    for extra in (repo, PROCESSING_PLUGINS):
        if extra not in sys.path:
            sys.path.append(extra)
    with tempfile.TemporaryDirectory(prefix="mps_demo_qgis_") as settings:
        os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", settings)
        from qgis.core import QgsApplication, QgsProject

        app = QgsApplication([], False)
        app.initQgis()
        project = QgsProject.instance()
        try:
            yield project
        finally:
            project.clear()
            app.exitQgis()
