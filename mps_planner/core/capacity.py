"""Capacity-aware coverage that does not depend on the order the sites are listed in.

People go to the nearest site that still has room. AccessMod serves facilities one after
the other in the order of the table, so the answer changes when the table is sorted
differently. Here the assignment is a stable matching (deferred acceptance): every cell's
people ask their nearest site within the standard; a site keeps the nearest of those who
asked, up to its capacity, and turns the others away, who then ask their next-nearest
site; and so on until nobody can move. Sites and people rank each other by the same
travel time (ties broken by cell index), so the stable matching is unique: the same for
every order of the sites. A cell's people may be split between sites when one fills up.

People are handled in fixed point (see ``core.coverage``), so served + unserved = total
exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .coverage import FIXED_ONE, from_fixed, to_fixed
from .errors import InputError
from .traveltime import SparseField


@dataclass
class CapacityResult:
    """``served_by_site``: people each site serves; ``wanting_by_site``: people within the
    standard for whom it is the nearest site; ``served``: people served per cell."""

    threshold: float
    total: float
    served: np.ndarray
    served_by_site: np.ndarray
    wanting_by_site: np.ndarray
    capacity: np.ndarray
    unserved_in_reach: float  # within the standard of some site, but every one is full
    out_of_reach: float  # not within the standard of any site
    rounds: int

    @property
    def served_total(self) -> float:
        return float(self.served_by_site.sum())


def capacity_coverage(
    people: np.ndarray,
    fields: Sequence[SparseField],
    capacity: Sequence[float],
    threshold: float,
    site_cells: Sequence[int] | None = None,
) -> CapacityResult:
    """Serve people within ``threshold`` minutes, nearest site with room first.

    ``fields[s]`` is site s's bounded travel-time field (computed up to ≥ threshold);
    ``capacity[s]`` the people it can serve (``inf`` for no limit, 0 for closed).
    ``site_cells[s]`` (flat cell index of each site; default: the cell of its field at 0
    minutes) breaks exact ties between equally near sites, so that not even a tie depends
    on the order of the list.
    """
    capacity = np.asarray(capacity, dtype=np.float64)
    if capacity.shape != (len(fields),):
        raise InputError("Give one capacity per site.")
    if np.isnan(capacity).any() or (capacity < 0).any():
        raise InputError("Site capacities must be numbers ≥ 0 (use a large number for no limit).")
    for s, field in enumerate(fields):
        if field.max_minutes + 1e-9 < threshold:
            raise InputError(
                f"Site {s}'s travel times reach only {field.max_minutes:g} min; the standard "
                f"is {threshold:g} min."
            )
    fixed = to_fixed(people).ravel()
    total = int(fixed.sum())
    cap = np.where(np.isinf(capacity), np.iinfo(np.int64).max // 4, 0).astype(np.int64)
    finite = np.isfinite(capacity)
    cap[finite] = np.rint(capacity[finite] * FIXED_ONE).astype(np.int64)

    # Every (cell, site, minutes) within the standard, for cells with people.
    cells, sites, times = [], [], []
    for s, field in enumerate(fields):
        keep = (field.minutes <= threshold) & (fixed[field.cells] > 0)
        cells.append(field.cells[keep].astype(np.int64))
        sites.append(np.full(int(keep.sum()), s, dtype=np.int64))
        times.append(field.minutes[keep])
    n_sites = len(fields)
    if site_cells is None:
        site_cells = [int(f.cells[np.argmin(f.minutes)]) if len(f) else -1 for f in fields]
    site_key = np.asarray(site_cells, dtype=np.int64)
    if cells:
        cell = np.concatenate(cells)
        site = np.concatenate(sites)
        time = np.concatenate(times)
    else:
        cell = site = np.zeros(0, np.int64)
        time = np.zeros(0)
    # Each cell's preference list: by time, then by the site's location (not its index).
    order = np.lexsort((site_key[site], time, cell))
    cell, site, time = cell[order], site[order], time[order]
    first = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]]) if cell.size else cell
    ends = np.r_[first[1:], cell.size] if cell.size else cell
    reachable_cells = cell[first] if cell.size else cell
    wanting = np.zeros(n_sites, dtype=np.int64)
    if cell.size:
        np.add.at(wanting, site[first], fixed[reachable_cells])

    # Deferred acceptance, all cells proposing at once each round.
    pointer = first.copy()
    remaining = fixed[reachable_cells].copy()
    held_cell = np.zeros(0, np.int64)
    held_site = np.zeros(0, np.int64)
    held_time = np.zeros(0)
    held_amount = np.zeros(0, np.int64)
    held_owner = np.zeros(0, np.int64)  # index into reachable_cells
    rounds = 0
    while True:
        asking = np.flatnonzero((remaining > 0) & (pointer < ends))
        if not asking.size:
            break
        rounds += 1
        at = pointer[asking]
        pointer[asking] += 1
        new_amount = remaining[asking]
        remaining[asking] = 0
        p_cell = np.concatenate((held_cell, cell[at]))
        p_site = np.concatenate((held_site, site[at]))
        p_time = np.concatenate((held_time, time[at]))
        p_amount = np.concatenate((held_amount, new_amount))
        p_owner = np.concatenate((held_owner, asking))
        # Each site keeps the nearest people (ties: lower cell index) up to its capacity.
        order = np.lexsort((p_cell, p_time, p_site))
        p_cell, p_site, p_time = p_cell[order], p_site[order], p_time[order]
        p_amount, p_owner = p_amount[order], p_owner[order]
        running = np.cumsum(p_amount)
        start = np.flatnonzero(np.r_[True, p_site[1:] != p_site[:-1]])
        before_site = np.repeat(
            running[start] - p_amount[start], np.diff(np.r_[start, p_site.size])
        )
        used_before = running - p_amount - before_site
        room = np.maximum(cap[p_site] - used_before, 0)
        accepted = np.minimum(p_amount, room)
        rejected = p_amount - accepted
        np.add.at(remaining, p_owner, rejected)
        keep = accepted > 0
        held_cell, held_site, held_time = p_cell[keep], p_site[keep], p_time[keep]
        held_amount, held_owner = accepted[keep], p_owner[keep]
    served_by_site = np.zeros(n_sites, dtype=np.int64)
    np.add.at(served_by_site, held_site, held_amount)
    served = np.zeros(fixed.size, dtype=np.int64)
    np.add.at(served, held_cell, held_amount)
    in_reach = int(fixed[reachable_cells].sum()) if cell.size else 0
    served_total = int(served_by_site.sum())
    return CapacityResult(
        threshold=float(threshold),
        total=from_fixed(total),
        served=from_fixed(served).reshape(np.shape(people)),
        served_by_site=from_fixed(served_by_site),
        wanting_by_site=from_fixed(wanting),
        capacity=capacity,
        unserved_in_reach=from_fixed(in_reach - served_total),
        out_of_reach=from_fixed(total - in_reach),
        rounds=rounds,
    )
