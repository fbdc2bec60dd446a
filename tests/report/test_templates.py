"""Layout templates (.qpt): the built-in ones are the code's layouts; sheets built from them, and
from copies a user edited, are exported, rasterised and checked for content and for the edits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    QgsExpressionContextUtils,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemPicture,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProcessingException,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
)
from qgis.PyQt.QtGui import QColor, QFontDatabase
from qgis.PyQt.QtXml import QDomDocument

from mps_planner.core.errors import InputError
from mps_planner.core.scenario import ScenarioResults
from mps_planner.report.atlas import atlas_pages, district_extents, export_atlas
from mps_planner.report.layout_items import MM
from mps_planner.report.model import AtlasModel, NoticeSet, SheetModel, TableModel
from mps_planner.report.notices import export_notices, notices_from_rows, stop_places
from mps_planner.report.planning_map import TEMPLATE_IDS, build_planning_map
from mps_planner.report.tables import coverage_by_district
from mps_planner.report.templates import (
    BUILTIN,
    TEMPLATE_DIR,
    builtin_template,
    kind_name,
    layout_items,
)
from scripts.make_templates import template_layouts

from .reference import DISTRICTS, core_table, pdf_pages, rasterise, stop_rows

A3_LANDSCAPE = TEMPLATE_DIR / "planning_map_A3_landscape.qpt"
SERIF = "Noto Serif CJK SC"  # from fonts-noto-cjk, like the templates' Noto Sans CJK SC
DPI = 50


def _items(layout) -> list[QgsLayoutItem]:
    return layout_items(layout)


def summary(layout) -> dict[str, tuple]:
    """Every named item: its kind and where it is on its page (mm, to 0.5 mm); a scale bar's
    size follows its map's scale, so only where it starts counts."""
    out = {}
    for item in _items(layout):
        if item.id():
            at, box = item.pagePos(), item.rect()
            place = (at.x(), at.y(), box.width(), box.height())
            if kind_name(item) == "a scale bar":
                place = place[:2]
            out[item.id()] = (kind_name(item), item.page(), *(round(v * 2) / 2 for v in place))
    return out


def load(path: Path, project) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    doc = QDomDocument()
    doc.setContent(path.read_text(encoding="utf-8"))
    _, ok = layout.loadFromTemplate(doc, QgsReadWriteContext())
    assert ok
    return layout


def rgb_pages(pdf: Path, out: Path, dpi: int = DPI) -> list[np.ndarray]:
    """Every page as an RGB array (pdftoppm's binary PPM)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), str(pdf), str(out / "rgb")], check=True)
    pages = []
    for path in sorted(out.glob("rgb-*.ppm")):
        raw = path.read_bytes()
        parts = raw.split(b"\n", 3)
        w, h = (int(v) for v in parts[1].split())
        pages.append(np.frombuffer(parts[3][: w * h * 3], dtype=np.uint8).reshape(h, w, 3))
    return pages


def colour_box_mm(page: np.ndarray, colour: tuple[int, int, int], tol: int = 25):
    """(x0, y0, x1, y1) in mm of the pixels of ``colour``, and how many there are."""
    mask = np.all(np.abs(page.astype(int) - np.array(colour)) <= tol, axis=2)
    rows, cols = np.nonzero(mask)
    if not len(rows):
        return None, 0
    px = 25.4 / DPI
    return (cols.min() * px, rows.min() * px, (cols.max() + 1) * px, (rows.max() + 1) * px), len(
        rows
    )


def assert_inside(box, rect, tol=1.6):
    x, y, w, h = rect
    assert box[0] >= x - tol and box[1] >= y - tol, (box, rect)
    assert box[2] <= x + w + tol and box[3] <= y + h + tol, (box, rect)


def flat(text: str) -> str:
    """A cell's text without the line breaks and spaces the fitting put in."""
    return text.replace("\n", "").replace(" ", "")


def table_texts(frame) -> list[list[str]]:
    return [[flat(c.content()) for c in row] for row in frame.multiFrame().tableContents()]


def blue_square_svg(path: Path) -> Path:
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        '<rect width="100" height="100" fill="#0000ff"/></svg>'
    )
    return path


