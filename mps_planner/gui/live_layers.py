"""The layers the panel keeps on the map: live catchments, gaps and changes, and results.

They sit in one layer-tree group ("MPS Planner") at the top of the project. The three live
rasters are rewritten window by window after each edit (``qgis_io.live_rasters_io``); when
the model is rebuilt they get new files (``setDataSource``) and keep their place, styles and
visibility. Results (a scenario difference, proposed stops, routes) are added or reloaded.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.live_session import RasterWindow
from ..qgis_io.live_rasters_io import LIVE_RASTERS, remove_live_rasters, write_windows
from ..report.analysis_styles import style_live_bands, style_live_change, style_live_gap

GROUP_PROPERTY = "mps_planner/group"
ROLE_PROPERTY = "mps_planner/live"


class LiveLayers:
    def __init__(self, project: QgsProject | None = None):
        self.project = project or QgsProject.instance()

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("LiveLayers", text)

    # -- group --------------------------------------------------------------------------------
    def group(self) -> QgsLayerTreeGroup:
        root = self.project.layerTreeRoot()
        for child in root.children():
            if isinstance(child, QgsLayerTreeGroup) and child.customProperty(GROUP_PROPERTY):
                return child
        group = root.insertGroup(0, self.tr("MPS Planner"))
        group.setCustomProperty(GROUP_PROPERTY, True)
        return group

    def layers(self) -> dict[str, QgsRasterLayer]:
        """The live rasters now in the project, by name (bands, gap, change)."""
        out = {}
        for layer in self.project.mapLayers().values():
            role = layer.customProperty(ROLE_PROPERTY)
            if role in LIVE_RASTERS and isinstance(layer, QgsRasterLayer):
                out[role] = layer
        return out

    def titles(self) -> dict[str, str]:
        return {
            "bands": self.tr("Reached within (minutes)"),
            "gap": self.tr("Not reached: people per cell"),
            "change": self.tr("Gained / lost in the last edit"),
        }

    # -- live rasters -------------------------------------------------------------------------
    def show_rasters(self, paths: dict[str, str], thresholds, target_minutes) -> None:
        """Point the live layers at freshly written rasters (adding them the first time)."""
        existing = self.layers()
        old_paths = []
        titles = self.titles()
        group = self.group()
        for position, name in enumerate(("change", "gap", "bands")):
            layer = existing.get(name)
            if layer is None:
                layer = QgsRasterLayer(paths[name], titles[name], "gdal")
                layer.setCustomProperty(ROLE_PROPERTY, name)
                self.project.addMapLayer(layer, False)
                group.insertLayer(position, layer)
            else:
                old_paths.append(layer.source())
                layer.setDataSource(paths[name], titles[name], "gdal")
            if name == "bands":
                style_live_bands(layer, list(thresholds))
            elif name == "gap":
                style_live_gap(layer, target_minutes)
            else:
                style_live_change(layer)
        remove_live_rasters(old_paths)

    def write(self, windows: list[RasterWindow]) -> bool:
        return write_windows(self.layers(), windows)

    # -- results ------------------------------------------------------------------------------
    def show_result(self, role: str, source: str, title: str, provider: str, style) -> QgsMapLayer:
        """Add (or reload) a result layer identified by ``role``; style it."""
        for layer in self.project.mapLayers().values():
            if layer.customProperty(ROLE_PROPERTY) == role:
                layer.setDataSource(source, title, provider)
                style(layer)
                layer.triggerRepaint()
                return layer
        layer = (
            QgsRasterLayer(source, title, provider)
            if provider == "gdal"
            else QgsVectorLayer(source, title, provider)
        )
        layer.setCustomProperty(ROLE_PROPERTY, role)
        style(layer)
        self.project.addMapLayer(layer, False)
        self.group().insertLayer(0, layer)
        return layer
