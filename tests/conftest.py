"""Shared test set-up: headless Qt and QGIS's Processing plugins on the path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
for extra in (str(REPO), "/usr/share/qgis/python/plugins"):
    if extra not in sys.path:
        sys.path.append(extra)
