"""Screenshots of the planner panel on the sample region, in English and in Chinese.

Runs a real QGIS GUI on a virtual screen: a main window with a map canvas and the dock,
the sample region at 100 m, three stops placed and one moved, two scenarios saved and
compared. Writes docs/images/panel_{en,zh}.png, panel_inputs_{en,zh}.png and
panel_scenarios_{en,zh}.png (each under 400 KB). Run:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/panel_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), "/usr/share/qgis/python/plugins"]
OUT = REPO / "docs" / "images"
LIMIT = 400_000
SIZE = (1500, 900)
STOPS = [(488_000.0, 4_838_000.0), (556_000.0, 4_846_000.0), (470_000.0, 4_800_000.0)]
MOVED = (560_000.0, 4_792_000.0)
LAYERS = (
    "facilities",
    "roads",
    "rivers",
    "bridges",
    "lakes",
    "districts",
    "county",
    "population_summer",
    "population_winter",
    "landcover",
)


def main(language: str) -> None:
    from qgis.core import QgsApplication, QgsPointXY, QgsProject
    from qgis.gui import QgsLayerTreeMapCanvasBridge, QgsMapCanvas, QgsMessageBar
    from qgis.PyQt.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    from qgis.PyQt.QtGui import QFont, QImage
    from qgis.PyQt.QtWidgets import QMainWindow, QVBoxLayout, QWidget

    app = QgsApplication([], True)
    app.initQgis()
    translator = None
    if language == "zh":
        from mps_planner.plugin import load_translator

        translator = load_translator("zh_CN")
        if translator is None:
            raise SystemExit("Build the translation first: make translations")
        QCoreApplication.installTranslator(translator)
        app.setFont(QFont("Noto Sans CJK SC", 9))

    from mps_planner.core.sample_region import generate_sample_region
    from mps_planner.core.standards import PRESETS
    from mps_planner.gui.controller import PlannerController
    from mps_planner.gui.docks.planner_dock import PlannerDock
    from mps_planner.gui.panel_settings import PanelSettings
    from mps_planner.qgis_io.sample_region_io import open_sample_layers, write_sample_region
    from mps_planner.report.sample_styles import style_sample_layer

    tmp = Path(tempfile.mkdtemp(prefix="panel_shots_"))
    region = generate_sample_region(seed=1, cell_size=100.0)
    files = write_sample_region(region, tmp / "sample.gpkg")
    layers = open_sample_layers(files, LAYERS)
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    for name in LAYERS:
        style_sample_layer(layers[name], name)
        project.addMapLayer(layers[name], False)
        root.addLayer(layers[name])
        if name in ("population_winter",):
            root.findLayer(layers[name].id()).setItemVisibilityChecked(False)
    project.setCrs(layers["districts"].crs())
    project.write(str(tmp / "county.qgz"))

    window = QMainWindow()
    window.resize(*SIZE)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    bar = QgsMessageBar()
    canvas = QgsMapCanvas()
    canvas.setCanvasColor(Qt.white)
    layout.addWidget(bar)
    layout.addWidget(canvas, 1)
    window.setCentralWidget(central)
    bridge = QgsLayerTreeMapCanvasBridge(root, canvas)  # noqa: F841 (kept alive)
    canvas.setDestinationCrs(layers["districts"].crs())

    class Iface:
        def messageBar(self):
            return bar

        def mapCanvas(self):
            return canvas

    controller = PlannerController(Iface(), window)
    from mps_planner.gui.solvers import wire_solvers

    wire_solvers(controller)  # as the plugin does: Propose stops and Plan routes enabled
    dock = PlannerDock(controller, canvas, window)
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    dock.setMinimumWidth(520)
    name_field = "name_zh" if language == "zh" else "name"
    controller.set_settings(
        PanelSettings(
            population_summer=layers["population_summer"].id(),
            population_winter=layers["population_winter"].id(),
            landcover=layers["landcover"].id(),
            roads=layers["roads"].id(),
            road_field="road_class",
            barriers=layers["rivers"].id(),
            bridges=layers["bridges"].id(),
            facilities=layers["facilities"].id(),
            facility_service_field="service",
            districts=layers["districts"].id(),
            district_name_field=name_field,
            standard=PRESETS["library_rural"].to_dict(),
        )
    )
    dock.show_settings()
    window.show()
    canvas.setExtent(layers["county"].extent().buffered(3000))

    def wait():
        deadline = time.monotonic() + 600
        while not controller.is_idle() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()

    controller.build_model()
    wait()
    for xy in STOPS:
        controller.add_site(QgsPointXY(*xy))
        wait()
    controller.scenarios.save("Three stops" if language == "en" else "三个服务点")
    stop = [f["stop_id"] for f in controller.stops_layer().getFeatures()][-1]
    controller.move_site(stop, QgsPointXY(*MOVED))
    wait()
    dock.tabs.setCurrentIndex(1)

    def shot(path: Path) -> None:
        bar.clearWidgets()
        loop = QEventLoop()
        canvas.mapCanvasRefreshed.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        canvas.refreshAllLayers()
        loop.exec_()
        for _ in range(10):
            app.processEvents()
        image = window.grab().toImage().convertToFormat(QImage.Format_RGB888)
        for colours in (QImage.Format_RGB888, QImage.Format_Indexed8):
            out = image if colours == QImage.Format_RGB888 else image.convertToFormat(colours)
            out.save(str(path), "PNG", 0)
            if path.stat().st_size < LIMIT:
                break
        print(f"{path.relative_to(REPO)}: {path.stat().st_size / 1000:.0f} KB")

    OUT.mkdir(parents=True, exist_ok=True)
    dock.tabs.setCurrentIndex(0)
    shot(OUT / f"panel_inputs_{language}.png")
    dock.tabs.setCurrentIndex(1)
    shot(OUT / f"panel_{language}.png")
    controller.scenarios.save("Moved south" if language == "en" else "南移方案")
    names = controller.scenarios.names()
    dock.tabs.setCurrentIndex(2)
    dock.scenarios.a.setCurrentIndex(0)
    dock.scenarios.b.setCurrentIndex(1)
    controller.scenarios.compare(names[0], names[1])
    wait()
    for layer_id in ("bands", "gap", "change"):
        live = controller.layers.layers().get(layer_id)
        if live is not None:
            root.findLayer(live.id()).setItemVisibilityChecked(False)
    shot(OUT / f"panel_scenarios_{language}.png")
    controller.unload()
    sys.stdout.flush()
    os._exit(0)  # QGIS's exit with a live main window may crash: the files are written


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:  # one process per language (a translator is best installed before any widget)
        import subprocess

        for lang in ("en", "zh"):
            subprocess.run([sys.executable, __file__, lang], check=True, env=os.environ)
