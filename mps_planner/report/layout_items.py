"""The layout factory's parts: pages, labels, maps, legends, scale bars and fitted tables.

Every sheet (planning map, atlas, comparison, stop notices) is assembled from these, so they
look alike. Positions are millimetres on a page; ``page`` is the page index (0-based) of a
multi-page layout. ``item_id`` names an item (Item ID in the layout designer): the layout
templates (``report/templates.py``) find the items they fill by these ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsFillSymbol,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSimpleLegendNode,
    QgsTableCell,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..core.errors import InputError
from ..definitions import resources_path
from .layer_styles import cjk_font_family, text_format
from .model import TableModel
from .table_fit import TableFit, fit_table, line_height_mm

MM = QgsUnitTypes.LayoutMillimeters
PAPER_MM = {"A3": (420.0, 297.0), "A4": (297.0, 210.0), "A5": (210.0, 148.0)}
INK = "#222222"
MUTED = "#5A5A5A"
ACCENT = "#1F4E79"  # headings, header bands


def font(size: float, bold: bool = False) -> QFont:
    f = QFont(cjk_font_family())
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def paper_size(paper: str, landscape: bool) -> tuple[float, float]:
    if paper not in PAPER_MM:
        raise InputError(f"Paper size must be one of {', '.join(PAPER_MM)}, not '{paper}'.")
    w, h = PAPER_MM[paper]
    return (w, h) if landscape else (h, w)


def new_layout(
    project: QgsProject, name: str, paper: str, landscape: bool, pages: int = 1
) -> tuple[QgsPrintLayout, float, float]:
    """A layout named ``name`` (replacing one of that name) with ``pages`` pages."""
    manager = project.layoutManager()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    width, height = paper_size(paper, landscape)
    collection = layout.pageCollection()
    collection.page(0).setPageSize(QgsLayoutSize(width, height, MM))
    for _ in range(1, max(1, pages)):
        page = QgsLayoutItemPage(layout)
        page.setPageSize(QgsLayoutSize(width, height, MM))
        collection.addPage(page)
    return layout, width, height


def _place(layout, item, x: float, y: float, w: float, h: float, page: int) -> None:
    item.attemptResize(QgsLayoutSize(w, h, MM))
    item.attemptMove(QgsLayoutPoint(x, y, MM), page=page)


def add_label(
    layout,
    text: str,
    x: float,
    y: float,
    w: float,
    h: float,
    size: float,
    bold: bool = False,
    colour: str = INK,
    page: int = 0,
    align=Qt.AlignLeft,
    valign=Qt.AlignTop,
    item_id: str = "",
) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    if item_id:
        label.setId(item_id)
    label.setText(text)
    # QgsLayoutItemLabel.setTextFormat only exists from QGIS 3.24; setFont works everywhere.
    label.setFont(font(size, bold))
    label.setFontColor(QColor(colour))
    label.setHAlign(align)
    label.setVAlign(valign)
    label.setMarginX(0)
    label.setMarginY(0)
    layout.addLayoutItem(label)
    _place(layout, label, x, y, w, h, page)
    return label


def add_fitted_label(
    layout, text, x, y, w, h, size, min_size=6.0, bold=False, colour=INK, page=0, item_id=""
) -> QgsLayoutItemLabel:
    """A label whose font shrinks (to ``min_size``) and wraps so the text stays in the box."""
    from .table_fit import text_width_mm, wrap_text

    family = cjk_font_family()
    s = size
    while True:
        wrapped = wrap_text(text, w - 0.5, family, s, bold)
        lines = wrapped.count("\n") + 1
        if lines * line_height_mm(family, s, bold) <= h or s <= min_size:
            break
        s -= 0.5
    if text_width_mm(wrapped, family, s, bold) > w:  # pragma: no cover - wrap_text guarantees
        wrapped = text
    return add_label(layout, wrapped, x, y, w, h, s, bold, colour, page, item_id=item_id)


def add_band(
    layout, x, y, w, h, colour: str, page: int = 0, item_id: str = ""
) -> QgsLayoutItemShape:
    """A filled rectangle (header bands, panels)."""
    shape = QgsLayoutItemShape(layout)
    if item_id:
        shape.setId(item_id)
    shape.setShapeType(QgsLayoutItemShape.Rectangle)
    shape.setSymbol(
        QgsFillSymbol.createSimple({"color": colour, "outline_style": "no", "outline_width": "0"})
    )
    layout.addLayoutItem(shape)
    _place(layout, shape, x, y, w, h, page)
    return shape


def project_layers(project: QgsProject, ids: list[str], what: str = "map"):
    """The project's layers for ``ids``; explains which are gone."""
    layers, missing = [], []
    for layer_id in ids:
        layer = project.mapLayer(layer_id)
        if layer is None:
            missing.append(layer_id)
        else:
            layers.append(layer)
    if missing:
        raise InputError(
            f"These layers of the {what} are no longer in the project: "
            + ", ".join(missing)
            + ". Re-run the analysis or add them back, then build the sheet again."
        )
    return layers


