"""Map styles that read well on a projector and on paper, built in code.

One function per kind of layer. They are used by the demo, the Processing
post-processors and the panel, so a layer looks the same wherever it appears.
Colours are colour-blind safe where categories matter (Okabe-Ito palette).
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalettedRasterRenderer,
    QgsPalLayerSettings,
    QgsRasterLayer,
    QgsRasterShader,
    QgsRendererCategory,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
SERVICE_COLOURS = {
    "hospital": "#D55E00",
    "clinic": "#E69F00",
    "library": "#0072B2",
    "police": "#000000",
    "combined": "#CC79A7",
}
SERVICE_SHAPES = {
    "hospital": "cross_fill",
    "clinic": "cross_fill",
    "library": "square",
    "police": "diamond",
    "combined": "star",
}
ROAD_STYLES = {  # class: (colour, width mm, casing colour or None)
    "paved": ("#C0392B", 0.9, "#FFFFFF"),
    "gravel": ("#7F5A3A", 0.55, None),
    "track": ("#8C8C8C", 0.3, None),
}
LANDCOVER_COLOURS = {
    "grassland": "#DCE9B5",
    "sand": "#EFD9A7",
    "desert": "#EFD9A7",
    "wetland": "#9FD3C7",
    "water": "#7DB7E8",
    "farmland": "#F2E6A0",
    "built-up": "#C9A9A6",
    "built_up": "#C9A9A6",
}


def cjk_font_family() -> str:
    """A font family that covers Chinese, if installed (Noto Sans CJK SC on Debian)."""
    families = set(QFontDatabase().families())
    for family in ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei"):
        if family in families:
            return family
    return QFont().defaultFamily()


def text_format(
    size_pt: float = 9.0, bold: bool = False, colour: str = "#222222", family: str | None = None
) -> QgsTextFormat:
    """Text of tables and scale bars: ``family`` (default the CJK font) with a white halo."""
    fmt = QgsTextFormat()
    font = QFont(family or cjk_font_family())
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size_pt)
    fmt.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor(255, 255, 255, 220))
    fmt.setBuffer(buffer)
    return fmt


def _label(layer: QgsVectorLayer, expression: str, size_pt: float, bold: bool = False) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.setFormat(text_format(size_pt, bold))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style_population(layer: QgsRasterLayer, max_value: float | None = None) -> None:
    """People per cell, graduated from pale yellow to dark red; empty cells transparent."""
    breaks = [0.05, 1, 5, 20, 100, 500]
    colours = ["#FFF5C0", "#FED976", "#FD8D3C", "#E31A1C", "#A50F15", "#5C0010"]
    if max_value is not None and max_value > breaks[-1]:
        breaks[-1] = max_value
    items = [QgsColorRampShader.ColorRampItem(0.0, QColor(0, 0, 0, 0), "0")]
    lower = 0
    for value, colour in zip(breaks, colours):
        items.append(
            QgsColorRampShader.ColorRampItem(value, QColor(colour), f"{lower:g}–{value:g}")
        )
        lower = value
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0)
    renderer.setClassificationMax(breaks[-1])
    layer.setRenderer(renderer)
    layer.setOpacity(0.85)
    layer.triggerRepaint()


def style_landcover(layer: QgsRasterLayer, classes: dict[int, str]) -> None:
    """Paletted land cover, muted so that population and catchments stand out on top."""
    entries = []
    for code, name in sorted(classes.items()):
        colour = QColor(LANDCOVER_COLOURS.get(name.lower(), "#DDDDDD"))
        entries.append(QgsPalettedRasterRenderer.Class(int(code), colour, name))
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, entries))
    layer.setOpacity(0.7)
    layer.triggerRepaint()


def style_roads(layer: QgsVectorLayer, class_field: str = "road_class") -> None:
    categories = []
    for name, (colour, width, casing) in ROAD_STYLES.items():
        if casing:
            symbol = QgsLineSymbol.createSimple(
                {"line_color": casing, "line_width": str(width + 0.4)}
            )
            # Keep the inner symbol in a name: a temporary would be freed before clone().
            inner = QgsLineSymbol.createSimple({"line_color": colour, "line_width": str(width)})
            symbol.appendSymbolLayer(inner.symbolLayer(0).clone())
        else:
            symbol = QgsLineSymbol.createSimple({"line_color": colour, "line_width": str(width)})
        categories.append(QgsRendererCategory(name, symbol, name))
    layer.setRenderer(QgsCategorizedSymbolRenderer(class_field, categories))
    layer.triggerRepaint()


def style_rivers(layer: QgsVectorLayer) -> None:
    symbol = QgsLineSymbol.createSimple({"line_color": "#2B7BB9", "line_width": "0.8"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()


def style_facilities(
    layer: QgsVectorLayer, service_field: str = "service", label_field: str | None = "name"
) -> None:
    categories = []
    for service, colour in SERVICE_COLOURS.items():
        symbol = QgsMarkerSymbol.createSimple(
            {
                "name": SERVICE_SHAPES[service],
                "color": colour,
                "outline_color": "#FFFFFF",
                "outline_width": "0.4",
                "size": "4.2",
            }
        )
        categories.append(QgsRendererCategory(service, symbol, service))
    layer.setRenderer(QgsCategorizedSymbolRenderer(service_field, categories))
    if label_field:
        _label(layer, f'"{label_field}"', 7.5)
    layer.triggerRepaint()


def style_stops(layer: QgsVectorLayer, label_field: str | None = "name") -> None:
    """Mobile stops: a hollow ring with a dot, so they never look like fixed facilities."""
    symbol = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "#FFFFFF", "outline_color": "#009E73", "outline_width": "0.8"}
    )
    symbol.setSize(4.0)
    inner = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#009E73", "size": "1.6"})
    symbol.appendSymbolLayer(inner.symbolLayer(0).clone())
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if label_field:
        _label(layer, f'"{label_field}"', 7.0)
    layer.triggerRepaint()


def style_districts(
    layer: QgsVectorLayer, name_field: str = "name", name_zh_field: str | None = "name_zh"
) -> None:
    """Outlined districts, no fill, labelled with both names when a Chinese name exists."""
    symbol = QgsFillSymbol.createSimple(
        {
            "color": "0,0,0,0",
            "outline_color": "#4D4D4D",
            "outline_width": "0.6",
            "outline_style": "dash",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if name_zh_field and layer.fields().indexOf(name_zh_field) >= 0:
        expression = f"coalesce(\"{name_zh_field}\" || '\\n', '') || \"{name_field}\""
    else:
        expression = f'"{name_field}"'
    _label(layer, expression, 9.0, bold=True)
    layer.triggerRepaint()


def style_outline(layer: QgsVectorLayer, colour: str = "#222222", width: float = 1.0) -> None:
    symbol = QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": colour, "outline_width": str(width)}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()


# Travel-time bands (minutes): green (near) to purple (far), readable in print.
MINUTE_BREAKS = (10, 15, 30, 45, 60, 90, 120)
MINUTE_COLOURS = ("#1A9850", "#66BD63", "#A6D96A", "#FEE08B", "#FDAE61", "#F46D43", "#9E0142")


def _minute_bands(max_minutes: float | None) -> list[tuple[float, float, str]]:
    """(lower, upper, colour) per band up to ``max_minutes`` (or the last break)."""
    top = max_minutes if max_minutes and max_minutes > 0 else MINUTE_BREAKS[-1]
    bands = []
    lower = 0.0
    for value, colour in zip(MINUTE_BREAKS, MINUTE_COLOURS):
        upper = min(float(value), top)
        bands.append((lower, upper, colour))
        lower = upper
        if upper >= top:
            break
    if lower < top:
        bands.append((lower, float(top), "#5E3C99"))
    return bands


def style_travel_minutes(layer: QgsRasterLayer, max_minutes: float | None = None) -> None:
    """Minutes per cell in bands (≤ 10, ≤ 15, ≤ 30, …); unreached cells (NoData) transparent."""
    items = [
        QgsColorRampShader.ColorRampItem(upper, QColor(colour), f"{lower:g}–{upper:g} min")
        for lower, upper, colour in _minute_bands(max_minutes)
    ]
    items.append(QgsColorRampShader.ColorRampItem(float("inf"), QColor(94, 60, 153), "more"))
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0)
    renderer.setClassificationMax(items[-2].value)
    layer.setRenderer(renderer)
    layer.setOpacity(0.75)
    layer.triggerRepaint()


def style_network_minutes(
    layer: QgsVectorLayer, field: str = "minutes", max_minutes: float | None = None
) -> None:
    """Road segments coloured by the minutes in ``field``; unreached segments (NULL) are not
    drawn, so the roads layer underneath shows them."""
    from qgis.core import QgsGraduatedSymbolRenderer, QgsRendererRange

    ranges = []
    for lower, upper, colour in _minute_bands(max_minutes):
        symbol = QgsLineSymbol.createSimple({"line_color": colour, "line_width": "0.8"})
        ranges.append(QgsRendererRange(lower, upper, symbol, f"{lower:g}–{upper:g} min"))
    renderer = QgsGraduatedSymbolRenderer(field, ranges)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
