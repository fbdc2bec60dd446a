"""The plugin loads into a (mock-interface) QGIS, and unloads without leaving anything behind."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QToolBar

import mps_planner


def _flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def _ours(iface):
    window = iface.mainWindow()
    actions = [a for a in window.findChildren(QAction) if a.objectName().startswith("mps_planner")]
    toolbars = [t for t in window.findChildren(QToolBar) if t.objectName() == "mps_planner_toolbar"]
    docks = [d for d in window.findChildren(QDockWidget) if d.objectName() == "mps_planner_dock"]
    providers = [
        p for p in QgsApplication.processingRegistry().providers() if p.id() == "mps_planner"
    ]
    return actions, toolbars, docks, providers


def test_load_unload_load_leaves_one_set(qgis_app, qgis_iface):
    plugin = mps_planner.classFactory(qgis_iface)
    plugin.initGui()
    first = [len(x) for x in _ours(qgis_iface)]
    assert first[1:] == [1, 1, 1]
    assert first[0] >= 1

    plugin.unload()
    _flush_deletes()
    assert [len(x) for x in _ours(qgis_iface)] == [0, 0, 0, 0]

    plugin = mps_planner.classFactory(qgis_iface)
    plugin.initGui()
    assert [len(x) for x in _ours(qgis_iface)] == first
    plugin.unload()
    _flush_deletes()


def test_provider_id_and_algorithms_have_prefix(qgis_app, qgis_iface):
    plugin = mps_planner.classFactory(qgis_iface)
    plugin.initGui()
    try:
        provider = QgsApplication.processingRegistry().providerById("mps_planner")
        assert provider is not None
        assert provider.id() == provider.id().lower() and " " not in provider.id()
        assert not provider.icon().isNull()
        for alg in provider.algorithms():
            assert alg.id() == f"mps_planner:{alg.name()}"
            assert alg.shortHelpString().strip(), alg.id()
    finally:
        plugin.unload()
        _flush_deletes()


def test_version_comes_from_metadata():
    from mps_planner.definitions import PLUGIN_DIR, plugin_version

    text = (PLUGIN_DIR / "metadata.txt").read_text(encoding="utf-8")
    assert f"version={plugin_version()}\n" in text
    for key in ("qgisMinimumVersion=3.22", "hasProcessingProvider=yes", "supportsQt6=True"):
        assert key in text
