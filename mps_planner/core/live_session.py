"""The planner panel's live model as plain data: sites in, numbers and map windows out.

A ``LiveSession`` holds everything the panel's live loop computes on — the analysis grid,
the cost grid, people per season, districts, the service standard's thresholds — and a
``LiveCoverage`` over it. ``update(sites)`` takes the whole list of sites as they are now
(map coordinates in the grid's CRS), places each on a passable cell, recomputes only the
fields of the sites that moved (fields are cached per cell, so a site moved back, an undo,
or a scenario switched back costs nothing) and returns a ``LiveUpdate``: the numbers, the
change since the previous update, and the windows of the map rasters that changed.

The map rasters are: ``bands`` (1 for cells reached within the first threshold, 2 within
the second, …, 0 beyond the last), ``gap`` (people not reached within the target
threshold) and ``change`` (1 gained, 2 lost at the target in the last update). A window is
the bounding box of the cells whose values changed, recomputed from the whole state, so
writing the windows in any order gives the same raster.

Nothing here knows Qt or QGIS: the panel's background task calls ``update`` with plain
values and the main thread writes the windows into layers.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np

from .coverage import check_thresholds
from .errors import InputError
from .grid import AnalysisGrid
from .live import CoverageChange, FieldMaker, LiveCoverage, LiveSummary
from .snapping import snap_sites
from .traveltime import CostGrid, SparseField, bounded_field

DEFAULT_CACHE_CELLS = 20_000_000  # cells kept in cached fields (16 bytes each: ~320 MB)


@dataclass(frozen=True)
class SiteRequest:
    """One site as the panel reads it from a layer: a stable key and map coordinates."""

    key: str
    x: float
    y: float
    role: str = "mobile_stop"
    name: str = ""


@dataclass
class RasterWindow:
    """Values of the three live rasters in rows row0… and columns col0… of the grid."""

    row0: int
    col0: int
    bands: np.ndarray  # uint8
    gap: np.ndarray  # float32
    change: np.ndarray  # uint8

    @property
    def shape(self) -> tuple[int, int]:
        return self.bands.shape

    def bounds(self) -> tuple[int, int, int, int]:
        rows, cols = self.bands.shape
        return self.row0, self.row0 + rows, self.col0, self.col0 + cols


@dataclass
class LiveUpdate:
    """What one update computed: numbers, the change, the map windows and placement notes."""

    summary: LiveSummary
    change: CoverageChange | None
    windows: list[RasterWindow]
    placed: dict[str, tuple[int, int, float]]  # key → row, col, metres moved to get there
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    season: str = ""
    target_index: int = 0


class FieldCache:
    """Sites' fields by cell, least recently used dropped first beyond ``max_cells``.

    Safe to share between threads (the live update and a solver or a scenario comparison
    may ask at once); a field is computed outside the lock.
    """

    def __init__(self, make: FieldMaker, max_cells: int = DEFAULT_CACHE_CELLS):
        self._make = make
        self._fields: OrderedDict[tuple[int, int], SparseField] = OrderedDict()
        self._cells = 0
        self._lock = threading.Lock()
        self.max_cells = int(max_cells)
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._fields)

    def __contains__(self, cell: tuple[int, int]) -> bool:
        with self._lock:
            return cell in self._fields

    def __call__(self, row: int, col: int, cancel=None) -> SparseField:
        key = (int(row), int(col))
        with self._lock:
            found = self._fields.get(key)
            if found is not None:
                self._fields.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        made = self._make(key[0], key[1], cancel)
        with self._lock:
            if key not in self._fields:
                self._fields[key] = made
                self._cells += len(made)
            while self._cells > self.max_cells and len(self._fields) > 1:
                _, dropped = self._fields.popitem(last=False)
                self._cells -= len(dropped)
        return made


def grid_field_maker(cost: CostGrid, max_minutes: float) -> FieldMaker:
    """Fields by the bounded search over the cost grid (off-road and burnt-in roads)."""

    def make(row: int, col: int, cancel=None) -> SparseField:
        return bounded_field(cost, row, col, max_minutes, cancel)

    return make


def straight_field_maker(grid: AnalysisGrid, kmh: float, max_minutes: float) -> FieldMaker:
    """Straight-line fields: minutes = distance between cell centres / speed (exact, as
    ``core.traveltime.straight_line_times``), within ``max_minutes``."""
    if not (kmh > 0 and np.isfinite(kmh)):
        raise InputError(f"The straight-line speed must be more than 0 km/h, got {kmh}.")
    reach = max_minutes * kmh / 0.06  # metres
    radius = int(reach // grid.cell_size)
    dr, dc = np.mgrid[-radius : radius + 1, -radius : radius + 1]
    minutes = np.hypot(dr, dc) * grid.cell_size * (0.06 / kmh)
    keep = minutes <= max_minutes
    dr, dc, minutes = dr[keep], dc[keep], minutes[keep]

    def make(row: int, col: int, cancel=None) -> SparseField:
        rows, cols = row + dr, col + dc
        inside = grid.contains(rows, cols)
        cells = rows[inside] * grid.cols + cols[inside]
        order = np.argsort(cells)
        return SparseField(cells[order].astype(np.int64), minutes[inside][order], max_minutes)

    return make


def network_field_maker(
    router, grid: AnalysisGrid, cost: CostGrid, max_minutes: float, max_snap_m: float | None
) -> FieldMaker:
    """Fields along the road network, then off road (``core.network_access``).

    The site is taken at its cell's centre and joined to the nearest road (within
    ``max_snap_m``; None: any distance), the way there crossed at the off-road speed; its
    own surroundings are reached off road too.
    """
    from .network_access import access_times

    def make(row: int, col: int, cancel=None) -> SparseField:
        x, y = grid.centre_of(np.array([row]), np.array([col]))
        snapped = router.network.snap(x, y, ["site"], max_snap_m, what="Site")
        times = access_times(router, snapped, grid, cost, max_minutes, cancel=cancel).times
        flat = times.minutes.ravel()
        cells = np.flatnonzero(flat <= max_minutes)
        return SparseField(cells.astype(np.int64), flat[cells], float(max_minutes))

    return make


def coverage_difference(
    people: np.ndarray, covered_a: np.ndarray, covered_b: np.ndarray
) -> np.ndarray:
    """People per cell who gain (> 0) or lose (< 0) coverage going from A to B."""
    people = np.where(np.isfinite(people) & (people > 0), people, 0.0)
    out = np.zeros(np.shape(people), dtype=np.float64)
    out[covered_b & ~covered_a] = people[covered_b & ~covered_a]
    out[covered_a & ~covered_b] = -people[covered_a & ~covered_b]
    return out


def _box(flat: np.ndarray, cols: int) -> tuple[int, int, int, int] | None:
    if flat.size == 0:
        return None
    rows, cs = np.divmod(flat, cols)
    return int(rows.min()), int(rows.max()) + 1, int(cs.min()), int(cs.max()) + 1


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def merge_boxes(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merge overlapping boxes (row0, row1, col0, col1) until none overlap."""
    out: list[tuple[int, int, int, int]] = []
    for box in boxes:
        while True:
            hit = next((i for i, b in enumerate(out) if _overlap(b, box)), None)
            if hit is None:
                break
            b = out.pop(hit)
            box = (min(b[0], box[0]), max(b[1], box[1]), min(b[2], box[2]), max(b[3], box[3]))
        out.append(box)
    return out


