"""Travel times over a speed surface: minutes from the nearest source to every cell.

The model is scikit-image's ``MCP_Geometric`` with 8 neighbours: a cell's crossing time is
``cell size / speed``; a step between two neighbouring cells costs the mean of their crossing
times times the step length (1 orthogonally, √2 diagonally). Impassable cells (speed 0) are
never entered.

The solver is a label-setting shortest-path search (Dial's buckets, "delta-stepping") written
as whole-array numpy operations: the cells whose time falls in the current time band are
relaxed towards their 8 neighbours together, one direction at a time (within one direction
no two cells share a target, so a plain fancy assignment is an exact scatter-min). With the
band width at most the smallest step cost, every cell is settled once, in order of time, so
the result is the exact shortest-path time — the same numbers MCP_Geometric computes,
faster because the Python-level loop runs once per time band, not once per cell.

The bounded mode stops at a time limit and touches only the cells within it, using
workspace arrays kept on the ``CostGrid`` (reset after each query), so one site's catchment
costs time in proportion to its size, not to the size of the grid.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .errors import Cancelled, InputError, TooLargeError

_DIAG = math.sqrt(2.0) * 0.5
_ORTHO = 0.5
# Bytes per cell the full solve needs at its peak (padded cost, times, labels, outputs, lists).
_BYTES_PER_CELL = 8 + 8 + 4 + 8 + 4 + 16
_DEFAULT_MAX_BYTES = 6 * 1024**3
# Fronts of at least this many cells are relaxed one direction at a time (see _search).
_BATCH_LIMIT = 4096
# While fewer cells than this are pending, they are kept in one array (see _Run).
_PENDING_LIMIT = 20000


@dataclass
class TravelTimes:
    """Minutes to the nearest source (``inf`` where unreachable or beyond the limit) and the
    index of that source in the list given (−1 where unreachable)."""

    minutes: np.ndarray
    nearest: np.ndarray
    max_minutes: float | None = None

    def within(self, threshold: float) -> np.ndarray:
        """Cells inside the ``threshold``-minute catchment (time ≤ threshold)."""
        return self.minutes <= threshold


@dataclass
class SparseField:
    """A bounded travel-time field of one source: the cells it reaches within its limit.

    ``cells`` are flat indices into the (rows, cols) grid (``row * cols + col``), sorted;
    ``minutes`` their times, all ≤ ``max_minutes``.
    """

    cells: np.ndarray
    minutes: np.ndarray
    max_minutes: float

    def __len__(self) -> int:
        return int(self.cells.size)

    def within(self, threshold: float) -> np.ndarray:
        """Flat indices of the cells reached within ``threshold`` minutes (≤ max_minutes)."""
        if threshold > self.max_minutes + 1e-12:
            raise ValueError(
                f"this field was computed up to {self.max_minutes} min; {threshold} asked"
            )
        return self.cells[self.minutes <= threshold]


def crossing_minutes(speed_kmh: np.ndarray, cell_size_m: float) -> np.ndarray:
    """Minutes to cross one cell at the given speed; ``inf`` where the speed is 0 or NaN."""
    speed = np.asarray(speed_kmh, dtype=np.float64)
    ok = np.isfinite(speed) & (speed > 0)
    out = np.full(speed.shape, np.inf)
    np.divide(cell_size_m * 0.06, speed, out=out, where=ok)  # m / (km/h) → minutes: ×60/1000
    return out


class CostGrid:
    """Crossing minutes per cell, padded with a ring of impassable cells and flattened.

    Build it once per speed surface and reuse it for every query: it also holds the
    workspace of the bounded mode. Costs ``≤ 0``, NaN and ``inf`` are impassable.
    """

    def __init__(self, minutes_per_cell: np.ndarray, max_bytes: int = _DEFAULT_MAX_BYTES):
        cost = np.asarray(minutes_per_cell, dtype=np.float64)
        if cost.ndim != 2 or min(cost.shape) < 1:
            raise InputError(f"the cost grid must be a 2-D array, got shape {cost.shape}")
        rows, cols = cost.shape
        need = (rows + 2) * (cols + 2) * _BYTES_PER_CELL
        if need > max_bytes:
            raise TooLargeError(
                f"A travel-time grid of {rows:,} × {cols:,} cells needs about "
                f"{need / 1024**3:.1f} GB of memory, more than the {max_bytes / 1024**3:.1f} GB "
                "allowed. Use a coarser cell size or clip the rasters to the study area."
            )
        self.shape = (rows, cols)
        self.stride = cols + 2
        n = (rows + 2) * (cols + 2)
        # Per cell, side by side: [time of the current query (workspace), crossing cost], so
        # that one gather brings both. Times stay inf between queries.
        self.state = np.full((n, 2), np.inf)
        self.dist = self.state[:, 0]
        self.cost = self.state[:, 1]
        inner = self.inner(self.cost)
        inner[...] = cost
        np.copyto(inner, np.inf, where=~(cost > 0))  # ≤ 0 and NaN: impassable
        self.passable_count = int(np.count_nonzero(inner < np.inf))
        self.min_cost = float(inner.min()) if self.passable_count else math.inf
        self.label = np.full(n, -1, dtype=np.int32)
        self._mark = np.zeros(n, dtype=np.int32)
        self._lock = threading.Lock()
        s = self.stride
        # (offset, factor): a step from i to i + offset costs (cost[i] + cost[i+offset]) * factor.
        self.steps = (
            (1, _ORTHO),
            (-1, _ORTHO),
            (s, _ORTHO),
            (-s, _ORTHO),
            (s + 1, _DIAG),
            (s - 1, _DIAG),
            (-s + 1, _DIAG),
            (-s - 1, _DIAG),
        )

    @classmethod
    def from_speed(cls, speed_kmh: np.ndarray, cell_size_m: float, **kwargs) -> CostGrid:
        return cls(crossing_minutes(speed_kmh, cell_size_m), **kwargs)

    # -- index conversions ------------------------------------------------------------------
    def padded_index(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return (np.asarray(rows, np.int64) + 1) * self.stride + (np.asarray(cols, np.int64) + 1)

    def unpadded_flat(self, padded: np.ndarray) -> np.ndarray:
        """Padded flat indices → flat indices into the (rows, cols) grid."""
        r, c = np.divmod(np.asarray(padded, np.int64), self.stride)
        return (r - 1) * self.shape[1] + (c - 1)

    def inner(self, flat_padded: np.ndarray) -> np.ndarray:
        """A padded flat array seen as the (rows, cols) grid (a view)."""
        rows, cols = self.shape
        return flat_padded.reshape(rows + 2, cols + 2)[1:-1, 1:-1]

    def passable(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return np.isfinite(self.cost[self.padded_index(rows, cols)])

    def _reset(self, touched: np.ndarray | None) -> None:
        """Clear the workspace after a query (only the touched cells when known)."""
        if touched is None:
            self.dist[:] = np.inf
            self.label[:] = -1
        else:
            self.dist[touched] = np.inf
            self.label[touched] = -1


def _check_sources(grid: CostGrid, rows, cols) -> tuple[np.ndarray, np.ndarray]:
    rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
    cols = np.atleast_1d(np.asarray(cols, dtype=np.int64))
    if rows.shape != cols.shape or rows.ndim != 1:
        raise InputError("source rows and columns must be two 1-D arrays of the same length")
    if rows.size == 0:
        raise InputError("There are no sources: add at least one site.")
    nr, nc = grid.shape
    inside = (rows >= 0) & (rows < nr) & (cols >= 0) & (cols < nc)
    if not inside.all():
        bad = np.flatnonzero(~inside)[:5].tolist()
        raise InputError(
            f"Sources {bad} lie outside the grid; snap them first (snap_sources) or move them."
        )
    ok = grid.passable(rows, cols)
    if not ok.all():
        bad = np.flatnonzero(~ok)[:5].tolist()
        raise InputError(
            f"Sources {bad} lie on impassable cells; snap them first (snap_sources) or move them."
        )
    return rows, cols


def _search(
    grid: CostGrid,
    sources: np.ndarray,
    source_labels: np.ndarray,
    limit: float,
    collect: bool,
    progress: Callable[[float], None] | None,
    cancel: Callable[[], bool] | None,
    start: np.ndarray | None = None,
    labels: bool = True,
) -> np.ndarray | None:
    """Settle every cell reachable within ``limit`` in the grid's workspace (in place).

    ``start`` gives each source its starting time (minutes; default 0). Returns the padded
    indices of the settled cells when ``collect`` is set.
    """
    if not math.isfinite(grid.min_cost):
        return np.empty(0, np.int64) if collect else None
    if start is None:
        grid.dist[sources] = 0.0
        grid.label[sources] = source_labels
    else:
        # Several sources on one cell: the earliest start wins (write latest first).
        order = np.argsort(-start, kind="stable")
        keep = start[order] <= limit
        grid.dist[sources[order][keep]] = start[order][keep]
        grid.label[sources[order][keep]] = source_labels[order][keep]
        sources = sources[start <= limit]
        if not sources.size:
            return np.empty(0, np.int64) if collect else None
    run = _Run(grid, limit, collect, progress, cancel, labels)
    pending = run.small_fronts(np.unique(sources))
    if pending.size:
        run.large_fronts(pending)
    return run.finish()


class _Run:
    """One shortest-path search over a CostGrid's workspace.

    Invariant: every cell with a finite time is either settled (final) or pending. Any step
    costs at least ``delta`` (the smallest crossing cost), so every pending cell whose time is
    below (smallest pending time + delta) is final and can be settled at once.

    Small fronts (a bounded catchment, the start of any search) keep the pending cells in one
    array and re-read their times each round: few numpy calls per round. Large fronts keep
    them in buckets of width ``delta`` (Dial's algorithm), so each cell is handled about twice.
    """

    def __init__(self, grid, limit, collect, progress, cancel, labels=True):
        self.grid = grid
        self.label = grid.label if labels else None
        self.limit = limit
        self.delta = grid.min_cost
        self.collect = collect
        self.progress = progress
        self.cancel = cancel
        self.parts: list[np.ndarray] = []
        self.settled = 0
        self.rounds = 0
        self.offsets = np.array([o for o, _ in grid.steps], dtype=np.int64)
        self.factors = np.array([f for _, f in grid.steps])
        self._arange = np.arange(1024, dtype=np.int32)

    def settle(self, active: np.ndarray, da: np.ndarray) -> np.ndarray:
        """Settle the active cells (deduplicated here) and relax them; returns updated cells."""
        if active.size > 1:
            # Once each: every cell marks its last position; keep only that one.
            mark = self.grid._mark
            pos = self._positions(active.size)
            mark[active] = pos
            first = mark[active] == pos
            if not first.all():
                active = active[first]
                da = da[first]
        self.settled += active.size
        if self.collect:
            self.parts.append(active)
        self.rounds += 1
        if self.rounds % 64 == 0:
            if self.cancel is not None and self.cancel():
                raise Cancelled("Travel-time computation cancelled.")
            if self.progress is not None:
                total = max(self.grid.passable_count, 1)
                self.progress(min(99.0, 100.0 * self.settled / total))
        grid = self.grid
        if active.size >= _BATCH_LIMIT:
            return _relax_by_direction(grid.state, self.label, active, da, grid.steps, self.limit)
        return _relax_batched(
            grid.state, self.label, active, da, self.offsets, self.factors, self.limit
        )

    def _positions(self, n: int) -> np.ndarray:
        if self._arange.size < n:
            self._arange = np.arange(max(n, 2 * self._arange.size), dtype=np.int32)
        return self._arange[:n]

    def small_fronts(self, pending: np.ndarray) -> np.ndarray:
        """Settle rounds while the pending set is small; returns what is left pending."""
        dist = self.grid.dist
        delta = self.delta
        while pending.size:
            if pending.size > _PENDING_LIMIT:
                return pending
            times = dist[pending]
            final = times < times.min() + delta
            moved = self.settle(pending[final], times[final])
            rest = pending[~final]
            pending = np.concatenate((rest, moved)) if moved.size else rest
        return pending

    def large_fronts(self, pending: np.ndarray) -> None:
        """Dial's buckets of width delta: band k holds the cells with time in [kδ, (k+1)δ)."""
        dist = self.grid.dist
        inv = 1.0 / self.delta
        buckets: dict[int, list[np.ndarray]] = {}
        self._file(buckets, pending, (dist[pending] * inv).astype(np.int64), None)
        band = 0
        while buckets:
            if band not in buckets:
                band = min(buckets)
            parts = buckets.pop(band)
            active = parts[0] if len(parts) == 1 else np.concatenate(parts)
            while active.size:
                da = dist[active]
                # Entries whose cell has since moved to an earlier band are stale.
                keep = (da * inv).astype(np.int64) == band
                if not keep.all():
                    active = active[keep]
                    da = da[keep]
                    if not active.size:
                        break
                moved = self.settle(active, da)
                if not moved.size:
                    break
                bands = (dist[moved] * inv).astype(np.int64)
                same = bands == band
                active = moved[same]
                if not same.all():
                    later = ~same
                    self._file(buckets, moved[later], bands[later], band)
            band += 1

    @staticmethod
    def _file(buckets, cells: np.ndarray, bands: np.ndarray, band: int | None) -> None:
        """Append cells to the buckets of their bands."""
        if band is not None and int(bands.max()) - band < 32767:
            # Bands ahead are few (≤ largest step / smallest step): a radix sort.
            order = np.argsort((bands - band).astype(np.int16), kind="stable")
        else:
            order = np.argsort(bands, kind="stable")
        bands = bands[order]
        cells = cells[order]
        cuts = np.flatnonzero(bands[1:] != bands[:-1]) + 1
        starts = [0, *cuts.tolist()]
        ends = [*cuts.tolist(), cells.size]
        for start, end in zip(starts, ends):
            buckets.setdefault(int(bands[start]), []).append(cells[start:end])

    def finish(self) -> np.ndarray | None:
        if self.progress is not None:
            self.progress(100.0)
        if not self.collect:
            return None
        if not self.parts:
            return np.empty(0, np.int64)
        done = np.concatenate(self.parts)
        # A cell settled twice (improved within its band) appears twice: keep one.
        mark = self.grid._mark
        pos = np.arange(done.size, dtype=np.int32)
        mark[done] = pos
        return done[mark[done] == pos]


def _relax_by_direction(state, label, active, da, steps, limit) -> np.ndarray:
    """Relax the active cells towards their neighbours, one direction at a time.

    Within one direction no two active cells share a target, so a plain fancy assignment
    is an exact scatter-min. Best for large fronts (each operation works on long arrays).
    """
    dist = state[:, 0]
    ca = state[active, 1]
    la = None if label is None else label[active]
    bounded = limit < math.inf
    updated = []
    for offset, factor in steps:
        target = active + offset
        # One gather brings the target's time and cost (they sit side by side).
        pair = np.take(state, target, axis=0)
        cand = da + (ca + pair[:, 1]) * factor
        better = cand < pair[:, 0]
        if bounded:
            better &= cand <= limit
        target = np.compress(better, target)
        dist[target] = np.compress(better, cand)
        if la is not None:
            label[target] = np.compress(better, la)
        updated.append(target)
    return np.concatenate(updated)


def _relax_batched(state, label, active, da, offsets, factors, limit) -> np.ndarray:
    """The same relaxation with all 8 directions in one set of operations (small fronts,
    where the number of numpy calls, not their length, is what costs). ``label`` None:
    a single source, no labels to carry."""
    dist = state[:, 0]
    targets = (active[:, None] + offsets).ravel()
    pair = np.take(state, targets, axis=0)
    cand = pair[:, 1].reshape(-1, 8) + state[active, 1][:, None]
    cand *= factors
    cand += da[:, None]
    cand = cand.ravel()
    better = cand < pair[:, 0]
    if limit < math.inf:
        better &= cand <= limit
    where = np.flatnonzero(better)
    moved = targets[where]
    cand = cand[where]
    # A target reached from several directions: the last write wins, so rewrite the entries
    # that beat the value written until every target holds its minimum.
    dist[moved] = cand
    if label is None:
        fix = np.flatnonzero(cand < dist[moved])
        while fix.size:
            cells = moved[fix]
            dist[cells] = cand[fix]
            fix = fix[cand[fix] < dist[cells]]
        return moved
    new_label = label[active[where >> 3]]
    label[moved] = new_label
    fix = np.flatnonzero(cand < dist[moved])
    while fix.size:
        cells = moved[fix]
        dist[cells] = cand[fix]
        label[cells] = new_label[fix]
        fix = fix[cand[fix] < dist[cells]]
    return moved


def travel_times(
    grid: CostGrid,
    rows: Sequence[int] | np.ndarray,
    cols: Sequence[int] | np.ndarray,
    max_minutes: float | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    start_minutes: Sequence[float] | np.ndarray | None = None,
) -> TravelTimes:
    """Minutes from the nearest of the sources (cells ``rows[k], cols[k]``) to every cell.

    With ``max_minutes``, the search stops at that limit; cells beyond it are ``inf``.
    ``start_minutes`` gives each source a starting time (e.g. the time to drive to a road
    cell, for off-road access from a road network); default 0. ``nearest`` is the index of
    the source each cell is reached from. Sources must lie on passable cells inside the grid
    (see :func:`snap_sources`).
    """
    rows, cols = _check_sources(grid, rows, cols)
    limit = _limit(max_minutes)
    start = None
    if start_minutes is not None:
        start = np.asarray(start_minutes, dtype=np.float64).ravel()
        if start.shape != rows.shape or not np.all(np.isfinite(start)) or (start < 0).any():
            raise InputError("start_minutes must give one finite time ≥ 0 per source")
    sources = grid.padded_index(rows, cols)
    with grid._lock:
        try:
            _search(
                grid,
                sources,
                np.arange(sources.size, dtype=np.int32),
                limit,
                False,
                progress,
                cancel,
                start,
            )
            minutes = np.array(grid.inner(grid.dist), copy=True)
            nearest = np.array(grid.inner(grid.label), copy=True)
        finally:
            grid._reset(None)
    return TravelTimes(minutes, nearest, None if limit == math.inf else limit)


def bounded_field(
    grid: CostGrid,
    row: int,
    col: int,
    max_minutes: float,
    cancel: Callable[[], bool] | None = None,
) -> SparseField:
    """The cells one source reaches within ``max_minutes``, touching only those cells."""
    rows, cols = _check_sources(grid, [row], [col])
    limit = _limit(max_minutes)
    if limit == math.inf:
        raise InputError("A bounded catchment needs a time limit in minutes (> 0).")
    sources = grid.padded_index(rows, cols)
    with grid._lock:
        settled = None
        try:
            settled = _search(
                grid, sources, np.zeros(1, np.int32), limit, True, None, cancel, labels=False
            )
            minutes = grid.dist[settled]
        finally:
            grid._reset(settled)  # None (everything) when the search did not finish
    return SparseField(grid.unpadded_flat(settled), minutes, limit)


def bounded_fields(
    grid: CostGrid,
    rows: Sequence[int] | np.ndarray,
    cols: Sequence[int] | np.ndarray,
    max_minutes: float,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[SparseField]:
    """One bounded field per source (per-site catchments that may overlap)."""
    rows, cols = _check_sources(grid, rows, cols)
    fields = []
    for k, (r, c) in enumerate(zip(rows.tolist(), cols.tolist())):
        fields.append(bounded_field(grid, r, c, max_minutes, cancel))
        if progress is not None:
            progress(100.0 * (k + 1) / rows.size)
    return fields


def combine_fields(fields: Sequence[SparseField], shape: tuple[int, int]) -> TravelTimes:
    """The nearest-source travel times of several bounded fields (min over the fields)."""
    minutes = np.full(shape[0] * shape[1], np.inf)
    nearest = np.full(shape[0] * shape[1], -1, dtype=np.int32)
    limit = min((f.max_minutes for f in fields), default=None)
    for k, field in enumerate(fields):
        better = field.minutes < minutes[field.cells]
        cells = field.cells[better]
        minutes[cells] = field.minutes[better]
        nearest[cells] = k
    return TravelTimes(minutes.reshape(shape), nearest.reshape(shape), limit)


def _limit(max_minutes: float | None) -> float:
    if max_minutes is None or max_minutes == 0:
        return math.inf
    value = float(max_minutes)
    if not math.isfinite(value) and value > 0:
        return math.inf
    if not value > 0:
        raise InputError(f"The time limit must be more than 0 minutes, got {max_minutes}.")
    return value


def straight_line_times(
    shape: tuple[int, int],
    cell_size_m: float,
    rows: Sequence[int] | np.ndarray,
    cols: Sequence[int] | np.ndarray,
    kmh: float,
    max_minutes: float | None = None,
    valid: np.ndarray | None = None,
) -> TravelTimes:
    """Straight-line (Euclidean) travel times at a constant speed, ignoring the terrain.

    Exact distances between cell centres (an 8-neighbour path would overestimate them by
    up to 8 %), from the nearest source. ``valid`` = False cells (outside the study area)
    are left unreachable.
    """
    from scipy import ndimage

    rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
    cols = np.atleast_1d(np.asarray(cols, dtype=np.int64))
    if rows.size == 0:
        raise InputError("There are no sources: add at least one site.")
    if not (math.isfinite(kmh) and kmh > 0):
        raise InputError(f"The straight-line speed must be more than 0 km/h, got {kmh}.")
    inside = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
    if not inside.all():
        raise InputError("Some sources lie outside the grid; snap them first.")
    limit = _limit(max_minutes)
    index = np.full(shape, -1, dtype=np.int32)
    index[rows[::-1], cols[::-1]] = np.arange(rows.size, dtype=np.int32)[::-1]
    metres, (nr, nc) = ndimage.distance_transform_edt(
        index < 0, sampling=cell_size_m, return_indices=True
    )
    minutes = metres * (0.06 / kmh)
    nearest = index[nr, nc]
    beyond = minutes > limit
    if valid is not None:
        beyond |= ~np.asarray(valid, dtype=bool)
    minutes[beyond] = np.inf
    nearest[beyond] = -1
    return TravelTimes(minutes, nearest, None if limit == math.inf else limit)
