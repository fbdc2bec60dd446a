"""Turn a ``SheetModel`` into a print layout in the project's layout manager, and export it.

The layout is a normal QGIS print layout: the user can open it in the layout designer
and edit it. Text uses a font that covers Chinese when one is installed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from osgeo import gdal
from qgis.core import (
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
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
from .model import SheetModel, TableModel

MM = QgsUnitTypes.LayoutMillimeters
PAPER_MM = {"A3": (420.0, 297.0), "A4": (297.0, 210.0), "A5": (210.0, 148.0)}


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont(cjk_font_family())
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _label(layout, text: str, x: float, y: float, w: float, h: float, size: float, bold=False):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    # QgsLayoutItemLabel.setTextFormat only exists from QGIS 3.24; setFont works everywhere.
    label.setFont(_font(size, bold))
    label.setFontColor(QColor("#222222"))
    label.attemptMove(QgsLayoutPoint(x, y, MM))
    label.attemptResize(QgsLayoutSize(w, h, MM))
    layout.addLayoutItem(label)
    return label


def _layers(project: QgsProject, ids: list[str]):
    layers = []
    missing = []
    for layer_id in ids:
        layer = project.mapLayer(layer_id)
        (layers if layer is not None else missing).append(layer or layer_id)
    if missing:
        raise InputError(
            "These layers are no longer in the project: "
            + ", ".join(missing)
            + ". Re-run the analysis or add them back, then build the map again."
        )
    return layers


def _table(layout, model: TableModel, x: float, y: float, w: float, h: float) -> float:
    """Place a table; returns the height it takes (mm)."""
    _label(layout, model.title, x, y, w, 6, 10, bold=True)
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    header_fmt = text_format(7.5, bold=True)
    body_fmt = text_format(7.0)
    table.setHeaderTextFormat(header_fmt)
    table.setContentTextFormat(body_fmt)
    table.setIncludeTableHeader(True)
    columns = []
    for header in model.headers:
        column = QgsLayoutTableColumn()
        column.setHeading(header)
        columns.append(column)
    table.setHeaders(columns)
    contents = []
    for row in model.rows:
        cells = []
        for i, value in enumerate(row):
            cell = QgsTableCell(value)
            if i > 0:
                cell.setHorizontalAlignment(Qt.AlignRight)
            cells.append(cell)
        contents.append(cells)
    table.setTableContents(contents)
    table.setGridStrokeWidth(0.15)
    table.setGridColor(QColor("#999999"))
    table.setCellMargin(0.8)
    row_h = 4.6
    needed = row_h * (len(model.rows) + 1) + 2
    frame = QgsLayoutFrame(layout, table)
    frame.attemptMove(QgsLayoutPoint(x, y + 7, MM))
    frame.attemptResize(QgsLayoutSize(w, min(h - 7, needed), MM))
    table.addFrame(frame)
    used = 7 + min(h - 7, needed)
    if model.note:
        _label(layout, model.note, x, y + used, w, 8, 6.5)
        used += 8
    return used


def build_layout(project: QgsProject, sheet: SheetModel, name: str) -> QgsPrintLayout:
    """Create (or replace) the print layout ``name`` in the project from the sheet model."""
    manager = project.layoutManager()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    width, height = PAPER_MM.get(sheet.paper, PAPER_MM["A3"])
    if not sheet.landscape:
        width, height = height, width
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width, height, MM))

    margin = 10.0
    side_w = 112.0
    map_w = width - side_w - 3 * margin
    map_h = height - 2 * margin - 14

    layers = _layers(project, sheet.layer_ids)
    if not layers:
        raise InputError("The planning map has no layers to show; run an analysis first.")

    _label(layout, sheet.title, margin, margin - 2, map_w, 10, 18, bold=True)
    if sheet.subtitle:
        _label(layout, sheet.subtitle, margin, margin + 7, map_w, 6, 10)

    main_map = QgsLayoutItemMap(layout)
    main_map.setId("main_map")
    main_map.attemptMove(QgsLayoutPoint(margin, margin + 14, MM))
    main_map.attemptResize(QgsLayoutSize(map_w, map_h, MM))
    main_map.setLayers(layers)
    main_map.setKeepLayerSet(True)
    main_map.setCrs(project.crs())
    if sheet.extent is not None:
        extent = QgsRectangle(*sheet.extent)
    else:
        extent = QgsRectangle()
        for layer in layers:
            extent.combineExtentWith(layer.extent())
    extent.scale(1.03)
    main_map.setExtent(fit_extent(extent, map_w, map_h))
    main_map.setFrameEnabled(True)
    main_map.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, MM))
    layout.addLayoutItem(main_map)

    # North arrow and scale bar on the map, bottom left.
    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(str(resources_path("icons", "north_arrow.svg")))
    arrow.attemptMove(QgsLayoutPoint(margin + 4, margin + 18, MM))
    arrow.attemptResize(QgsLayoutSize(10, 16, MM))
    layout.addLayoutItem(arrow)

    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(main_map)
    scalebar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    scalebar.setUnits(QgsUnitTypes.DistanceKilometers)
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegments(4)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setUnitsPerSegment(_nice_segment(extent.width() / 1000.0))
    scalebar.setTextFormat(text_format(8))
    scalebar.setBackgroundEnabled(True)
    scalebar.setBackgroundColor(QColor(255, 255, 255, 200))
    scalebar.attemptMove(QgsLayoutPoint(margin + 4, margin + 14 + map_h - 16, MM))
    layout.addLayoutItem(scalebar)
    scalebar.update()

    # Right column: legend, tables, chart, overview, sources.
    x = margin + map_w + margin
    y = margin
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Legend")
    legend.setLinkedMap(main_map)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for layer in _layers(project, sheet.legend_layer_ids or sheet.layer_ids):
        root.addLayer(layer)
    for node in root.findLayers():
        _drop_band_title(legend, node)
    for style in (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup):
        legend.setStyleFont(style, _font(10, bold=True))
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, _font(7.5))
    legend.setSymbolHeight(3.5)
    legend.setColumnCount(2)
    legend.setSplitLayer(True)
    legend.attemptMove(QgsLayoutPoint(x, y, MM))
    layout.addLayoutItem(legend)
    # Measure the legend as the renderer lays it out (the item itself only knows its size
    # once painted), then fix its box so that the tables can start below it.
    measured = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
    legend_h = min(max(measured.height(), 20.0), 125.0)
    legend.setResizeToContents(False)
    legend.attemptResize(QgsLayoutSize(side_w, legend_h, MM))
    y += legend_h + 4

    overview_h = 52.0
    footer_h = 16.0
    space_for_tables = height - margin - footer_h - overview_h - 4 - y
    for table in sheet.tables:
        if space_for_tables < 20:
            break
        used = _table(layout, table, x, y, side_w, space_for_tables)
        y += used + 3
        space_for_tables -= used + 3
    if sheet.chart_svg and space_for_tables > 30:
        chart = QgsLayoutItemPicture(layout)
        chart.setPicturePath(sheet.chart_svg)
        chart.attemptMove(QgsLayoutPoint(x, y, MM))
        chart.attemptResize(QgsLayoutSize(side_w, min(space_for_tables, 60), MM))
        layout.addLayoutItem(chart)

    overview_layers = _layers(project, sheet.overview_layer_ids) if sheet.overview_layer_ids else []
    if overview_layers:
        overview = QgsLayoutItemMap(layout)
        overview.setId("overview")
        overview.attemptMove(
            QgsLayoutPoint(
                x + side_w - overview_h * 1.4, height - margin - footer_h - overview_h, MM
            )
        )
        overview.attemptResize(QgsLayoutSize(overview_h * 1.4, overview_h, MM))
        overview.setLayers(overview_layers)
        overview.setKeepLayerSet(True)
        wide = QgsRectangle()
        for layer in overview_layers:
            wide.combineExtentWith(layer.extent())
        wide.scale(1.1)
        overview.setExtent(fit_extent(wide, overview_h * 1.4, overview_h))
        overview.setFrameEnabled(True)
        layout.addLayoutItem(overview)
        overview.overview().setLinkedMap(main_map)
        overview.overview().setFrameSymbol(
            QgsFillSymbol.createSimple(
                {"color": "0,0,0,0", "outline_color": "#D62728", "outline_width": "0.6"}
            )
        )

    footer = "  ·  ".join(t for t in (sheet.date_text, sheet.sources_text) if t)
    _label(layout, footer, x, height - margin - footer_h + 2, side_w, footer_h, 7)
    manager.addLayout(layout)
    return layout


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


def fit_extent(extent: QgsRectangle, width_mm: float, height_mm: float) -> QgsRectangle:
    """Grow the extent's short side so it has the item's aspect ratio (no distortion).

    (QgsLayoutItemMap.zoomToExtent leaves the extent empty when run headless on 3.22, and
    setExtent resizes the item instead; so the ratio is matched here.)
    """
    ratio = width_mm / height_mm
    cx, cy = extent.center().x(), extent.center().y()
    w, h = extent.width(), extent.height()
    if w / h < ratio:
        w = h * ratio
    else:
        h = w / ratio
    return QgsRectangle(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _nice_segment(width_km: float) -> float:
    """A round scale-bar segment length (km) for a map about ``width_km`` wide."""
    target = width_km / 10.0
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if step >= target:
            return float(step)
    return 1000.0


def export_layout(
    layout: QgsPrintLayout,
    pdf_path: str | os.PathLike | None = None,
    png_path: str | os.PathLike | None = None,
    dpi: float = 150.0,
    feedback: Callable[[float], None] | None = None,
) -> list[Path]:
    """Export to PDF and/or PNG through temporary files renamed when complete."""
    exporter = QgsLayoutExporter(layout)
    written: list[Path] = []
    jobs = [(p, kind) for p, kind in ((pdf_path, "pdf"), (png_path, "png")) if p]
    for i, (path, kind) in enumerate(jobs):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.partial{path.suffix}")
        if kind == "pdf":
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.dpi = dpi
            settings.rasterizeWholeImage = False
            result = exporter.exportToPdf(str(tmp), settings)
        else:
            settings = QgsLayoutExporter.ImageExportSettings()
            settings.dpi = dpi
            # QGIS then tries to georeference the PNG through GDAL, which cannot update a
            # PNG in place and prints "ERROR 6"; the image itself is fine, so keep it quiet.
            gdal.PushErrorHandler("CPLQuietErrorHandler")
            try:
                result = exporter.exportToImage(str(tmp), settings)
            finally:
                gdal.PopErrorHandler()
        if result != QgsLayoutExporter.Success:
            tmp.unlink(missing_ok=True)
            raise InputError(f"Could not export the layout to {path}: {exporter.errorMessage()}")
        os.replace(tmp, path)
        written.append(path)
        if feedback:
            feedback(100.0 * (i + 1) / len(jobs))
    return written
