"""Fill a template's items with a sheet's content, keeping how the template sets them.

Each function changes the content only — a label's text, a map's layers and extent, a table's
rows, a chart's picture — and keeps the item's place, size, fonts, colours and frame as the
template (and the user who edited it) has them. Text is fitted into the item's box: it wraps,
and shrinks from the template's size down to ``MIN_SHARE`` of it before it would overflow.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLegendRenderer,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtGui import QColor, QFontDatabase

from .chart_item import set_chart
from .layer_styles import cjk_font_family
from .layout_items import (
    TableStyle,
    fit_extent,
    fitted_table,
    layers_extent,
    set_legend_layers,
    set_scalebar_segments,
    set_table,
    table_notes,
)
from .model import ChartModel, TableModel
from .table_fit import TableFit, line_height_mm, wrap_text

MIN_SHARE = 0.55  # a text shrinks to 55 % of the template's size at most, then wraps only


def installed_family(family: str) -> str:
    """``family`` if this machine has it, else the font that covers Chinese (a template made
    elsewhere may name a font that is not installed here)."""
    return family if family in set(QFontDatabase().families()) else cjk_font_family()


def hide(*items) -> None:
    for item in items:
        if item is not None:
            item.setVisibility(False)


def fill_label(label: QgsLayoutItemLabel | None, text: str, fit: bool = True) -> None:
    """Put ``text`` in the label (hidden when the text is empty), wrapped and shrunk to fit."""
    if label is None:
        return
    if not text:
        label.setText("")
        hide(label)
        return
    label.setVisibility(True)
    font = label.font()
    family = installed_family(font.family())
    if family != font.family():
        font.setFamily(family)
    if not fit or label.mode() == QgsLayoutItemLabel.ModeHtml:
        label.setFont(font)
        label.setText(text)
        return
    box = label.rect()
    w = max(box.width() - 2 * label.marginX(), 1.0)
    h = max(box.height() - 2 * label.marginY(), 1.0)
    start = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    size = start
    while True:
        wrapped = wrap_text(text, w - 0.5, family, size, font.bold())
        lines = wrapped.count("\n") + 1
        if lines * line_height_mm(family, size, font.bold()) <= h or size <= start * MIN_SHARE:
            break
        size -= 0.5
    font.setPointSizeF(size)
    label.setFont(font)
    label.setText(wrapped)


def fill_map(
    item: QgsLayoutItemMap, project: QgsProject, layers, extent: QgsRectangle
) -> QgsLayoutItemMap:
    """Show ``layers`` (unless the template's map follows a map theme) over ``extent``
    (grown to the item's shape) in the project's CRS."""
    item.setVisibility(True)
    if not item.followVisibilityPreset():
        item.setLayers(list(layers))
        item.setKeepLayerSet(True)
    item.setCrs(project.crs())
    box = item.rect()
    item.setExtent(fit_extent(extent, box.width(), box.height()))
    return item


def fill_overview(inset: QgsLayoutItemMap, project, main_map: QgsLayoutItemMap, layers) -> None:
    """The locator inset: the wider area around the main map, its frame drawn on it."""
    wide = layers_extent(layers)
    wide.combineExtentWith(main_map.extent())
    wide.scale(1.8)
    fill_map(inset, project, layers, wide)
    inset.overview().setLinkedMap(main_map)


def fill_legend(legend: QgsLayoutItemLegend, linked_map, layers, title: str | None = None) -> None:
    """List ``layers``; the template's fonts and symbol sizes stay. A legend of fixed size
    that would run over its box gets more columns (up to 3) while they fit the width."""
    legend.setVisibility(True)
    legend.setLinkedMap(linked_map)
    set_legend_layers(legend, layers)
    if title is not None:
        legend.setTitle(title)
    if legend.resizeToContents():
        legend.adjustBoxSize()
        return
    box = legend.rect()
    start = max(legend.columnCount(), 1)
    for columns in range(start, 4):
        legend.setColumnCount(columns)
        size = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
        if columns > start and size.width() > box.width() + 0.5:
            legend.setColumnCount(columns - 1)  # one more column no longer fits the width
            break
        if size.height() <= box.height() + 0.5:
            break
    legend.refresh()


def fill_scalebar(bar: QgsLayoutItemScaleBar | None, linked_map: QgsLayoutItemMap) -> None:
    """Link the bar to the map and give it round segments for the map's width."""
    if bar is None:
        return
    bar.setVisibility(True)
    bar.setLinkedMap(linked_map)
    set_scalebar_segments(bar, linked_map.extent().width())
    bar.update()
    bar.refresh()


def table_style(table: QgsLayoutItemManualTable) -> TableStyle:
    """The template table's font and header colours (its first row is the header)."""
    style = TableStyle.default()
    style.family = installed_family(table.contentTextFormat().font().family())
    style.own_grid = False
    contents = table.tableContents()
    if contents and contents[0]:
        head = contents[0][0]
        if head.backgroundColor().isValid():
            style.header_background = QColor(head.backgroundColor())
        if head.textFormat().isValid():
            style.header_colour = QColor(head.textFormat().color())
    return style


def fill_table(
    layout,
    frame: QgsLayoutFrame,
    model: TableModel,
    title: QgsLayoutItemLabel | None = None,
    note: QgsLayoutItemLabel | None = None,
    csv_hint: str = "",
) -> TableFit:
    """Fit the table into its frame's height and the width of its title label (QGIS sets a
    table frame's width to the table's, so the title's says how wide it may be); the frame
    keeps its place. The title and the note (its own, and where the rows that did not fit
    are) go to their labels."""
    frame.setVisibility(True)
    table = frame.multiFrame()
    size_pt = table.contentTextFormat().size() or 7.5
    box = frame.sizeWithUnits()
    style = table_style(table)
    fill_label(title, model.title)
    # Fitted on a table of its own: a table with a frame reports the frame's height as its own.
    width = frame.rect().width()
    if title is not None:
        width = max(width, title.rect().width())
    scratch, _, fit = fitted_table(
        layout, model, width, frame.rect().height(), size_pt, max(5.0, size_pt * 0.65), None,
        style,
    )  # fmt: skip
    layout.removeMultiFrame(scratch)
    set_table(layout, table, model, fit, style)
    frame.attemptResize(box)  # the frame keeps the template's height
    fill_label(note, "\n".join(table_notes(model, fit, csv_hint)))
    return fit


def fill_chart(picture: QgsLayoutItemPicture, chart: ChartModel) -> None:
    picture.setVisibility(True)
    box = picture.rect()
    set_chart(picture, chart, box.width(), box.height())


def hide_unused(item, base: str, used: int, kind, suffixes=()) -> None:
    """Hide the slots ``slot(base, k)`` for k ≥ ``used`` (and their ``suffixes`` labels):
    the sheet has no content for them. ``item(id, kind=label)`` finds an item."""
    from .templates import slot

    k = used
    while (target := item(slot(base, k), kind)) is not None:
        hide(target, *(item(slot(base, k) + suffix) for suffix in suffixes))
        k += 1
