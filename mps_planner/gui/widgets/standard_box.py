"""The service standard: a preset or the user's own, every field editable and savable.

Presets come from ``core.standards.PRESETS``; "Save as…" stores the edited standard in
QGIS's settings (``mps_planner/standards``) so that other projects can use it too.
``standardChanged`` carries the standard as it is in the fields.
"""

from __future__ import annotations

import re

from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...core.errors import InputError
from ...core.landcover import TRAVEL_MODES
from ...core.standards import PRESETS, WHO_TRAVELS, ServiceStandard
from ..panel_settings import all_standards, delete_standard, save_standard
from .inputs_page import narrow

SERVICES = ("clinic", "hospital", "library", "police", "combined")


def parse_minutes(text: str) -> tuple[float, ...]:
    parts = [p for p in re.split(r"[,;\s，；、]+", (text or "").strip()) if p]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError as exc:
        raise InputError(f"'{text}' is not a list of minutes such as '15, 30, 60'.") from exc
    if not values:
        raise InputError("Give the thresholds in minutes, e.g. '15, 30, 60'.")
    return values


class StandardBox(QGroupBox):
    standardChanged = pyqtSignal(object)  # ServiceStandard
    invalid = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Service standard"))
        self._loading = False
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.preset = narrow(QComboBox(self))
        self.preset.setToolTip(
            self.tr("A preset standard, or one you saved; every field below can be changed")
        )
        row.addWidget(self.preset, 1)
        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.setToolTip(
            self.tr("Save this standard under a new name in QGIS's settings (all projects)")
        )
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the saved standard (presets stay)"))
        row.addWidget(self.save_button)
        row.addWidget(self.delete_button)
        form.addRow(self.tr("Standard"), row)
        self.service = narrow(QComboBox(self))
        for key in SERVICES:
            self.service.addItem(self.service_name(key), key)
        self.service.setToolTip(
            self.tr("The service; fixed facilities of this service (a hospital for a clinic) count")
        )
        form.addRow(self.tr("Service"), self.service)
        self.who = narrow(QComboBox(self))
        self.who.addItem(self.tr("Residents travel to the site"), "residents")
        self.who.addItem(self.tr("The unit travels to the residents"), "unit")
        self.who.setToolTip(self.tr("Who travels: residents to a stop, or a vehicle to them"))
        form.addRow(self.tr("Who travels"), self.who)
        self.mode = narrow(QComboBox(self))
        for key in TRAVEL_MODES:
            self.mode.addItem(self.mode_name(key), key)
        self.mode.setToolTip(self.tr("How they travel: sets the speeds of land cover and roads"))
        form.addRow(self.tr("Travel mode"), self.mode)
        self.thresholds = QLineEdit(self)
        self.thresholds.setToolTip(
            self.tr("Travel-time thresholds in minutes, e.g. 15, 30, 60 (a cell is reached "
                    "within T exactly when its time is ≤ T)")
        )  # fmt: skip
        form.addRow(self.tr("Thresholds, min"), self.thresholds)
        self.target = QDoubleSpinBox(self)
        self.target.setRange(0.5, 1440)
        self.target.setDecimals(1)
        self.target.setSuffix(self.tr(" min"))
        self.target.setToolTip(self.tr("The standard itself: the threshold shares are shown for"))
        form.addRow(self.tr("Target"), self.target)
        self.visit = QDoubleSpinBox(self)
        self.visit.setRange(0, 365)
        self.visit.setDecimals(1)
        self.visit.setSpecialValueText(self.tr("not visited on a calendar"))
        self.visit.setSuffix(self.tr(" days"))
        self.visit.setToolTip(self.tr("How often a mobile stop is visited (0: no calendar)"))
        form.addRow(self.tr("Visit every"), self.visit)
        self._fill_presets()
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        for signal in (
            self.service.currentIndexChanged,
            self.who.currentIndexChanged,
            self.mode.currentIndexChanged,
            self.thresholds.editingFinished,
            self.target.valueChanged,
            self.visit.valueChanged,
        ):
            signal.connect(self._edited)
        self.save_button.clicked.connect(self._save_as)
        self.delete_button.clicked.connect(self._delete)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("StandardBox", text)

    def service_name(self, key: str) -> str:
        names = {
            "clinic": self.tr("Clinic"),
            "hospital": self.tr("Hospital"),
            "library": self.tr("Library"),
            "police": self.tr("Police"),
            "combined": self.tr("Combined vehicle"),
        }
        return names.get(key, key)

    def mode_name(self, key: str) -> str:
        names = {
            "walking": self.tr("Walking"),
            "riding": self.tr("Riding (horse or motorcycle)"),
            "vehicle": self.tr("Vehicle"),
        }
        return names.get(key, key)

    def _title(self, standard: ServiceStandard) -> str:
        chinese = self.tr("Clinic") != "Clinic"  # a Chinese translator is installed
        return standard.name_zh if chinese and standard.name_zh else standard.name

    def _fill_presets(self, select: str | None = None) -> None:
        self.preset.blockSignals(True)
        self.preset.clear()
        for key, standard in all_standards().items():
            self.preset.addItem(self._title(standard), key)
        if select is not None:
            index = self.preset.findData(select)
            if index >= 0:
                self.preset.setCurrentIndex(index)
        self.preset.blockSignals(False)
        self.delete_button.setEnabled(self.preset.currentData() not in PRESETS)

    def _preset_chosen(self) -> None:
        standard = all_standards().get(self.preset.currentData())
        if standard is not None:
            self.set_standard(standard)
            self.standardChanged.emit(standard)

    def set_standard(self, standard: ServiceStandard) -> None:
        self._loading = True
        try:
            if self.preset.findData(standard.key) < 0:
                self.preset.addItem(self._title(standard), standard.key)
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.findData(standard.key))
            self.preset.blockSignals(False)
            self._key = standard.key
            self._name = standard.name
            self._name_zh = standard.name_zh
            self._description = standard.description
            self.service.setCurrentIndex(max(self.service.findData(standard.service), 0))
            self.who.setCurrentIndex(max(self.who.findData(standard.who_travels), 0))
            self.mode.setCurrentIndex(max(self.mode.findData(standard.mode), 0))
            self.thresholds.setText(", ".join(f"{t:g}" for t in standard.thresholds))
            self.target.setValue(standard.target_minutes)
            self.visit.setValue(standard.visit_every_days or 0.0)
            self.delete_button.setEnabled(standard.key not in PRESETS)
        finally:
            self._loading = False

    def standard(self) -> ServiceStandard:
        """The standard as the fields say (InputError if they do not make one)."""
        thresholds = parse_minutes(self.thresholds.text())
        target = float(self.target.value())
        if target not in thresholds:
            thresholds = tuple(sorted({*thresholds, target}))
        return ServiceStandard(
            key=getattr(self, "_key", "custom"),
            name=getattr(self, "_name", "Custom"),
            name_zh=getattr(self, "_name_zh", ""),
            description=getattr(self, "_description", ""),
            service=self.service.currentData(),
            who_travels=self.who.currentData() or WHO_TRAVELS[0],
            mode=self.mode.currentData(),
            thresholds=thresholds,
            target_minutes=target,
            visit_every_days=self.visit.value() or None,
        )

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        if self.sender() is self.thresholds:
            # New thresholds without the target: the target becomes the nearest of them.
            try:
                values = parse_minutes(self.thresholds.text())
            except InputError as exc:
                self.invalid.emit(str(exc))
                return
            if self.target.value() not in values:
                nearest = min(values, key=lambda t: abs(t - self.target.value()))
                self.target.blockSignals(True)
                self.target.setValue(nearest)
                self.target.blockSignals(False)
        try:
            standard = self.standard()
        except InputError as exc:
            self.invalid.emit(str(exc))
            return
        self.thresholds.setText(", ".join(f"{t:g}" for t in standard.thresholds))
        self.standardChanged.emit(standard)

    def _save_as(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Save the standard"), self.tr("Name of the new standard:")
        )
        if not ok or not name.strip():
            return
        key = "user_" + re.sub(r"\W+", "_", name.strip().lower()).strip("_")
        try:
            standard = self.standard().edited(key=key, name=name.strip(), name_zh=name.strip())
        except InputError as exc:
            self.invalid.emit(str(exc))
            return
        save_standard(standard)
        self._fill_presets(select=key)
        self.set_standard(standard)
        self.standardChanged.emit(standard)

    def _delete(self) -> None:
        key = self.preset.currentData()
        if key in PRESETS:
            return
        delete_standard(key)
        self._fill_presets(select="clinic")
        self._preset_chosen()
