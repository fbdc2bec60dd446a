"""Synthetic site-selection instances for the bench: clustered population on a grid.

A grid of square cells holds people in towns (Gaussian clusters of log-normal size) and a
thin rural scatter; candidates sit on populated cells (drawn in proportion to population, as
generated candidates at settlements would); a candidate covers every populated cell within
its radius (in cells), which varies per candidate the way travel times vary with terrain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass
class GridInstance:
    coverage: sp.csr_matrix  # populated cells × candidates
    people: np.ndarray
    cell_rc: np.ndarray  # (row, col) of each populated cell
    cand_rc: np.ndarray  # (row, col) of each candidate
    districts: np.ndarray  # district label per populated cell (quadrant-based)


def population_grid(rng: np.random.Generator, side: int, n_populated: int) -> np.ndarray:
    """People per cell on a side × side grid with about n_populated populated cells."""
    pop = np.zeros(side * side)
    towns = max(20, n_populated // 4000)
    centres = rng.random((towns, 2)) * side
    sizes = rng.lognormal(7.0, 1.2, towns)
    spread = 3 + 25 * rng.random(towns)
    per_town = np.maximum(1, (0.6 * n_populated * sizes / sizes.sum()).astype(int))
    for (cy, cx), s, k, size in zip(centres, spread, per_town, sizes):
        r = np.clip(np.round(rng.normal(cy, s, k)), 0, side - 1).astype(int)
        c = np.clip(np.round(rng.normal(cx, s, k)), 0, side - 1).astype(int)
        np.add.at(pop, r * side + c, rng.exponential(size / k * 20, k))
    # rural scatter: herder families everywhere at low density
    empty = np.flatnonzero(pop == 0)
    need = min(empty.size, max(0, n_populated - (pop.size - empty.size)))
    rural = rng.choice(empty, size=need, replace=False)
    pop[rural] += rng.exponential(3.0, rural.size)
    return np.where(pop > 0, np.maximum(np.round(pop, 1), 0.1), 0.0)


def grid_instance(
    n_populated: int = 1_000_000,
    n_candidates: int = 2000,
    radius: tuple[float, float] = (25.0, 50.0),
    seed: int = 0,
) -> GridInstance:
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_populated / 0.45)))
    pop = population_grid(rng, side, n_populated)
    cells = np.flatnonzero(pop > 0)
    index = np.full(side * side, -1, dtype=np.int64)
    index[cells] = np.arange(cells.size)
    prob = pop[cells] ** 0.5
    cand = rng.choice(cells, size=n_candidates, replace=False, p=prob / prob.sum())
    cr, cc = np.divmod(cand, side)
    radii = rng.uniform(*radius, n_candidates)
    rmax = int(np.ceil(radius[1]))
    dy, dx = np.mgrid[-rmax : rmax + 1, -rmax : rmax + 1]
    dist = np.sqrt(dy**2 + dx**2).ravel()
    dy, dx = dy.ravel(), dx.ravel()
    rows, cols = [], []
    for j in range(n_candidates):
        sel = dist <= radii[j]
        r, c = cr[j] + dy[sel], cc[j] + dx[sel]
        ok = (r >= 0) & (r < side) & (c >= 0) & (c < side)
        hit = index[r[ok] * side + c[ok]]
        hit = hit[hit >= 0]
        rows.append(hit)
        cols.append(np.full(hit.size, j))
    rr, cc2 = np.concatenate(rows), np.concatenate(cols)
    a = sp.csr_matrix((np.ones(rr.size, dtype=bool), (rr, cc2)), shape=(cells.size, n_candidates))
    prow, pcol = np.divmod(cells, side)
    districts = (prow * 3 // side) * 3 + (pcol * 3 // side)
    return GridInstance(
        a, pop[cells], np.column_stack([prow, pcol]), np.column_stack([cr, cc]), districts
    )


def random_points(rng: np.random.Generator, n: int, m: int, clustered: bool = True):
    """Demand and site coordinates in a 100 × 100 square, demand clustered around towns."""
    if clustered:
        centres = rng.random((max(2, n // 40), 2)) * 100
        demand = centres[rng.integers(0, len(centres), n)] + rng.normal(0, 6, (n, 2))
    else:
        demand = rng.random((n, 2)) * 100
    sites = demand[rng.choice(n, size=m, replace=False)] + rng.normal(0, 2, (m, 2))
    d = np.sqrt(((demand[:, None, :] - sites[None, :, :]) ** 2).sum(axis=2))
    w = np.round(rng.lognormal(3, 1, n))
    return d, w
