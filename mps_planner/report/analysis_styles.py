"""Styles for analysis outputs: speed surfaces, travel times, catchments, gaps.

Travel-time bands use a sequential palette readable on a projector (dark = near) with a
legend entry per band, so a printed map answers "how far is it" at a glance.
"""

from __future__ import annotations

from qgis.core import (
    QgsColorRampShader,
    QgsRasterLayer,
    QgsRasterShader,
    QgsSingleBandPseudoColorRenderer,
)
from qgis.PyQt.QtGui import QColor

TIME_COLOURS = ["#08306B", "#2171B5", "#4292C6", "#6BAED6", "#9ECAE1", "#C6DBEF", "#EDF3FA"]
SPEED_COLOURS = ["#FFFFFF", "#F7F4F9", "#D4B9DA", "#C994C7", "#DF65B0", "#CE1256", "#67001F"]


def time_breaks(max_minutes: float | None) -> list[float]:
    """Round band limits up to ``max_minutes`` (default 2 h): 15, 30, 60, 90, 120, ... min."""
    top = max_minutes if max_minutes and max_minutes > 0 else 120.0
    candidates = [5, 10, 15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440]
    breaks = [b for b in candidates if b < top]
    breaks = [*breaks[-(len(TIME_COLOURS) - 1) :], top]
    return [float(b) for b in breaks]


def _discrete(layer: QgsRasterLayer, items: list[QgsColorRampShader.ColorRampItem]) -> None:
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(items[0].value)
    renderer.setClassificationMax(items[-1].value)
    layer.setRenderer(renderer)


def style_travel_time(layer: QgsRasterLayer, max_minutes: float | None = None) -> None:
    """Minutes in bands (≤ 15, 15–30, ...); NoData (unreachable) transparent."""
    breaks = time_breaks(max_minutes)
    items = []
    lower = 0.0
    for value, colour in zip(breaks, TIME_COLOURS):
        items.append(
            QgsColorRampShader.ColorRampItem(value, QColor(colour), f"{lower:g}–{value:g} min")
        )
        lower = value
    _discrete(layer, items)
    layer.setOpacity(0.75)
    layer.triggerRepaint()


def style_speed(layer: QgsRasterLayer) -> None:
    """km/h in classes; 0 (impassable) white."""
    breaks = [0.0, 3.0, 6.0, 12.0, 20.0, 40.0, 1000.0]
    labels = ["impassable", "≤ 3 km/h", "3–6", "6–12", "12–20", "20–40", "> 40 km/h"]
    items = [
        QgsColorRampShader.ColorRampItem(b, QColor(c), label)
        for b, c, label in zip(breaks, SPEED_COLOURS, labels)
    ]
    _discrete(layer, items)
    layer.triggerRepaint()


BAND_COLOURS = ["#1B7837", "#7FBC41", "#C2E699", "#E6F5D0"]  # near → far


def style_catchments(layer, band_field: str = "band_max", opacity: float = 0.55) -> None:
    """Catchment bands: green for the nearest band, paler for farther ones; thin outlines."""
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsRendererCategory,
    )

    values = sorted({f[band_field] for f in layer.getFeatures()})
    categories = []
    for i, value in enumerate(values):
        colour = BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)]
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": "#3B5B3B", "outline_width": "0.15"}
        )
        low = values[i - 1] if i else 0
        categories.append(QgsRendererCategory(value, symbol, f"{low:g}–{value:g} min"))
    layer.setRenderer(QgsCategorizedSymbolRenderer(band_field, categories))
    layer.setOpacity(opacity)
    layer.triggerRepaint()


def style_hotspots(layer) -> None:
    """Gap hotspots: red outlines labelled with their rank and people."""
    from qgis.core import (
        QgsFillSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsVectorLayerSimpleLabeling,
    )

    from .layer_styles import text_format

    symbol = QgsFillSymbol.createSimple(
        {"color": "214,39,40,40", "outline_color": "#B2182B", "outline_width": "0.6"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = QgsPalLayerSettings()
    settings.fieldName = "'#' || \"rank\" || ': ' || format_number(\"people\", 0)"
    settings.isExpression = True
    settings.setFormat(text_format(8.0, bold=True, colour="#8B0000"))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.triggerRepaint()


CHANGE_CLASSES = (  # (upper bound, colour, label): people per cell losing (< 0) / gaining
    (-50.0, "#762A83", "loses: more than 50"),
    (-5.0, "#9970AB", "loses: 5–50"),
    (-0.005, "#C2A5CF", "loses: up to 5"),
    (0.005, "#FFFFFF00", "no change"),
    (5.0, "#A6DBA0", "gains: up to 5"),
    (50.0, "#5AAE61", "gains: 5–50"),
    (float("inf"), "#1B7837", "gains: more than 50"),
)


def style_coverage_change(layer: QgsRasterLayer, unit: str = "people per cell") -> None:
    """People gaining coverage in greens, losing it in purples (colour-blind safe); cells
    without change transparent."""
    items = []
    for upper, colour, label in CHANGE_CLASSES:
        qcolour = QColor(colour[:7])
        if len(colour) > 7:
            qcolour.setAlpha(0)
        text = label if label == "no change" else f"{label} {unit}"
        items.append(QgsColorRampShader.ColorRampItem(upper, qcolour, text))
    _discrete(layer, items)
    layer.setOpacity(0.9)
    layer.triggerRepaint()
