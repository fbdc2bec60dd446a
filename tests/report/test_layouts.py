"""The sheets are built in a real QGIS, exported, rasterised and checked page by page."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemLabel,
)
from qgis.PyQt.QtCore import QSettings

from mps_planner.core.errors import InputError
from mps_planner.core.scenario import Scenario, ScenarioResults, compare
from mps_planner.core.standards import preset
from mps_planner.report.atlas import atlas_pages, district_extents, export_atlas
from mps_planner.report.comparison import (
    comparison_model,
    export_comparison,
    write_difference_raster,
)
from mps_planner.report.layer_styles import cjk_font_family
from mps_planner.report.model import AtlasModel, NoticeSet
from mps_planner.report.notices import build_notices, export_notices, notices_from_rows, stop_places
from mps_planner.report.planning_map import build_planning_map

from .reference import (
    DISTRICTS,
    LONG_NAME,
    core_table,
    grid,
    pdf_pages,
    rasterise,
    stop_rows,
)


def _not_blank(page: np.ndarray) -> None:
    assert page.std() > 8, "the page is (nearly) blank"
    assert (page < 128).mean() > 0.003, "no dark ink on the page"


def test_planning_map_pdf_png_csv_with_fitted_table(project, tmp_path):
    project, districts, stops = project
    results = ScenarioResults.from_table(core_table())
    made = build_planning_map(
        project,
        results,
        layer_ids=[stops.id(), districts.id()],
        title="测试旗 — planning map",
        local_names=dict(DISTRICTS),
        pdf_path=tmp_path / "map.pdf",
        png_path=tmp_path / "map.png",
        csv_dir=tmp_path,
        dpi=60,
    )
    assert project.layoutManager().layoutByName("Planning map") is made.layout
    assert {p.name for p in made.files} == {"map.pdf", "map.png", "coverage_by_district.csv"}
    assert pdf_pages(tmp_path / "map.pdf") == 1
    (page,) = rasterise(tmp_path / "map.pdf", tmp_path / "pages")
    _not_blank(page)
    # Every item stays on the page; the table's frame is as wide as its column, at most.
    width = made.layout.pageCollection().page(0).pageSize().width()
    frames = [i for i in made.layout.items() if isinstance(i, QgsLayoutFrame)]
    assert frames
    for frame in frames:
        table = frame.multiFrame()
        assert table.totalWidth() <= frame.rect().width() + 0.5
        assert frame.pos().x() + frame.rect().width() <= width - 5
    labels = [i.text() for i in made.layout.items() if isinstance(i, QgsLayoutItemLabel)]
    assert any("测试旗" in t for t in labels)


def test_no_scenario_and_missing_layers_are_explained(project):
    project, districts, _ = project
    with pytest.raises(InputError, match="no scenario yet"):
        build_planning_map(project, None, layer_ids=[districts.id()])
    results = ScenarioResults.from_table(core_table())
    with pytest.raises(InputError, match="no longer in the project: gone_layer"):
        build_planning_map(project, results, layer_ids=["gone_layer", districts.id()])
    with pytest.raises(InputError, match="has no results yet"):
        build_planning_map(project, Scenario("Draft", preset("clinic"), []))


def test_atlas_has_one_page_per_district_each_with_ink(project, tmp_path):
    project, districts, stops = project
    results = ScenarioResults.from_table(core_table())
    places = stop_places(stops, "name", "name_zh", None, districts)
    assert places[1]["district"] == LONG_NAME and places[0]["district"] == "Bayan Sumu"
    notices = notices_from_rows(stop_rows(3, 4), places)
    pages = atlas_pages(results, district_extents(districts), notices, dict(DISTRICTS))
    atlas = AtlasModel(
        "Test atlas", pages, [stops.id(), districts.id()], district_layer_id=districts.id()
    )
    layout, files = export_atlas(project, atlas, tmp_path / "atlas.pdf", dpi=50)
    assert layout.pageCollection().pageCount() == len(DISTRICTS)
    assert pdf_pages(tmp_path / "atlas.pdf") == len(DISTRICTS)
    for page in rasterise(tmp_path / "atlas.pdf", tmp_path / "pages"):
        _not_blank(page)
    # the district pages list their own stops only; the empty district says it has no people
    assert [len(p.timetable.rows) if p.timetable else 0 for p in pages] == [2, 1, 0]
    assert pages[2].coverage.note and pages[2].facts == ["no people"] and not pages[0].facts


def test_stop_notices_one_a5_page_per_stop(project, tmp_path):
    project, districts, stops = project
    places = stop_places(stops, "name", "name_zh", None, districts)
    rows = stop_rows(2, 5)  # the third stop has no visit planned
    notices = notices_from_rows(rows, places, stops=range(3))
    assert [len(n.visits) for n in notices] == [5, 5, 0]
    assert notices[0].visits[0].arrival == "09:00" and notices[1].visits[0].arrival == "09:45"
    ns = NoticeSet(notices, [stops.id(), districts.id()], service_title="Mobile clinic")
    layout, files = export_notices(
        project, ns, tmp_path / "n.pdf", None, tmp_path / "n.csv", dpi=50, language="both"
    )
    size = layout.pageCollection().page(0).pageSize()
    assert (round(size.width()), round(size.height())) == (148, 210)  # A5 portrait
    assert pdf_pages(tmp_path / "n.pdf") == 3
    for page in rasterise(tmp_path / "n.pdf", tmp_path / "pages"):
        _not_blank(page)
    csv_text = (tmp_path / "n.csv").read_bytes()
    assert csv_text.startswith(b"\xef\xbb\xbf") and "巴彦井" in csv_text.decode("utf-8-sig")
    assert len(csv_text.decode("utf-8-sig").strip().splitlines()) == 1 + 10
    with pytest.raises(InputError, match="no mobile stops"):
        build_notices(project, NoticeSet([], [stops.id()]))


def test_notice_text_is_chinese_when_qgis_runs_in_zh_cn(project, tmp_path):
    project, districts, stops = project
    settings = QSettings()
    old = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh_CN")
    try:
        places = stop_places(stops, "name", "name_zh")
        ns = NoticeSet(notices_from_rows(stop_rows(1, 3), places, [0]), [stops.id()])
        layout = build_notices(project, ns)  # language from the locale
    finally:
        settings.setValue("locale/overrideFlag", old[0] or False)
        settings.setValue("locale/userLocale", old[1] or "")
    labels = [i for i in layout.items() if isinstance(i, QgsLayoutItemLabel)]
    texts = [label.text() for label in labels]
    assert "巴彦井" in texts  # the local name is the big title line
    assert "流动服务停靠点" in texts and "近期服务时间" in texts  # Chinese headings
    assert not any("Next visits" in t for t in texts)
    family = cjk_font_family()
    assert "CJK" in family or "Hei" in family or "SC" in family
    assert all(label.font().family() == family for label in labels)
    from mps_planner.report.export import export_layout

    (pdf,) = export_layout(layout, tmp_path / "zh.pdf", dpi=72)
    (page,) = rasterise(pdf, tmp_path / "pages", dpi=72)
    band = page[: int(page.shape[0] * 0.15)]  # the title band: white glyphs on dark blue
    assert (band > 200).mean() > 0.01 and (band < 100).mean() > 0.5


def test_comparison_sheet_with_difference_map(project, tmp_path):
    project, districts, stops = project
    table = core_table()
    a = Scenario("Today", preset("clinic"), [], ScenarioResults.from_table(table))
    better = ScenarioResults.from_table(table)
    better.by_zone = [[v + 5 for v in row] for row in better.by_zone]
    better.covered = [v + 15 for v in better.covered]
    b = Scenario("With stops 有停靠点", preset("clinic"), [], better)
    change = np.zeros(grid().shape)
    change[2:5, 2:5] = 4.0
    change[10, 12] = -3.0
    diff = write_difference_raster(tmp_path / "diff.tif", change, grid(), factor=2)
    project.addMapLayer(diff)
    assert diff.isValid()
    model = comparison_model(
        compare(a, b),
        base_layer_ids=[districts.id()],
        layer_ids_b=[stops.id()],
        difference_layer_id=diff.id(),
    )
    layout, files = export_comparison(
        project, model, tmp_path / "c.pdf", None, tmp_path / "c.csv", dpi=50
    )
    assert pdf_pages(tmp_path / "c.pdf") == 1
    (page,) = rasterise(tmp_path / "c.pdf", tmp_path / "pages")
    _not_blank(page)
    assert model.table.rows[-1][3] == "+15"
    from mps_planner.qgis_io.raster_io import read_raster

    written = read_raster(tmp_path / "diff.tif").array
    assert written.sum() == pytest.approx(change.sum())  # summed onto 2 km cells, same total
