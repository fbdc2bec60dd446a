"""The scenario comparison sheet: A and B side by side, who gains and who loses, B − A.

Input the panel can give: the two scenarios' saved results (``core.scenario.compare``), the
layers that show each scenario's sites and catchments, and one raster of people per cell
gaining (> 0) or losing (< 0) coverage at the target time. ``write_difference_raster`` makes
that raster from an array — ``core.coverage.coverage_change`` computes it from two travel-time
arrays; a covered mask per scenario works the same way — summing it onto coarser cells for
print when asked (the sum over the raster stays B's covered people minus A's).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import numpy as np
from qgis.core import QgsPrintLayout, QgsProject, QgsRasterLayer, QgsRectangle

from ..core.errors import InputError
from ..core.grid import AnalysisGrid
from ..core.scenario import ScenarioComparison
from ..qgis_io.raster_io import write_raster
from .analysis_styles import style_coverage_change
from .chart_item import add_chart
from .export import export_layout
from .layout_items import (
    ACCENT,
    MUTED,
    add_band,
    add_fitted_label,
    add_label,
    add_legend,
    add_map,
    add_north_arrow,
    add_scalebar,
    add_table,
    layers_extent,
    new_layout,
    project_layers,
)
from .model import ComparisonModel
from .tables import comparison_chart, comparison_table, signed
from .wording import check_language, phrase

LAYOUT_NAME = "Scenario comparison"


def coarser(change: np.ndarray, grid: AnalysisGrid, factor: int) -> tuple[np.ndarray, AnalysisGrid]:
    """Sum ``factor`` × ``factor`` blocks (people are counts, so the total is kept)."""
    if factor <= 1:
        return change, grid
    rows = -(-grid.rows // factor)
    cols = -(-grid.cols // factor)
    padded = np.zeros((rows * factor, cols * factor), dtype=np.float64)
    padded[: grid.rows, : grid.cols] = change
    summed = padded.reshape(rows, factor, cols, factor).sum(axis=(1, 3))
    x0, w, _, y0, _, h = grid.geotransform
    coarse = AnalysisGrid(grid.crs_wkt, (x0, w * factor, 0.0, y0, 0.0, h * factor), (rows, cols))
    return summed, coarse


def write_difference_raster(
    path: str | os.PathLike,
    change: np.ndarray,
    grid: AnalysisGrid,
    name: str = "",
    factor: int = 1,
    table: str | None = None,
) -> QgsRasterLayer:
    """Write people gaining (> 0) / losing (< 0) coverage as a styled raster layer."""
    change = np.asarray(change, dtype=np.float64)
    if change.shape != grid.shape:
        raise InputError("The gain/loss array is not on the analysis grid.")
    values, out_grid = coarser(np.nan_to_num(change), grid, factor)
    source = write_raster(path, values.astype(np.float32), out_grid, None, table=table)
    unit = "people per cell" if factor <= 1 else f"people per {out_grid.cell_size / 1000:g} km²"
    if factor > 1 and abs(out_grid.cell_size - 1000.0) < 1e-6:
        unit = "people per km²"
    layer = QgsRasterLayer(source, name or phrase("gain_loss"), "gdal")
    if not layer.isValid():
        raise InputError(f"Could not open the gain/loss raster written to {path}.")
    style_coverage_change(layer, unit)
    return layer


def comparison_model(
    comparison: ScenarioComparison,
    *,
    title: str = "",
    language: str = "en",
    **layers,
) -> ComparisonModel:
    """The sheet's content from ``core.scenario.compare``; ``layers`` are the
    ``ComparisonModel`` layer fields (base_layer_ids, layer_ids_a, ...)."""
    k = 0
    facts = []
    for k, t in enumerate(comparison.thresholds):
        gain = comparison.covered_b[k] - comparison.covered_a[k]
        facts.append(f"{phrase('within', language, t=f'{t:g}')}: B − A = {signed(gain)}")
    return ComparisonModel(
        title=title
        or f"{phrase('scenario_comparison', language)}: {comparison.a} → {comparison.b}",
        name_a=comparison.a,
        name_b=comparison.b,
        table=comparison_table(comparison, language),
        chart=comparison_chart(comparison, language),
        facts=facts,
        **layers,
    )


def build_comparison(
    project: QgsProject,
    model: ComparisonModel,
    name: str = LAYOUT_NAME,
    language: str | None = None,
) -> QgsPrintLayout:
    """An A3 landscape sheet: maps A, B and B − A across the top; table, chart, legend below."""
    language = check_language(language)
    base = project_layers(project, model.base_layer_ids, "comparison map")
    layers_a = project_layers(project, model.layer_ids_a, "scenario A map")
    layers_b = project_layers(project, model.layer_ids_b, "scenario B map")
    diff = (
        project_layers(project, [model.difference_layer_id], "difference map")
        if (model.difference_layer_id)
        else []
    )
    if not (base or layers_a or layers_b):
        raise InputError("The comparison has no layers to show; give each scenario's layers.")
    layout, width, height = new_layout(project, name, model.paper, True)
    m = 9.0
    gap = 5.0
    add_band(layout, 0, 0, width, 16, ACCENT)
    add_fitted_label(
        layout, model.title, m, 3.5, width - 2 * m, 10, 17, min_size=10, bold=True, colour="#FFFFFF"
    )
    extent = QgsRectangle(*model.extent) if model.extent else layers_extent(base + layers_a)
    extent.scale(1.04)
    map_w = (width - 2 * m - 2 * gap) / 3
    map_h = min(map_w * 0.78, height * 0.5)
    y = 16 + 10
    panels = [
        (f"A: {model.name_a}", layers_a + base),
        (f"B: {model.name_b}", layers_b + base),
        (
            f"B − A: {phrase('gain_loss', language)}",
            diff + [lyr for lyr in base if lyr.type() == 0],
        ),
    ]
    maps = []
    for i, (label, layers) in enumerate(panels):
        x = m + i * (map_w + gap)
        add_fitted_label(
            layout, label, x, y - 7, map_w, 6, 11, min_size=7, bold=True, colour=ACCENT
        )
        item = add_map(
            layout,
            project,
            layers,
            extent,
            x,
            y,
            map_w,
            map_h,
            item_id=f"comparison_map_{'ABD'[i]}",
        )
        maps.append(item)
    add_north_arrow(layout, m + 2.5, y + 2.5, 10)
    add_scalebar(layout, maps[0], m + 2.5, y + map_h - 10, maps[0].extent().width(), size=7)
    y2 = y + map_h + 7
    bottom = height - m - 6
    table_w = (width - 2 * m) * 0.5
    add_table(
        layout,
        model.table,
        m,
        y2,
        table_w,
        bottom - y2,
        size_pt=7.5,
        min_pt=5.0,
        csv_hint=model.table.csv_name,
    )
    x = m + table_w + 2 * gap
    w = (width - m - x - gap) / 2
    yy = y2
    if model.facts:
        add_label(layout, "\n".join(model.facts), x, yy, w, 14, 9, bold=True)
        yy += 15
    if model.chart is not None:
        add_chart(layout, model.chart, x, yy, w, min(60.0, bottom - yy))
    legend_layers = (
        project_layers(project, model.legend_layer_ids, "legend")
        if model.legend_layer_ids
        else diff + layers_b
    )
    if legend_layers:
        add_legend(
            layout,
            maps[2],
            legend_layers,
            x + w + gap,
            y2,
            w,
            bottom - y2,
            title=phrase("legend", language),
            symbol_pt=7,
        )
    footer = "  ·  ".join(t for t in (model.date_text, model.sources_text) if t)
    add_fitted_label(
        layout, footer, m, height - m - 4, width - 2 * m, 5, 6.5, min_size=5, colour=MUTED
    )
    project.layoutManager().addLayout(layout)
    return layout


def export_comparison(
    project: QgsProject,
    model: ComparisonModel,
    pdf_path: str | os.PathLike | None,
    png_path: str | os.PathLike | None = None,
    csv_path: str | os.PathLike | None = None,
    dpi: float = 150.0,
    language: str | None = None,
    name: str = LAYOUT_NAME,
    progress: Callable[[float], None] | None = None,
) -> tuple[QgsPrintLayout, list[Path]]:
    layout = build_comparison(project, model, name, language)
    files = export_layout(layout, pdf_path, png_path, dpi, feedback=progress)
    if csv_path:
        files.append(model.table.write_csv(csv_path))
    return layout, files
