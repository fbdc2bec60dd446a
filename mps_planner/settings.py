"""Plugin settings under one namespace (``mps_planner/...``) in QGIS's settings."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsSettings

from .definitions import PLUGIN_ID


def setting_key(name: str) -> str:
    return f"{PLUGIN_ID}/{name}"


def read_setting(name: str, default: Any = None, type_: type | None = None) -> Any:
    settings = QgsSettings()
    if type_ is None:
        return settings.value(setting_key(name), default)
    return settings.value(setting_key(name), default, type=type_)


def write_setting(name: str, value: Any) -> None:
    QgsSettings().setValue(setting_key(name), value)
