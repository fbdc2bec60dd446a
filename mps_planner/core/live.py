"""Live coverage for the planner panel: move a stop, see who gains and who loses at once.

Every site keeps its own bounded travel-time field (up to the largest threshold). For each
threshold the model counts, per cell, how many sites reach it; a cell is covered while its
count is above zero. Adding, moving or removing a site recomputes that site's field only
and updates the counts of the cells it touches, so the change — people gained and lost per
threshold and district, and the cells that changed — costs time in proportion to one
catchment, not to the number of sites.

The field of a site comes from ``field_maker(row, col, cancel)`` — by default the bounded
search over the cost grid; the panel passes a cached one (a site moved back to a cell it
held before costs nothing) or one that drives the road network first. Switching the
population (another season) keeps every field and only recounts the people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Hashable, Sequence

import numpy as np

from .coverage import check_thresholds, from_fixed, group_sums, to_fixed
from .errors import Cancelled, InputError
from .traveltime import CostGrid, SparseField, bounded_field

# (row, col, cancel) → the site's field up to the largest threshold.
FieldMaker = Callable[[int, int, "Callable[[], bool] | None"], SparseField]


@dataclass
class CoverageChange:
    """What one edit changed, per threshold (index k as in ``thresholds``)."""

    thresholds: list[float]
    gained: list[float]
    lost: list[float]
    gained_cells: list[np.ndarray]  # flat cell indices newly covered
    lost_cells: list[np.ndarray]  # flat cell indices no longer covered
    gained_by_zone: np.ndarray  # (zones, thresholds)
    lost_by_zone: np.ndarray

    @property
    def net(self) -> list[float]:
        return [g - lo for g, lo in zip(self.gained, self.lost)]


@dataclass
class LiveSummary:
    thresholds: list[float]
    total: float
    covered: np.ndarray
    uncovered: np.ndarray
    zone_names: list[str]
    zone_totals: np.ndarray
    by_zone: np.ndarray
    sites: int

    def share(self) -> np.ndarray:
        return self.covered / self.total if self.total > 0 else np.zeros_like(self.covered)


@dataclass
class _Site:
    row: int
    col: int
    field: SparseField
    within: list[np.ndarray] = field(default_factory=list)  # cells within each threshold


class LiveCoverage:
    """Coverage of a changing set of sites on one cost grid and one population layer."""

    def __init__(
        self,
        grid: CostGrid,
        people: np.ndarray,
        thresholds: Sequence[float],
        zones: np.ndarray | None = None,
        zone_names: Sequence[str] = (),
        field_maker: FieldMaker | None = None,
    ):
        self.grid = grid
        self.thresholds = check_thresholds(thresholds)
        self._field_maker = field_maker
        self._fixed = self._people_fixed(people)
        self._total = int(self._fixed.sum())
        self.zone_names = [str(n) for n in zone_names]
        if zones is not None:
            zones = np.asarray(zones).ravel().astype(np.int64)
            if zones.size != self._fixed.size:
                raise InputError("The district raster is not on the analysis grid.")
            if not self.zone_names:
                self.zone_names = [str(i) for i in range(int(zones.max(initial=-1)) + 1)]
        self._zones = zones
        n_zones = len(self.zone_names)
        self._zone_totals = (
            group_sums(self._fixed, zones, n_zones) if zones is not None else np.zeros(0, np.int64)
        )
        dtype = np.int32
        self._counts = [np.zeros(self._fixed.size, dtype=dtype) for _ in self.thresholds]
        self._covered = np.zeros(len(self.thresholds), dtype=np.int64)
        self._by_zone = np.zeros((n_zones, len(self.thresholds)), dtype=np.int64)
        self._sites: dict[Hashable, _Site] = {}

    def _people_fixed(self, people: np.ndarray) -> np.ndarray:
        people = np.asarray(people)
        if people.shape != self.grid.shape:
            raise InputError("The population and the speed surface are on different grids.")
        return to_fixed(people).ravel()

    # -- edits ------------------------------------------------------------------------------
    def set_site(self, key: Hashable, row: int, col: int) -> CoverageChange:
        """Add a site, or move it to (row, col) when ``key`` exists already."""
        return self._edit([], {key: (row, col)})

    def remove_site(self, key: Hashable) -> CoverageChange:
        if key not in self._sites:
            raise KeyError(key)
        return self._edit([key], {})

    def set_sites(
        self,
        sites: dict[Hashable, tuple[int, int]],
        cancel: Callable[[], bool] | None = None,
    ) -> CoverageChange:
        """Make the model hold exactly these sites (one combined change).

        ``cancel`` is asked while the new fields are computed; if it returns True,
        ``Cancelled`` is raised and the model is left exactly as it was.
        """
        return self._edit([k for k in self._sites if k not in sites], dict(sites), cancel)

    def set_people(self, people: np.ndarray) -> None:
        """Count another population layer (e.g. the other season) with the same sites.

        The fields and the per-cell site counts stay; only the sums are recomputed.
        """
        fixed = self._people_fixed(people)
        self._fixed = fixed
        self._total = int(fixed.sum())
        n_zones = len(self.zone_names)
        if self._zones is not None:
            self._zone_totals = group_sums(fixed, self._zones, n_zones)
        for k, counts in enumerate(self._counts):
            inside = counts > 0
            self._covered[k] = int(fixed[inside].sum())
            if self._zones is not None:
                self._by_zone[:, k] = group_sums(fixed[inside], self._zones[inside], n_zones)

    # -- reading ----------------------------------------------------------------------------
    @property
    def keys(self) -> list[Hashable]:
        return list(self._sites)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._sites

    def site_cell(self, key: Hashable) -> tuple[int, int]:
        site = self._sites[key]
        return site.row, site.col

    def summary(self) -> LiveSummary:
        return LiveSummary(
            thresholds=list(self.thresholds),
            total=from_fixed(self._total),
            covered=from_fixed(self._covered),
            uncovered=from_fixed(self._total - self._covered),
            zone_names=list(self.zone_names),
            zone_totals=from_fixed(self._zone_totals),
            by_zone=from_fixed(self._by_zone),
            sites=len(self._sites),
        )

    def covered_mask(
        self, k: int = -1, window: tuple[int, int, int, int] | None = None
    ) -> np.ndarray:
        """Cells reached within thresholds[k] by at least one site, as a (rows, cols) mask;
        with ``window`` = (row0, row1, col0, col1), only that part of the grid."""
        counts = self._counts[k].reshape(self.grid.shape)
        if window is not None:
            r0, r1, c0, c1 = window
            counts = counts[r0:r1, c0:c1]
        return counts > 0

    @property
    def people_fixed(self) -> np.ndarray:
        """People per cell (flat) in the fixed-point units of ``core.coverage``."""
        return self._fixed

    def best_minutes(self) -> tuple[np.ndarray, np.ndarray]:
        """Minutes to the nearest site (inf beyond the largest threshold) and its key index
        (position in ``keys``; −1 where none)."""
        minutes = np.full(self._fixed.size, np.inf)
        nearest = np.full(self._fixed.size, -1, dtype=np.int32)
        for k, site in enumerate(self._sites.values()):
            cells = site.field.cells
            better = site.field.minutes < minutes[cells]
            minutes[cells[better]] = site.field.minutes[better]
            nearest[cells[better]] = k
        return minutes.reshape(self.grid.shape), nearest.reshape(self.grid.shape)

    def field(self, key: Hashable) -> SparseField:
        return self._sites[key].field

    # -- internals ------------------------------------------------------------------------
    def _within(self, f: SparseField) -> list[np.ndarray]:
        # int32 cell indices (half the memory of a site's catchments) when the grid allows.
        small = self._fixed.size < 2**31
        cells = f.cells.astype(np.int32) if small else f.cells
        return [cells[f.minutes <= t] for t in self.thresholds]

    def _make_field(self, row: int, col: int, cancel) -> SparseField:
        if self._field_maker is not None:
            return self._field_maker(row, col, cancel)
        return bounded_field(self.grid, row, col, self.thresholds[-1], cancel)

    def _edit(
        self,
        removed: list[Hashable],
        placed: dict[Hashable, tuple[int, int]],
        cancel: Callable[[], bool] | None = None,
    ):
        """Remove and place sites, then report the cells whose covered status changed.

        Every new field is computed before any count changes, so a cancelled edit changes
        nothing.
        """
        old_lists: list[list[np.ndarray]] = []
        new_sites: dict[Hashable, _Site] = {}
        for key, (row, col) in placed.items():
            old = self._sites.get(key)
            if old is not None and (old.row, old.col) == (int(row), int(col)):
                continue
            if cancel is not None and cancel():
                raise Cancelled("The coverage update was cancelled.")
            f = self._make_field(int(row), int(col), cancel)
            new_sites[key] = _Site(int(row), int(col), f, self._within(f))
            if old is not None:
                old_lists.append(old.within)
        for key in removed:
            old_lists.append(self._sites[key].within)
        gained, lost = [], []
        for k, counts in enumerate(self._counts):
            parts = [w[k] for w in old_lists] + [s.within[k] for s in new_sites.values()]
            if not parts:
                gained.append(np.zeros(0, np.int64))
                lost.append(np.zeros(0, np.int64))
                continue
            touched = np.unique(np.concatenate(parts))
            before = counts[touched] > 0
            for w in old_lists:
                counts[w[k]] -= 1  # each site's cells are distinct: no repeated index
            for site in new_sites.values():
                counts[site.within[k]] += 1
            after = counts[touched] > 0
            gained.append(touched[~before & after])
            lost.append(touched[before & ~after])
        for key in removed:
            del self._sites[key]
        self._sites.update(new_sites)
        return self._change(gained, lost)

    def _change(self, gained: list[np.ndarray], lost: list[np.ndarray]) -> CoverageChange:
        n_zones = len(self.zone_names)
        g_zone = np.zeros((n_zones, len(self.thresholds)), dtype=np.int64)
        l_zone = np.zeros_like(g_zone)
        g_tot, l_tot = [], []
        for k in range(len(self.thresholds)):
            g = int(self._fixed[gained[k]].sum())
            lo = int(self._fixed[lost[k]].sum())
            self._covered[k] += g - lo
            g_tot.append(from_fixed(g))
            l_tot.append(from_fixed(lo))
            if self._zones is not None:
                g_zone[:, k] = group_sums(self._fixed[gained[k]], self._zones[gained[k]], n_zones)
                l_zone[:, k] = group_sums(self._fixed[lost[k]], self._zones[lost[k]], n_zones)
        self._by_zone += g_zone - l_zone
        return CoverageChange(
            list(self.thresholds),
            g_tot,
            l_tot,
            gained,
            lost,
            from_fixed(g_zone),
            from_fixed(l_zone),
        )
