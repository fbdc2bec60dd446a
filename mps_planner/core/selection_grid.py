"""From the travel-time grid to site-selection matrices, and back to people per district.

Demand rows are the populated cells; candidate columns get their own bounded travel-time
field (up to the standard), so the coverage matrix holds exactly the cells each candidate
reaches within T (``minutes ≤ T``) and the cost matrix their minutes. Existing sites are
kept: for coverage problems as the cells they already cover, for p-median as fixed columns.

The fields are the bounded searches over the cost grid unless ``field_of(row, col)`` gives
them (the panel's cached fields, whatever its travel model: grid, roads, straight line).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
from scipy import sparse

from .errors import Cancelled, InputError
from .traveltime import CostGrid, SparseField, bounded_field, travel_times


@dataclass
class GridSelection:
    """The matrices of one selection problem on the grid.

    ``coverage[i, j]``: candidate j reaches demand cell ``cells[i]`` within ``threshold``.
    ``costs`` (when built): minutes, columns = candidates then existing sites (``fixed``).
    ``already_covered[i]``: an existing site reaches demand cell i within the threshold.
    """

    cells: np.ndarray  # flat indices of the demand (populated) cells
    weights: np.ndarray  # people per demand cell
    coverage: sparse.csr_matrix
    threshold: float
    already_covered: np.ndarray
    districts: np.ndarray | None
    costs: sparse.csr_matrix | None = None
    fixed: np.ndarray | None = None
    candidate_reach: np.ndarray | None = None  # people each candidate reaches on its own

    @property
    def n_candidates(self) -> int:
        return int(self.coverage.shape[1])


def build_selection(
    grid: CostGrid,
    people: np.ndarray,
    cand_rows: Sequence[int],
    cand_cols: Sequence[int],
    threshold: float,
    existing_rows: Sequence[int] = (),
    existing_cols: Sequence[int] = (),
    zones: np.ndarray | None = None,
    with_costs: bool = False,
    cost_limit: float | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    field_of: Callable[[int, int], SparseField] | None = None,
) -> GridSelection:
    """Coverage (and, with ``with_costs``, cost) matrices over the populated cells.

    ``cost_limit`` (default the threshold) bounds the per-site searches for the cost matrix:
    beyond it a cell counts as not reached (p-median's unserved cost applies).
    ``field_of(row, col)``: precomputed fields of the sites (candidates and existing), each
    reaching at least the threshold (and ``cost_limit``); without it each site gets its own
    bounded search and the existing sites one joint search.
    """
    people = np.asarray(people, dtype=np.float64)
    if people.shape != grid.shape:
        raise InputError("The population and the speed surface are on different grids.")
    cand_rows = np.asarray(cand_rows, dtype=np.int64)
    cand_cols = np.asarray(cand_cols, dtype=np.int64)
    if cand_rows.size == 0:
        raise InputError("There are no candidate sites: add some, or generate them.")
    if not (np.isfinite(threshold) and threshold > 0):
        raise InputError(f"The threshold must be more than 0 minutes, got {threshold}.")
    limit = max(threshold, cost_limit or threshold) if with_costs else threshold
    clean = np.where(np.isfinite(people) & (people > 0), people, 0.0).ravel()
    cells = np.flatnonzero(clean)
    if not cells.size:
        raise InputError("The population raster holds nobody on this grid.")
    row_of = np.full(clean.size, -1, dtype=np.int64)
    row_of[cells] = np.arange(cells.size)

    def field_entries(r: int, c: int):
        if field_of is None:
            f = bounded_field(grid, int(r), int(c), limit, cancel=cancel)
        else:
            f = field_of(int(r), int(c))
            if f.max_minutes < limit - 1e-9:
                raise InputError(
                    f"The travel-time fields reach {f.max_minutes:g} min, less than the "
                    f"{limit:g} min this selection needs: rebuild the model with a larger "
                    "last threshold."
                )
            keep = f.minutes <= limit
            f = SparseField(f.cells[keep], f.minutes[keep], limit)
        rows = row_of[f.cells]
        keep = rows >= 0
        return rows[keep], f.minutes[keep]

    cov_r, cov_c, cost_r, cost_c, cost_v = [], [], [], [], []
    n = cand_rows.size
    for j, (r, c) in enumerate(zip(cand_rows.tolist(), cand_cols.tolist())):
        if cancel is not None and cancel():
            raise Cancelled("Site selection cancelled.")
        rows, minutes = field_entries(r, c)
        inside = minutes <= threshold
        cov_r.append(rows[inside])
        cov_c.append(np.full(int(inside.sum()), j, dtype=np.int64))
        if with_costs:
            cost_r.append(rows)
            cost_c.append(np.full(rows.size, j, dtype=np.int64))
            cost_v.append(minutes)
        if progress is not None:
            progress(90.0 * (j + 1) / n)
    m = cells.size
    cov_rows, cov_cols = np.concatenate(cov_r), np.concatenate(cov_c)
    coverage = sparse.csr_matrix(
        (np.ones(cov_rows.size, dtype=bool), (cov_rows, cov_cols)), shape=(m, n)
    )
    already = np.zeros(m, dtype=bool)
    existing_rows = np.asarray(existing_rows, dtype=np.int64)
    existing_cols = np.asarray(existing_cols, dtype=np.int64)
    fixed = None
    costs = None
    if existing_rows.size and field_of is not None:
        for r, c in zip(existing_rows.tolist(), existing_cols.tolist()):
            if cancel is not None and cancel():
                raise Cancelled("Site selection cancelled.")
            rows, minutes = field_entries(r, c)
            already[rows[minutes <= threshold]] = True
    elif existing_rows.size:
        tt = travel_times(grid, existing_rows, existing_cols, max_minutes=threshold, cancel=cancel)
        already = tt.minutes.ravel()[cells] <= threshold
    if existing_rows.size and with_costs:
        for k, (r, c) in enumerate(zip(existing_rows.tolist(), existing_cols.tolist())):
            rows, minutes = field_entries(r, c)
            cost_r.append(rows)
            cost_c.append(np.full(rows.size, n + k, dtype=np.int64))
            cost_v.append(minutes)
        fixed = np.arange(n, n + existing_rows.size)
    if with_costs:
        total_cols = n + existing_rows.size
        costs = sparse.csr_matrix(
            (np.concatenate(cost_v), (np.concatenate(cost_r), np.concatenate(cost_c))),
            shape=(m, total_cols),
        )
        # Explicit zeros (a site's own cell) must stay stored entries: csr keeps them.
    districts = None
    if zones is not None:
        districts = np.asarray(zones).ravel()[cells]
    reach = np.asarray(coverage.T @ clean[cells]).ravel()
    if progress is not None:
        progress(100.0)
    return GridSelection(
        cells=cells,
        weights=clean[cells],
        coverage=coverage,
        threshold=float(threshold),
        already_covered=already,
        districts=districts,
        costs=costs,
        fixed=fixed,
        candidate_reach=reach,
    )


def covered_by_district(
    selection: GridSelection, chosen: Sequence[int], n_zones: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """People covered before (existing sites) and after (existing + chosen candidates) per
    district, and the district totals (all three exact to rounding of float sums)."""
    if selection.districts is None:
        raise InputError("Give districts to report coverage per district.")
    chosen = np.asarray(chosen, dtype=np.int64)
    after = selection.already_covered.copy()
    if chosen.size:
        after |= np.asarray(selection.coverage[:, chosen].sum(axis=1)).ravel() > 0
    z = selection.districts
    inside = z >= 0
    w = selection.weights
    totals = np.bincount(z[inside], weights=w[inside], minlength=n_zones)[:n_zones]
    before = np.bincount(
        z[inside & selection.already_covered], weights=w[inside & selection.already_covered],
        minlength=n_zones,
    )[:n_zones]  # fmt: skip
    after_z = np.bincount(z[inside & after], weights=w[inside & after], minlength=n_zones)[:n_zones]
    return before, after_z, totals
