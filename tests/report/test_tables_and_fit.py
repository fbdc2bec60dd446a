"""Report tables equal the core's numbers; tables are fitted to their box whatever the text."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.PyQt.QtGui import QFont, QFontMetrics

from mps_planner.core.coverage import coverage_change
from mps_planner.core.errors import InputError
from mps_planner.core.scenario import Scenario, ScenarioResults, compare
from mps_planner.core.standards import preset
from mps_planner.report.chart import nice_ticks
from mps_planner.report.layer_styles import cjk_font_family
from mps_planner.report.table_fit import fit_table, text_width_mm
from mps_planner.report.tables import (
    as_results,
    comparison_table,
    coverage_by_district,
    district_coverage,
)
from mps_planner.report.wording import phrase

from .reference import DISTRICTS, LONG_NAME, core_table


def _num(text: str) -> float:
    return float(text.replace(",", "").replace("−", "-").replace("+", ""))


def test_coverage_table_cells_are_the_core_numbers(qgis_app):
    table = core_table()
    results = ScenarioResults.from_table(table)
    local = dict(DISTRICTS)
    model = coverage_by_district(results, local, target=30.0, total_local="县")
    assert model.headers[:3] == ["District", "Name · 名称", "People"]
    assert len(model.rows) == len(DISTRICTS) + 1
    shares = table.zone_share()
    for z, row in enumerate(model.rows[:-1]):
        assert row[0] == table.zone_names[z] and row[1] == local[row[0]]
        assert _num(row[2]) == pytest.approx(table.zone_totals[z], abs=0.5)
        for k in range(len(table.thresholds)):
            if table.zone_totals[z] > 0:
                assert _num(row[3 + k]) == pytest.approx(100 * shares[z, k], abs=0.05)
            else:
                assert row[3 + k] == "–"  # a district with no people: no share, no error
        beyond = table.zone_totals[z] - table.by_zone[z, 0]
        assert _num(row[-1]) == pytest.approx(beyond, abs=0.5)
    total = model.rows[-1]
    assert total[0] == "Total" and total[1] == "县"
    assert _num(total[2]) == pytest.approx(table.total, abs=0.5)
    assert _num(total[-1]) == pytest.approx(table.uncovered[0], abs=0.5)
    # the district rows add up to the total row (people), as the core guarantees
    assert sum(_num(r[2]) for r in model.rows[:-1]) == pytest.approx(table.total, abs=2)


def test_csv_of_a_table_is_utf8_with_bom_and_the_same_cells(tmp_path):
    model = coverage_by_district(ScenarioResults.from_table(core_table()), dict(DISTRICTS))
    raw = model.write_csv(tmp_path / model.csv_name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv

    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == model.headers and rows[1:] == model.rows
    assert "海日罕乌兰联合苏木" in raw.decode("utf-8-sig")


def test_district_without_people_has_dashes_not_errors():
    results = ScenarioResults.from_table(core_table())
    empty = results.zone_names.index("Empty Gobi")
    model = district_coverage(results, empty)
    assert model.note == phrase("no_people")
    assert all(row[2] == "–" for row in model.rows)
    assert all(row[1] == "0" and row[3] == "0" for row in model.rows)


def test_no_scenario_yet_is_explained():
    with pytest.raises(InputError, match="no scenario yet"):
        as_results(None)
    with pytest.raises(InputError, match="has no results yet"):
        as_results(Scenario("Draft", preset("clinic"), []))


def test_difference_table_is_b_minus_a_and_matches_the_gain_raster():
    table = core_table()
    people = np.random.default_rng(3).integers(0, 30, size=(20, 30)).astype(float)
    minutes_a = np.tile(np.arange(30, dtype=float) * 4.0, (20, 1))
    minutes_b = minutes_a[:, ::-1].copy()  # B's site at the other end: some gain, some lose
    change = coverage_change(people, minutes_a, minutes_b, 30.0)
    covered_a = people[minutes_a <= 30].sum()
    covered_b = people[minutes_b <= 30].sum()
    assert change.sum() == pytest.approx(covered_b - covered_a)
    assert (change > 0).any() and (change < 0).any()

    std = preset("clinic")
    a = Scenario("A", std, [], ScenarioResults.from_table(table))
    shifted = ScenarioResults.from_table(table)
    shifted.by_zone = [[v + 10 * (z + 1) for v in row] for z, row in enumerate(shifted.by_zone)]
    shifted.covered = [v + 60 for v in shifted.covered]
    b = Scenario("B", std, [], shifted)
    model = comparison_table(compare(a, b))
    assert model.headers[1:4] == ["≤30 min A", "≤30 min B", "≤30 min B − A"]
    for z, row in enumerate(model.rows[:-1]):
        assert _num(row[3]) == 10 * (z + 1)
        assert _num(row[2]) - _num(row[1]) == pytest.approx(10 * (z + 1), abs=1)
    assert model.rows[-1][3] == "+60"


@pytest.mark.parametrize("width", [30.0, 50.0, 60.0, 90.0, 118.0])
def test_fitted_table_never_runs_past_its_width(qgis_app, width):
    family = cjk_font_family()
    headers = [
        "District",
        "名称",
        "People",
        "≤30 min summer %",
        "≤60 min summer %",
        "Beyond the thirty-minute standard (people)",
    ]
    rows = [[LONG_NAME, "海日罕乌兰联合苏木", "12,345", "99.9", "100.0", "1,234"]] * 5
    numeric = [False, False, True, True, True, True]
    fit = fit_table(headers, rows, width, 200.0, family, numeric)
    assert fit.width <= width + 1e-6
    if width < 50:
        return  # six columns in 3 cm: the table keeps its width (cells clip), nothing more
    for i, w in enumerate(fit.widths):  # every line of every cell inside its column
        cells = [(fit.headers[i], True)] + [(r[i], False) for r in fit.rows]
        for cell, bold in cells:
            for line in cell.split("\n"):
                assert text_width_mm(line, family, fit.font_pt, bold) <= w + 0.05, (line, w)
    if width >= 90:
        assert all("\n" not in r[2] for r in fit.rows)  # numbers do not wrap when there is room
        assert fit.font_pt >= 6.0


def test_rows_that_do_not_fit_are_counted_not_lost_silently(qgis_app):
    rows = [[f"District {i}", f"{i * 1000:,}"] for i in range(80)]
    fit = fit_table(["District", "People"], rows, 60.0, 50.0, cjk_font_family(), [False, True])
    assert 0 < fit.dropped_rows < 80
    assert len(fit.rows) + fit.dropped_rows == 80
    assert fit.height <= 50.0


def test_the_sheet_font_covers_chinese(qgis_app):
    font = QFont(cjk_font_family())
    metrics = QFontMetrics(font)
    assert all(metrics.inFont(ch) for ch in "塔拉淖尔旗巴彦苏木近期服务时间")


def test_chart_ticks_are_round_and_reach_the_top():
    ticks = nice_ticks(149_368)
    assert ticks[0] == 0 and ticks[-1] >= 149_368
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1 and steps.pop() in (25_000, 50_000)
