"""Constants and paths shared by every part of the plugin (no Qt, no QGIS imports)."""

from __future__ import annotations

import configparser
from functools import lru_cache
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
PLUGIN_ID = "mps_planner"  # Processing provider id, settings namespace, i18n file prefix
PLUGIN_NAME = "MPS Planner"


def resources_path(*parts: str) -> Path:
    """Path of a file under mps_planner/resources/ (icons, QML styles, layout templates)."""
    return PLUGIN_DIR.joinpath("resources", *parts)


def i18n_path(*parts: str) -> Path:
    return PLUGIN_DIR.joinpath("i18n", *parts)


@lru_cache(maxsize=1)
def metadata() -> dict[str, str]:
    """The [general] section of metadata.txt: the single source of the version and the name."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(PLUGIN_DIR / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


def plugin_version() -> str:
    return metadata()["version"]
