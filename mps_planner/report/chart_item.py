"""A chart on a layout: drawn to SVG in memory and embedded in the picture item.

Embedded (``base64:`` source, understood by QGIS's SVG cache) rather than linked, so the
layout saved in the project keeps its chart when the project is moved or reopened.
"""

from __future__ import annotations

import base64

from qgis.core import QgsLayoutItemPicture, QgsLayoutPoint, QgsLayoutSize
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from qgis.PyQt.QtGui import QPainter
from qgis.PyQt.QtSvg import QSvgGenerator

from .chart import DPI, draw_chart
from .layout_items import MM
from .model import ChartModel


def chart_svg_bytes(chart: ChartModel, width_mm: float, height_mm: float) -> bytes:
    w, h = width_mm / 25.4 * DPI, height_mm / 25.4 * DPI
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(w), round(h)))
    generator.setViewBox(QRectF(0, 0, w, h))
    generator.setResolution(round(DPI))
    generator.setTitle(chart.title)
    painter = QPainter(generator)
    draw_chart(painter, chart, w, h)
    painter.end()
    buffer.close()
    return bytes(data)


def add_chart(
    layout,
    chart: ChartModel,
    x: float,
    y: float,
    w: float,
    h: float,
    page: int = 0,
    item_id: str = "chart",
) -> QgsLayoutItemPicture:
    picture = QgsLayoutItemPicture(layout)
    picture.setId(item_id)
    set_chart(picture, chart, w, h)
    picture.setResizeMode(QgsLayoutItemPicture.Zoom)
    layout.addLayoutItem(picture)
    picture.attemptResize(QgsLayoutSize(w, h, MM))
    picture.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    return picture


def set_chart(picture: QgsLayoutItemPicture, chart: ChartModel, w: float, h: float) -> None:
    """Draw ``chart`` at ``w`` × ``h`` mm into the picture item (embedded SVG)."""
    svg = chart_svg_bytes(chart, w, h)
    picture.setPicturePath("base64:" + base64.b64encode(svg).decode("ascii"))
