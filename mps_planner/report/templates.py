"""Layout templates (.qpt): the sheets' layouts as files the user edits in QGIS's designer.

The built-in templates under ``resources/templates/`` are generated from the layouts the code
builds (``scripts/make_templates.py``), so they hold the same items under the same ids
(``main_map``, ``legend``, ``title``, ``table``, ``chart``, ...). A sheet built from a template
loads it with ``QgsLayout.loadFromTemplate`` and fills the items it finds by id — layers,
extent, texts, tables, charts (``template_fill``) — and leaves everything else as the template
has it: a user who moved the legend, changed a font or added a logo keeps that.

The atlas and the stop notices repeat a one-page template once per district or stop; the
items of page k get the ids ``<id>_<k+1>``, as in the layouts built in code.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemMarker,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemRegistry,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
)
from qgis.PyQt import sip
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import InputError
from ..definitions import resources_path

TEMPLATE_DIR = resources_path("templates")
BUILTIN = "builtin"  # template= value: the built-in template for the sheet's paper

# What each kind of item is called in messages.
KIND_NAMES = {
    QgsLayoutItemMap: "a map",
    QgsLayoutItemLabel: "a label",
    QgsLayoutItemLegend: "a legend",
    QgsLayoutItemPicture: "a picture",
    QgsLayoutItemScaleBar: "a scale bar",
    QgsLayoutFrame: "a table frame",
    QgsLayoutItemShape: "a shape",
    QgsLayoutItemMarker: "a marker",
}

_UUID = re.compile(r"\{[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\}", re.IGNORECASE)


def slot(base: str, k: int) -> str:
    """The id of the k-th (0-based) item of a kind: ``table``, ``table_2``, ``table_3``…"""
    return base if k == 0 else f"{base}_{k + 1}"


def builtin_template(sheet: str, paper: str, landscape: bool) -> Path:
    """The built-in template of ``sheet`` ("planning_map", "atlas_page", "stop_notice")."""
    orientation = "landscape" if landscape else "portrait"
    path = TEMPLATE_DIR / f"{sheet}_{paper}_{orientation}.qpt"
    if not path.is_file():
        shipped = sorted(p.stem for p in TEMPLATE_DIR.glob(f"{sheet}_*.qpt"))
        raise InputError(
            f"There is no built-in {sheet.replace('_', ' ')} template for {paper} "
            f"{orientation} (built in: {', '.join(shipped) or 'none'}). Build the sheet "
            "without a template, or give a .qpt file."
        )
    return path


def resolve_template(
    template: str | os.PathLike | None, sheet: str, paper: str, landscape: bool
) -> Path | None:
    """None or "" → None (the layout is built in code); ``BUILTIN`` → the built-in one."""
    if template is None or str(template) == "":
        return None
    if str(template) == BUILTIN:
        return builtin_template(sheet, paper, landscape)
    return Path(template)


@dataclass
class LayoutTemplate:
    """A template file checked to hold a QGIS print layout, and its XML."""

    path: Path
    text: str

    def document(self, fresh_uuids: bool = False) -> QDomDocument:
        """The XML; ``fresh_uuids`` gives every item new uuids (links between them kept), so
        the template can be added to one layout several times."""
        text = self.text
        if fresh_uuids:
            mapping: dict[str, str] = {}

            def fresh(match: re.Match) -> str:
                key = match.group(0).lower()
                if key not in mapping:
                    mapping[key] = f"{{{uuid.uuid4()}}}"
                return mapping[key]

            text = _UUID.sub(fresh, text)
        doc = QDomDocument()
        doc.setContent(text)
        return doc

    def context(self) -> QgsReadWriteContext:
        """Relative paths in the template (pictures, SVGs) are relative to its file."""
        context = QgsReadWriteContext()
        context.setPathResolver(QgsPathResolver(str(self.path)))
        return context


def read_template(path: str | os.PathLike, what: str) -> LayoutTemplate:
    """Read ``path`` and check it is a QGIS print layout template (.qpt); ``what`` names the
    sheet in messages ("planning map")."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"The {what} template '{path}' does not exist. Choose a .qpt file saved from the "
            "layout designer (Layout ▸ Save as Template…)."
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"The {what} template '{path.name}' could not be read ({exc}); a layout template "
            "is an XML file saved by QGIS (.qpt)."
        ) from exc
    doc = QDomDocument()
    ok, message, line, _column = doc.setContent(text)
    if not ok:
        raise InputError(
            f"'{path.name}' is not a QGIS layout template: it is not XML ({message} on line "
            f"{line}). Save the layout from the layout designer with Layout ▸ Save as "
            "Template…, and choose that .qpt file."
        )
    root = doc.documentElement().tagName()
    if root != "Layout":
        hint = (
            " It is a QGIS 2 composer template: open it in QGIS 3's layout designer and save "
            "it again as a template."
            if root == "Composer"
            else " Save a layout from the layout designer with Layout ▸ Save as Template…."
        )
        raise InputError(
            f"'{path.name}' is not a QGIS print layout template: it holds <{root}>, a layout "
            f"template holds <Layout>.{hint}"
        )
    return LayoutTemplate(path, text)