def layers_extent(layers) -> QgsRectangle:
    extent = QgsRectangle()
    for layer in layers:
        e = layer.extent()
        if not e.isEmpty() and e.isFinite():
            extent.combineExtentWith(e)
    return extent


def fit_extent(extent: QgsRectangle, width_mm: float, height_mm: float) -> QgsRectangle:
    """Grow the extent's short side so it has the item's aspect ratio (no distortion).

    (QgsLayoutItemMap.zoomToExtent leaves the extent empty when run headless on 3.22, and
    setExtent resizes the item instead; so the ratio is matched here.)
    """
    ratio = width_mm / height_mm
    cx, cy = extent.center().x(), extent.center().y()
    w, h = max(extent.width(), 1.0), max(extent.height(), 1.0)
    if w / h < ratio:
        w = h * ratio
    else:
        h = w / ratio
    return QgsRectangle(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def add_map(
    layout,
    project: QgsProject,
    layers,
    extent: QgsRectangle,
    x: float,
    y: float,
    w: float,
    h: float,
    page: int = 0,
    item_id: str = "",
    frame_width: float = 0.3,
) -> QgsLayoutItemMap:
    item = QgsLayoutItemMap(layout)
    if item_id:
        item.setId(item_id)
    layout.addLayoutItem(item)
    _place(layout, item, x, y, w, h, page)
    item.setLayers(list(layers))
    item.setKeepLayerSet(True)
    item.setCrs(project.crs())
    item.setExtent(fit_extent(extent, w, h))
    item.setFrameEnabled(frame_width > 0)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(frame_width, MM))
    item.setBackgroundColor(QColor("#FFFFFF"))
    return item


def add_north_arrow(
    layout, x: float, y: float, h: float = 14.0, page: int = 0, item_id: str = "north_arrow"
):
    arrow = QgsLayoutItemPicture(layout)
    arrow.setId(item_id)
    arrow.setPicturePath(str(resources_path("icons", "north_arrow.svg")))
    layout.addLayoutItem(arrow)
    _place(layout, arrow, x, y, h * 0.625, h, page)
    return arrow


def nice_segment(width_km: float, segments: int = 4, share: float = 0.4) -> float:
    """A round scale-bar segment (km) so that ``segments`` take about ``share`` of the map."""
    target = width_km * share / segments
    steps = (0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500)
    best = steps[0]
    for step in steps:
        if step <= target:
            best = step
    return float(best)


def add_scalebar(
    layout,
    linked_map,
    x: float,
    y: float,
    map_width_m: float,
    page: int = 0,
    size: float = 7.5,
    item_id: str = "scale_bar",
):
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId(item_id)
    bar.setStyle("Single Box")
    bar.setLinkedMap(linked_map)
    bar.setNumberOfSegments(4)
    set_scalebar_segments(bar, map_width_m)
    bar.setNumberOfSegmentsLeft(0)
    bar.setHeight(2.0)
    bar.setTextFormat(text_format(size))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 210))
    bar.setBoxContentSpace(1.5)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    bar.update()
    bar.refresh()
    return bar


