"""Who reaches a mobile stop: residents travel by their own mode (walking, riding) over the
speed surface of that mode to the stop, within the service standard's minutes.

Each stop gets a bounded travel-time field (core.traveltime.bounded_field: exact 8-neighbour
times, touching only the cells within the limit). Because the grid model is symmetric, the
cells within T minutes *from* the stop are those whose residents reach the stop within T.
The fields are kept as one sparse (cells × stops) relation, from which follow the people
near each stop, each cell's visits per month (the visits of every stop that reaches it,
added up), and the coverage relation of a covering tour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
from scipy.sparse import csc_matrix, csr_matrix

from .errors import Cancelled, InputError
from .grid import AnalysisGrid
from .routing import FrequencyCoverage, frequency_coverage
from .snapping import snap_sites
from .traveltime import CostGrid, bounded_field


@dataclass
class StopReach:
    """The grid cells whose residents reach each stop within ``minutes``."""

    shape: tuple[int, int]
    minutes: float
    rows: np.ndarray  # the stops' cells (after moving off impassable cells)
    cols: np.ndarray
    moved_m: np.ndarray
    relation: csc_matrix  # (cells × stops), 1 where the cell's residents reach the stop

    @property
    def n_stops(self) -> int:
        return int(self.relation.shape[1])

    def subset(self, stops: Sequence[int] | np.ndarray) -> StopReach:
        """The reach of the given stops only, in that order."""
        idx = np.asarray(stops, dtype=np.int64).ravel()
        return StopReach(
            self.shape,
            self.minutes,
            self.rows[idx],
            self.cols[idx],
            self.moved_m[idx],
            csc_matrix(self.relation[:, idx]),
        )

    def cells(self, j: int) -> np.ndarray:
        """Flat indices of the cells that reach stop ``j``."""
        r = self.relation
        return r.indices[r.indptr[j] : r.indptr[j + 1]]

    def people(self, people: np.ndarray) -> np.ndarray:
        """People within reach of each stop (a person near two stops counts for both)."""
        return self.relation.T @ _flat_people(people, self.shape)

    def reached_by(self, stops: Sequence[int]) -> np.ndarray:
        """Flat bool mask of the cells that reach at least one of ``stops``."""
        out = np.zeros(self.shape[0] * self.shape[1], dtype=bool)
        for j in stops:
            out[self.cells(int(j))] = True
        return out

    def people_reached(self, people: np.ndarray, stops: Sequence[int]) -> float:
        """People who reach at least one of ``stops`` (each counted once)."""
        flat = _flat_people(people, self.shape)
        return float(flat[self.reached_by(stops)].sum())

    def visits_per_month(self, stop_visits_per_month: np.ndarray) -> np.ndarray:
        """Visits per month each cell gets: the sum over the stops its residents reach."""
        vpm = np.asarray(stop_visits_per_month, dtype=float)
        if vpm.shape != (self.n_stops,):
            raise InputError(f"one visits-per-month value per stop is needed ({self.n_stops})")
        return np.asarray(self.relation @ vpm).reshape(self.shape)

    def coverage_of(self, flat_cells: np.ndarray) -> np.ndarray:
        """Bool (len(flat_cells) × stops): the residents of each cell reach each stop.
        Cells outside the grid (negative index) reach none."""
        cells = np.asarray(flat_cells, dtype=np.int64)
        inside = (cells >= 0) & (cells < self.shape[0] * self.shape[1])
        out = np.zeros((cells.size, self.n_stops), dtype=bool)
        if inside.any():
            rows = csr_matrix(self.relation)[cells[inside]]
            out[inside] = rows.toarray() > 0
        return out


def _flat_people(people: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    p = np.asarray(people, dtype=np.float64)
    if p.shape != tuple(shape):
        raise InputError(
            f"The population ({p.shape[0]} × {p.shape[1]}) is not on the grid of the travel "
            f"times ({shape[0]} × {shape[1]}); move it onto the speed raster's grid."
        )
    return np.where(np.isfinite(p) & (p > 0), p, 0.0).ravel()


def stop_reach(
    cost: CostGrid,
    grid: AnalysisGrid,
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    minutes: float,
    names: Sequence[str] | None = None,
    snap_m: float = 1000.0,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> StopReach:
    """The residents' reach of stops at map coordinates ``x, y`` (the grid's CRS).

    A stop on an impassable cell (a lake shore, a river bank) is moved to the nearest
    passable cell within ``snap_m``; a stop that cannot be placed is named in the error.
    """
    if not (np.isfinite(minutes) and minutes > 0):
        raise InputError(f"The residents' access time must be more than 0 minutes, got {minutes}.")
    passable = np.isfinite(cost.inner(cost.cost))
    sites = snap_sites(grid, passable, x, y, snap_m, names)
    n = sites.rows.size
    cells: list[np.ndarray] = []
    for j, (r, c) in enumerate(zip(sites.rows.tolist(), sites.cols.tolist())):
        if cancel is not None and cancel():
            raise Cancelled("Computing the stops' catchments was cancelled.")
        cells.append(bounded_field(cost, r, c, minutes, cancel).cells)
        if progress is not None:
            progress(100.0 * (j + 1) / n)
    sizes = np.fromiter((c.size for c in cells), dtype=np.int64, count=n)
    indptr = np.concatenate(([0], np.cumsum(sizes)))
    indices = np.concatenate(cells) if cells else np.empty(0, np.int64)
    # Within a column the cell indices must be sorted for scipy's sparse products.
    order = np.concatenate([np.argsort(c, kind="stable") + indptr[j] for j, c in enumerate(cells)])
    indices = indices[order] if indices.size else indices
    data = np.ones(indices.size, dtype=np.float64)
    relation = csc_matrix((data, indices, indptr), shape=(grid.rows * grid.cols, n))
    return StopReach(grid.shape, float(minutes), sites.rows, sites.cols, sites.moved_m, relation)


@dataclass
class GridFrequency:
    """Frequency-weighted coverage on the grid.

    ``result`` has one demand row per cell in ``cells`` (populated cells some stop reaches,
    inside the mask), then one row for everybody else in the mask (reached by no stop), so
    that ``result.total_people`` is everyone counted.
    """

    cells: np.ndarray
    result: FrequencyCoverage


def grid_frequency_coverage(
    reach: StopReach,
    people: np.ndarray,
    stop_visits_per_month: np.ndarray,
    required_per_month: float,
    mask: np.ndarray | None = None,
) -> GridFrequency:
    """People × visits per month, and the people reached at least ``required_per_month``
    times, counting only the people in ``mask`` (e.g. those no fixed facility serves)."""
    flat = _flat_people(people, reach.shape)
    if mask is not None:
        flat = np.where(np.asarray(mask, dtype=bool).ravel(), flat, 0.0)
    near = np.flatnonzero(reach.reached_by(range(reach.n_stops)) & (flat > 0))
    cov = np.vstack([reach.coverage_of(near), np.zeros((1, reach.n_stops), dtype=bool)])
    rest = float(flat.sum() - flat[near].sum())
    weights = np.concatenate([flat[near], [max(rest, 0.0)]])
    result = frequency_coverage(cov, weights, stop_visits_per_month, required_per_month)
    return GridFrequency(near, result)
