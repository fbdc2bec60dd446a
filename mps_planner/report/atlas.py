"""The district atlas: one page per district with its map, coverage, chart, stops and visits.

The pages are built one by one in a single layout (rather than a ``QgsLayoutAtlas``) so that
each page's tables are fitted to that district's text. Outside the page's district the map is
veiled in white: one mask layer (a copy of the districts with an inverted-polygon style)
draws everything but the district named by the map item's ``mps_district`` variable.

With a layout template (a one-page .qpt such as the built-in ``atlas_page_A4_landscape``)
every page is a copy of the template's page, its items filled by id (``TEMPLATE_IDS``;
``atlas_map`` is required); in both cases the items of page k are named ``<id>_<k+1>``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Sequence

from qgis.core import (
    QgsExpressionContextUtils,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)

from ..core.errors import InputError
from ..core.scenario import ScenarioResults
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
    new_layout,
    project_layers,
)
from .model import AtlasModel, DistrictPage, StopNotice
from .tables import district_chart, district_coverage, stops_timetable
from .template_fill import (
    fill_chart,
    fill_label,
    fill_legend,
    fill_map,
    fill_scalebar,
    fill_table,
    hide,
)
from .templates import find, layout_of_pages, read_template, replace_layout, resolve_template
from .wording import check_language, phrase

LAYOUT_NAME = "District atlas"
MASK_NAME = "Atlas mask (outside the district)"
# The items of an atlas page template (``atlas_map`` it must have); tables have ``_title``
# and ``_note`` labels beside their frame.
TEMPLATE_IDS = (
    "title_band", "title", "page_info", "atlas_map", "north_arrow", "scale_bar", "footer",
    "facts", "coverage", "chart", "timetable", "no_stops", "legend",
)  # fmt: skip


def atlas_pages(
    results: ScenarioResults,
    extents: dict[str, tuple[float, float, float, float]],
    notices: Sequence[StopNotice] = (),
    local_names: dict[str, str] | None = None,
    language: str = "en",
) -> list[DistrictPage]:
    """A page per district of ``results`` (in its order): coverage table, chart, the stops in
    the district (by ``StopNotice.district``) and their next visits."""
    pages = []
    for z, name in enumerate(results.zone_names):
        total = results.zone_totals[z]
        stops = [n for n in notices if n.district == name]
        facts = [] if total > 0 else [phrase("no_people", language)]
        pages.append(
            DistrictPage(
                name=name,
                name_local=(local_names or {}).get(name, ""),
                extent=extents.get(name),
                coverage=district_coverage(results, z, language),
                chart=district_chart(results, z, language),
                timetable=stops_timetable(stops, language) if stops else None,
                facts=facts,
            )
        )
    return pages


def district_extents(layer: QgsVectorLayer, name_field: str = "name") -> dict[str, tuple]:
    """District name → (xmin, ymin, xmax, ymax) of its polygon(s)."""
    if layer.fields().indexOf(name_field) < 0:
        raise InputError(f"The districts layer has no field '{name_field}'.")
    out: dict[str, QgsRectangle] = {}
    for f in layer.getFeatures():
        if not f.hasGeometry():
            continue
        box = f.geometry().boundingBox()
        key = str(f[name_field])
        if key in out:
            out[key].combineExtentWith(box)
        else:
            out[key] = box
    return {k: (b.xMinimum(), b.yMinimum(), b.xMaximum(), b.yMaximum()) for k, b in out.items()}


def mask_layer(project: QgsProject, districts: QgsVectorLayer, name_field: str) -> QgsVectorLayer:
    """The veil outside the page's district (added to the project, not to the layer tree)."""
    for layer in project.mapLayersByName(MASK_NAME):
        project.removeMapLayer(layer.id())
    mask = districts.clone()
    mask.setName(MASK_NAME)
    veil = QgsFillSymbol.createSimple(
        {"color": "255,255,255,170", "outline_color": "#1F4E79", "outline_width": "0.9"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    field = name_field.replace('"', '""')
    root.appendChild(QgsRuleBasedRenderer.Rule(veil, 0, 0, f'"{field}" = @mps_district'))
    mask.setRenderer(QgsInvertedPolygonRenderer(QgsRuleBasedRenderer(root)))
    mask.setLabelsEnabled(False)
    project.addMapLayer(mask, False)
    return mask


def build_atlas(
    project: QgsProject,
    atlas: AtlasModel,
    name: str = LAYOUT_NAME,
    language: str | None = None,
    *,
    template: str | os.PathLike | None = None,
    template_slots: bool = False,
) -> QgsPrintLayout:
    """A layout with one page per district of ``atlas.pages``.

    ``template``: None builds each page in code; a one-page .qpt file (or
    ``templates.BUILTIN``, the built-in one for the atlas's paper) is repeated per page and
    its items are filled by id; its page size is used. ``template_slots``: every item at
    its full size (the built-in template is made so).
    """
    language = check_language(language)
    if not atlas.pages:
        raise InputError("The atlas has no districts: give a districts layer with polygons.")
    layers = project_layers(project, atlas.layer_ids, "atlas map")
    legend_layers = project_layers(project, atlas.legend_layer_ids or atlas.layer_ids, "legend")
    mask = None
    if atlas.district_layer_id:
        districts = project.mapLayer(atlas.district_layer_id)
        if not isinstance(districts, QgsVectorLayer):
            raise InputError("The atlas's districts layer is no longer in the project.")
        mask = mask_layer(project, districts, atlas.name_field)
    path = resolve_template(template, "atlas_page", atlas.paper, atlas.landscape)
    if path is not None:
        return _from_template(project, atlas, name, language, path, layers, legend_layers, mask)
    layout, width, height = new_layout(
        project, name, atlas.paper, atlas.landscape, pages=len(atlas.pages)
    )
    for page, district in enumerate(atlas.pages):
        _page(
            layout,
            project,
            atlas,
            district,
            page,
            len(atlas.pages),
            layers,
            legend_layers,
            mask,
            width,
            height,
            language,
            template_slots,
        )
    project.layoutManager().addLayout(layout)
    return layout


def _district_title(district: DistrictPage, language: str) -> str:
    title = district.name
    if district.name_local and district.name_local != district.name:
        title = (
            f"{district.name_local} {district.name}"
            if language != "en"
            else f"{district.name} {district.name_local}"
        )
    return title


def _map_extent(district: DistrictPage, layers) -> QgsRectangle:
    if district.extent is not None:
        extent = QgsRectangle(*district.extent)
    else:
        extent = QgsRectangle()
        for layer in layers:
            extent.combineExtentWith(layer.extent())
    extent.scale(1.12)
    return extent


def _from_template(project, atlas, name, language, path, layers, legend_layers, mask):
    what = "atlas page"
    template = read_template(path, what)
    layout, pages = layout_of_pages(
        project, template, name, len(atlas.pages), what, "atlas_map", "the district's map"
    )
    count = len(atlas.pages)
    for page, (district, items) in enumerate(zip(atlas.pages, pages)):

        def item(item_id: str, kind=QgsLayoutItemLabel, items=items):
            return find(items, item_id, kind, what, template)

        fill_label(item("title"), _district_title(district, language))
        fill_label(
            item("page_info"), f"{atlas.title}\n{phrase('page', language)} {page + 1} / {count}"
        )
        atlas_map = item("atlas_map", QgsLayoutItemMap)
        map_layers = ([mask] if mask is not None else []) + list(layers)
        fill_map(atlas_map, project, map_layers, _map_extent(district, layers))
        QgsExpressionContextUtils.setLayoutItemVariable(atlas_map, "mps_district", district.name)
        fill_scalebar(item("scale_bar", QgsLayoutItemScaleBar), atlas_map)
        fill_label(
            item("footer"), "  ·  ".join(t for t in (atlas.date_text, atlas.sources_text) if t)
        )
        fill_label(item("facts"), "  ·  ".join(district.facts))
        _fill_table_slot(layout, item, "coverage", district.coverage)
        chart = item("chart", QgsLayoutItemPicture)
        if district.chart is not None and chart is not None:
            fill_chart(chart, district.chart)
        else:
            hide(chart)
        timetable = district.timetable if district.timetable and district.timetable.rows else None
        if _fill_table_slot(layout, item, "timetable", timetable, "stop_visits.csv"):
            hide(item("no_stops"))
        else:
            fill_label(item("timetable_title"), phrase("stops_timetable", language))
            fill_label(item("no_stops"), phrase("no_stops", language))
        legend = item("legend", QgsLayoutItemLegend)
        if legend is not None:
            fill_legend(legend, atlas_map, legend_layers)
    replace_layout(project, layout)
    return layout


def _fill_table_slot(layout, item, base: str, table, csv_hint: str = "") -> bool:
    """Fill the table ``base`` (frame, ``_title``, ``_note``) or hide it; True if filled."""
    frame = item(base, QgsLayoutFrame)
    title, note = item(f"{base}_title"), item(f"{base}_note")
    if table is None or frame is None:
        hide(frame, title, note)
        return False
    fill_table(layout, frame, table, title, note, csv_hint=csv_hint)
    return True


def _page(
    layout,
    project,
    atlas,
    district: DistrictPage,
    page,
    count,
    layers,
    legend_layers,
    mask,
    width,
    height,
    language,
    template_slots=False,
):
    def pid(item_id: str) -> str:
        return f"{item_id}_{page + 1}"

    m = 9.0
    band_h = 17.0
    add_band(layout, 0, 0, width, band_h, ACCENT, page, item_id=pid("title_band"))
    side_w = width * 0.36
    add_fitted_label(
        layout,
        _district_title(district, language),
        m,
        4,
        width - side_w - 2 * m,
        10,
        17,
        min_size=10,
        bold=True,
        colour="#FFFFFF",
        page=page,
        item_id=pid("title"),
    )
    right = f"{atlas.title}\n{phrase('page', language)} {page + 1} / {count}"
    add_fitted_label(
        layout,
        right,
        width - side_w - m,
        3.5,
        side_w,
        11,
        8.5,
        min_size=6,
        colour="#DCE6F0",
        page=page,
        item_id=pid("page_info"),
    )
    top = band_h + 5
    map_w = width - side_w - 3 * m
    map_h = height - top - m - 6
    map_x = m
    map_layers = ([mask] if mask is not None else []) + list(layers)
    item = add_map(
        layout,
        project,
        map_layers,
        _map_extent(district, layers),
        map_x,
        top,
        map_w,
        map_h,
        page=page,
        item_id=pid("atlas_map"),
    )
    QgsExpressionContextUtils.setLayoutItemVariable(item, "mps_district", district.name)
    add_north_arrow(layout, map_x + 3, top + 3, 11, page, item_id=pid("north_arrow"))
    add_scalebar(
        layout, item, map_x + 3, top + map_h - 10, item.extent().width(), page, 7,
        item_id=pid("scale_bar"),
    )  # fmt: skip
    footer = "  ·  ".join(t for t in (atlas.date_text, atlas.sources_text) if t)
    add_fitted_label(
        layout, footer, m, height - m - 4, map_w, 5, 6.5, min_size=5, colour=MUTED, page=page,
        item_id=pid("footer"),
    )  # fmt: skip

    x = map_x + map_w + m
    y = top
    bottom = height - m
    if district.facts or template_slots:
        add_label(
            layout, "  ·  ".join(district.facts), x, y, side_w, 5, 8.5, bold=True, page=page,
            item_id=pid("facts"),
        )  # fmt: skip
        y += 6.5
    if district.coverage is not None:
        used, _ = add_table(
            layout, district.coverage, x, y, side_w, 40, page=page, size_pt=8,
            item_id="coverage", id_suffix=f"_{page + 1}", fill_box=template_slots,
        )  # fmt: skip
        y += used + 3
    if district.chart is not None:
        chart_h = 34.0
        add_chart(layout, district.chart, x, y, side_w, chart_h, page, item_id=pid("chart"))
        y += chart_h + 4
    legend_h = min(46.0, (bottom - y) * 0.45)
    if district.timetable is not None and district.timetable.rows:
        space = bottom - y - legend_h - 3
        used, _ = add_table(
            layout,
            district.timetable,
            x,
            y,
            side_w,
            space,
            page=page,
            size_pt=7.5,
            min_pt=5.5,
            csv_hint="stop_visits.csv",
            item_id="timetable",
            id_suffix=f"_{page + 1}",
            fill_box=template_slots,
        )
        if template_slots:  # where the template says there is no stop
            add_label(
                layout, phrase("no_stops", language), x, y + 6, side_w, 6, 8, colour=MUTED,
                page=page, item_id=pid("no_stops"),
            )  # fmt: skip
        y += used + 3
    else:
        add_label(
            layout,
            phrase("stops_timetable", language),
            x,
            y,
            side_w,
            6,
            9.5,
            bold=True,
            colour=ACCENT,
            page=page,
            item_id=pid("timetable_title"),
        )
        add_label(
            layout, phrase("no_stops", language), x, y + 6, side_w, 6, 8, colour=MUTED,
            page=page, item_id=pid("no_stops"),
        )  # fmt: skip
        y += 14
    if bottom - y > 15:
        add_legend(
            layout,
            item,
            legend_layers,
            x,
            y,
            side_w,
            bottom - y,
            title="",
            page=page,
            symbol_pt=6.5,
            item_id=pid("legend"),
            fill_box=template_slots,
        )


def export_atlas(
    project: QgsProject,
    atlas: AtlasModel,
    pdf_path: str | os.PathLike,
    png_path: str | os.PathLike | None = None,
    dpi: float = 150.0,
    language: str | None = None,
    name: str = LAYOUT_NAME,
    progress: Callable[[float], None] | None = None,
    template: str | os.PathLike | None = None,
) -> tuple[QgsPrintLayout, list[Path]]:
    layout = build_atlas(project, atlas, name, language, template=template)
    return layout, export_layout(layout, pdf_path, png_path, dpi, feedback=progress)
