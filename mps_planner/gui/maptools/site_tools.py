"""Map tools of the panel: add, move and delete stops. They only emit signals.

Each tool reports what the user did in map coordinates of the canvas's CRS; the controller
decides what to do with it (write the stops layer, update the numbers). The move and delete
tools find the stop under the cursor themselves (reading the layer, never editing it) so that
the signal can name it by ``stop_id``.
"""

from __future__ import annotations

from typing import Callable

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QCursor

LayerGetter = Callable[[], "QgsVectorLayer | None"]


def stop_under(
    canvas: QgsMapCanvas, layer: QgsVectorLayer | None, point: QgsPointXY, radius: float
) -> tuple[str, QgsPointXY] | None:
    """The stop nearest to ``point`` (canvas CRS) within ``radius`` map units: its stop_id
    and its position in the canvas CRS."""
    if layer is None or not layer.isValid() or layer.fields().indexOf("stop_id") < 0:
        return None
    to_layer = QgsCoordinateTransform(
        canvas.mapSettings().destinationCrs(), layer.crs(), QgsProject.instance()
    )
    box = to_layer.transformBoundingBox(
        QgsRectangle(point.x() - radius, point.y() - radius, point.x() + radius, point.y() + radius)
    )
    request = QgsFeatureRequest().setFilterRect(box)
    best = None
    for feature in layer.getFeatures(request):
        if not feature.hasGeometry() or feature["stop_id"] in (None, ""):
            continue
        geom = QgsGeometry(feature.geometry())
        geom.transform(to_layer, QgsCoordinateTransform.ReverseTransform)
        where = geom.asPoint()
        distance = where.distance(point)
        if distance <= radius and (best is None or distance < best[0]):
            best = (distance, str(feature["stop_id"]), where)
    return None if best is None else (best[1], best[2])


class AddSiteTool(QgsMapTool):
    """Click to place a site of ``role`` (a mobile stop or a candidate facility)."""

    siteAdded = pyqtSignal(QgsPointXY, str)  # map point (canvas CRS), role

    def __init__(self, canvas: QgsMapCanvas, role: str):
        super().__init__(canvas)
        self.role = role
        self.setCursor(QCursor(Qt.CrossCursor))

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            self.siteAdded.emit(QgsPointXY(event.mapPoint()), self.role)


class MoveSiteTool(QgsMapTool):
    """Press on a stop, drag it, release: one move (a rubber band shows where it goes)."""

    siteMoved = pyqtSignal(str, QgsPointXY)  # stop_id, new map point (canvas CRS)

    def __init__(self, canvas: QgsMapCanvas, layer: LayerGetter):
        super().__init__(canvas)
        self._layer = layer
        self._dragging: str | None = None
        self._band = QgsRubberBand(canvas, QgsWkbTypes.PointGeometry)
        self._band.setColor(QColor(213, 94, 0, 220))
        self._band.setIconSize(14)
        self._band.setWidth(3)
        self.setCursor(QCursor(Qt.OpenHandCursor))

    def canvasPressEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() != Qt.LeftButton:
            return
        radius = self.searchRadiusMU(self.canvas())
        hit = stop_under(self.canvas(), self._layer(), event.mapPoint(), radius)
        if hit is not None:
            self._dragging = hit[0]
            self._band.reset(QgsWkbTypes.PointGeometry)
            self._band.addPoint(hit[1])

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:
        if self._dragging is not None:
            self._band.movePoint(event.mapPoint())

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() != Qt.LeftButton or self._dragging is None:
            return
        stop_id, self._dragging = self._dragging, None
        self._band.reset(QgsWkbTypes.PointGeometry)
        self.siteMoved.emit(stop_id, QgsPointXY(event.mapPoint()))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self._dragging is not None:
            self._dragging = None
            self._band.reset(QgsWkbTypes.PointGeometry)
            event.accept()
        else:
            event.ignore()

    def deactivate(self) -> None:
        self._dragging = None
        self._band.reset(QgsWkbTypes.PointGeometry)
        super().deactivate()


class DeleteSiteTool(QgsMapTool):
    """Click on a stop to delete it."""

    siteDeleted = pyqtSignal(str)  # stop_id

    def __init__(self, canvas: QgsMapCanvas, layer: LayerGetter):
        super().__init__(canvas)
        self._layer = layer
        self.setCursor(QCursor(Qt.PointingHandCursor))

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:
        if event.button() != Qt.LeftButton:
            return
        radius = self.searchRadiusMU(self.canvas())
        hit = stop_under(self.canvas(), self._layer(), event.mapPoint(), radius)
        if hit is not None:
            self.siteDeleted.emit(hit[0])
