"""The heavier work: "Propose stops" and "Plan routes", with progress and cancel.

A button is enabled only when its solver is registered with the controller; until then
its tooltip says what it will do.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...core.planning_jobs import PLAN_ROUTES, PROPOSE_STOPS


class WorkBox(QGroupBox):
    runRequested = pyqtSignal(str, dict)  # kind, options
    cancelRequested = pyqtSignal(str)
    adoptRequested = pyqtSignal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Proposals"))
        grid = QGridLayout(self)
        self.propose = QPushButton(self.tr("Propose stops"), self)
        self.count = QSpinBox(self)
        self.count.setRange(1, 200)
        self.count.setValue(3)
        self.count.setSuffix(self.tr(" stops"))
        self.count.setToolTip(self.tr("How many new stops to propose"))
        self.adopt = QPushButton(self.tr("Add to plan"), self)
        self.adopt.setToolTip(self.tr("Add the proposed stops to the stops layer (undoable)"))
        self.adopt.setEnabled(False)
        self.routes = QPushButton(self.tr("Plan routes"), self)
        self.days = QSpinBox(self)
        self.days.setRange(1, 366)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.setToolTip(self.tr("The planning period of the routes and visit calendar"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setToolTip(self.tr("Progress of the running proposal"))
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setToolTip(self.tr("Stop the running proposal; nothing is changed"))
        self.state = QLabel("", self)
        self.state.setToolTip(self.tr("What the proposal tools are doing"))
        grid.addWidget(self.propose, 0, 0)
        grid.addWidget(self.count, 0, 1)
        grid.addWidget(self.adopt, 0, 2)
        grid.addWidget(self.routes, 1, 0)
        grid.addWidget(self.days, 1, 1)
        grid.addWidget(self.progress, 2, 0, 1, 2)
        grid.addWidget(self.cancel, 2, 2)
        grid.addWidget(self.state, 3, 0, 1, 3)
        self._running: str | None = None
        self.propose.clicked.connect(
            lambda: self.runRequested.emit(PROPOSE_STOPS, {"new_stops": self.count.value()})
        )
        self.routes.clicked.connect(
            lambda: self.runRequested.emit(PLAN_ROUTES, {"period_days": self.days.value()})
        )
        self.cancel.clicked.connect(self._cancel)
        self.adopt.clicked.connect(self.adoptRequested.emit)
        self.set_available({PROPOSE_STOPS: False, PLAN_ROUTES: False})
        self.set_running(None)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("WorkBox", text)

    def set_available(self, available: dict[str, bool]) -> None:
        self._available = dict(available)
        tips = {
            PROPOSE_STOPS: (
                self.tr("Choose the best of your candidate sites to reach the most people not "
                        "yet reached within the target (maximal covering)"),
                self.tr("Will choose the best of your candidate sites to reach the most people "
                        "not yet reached (site selection); not available in this version yet"),
            ),
            PLAN_ROUTES: (
                self.tr("Plan vehicle routes along the roads visiting the mobile stops as often "
                        "as the standard asks, with a calendar"),
                self.tr("Will plan vehicle routes and a visit calendar for the mobile stops "
                        "(mobile plans); not available in this version yet"),
            ),
        }  # fmt: skip
        for kind, button in ((PROPOSE_STOPS, self.propose), (PLAN_ROUTES, self.routes)):
            on = bool(available.get(kind))
            button.setToolTip(tips[kind][0 if on else 1])
            button.setEnabled(on and self._running is None)
        self.count.setEnabled(bool(available.get(PROPOSE_STOPS)))
        self.days.setEnabled(bool(available.get(PLAN_ROUTES)))

    def set_running(self, kind: str | None) -> None:
        self._running = kind
        self.cancel.setEnabled(kind is not None)
        self.progress.setValue(0)
        self.progress.setVisible(kind is not None)
        for k, button in ((PROPOSE_STOPS, self.propose), (PLAN_ROUTES, self.routes)):
            button.setEnabled(kind is None and bool(getattr(self, "_available", {}).get(k)))
        self.state.setText(
            "" if kind is None else self.tr("Working… you can keep editing meanwhile.")
        )

    def set_progress(self, kind: str, value: float) -> None:
        if kind == self._running:
            self.progress.setValue(int(value))

    def _cancel(self) -> None:
        if self._running is not None:
            self.cancelRequested.emit(self._running)