def set_scalebar_segments(bar: QgsLayoutItemScaleBar, map_width_m: float) -> None:
    """Round segments (m or km) so that the bar's segments take about 40 % of the map."""
    segment = nice_segment(map_width_m / 1000.0, max(bar.numberOfSegments(), 1))
    if segment < 1:
        bar.setUnits(QgsUnitTypes.DistanceMeters)
        bar.setUnitLabel("m")
        bar.setUnitsPerSegment(segment * 1000)
    else:
        bar.setUnits(QgsUnitTypes.DistanceKilometers)
        bar.setUnitLabel("km")
        bar.setUnitsPerSegment(segment)


def add_legend(
    layout,
    linked_map,
    layers,
    x: float,
    y: float,
    w: float,
    max_h: float,
    title: str = "",
    page: int = 0,
    symbol_pt: float = 7.5,
    item_id: str = "legend",
    fill_box: bool = False,
) -> tuple[QgsLayoutItemLegend, float]:
    """A legend of ``layers`` in one or two columns (two when one would be too tall), split
    between layers only (a layer's classes stay together); returns it and its height.
    ``fill_box``: the legend takes all of ``max_h`` at the first type size (template slots)."""
    legend = QgsLayoutItemLegend(layout)
    legend.setId(item_id)
    legend.setTitle(title)
    legend.setLinkedMap(linked_map)
    set_legend_layers(legend, layers)
    legend.setStyleFont(QgsLegendStyle.Title, font(10, bold=True))
    for style in (QgsLegendStyle.Group, QgsLegendStyle.Subgroup):
        legend.setStyleFont(style, font(8.5, bold=True))
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, font(symbol_pt))
    legend.rstyle(QgsLegendStyle.Subgroup).setMargin(QgsLegendStyle.Top, 2.2)
    legend.rstyle(QgsLegendStyle.Symbol).setMargin(QgsLegendStyle.Top, 1.0)
    legend.setSymbolHeight(3.2)
    legend.setSymbolWidth(6.0)
    legend.setWrapString("|")
    legend.setSplitLayer(False)
    legend.setEqualColumnWidth(True)
    legend.setBackgroundEnabled(False)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    if fill_box:
        legend.setResizeToContents(False)
        legend.attemptResize(QgsLayoutSize(w, max_h, MM))
        return legend, max_h
    # The largest type that fits, in as few columns as fit the width; classes of a layer
    # stay together unless only splitting them fits.
    best = None
    for size_pt, split in ((symbol_pt, False), (symbol_pt - 1.0, False), (symbol_pt - 1.0, True),
                           (symbol_pt - 2.0, True)):  # fmt: skip
        legend.setStyleFont(QgsLegendStyle.SymbolLabel, font(size_pt))
        legend.setSymbolHeight(3.2 if size_pt >= symbol_pt else 2.6)
        legend.setSplitLayer(split)
        for columns in (1, 2, 3):
            legend.setColumnCount(columns)
            size = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
            if size.width() > w:
                break
            overflow = max(size.height() - max_h, 0.0)
            if best is None or overflow < best[0]:
                best = (overflow, size_pt, split, columns, size.height())
            if overflow == 0:
                break
        if best is not None and best[0] == 0:
            break
    _, size_pt, split, columns, height = best or (0, symbol_pt, False, 1, max_h)
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, font(size_pt))
    legend.setSymbolHeight(3.2 if size_pt >= symbol_pt else 2.6)
    legend.setSplitLayer(split)
    legend.setColumnCount(columns)
    height = min(max(height, 10.0), max_h)
    legend.setResizeToContents(False)
    legend.attemptResize(QgsLayoutSize(w, height, MM))
    return legend, height


def set_legend_layers(legend: QgsLayoutItemLegend, layers) -> None:
    """The legend lists exactly ``layers`` (in that order), without raster band titles."""
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for layer in layers:
        root.addLayer(layer)
    for node in root.findLayers():
        _drop_band_title(legend, node)


def _drop_band_title(legend: QgsLayoutItemLegend, node) -> None:
    """Raster legends start with a "Band 1 (Gray)" line, which means nothing on a map."""
    nodes = legend.model().layerLegendNodes(node)
    if (
        nodes
        and isinstance(nodes[0], QgsSimpleLegendNode)
        and isinstance(node.layer(), QgsRasterLayer)
    ):
        QgsMapLayerLegendUtils.setLegendNodeOrder(node, list(range(1, len(nodes))))
        legend.model().refreshLayerLegend(node)