def edit_planning_template(project, tmp_path: Path) -> tuple[Path, dict]:
    """What a user does in the layout designer: move and resize the legend (and give it a
    yellow background), set the title in another font, add a red label and a logo."""
    layout = load(A3_LANDSCAPE, project)
    legend = layout.itemById("legend")
    legend.attemptMove(QgsLayoutPoint(20, 150, MM))
    legend.attemptResize(QgsLayoutSize(70, 60, MM))
    legend.setBackgroundEnabled(True)
    legend.setBackgroundColor(QColor(255, 255, 0))
    title = layout.itemById("title")
    font = title.font()
    font.setFamily(SERIF)
    font.setPointSizeF(16)
    title.setFont(font)
    label = QgsLayoutItemLabel(layout)
    label.setText("县卫生健康委员会 County health bureau")
    label.setFont(font)
    label.setFontColor(QColor(255, 0, 0))
    layout.addLayoutItem(label)
    label.attemptMove(QgsLayoutPoint(200, 10, MM))
    label.attemptResize(QgsLayoutSize(80, 9, MM))
    logo = QgsLayoutItemPicture(layout)
    logo.setPicturePath(str(blue_square_svg(tmp_path / "logo.svg")))
    layout.addLayoutItem(logo)
    logo.attemptMove(QgsLayoutPoint(180, 9, MM))
    logo.attemptResize(QgsLayoutSize(12, 12, MM))
    path = tmp_path / "my_planning_map.qpt"
    assert layout.saveAsTemplate(str(path), QgsReadWriteContext())
    return path, {"legend": (20, 150, 70, 60), "label": (200, 10, 80, 9), "logo": (180, 9, 12, 12)}


# -- the built-in templates ---------------------------------------------------------------


def test_committed_templates_are_the_code_layouts(qgis_app):
    """scripts/make_templates.py was run after the last change of a sheet's layout."""
    project, layouts = template_layouts()
    committed = {p.stem for p in TEMPLATE_DIR.glob("*.qpt")}
    assert committed == {stem for stem, _ in layouts}
    for stem, layout in layouts:
        assert summary(load(TEMPLATE_DIR / f"{stem}.qpt", project)) == summary(layout), (
            f"{stem}.qpt differs from the code's layout: run scripts/make_templates.py"
        )
    ids = set(summary(load(A3_LANDSCAPE, project)))
    assert set(TEMPLATE_IDS) <= ids  # every id the planning map fills is in its template


def test_planning_map_from_the_builtin_template(project, tmp_path):
    project, districts, stops = project
    results = ScenarioResults.from_table(core_table())
    made = build_planning_map(
        project,
        results,
        layer_ids=[stops.id(), districts.id()],
        title="测试旗 — planning map",
        local_names=dict(DISTRICTS),
        pdf_path=tmp_path / "map.pdf",
        csv_dir=tmp_path,
        dpi=60,
        language="en",
        template=BUILTIN,
    )
    layout = made.layout
    assert project.layoutManager().layoutByName("Planning map") is layout
    assert pdf_pages(tmp_path / "map.pdf") == 1
    info = subprocess.run(["pdfinfo", str(tmp_path / "map.pdf")], capture_output=True, text=True)
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))
    assert "(A3)" in size and float(size.split()[2]) > float(size.split()[4])  # landscape
    (page,) = rasterise(tmp_path / "map.pdf", tmp_path / "pages")
    assert page.std() > 8 and (page < 128).mean() > 0.003
    main = layout.itemById("main_map")
    assert [layer.id() for layer in main.layers()] == [stops.id(), districts.id()]
    assert main.extent().contains(districts.extent())
    assert layout.itemById("title").text().replace("\n", " ") == "测试旗 — planning map"
    assert not layout.itemById("subtitle").isVisible()  # no subtitle given
    model = coverage_by_district(results, dict(DISTRICTS), "en")
    texts = table_texts(layout.itemById("table"))
    assert texts == [[flat(h) for h in model.headers]] + [[flat(c) for c in r] for r in model.rows]
    assert (tmp_path / "coverage_by_district.csv").exists()


