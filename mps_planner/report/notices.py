"""Stop notices: one A5 page per mobile stop, to post at the stop or send to families.

Each page: what service stops here, the stop's name (in both languages when there are two),
a small map centred on the stop, and the next visit dates and times. All pages are one layout,
exported as one multi-page PDF.

With a layout template (a one-page .qpt such as the built-in ``stop_notice_A5_portrait``)
every page is a copy of the template's page, its items filled by id (``TEMPLATE_IDS``;
``stop_map`` is required); in both cases the items of page k are named ``<id>_<k+1>``.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Callable, Sequence

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemMarker,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsMarkerSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from ..core.errors import InputError
from ..core.routing.timetable import StopVisitRow
from .export import export_layout
from .layout_items import (
    ACCENT,
    MM,
    MUTED,
    add_band,
    add_fitted_label,
    add_label,
    add_map,
    add_north_arrow,
    add_scalebar,
    add_table,
    new_layout,
    project_layers,
)
from .model import NoticeSet, StopNotice
from .tables import visits_of, visits_table
from .template_fill import fill_label, fill_map, fill_scalebar, fill_table, hide
from .templates import find, layout_of_pages, read_template, replace_layout, resolve_template
from .wording import check_language, phrase

LAYOUT_NAME = "Stop notices"
# The items of a stop notice template (``stop_map`` it must have); the visits table has
# ``visits_title`` and ``visits_note`` labels beside its frame.
TEMPLATE_IDS = (
    "title_band", "service", "name", "name_second", "stop_map", "marker", "north_arrow",
    "scale_bar", "district", "visits", "no_visits", "footer",
)  # fmt: skip


def notices_from_rows(
    rows: Sequence[StopVisitRow],
    places: dict[int, dict] | None = None,
    stops: Sequence[int] | None = None,
) -> list[StopNotice]:
    """One notice per stop from the timetable rows (``core.routing.timetable.stop_timetable``).

    ``places``: stop index → {"name", "name_local", "x", "y", "district"} (from the stops
    layer, see ``stop_places``); ``stops``: every stop index to print, so that a stop the plan
    could not serve gets a notice saying so (default: the stops in ``rows`` and ``places``).
    """
    visits = visits_of(rows)
    places = places or {}
    names = {r.stop: r.name for r in rows}
    indices = sorted(set(stops) if stops is not None else set(visits) | set(places))
    out = []
    for s in indices:
        place = places.get(s, {})
        name = place.get("name") or names.get(s) or f"Stop {s + 1}"
        local = place.get("name_local", "") or ""
        if not place:
            name, local = split_names(name)
        out.append(
            StopNotice(
                stop=s,
                name=name,
                name_local=local,
                x=place.get("x"),
                y=place.get("y"),
                visits=list(visits.get(s, [])),
                district=place.get("district", "") or "",
            )
        )
    return out


def split_names(text: str) -> tuple[str, str]:
    """ "巴彦井 Bayan Well" → ("Bayan Well", "巴彦井"): a leading run in Chinese script and a
    Latin rest become the two names; any other text stays the name with no local name."""
    text = (text or "").strip()
    head, _, rest = text.partition(" ")
    wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in head)
    if wide and rest and not any(unicodedata.east_asian_width(ch) in "WF" for ch in rest):
        return rest.strip(), head
    return text, ""


def stop_places(
    layer: QgsVectorLayer,
    name_field: str = "name",
    local_field: str | None = "name_zh",
    index_field: str | None = "stop",
    districts: QgsVectorLayer | None = None,
    district_field: str = "name",
) -> dict[int, dict]:
    """Stop index → name, local name, x, y (layer CRS) and district, from a stops layer.

    The stop index is ``index_field`` when the layer has it, else the feature's position
    (the plan's stops in the order of the layer). ``districts``: name each stop's district
    (the polygon that contains it; layers in the same CRS).
    """
    fields = layer.fields()
    has_index = bool(index_field) and fields.indexOf(index_field) >= 0
    has_local = bool(local_field) and fields.indexOf(local_field) >= 0
    if fields.indexOf(name_field) < 0:
        raise InputError(
            f"The stops layer '{layer.name()}' has no field '{name_field}'; choose its name field."
        )
    polygons = []
    if districts is not None:
        polygons = [
            (f[district_field], f.geometry()) for f in districts.getFeatures() if f.hasGeometry()
        ]
    out: dict[int, dict] = {}
    for position, feature in enumerate(layer.getFeatures()):
        key = int(feature[index_field]) if has_index else position
        point = feature.geometry().asPoint() if feature.hasGeometry() else None
        district = ""
        if point is not None:
            for name, geom in polygons:
                if geom.contains(feature.geometry()):
                    district = str(name)
                    break
        local = feature[local_field] if has_local else ""
        name = str(feature[name_field] or "")
        if not has_local:
            name, local = split_names(name)
        out[key] = {
            "name": name,
            "name_local": "" if local in (None, "NULL") else str(local),
            "x": None if point is None else point.x(),
            "y": None if point is None else point.y(),
            "district": district,
        }
    return out


def build_notices(
    project: QgsProject,
    notices: NoticeSet,
    name: str = LAYOUT_NAME,
    language: str | None = None,
    *,
    template: str | os.PathLike | None = None,
    template_slots: bool = False,
) -> QgsPrintLayout:
    """A layout with one A5 page per notice.

    ``template``: None builds each page in code; a one-page .qpt file (or
    ``templates.BUILTIN``, the built-in A5 one) is repeated per notice and its items are
    filled by id; its page size is used. ``template_slots``: every item at its full size
    (the built-in templates are made so).
    """
    language = check_language(language)
    if not notices.notices:
        raise InputError(
            "There are no mobile stops to print notices for: plan the mobile service first."
        )
    layers = project_layers(project, notices.layer_ids, "stop map")
    count = len(notices.notices)
    path = resolve_template(template, "stop_notice", "A5", notices.landscape)
    if path is not None:
        return _from_template(project, notices, name, language, path, layers)
    layout, width, height = new_layout(project, name, "A5", notices.landscape, pages=count)
    for page, notice in enumerate(notices.notices):
        _page(
            layout, project, layers, notices, notice, page, width, height, language,
            template_slots,
        )  # fmt: skip
    project.layoutManager().addLayout(layout)
    return layout


def _from_template(project, notices: NoticeSet, name, language, path, layers):
    what = "stop notice"
    template = read_template(path, what)
    layout, pages = layout_of_pages(
        project, template, name, len(notices.notices), what, "stop_map", "the stop's map"
    )
    for notice, items in zip(notices.notices, pages):

        def item(item_id: str, kind=QgsLayoutItemLabel, items=items):
            return find(items, item_id, kind, what, template)

        fill_label(item("service"), notices.service_title or phrase("mobile_stop", language))
        first, second = _title_lines(notice, language)
        fill_label(item("name"), first)
        fill_label(item("name_second"), second)
        stop_map = item("stop_map", QgsLayoutItemMap)
        marker = item("marker", QgsLayoutItemMarker)
        arrow, bar = (
            item("north_arrow", QgsLayoutItemPicture),
            item("scale_bar", QgsLayoutItemScaleBar),
        )
        if layers and notice.x is not None and notice.y is not None:
            half = notices.map_width_m / 2
            extent = QgsRectangle(
                notice.x - half, notice.y - half, notice.x + half, notice.y + half
            )
            fill_map(stop_map, project, layers, extent)
            fill_scalebar(bar, stop_map)
            if marker is not None:  # the ring goes where the stop is: the map's centre
                box, at = stop_map.rect(), stop_map.pagePos()
                marker.attemptMove(
                    QgsLayoutPoint(at.x() + box.width() / 2, at.y() + box.height() / 2, MM),
                    page=stop_map.page(),
                )
        else:
            hide(stop_map, marker, arrow, bar)
        district = f"{phrase('district', language)}: {notice.district}" if notice.district else ""
        fill_label(item("district"), district)
        table = visits_table(notice, language, notices.max_visits)
        frame = item("visits", QgsLayoutFrame)
        title, note = item("visits_title"), item("visits_note")
        if table.rows and frame is not None:
            fill_table(layout, frame, table, title, note)
            hide(item("no_visits"))
        else:
            hide(frame, note)
            fill_label(title, phrase("next_visits", language))
            fill_label(item("no_visits"), phrase("no_visits", language))
        fill_label(item("footer"), _footer(notices, language))
    replace_layout(project, layout)
    return layout


def _footer(notices: NoticeSet, language: str) -> str:
    footer = [phrase("stop_notice_footer", language)]
    if notices.contact:
        footer.append(notices.contact)
    if notices.date_text:
        footer.append(notices.date_text)
    return "\n".join(footer)


def _title_lines(notice: StopNotice, language: str) -> tuple[str, str]:
    """The big name and the second name (local script first when printing in Chinese)."""
    local, latin = notice.name_local.strip(), notice.name.strip()
    if local and local != latin:
        return (local, latin) if language != "en" else (latin, local)
    return latin or local, ""


def _page(
    layout, project, layers, notices: NoticeSet, notice, page, width, height, language,
    template_slots=False,
):  # fmt: skip
    def pid(item_id: str) -> str:
        return f"{item_id}_{page + 1}"

    m = 9.0
    band_h = 33.0
    add_band(layout, 0, 0, width, band_h, ACCENT, page, item_id=pid("title_band"))
    service = notices.service_title or phrase("mobile_stop", language)
    add_fitted_label(
        layout, service, m, 5, width - 2 * m, 6, 10, min_size=7, colour="#DCE6F0", page=page,
        item_id=pid("service"),
    )  # fmt: skip
    first, second = _title_lines(notice, language)
    add_fitted_label(
        layout,
        first,
        m,
        11.5,
        width - 2 * m,
        11,
        21,
        min_size=11,
        bold=True,
        colour="#FFFFFF",
        page=page,
        item_id=pid("name"),
    )
    if second or template_slots:
        add_fitted_label(
            layout, second, m, 23, width - 2 * m, 7, 12, min_size=8, colour="#FFFFFF", page=page,
            item_id=pid("name_second"),
        )  # fmt: skip
    y = band_h + 5
    map_h = 0.0
    if layers and notice.x is not None and notice.y is not None:
        map_h = 62.0 if not notices.landscape else 50.0
        half = notices.map_width_m / 2
        extent = QgsRectangle(notice.x - half, notice.y - half, notice.x + half, notice.y + half)
        item = add_map(
            layout, project, layers, extent, m, y, width - 2 * m, map_h, page=page,
            item_id=pid("stop_map"), frame_width=0.25,
        )  # fmt: skip
        _marker(layout, m + (width - 2 * m) / 2, y + map_h / 2, page, pid("marker"))
        add_north_arrow(layout, m + 2.5, y + 2.5, 9, page, item_id=pid("north_arrow"))
        add_scalebar(
            layout, item, m + 2.5, y + map_h - 9, item.extent().width(), page, 6.5,
            item_id=pid("scale_bar"),
        )  # fmt: skip
        y += map_h + 4
    if notice.district or template_slots:
        add_label(
            layout,
            f"{phrase('district', language)}: {notice.district}",
            m,
            y,
            width - 2 * m,
            5,
            8,
            colour=MUTED,
            page=page,
            item_id=pid("district"),
        )
        y += 5
    footer_h = 16.0
    space = height - m - footer_h - y
    table = visits_table(notice, language, notices.max_visits)
    if table.rows:
        add_table(
            layout,
            table,
            m,
            y,
            width - 2 * m,
            space,
            page=page,
            title_size=12,
            size_pt=10.5,
            min_pt=7.0,
            item_id="visits",
            id_suffix=f"_{page + 1}",
            fill_box=template_slots,
        )
        if template_slots:  # where the template says no visit is planned
            add_label(
                layout, phrase("no_visits", language), m, y + 8, width - 2 * m, 8, 11,
                page=page, item_id=pid("no_visits"),
            )  # fmt: skip
    else:
        add_label(
            layout,
            phrase("next_visits", language),
            m,
            y,
            width - 2 * m,
            7,
            12,
            bold=True,
            colour=ACCENT,
            page=page,
            item_id=pid("visits_title"),
        )
        add_label(
            layout, phrase("no_visits", language), m, y + 8, width - 2 * m, 8, 11, page=page,
            item_id=pid("no_visits"),
        )  # fmt: skip
    add_fitted_label(
        layout,
        _footer(notices, language),
        m,
        height - m - footer_h,
        width - 2 * m,
        footer_h,
        7,
        min_size=5.5,
        colour=MUTED,
        page=page,
        item_id=pid("footer"),
    )


def _marker(layout, x: float, y: float, page: int, item_id: str = "") -> None:
    """A red ring on the map where the vehicle parks."""
    marker = QgsLayoutItemMarker(layout)
    if item_id:
        marker.setId(item_id)
    marker.setSymbol(
        QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": "0,0,0,0",
                "outline_color": "#D62728",
                "outline_width": "0.9",
                "size": "9",
            }
        )
    )
    layout.addLayoutItem(marker)
    marker.attemptMove(QgsLayoutPoint(x, y, MM), page=page)


def export_notices(
    project: QgsProject,
    notices: NoticeSet,
    pdf_path: str | os.PathLike,
    png_path: str | os.PathLike | None = None,
    csv_path: str | os.PathLike | None = None,
    dpi: float = 150.0,
    language: str | None = None,
    name: str = LAYOUT_NAME,
    progress: Callable[[float], None] | None = None,
    template: str | os.PathLike | None = None,
) -> tuple[QgsPrintLayout, list[Path]]:
    """Build the notices and write the PDF (all pages), the first page as PNG, the CSV."""
    from .tables import all_visits_table

    layout = build_notices(project, notices, name, language, template=template)
    files = export_layout(layout, pdf_path, png_path, dpi, feedback=progress)
    if csv_path:
        lang = check_language(language)
        files.append(all_visits_table(notices.notices, lang).write_csv(csv_path))
    return layout, files