def add_table(
    layout,
    model: TableModel,
    x: float,
    y: float,
    w: float,
    h: float,
    page: int = 0,
    title_size: float = 9.5,
    size_pt: float = 7.5,
    min_pt: float = 5.0,
    csv_hint: str = "",
    item_id: str = "",
    fill_box: bool = False,
    id_suffix: str = "",
) -> tuple[float, TableFit]:
    """Place a table (its title above) fitted into ``w`` × ``h`` mm; returns the height used
    and the fit (``fit.dropped_rows`` rows did not fit; a note says where they are).

    ``item_id`` names the table's frame; its title and note labels get ``<id>_title`` and
    ``<id>_note`` (all three then ``id_suffix``, e.g. "_2" on page 2). ``fill_box``: the
    frame and the note take the whole box (template slots).
    """
    family = cjk_font_family()
    used = 0.0
    if model.title:
        add_label(
            layout, model.title, x, y, w, 6, title_size, bold=True, colour=ACCENT, page=page,
            item_id=f"{item_id}_title{id_suffix}" if item_id else "",
        )  # fmt: skip
        used = 1.6 * line_height_mm(family, title_size) / 1.45 + 1.5
    note_h = 0.0
    if model.note or fill_box:
        note_h = 2 * line_height_mm(family, 6.5) + 1
    available = h - used - note_h
    if available < 8:
        return 0.0, fit_table(model.headers, [], w, 1e9, family)
    table, frame_h, fit = fitted_table(layout, model, w, available, size_pt, min_pt)
    frame = QgsLayoutFrame(layout, table)
    if item_id:
        frame.setId(item_id + id_suffix)
    table.addFrame(frame)
    box_h = available if fill_box else frame_h
    frame.attemptResize(QgsLayoutSize(w, box_h, MM))
    frame.attemptMove(QgsLayoutPoint(x, y + used, MM), page=page)
    used += box_h + 1.0
    notes = table_notes(model, fit, csv_hint)
    if fit.dropped_rows or fill_box:
        note_h = max(note_h, 2 * line_height_mm(family, 6.5) + 1)
    if notes or fill_box:
        add_label(
            layout, "\n".join(notes), x, y + used, w, note_h, 6.5, colour=MUTED, page=page,
            item_id=f"{item_id}_note{id_suffix}" if item_id else "",
        )  # fmt: skip
        used += note_h
    return used, fit


def table_notes(model: TableModel, fit: TableFit, csv_hint: str = "") -> list[str]:
    """The lines under a table: its own note, and where the rows that did not fit are."""
    notes = [model.note] if model.note else []
    if fit.dropped_rows:
        from .wording import phrase

        notes.append(
            phrase("more_rows", "en", n=fit.dropped_rows, file=csv_hint or "the CSV table")
        )
    return notes


@dataclass
class TableStyle:
    """How a table is set: the font family and the header row's colours. A template's
    table keeps its own (``template_fill.table_style``); the sheets built in code use these."""

    family: str
    header_background: QColor
    header_colour: QColor
    own_grid: bool = True  # set the grid lines (a template's table keeps its own)

    @classmethod
    def default(cls) -> TableStyle:
        return cls(cjk_font_family(), QColor(ACCENT), QColor("#FFFFFF"))


