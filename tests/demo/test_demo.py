"""The demo runs end to end (coarse and small, to stay fast) and writes what it promises."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from demo.context import SummaryTable
from demo.steps.summary import display_width, format_table

REPO = Path(__file__).resolve().parents[2]


def test_summary_table_collects_columns_by_district():
    table = SummaryTable()
    table.add_column("Pop.", {"Bayan Sumu": 1234.4, "Total": 1234.4})
    table.add_column("名称", {"Bayan Sumu": "巴彦苏木"})
    model = table.table("t")
    assert model.headers == ["District", "Pop.", "名称"]
    assert model.rows == [["Bayan Sumu", "1,234", "巴彦苏木"], ["Total", "1,234", ""]]


def test_terminal_table_aligns_chinese_by_display_width():
    assert display_width("巴彦苏木") == 8 and display_width("Bayan") == 5
    lines = format_table(["District", "名称"], [["Bayan", "巴彦苏木"], ["Tal Nuur", "塔拉淖尔旗"]])
    widths = {display_width(line) for line in lines.splitlines()}
    assert len(widths) == 1  # every line equally wide on screen


@pytest.mark.slow
def test_demo_writes_map_gpkg_and_summary(tmp_path):
    out = tmp_path / "demo"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-m", "demo", "--out", str(out), "--cell-size", "1000", "--dpi", "40"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    for name in (
        "sample_region.gpkg",
        "planning_map.png",
        "planning_map.pdf",
        "summary.csv",
        "atlas.pdf",
        "scenario_comparison.pdf",
        "coverage_by_district.csv",
        "scenario_difference.csv",
    ):
        assert (out / name).stat().st_size > 300, name
    assert (out / "planning_map.pdf").read_bytes().startswith(b"%PDF")
    from tests.report.reference import pdf_pages

    assert pdf_pages(out / "atlas.pdf") == 6  # one page per district
    if "stop notices left out" not in run.stdout:  # the mobile step is there
        assert (out / "stop_notices.pdf").exists()
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:2] == ["District", "名称"]
    assert rows[-1][0] == "Total" and len(rows) == 1 + 6 + 1  # header, six districts, total
    total = rows[-1][rows[0].index("Pop. winter")]
    assert total == "150,000" and total in run.stdout
    # Fixed, + mobile and not covered split each district's people (to rounding).
    head = rows[0]
    for season in ("summer", "winter"):
        for row in rows[1:]:
            parts = [f"≤30 min {season} %", f"+Mobile {season} %", f"Not covered {season} %"]
            assert abs(sum(float(row[head.index(c)]) for c in parts) - 100.0) < 0.2, row[0]
    for name in ("mobile_driver_timetable_summer.csv", "mobile_stop_notices_winter.csv"):
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and "嘎查".encode() in raw, name
    assert "Mobile clinic (summer)" in run.stdout and "Summer plan in winter" in run.stdout
