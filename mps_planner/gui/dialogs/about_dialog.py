"""About MPS Planner: the version (from metadata.txt), what it is for, where to report."""

from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout

from ...definitions import PLUGIN_NAME, metadata, plugin_version, resources_path


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About MPS Planner"))
        self.setWindowIcon(QIcon(str(resources_path("icons", "mps_planner.svg"))))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(QPixmap(str(resources_path("icons", "mps_planner.svg"))).scaled(
            64, 64, Qt.KeepAspectRatio, Qt.SmoothTransformation
        ))  # fmt: skip
        top.addWidget(icon)
        meta = metadata()
        self.title = QLabel(f"<h2>{PLUGIN_NAME} {plugin_version()}</h2>", self)
        top.addWidget(self.title, 1)
        layout.addLayout(top)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(True)
        self.text.setTextFormat(Qt.RichText)
        self.text.setText(
            "<p>"
            + self.tr(
                "Plan fixed and mobile public services — mobile clinics, libraries and police "
                "posts — for people who live far from fixed facilities: travel-time catchments, "
                "people reached and not reached, stops, routes and scenarios, fully offline."
            )
            + "</p><p>"
            + self.tr("Version {version}, for QGIS {qgis} (running on {running}).").format(
                version=plugin_version(),
                qgis=meta.get("qgisminimumversion", "3.22") + "+",
                running=Qgis.QGIS_VERSION,
            )
            + "</p><p>"
            + self.tr("Report a problem: {tracker}").format(
                tracker=f'<a href="{meta.get("tracker", "")}">{meta.get("tracker", "")}</a>'
            )
            + "</p>"
        )
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).setToolTip(self.tr("Close this window"))
        layout.addWidget(buttons)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("AboutDialog", text)
