"""The Processing provider: lists every mps_planner algorithm (id prefix ``mps_planner:``)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..definitions import PLUGIN_ID, PLUGIN_NAME, plugin_version, resources_path


def algorithm_classes() -> list[type]:
    """Every algorithm class, imported here so that a broken one fails loudly in the tests."""
    return []


class MpsPlannerProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PLUGIN_ID

    def name(self) -> str:
        return PLUGIN_NAME

    def longName(self) -> str:
        return f"{PLUGIN_NAME} {plugin_version()}"

    def icon(self) -> QIcon:
        return QIcon(str(resources_path("icons", "mps_planner.svg")))

    def svgIconPath(self) -> str:
        return str(resources_path("icons", "mps_planner.svg"))

    def versionInfo(self) -> str:
        return plugin_version()

    def loadAlgorithms(self) -> None:
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
