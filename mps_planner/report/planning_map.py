"""The planning map: one sheet for decision makers, as a layout in the project.

``build_layout`` turns a ``SheetModel`` into a QGIS print layout (the user can open it in the
layout designer and edit it); ``build_planning_map`` is the one call the panel and the
Processing algorithm make: scenario (or coverage results) → tables, chart → layout → PDF, PNG
and CSV. Text uses a font that covers Chinese when one is installed.

The layout is either built in code, fitted to the content (the default), or loaded from a
layout template (.qpt) whose items are filled by id (``TEMPLATE_IDS``): the built-in
templates are the code's own layout saved by ``scripts/make_templates.py``, and a template
the user edited keeps the edits.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from qgis.core import (
    QgsFillSymbol,
    QgsLayoutItemPicture,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ..core.errors import InputError
from .chart_item import add_chart
from .export import export_layout
from .layer_styles import cjk_font_family
from .layout_items import (
    ACCENT,
    MM,
    MUTED,
    add_band,
    add_fitted_label,
    add_legend,
    add_map,
    add_north_arrow,
    add_scalebar,
    add_table,
    fit_extent,
    layers_extent,
    new_layout,
    project_layers,
)
from .model import SheetModel
from .planning_template import planning_map_from_template, sheet_extent
from .tables import as_results, coverage_by_district, coverage_chart
from .templates import resolve_template, slot
from .wording import check_language, phrase

__all__ = [
    "PlanningMapOutput",
    "build_layout",
    "build_planning_map",
    "export_layout",
    "fit_extent",
]

LAYOUT_NAME = "Planning map"
# The items a planning map template may hold (``main_map`` it must); tables and charts
# beyond the first are ``table_2``, ``chart_2``, ... Other items are left as they are.
TEMPLATE_IDS = (
    "title_band", "title", "subtitle", "main_map", "north_arrow", "scale_bar", "overview",
    "legend", "table_title", "table", "table_note", "chart", "footer",
)  # fmt: skip


def build_layout(
    project: QgsProject,
    sheet: SheetModel,
    name: str,
    language: str = "en",
    *,
    template: str | os.PathLike | None = None,
    messages: list[str] | None = None,
    template_slots: bool = False,
) -> QgsPrintLayout:
    """Create (or replace) the print layout ``name`` in the project from the sheet model.

    Map on the left with north arrow, scale bar and an overview inset; on the right the
    legend, the tables (fitted to the column), the charts and the date and sources.
    ``template``: a .qpt file to load instead and fill by item id (``messages`` gets what
    did not find a place in it). ``template_slots``: every item at its full size (the
    built-in templates are made so).
    """
    layers = project_layers(project, sheet.layer_ids)
    if not layers:
        raise InputError("The planning map has no layers to show; run an analysis first.")
    legend_layers = project_layers(project, sheet.legend_layer_ids or sheet.layer_ids, "legend")
    overview_layers = project_layers(project, sheet.overview_layer_ids, "overview")
    if template is not None:
        return planning_map_from_template(
            project, sheet, name, language, Path(template), layers, legend_layers,
            overview_layers, messages if messages is not None else [],
        )  # fmt: skip
    layout, width, height = new_layout(project, name, sheet.paper, sheet.landscape)
    small = sheet.paper != "A3"
    margin = 8.0 if small else 10.0
    gutter = 6.0 if small else 8.0
    side_w = min(118.0, width * 0.3) if sheet.landscape else width - 2 * margin
    title_size = 14.0 if small else 18.0

    # Title block across the top.
    head_w = width - 2 * margin if not sheet.landscape else width - side_w - gutter - 2 * margin
    with_subtitle = bool(sheet.subtitle) or template_slots
    add_band(
        layout, margin, margin - 1, 1.6, 16 if with_subtitle else 10, ACCENT, item_id="title_band"
    )
    add_fitted_label(
        layout,
        sheet.title,
        margin + 4,
        margin - 2,
        head_w - 4,
        10,
        title_size,
        min_size=10,
        bold=True,
        item_id="title",
    )
    top = margin + 10
    if with_subtitle:
        add_fitted_label(
            layout,
            sheet.subtitle,
            margin + 4,
            margin + 8,
            head_w - 4,
            7,
            9.5,
            min_size=7,
            colour=MUTED,
            item_id="subtitle",
        )
        top = margin + 16
    top += 2

    if sheet.landscape:
        map_x, map_y = margin, top
        map_w = width - side_w - gutter - 2 * margin
        map_h = height - margin - top
        col_x, col_y, col_w, col_bottom = margin + map_w + gutter, margin, side_w, height - margin
    else:
        map_x, map_y, map_w = margin, top, width - 2 * margin
        map_h = (height - top - margin) * 0.58
        col_x, col_y, col_w = margin, top + map_h + gutter, width - 2 * margin
        col_bottom = height - margin

    extent = sheet_extent(sheet, layers)
    main_map = add_map(
        layout, project, layers, extent, map_x, map_y, map_w, map_h, item_id="main_map"
    )
    map_extent = main_map.extent()
    add_north_arrow(layout, map_x + 4, map_y + 4, 15 if not small else 11)
    add_scalebar(
        layout,
        main_map,
        map_x + 4,
        map_y + map_h - (13 if not small else 11),
        map_extent.width(),
        size=8 if not small else 7,
    )
    if overview_layers:
        _overview(layout, project, overview_layers, main_map, map_x, map_y, map_w, map_h, small)

    # Right column (or the lower part of a portrait sheet).
    footer_h = 13.0
    y = col_y
    legend_max = (col_bottom - col_y) * (0.45 if sheet.landscape else 0.5)
    legend_w = col_w if sheet.landscape else col_w * 0.48
    _, legend_h = add_legend(
        layout,
        main_map,
        legend_layers,
        col_x,
        y,
        legend_w,
        legend_max,
        title=phrase("legend", language),
        fill_box=template_slots,
    )
    if sheet.landscape:
        y += legend_h + 5
        x, w = col_x, col_w
    else:  # tables and charts beside the legend
        x, w = col_x + legend_w + gutter, col_w - legend_w - gutter
    charts = list(sheet.charts)
    chart_h = 0.0
    if charts or sheet.chart_svg:
        chart_h = 46.0 if not small else 38.0
    space = col_bottom - footer_h - y - (chart_h + 4) * max(len(charts), bool(sheet.chart_svg))
    for k, table in enumerate(sheet.tables):
        if space < 18:
            break
        used, _ = add_table(
            layout, table, x, y, w, space, csv_hint=table.csv_name, item_id=slot("table", k),
            fill_box=template_slots and k == len(sheet.tables) - 1,
        )  # fmt: skip
        y += used + 4
        space -= used + 4
    for k, chart in enumerate(charts):
        add_chart(layout, chart, x, y, w, chart_h, item_id=slot("chart", k))
        y += chart_h + 4
    if not charts and sheet.chart_svg:
        picture = QgsLayoutItemPicture(layout)
        picture.setId("chart")
        picture.setPicturePath(sheet.chart_svg)
        layout.addLayoutItem(picture)
        picture.attemptResize(QgsLayoutSize(w, chart_h, MM))
        picture.attemptMove(QgsLayoutPoint(x, y, MM))
    footer = "\n".join(t for t in (sheet.date_text, sheet.sources_text) if t)
    add_fitted_label(
        layout, footer, col_x, col_bottom - footer_h, col_w, footer_h, 7, min_size=5.5,
        colour=MUTED, item_id="footer",
    )  # fmt: skip
    project.layoutManager().addLayout(layout)
    return layout


def _overview(layout, project, layers, main_map, map_x, map_y, map_w, map_h, small) -> None:
    """A locator inset in the map's top-right corner: the wider area, the map's frame in red."""
    w = 58.0 if not small else 40.0
    h = w * 0.72
    wide = layers_extent(layers)
    wide.combineExtentWith(main_map.extent())
    wide.scale(1.8)  # the sheet's area in its surroundings
    x = map_x + map_w - w - 3
    y = map_y + 3
    inset = add_map(layout, project, layers, wide, x, y, w, h, item_id="overview", frame_width=0.4)
    inset.overview().setLinkedMap(main_map)
    inset.overview().setFrameSymbol(
        QgsFillSymbol.createSimple(
            {"color": "214,39,40,30", "outline_color": "#D62728", "outline_width": "0.6"}
        )
    )


@dataclass
class PlanningMapOutput:
    """What ``build_planning_map`` made: the layout, the files, and notes for the user."""

    layout: QgsPrintLayout
    files: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def visible_layer_ids(project: QgsProject) -> list[str]:
    """The project's checked layers, top to bottom as in the layer tree."""
    root = project.layerTreeRoot()
    return [
        node.layerId()
        for node in root.findLayers()
        if node.isVisible() and node.layer() is not None
    ]


