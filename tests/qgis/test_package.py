"""The zip that `make package` builds installs and loads like QGIS's "Install from ZIP"."""

from __future__ import annotations

import sys
import zipfile

import qgis.utils
from qgis.core import QgsApplication

from scripts.package import build, version


def test_zip_has_one_plugin_folder_and_loads(qgis_app, qgis_iface, tmp_path, monkeypatch):
    archive = build(tmp_path / "dist")
    assert archive.name == f"mps_planner-{version()}.zip"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert {n.split("/")[0] for n in names} == {"mps_planner"}
        for required in ("metadata.txt", "__init__.py", "resources/icons/mps_planner.svg"):
            assert f"mps_planner/{required}" in names
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        zf.extractall(tmp_path / "plugins")

    # Load the extracted copy the way QGIS does, not the working tree's package.
    saved = {
        k: v for k, v in sys.modules.items() if k == "mps_planner" or k.startswith("mps_planner.")
    }
    for key in saved:
        del sys.modules[key]
    monkeypatch.syspath_prepend(str(tmp_path / "plugins"))
    monkeypatch.setattr(qgis.utils, "iface", qgis_iface)
    monkeypatch.setattr(qgis.utils, "plugin_paths", [str(tmp_path / "plugins")])
    monkeypatch.setattr(qgis.utils, "available_plugins", [])
    qgis.utils.updateAvailablePlugins()
    assert "mps_planner" in qgis.utils.available_plugins
    assert qgis.utils.pluginMetadata("mps_planner", "version") == version()
    try:
        assert qgis.utils.loadPlugin("mps_planner")
        assert qgis.utils.startPlugin("mps_planner")
        module = sys.modules["mps_planner"]
        assert module.__file__.startswith(str(tmp_path))
        assert QgsApplication.processingRegistry().providerById("mps_planner") is not None
        assert qgis.utils.unloadPlugin("mps_planner")
        assert QgsApplication.processingRegistry().providerById("mps_planner") is None
    finally:
        for key in [k for k in sys.modules if k == "mps_planner" or k.startswith("mps_planner.")]:
            del sys.modules[key]
        sys.modules.update(saved)
