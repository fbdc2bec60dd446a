"""Styles of mobile service plans: routes by vehicle with the driving direction, stops with
their visits, and the fixed + mobile coverage classes."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsLineSymbol,
    QgsMarkerLineSymbolLayer,
    QgsMarkerSymbol,
    QgsPalettedRasterRenderer,
    QgsPalLayerSettings,
    QgsRasterLayer,
    QgsRendererCategory,
    QgsSimpleLineSymbolLayer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..core.mobile_combined import CLASS_LABELS, CLASS_LABELS_ZH, FIXED, MOBILE, NOT_COVERED
from .layer_styles import style_stops, text_format

# Okabe-Ito colours, one per vehicle (repeating after eight).
VEHICLE_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
COMBINED_COLOURS = {FIXED: "#4393C3", MOBILE: "#5AAE61", NOT_COVERED: "#D6604D"}


def _label(layer: QgsVectorLayer, expression: str, size_pt: float) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.setFormat(text_format(size_pt))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def route_symbol(colour: str, width: float = 0.9) -> QgsLineSymbol:
    """A coloured line on a white casing with a small arrowhead every 30 mm (the driving
    direction)."""
    symbol = QgsLineSymbol()
    symbol.deleteSymbolLayer(0)
    symbol.appendSymbolLayer(QgsSimpleLineSymbolLayer(QColor("#FFFFFF"), width + 0.6))
    symbol.appendSymbolLayer(QgsSimpleLineSymbolLayer(QColor(colour), width))
    head = QgsMarkerSymbol.createSimple(
        {"name": "filled_arrowhead", "color": colour, "outline_style": "no", "size": "2.6"}
    )
    arrows = QgsMarkerLineSymbolLayer(True, 30.0)
    arrows.setPlacement(QgsMarkerLineSymbolLayer.Interval)
    arrows.setOffsetAlongLine(15.0)
    arrows.setSubSymbol(head)
    symbol.appendSymbolLayer(arrows)
    return symbol


def style_routes(layer: QgsVectorLayer, field: str = "vehicle_name") -> None:
    """One colour per vehicle; the legend lists the vehicles."""
    index = layer.fields().lookupField(field)
    values = sorted({f[field] for f in layer.getFeatures()}, key=str) if index >= 0 else []
    categories = [
        QgsRendererCategory(
            value, route_symbol(VEHICLE_COLOURS[i % len(VEHICLE_COLOURS)]), str(value)
        )
        for i, value in enumerate(values)
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))
    layer.triggerRepaint()


def style_plan_stops(layer: QgsVectorLayer, label: bool = True) -> None:
    """Mobile stops (hollow rings) labelled with their name and visits per period (or not
    labelled, where a settlement layer names the places already)."""
    style_stops(layer, label_field=None)
    names = layer.fields().names()
    if not label:
        layer.setLabelsEnabled(False)
    elif "visits" in names:
        _label(layer, '"name" || \' ×\' || "visits"', 7.0)
    elif "name" in names:
        _label(layer, '"name"', 7.0)
    layer.triggerRepaint()


def style_visits(layer: QgsVectorLayer) -> None:
    """Calls at stops: the ring, labelled with the arrival time."""
    style_stops(layer, label_field=None)
    if "arrival" in layer.fields().names():
        _label(layer, '"arrival"', 6.5)
    layer.triggerRepaint()


def style_combined(layer: QgsRasterLayer, labels: dict[int, str] | None = None) -> None:
    """Fixed (blue), mobile at the required frequency (green), not covered (red); 0 clear.
    Legend labels in English and Chinese unless ``labels`` are given."""
    labels = labels or {k: f"{v} {CLASS_LABELS_ZH[k]}" for k, v in CLASS_LABELS.items()}
    classes = [
        QgsPalettedRasterRenderer.Class(code, QColor(COMBINED_COLOURS[code]), labels[code])
        for code in (FIXED, MOBILE, NOT_COVERED)
    ]
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))
    layer.setOpacity(0.6)
    layer.triggerRepaint()
