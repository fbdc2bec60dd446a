"""Candidate sites for new facilities and mobile stops, generated on the grid and filtered.

Generators (each returns cells and a kind):

* ``regular`` — one candidate per square block of ``spacing_m`` with people: the block's most
  populated passable cell;
* ``along_roads`` — road cells, one per block of ``spacing_m`` (vehicles must reach a stop):
  the road cell nearest the block's people-weighted centre;
* ``settlements`` — population peaks: cells holding the most people within ``radius_m``;
* hotspot centres come from ``core.hotspots`` (their ``centre_row``/``centre_col``).

``filter_candidates`` removes candidates on impassable cells, inside exclusion areas or within
a buffer of existing sites, and merges duplicates (one candidate per cell; the first kind
given wins).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from .errors import InputError

KINDS = ("user", "regular", "road", "hotspot", "settlement")


@dataclass
class CandidateCells:
    rows: np.ndarray
    cols: np.ndarray
    kinds: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rows = np.asarray(self.rows, dtype=np.int64).ravel()
        self.cols = np.asarray(self.cols, dtype=np.int64).ravel()
        n = self.rows.size
        if self.cols.size != n:
            raise ValueError("rows and cols differ in length")
        if not self.kinds:
            self.kinds = ["user"] * n
        if not self.names:
            self.names = [f"{k} {i + 1}" for i, k in enumerate(self.kinds)]

    def __len__(self) -> int:
        return int(self.rows.size)

    def take(self, keep: np.ndarray) -> CandidateCells:
        index = np.flatnonzero(keep) if np.asarray(keep).dtype == bool else np.asarray(keep)
        return CandidateCells(
            self.rows[index],
            self.cols[index],
            [self.kinds[i] for i in index],
            [self.names[i] for i in index],
        )

    @staticmethod
    def concat(parts: list[CandidateCells]) -> CandidateCells:
        parts = [p for p in parts if len(p)]
        if not parts:
            return CandidateCells(np.zeros(0, np.int64), np.zeros(0, np.int64), [], [])
        return CandidateCells(
            np.concatenate([p.rows for p in parts]),
            np.concatenate([p.cols for p in parts]),
            [k for p in parts for k in p.kinds],
            [n for p in parts for n in p.names],
        )


def _block(spacing_m: float, cell_size_m: float) -> int:
    if not (spacing_m > 0 and cell_size_m > 0):
        raise InputError("The candidate spacing and the cell size must be more than 0 m.")
    return max(1, round(spacing_m / cell_size_m))


def _block_argmax(values: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per block × block tile: the (row, col) of its largest value and that value."""
    rows, cols = values.shape
    pr, pc = -rows % block, -cols % block
    padded = np.pad(values, ((0, pr), (0, pc)), constant_values=-np.inf)
    nr, nc = padded.shape[0] // block, padded.shape[1] // block
    tiles = padded.reshape(nr, block, nc, block).transpose(0, 2, 1, 3).reshape(nr, nc, -1)
    best = tiles.argmax(axis=2)
    top = np.take_along_axis(tiles, best[..., None], axis=2)[..., 0]
    tr, tc = np.mgrid[0:nr, 0:nc]
    r = tr * block + best // block
    c = tc * block + best % block
    return r.ravel(), c.ravel(), top.ravel()


def regular_candidates(
    people: np.ndarray,
    passable: np.ndarray,
    cell_size_m: float,
    spacing_m: float,
    min_people: float = 1.0,
) -> CandidateCells:
    """The most populated passable cell of every ``spacing_m`` block holding ≥ min_people."""
    block = _block(spacing_m, cell_size_m)
    people = np.where(np.asarray(passable, bool), np.nan_to_num(people, nan=0.0), -np.inf)
    r, c, top = _block_argmax(people, block)
    sums = ndimage.sum_labels(
        np.maximum(people, 0), _tile_labels(people.shape, block), np.arange(r.size)
    )
    keep = (top > 0) & (sums >= min_people)
    n = int(keep.sum())
    return CandidateCells(r[keep], c[keep], ["regular"] * n, [f"grid {i + 1}" for i in range(n)])


