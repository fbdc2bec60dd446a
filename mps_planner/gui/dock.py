"""The planner dock panel (filled by later work: inputs, live coverage, scenarios)."""

from __future__ import annotations

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..definitions import plugin_version


class PlannerDock(QgsDockWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("MPS Planner"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.version_label = QLabel(self.tr("Version {version}").format(version=plugin_version()))
        layout.addWidget(self.version_label)
        layout.addStretch(1)
        self.setWidget(body)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PlannerDock", text)