def default_overview_ids(project: QgsProject, layer_ids: Sequence[str]) -> list[str]:
    """Polygon layers and the lowest raster of the map for the locator inset."""
    ids = []
    for layer_id in layer_ids:
        layer = project.mapLayer(layer_id)
        if isinstance(layer, QgsVectorLayer) and layer.geometryType() == 2:
            ids.append(layer_id)
    rasters = [i for i in layer_ids if isinstance(project.mapLayer(i), QgsRasterLayer)]
    return ids[-2:] + rasters[-1:]


def build_planning_map(
    project: QgsProject,
    content,
    *,
    layer_ids: Sequence[str] | None = None,
    legend_layer_ids: Sequence[str] | None = None,
    overview_layer_ids: Sequence[str] | None = None,
    title: str = "",
    subtitle: str = "",
    sources: str = "",
    local_names: dict[str, str] | None = None,
    total_local_name: str = "",
    target_minutes: float | None = None,
    extent: tuple[float, float, float, float] | None = None,
    paper: str = "A3",
    landscape: bool = True,
    layout_name: str = LAYOUT_NAME,
    pdf_path: str | os.PathLike | None = None,
    png_path: str | os.PathLike | None = None,
    csv_dir: str | os.PathLike | None = None,
    dpi: float = 150.0,
    language: str | None = None,
    template: str | os.PathLike | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PlanningMapOutput:
    """Build the planning map layout in ``project`` and export it.

    ``content``: a ``Scenario`` (with results), ``ScenarioResults``, a ``CoverageTable`` or
    ``LiveSummary`` — its coverage by district becomes the table and the chart — or a ready
    ``SheetModel`` (used as it is). ``layer_ids``: map layers top to bottom (default: the
    visible layers of the layer tree). ``local_names``: district name → name in the local
    script (a second column). ``target_minutes``: the threshold whose uncovered people are
    listed (default the first). Files are written only where a path is given; the tables go
    to ``csv_dir`` as UTF-8 CSV with BOM. Raises ``InputError`` with a message for the user.

    ``template``: None builds the layout in code, fitted to the content; a .qpt path loads
    that layout template and fills its items by id (``TEMPLATE_IDS``; it must have a map
    ``main_map``), keeping whatever else the template holds; ``templates.BUILTIN`` the
    built-in template for ``paper``/``landscape`` (resources/templates/).
    """
    language = check_language(language)
    out = PlanningMapOutput(layout=None)  # type: ignore[arg-type]
    if cjk_font_family() not in _cjk_families():
        out.messages.append(
            "No font that covers Chinese is installed (e.g. Noto Sans CJK SC, Debian package "
            "fonts-noto-cjk); Chinese names may print as boxes."
        )
    if isinstance(content, SheetModel):
        sheet = content
        if layer_ids is not None:
            sheet.layer_ids = list(layer_ids)
    else:
        results = as_results(content)
        ids = list(layer_ids) if layer_ids is not None else visible_layer_ids(project)
        if not ids:
            raise InputError(
                "The project has no visible layers to put on the planning map; add or show "
                "the layers to print (catchments, gaps, facilities, stops, routes)."
            )
        tables = []
        charts = []
        if results.zone_names:
            tables.append(
                coverage_by_district(
                    results, local_names, language, target_minutes, total_local_name
                )
            )
        else:
            out.messages.append("The results have no districts: the sheet shows totals only.")
        if results.total > 0:
            charts.append(coverage_chart(results, language))
        else:
            out.messages.append("No people in the coverage results: the chart is left out.")
        name = getattr(content, "name", "")
        sheet = SheetModel(
            title=title
            or (
                f"{phrase('people_covered', language)} — {name}"
                if name
                else phrase("people_covered", language)
            ),
            subtitle=subtitle,
            layer_ids=ids,
            legend_layer_ids=list(legend_layer_ids or ids),
            overview_layer_ids=list(
                overview_layer_ids
                if overview_layer_ids is not None
                else default_overview_ids(project, ids)
            ),
            extent=extent,
            tables=tables,
            charts=charts,
            date_text=dt.date.today().isoformat(),
            sources_text=sources,
            paper=paper,
            landscape=landscape,
        )
    if progress:
        progress(5.0)
    template_path = resolve_template(template, "planning_map", sheet.paper, sheet.landscape)
    layout = build_layout(
        project, sheet, layout_name, language, template=template_path, messages=out.messages
    )
    out.layout = layout
    if progress:
        progress(30.0)
    if csv_dir is not None:
        for table in sheet.tables:
            out.files.append(
                table.write_csv(Path(csv_dir) / (table.csv_name or _slug(table.title)))
            )
    if pdf_path or png_path:
        out.files += export_layout(
            layout,
            pdf_path,
            png_path,
            dpi,
            feedback=(lambda v: progress(30.0 + 0.7 * v)) if progress else None,
            cancel=cancel,
        )
    if progress:
        progress(100.0)
    return out


def _cjk_families() -> set[str]:
    return {"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei"}


def _slug(text: str) -> str:
    keep = "".join(ch if ch.isalnum() else "_" for ch in text.lower()).strip("_")
    return (keep or "table")[:60] + ".csv"
