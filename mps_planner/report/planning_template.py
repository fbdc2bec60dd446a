"""The planning map from a layout template: the template's items filled by id.

``planning_map.build_layout(..., template=path)`` comes here. The template must hold a map
``main_map``; every other item of ``planning_map.TEMPLATE_IDS`` is filled when it is there
(a table with no ``table`` frame is left off with a message), hidden when the sheet has
nothing for it (no subtitle, no overview layers), and anything else — a logo, a note, a
grid — stays as the template has it.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsPrintLayout,
    QgsRectangle,
)

from ..core.errors import InputError
from .layout_items import layers_extent
from .model import SheetModel
from .template_fill import (
    fill_chart,
    fill_label,
    fill_legend,
    fill_map,
    fill_overview,
    fill_scalebar,
    fill_table,
    hide,
    hide_unused,
)
from .templates import find, layout_from_template, read_template, replace_layout, require, slot
from .wording import LANGUAGES, phrase


def sheet_extent(sheet: SheetModel, layers) -> QgsRectangle:
    extent = QgsRectangle(*sheet.extent) if sheet.extent is not None else layers_extent(layers)
    if extent.isEmpty():
        raise InputError("The map's layers have no extent (are they empty?).")
    extent.scale(1.04)
    return extent


def planning_map_from_template(
    project, sheet, name, language, path, layers, legend_layers, overview_layers, messages
) -> QgsPrintLayout:
    """The sheet in the template's layout: its items filled by id, everything else kept."""
    what = "planning map"
    template = read_template(path, what)
    layout = layout_from_template(project, template, name, what)
    main = require(layout, "main_map", QgsLayoutItemMap, "the main map", what, template)
    fill_map(main, project, layers, sheet_extent(sheet, layers))

    def item(item_id: str, kind=QgsLayoutItemLabel):
        return find(layout, item_id, kind, what, template)

    fill_label(item("title"), sheet.title)
    fill_label(item("subtitle"), sheet.subtitle)
    footer = "\n".join(t for t in (sheet.date_text, sheet.sources_text) if t)
    fill_label(item("footer"), footer)
    fill_scalebar(item("scale_bar", QgsLayoutItemScaleBar), main)
    inset = item("overview", QgsLayoutItemMap)
    if inset is not None and overview_layers:
        fill_overview(inset, project, main, overview_layers)
    else:
        hide(inset)
    legend = item("legend", QgsLayoutItemLegend)
    if legend is not None:
        fill_legend(legend, main, legend_layers, _legend_title(legend.title(), language))
    for k, table in enumerate(sheet.tables):
        frame = item(slot("table", k), QgsLayoutFrame)
        if frame is None:
            where = f" (it is in {table.csv_name})" if table.csv_name else ""
            messages.append(
                f"The template has no table '{slot('table', k)}' for '{table.title}': it is "
                f"left off the sheet{where}. Copy a table in the template and give it that id."
            )
            continue
        fill_table(
            layout, frame, table, item(f"{slot('table', k)}_title"),
            item(f"{slot('table', k)}_note"), csv_hint=table.csv_name,
        )  # fmt: skip
    hide_unused(item, "table", len(sheet.tables), QgsLayoutFrame, ("_title", "_note"))
    charts = list(sheet.charts)
    for k, chart in enumerate(charts):
        picture = item(slot("chart", k), QgsLayoutItemPicture)
        if picture is None:
            messages.append(
                f"The template has no picture '{slot('chart', k)}' for the chart "
                f"'{chart.title}': it is left off the sheet."
            )
            continue
        fill_chart(picture, chart)
    used = len(charts)
    if not charts and sheet.chart_svg and item("chart", QgsLayoutItemPicture) is not None:
        item("chart", QgsLayoutItemPicture).setPicturePath(sheet.chart_svg)
        used = 1
    hide_unused(item, "chart", used, QgsLayoutItemPicture)
    replace_layout(project, layout)
    return layout


def _legend_title(current: str, language: str) -> str:
    """The legend's title in the sheet's language, unless the template has its own."""
    defaults = {phrase("legend", lang) for lang in LANGUAGES}
    return phrase("legend", language) if current in defaults else current
