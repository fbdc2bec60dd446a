"""Copy the demo's planning map, downscaled, to docs/images/ for the README.

Run after `make demo`:  .venv/bin/python scripts/readme_image.py
Keeps the committed image under 400 KB (it is regenerated, never fetched).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "outputs" / "demo" / "planning_map.png"
TARGET = REPO / "docs" / "images" / "demo_planning_map.png"
LIMIT = 400_000


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QGuiApplication, QImage

    app = QGuiApplication([])  # noqa: F841 (QImage scaling needs an application)
    image = QImage(str(SOURCE))
    if image.isNull():
        print(f"No {SOURCE}; run `make demo` first.", file=sys.stderr)
        return 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    for width in (1600, 1400, 1200, 1000):
        small = image.scaledToWidth(width, Qt.SmoothTransformation)
        small = small.convertToFormat(QImage.Format_RGB888)
        small.save(str(TARGET), "PNG", 0)
        if TARGET.stat().st_size < LIMIT:
            print(f"{TARGET.relative_to(REPO)}: {width} px, {TARGET.stat().st_size / 1000:.0f} KB")
            return 0
    print(f"{TARGET} is still over {LIMIT / 1000:.0f} KB", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