def _cast(item):
    """PyQGIS 3.22 hands markers made in C++ (loaded from a file) out as a plain
    QgsLayoutItem: cast them (a QgsLayoutItem pointer, so the cast is safe)."""
    if type(item) is QgsLayoutItem and item.type() == QgsLayoutItemRegistry.LayoutMarker:
        return sip.cast(item, QgsLayoutItemMarker)
    return item


def layout_items(layout) -> list[QgsLayoutItem]:
    """Every item of the layout but its pages, each as its own class (from the layout's item
    model: ``QgsLayout.items()`` gives markers made in C++ as bare QGraphicsItems)."""
    model = layout.itemsModel()
    out = []
    for row in range(model.rowCount()):
        item = model.itemFromIndex(model.index(row, 0))
        if item is not None and not isinstance(item, QgsLayoutItemPage):
            out.append(_cast(item))
    return out


def kind_name(item) -> str:
    for kind, name in KIND_NAMES.items():
        if isinstance(item, kind):
            return name
    return f"a {type(item).__name__.replace('QgsLayoutItem', '').lower() or 'layout item'}"


def find(items, item_id: str, kind: type, what: str, template: LayoutTemplate):
    """The item ``item_id`` of ``items`` (a layout or a page's dict of items by id), or None
    when the template has none; an item of another kind is an error that names both."""
    item = items.get(item_id) if isinstance(items, dict) else items.itemById(item_id)
    if item is None:
        return None
    item = _cast(item)
    if not isinstance(item, kind):
        raise InputError(
            f"In the {what} template '{template.path.name}' the item '{item_id}' is "
            f"{kind_name(item)}, but the sheet puts {KIND_NAMES.get(kind, kind.__name__)} "
            f"there. Give that item another id, or '{item_id}' to {KIND_NAMES.get(kind)}."
        )
    if isinstance(item, QgsLayoutFrame) and not isinstance(
        item.multiFrame(), QgsLayoutItemManualTable
    ):
        raise InputError(
            f"In the {what} template '{template.path.name}' the frame '{item_id}' belongs to "
            f"{type(item.multiFrame()).__name__}, not a fixed table (manual table); the sheet "
            "fills a fixed table there."
        )
    return item


def require(items, item_id: str, kind: type, label: str, what: str, template: LayoutTemplate):
    """Like ``find``, but a template without the item is refused with what to do."""
    item = find(items, item_id, kind, what, template)
    if item is None:
        raise InputError(
            f"The {what} template '{template.path.name}' has no item with the id '{item_id}' "
            f"({label}). In the layout designer select {label}, type {item_id} as its Item "
            "ID (Item Properties panel), save the template again and choose it."
        )
    return item


def replace_layout(project: QgsProject, layout: QgsPrintLayout) -> None:
    """Add ``layout`` to the project's layout manager, replacing one of the same name."""
    manager = project.layoutManager()
    old = manager.layoutByName(layout.name())
    if old is not None:
        manager.removeLayout(old)
    manager.addLayout(layout)


def layout_from_template(
    project: QgsProject, template: LayoutTemplate, name: str, what: str
) -> QgsPrintLayout:
    """A new layout named ``name`` holding the template's pages and items."""
    layout = QgsPrintLayout(project)
    _items, ok = layout.loadFromTemplate(template.document(), template.context())
    if not ok:
        raise InputError(
            f"QGIS could not load the {what} template '{template.path.name}'; open it in the "
            "layout designer to see what is wrong, save it again and choose it."
        )
    layout.setName(name)
    return layout


def layout_of_pages(
    project: QgsProject,
    template: LayoutTemplate,
    name: str,
    pages: int,
    what: str,
    main_id: str,
    main_label: str,
) -> tuple[QgsPrintLayout, list[dict[str, QgsLayoutItem]]]:
    """A layout of ``pages`` copies of a one-page template (its first page; every page the
    size of that one). Returns the layout and, per page, its items by their template id;
    the items of page k are renamed ``<id>_<k+1>``. The template must hold ``main_id``."""
    layout = layout_from_template(project, template, name, what)
    collection = layout.pageCollection()
    if collection.pageCount() == 0:
        raise InputError(f"The {what} template '{template.path.name}' has no page.")
    size = collection.page(0).pageSize()
    first = {}
    for item in layout_items(layout):
        if collection.pageCount() > 1 and item.page() > 0:
            layout.removeLayoutItem(item)  # one page is repeated; later ones are not
        elif item.id():
            first[item.id()] = item
    require(first, main_id, QgsLayoutItemMap, main_label, what, template)
    while collection.pageCount() > 1:
        collection.deletePage(collection.pageCount() - 1)
    out = [first]
    for k in range(1, pages):
        page = QgsLayoutItemPage(layout)
        page.setPageSize(size)
        collection.addPage(page)
        doc = template.document(fresh_uuids=True)
        items = layout.addItemsFromXml(doc.documentElement(), doc, template.context())
        by_id = {}
        for item in items:
            if isinstance(item, QgsLayoutItemPage):
                continue
            if item.page() > 0:  # a later page of the template
                layout.removeLayoutItem(item)
                continue
            item.attemptMove(item.positionWithUnits(), True, False, k)
            if item.id():
                by_id[item.id()] = _cast(item)
        out.append(by_id)
    for k, by_id in enumerate(out):
        for item_id, item in by_id.items():
            item.setId(f"{item_id}_{k + 1}")
    return layout, out
