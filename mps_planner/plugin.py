"""The QGIS plugin object: toolbar, menu, dock panel, Processing provider, translator."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .definitions import PLUGIN_ID, i18n_path, resources_path


def plugin_locale() -> str:
    """QGIS's user interface locale, e.g. 'zh_CN' or 'en_US'."""
    override = QSettings().value("locale/overrideFlag", False, type=bool)
    name = QSettings().value("locale/userLocale", "") if override else ""
    return name or QLocale().name()


def load_translator(locale: str) -> QTranslator | None:
    """A translator for the given locale if a compiled .qm exists (zh_CN, zh, ...)."""
    for candidate in (locale, locale.split("_")[0]):
        qm = i18n_path(f"{PLUGIN_ID}_{candidate}.qm")
        if qm.exists():
            translator = QTranslator()
            if translator.load(str(qm)):
                return translator
    return None


class MpsPlannerPlugin:
    MENU = "&MPS Planner"

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.toolbar = None
        self.dock = None
        self.controller = None
        self.actions: list[QAction] = []
        self.translator = load_translator(plugin_locale())
        if self.translator is not None:
            QCoreApplication.installTranslator(self.translator)

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("MpsPlannerPlugin", text)

    # -- Processing -------------------------------------------------------------------------
    def initProcessing(self) -> None:
        from .processing.provider import MpsPlannerProvider

        if self.provider is None:
            self.provider = MpsPlannerProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    # -- GUI --------------------------------------------------------------------------------
    def initGui(self) -> None:
        from .gui.controller import PlannerController
        from .gui.docks.planner_dock import PlannerDock
        from .gui.solvers import wire_solvers

        self.initProcessing()
        icon = QIcon(str(resources_path("icons", "mps_planner.svg")))

        self.toolbar = self.iface.addToolBar(self.tr("MPS Planner"))
        self.toolbar.setObjectName("mps_planner_toolbar")

        window = self.iface.mainWindow()
        self.controller = PlannerController(self.iface, window)
        wire_solvers(self.controller)
        self.dock = PlannerDock(self.controller, self.iface.mapCanvas(), window)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.dock.hide()

        panel_action = self.dock.toggleViewAction()
        panel_action.setIcon(icon)
        panel_action.setText(self.tr("Planner panel"))
        panel_action.setToolTip(self.tr("Show or hide the MPS Planner panel"))
        self._register(panel_action, toolbar=True)

        sample_action = QAction(icon, self.tr("Create sample region…"), self.iface.mainWindow())
        sample_action.setToolTip(
            self.tr("Generate the built-in pastoral county sample data and add it to the map")
        )
        sample_action.triggered.connect(self.open_sample_region_dialog)
        self._register(sample_action, toolbar=False)
        for action in self.dock.tools.actions.values():
            self.toolbar.addAction(action)

        about_action = QAction(icon, self.tr("About MPS Planner…"), window)
        about_action.setToolTip(self.tr("The plugin's version and what it is for"))
        about_action.triggered.connect(self.dock.show_about)
        self._register(about_action, toolbar=False)

    def _register(self, action: QAction, toolbar: bool) -> None:
        action.setObjectName(f"mps_planner_action_{len(self.actions)}")
        self.iface.addPluginToMenu(self.MENU, action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)

    def open_sample_region_dialog(self) -> None:
        from qgis import processing

        processing.execAlgorithmDialog(f"{PLUGIN_ID}:sampleregion", {})

    def unload(self) -> None:
        for action in self.actions:
            self.iface.removePluginMenu(self.MENU, action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            if self.dock is None or action is not self.dock.toggleViewAction():
                action.deleteLater()
        self.actions = []
        if self.dock is not None:
            for action in self.dock.tools.actions.values():
                if self.toolbar is not None:
                    self.toolbar.removeAction(action)
            self.dock.release()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.controller is not None:
            self.controller.unload()
            self.controller.deleteLater()
            self.controller = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
