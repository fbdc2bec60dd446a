"""Inputs and outputs of a covering tour on real data: which demand points (settlements,
herder camps, or populated cells) each candidate stop covers, who is served already by a
fixed facility, and the times of a chosen route.

A demand point is covered by a candidate when its residents reach the candidate within the
standard's minutes over their own speed surface (``StopReach``); points outside the grid or
on impassable cells are covered by none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .errors import InputError
from .grid import AnalysisGrid
from .mobile_reach import StopReach
from .routing.trips import day_route_times


@dataclass
class Demand:
    """Demand points as grid cells with their people; ``names`` for messages."""

    cells: np.ndarray  # flat cell index (−1: outside the grid)
    weights: np.ndarray
    names: list[str]

    def __len__(self) -> int:
        return int(self.cells.size)

    def subset(self, keep: np.ndarray) -> Demand:
        idx = np.flatnonzero(np.asarray(keep, dtype=bool))
        return Demand(self.cells[idx], self.weights[idx], [self.names[i] for i in idx.tolist()])


def demand_points(
    grid: AnalysisGrid,
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    weights: Sequence[float] | np.ndarray | None,
    names: Sequence[str],
) -> Demand:
    """Points (settlements, camps) with people (default 1 each)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.ones(x.size) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != x.shape:
        raise InputError("one weight (people) per demand point is needed")
    bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
    if bad.size:
        raise InputError(
            f"Demand point '{names[int(bad[0])]}' has {w[bad[0]]} people; use a number ≥ 0."
        )
    r, c = grid.cell_of(x, y)
    cells = np.where(grid.contains(r, c), r * grid.cols + c, -1)
    return Demand(cells.astype(np.int64), w, [str(n) for n in names])


def demand_cells(people: np.ndarray, grid: AnalysisGrid, mask: np.ndarray | None = None) -> Demand:
    """Every populated cell (inside ``mask``) as a demand point."""
    p = np.asarray(people, dtype=float)
    if p.shape != grid.shape:
        raise InputError("The population is not on the grid of the residents' speed raster.")
    ok = np.isfinite(p) & (p > 0)
    if mask is not None:
        ok &= np.asarray(mask, dtype=bool)
    cells = np.flatnonzero(ok.ravel())
    rows, cols = np.divmod(cells, grid.cols)
    names = [f"cell row {r}, col {c}" for r, c in zip(rows.tolist(), cols.tolist())]
    return Demand(cells.astype(np.int64), p.ravel()[cells], names)


def served_by_fixed(demand: Demand, fixed_minutes: np.ndarray, minutes: float) -> np.ndarray:
    """True for the demand points within ``minutes`` of a fixed facility."""
    flat = np.asarray(fixed_minutes, dtype=float).ravel()
    inside = demand.cells >= 0
    out = np.zeros(len(demand), dtype=bool)
    out[inside] = flat[demand.cells[inside]] <= minutes
    return out


def cover_relation(reach: StopReach, demand: Demand) -> np.ndarray:
    """Bool (demand points × candidates): the point's residents reach the candidate."""
    return reach.coverage_of(demand.cells)


def tour_times(
    matrix: np.ndarray, depot: int, nodes: Sequence[int], dwell_minutes: float
) -> tuple[list[float], list[float], float, float]:
    """Arrivals, departures (minutes from the start of the day), driving and total minutes of
    one route depot → nodes → depot with the same dwell at every stop."""
    t = np.asarray(matrix, dtype=float)
    return day_route_times(t, int(depot), [int(n) for n in nodes], [dwell_minutes] * len(nodes))