def test_edited_template_keeps_the_edits_and_refreshes_the_content(project, tmp_path):
    project, districts, stops = project
    path, edits = edit_planning_template(project, tmp_path)
    results = ScenarioResults.from_table(core_table())
    made = build_planning_map(
        project,
        results,
        layer_ids=[stops.id(), districts.id()],
        title="测试旗",
        pdf_path=tmp_path / "edited.pdf",
        dpi=60,
        language="en",
        template=path,
    )
    layout = made.layout
    legend = layout.itemById("legend")
    at = legend.pagePos()
    assert (at.x(), at.y(), legend.rect().width(), legend.rect().height()) == pytest.approx(
        edits["legend"], abs=0.01
    )
    assert legend.model().rootGroup().findLayerIds() == [stops.id(), districts.id()]
    title = layout.itemById("title")
    assert title.font().family() == SERIF and title.font().pointSizeF() == 16
    assert title.text() == "测试旗"
    added = [
        i
        for i in _items(layout)
        if isinstance(i, QgsLayoutItemLabel) and "County health" in i.text()
    ]
    assert len(added) == 1 and added[0].fontColor() == QColor(255, 0, 0)
    # The content is this scenario's, not the template's placeholders.
    model = coverage_by_district(results, None, "en")
    assert table_texts(layout.itemById("table"))[1:] == [[flat(c) for c in r] for r in model.rows]
    assert [layer.id() for layer in layout.itemById("main_map").layers()] == [
        stops.id(),
        districts.id(),
    ]

    assert pdf_pages(tmp_path / "edited.pdf") == 1
    (page,) = rgb_pages(tmp_path / "edited.pdf", tmp_path / "rgb")
    assert page.std() > 8
    yellow, n_yellow = colour_box_mm(page, (255, 255, 0), tol=10)
    assert n_yellow > 1000
    assert_inside(yellow, edits["legend"])
    assert yellow[2] - yellow[0] > 60 and yellow[3] - yellow[1] > 50  # the whole legend box
    red, n_red = colour_box_mm(page, (255, 0, 0))
    assert n_red > 20
    assert_inside(red, edits["label"])
    blue, n_blue = colour_box_mm(page, (0, 0, 255))
    assert n_blue > 100
    assert_inside(blue, edits["logo"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("just some text", "not a QGIS layout template: it is not XML"),
        ("<!DOCTYPE qgis><qgis version='3.22'><renderer-v2/></qgis>", "it holds <qgis>"),
        ("<Composer><Composition/></Composer>", "QGIS 2 composer template"),
        ("<Layout name='empty'/>", "has no item with the id 'main_map' \\(the main map\\)"),
    ],
)
def test_bad_templates_are_explained(project, tmp_path, content, message):
    project, districts, stops = project
    path = tmp_path / "bad.qpt"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        build_planning_map(
            project,
            ScenarioResults.from_table(core_table()),
            layer_ids=[districts.id()],
            template=path,
            pdf_path=tmp_path / "x.pdf",
        )
    assert not (tmp_path / "x.pdf").exists()


def test_template_whose_main_map_is_gone_or_is_not_a_map(project, tmp_path):
    project, districts, stops = project
    results = ScenarioResults.from_table(core_table())
    layout = load(A3_LANDSCAPE, project)
    layout.itemById("main_map").setId("my map")
    layout.saveAsTemplate(str(tmp_path / "renamed.qpt"), QgsReadWriteContext())
    with pytest.raises(InputError, match=r"no item with the id 'main_map'.*Item ID"):
        build_planning_map(
            project, results, layer_ids=[districts.id()], template=tmp_path / "renamed.qpt"
        )
    layout.itemById("title").setId("main_map")
    layout.saveAsTemplate(str(tmp_path / "label.qpt"), QgsReadWriteContext())
    with pytest.raises(InputError, match="'main_map' is a label, but the sheet puts a map"):
        build_planning_map(
            project, results, layer_ids=[districts.id()], template=tmp_path / "label.qpt"
        )
    with pytest.raises(InputError, match="no built-in planning map template for A5"):
        builtin_template("planning_map", "A5", True)


def test_content_without_a_place_in_the_template_is_reported(project, tmp_path):
    project, districts, stops = project
    tables = [
        TableModel("First", ["District", "People"], [["Bayan Sumu", "1,200"]]),
        TableModel("Second", ["District", "Stops"], [["Bayan Sumu", "3"]], csv_name="s.csv"),
    ]
    sheet = SheetModel("Two tables", layer_ids=[districts.id()], tables=tables)
    made = build_planning_map(project, sheet, template=A3_LANDSCAPE)
    assert table_texts(made.layout.itemById("table"))[1] == ["BayanSumu", "1,200"]
    assert any("no table 'table_2' for 'Second'" in m and "s.csv" in m for m in made.messages)
    assert not made.layout.itemById("chart").isVisible()  # no chart in this sheet


# -- atlas and stop notices -----------------------------------------------------------------


def test_atlas_from_the_template_one_page_per_district(project, tmp_path):
    project, districts, stops = project
    results = ScenarioResults.from_table(core_table())
    places = stop_places(stops, "name", "name_zh", None, districts)
    notices = notices_from_rows(stop_rows(3, 4), places)
    pages = atlas_pages(results, district_extents(districts), notices, dict(DISTRICTS))
    atlas = AtlasModel(
        "Test atlas", pages, [stops.id(), districts.id()], district_layer_id=districts.id()
    )
    layout, _ = export_atlas(
        project, atlas, tmp_path / "atlas.pdf", dpi=50, language="en", template=BUILTIN
    )
    assert (
        layout.pageCollection().pageCount() == len(DISTRICTS) == pdf_pages(tmp_path / "atlas.pdf")
    )
    for page in rasterise(tmp_path / "atlas.pdf", tmp_path / "pages"):
        assert page.std() > 8 and (page < 128).mean() > 0.003
    extents = district_extents(districts)
    for k, (name, _) in enumerate(DISTRICTS):
        item = layout.itemById(f"atlas_map_{k + 1}")
        assert item.page() == k
        assert item.extent().contains(QgsRectangle(*extents[name]))
        scope = QgsExpressionContextUtils.layoutItemScope(item)
        assert scope.variable("mps_district") == name
        assert layout.itemById(f"title_{k + 1}").page() == k
    # the empty district has no stops: its timetable says so, the others show theirs
    assert (
        layout.itemById("no_stops_3").isVisible() and not layout.itemById("timetable_3").isVisible()
    )
    assert (
        layout.itemById("timetable_1").isVisible() and not layout.itemById("no_stops_1").isVisible()
    )


