"""Write the built-in layout templates, mps_planner/resources/templates/*.qpt, from the layouts
the code builds, so that templates and code stay in step.

Each sheet is built in code from placeholder content with ``template_slots=True`` (every item
at its full size: the table frames take the room the code gives tables, the legend its whole
box), then saved as a template: maps and legends lose the placeholder layers (a map with no
layers of its own shows the project's), pictures are embedded, and the file is written with
sorted attributes and uuids derived from the file name, so that running this again gives the
same bytes. Run it after changing a sheet's layout and commit the result:

    .venv/bin/python scripts/make_templates.py [--out DIR]

``tests/report/test_templates.py`` checks that the committed templates are what this makes.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = REPO / "mps_planner" / "resources" / "templates"
PLANNING_PAPERS = [("A3", True), ("A3", False), ("A4", True), ("A4", False)]
NOTICE_ORIENTATIONS = [False, True]  # A5 portrait, A5 landscape
CRS = "EPSG:32649"
X0, Y0 = 400000.0, 4800000.0
PLACEHOLDER_NOTE = "Notes under the table: rows that did not fit, districts without people."


def _qgis():
    """QGIS, started here when the script runs on its own (tests have it running)."""
    from qgis.core import QgsApplication

    if QgsApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QgsApplication([], False)
        app.initQgis()
        return app
    return None


def placeholder_project():
    """A project with three districts and three stops (memory layers, UTM 49N)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsGeometry,
        QgsPointXY,
        QgsProject,
        QgsVectorLayer,
    )

    from mps_planner.report.layer_styles import style_districts, style_stops

    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(CRS))
    districts = QgsVectorLayer(
        f"Polygon?crs={CRS}&field=name:string&field=name_zh:string", "Districts", "memory"
    )
    features = []
    for i, (name, zh) in enumerate([("District A", "甲区"), ("District B", "乙区"), ("C", "丙")]):
        f = QgsFeature(districts.fields())
        x0, x1 = X0 + i * 10000, X0 + (i + 1) * 10000
        ring = f"{x0} {Y0},{x1} {Y0},{x1} {Y0 - 20000},{x0} {Y0 - 20000},{x0} {Y0}"
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
        f.setAttributes([name, zh])
        features.append(f)
    districts.dataProvider().addFeatures(features)
    style_districts(districts)
    stops = QgsVectorLayer(f"Point?crs={CRS}&field=name:string", "Mobile stops", "memory")
    features = []
    for k in range(3):
        f = QgsFeature(stops.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 5000 + 9000 * k, Y0 - 8000)))
        f.setAttributes([f"Stop {k + 1}"])
        features.append(f)
    stops.dataProvider().addFeatures(features)
    style_stops(stops)
    project.addMapLayers([stops, districts])
    return project, districts, stops


def placeholder_results():
    from mps_planner.core.scenario import ScenarioResults

    return ScenarioResults(
        thresholds=[30.0, 60.0],
        total=12000.0,
        covered=[9000.0, 11000.0],
        zone_names=["District A", "District B", "District C"],
        zone_totals=[6000.0, 4000.0, 2000.0],
        by_zone=[[5500.0, 5900.0], [2800.0, 3700.0], [700.0, 1400.0]],
    )


def placeholder_notice():
    from mps_planner.report.model import StopNotice, Visit

    start = dt.date(2026, 6, 1)
    visits = [
        Visit(start + dt.timedelta(days=7 * k), "Mon", "09:00", "11:30", "Mobile clinic 1")
        for k in range(8)
    ]
    return StopNotice(
        0, "Stop name", "停靠点名称", X0 + 5000, Y0 - 8000, visits, district="District name"
    )


def planning_map_layout(project, districts, stops, paper: str, landscape: bool, name: str):
    from mps_planner.report.model import SheetModel
    from mps_planner.report.planning_map import build_layout
    from mps_planner.report.tables import coverage_by_district, coverage_chart

    results = placeholder_results()
    table = coverage_by_district(results, {"District A": "甲区"}, "en")
    table.note = PLACEHOLDER_NOTE
    sheet = SheetModel(
        title="Title of the planning map: the county, the service",
        subtitle="Subtitle: the standard, the season, what the colours show",
        layer_ids=[stops.id(), districts.id()],
        overview_layer_ids=[districts.id()],
        tables=[table],
        charts=[coverage_chart(results, "en")],
        date_text="Date (filled in when the sheet is made)",
        sources_text="Data sources",
        paper=paper,
        landscape=landscape,
    )
    return build_layout(project, sheet, name, "en", template_slots=True)


def atlas_page_layout(project, districts, stops):
    from mps_planner.report.atlas import build_atlas
    from mps_planner.report.model import AtlasModel, DistrictPage
    from mps_planner.report.tables import district_chart, district_coverage, stops_timetable

    results = placeholder_results()
    coverage = district_coverage(results, 0, "en")
    coverage.note = PLACEHOLDER_NOTE
    page = DistrictPage(
        name="District name",
        name_local="区域名称",
        extent=(X0, Y0 - 20000, X0 + 10000, Y0),
        coverage=coverage,
        chart=district_chart(results, 0, "en"),
        timetable=stops_timetable([placeholder_notice()] * 3, "en"),
        facts=["Facts about the district (e.g. no people)"],
    )
    atlas = AtlasModel(
        "Title of the atlas",
        [page],
        [stops.id(), districts.id()],
        district_layer_id=districts.id(),
        date_text="Date",
        sources_text="Data sources",
    )
    return build_atlas(project, atlas, "District atlas", "en", template_slots=True)


