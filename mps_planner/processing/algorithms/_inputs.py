"""Inputs several algorithms share: threshold lists, sites placed on the travel grid."""

from __future__ import annotations

import re

import numpy as np

from ...core.coverage import check_thresholds
from ...core.errors import InputError
from ...core.snapping import SnappedSites, snap_sites
from ...core.speed import SpeedSurface
from ...qgis_io.vectors_io import PointSet, read_points


def parse_thresholds(text: str) -> list[float]:
    """'15, 30, 60' (commas, semicolons or spaces; Chinese commas too) → [15.0, 30.0, 60.0]."""
    parts = [p for p in re.split(r"[,;\s，；、]+", str(text or "").strip()) if p]
    if not parts:
        raise InputError("Give the thresholds in minutes, e.g. '15, 30, 60'.")
    try:
        values = [float(p) for p in parts]
    except ValueError as exc:
        raise InputError(f"'{text}' is not a list of minutes such as '15, 30, 60'.") from exc
    return check_thresholds(values)


def sites_on_grid(
    source,
    surface: SpeedSurface,
    name_field: str | None,
    snap_m: float,
    context,
    feedback,
    fields=(),
    what: str = "site",
    straight_line: bool = False,
) -> tuple[PointSet, SnappedSites]:
    """Read the site points in the grid's CRS and place them on passable cells."""
    if source is None:
        raise InputError(f"Choose a point layer of {what}s.")
    points = read_points(source, surface.grid, name_field, fields, context=context, what=what)
    if points.skipped:
        feedback.pushWarning(f"{points.skipped} {what} feature(s) without a point were left out.")
    passable = np.ones(surface.grid.shape, bool) if straight_line else surface.passable
    snapped = snap_sites(surface.grid, passable, points.x, points.y, snap_m, points.names)
    for line in snapped.report():
        feedback.pushInfo(line)
    return points, snapped