def fitted_table(
    layout,
    model: TableModel,
    w: float,
    available: float,
    size_pt: float = 7.5,
    min_pt: float = 5.0,
    table: QgsLayoutItemManualTable | None = None,
    style: TableStyle | None = None,
) -> tuple[QgsLayoutItemManualTable, float, TableFit]:
    """Fit ``model`` into ``w`` × ``available`` mm and set it on ``table`` (a new manual
    table, added to the layout, when None); returns the table, its height and the fit."""
    style = style or TableStyle.default()
    numeric = model.numeric_columns()
    fit = fit_table(
        model.headers,
        model.rows,
        w,
        available,
        style.family,
        numeric,
        size_pt=size_pt,
        min_pt=min_pt,
        bold_last_row=model.bold_last_row,
    )
    table, frame_h = _table_item(layout, fit, numeric, model.bold_last_row, table, style)
    if frame_h > available and fit.dropped_rows < len(model.rows):
        # QGIS measures rows a little differently; take rows off until its own height fits.
        rows = model.rows
        keep = len(fit.rows)
        while keep > 0 and frame_h > available - 4:
            keep -= 1
            fit = fit_table(
                model.headers,
                rows[:keep],
                w,
                1e9,
                style.family,
                numeric,
                fit.font_pt,
                fit.font_pt,
                bold_last_row=False,
            )
            fit.dropped_rows = len(rows) - keep
            table, frame_h = _table_item(layout, fit, numeric, False, table, style)
    return table, frame_h, fit


def set_table(
    layout, table: QgsLayoutItemManualTable, model: TableModel, fit: TableFit, style: TableStyle
) -> float:
    """Set a fit of ``model`` (from ``fitted_table``) on an existing table; returns its height."""
    bold_last = model.bold_last_row and not fit.dropped_rows
    return _table_item(layout, fit, model.numeric_columns(), bold_last, table, style)[1]


def _table_item(
    layout,
    fit: TableFit,
    numeric: list[bool],
    bold_last: bool,
    table: QgsLayoutItemManualTable | None = None,
    style: TableStyle | None = None,
):
    """A manual table whose first row is the header (QGIS 3.22 sizes a table header to one
    line, so wrapped headers are drawn as a styled first row instead). ``table``: set the
    fitted contents on this table instead of a new one."""
    style = style or TableStyle.default()
    if table is None:
        table = QgsLayoutItemManualTable.create(layout)
        layout.addMultiFrame(table)
    body = text_format(fit.font_pt, family=style.family)
    header_format = text_format(
        fit.font_pt, bold=True, colour=style.header_colour.name(), family=style.family
    )
    no_buffer = header_format.buffer()
    no_buffer.setEnabled(False)
    header_format.setBuffer(no_buffer)
    bold = text_format(fit.font_pt, bold=True, family=style.family)
    table.setContentTextFormat(body)
    table.setIncludeTableHeader(False)
    table.setWrapBehavior(QgsLayoutTable.TruncateText)
    columns = []
    for i in range(len(fit.headers)):
        column = QgsLayoutTableColumn()
        column.setWidth(fit.widths[i])
        column.setHAlignment(Qt.AlignRight if numeric[i] else Qt.AlignLeft)
        columns.append(column)
    table.setHeaders(columns)
    header_cells = []
    for i, text in enumerate(fit.headers):
        cell = QgsTableCell(text)
        cell.setTextFormat(header_format)
        cell.setBackgroundColor(style.header_background)
        cell.setHorizontalAlignment(Qt.AlignRight if numeric[i] else Qt.AlignLeft)
        cell.setVerticalAlignment(Qt.AlignBottom)
        header_cells.append(cell)
    contents = [header_cells]
    last = len(fit.rows) - 1
    for j, row in enumerate(fit.rows):
        cells = []
        for i, value in enumerate(row):
            cell = QgsTableCell(value)
            cell.setHorizontalAlignment(Qt.AlignRight if numeric[i] else Qt.AlignLeft)
            cell.setVerticalAlignment(Qt.AlignVCenter)
            if bold_last and j == last:
                cell.setTextFormat(bold)
                cell.setBackgroundColor(QColor("#E4EAF1"))
            elif j % 2 == 1:
                cell.setBackgroundColor(QColor("#F3F5F8"))
            cells.append(cell)
        contents.append(cells)
    table.setTableContents(contents)
    if style.own_grid:
        table.setGridStrokeWidth(0.1)
        table.setGridColor(QColor("#C8C8C8"))
        table.setHorizontalGrid(True)
        table.setVerticalGrid(False)
    table.setCellMargin(fit.margin)
    table.recalculateFrameSizes()
    return table, max(table.totalHeight(), fit.height) + 0.4
