"""The live numbers: covered and uncovered per threshold, share per district, the change.

``show_update(update)`` fills the tables from a ``LiveUpdate``; the change column is the
last edit's gain minus loss (who gained, who lost) per threshold and per district.
"""

from __future__ import annotations

import numpy as np
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.live_session import LiveUpdate
from ...report.analysis_styles import GAINED_COLOUR, LOST_COLOUR
from .coverage_chart import CoverageChart


def _signed(value: float) -> str:
    if abs(value) < 0.5:
        return "±0"
    return f"{value:+,.0f}"


class CoverageView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self.tr("Build the model (tab Inputs), then place stops."))
        self.status.setWordWrap(True)
        self.status.setToolTip(self.tr("How many sites are counted, and for which season"))
        layout.addWidget(self.status)
        self.thresholds = self._table(
            [self.tr("Within"), self.tr("Reached"), self.tr("Not reached"), self.tr("Share"),
             self.tr("Last edit")],
            self.tr("People reached and not reached within each threshold; the last column is "
                    "the change made by the last edit (gained minus lost)"),
        )  # fmt: skip
        layout.addWidget(self.thresholds)
        self.change = QLabel("")
        self.change.setWordWrap(True)
        self.change.setToolTip(self.tr("Who gained and who lost with the last edit"))
        layout.addWidget(self.change)
        self.chart = CoverageChart(self)
        layout.addWidget(self.chart)
        self.districts = self._table(
            [self.tr("District"), self.tr("People"), self.tr("Share"), self.tr("Last edit")],
            self.tr("Share of each district's people reached within the target (the standard); "
                    "equal shares mean equal access"),
        )  # fmt: skip
        layout.addWidget(self.districts, 1)
        self._previous: np.ndarray | None = None

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("CoverageView", text)

    def _table(self, headers: list[str], tip: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.NoSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setToolTip(tip)
        return table

    @staticmethod
    def _fit_height(table: QTableWidget) -> None:
        """As tall as its rows (no empty space under a short table)."""
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(table.horizontalHeader().height() + rows + 2 * table.frameWidth())

    @staticmethod
    def _item(text: str, colour: str | None = None, right: bool = True) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if right:
            item.setTextAlignment(int(Qt.AlignRight | Qt.AlignVCenter))
        if colour:
            item.setForeground(QColor(colour))
        return item

    @staticmethod
    def _colour(value: float) -> str | None:
        if value >= 0.5:
            return GAINED_COLOUR
        if value <= -0.5:
            return LOST_COLOUR
        return None

    def clear(self) -> None:
        self.thresholds.setRowCount(0)
        self.districts.setRowCount(0)
        self.change.setText("")
        self.chart.set_values([], [], 0.0)
        self._previous = None

    def show_state(self, text: str) -> None:
        self.status.setText(text)

    def show_update(self, update: LiveUpdate) -> None:
        summary = update.summary
        change = update.change
        k_target = update.target_index
        season = {"summer": self.tr("summer"), "winter": self.tr("winter")}.get(
            update.season, update.season
        )
        self.status.setText(
            self.tr("{n} sites counted; population: {season}, {total:,.0f} people.").format(
                n=summary.sites, season=season, total=summary.total
            )
        )
        net = change.net if change is not None else [0.0] * len(summary.thresholds)
        self.thresholds.setRowCount(len(summary.thresholds))
        share = summary.share()
        for k, t in enumerate(summary.thresholds):
            label = self.tr("≤ {t:g} min").format(t=t) + (" ★" if k == k_target else "")
            cells = [
                self._item(label, right=False),
                self._item(f"{summary.covered[k]:,.0f}"),
                self._item(f"{summary.uncovered[k]:,.0f}"),
                self._item(f"{share[k]:.1%}"),
                self._item(_signed(net[k]), self._colour(net[k])),
            ]
            for col, item in enumerate(cells):
                self.thresholds.setItem(k, col, item)
        self._fit_height(self.thresholds)
        if change is not None:
            gained, lost = change.gained[k_target], change.lost[k_target]
            self.change.setText(
                self.tr(
                    "Last edit, within {t:g} min: {g:,.0f} people gained, {lo:,.0f} lost."
                ).format(t=summary.thresholds[k_target], g=gained, lo=lost)
            )
        else:
            self.change.setText("")
        before = None
        if change is not None:
            before = [c - n for c, n in zip(summary.covered, net)]
        self.chart.set_values(summary.thresholds, summary.covered, summary.total, before)
        self._districts(update)

    def _districts(self, update: LiveUpdate) -> None:
        summary = update.summary
        k = update.target_index
        names = summary.zone_names
        self.districts.setRowCount(len(names))
        change = update.change
        for z, name in enumerate(names):
            total = float(summary.zone_totals[z])
            covered = float(summary.by_zone[z, k])
            net = 0.0
            if change is not None and change.gained_by_zone.size:
                net = float(change.gained_by_zone[z, k] - change.lost_by_zone[z, k])
            share = covered / total if total > 0 else float("nan")
            cells = [
                self._item(str(name), right=False),
                self._item(f"{total:,.0f}"),
                self._item("–" if np.isnan(share) else f"{share:.1%}"),
                self._item(_signed(net), self._colour(net)),
            ]
            for col, item in enumerate(cells):
                self.districts.setItem(z, col, item)