def place_sites(
    grid: AnalysisGrid, passable: np.ndarray, sites: Sequence[SiteRequest], snap_m: float
) -> tuple[dict[str, tuple[int, int, float]], list[str]]:
    """The cell of each site (key → row, col, metres moved), the way the live model puts
    them: its own cell when passable, else the nearest passable cell within ``snap_m``;
    and a message for each site that cannot be placed."""
    placed: dict[str, tuple[int, int, float]] = {}
    problems: list[str] = []
    if not sites:
        return placed, problems
    x = np.array([s.x for s in sites], dtype=np.float64)
    y = np.array([s.y for s in sites], dtype=np.float64)
    ok = np.isfinite(x) & np.isfinite(y)
    rows, cols = grid.cell_of(np.where(ok, x, 0), np.where(ok, y, 0))
    inside = ok & grid.contains(rows, cols)
    direct = inside.copy()
    direct[inside] = passable[rows[inside], cols[inside]]
    for i, site in enumerate(sites):
        if direct[i]:
            placed[site.key] = (int(rows[i]), int(cols[i]), 0.0)
            continue
        label = site.name or site.key
        if not ok[i]:
            problems.append(f"'{label}' has no point geometry")
            continue
        try:
            snapped = snap_sites(grid, passable, [site.x], [site.y], snap_m, [label])
        except InputError as exc:
            problems.append(str(exc))
            continue
        placed[site.key] = (int(snapped.rows[0]), int(snapped.cols[0]), float(snapped.moved_m[0]))
    return placed, problems


