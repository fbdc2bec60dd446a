"""The panel's settings as plain data, saved with the project; standards saved in QGIS.

``PanelSettings`` names the chosen layers by layer id and holds the service standard; it is
stored as JSON in the project (``QgsProject.writeEntry("mps_planner", "panel", …)``), so it
travels inside the ``.qgz`` and comes back when the project is opened. Service standards
the user saves for other projects go to QGIS's settings under ``mps_planner/standards``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from qgis.core import QgsProject

from ..core.errors import InputError
from ..core.standards import PRESETS, ServiceStandard
from ..settings import read_setting, write_setting

PROJECT_SCOPE = "mps_planner"
PROJECT_KEY = "panel"
STANDARDS_KEY = "standards"
TRAVEL_MODELS = ("layers", "speed_raster", "network", "straight")
SEASONS = ("summer", "winter")
# Facility services that count for a standard's service (a hospital also treats patients).
FACILITY_SERVICES = {
    "clinic": ("clinic", "hospital"),
    "hospital": ("hospital",),
    "library": ("library",),
    "police": ("police",),
    "combined": ("police", "hospital", "clinic"),
}


@dataclass
class PanelSettings:
    population_summer: str = ""  # layer ids
    population_winter: str = ""
    season: str = "summer"
    cell_size: float = 100.0  # for a population raster in degrees
    travel_model: str = "layers"
    landcover: str = ""
    roads: str = ""
    road_field: str = ""
    barriers: str = ""
    bridges: str = ""
    speed_raster: str = ""
    straight_kmh: float = 5.0
    snap_m: float = 1000.0
    facilities: str = ""
    facility_service_field: str = ""
    districts: str = ""
    district_name_field: str = ""
    stops: str = ""
    count_candidates: bool = True  # candidates count in the live numbers (as if built)
    standard: dict[str, Any] = field(default_factory=lambda: PRESETS["clinic"].to_dict())

    def service_standard(self) -> ServiceStandard:
        try:
            return ServiceStandard.from_dict(self.standard)
        except (TypeError, ValueError) as exc:
            raise InputError(f"The service standard cannot be read: {exc}") from exc

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> PanelSettings:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def model_key(self) -> str:
        """What the travel model depends on: a change here means rebuilding it."""
        std = self.service_standard()
        data = asdict(self)
        for name in ("season", "stops", "standard", "count_candidates"):
            data.pop(name)
        data["thresholds"] = list(std.thresholds)
        data["target"] = std.target_minutes
        data["mode"] = std.mode
        return json.dumps(data, sort_keys=True)


def save_to_project(settings: PanelSettings, project: QgsProject | None = None) -> None:
    project = project or QgsProject.instance()
    if project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")[0] != settings.to_json():
        project.writeEntry(PROJECT_SCOPE, PROJECT_KEY, settings.to_json())


def load_from_project(project: QgsProject | None = None) -> PanelSettings:
    project = project or QgsProject.instance()
    text, found = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
    return PanelSettings.from_json(text) if found else PanelSettings()


def saved_standards() -> dict[str, ServiceStandard]:
    """Standards the user saved (key → standard), unreadable entries left out."""
    try:
        data = json.loads(read_setting(STANDARDS_KEY, "{}") or "{}")
    except ValueError:
        return {}
    out = {}
    for key, value in data.items():
        try:
            out[key] = ServiceStandard.from_dict(value)
        except (TypeError, ValueError, InputError):
            continue
    return out


def save_standard(standard: ServiceStandard) -> None:
    data = {k: v.to_dict() for k, v in saved_standards().items()}
    data[standard.key] = standard.to_dict()
    write_setting(STANDARDS_KEY, json.dumps(data, ensure_ascii=False))


def delete_standard(key: str) -> None:
    data = {k: v.to_dict() for k, v in saved_standards().items() if k != key}
    write_setting(STANDARDS_KEY, json.dumps(data, ensure_ascii=False))


def all_standards() -> dict[str, ServiceStandard]:
    """Presets first, then the user's own (which may not reuse a preset's key)."""
    out = dict(PRESETS)
    out.update({k: v for k, v in saved_standards().items() if k not in PRESETS})
    return out
