"""Scenarios: save the current plan under a name, switch to one, compare two side by side.

The comparison table shows people reached per threshold in A and B and the difference,
then the share of each district at the target; the map of who gains and who loses is added
to the project by the controller.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.scenario import Scenario, ScenarioComparison
from ...report.analysis_styles import GAINED_COLOUR, LOST_COLOUR


class ScenariosView(QWidget):
    saveRequested = pyqtSignal(str)
    switchRequested = pyqtSignal(str)
    deleteRequested = pyqtSignal(str)
    compareRequested = pyqtSignal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        save_box = QGroupBox(self.tr("Save the current plan"), self)
        row = QHBoxLayout(save_box)
        self.name = QLineEdit(save_box)
        self.name.setPlaceholderText(self.tr("Scenario name, e.g. 'Three new stops'"))
        self.name.setToolTip(self.tr("A name for the sites, standard and numbers as they are now"))
        row.addWidget(self.name, 1)
        self.save = QPushButton(self.tr("Save"), save_box)
        self.save.setToolTip(
            self.tr("Save the current sites, standard, settings and numbers in the project's "
                    "GeoPackage (a name used before is replaced)")
        )  # fmt: skip
        row.addWidget(self.save)
        layout.addWidget(save_box)

        list_box = QGroupBox(self.tr("Saved scenarios"), self)
        list_layout = QVBoxLayout(list_box)
        self.list = QListWidget(list_box)
        self.list.setToolTip(self.tr("Scenarios saved with this project"))
        list_layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.switch = QPushButton(self.tr("Switch to"), list_box)
        self.switch.setToolTip(
            self.tr("Replace the stops on the map by this scenario's stops (undoable)")
        )
        self.delete = QPushButton(self.tr("Delete"), list_box)
        self.delete.setToolTip(self.tr("Delete the selected scenario from the GeoPackage"))
        buttons.addWidget(self.switch)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        list_layout.addLayout(buttons)
        layout.addWidget(list_box)

        compare_box = QGroupBox(self.tr("Compare two scenarios"), self)
        form = QFormLayout(compare_box)
        self.a = QComboBox(compare_box)
        self.a.setToolTip(self.tr("The scenario to compare from (A)"))
        self.b = QComboBox(compare_box)
        self.b.setToolTip(self.tr("The scenario to compare with (B); the difference is B − A"))
        form.addRow(self.tr("A"), self.a)
        form.addRow(self.tr("B"), self.b)
        self.compare = QPushButton(self.tr("Compare"), compare_box)
        self.compare.setToolTip(
            self.tr("Show both scenarios' numbers side by side and map who gains and who loses")
        )
        form.addRow(self.compare)
        self.table = QTableWidget(0, 4, compare_box)
        self.table.setHorizontalHeaderLabels(["", "A", "B", self.tr("B − A")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip(
            self.tr("People reached per threshold, then the people reached in each district "
                    "within the target, as saved with each scenario")
        )  # fmt: skip
        form.addRow(self.table)
        layout.addWidget(compare_box, 1)

        self.save.clicked.connect(lambda: self.saveRequested.emit(self.name.text()))
        self.name.returnPressed.connect(lambda: self.saveRequested.emit(self.name.text()))
        self.switch.clicked.connect(self._switch)
        self.delete.clicked.connect(self._delete)
        self.compare.clicked.connect(
            lambda: self.compareRequested.emit(self.a.currentText(), self.b.currentText())
        )
        self.list.itemSelectionChanged.connect(self._selection)
        self._selection()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ScenariosView", text)

    def _selected(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def _selection(self) -> None:
        has = self._selected() is not None
        self.switch.setEnabled(has)
        self.delete.setEnabled(has)
        self.compare.setEnabled(self.a.count() >= 2)

    def _switch(self) -> None:
        name = self._selected()
        if name:
            self.switchRequested.emit(name)

    def _delete(self) -> None:
        name = self._selected()
        if name:
            self.deleteRequested.emit(name)

    def show_scenarios(self, scenarios: list[Scenario]) -> None:
        self.list.clear()
        for scenario in scenarios:
            text = scenario.name
            if scenario.results is not None and scenario.results.total > 0:
                res = scenario.results
                k = (
                    res.thresholds.index(scenario.standard.target_minutes)
                    if (scenario.standard.target_minutes in res.thresholds)
                    else len(res.thresholds) - 1
                )
                text = self.tr("{name} — {share:.1%} within {t:g} min, {n} sites").format(
                    name=scenario.name,
                    share=res.covered[k] / res.total,
                    t=res.thresholds[k],
                    n=len(scenario.sites),
                )
            self.list.addItem(text)
            self.list.item(self.list.count() - 1).setData(Qt.UserRole, scenario.name)
        names = [s.name for s in scenarios]
        for combo, pick in ((self.a, 0), (self.b, 1)):
            current = combo.currentText()
            combo.clear()
            combo.addItems(names)
            index = combo.findText(current)
            combo.setCurrentIndex(index if index >= 0 else min(pick, len(names) - 1))
        self._selection()

    def _cell(self, text: str, value: float | None = None) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(int(Qt.AlignRight | Qt.AlignVCenter))
        if value is not None and value >= 0.5:
            item.setForeground(QColor(GAINED_COLOUR))
        elif value is not None and value <= -0.5:
            item.setForeground(QColor(LOST_COLOUR))
        return item

    def show_comparison(self, comparison: ScenarioComparison, target_minutes: float) -> None:
        """Rows: people reached per threshold, then per district within the target."""
        rows = []
        for k, t in enumerate(comparison.thresholds):
            a, b = comparison.covered_a[k], comparison.covered_b[k]
            rows.append((self.tr("≤ {t:g} min").format(t=t), f"{a:,.0f}", f"{b:,.0f}", b - a,
                         f"{b - a:+,.0f}"))  # fmt: skip
        k = (
            comparison.thresholds.index(target_minutes)
            if target_minutes in comparison.thresholds
            else len(comparison.thresholds) - 1
        )
        for z, name in enumerate(comparison.zone_names):
            a = comparison.zone_a[z][k]
            b = comparison.zone_b[z][k]
            rows.append((str(name), f"{a:,.0f}", f"{b:,.0f}", b - a, f"{b - a:+,.0f}"))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(["", comparison.a, comparison.b, self.tr("B − A")])
        for r, (label, a, b, diff, text) in enumerate(rows):
            item = QTableWidgetItem(label)
            self.table.setItem(r, 0, item)
            self.table.setItem(r, 1, self._cell(a))
            self.table.setItem(r, 2, self._cell(b))
            self.table.setItem(r, 3, self._cell(text, diff))
