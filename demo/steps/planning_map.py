"""Step: the A3 planning map of everything the steps so far put on it, as PNG, PDF and CSV."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLineSymbol,
)
from qgis.PyQt.QtGui import QColor

from mps_planner.report.export import export_layout
from mps_planner.report.layer_styles import text_format
from mps_planner.report.model import SheetModel
from mps_planner.report.planning_map import build_planning_map, fit_extent

from ..context import DemoContext

LAYOUT_NAME = "Planning map"


def run(ctx: DemoContext) -> None:
    extent = None
    if "county" in ctx.layers:
        e = ctx.layers["county"].extent()
        extent = (e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum())
    sheet = SheetModel(
        title=ctx.title,
        subtitle=ctx.subtitle,
        layer_ids=ctx.layer_ids(ctx.map_layers),
        legend_layer_ids=ctx.layer_ids(ctx.legend_layers),
        overview_layer_ids=ctx.layer_ids(ctx.overview_layers),
        extent=extent,
        tables=ctx.sheet_tables,
        charts=ctx.sheet_charts,
        date_text=dt.date.today().isoformat(),
        sources_text=ctx.sources,
    )
    made = build_planning_map(ctx.project, sheet, layout_name=LAYOUT_NAME)
    if "county" in ctx.layers:
        _locator(made.layout, ctx.layers["county"])
    written = export_layout(
        made.layout, ctx.out / "planning_map.pdf", ctx.out / "planning_map.png", dpi=ctx.dpi
    )
    ctx.outputs += written
    for table in sheet.tables:
        ctx.outputs.append(table.write_csv(ctx.out / (table.csv_name or "sheet_table.csv")))
    project_path = ctx.out / "demo.qgz"
    ctx.project.write(str(project_path))
    ctx.outputs.append(project_path)


def _locator(layout, county) -> None:
    """Turn the overview into a locator: the county in a wider frame, with lon/lat lines."""
    overview = layout.itemById("overview")
    if not isinstance(overview, QgsLayoutItemMap):
        return
    extent = county.extent()
    extent.scale(3.2)
    size = overview.sizeWithUnits()
    overview.setExtent(fit_extent(extent, size.width(), size.height()))
    grid = QgsLayoutItemMapGrid("lon/lat", overview)
    grid.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    grid.setIntervalX(1.0)
    grid.setIntervalY(1.0)
    grid.setStyle(QgsLayoutItemMapGrid.Solid)
    grid.setLineSymbol(QgsLineSymbol.createSimple({"line_color": "#9A9A9A", "line_width": "0.15"}))
    grid.setAnnotationEnabled(True)
    grid.setAnnotationFormat(QgsLayoutItemMapGrid.DecimalWithSuffix)
    grid.setAnnotationPrecision(0)
    grid.setAnnotationTextFormat(text_format(6.5, colour="#555555"))
    for side in (
        QgsLayoutItemMapGrid.Left,
        QgsLayoutItemMapGrid.Right,
        QgsLayoutItemMapGrid.Top,
        QgsLayoutItemMapGrid.Bottom,
    ):
        grid.setAnnotationPosition(QgsLayoutItemMapGrid.InsideMapFrame, side)
    grid.setFrameStyle(QgsLayoutItemMapGrid.NoFrame)
    overview.grids().addGrid(grid)
    overview.setBackgroundColor(QColor("#FFFFFF"))
    overview.refresh()
