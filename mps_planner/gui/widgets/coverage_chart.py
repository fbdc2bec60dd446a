"""A small bar chart: people reached within each threshold (QPainter; no QtCharts needed).

Debian's PyQt5 has no QtChart module, so the chart is a plain widget. Each bar is the share
of people reached within one threshold, labelled with the number of people; a thin line
marks the value before the last edit, so a gain or a loss shows at a glance.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ...report.analysis_styles import GAINED_COLOUR, LIVE_BAND_COLOURS, LOST_COLOUR


class CoverageChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._thresholds: list[float] = []
        self._covered: list[float] = []
        self._before: list[float] | None = None
        self._total = 0.0
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setToolTip(
            self.tr(
                "People reached within each threshold, as a share of everyone; the thin line "
                "shows the value before the last edit"
            )
        )

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("CoverageChart", text)

    def sizeHint(self) -> QSize:
        return QSize(320, 170)

    def set_values(self, thresholds, covered, total: float, before=None) -> None:
        self._thresholds = [float(t) for t in thresholds]
        self._covered = [float(c) for c in covered]
        self._before = None if before is None else [float(b) for b in before]
        self._total = float(total)
        self.update()

    def bars(self) -> list[tuple[float, float]]:
        """(threshold, share 0–1) per bar, as drawn."""
        if self._total <= 0:
            return [(t, 0.0) for t in self._thresholds]
        return [(t, c / self._total) for t, c in zip(self._thresholds, self._covered)]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        rect = self.rect().adjusted(8, 8, -8, -8)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._thresholds:
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(rect, Qt.AlignCenter, self.tr("No numbers yet"))
            return
        font = QFont(self.font())
        painter.setFont(font)
        metrics = painter.fontMetrics()
        label_h = metrics.height()
        top = rect.top() + label_h + 4
        bottom = rect.bottom() - label_h - 4
        height = max(bottom - top, 10)
        n = len(self._thresholds)
        slot = rect.width() / n
        width = slot * 0.62
        axis = QPen(QColor("#888888"))
        painter.setPen(axis)
        painter.drawLine(rect.left(), bottom, rect.right(), bottom)
        for k, (threshold, share) in enumerate(self.bars()):
            x = rect.left() + k * slot + (slot - width) / 2
            h = height * min(max(share, 0.0), 1.0)
            colour = QColor(LIVE_BAND_COLOURS[min(k, len(LIVE_BAND_COLOURS) - 1)])
            painter.fillRect(QRectF(x, bottom - h, width, h), colour)
            if self._before is not None and self._total > 0:
                old = height * min(max(self._before[k] / self._total, 0.0), 1.0)
                if abs(old - h) >= 1:
                    pen = QPen(QColor(GAINED_COLOUR if old < h else LOST_COLOUR))
                    pen.setWidth(3)
                    painter.setPen(pen)
                    painter.drawLine(
                        int(x - 3), int(bottom - old), int(x + width + 3), int(bottom - old)
                    )
            painter.setPen(self.palette().color(self.foregroundRole()))
            value = f"{self._covered[k]:,.0f} ({share:.0%})"
            painter.drawText(
                QRectF(x - slot * 0.2, bottom - h - label_h - 2, width + slot * 0.4, label_h),
                Qt.AlignCenter,
                value,
            )
            painter.drawText(
                QRectF(x - slot * 0.2, bottom + 2, width + slot * 0.4, label_h),
                Qt.AlignCenter,
                self.tr("≤ {t:g} min").format(t=threshold),
            )
        painter.end()