def stop_notice_layout(project, districts, stops, landscape: bool, name: str):
    from mps_planner.report.model import NoticeSet
    from mps_planner.report.notices import build_notices

    notices = NoticeSet(
        [placeholder_notice()],
        [stops.id(), districts.id()],
        service_title="The service (e.g. Mobile clinic)",
        contact="Contact: who runs the service, a phone number",
        date_text="Printed (date)",
        landscape=landscape,
    )
    return build_notices(project, notices, name, "en", template_slots=True)


def _strip_page_suffix(layout) -> None:
    """Items of page 1 are named '<id>_1' in the code's multi-page layouts; a template's
    one page uses the plain ids."""
    for item in _items(layout):
        if item.id().endswith("_1"):
            item.setId(item.id()[:-2])


def _items(layout):
    from qgis.core import QgsLayoutItem, QgsLayoutItemPage

    return [
        i
        for i in layout.items()
        if isinstance(i, QgsLayoutItem) and not isinstance(i, QgsLayoutItemPage)
    ]


def as_template_text(layout, stem: str) -> str:
    """The layout as a template: no layers of the placeholder project, pictures embedded,
    sorted attributes and uuids derived from ``stem`` (the same bytes on every run)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsExpressionContextUtils,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemPicture,
        QgsReadWriteContext,
    )
    from qgis.PyQt.QtXml import QDomDocument

    for item in _items(layout):
        if isinstance(item, QgsLayoutItemMap):
            item.setLayers([])
            item.setKeepLayerSet(False)
            item.setCrs(QgsCoordinateReferenceSystem())
            QgsExpressionContextUtils.setLayoutItemVariables(item, {})
        elif isinstance(item, QgsLayoutItemLegend):
            item.model().rootGroup().clear()
            item.setAutoUpdateModel(True)
        elif isinstance(item, QgsLayoutItemPicture):
            path = item.picturePath()
            if path and not path.startswith("base64:") and Path(path).is_file():
                data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
                item.setPicturePath("base64:" + data)
    doc = QDomDocument()
    element = layout.writeXml(doc, QgsReadWriteContext())
    doc.appendChild(element)
    root = _sorted_attributes(ET.fromstring(doc.toString()))
    ET.indent(root, " ")
    text = ET.tostring(root, encoding="unicode") + "\n"
    from mps_planner.report.templates import _UUID

    mapping: dict[str, str] = {}

    def stable(match) -> str:
        key = match.group(0).lower()
        if key not in mapping:
            name = f"mps_planner/templates/{stem}/{len(mapping)}"
            mapping[key] = f"{{{uuid.uuid5(uuid.NAMESPACE_URL, name)}}}"
        return mapping[key]

    return _UUID.sub(stable, text)


def _sorted_attributes(root: ET.Element) -> ET.Element:
    """Attributes in name order, also in the XML that QGIS keeps inside attribute values
    (text formats of table cells): Qt writes them in an order that changes between runs."""
    for element in root.iter():
        attributes = []
        for name, value in sorted(element.attrib.items()):
            if value.startswith("<"):
                try:
                    inner = _sorted_attributes(ET.fromstring(value))
                    value = ET.tostring(inner, encoding="unicode")
                except ET.ParseError:
                    pass
            attributes.append((name, value))
        element.attrib.clear()
        element.attrib.update(attributes)
    return root


def template_layouts():
    """(file stem, layout) of every built-in template, built in code from placeholders."""
    project, districts, stops = placeholder_project()
    out = []
    for paper, landscape in PLANNING_PAPERS:
        stem = f"planning_map_{paper}_{'landscape' if landscape else 'portrait'}"
        layout = planning_map_layout(project, districts, stops, paper, landscape, stem)
        out.append((stem, layout))
    atlas = atlas_page_layout(project, districts, stops)
    _strip_page_suffix(atlas)
    out.append(("atlas_page_A4_landscape", atlas))
    for landscape in NOTICE_ORIENTATIONS:
        stem = f"stop_notice_A5_{'landscape' if landscape else 'portrait'}"
        notice = stop_notice_layout(project, districts, stops, landscape, stem)
        _strip_page_suffix(notice)
        out.append((stem, notice))
    return project, out


def build_templates(out_dir: Path = TEMPLATE_DIR) -> list[Path]:
    """Write every built-in template to ``out_dir``; returns the files."""
    project, layouts = template_layouts()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, layout in layouts:
        text = as_template_text(layout, stem)
        for layer_id in project.mapLayers():
            assert layer_id not in text, f"{stem} still refers to the placeholder {layer_id}"
        path = out_dir / f"{stem}.qpt"
        tmp = path.with_name(f".{path.name}.partial")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=TEMPLATE_DIR)
    args = parser.parse_args(argv)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    app = _qgis()
    for path in build_templates(args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    if app is not None:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
