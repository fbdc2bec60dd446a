"""Charts drawn in code with QPainter (no plotting library at run time), saved as SVG or PNG.

A grouped bar chart covers what the sheets show: people covered per travel-time threshold
(one bar per threshold, or one per scenario), with the value or share printed on each bar.
SVG keeps the chart sharp in the PDF; the layout places it as a picture.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from qgis.PyQt.QtSvg import QSvgGenerator

from .layer_styles import cjk_font_family
from .model import ChartModel

DPI = 96.0  # SVG user units per inch (the size in mm is what the layout uses)


def _px(mm: float) -> float:
    return mm / 25.4 * DPI


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top``."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        step = m * magnitude
        if step >= raw:
            break
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]


def _fmt(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1e6:g} M"
    if abs(value) >= 10_000:
        return f"{value / 1e3:g} k"
    return f"{value:,.0f}"


def draw_chart(painter: QPainter, chart: ChartModel, width: float, height: float) -> None:
    """Draw ``chart`` into a ``width`` × ``height`` (device units) area at the origin."""
    family = cjk_font_family()
    scale = max(0.9, height / _px(50.0))  # fonts relative to a 50 mm high chart
    title_font = QFont(family)
    title_font.setPixelSize(max(8, round(13 * scale)))
    title_font.setBold(True)
    small = QFont(family)
    small.setPixelSize(max(7, round(10 * scale)))
    tiny = QFont(family)
    tiny.setPixelSize(max(6, round(9 * scale)))
    fm_small = QFontMetricsF(small)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, width, height), QColor("#FFFFFF"))

    painter.setFont(title_font)
    painter.setPen(QColor("#1F4E79"))
    title_h = QFontMetricsF(title_font).height() * 1.3
    painter.drawText(QRectF(0, 0, width, title_h), Qt.AlignLeft | Qt.AlignVCenter, chart.title)

    values = [v for s in chart.series for v in s.values if math.isfinite(v)]
    top = max(values, default=0.0)
    if chart.percent_of:
        ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
        to_axis = 100.0 / chart.percent_of
    else:
        ticks = nice_ticks(top * 1.12)
        to_axis = 1.0
    axis_top = ticks[-1] or 1.0
    tick_labels = [f"{t:g} %" if chart.percent_of else _fmt(t) for t in ticks]
    left = max(fm_small.horizontalAdvance(t) for t in tick_labels) + 6 * scale
    legend_h = fm_small.height() * 1.5 if len(chart.series) > 1 else 0.0
    axis_label_h = fm_small.height() * 1.2 if chart.value_axis else 0.0
    bottom = fm_small.height() * 1.6 + legend_h
    plot = QRectF(left, title_h + axis_label_h + 4 * scale, width - left - 4 * scale, 0)
    plot.setBottom(height - bottom)

    if chart.value_axis:
        painter.setFont(tiny)
        painter.setPen(QColor("#5A5A5A"))
        painter.drawText(
            QRectF(0, title_h, width, axis_label_h),
            Qt.AlignLeft | Qt.AlignVCenter,
            chart.value_axis,
        )
    painter.setFont(small)
    grid_pen = QPen(QColor("#D9D9D9"))
    grid_pen.setWidthF(max(0.5, 0.8 * scale))
    for t, label in zip(ticks, tick_labels):
        yy = plot.bottom() - plot.height() * t / axis_top
        painter.setPen(grid_pen)
        painter.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy))
        painter.setPen(QColor("#5A5A5A"))
        painter.drawText(
            QRectF(0, yy - fm_small.height() / 2, left - 4 * scale, fm_small.height()),
            Qt.AlignRight | Qt.AlignVCenter,
            label,
        )
    n_cat = max(1, len(chart.categories))
    n_ser = max(1, len(chart.series))
    group_w = plot.width() / n_cat
    bar_w = group_w * 0.72 / n_ser
    for c, category in enumerate(chart.categories):
        x0 = plot.left() + c * group_w + group_w * 0.14
        for s, series in enumerate(chart.series):
            value = series.values[c]
            if not math.isfinite(value):
                continue
            bar_h = plot.height() * max(0.0, value * to_axis) / axis_top
            rect = QRectF(x0 + s * bar_w, plot.bottom() - bar_h, bar_w * 0.92, bar_h)
            painter.fillRect(rect, QColor(series.colour))
            label = None
            if chart.value_labels is not None:
                label = chart.value_labels[s][c]
            elif chart.percent_of:
                label = f"{value * to_axis:.0f} %"
            if label:
                painter.setFont(tiny)
                painter.setPen(QColor("#222222"))
                fm = QFontMetricsF(tiny)
                ly = rect.top() - fm.height() - 1
                inside = ly < plot.top()
                if inside:  # no room above: write it inside the bar, in white
                    ly = rect.top() + 1
                    painter.setPen(QColor("#FFFFFF"))
                painter.drawText(
                    QRectF(rect.left() - bar_w, ly, rect.width() + 2 * bar_w, fm.height()),
                    Qt.AlignHCenter | Qt.AlignVCenter,
                    label,
                )
        painter.setFont(small)
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(plot.left() + c * group_w, plot.bottom() + 2, group_w, fm_small.height()),
            Qt.AlignHCenter | Qt.AlignTop,
            category,
        )
    axis_pen = QPen(QColor("#555555"))
    axis_pen.setWidthF(max(0.6, 1.0 * scale))
    painter.setPen(axis_pen)
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    if len(chart.series) > 1:
        painter.setFont(small)
        lx = plot.left()
        ly = height - legend_h + legend_h * 0.2
        box = fm_small.height() * 0.7
        for series in chart.series:
            painter.fillRect(QRectF(lx, ly + box * 0.2, box, box), QColor(series.colour))
            painter.setPen(QColor("#222222"))
            text_w = fm_small.horizontalAdvance(series.name)
            painter.drawText(
                QRectF(lx + box * 1.4, ly - 1, text_w + 4, fm_small.height()),
                Qt.AlignLeft | Qt.AlignVCenter,
                series.name,
            )
            lx += box * 1.4 + text_w + 14 * scale


def write_chart(
    chart: ChartModel, path: str | os.PathLike, width_mm: float, height_mm: float
) -> Path:
    """Write the chart as SVG (``.svg``) or PNG at 300 dpi (``.png``); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.partial{path.suffix}")
    if path.suffix.lower() == ".svg":
        w, h = _px(width_mm), _px(height_mm)
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(QSize(round(w), round(h)))
        generator.setViewBox(QRectF(0, 0, w, h))
        generator.setResolution(round(DPI))
        generator.setTitle(chart.title)
        painter = QPainter(generator)
        draw_chart(painter, chart, w, h)
        painter.end()
    else:
        dpi = 300.0
        w, h = round(width_mm / 25.4 * dpi), round(height_mm / 25.4 * dpi)
        image = QImage(w, h, QImage.Format_ARGB32)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        draw_chart(painter, chart, w, h)
        painter.end()
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"Could not write the chart to {path}")
    os.replace(tmp, path)
    return path
