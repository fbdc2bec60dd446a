"""Copy pages of the demo's sheets, downscaled, to docs/images/ for the README.

Run after `make demo`:  .venv/bin/python scripts/readme_image.py [demo output folder]
Keeps each committed image under 400 KB (they are regenerated, never fetched). PDF pages are
rasterised with pdftoppm (poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIMIT = 400_000
# (source in the demo folder, page of a PDF or None for a PNG, target, widths to try)
IMAGES = [
    ("planning_map.png", None, "demo_planning_map.png", (1600, 1400, 1200, 1000)),
    ("atlas.pdf", 2, "demo_atlas_page.png", (1200, 1000, 900)),
    ("scenario_comparison.png", None, "demo_scenario_comparison.png", (1400, 1200, 1000)),
    ("stop_notices.pdf", 1, "demo_stop_notice.png", (620, 560, 500)),
]


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QGuiApplication, QImage

    app = QGuiApplication([])  # noqa: F841 (QImage scaling needs an application)
    source_dir = Path(argv[0]) if argv else REPO / "outputs" / "demo"
    status = 0
    for name, page, target_name, widths in IMAGES:
        source = source_dir / name
        if not source.exists():
            print(f"skipped {target_name}: no {source}", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            if page is not None:
                stem = Path(tmp) / "page"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        "200",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-png",
                        "-singlefile",
                        str(source),
                        str(stem),
                    ],
                    check=True,
                )
                image = QImage(str(stem) + ".png")
            else:
                image = QImage(str(source))
        target = REPO / "docs" / "images" / target_name
        target.parent.mkdir(parents=True, exist_ok=True)
        for width in widths:
            small = image.scaledToWidth(width, Qt.SmoothTransformation)
            small.convertToFormat(QImage.Format_RGB888).save(str(target), "PNG", 0)
            if target.stat().st_size < LIMIT:
                print(
                    f"{target.relative_to(REPO)}: {width} px, {target.stat().st_size / 1000:.0f} KB"
                )
                break
        else:
            print(f"{target} is still over {LIMIT / 1000:.0f} KB", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
