"""The planner dock: inputs, live numbers and scenarios in three tabs, tools on top.

The dock only shows and forwards: every action goes to the ``PlannerController``; the
numbers come back through its signals.
"""

from __future__ import annotations

from dataclasses import replace

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon, QKeySequence
from qgis.PyQt.QtWidgets import (
    QAction,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InputError
from ...core.planning_jobs import SOLVER_KINDS
from ...definitions import plugin_version, resources_path
from ..dialogs.about_dialog import AboutDialog
from ..maptools.tool_actions import SiteToolActions
from ..widgets.coverage_view import CoverageView
from ..widgets.inputs_page import InputsPage
from ..widgets.scenarios_view import ScenariosView
from ..widgets.standard_box import StandardBox
from ..widgets.work_box import WorkBox

UNDO_SHORTCUT = "Ctrl+Alt+Z"
REDO_SHORTCUT = "Ctrl+Alt+Y"


class PlannerDock(QgsDockWidget):
    def __init__(self, controller, canvas, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("mps_planner_dock")
        self.setWindowTitle(self.tr("MPS Planner"))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        self.tools = SiteToolActions(canvas, controller, parent)
        self.toolbar = QToolBar(body)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in self.tools.actions.values():
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcut(QKeySequence(UNDO_SHORTCUT))
        self.undo_action.setToolTip(
            self.tr("Undo the last edit of the stops") + f" ({UNDO_SHORTCUT})"
        )
        self.redo_action = QAction(self.tr("Redo"), self)
        self.redo_action.setShortcut(QKeySequence(REDO_SHORTCUT))
        self.redo_action.setToolTip(self.tr("Redo the edit undone last") + f" ({REDO_SHORTCUT})")
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ApplicationShortcut)
            self.toolbar.addAction(action)
        layout.addWidget(self.toolbar)

        self.tabs = QTabWidget(body)
        layout.addWidget(self.tabs, 1)
        self.inputs = InputsPage()
        self.standard = StandardBox()
        self.build = QPushButton(self.tr("Build model"))
        self.build.setToolTip(
            self.tr("Read the population, build the travel model and count who is reached; "
                    "needed again after the inputs change")
        )  # fmt: skip
        self.state = QLabel(self.tr("Not built yet."))
        self.state.setWordWrap(True)
        self.state.setToolTip(self.tr("State of the travel model"))
        inputs_body = QWidget()
        inputs_layout = QVBoxLayout(inputs_body)
        inputs_layout.addWidget(self.inputs)
        inputs_layout.addWidget(self.standard)
        row = QHBoxLayout()
        row.addWidget(self.build)
        row.addWidget(self.state, 1)
        inputs_layout.addLayout(row)
        inputs_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(inputs_body)
        self.tabs.addTab(scroll, self.tr("Inputs"))

        live_body = QWidget()
        live_layout = QVBoxLayout(live_body)
        self.coverage = CoverageView(live_body)
        live_layout.addWidget(self.coverage, 1)
        self.work = WorkBox(live_body)
        live_layout.addWidget(self.work)
        self.tabs.addTab(live_body, self.tr("Coverage"))

        self.scenarios = ScenariosView()
        self.tabs.addTab(self.scenarios, self.tr("Scenarios"))
        for index, tip in enumerate(
            (
                self.tr("Choose the population, the travel model and the service standard"),
                self.tr("Who is reached now, and what the last edit changed"),
                self.tr("Save, switch and compare plans"),
            )
        ):
            self.tabs.setTabToolTip(index, tip)

        footer = QHBoxLayout()
        self.version = QLabel(self.tr("Version {version}").format(version=plugin_version()))
        self.version.setToolTip(self.tr("The plugin's version (from metadata.txt)"))
        footer.addWidget(self.version, 1)
        self.about = QPushButton(QIcon(str(resources_path("icons", "mps_planner.svg"))), "")
        self.about.setText(self.tr("About"))
        self.about.setToolTip(self.tr("About MPS Planner: version, purpose, where to report"))
        footer.addWidget(self.about)
        layout.addLayout(footer)
        self.setWidget(body)
        self._connect()
        self.show_settings()
        self.show_scenarios()
        self._solvers_changed()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PlannerDock", text)

    # -- wiring -------------------------------------------------------------------------------
    def _connect(self) -> None:
        c = self.controller
        self.inputs.changed.connect(self._settings_edited)
        self.standard.standardChanged.connect(self._settings_edited)
        self.standard.invalid.connect(c.error)
        self.inputs.newStopsLayer.connect(self._new_stops_layer)
        self.build.clicked.connect(c.build_model)
        self.about.clicked.connect(self.show_about)
        self.undo_action.triggered.connect(c.undo)
        self.redo_action.triggered.connect(c.redo)
        c.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        c.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(c.undo_stack.canUndo())
        self.redo_action.setEnabled(c.undo_stack.canRedo())
        c.modelStateChanged.connect(self._model_state)
        c.coverageUpdated.connect(self.coverage.show_update)
        c.settingsLoaded.connect(self.show_settings)
        c.stopsLayerChanged.connect(self.show_settings)
        c.settingsLoaded.connect(self.show_scenarios)
        sc = c.scenarios
        sc.scenariosChanged.connect(self.show_scenarios)
        sc.comparisonReady.connect(self._comparison)
        self.scenarios.saveRequested.connect(sc.save)
        self.scenarios.switchRequested.connect(sc.switch)
        self.scenarios.deleteRequested.connect(sc.delete)
        self.scenarios.compareRequested.connect(sc.compare)
        sv = c.solvers
        sv.solversChanged.connect(self._solvers_changed)
        sv.started.connect(self.work.set_running)
        sv.progress.connect(self.work.set_progress)
        sv.finished.connect(self._solver_finished)
        self.work.runRequested.connect(lambda kind, options: sv.run(kind, **options))
        self.work.cancelRequested.connect(sv.cancel)
        self.work.adoptRequested.connect(sv.adopt_proposal)

    def _settings_edited(self, *_args) -> None:
        settings = self.inputs.settings_into(self.controller.settings())
        try:
            standard = self.standard.standard()
        except InputError:
            standard = None
        if standard is not None:
            settings = replace(settings, standard=standard.to_dict())
        self.controller.set_settings(settings)

    def _new_stops_layer(self) -> None:
        try:
            self.controller.create_stops_layer()
        except InputError as exc:
            self.controller.error(str(exc))

    def _model_state(self, state: str, text: str) -> None:
        self.state.setText(text or self.tr("Not built yet."))
        self.build.setText(self.tr("Build model") if state != "ready" else self.tr("Rebuild"))
        if state == "ready":
            self.tabs.setCurrentIndex(1)
        elif state == "none":
            self.coverage.clear()
        self.coverage.show_state(text)

    def _comparison(self, comparison) -> None:
        target = self.controller.settings().service_standard().target_minutes
        self.scenarios.show_comparison(comparison, target)

    def _solvers_changed(self) -> None:
        sv = self.controller.solvers
        self.work.set_available({kind: sv.has_solver(kind) for kind in SOLVER_KINDS})

    def _solver_finished(self, kind: str, result) -> None:
        self.work.set_running(None)
        self.work.adopt.setEnabled(self.controller.solvers.last_proposal is not None)

    # -- showing ------------------------------------------------------------------------------
    def show_settings(self) -> None:
        settings = self.controller.settings()
        self.inputs.show_settings(settings)
        try:
            self.standard.set_standard(settings.service_standard())
        except InputError as exc:
            self.controller.error(str(exc))

    def show_scenarios(self) -> None:
        self.scenarios.show_scenarios(self.controller.scenarios.all())

    def show_about(self) -> None:
        AboutDialog(self).exec_()

    def release(self) -> None:
        self.tools.release()
