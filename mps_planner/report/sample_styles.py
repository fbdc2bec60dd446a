"""Styles, titles and stacking order of the built-in sample region's layers.

Used by the ``sampleregion`` Processing algorithm's post-processor and by the demo, so the
sample looks the same wherever it is opened. Styles come from ``layer_styles``; the few
layers only the sample has (settlements, bridges, candidates, herder camps, lakes) are
styled here.
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRasterLayer,
    QgsRasterRange,
    QgsRasterShader,
    QgsRendererCategory,
    QgsRuleBasedLabeling,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..core.landcover import LANDCOVER_CLASSES
from .layer_styles import (
    style_districts,
    style_facilities,
    style_landcover,
    style_population,
    style_rivers,
    style_roads,
    text_format,
)

# Top of the layer tree first.
SAMPLE_LAYER_ORDER = (
    "facilities",
    "settlements",
    "bridges",
    "candidates",
    "herder_camps",
    "roads",
    "rivers",
    "lakes",
    "districts",
    "county",
    "population_summer",
    "population_winter",
    "landcover",
)
ORDER_PROPERTY = "mps_planner/sample_layer"


def sample_layer_title(name: str) -> str:
    """The title of a sample layer in the language of the interface."""
    titles = {
        "county": QCoreApplication.translate("SampleStyles", "County boundary"),
        "districts": QCoreApplication.translate("SampleStyles", "Districts (township boundaries)"),
        "roads": QCoreApplication.translate("SampleStyles", "Roads"),
        "rivers": QCoreApplication.translate("SampleStyles", "River"),
        "lakes": QCoreApplication.translate("SampleStyles", "Lakes"),
        "bridges": QCoreApplication.translate("SampleStyles", "Bridges"),
        "facilities": QCoreApplication.translate("SampleStyles", "Existing facilities"),
        "candidates": QCoreApplication.translate("SampleStyles", "Candidate sites"),
        "settlements": QCoreApplication.translate("SampleStyles", "Settlements"),
        "herder_camps": QCoreApplication.translate("SampleStyles", "Herder camps"),
        "population_summer": QCoreApplication.translate(
            "SampleStyles", "Population, summer (people per cell)"
        ),
        "population_winter": QCoreApplication.translate(
            "SampleStyles", "Population, winter (people per cell)"
        ),
        "population_summer_km2": QCoreApplication.translate(
            "SampleStyles", "People per km², summer"
        ),
        "population_winter_km2": QCoreApplication.translate(
            "SampleStyles", "People per km², winter"
        ),
        "landcover": QCoreApplication.translate("SampleStyles", "Land cover"),
    }
    return titles.get(name, name)


def style_sample_layer(layer: QgsMapLayer, name: str) -> None:
    """Style one sample layer by its table name and give it its title."""
    if name.startswith("population_") and name.endswith("_km2"):
        style_population_density(layer)
    elif name.startswith("population_"):
        style_population(layer)
        hide_zero_cells(layer)
    elif name == "landcover":
        style_landcover(layer, dict(LANDCOVER_CLASSES))
    elif name == "roads":
        style_roads(layer, "road_class")
    elif name == "rivers":
        style_rivers(layer)
    elif name == "lakes":
        symbol = QgsFillSymbol.createSimple(
            {"color": "#7DB7E8", "outline_color": "#2B7BB9", "outline_width": "0.3"}
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif name == "districts":
        style_districts(layer, "name", "name_zh")
    elif name == "county":
        style_county(layer)
    elif name == "facilities":
        style_facilities(layer, "service", label_field=None)
        drop_empty_categories(layer)
    elif name == "settlements":
        style_settlements(layer)
    elif name == "bridges":
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "square", "color": "#2B2B2B", "outline_color": "#FFFFFF", "size": "1.8"}
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif name == "candidates":
        symbol = QgsMarkerSymbol.createSimple(
            {
                "name": "triangle",
                "color": "255,255,255,0",
                "outline_color": "#555555",
                "outline_width": "0.35",
                "size": "2.4",
            }
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif name == "herder_camps":
        categories = []
        for season, colour in (("summer", "#009E73"), ("winter", "#56B4E9")):
            symbol = QgsMarkerSymbol.createSimple(
                {"name": "circle", "color": colour, "outline_style": "no", "size": "0.7"}
            )
            categories.append(QgsRendererCategory(season, symbol, f"{season} camp"))
        layer.setRenderer(QgsCategorizedSymbolRenderer("season", categories))
    layer.setName(sample_layer_title(name))
    layer.setCustomProperty(ORDER_PROPERTY, name)
    layer.triggerRepaint()


def style_county(layer: QgsVectorLayer) -> None:
    """A firm outline, and everything outside the county veiled, so the county stands out."""
    symbol = QgsFillSymbol.createSimple(
        {
            "color": "255,255,255,225",
            "outline_color": "#222222",
            "outline_width": "0.8",
            "joinstyle": "round",
        }
    )
    layer.setRenderer(QgsInvertedPolygonRenderer(QgsSingleSymbolRenderer(symbol)))


def drop_empty_categories(layer: QgsVectorLayer) -> None:
    """Remove categories no feature has (e.g. 'combined' before any such vehicle exists)."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        return
    present = layer.uniqueValues(layer.fields().indexOf(renderer.classAttribute()))
    for i in reversed(range(len(renderer.categories()))):
        if renderer.categories()[i].value() not in present:
            renderer.deleteCategory(i)


