"""The panel's map-tool actions: one checkable action per tool, with keyboard shortcuts.

Shortcuts (while the QGIS window has focus): Ctrl+Alt+S add a mobile stop, Ctrl+Alt+C add
a candidate facility, Ctrl+Alt+M move, Ctrl+Alt+D delete, Esc cancels a drag.
The actions switch the canvas's map tool; the tools' signals go to the controller.
"""

from __future__ import annotations

from qgis.gui import QgsMapCanvas, QgsMapTool
from qgis.PyQt.QtCore import QCoreApplication, QObject
from qgis.PyQt.QtGui import QIcon, QKeySequence
from qgis.PyQt.QtWidgets import QAction, QActionGroup, QWidget

from ...definitions import resources_path
from .site_tools import AddSiteTool, DeleteSiteTool, MoveSiteTool

SHORTCUTS = {
    "add_stop": "Ctrl+Alt+S",
    "add_candidate": "Ctrl+Alt+C",
    "move": "Ctrl+Alt+M",
    "delete": "Ctrl+Alt+D",
}


class SiteToolActions(QObject):
    """Creates the tools and their actions; ``actions`` is {name: QAction}."""

    def __init__(self, canvas: QgsMapCanvas, controller, shortcut_parent: QWidget | None = None):
        super().__init__(controller)
        self.canvas = canvas
        self.controller = controller
        self.shortcut_parent = shortcut_parent
        layer = controller.stops_layer
        self.tools: dict[str, QgsMapTool] = {
            "add_stop": AddSiteTool(canvas, "mobile_stop"),
            "add_candidate": AddSiteTool(canvas, "candidate"),
            "move": MoveSiteTool(canvas, layer),
            "delete": DeleteSiteTool(canvas, layer),
        }
        self.tools["add_stop"].siteAdded.connect(controller.add_site)
        self.tools["add_candidate"].siteAdded.connect(controller.add_site)
        self.tools["move"].siteMoved.connect(controller.move_site)
        self.tools["delete"].siteDeleted.connect(controller.delete_site)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        texts = self._texts()
        icons = {
            "add_stop": "add_stop.svg",
            "add_candidate": "add_candidate.svg",
            "move": "move_stop.svg",
            "delete": "delete_stop.svg",
        }
        for name, tool in self.tools.items():
            text, tip = texts[name]
            action = QAction(QIcon(str(resources_path("icons", icons[name]))), text, self)
            action.setObjectName(f"mps_planner_tool_{name}")
            action.setCheckable(True)
            action.setShortcut(QKeySequence(SHORTCUTS[name]))
            action.setToolTip(f"{tip} ({SHORTCUTS[name]})")
            action.setStatusTip(tip)
            action.triggered.connect(lambda checked, t=tool: self._activate(t, checked))
            tool.setAction(action)
            self.group.addAction(action)
            if shortcut_parent is not None:
                shortcut_parent.addAction(action)
            self.actions[name] = action

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("SiteToolActions", text)

    def _texts(self) -> dict[str, tuple[str, str]]:
        return {
            "add_stop": (
                self.tr("Add stop"),
                self.tr("Click on the map to place a mobile stop"),
            ),
            "add_candidate": (
                self.tr("Add candidate"),
                self.tr("Click on the map to place a candidate facility"),
            ),
            "move": (
                self.tr("Move"),
                self.tr("Drag a stop or candidate to move it; Esc cancels"),
            ),
            "delete": (
                self.tr("Delete"),
                self.tr("Click on a stop or candidate to delete it"),
            ),
        }

    def _activate(self, tool: QgsMapTool, checked: bool) -> None:
        if checked:
            self.canvas.setMapTool(tool)
        elif self.canvas.mapTool() is tool:
            self.canvas.unsetMapTool(tool)

    def release(self) -> None:
        """Take the tools off the canvas (when the plugin unloads)."""
        for tool in self.tools.values():
            if self.canvas.mapTool() is tool:
                self.canvas.unsetMapTool(tool)
        if self.shortcut_parent is not None:
            for action in self.actions.values():
                self.shortcut_parent.removeAction(action)
