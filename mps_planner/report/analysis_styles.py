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
from qgis.PyQt.QtCore import QCoreApplication
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


# -- the planner panel's live layers (read on a projector: few classes, strong colours) ------
LIVE_BAND_COLOURS = ["#0B4F8A", "#3C8DC9", "#9CC8E8", "#D6E9F6"]
GAINED_COLOUR = "#009E73"  # Okabe-Ito bluish green
LOST_COLOUR = "#D55E00"  # Okabe-Ito vermillion


def _paletted(layer: QgsRasterLayer, entries: list[tuple[int, str, str]]) -> None:
    from qgis.core import QgsPalettedRasterRenderer

    classes = [QgsPalettedRasterRenderer.Class(v, QColor(c), label) for v, c, label in entries]
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))


def style_live_bands(layer: QgsRasterLayer, thresholds: list[float]) -> None:
    """Reached within each threshold (1 = the first), darkest nearest; beyond transparent."""
    entries = []
    lower = 0.0
    for k, t in enumerate(thresholds):
        colour = LIVE_BAND_COLOURS[min(k, len(LIVE_BAND_COLOURS) - 1)]
        label = QCoreApplication.translate("LiveStyles", "{lower:g}–{upper:g} min").format(
            lower=lower, upper=t
        )
        entries.append((k + 1, colour, label))
        lower = t
    _paletted(layer, entries)
    layer.setOpacity(0.55)
    layer.triggerRepaint()


def style_live_gap(layer: QgsRasterLayer, target_minutes: float) -> None:
    """People not reached within the target, per cell; 0 transparent."""
    breaks = [0.5, 2.0, 5.0, 10.0, 25.0, 1e9]
    colours = ["#FDE0EF", "#F1B6DA", "#DE77AE", "#C51B7D", "#8E0152", "#4D0030"]
    items = [QgsColorRampShader.ColorRampItem(0.0, QColor(0, 0, 0, 0), "0")]
    lower = 0.0
    for value, colour in zip(breaks, colours):
        label = f"> {lower:g}" if value >= 1e9 else f"{lower:g}–{value:g}"
        items.append(QgsColorRampShader.ColorRampItem(value, QColor(colour), label))
        lower = value
    _discrete(layer, items)
    layer.setOpacity(0.9)
    layer.triggerRepaint()


def style_live_change(layer: QgsRasterLayer) -> None:
    """Cells gained (green) and lost (orange) in the last edit."""
    _paletted(
        layer,
        [
            (1, GAINED_COLOUR, QCoreApplication.translate("LiveStyles", "gained")),
            (2, LOST_COLOUR, QCoreApplication.translate("LiveStyles", "lost")),
        ],
    )
    layer.setOpacity(0.95)
    layer.triggerRepaint()


def style_difference(layer: QgsRasterLayer) -> None:
    """People gaining (green) or losing (orange) coverage from scenario A to B; 0 hidden."""
    # Discrete classes: each value takes the first item whose value is ≥ it.
    items = [
        QgsColorRampShader.ColorRampItem(
            -5.0, QColor("#A63603"), QCoreApplication.translate("LiveStyles", "lose 5 or more")
        ),
        QgsColorRampShader.ColorRampItem(
            -1e-9, QColor("#FD8D3C"), QCoreApplication.translate("LiveStyles", "lose fewer than 5")
        ),
        QgsColorRampShader.ColorRampItem(
            1e-9, QColor(0, 0, 0, 0), QCoreApplication.translate("LiveStyles", "no change")
        ),
        QgsColorRampShader.ColorRampItem(
            5.0, QColor("#74C476"), QCoreApplication.translate("LiveStyles", "gain up to 5")
        ),
        QgsColorRampShader.ColorRampItem(
            1e12, QColor("#00683F"), QCoreApplication.translate("LiveStyles", "gain more than 5")
        ),
    ]
    _discrete(layer, items)
    layer.setOpacity(0.95)
    layer.triggerRepaint()


def style_proposed_stops(layer) -> None:
    """Proposed stops: large stars with their rank, distinct from placed stops."""
    from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

    symbol = QgsMarkerSymbol.createSimple(
        {"name": "star", "color": "#F0E442", "outline_color": "#222222", "outline_width": "0.5"}
    )
    symbol.setSize(6.0)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()


def style_routes(layer) -> None:
    """Vehicle routes: a thick dark line with a white casing, readable over any raster."""
    from qgis.core import QgsLineSymbol, QgsSingleSymbolRenderer

    symbol = QgsLineSymbol.createSimple({"line_color": "#FFFFFF", "line_width": "1.6"})
    inner = QgsLineSymbol.createSimple({"line_color": "#6A3D9A", "line_width": "1.0"})
    symbol.appendSymbolLayer(inner.symbolLayer(0).clone())
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()


def style_difference_area(layer: QgsRasterLayer) -> None:
    """Where coverage is gained (light green) or lost (light orange) from scenario A to B."""
    _paletted(
        layer,
        [
            (1, "#A1D99B", QCoreApplication.translate("LiveStyles", "reached in B only")),
            (2, "#FDBE85", QCoreApplication.translate("LiveStyles", "reached in A only")),
        ],
    )
    layer.setOpacity(0.8)
    layer.triggerRepaint()