def hide_zero_cells(layer: QgsRasterLayer) -> None:
    """Cells with nobody are drawn transparent (as no data), not as a legend class."""
    layer.dataProvider().setUserNoDataValue(1, [QgsRasterRange(0.0, 0.0)])
    renderer = layer.renderer()
    if isinstance(renderer, QgsSingleBandPseudoColorRenderer):
        ramp = renderer.shader().rasterShaderFunction()
        ramp.setColorRampItemList([i for i in ramp.colorRampItemList() if i.value > 0])


def style_population_density(layer: QgsRasterLayer) -> None:
    """People per km², graduated (yellow to dark red) with round class limits."""
    breaks = [1, 2, 5, 10, 25, 100, 1000, 1e9]
    labels = ["< 1", "1–2", "2–5", "5–10", "10–25", "25–100", "100–1,000", "> 1,000"]
    colours = [
        "#FFF7BC",
        "#FEE391",
        "#FEC44F",
        "#FE9929",
        "#EC7014",
        "#CC4C02",
        "#993404",
        "#5C1A00",
    ]
    items = [
        QgsColorRampShader.ColorRampItem(v, QColor(c), label)
        for v, c, label in zip(breaks, colours, labels)
    ]
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0)
    renderer.setClassificationMax(breaks[-2])
    layer.setRenderer(renderer)
    layer.dataProvider().setUserNoDataValue(1, [QgsRasterRange(0.0, 0.0)])
    layer.setOpacity(0.9)


def style_settlements(layer: QgsMapLayer) -> None:
    """The county town large, township seats medium, villages small; township seats
    labelled in both languages, villages in Chinese (the town district's label names the
    county town, which it sits on)."""
    categories = []
    for kind, size, colour, label in (
        ("county_town", 5.0, "#222222", "county town"),
        ("township", 3.2, "#444444", "township seat"),
        ("village", 1.7, "#666666", "village (gacha)"),
    ):
        symbol = QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": "#FFFFFF" if kind != "village" else colour,
                "outline_color": colour,
                "outline_width": "0.6" if kind != "village" else "0.2",
                "size": str(size),
            }
        )
        if kind == "county_town":
            inner = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "2.2"})
            symbol.appendSymbolLayer(inner.symbolLayer(0).clone())
        categories.append(QgsRendererCategory(kind, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))

    root = QgsRuleBasedLabeling.Rule(None)
    for expression, field_expr, size, bold in (
        ("\"kind\" = 'township'", '"name_zh" || \' \' || "name"', 8.0, True),
        ("\"kind\" = 'village'", '"name_zh"', 6.0, False),
    ):
        settings = QgsPalLayerSettings()
        settings.fieldName = field_expr
        settings.isExpression = True
        settings.setFormat(text_format(size, bold, "#222222" if bold else "#555555"))
        settings.placement = QgsPalLayerSettings.OrderedPositionsAroundPoint
        settings.dist = 1.0
        rule = QgsRuleBasedLabeling.Rule(settings)
        rule.setFilterExpression(expression)
        root.appendChild(rule)
    layer.setLabeling(QgsRuleBasedLabeling(root))
    layer.setLabelsEnabled(True)


def sort_sample_layers(project: QgsProject) -> None:
    """Stack the sample's layers in ``SAMPLE_LAYER_ORDER`` wherever they sit in the tree.

    Layers load in whatever order Processing hands them over; points must end up above
    lines above polygons above rasters, or the rasters hide everything.
    """
    rank = {name: i for i, name in enumerate(SAMPLE_LAYER_ORDER)}
    root = project.layerTreeRoot()
    for group in [root, *root.findGroups(True)]:
        nodes = [
            child
            for child in group.children()
            if hasattr(child, "layer")
            and child.layer() is not None
            and child.layer().customProperty(ORDER_PROPERTY) in rank
        ]
        if len(nodes) < 2:
            continue
        first = min(group.children().index(n) for n in nodes)
        ordered = sorted(nodes, key=lambda n: rank[n.layer().customProperty(ORDER_PROPERTY)])
        if ordered == group.children()[first : first + len(nodes)]:
            continue
        # Insert the re-ordered copies before removing the originals: a layer that leaves
        # the tree altogether is also removed from the project.
        for offset, node in enumerate(ordered):
            group.insertChildNode(first + offset, node.clone())
        for node in nodes:
            group.removeChildNode(node)
