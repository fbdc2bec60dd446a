"""Where the planner's files live: the GeoPackage beside the project, and the live folder.

A saved project ``county.qgz`` gets ``county_mps_planner.gpkg`` (stops, scenarios, results)
and ``county_mps_planner_live/`` (the live rasters, rebuilt whenever the model is built).
A project not saved yet uses a folder in QGIS's settings directory, which survives a
crash; when the project is saved, the GeoPackage is copied beside it and the layers are
pointed at the copy (``relocate_beside_project``).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from qgis.core import QgsApplication, QgsProject

from ..qgis_io.stops_io import copy_gpkg, gpkg_beside

UNSAVED_FOLDER = "mps_planner/unsaved"


def unsaved_root() -> Path:
    return Path(QgsApplication.qgisSettingsDirPath()) / UNSAVED_FOLDER


def is_unsaved_location(path: str | Path) -> bool:
    try:
        Path(path).resolve().relative_to(unsaved_root().resolve())
        return True
    except ValueError:
        return False


def gpkg_of_source(source: str) -> Path | None:
    """The GeoPackage file of an OGR/GDAL layer source, if it is one."""
    text = source.split("|")[0]
    if text.upper().startswith("GPKG:"):
        text = text[5:].rsplit(":", 1)[0]
    return Path(text) if text.lower().endswith(".gpkg") else None


class ProjectFiles:
    def __init__(self, project: QgsProject | None = None):
        self.project = project or QgsProject.instance()
        self._unsaved: Path | None = None

    def default_gpkg(self) -> Path:
        name = self.project.fileName()
        if name:
            return gpkg_beside(name)
        if self._unsaved is None:
            self._unsaved = unsaved_root() / f"project_{uuid.uuid4().hex[:8]}_mps_planner.gpkg"
        return self._unsaved

    def live_folder(self, gpkg: Path) -> Path:
        return gpkg.with_name(gpkg.stem + "_live")

    def relocate_beside_project(self, gpkg: Path) -> Path | None:
        """Copy a GeoPackage from the unsaved folder beside the saved project and point
        every layer of the project at the copy; return the new path (None: nothing to do)."""
        name = self.project.fileName()
        if not name or not is_unsaved_location(gpkg) or not gpkg.exists():
            return None
        target = gpkg_beside(name)
        if target.exists():
            target = target.with_name(f"{target.stem}_{uuid.uuid4().hex[:6]}.gpkg")
        copy_gpkg(gpkg, target)
        old = str(gpkg)
        for layer in self.project.mapLayers().values():
            source = layer.source()
            if source.startswith(old):
                new_source = str(target) + source[len(old) :]
                layer.setDataSource(new_source, layer.name(), layer.providerType())
        return target
