"""The Processing provider: lists every mps_planner algorithm (id prefix ``mps_planner:``)."""

from __future__ import annotations

import importlib
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..definitions import PLUGIN_ID, PLUGIN_NAME, plugin_version, resources_path


def algorithm_classes() -> list[type]:
    """Every algorithm class: one module per algorithm under ``processing/algorithms/``.

    Each module that defines a concrete ``MpsAlgorithm`` subclass (one with its own
    ``name()``) contributes it; importing every module here makes a broken one fail
    loudly in the tests instead of silently missing from the toolbox.
    """
    from . import algorithms
    from .algorithms.base import MpsAlgorithm

    classes = []
    for info in sorted(pkgutil.iter_modules(algorithms.__path__), key=lambda m: m.name):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{algorithms.__name__}.{info.name}")
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, MpsAlgorithm)
                and obj.__module__ == module.__name__
                and "name" in vars(obj)
            ):
                classes.append(obj)
    return classes


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
