"""Vector layers read from a background task: a snapshot taken on the main thread.

A ``QgsVectorLayer`` belongs to the main thread; ``QgsVectorLayerFeatureSource`` is QGIS's
own thread-safe copy of what is needed to read its features (the renderer uses it the same
way). ``LayerSnapshot`` wraps one with the few methods the readers of ``qgis_io`` ask of a
feature source (``wkbType``, ``sourceCrs``, ``fields``, ``getFeatures``), so that speed
surfaces, districts and roads can be built from project layers inside a ``QgsTask.run``.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)

from ..core.errors import InputError


class LayerSnapshot:
    """Take on the main thread; read on any thread."""

    def __init__(self, layer: QgsVectorLayer):
        if layer is None or not layer.isValid():
            raise InputError("A chosen vector layer is missing or cannot be read.")
        self.name = layer.name()
        self._source = QgsVectorLayerFeatureSource(layer)
        self._wkb_type = layer.wkbType()
        self._crs = layer.crs()
        self._fields = layer.fields()
        self._count = layer.featureCount()

    def wkbType(self):
        return self._wkb_type

    def sourceCrs(self):
        return self._crs

    def fields(self):
        return self._fields

    def featureCount(self) -> int:
        return self._count

    def getFeatures(self, request: QgsFeatureRequest | None = None):
        return self._source.getFeatures(request or QgsFeatureRequest())


class TransformContext:
    """The project's coordinate-transform settings, captured on the main thread for the
    readers that take a Processing-like ``context`` (they only call ``transformContext``)."""

    def __init__(self, context: QgsCoordinateTransformContext | None = None):
        self._context = context or QgsProject.instance().transformContext()

    def transformContext(self) -> QgsCoordinateTransformContext:
        return self._context