class LiveSession:
    """Coverage of a changing set of sites, with the map windows each change touches."""

    def __init__(
        self,
        grid: AnalysisGrid,
        cost: CostGrid,
        people: Mapping[str, np.ndarray],
        thresholds: Sequence[float],
        target_minutes: float | None = None,
        *,
        zones: np.ndarray | None = None,
        zone_names: Sequence[str] = (),
        season: str | None = None,
        snap_m: float = 1000.0,
        field_maker: FieldMaker | None = None,
        cache_cells: int = DEFAULT_CACHE_CELLS,
    ):
        if tuple(cost.shape) != tuple(grid.shape):
            raise InputError("The cost grid is not on the analysis grid.")
        if not people:
            raise InputError("Choose a population raster.")
        self.grid = grid
        self.cost = cost
        self.people = {name: np.asarray(v, dtype=np.float64) for name, v in people.items()}
        self.season = season if season in self.people else next(iter(self.people))
        self.thresholds = check_thresholds(thresholds)
        target = self.thresholds[-1] if target_minutes is None else float(target_minutes)
        if target not in self.thresholds:
            raise InputError(
                f"The target of {target:g} min is not one of the thresholds {self.thresholds}."
            )
        self.target_index = self.thresholds.index(target)
        self.snap_m = float(snap_m)
        self.passable = np.isfinite(cost.inner(cost.cost))
        maker = field_maker or grid_field_maker(cost, self.thresholds[-1])
        self.cache = FieldCache(maker, cache_cells)
        self.live = LiveCoverage(
            cost, self.people[self.season], self.thresholds, zones, zone_names, self.cache
        )
        self._requests: dict[str, SiteRequest] = {}
        self._placed: dict[str, tuple[int, int, float]] = {}
        self._change = np.zeros(0, np.int64)  # flat cells changed at the target, last update
        self._change_code = np.zeros(0, np.uint8)

    # -- placing sites ------------------------------------------------------------------------
    def place(self, sites: Sequence[SiteRequest], reuse: bool = True) -> tuple[dict, list[str]]:
        """Cells for the sites (with ``reuse``, sites that did not move keep theirs); and
        what could not be placed. Changes nothing in the session."""
        placed: dict[str, tuple[int, int, float]] = {}
        problems: list[str] = []
        todo: list[SiteRequest] = []
        requests, known = (self._requests, self._placed) if reuse else ({}, {})
        for site in sites:
            old = requests.get(site.key)
            if old is not None and (old.x, old.y) == (site.x, site.y) and site.key in known:
                placed[site.key] = known[site.key]
            else:
                todo.append(site)
        if todo:
            fresh, trouble = place_sites(self.grid, self.passable, todo, self.snap_m)
            placed.update(fresh)
            problems += trouble
            placed = {s.key: placed[s.key] for s in sites if s.key in placed}  # sites' order
        return placed, problems

    # -- updates ------------------------------------------------------------------------------
    def update(
        self,
        sites: Sequence[SiteRequest],
        cancel: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> LiveUpdate:
        """Make the model hold exactly ``sites``; return the numbers and changed windows.

        Raises ``Cancelled`` (leaving the model as it was, but keeping the fields computed so
        far in the cache) when ``cancel`` returns True. ``progress`` (0–100) follows the
        fields that are not in the cache yet.
        """
        started = time.perf_counter()
        keys = [s.key for s in sites]
        if len(set(keys)) != len(keys):
            raise InputError("Two sites have the same key; each site needs its own.")
        placed, problems = self.place(sites)
        # New fields first (through the cache), so a site whose field fails is left out
        # alone; sites the model holds on the same cell keep theirs.
        live = self.live
        moved = {k: v for k, v in placed.items() if k not in live or live.site_cell(k) != v[:2]}
        missing = {(r, c) for r, c, _ in moved.values() if (r, c) not in self.cache}
        done = 0
        for key, (row, col, _) in moved.items():
            try:
                fresh = (row, col) in missing
                self.cache(row, col, cancel)
                if fresh and progress is not None:
                    missing.discard((row, col))
                    done += 1
                    progress(100.0 * done / (done + len(missing)))
            except InputError as exc:
                name = next((s.name for s in sites if s.key == key), "") or key
                problems.append(f"'{name}': {exc}")
                del placed[key]
        change = self.live.set_sites({k: (r, c) for k, (r, c, _) in placed.items()}, cancel)
        by_key = {s.key: s for s in sites}
        self._requests = {k: by_key[k] for k in placed}
        self._placed = placed
        windows = self._windows_after(change)
        return LiveUpdate(
            summary=self.live.summary(),
            change=change,
            windows=windows,
            placed=dict(placed),
            problems=problems,
            seconds=time.perf_counter() - started,
            season=self.season,
            target_index=self.target_index,
        )

    def set_season(self, season: str) -> LiveUpdate:
        """Count another season's people with the same sites (no field is recomputed)."""
        if season not in self.people:
            raise InputError(f"There is no population for '{season}'; choose its raster first.")
        started = time.perf_counter()
        self.season = season
        self.live.set_people(self.people[season])
        self._change = np.zeros(0, np.int64)
        self._change_code = np.zeros(0, np.uint8)
        return LiveUpdate(
            summary=self.live.summary(),
            change=None,
            windows=[self.full_window()],
            placed=dict(self._placed),
            seconds=time.perf_counter() - started,
            season=season,
            target_index=self.target_index,
        )

    def summary(self) -> LiveSummary:
        return self.live.summary()

    @property
    def placed(self) -> dict[str, tuple[int, int, float]]:
        return dict(self._placed)

    # -- windows ------------------------------------------------------------------------------
    def _windows_after(self, change: CoverageChange) -> list[RasterWindow]:
        cols = self.grid.cols
        k = self.target_index
        previous = self._change
        gained = change.gained_cells[k]
        lost = change.lost_cells[k]
        self._change = np.concatenate((gained, lost)).astype(np.int64)
        self._change_code = np.concatenate(
            (np.ones(gained.size, np.uint8), np.full(lost.size, 2, np.uint8))
        )
        empty = [np.zeros(0, np.int64)]
        groups = [
            previous,
            np.concatenate(list(change.gained_cells) or empty),
            np.concatenate(list(change.lost_cells) or empty),
        ]
        boxes = [b for b in (_box(g, cols) for g in groups) if b is not None]
        return [self.window(*box) for box in merge_boxes(boxes)]

    def full_window(self) -> RasterWindow:
        return self.window(0, self.grid.rows, 0, self.grid.cols)

    def window(self, r0: int, r1: int, c0: int, c1: int) -> RasterWindow:
        """The three rasters' values in rows r0:r1 and columns c0:c1, from the current state."""
        bands = np.zeros((r1 - r0, c1 - c0), dtype=np.uint8)
        for k in range(len(self.thresholds) - 1, -1, -1):
            bands[self.live.covered_mask(k, (r0, r1, c0, c1))] = k + 1
        people = self.people[self.season][r0:r1, c0:c1]
        reached = self.live.covered_mask(self.target_index, (r0, r1, c0, c1))
        gap = np.where(reached, 0.0, people).astype(np.float32)
        change = np.zeros_like(bands)
        if self._change.size:
            rows, cs = np.divmod(self._change, self.grid.cols)
            inside = (rows >= r0) & (rows < r1) & (cs >= c0) & (cs < c1)
            change[rows[inside] - r0, cs[inside] - c0] = self._change_code[inside]
        return RasterWindow(r0, c0, bands, gap, change)

    # -- other sets of sites (scenarios) ------------------------------------------------------
    def covered_by(
        self,
        sites: Sequence[SiteRequest],
        k: int | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> np.ndarray:
        """Cells reached within thresholds[k] (default the target) by any of ``sites``;
        the fields come from the cache, so the current sites cost nothing."""
        k = self.target_index if k is None else k
        limit = self.thresholds[k]
        mask = np.zeros(self.grid.rows * self.grid.cols, dtype=bool)
        placed, _ = self.place(sites, reuse=False)
        for row, col, _ in placed.values():
            try:
                f = self.cache(row, col, cancel)
            except InputError:
                continue
            mask[f.cells[f.minutes <= limit]] = True
        return mask.reshape(self.grid.shape)

    def difference(
        self,
        sites_a: Sequence[SiteRequest],
        sites_b: Sequence[SiteRequest],
        cancel: Callable[[], bool] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Going from A to B at the target: people per cell gaining (> 0) or losing (< 0)
        coverage, and the area (uint8: 1 reached by B only, 2 by A only, 0 no change)."""
        covered_a = self.covered_by(sites_a, cancel=cancel)
        covered_b = self.covered_by(sites_b, cancel=cancel)
        area = np.zeros(self.grid.shape, dtype=np.uint8)
        area[covered_b & ~covered_a] = 1
        area[covered_a & ~covered_b] = 2
        return coverage_difference(self.people[self.season], covered_a, covered_b), area
