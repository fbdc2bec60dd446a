"""Put sites on the grid: the cell of each site, moved to the nearest passable cell if needed.

A site outside the grid or on an impassable cell (a lake, a river) is moved to the nearest
passable cell within a tolerance, and the move is reported; a site that cannot be placed
is named in the error, so the user knows which one to fix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .errors import InputError
from .grid import AnalysisGrid


@dataclass
class SnappedSites:
    """Grid cells of the sites, in the order given, and how far each was moved (metres)."""

    rows: np.ndarray
    cols: np.ndarray
    moved_m: np.ndarray
    names: list[str]

    @property
    def snapped(self) -> np.ndarray:
        """True for the sites that were moved to another cell."""
        return self.moved_m > 0

    def report(self) -> list[str]:
        """One line per moved site, for the log."""
        return [
            f"Site '{name}' was moved {dist:,.0f} m to the nearest passable cell."
            for name, dist in zip(self.names, self.moved_m.tolist())
            if dist > 0
        ]


def snap_sites(
    grid: AnalysisGrid,
    passable: np.ndarray,
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    tolerance_m: float,
    names: Sequence[str] | None = None,
) -> SnappedSites:
    """Cells for sites at map coordinates ``x, y`` (the grid's CRS).

    A site whose cell is outside the grid or impassable goes to the passable cell whose
    centre is nearest, if that centre is within ``tolerance_m`` of the site.
    """
    x = np.atleast_1d(np.asarray(x, dtype=np.float64))
    y = np.atleast_1d(np.asarray(y, dtype=np.float64))
    if x.shape != y.shape:
        raise InputError("site x and y coordinates differ in number")
    names = [str(n) for n in names] if names is not None else [f"#{i + 1}" for i in range(x.size)]
    if len(names) != x.size:
        raise InputError("one name per site is needed")
    if x.size == 0:
        raise InputError("There are no sites: the site layer is empty or every site was skipped.")
    bad = ~(np.isfinite(x) & np.isfinite(y))
    if bad.any():
        listed = ", ".join(f"'{n}'" for n in np.array(names)[bad][:5])
        raise InputError(f"Sites {listed} have no valid point geometry; fix or delete them.")
    passable = np.asarray(passable, dtype=bool)
    rows, cols = grid.cell_of(x, y)
    moved = np.zeros(x.size)
    inside = grid.contains(rows, cols)
    ok = inside.copy()
    ok[inside] = passable[rows[inside], cols[inside]]
    problems = []
    reach = max(1, math.ceil(tolerance_m / grid.cell_size) + 1)
    for i in np.flatnonzero(~ok).tolist():
        cell = _nearest_passable(grid, passable, x[i], y[i], reach, tolerance_m)
        if cell is None:
            where = _describe(grid, x[i], y[i], bool(inside[i]))
            problems.append(f"'{names[i]}' {where}")
            continue
        rows[i], cols[i], moved[i] = cell
    if problems:
        raise InputError(
            "These sites cannot be placed on the travel grid: "
            + "; ".join(problems[:10])
            + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else "")
            + f". No passable cell is within {tolerance_m:,.0f} m: move them, or raise the "
            "snapping distance."
        )
    return SnappedSites(rows.astype(np.int64), cols.astype(np.int64), moved, names)


def _nearest_passable(grid, passable, x, y, reach, tolerance_m):
    row, col = (int(v) for v in grid.cell_of(np.array([x]), np.array([y])))
    r0, r1 = max(row - reach, 0), min(row + reach + 1, grid.rows)
    c0, c1 = max(col - reach, 0), min(col + reach + 1, grid.cols)
    if r0 >= r1 or c0 >= c1:
        return None
    window = passable[r0:r1, c0:c1]
    if not window.any():
        return None
    rr, cc = np.nonzero(window)
    rr = rr + r0
    cc = cc + c0
    cx, cy = grid.centre_of(rr, cc)
    dist = np.hypot(cx - x, cy - y)
    best = int(np.argmin(dist))
    if dist[best] > tolerance_m:
        return None
    return int(rr[best]), int(cc[best]), float(dist[best])


def _describe(grid: AnalysisGrid, x: float, y: float, inside: bool) -> str:
    if inside:
        return "is on an impassable cell (water, barrier or outside the study area)"
    xmin, ymin, xmax, ymax = grid.extent
    dx = max(xmin - x, 0.0, x - xmax)
    dy = max(ymin - y, 0.0, y - ymax)
    return f"lies {math.hypot(dx, dy) / 1000:,.1f} km outside the raster"