def test_stop_notices_from_an_edited_template(project, tmp_path):
    project, districts, stops = project
    layout = load(TEMPLATE_DIR / "stop_notice_A5_portrait.qpt", project)
    phone = QgsLayoutItemLabel(layout)
    phone.setText("Call 0471-1234567")
    phone.setFontColor(QColor(255, 0, 0))
    font = phone.font()
    font.setPointSizeF(12)
    font.setBold(True)
    phone.setFont(font)
    layout.addLayoutItem(phone)
    phone.attemptMove(QgsLayoutPoint(90, 202, MM))  # in the bottom margin
    phone.attemptResize(QgsLayoutSize(50, 7, MM))
    layout.saveAsTemplate(str(tmp_path / "notice.qpt"), QgsReadWriteContext())

    places = stop_places(stops, "name", "name_zh", None, districts)
    notices = notices_from_rows(stop_rows(2, 5), places, stops=range(3))
    ns = NoticeSet(notices, [stops.id(), districts.id()], service_title="Mobile clinic")
    built, _ = export_notices(
        project, ns, tmp_path / "n.pdf", dpi=50, language="en", template=tmp_path / "notice.qpt"
    )
    assert pdf_pages(tmp_path / "n.pdf") == 3
    size = built.pageCollection().page(0).pageSize()
    assert (round(size.width()), round(size.height())) == (148, 210)
    phones = [
        i for i in _items(built) if isinstance(i, QgsLayoutItemLabel) and i.text() == phone.text()
    ]
    assert sorted(i.page() for i in phones) == [0, 1, 2]  # the user's label on every notice
    for k, notice in enumerate(notices):
        assert built.itemById(f"name_{k + 1}").text().replace("\n", " ") == notice.name
        assert built.itemById(f"stop_map_{k + 1}").page() == k
    assert built.itemById("no_visits_3").isVisible() and not built.itemById("visits_3").isVisible()
    for page in rgb_pages(tmp_path / "n.pdf", tmp_path / "rgb"):
        red, n = colour_box_mm(page, (255, 0, 0))
        assert n > 10
        assert_inside(red, (90, 202, 50, 7))


def test_builtin_template_fonts_are_installed_here(qgis_app):
    """The templates name the font that covers Chinese (make deps installs it)."""
    text = A3_LANDSCAPE.read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" in text and "Noto Sans CJK SC" in QFontDatabase().families()


# -- the Processing algorithm -----------------------------------------------------------------


def test_planningmap_algorithm_with_a_template(mps_processing, tmp_path):
    import processing

    from .test_planning_map_alg import coverage_layer, districts_layer

    project = QgsProject.instance()
    project.clear()
    districts = districts_layer()
    project.addMapLayer(districts)
    project.setCrs(districts.crs())
    path, edits = edit_planning_template(project, tmp_path)
    params = {
        "LAYERS": [districts.id()],
        "TITLE": "Algorithm sheet",
        "COVERAGE": coverage_layer(),
        "DPI": 50,
        "TEMPLATE": str(path),
        "OUTPUT_PDF": str(tmp_path / "m.pdf"),
    }
    out = processing.run("mps_planner:planningmap", params)
    layout = project.layoutManager().layoutByName(out["LAYOUT"])
    assert any(
        isinstance(i, QgsLayoutItemLabel) and "County health" in i.text() for i in _items(layout)
    )
    assert pdf_pages(tmp_path / "m.pdf") == 1
    (page,) = rgb_pages(tmp_path / "m.pdf", tmp_path / "rgb")
    yellow, n = colour_box_mm(page, (255, 255, 0), tol=10)
    assert n > 1000
    assert_inside(yellow, edits["legend"])

    (tmp_path / "notes.qpt").write_text("not a layout", encoding="utf-8")
    params.update(TEMPLATE=str(tmp_path / "notes.qpt"), OUTPUT_PDF=str(tmp_path / "bad.pdf"))
    with pytest.raises(QgsProcessingException, match=r"'notes\.qpt' is not a QGIS layout template"):
        processing.run("mps_planner:planningmap", params)
    assert not (tmp_path / "bad.pdf").exists()
    project.clear()