def _tile_labels(shape, block: int) -> np.ndarray:
    rows, cols = shape
    nc = -(-cols // block)
    rr = np.arange(rows)[:, None] // block
    cc = np.arange(cols)[None, :] // block
    return (rr * nc + cc).astype(np.int64)


def road_candidates(
    road_cells: np.ndarray,
    people: np.ndarray,
    cell_size_m: float,
    spacing_m: float,
    reach_m: float | None = None,
) -> CandidateCells:
    """Road cells spaced about ``spacing_m`` apart, preferring those with people nearby.

    Each block keeps the road cell with the most people within ``reach_m`` (default half
    the spacing); blocks whose road has nobody within reach are left out.
    """
    block = _block(spacing_m, cell_size_m)
    roads = np.asarray(road_cells, bool)
    if not roads.any():
        return CandidateCells(np.zeros(0, np.int64), np.zeros(0, np.int64), [], [])
    radius = (reach_m if reach_m is not None else spacing_m / 2) / cell_size_m
    size = max(1, 2 * round(radius) + 1)
    nearby = ndimage.uniform_filter(np.nan_to_num(people, nan=0.0).astype(float), size) * size**2
    score = np.where(roads, nearby, -np.inf)
    r, c, top = _block_argmax(score, block)
    keep = np.isfinite(top) & (top > 0.5)
    n = int(keep.sum())
    return CandidateCells(r[keep], c[keep], ["road"] * n, [f"road {i + 1}" for i in range(n)])


def settlement_candidates(
    people: np.ndarray,
    passable: np.ndarray,
    cell_size_m: float,
    radius_m: float = 1000.0,
    min_people: float = 20.0,
) -> CandidateCells:
    """Population peaks: cells with the most people within ``radius_m`` of all their
    neighbours within that radius, holding at least ``min_people`` there."""
    r = max(1, round(radius_m / cell_size_m))
    yy, xx = np.mgrid[-r : r + 1, -r : r + 1]
    disk = (xx * xx + yy * yy) <= r * r
    clean = np.where(np.asarray(passable, bool), np.nan_to_num(people, nan=0.0), 0.0)
    density = ndimage.convolve(clean, disk.astype(float), mode="constant")
    peaks = (density == ndimage.maximum_filter(density, footprint=disk)) & (density >= min_people)
    peaks &= clean > 0
    rr, cc = np.nonzero(peaks)
    order = np.argsort(-density[rr, cc], kind="stable")
    rr, cc = rr[order], cc[order]
    n = rr.size
    return CandidateCells(rr, cc, ["settlement"] * n, [f"settlement {i + 1}" for i in range(n)])


def filter_candidates(
    candidates: CandidateCells,
    passable: np.ndarray,
    cell_size_m: float,
    exclusion: np.ndarray | None = None,
    existing_rows: np.ndarray | None = None,
    existing_cols: np.ndarray | None = None,
    buffer_m: float = 0.0,
) -> tuple[CandidateCells, dict[str, int]]:
    """Drop candidates on impassable cells, in exclusion areas, within ``buffer_m`` of an
    existing site, or on a cell another candidate already holds; returns what was dropped."""
    shape = np.shape(passable)
    inside = (
        (candidates.rows >= 0)
        & (candidates.rows < shape[0])
        & (candidates.cols >= 0)
        & (candidates.cols < shape[1])
    )
    dropped = {"outside the grid": int((~inside).sum())}
    cand = candidates.take(inside)
    ok = np.asarray(passable, bool)[cand.rows, cand.cols]
    dropped["impassable"] = int((~ok).sum())
    cand = cand.take(ok)
    if exclusion is not None:
        free = ~np.asarray(exclusion, bool)[cand.rows, cand.cols]
        dropped["in an exclusion area"] = int((~free).sum())
        cand = cand.take(free)
    if existing_rows is not None and len(existing_rows) and buffer_m > 0:
        seeds = np.ones(shape, dtype=bool)
        seeds[np.asarray(existing_rows), np.asarray(existing_cols)] = False
        distance = ndimage.distance_transform_edt(seeds, sampling=cell_size_m)
        far = distance[cand.rows, cand.cols] > buffer_m
        dropped[f"within {buffer_m:g} m of an existing site"] = int((~far).sum())
        cand = cand.take(far)
    flat = cand.rows * shape[1] + cand.cols
    _, first = np.unique(flat, return_index=True)
    keep = np.zeros(len(cand), dtype=bool)
    keep[first] = True
    dropped["on the same cell as another"] = int((~keep).sum())
    return cand.take(keep), {k: v for k, v in dropped.items() if v}


def spacing_for(count: int, area_cells: int, cell_size_m: float) -> float:
    """The spacing (m) that puts about ``count`` regular candidates on ``area_cells``."""
    if count <= 0 or area_cells <= 0:
        raise InputError("Ask for at least one candidate over a non-empty area.")
    return math.sqrt(area_cells / count) * cell_size_m
