"""Small inputs for the report tests: a coverage table computed by the core, layers, rows."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import numpy as np

from mps_planner.core.coverage import coverage_table
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.routing.timetable import StopVisitRow, clock
from mps_planner.core.traveltime import TravelTimes

LONG_NAME = "Khairkhan-Ulaan Combined Pastoral Sumu of the Northern Grassland Administrative Area"
DISTRICTS = [
    ("Bayan Sumu", "巴彦苏木"),
    (LONG_NAME, "海日罕乌兰联合苏木"),
    ("Empty Gobi", "空戈壁"),
]
X0, Y0, CELL = 500000.0, 4820000.0, 1000.0  # 30 × 20 km, three districts of 10 km side by side


def grid() -> AnalysisGrid:
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    return AnalysisGrid(srs.ExportToWkt(), (X0, CELL, 0, Y0, 0, -CELL), (20, 30))


def core_table():
    """People in the first two districts (none in the third), travel times growing east."""
    rng = np.random.default_rng(7)
    people = rng.integers(0, 40, size=(20, 30)).astype(float)
    people[:, 20:] = 0.0  # "Empty Gobi" has no people
    zones = np.repeat(np.arange(3), 10)[None, :].repeat(20, axis=0).astype(np.int32)
    minutes = np.tile(np.arange(30, dtype=float) * 4.0, (20, 1))
    minutes[:3, :3] = np.inf  # some people cannot reach any site
    times = TravelTimes(minutes, np.where(np.isfinite(minutes), 0, -1).astype(np.int32), None)
    return coverage_table(people, times, [30.0, 60.0], zones, [d[0] for d in DISTRICTS], 1)


def district_wkt(i: int) -> str:
    x0, x1 = X0 + i * 10 * CELL, X0 + (i + 1) * 10 * CELL
    y0, y1 = Y0 - 20 * CELL, Y0
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def stop_rows(n_stops: int, visits: int, start=dt.date(2026, 6, 1)) -> list[StopVisitRow]:
    rows = []
    for s in range(n_stops):
        for k in range(visits):
            day = 7 * k + s
            a, d = 540.0 + 45 * s, 600.0 + 45 * s
            weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[(start.weekday() + day) % 7]
            rows.append(
                StopVisitRow(
                    s,
                    f"Stop {s}",
                    s,
                    day,
                    start + dt.timedelta(days=day),
                    weekday,
                    a,
                    d,
                    clock(a),
                    clock(d),
                    0,
                    "Mobile clinic 1",
                )
            )
    return rows


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def rasterise(pdf: Path, out: Path, dpi: int = 30) -> list[np.ndarray]:
    """Every page of the PDF as a greyscale array (pdftoppm, from poppler-utils)."""
    assert shutil.which("pdftoppm"), "pdftoppm missing: `make deps` installs poppler-utils"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(out / "page")], check=True)
    pages = []
    for path in sorted(out.glob("page-*.pgm")):
        raw = path.read_bytes()
        # binary PGM: "P5\n<w> <h>\n<max>\n" then the pixels
        parts = raw.split(b"\n", 3)
        w, h = (int(v) for v in parts[1].split())
        pages.append(np.frombuffer(parts[3][: w * h], dtype=np.uint8).reshape(h, w))
    return pages
