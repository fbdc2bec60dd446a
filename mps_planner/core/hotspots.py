"""Gap hotspots: clusters of people outside the service standard, ranked by size.

Herder households are scattered, so uncovered cells rarely touch: cells with uncovered
people within ``link_m`` of each other form one cluster (the cells are grown by half that
distance and the grown areas that touch are joined). Each cluster gets its people, its area
and a suggested centre: the cell of the cluster with the most uncovered people within
``centre_radius_m`` — where one new stop would reach the most of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import ndimage, signal

from .errors import InputError


@dataclass
class Hotspot:
    rank: int  # 1 = most people
    people: float  # uncovered people in the cluster
    cells: int  # cells with uncovered people
    centre_row: int
    centre_col: int
    centre_people: float  # uncovered people of the cluster within centre_radius_m


@dataclass
class HotspotResult:
    """``regions``: rank (1..n) of the grown cluster area per cell, 0 elsewhere (for polygons)."""

    regions: np.ndarray
    hotspots: list[Hotspot]
    link_m: float
    centre_radius_m: float


def _disk(radius_cells: float) -> np.ndarray:
    r = max(math.floor(radius_cells), 0)
    yy, xx = np.mgrid[-r : r + 1, -r : r + 1]
    return (xx * xx + yy * yy) <= radius_cells * radius_cells + 1e-9


def gap_hotspots(
    gap: np.ndarray,
    cell_size_m: float,
    link_m: float = 1000.0,
    centre_radius_m: float = 2000.0,
    min_people: float = 1.0,
    max_hotspots: int | None = None,
    valid: np.ndarray | None = None,
) -> HotspotResult:
    """Cluster the gap raster (uncovered people per cell) into ranked hotspots."""
    gap = np.asarray(gap, dtype=np.float64)
    if not (cell_size_m > 0 and link_m >= 0 and centre_radius_m >= 0):
        raise InputError("Cell size must be > 0 and the linking/centre distances ≥ 0 metres.")
    people = np.where(np.isfinite(gap) & (gap > 0), gap, 0.0)
    seeds = people > 0
    if not seeds.any():
        return HotspotResult(np.zeros(gap.shape, np.int32), [], link_m, centre_radius_m)
    grow = link_m / 2.0 / cell_size_m
    grown = ndimage.binary_dilation(seeds, structure=_disk(grow)) if grow >= 1 else seeds
    if valid is not None:
        grown &= np.asarray(valid, dtype=bool) | seeds
    labels, n = ndimage.label(grown, structure=np.ones((3, 3), dtype=bool))
    sums = ndimage.sum_labels(people, labels, index=np.arange(1, n + 1))
    counts = ndimage.sum_labels(seeds, labels, index=np.arange(1, n + 1))
    order = np.argsort(-sums, kind="stable")
    order = order[sums[order] >= min_people]
    if max_hotspots is not None:
        order = order[:max_hotspots]
    # People within the centre radius of every cell (a disk kernel, by FFT).
    kernel = _disk(centre_radius_m / cell_size_m).astype(np.float64)
    rank_of = np.zeros(n + 1, dtype=np.int32)
    rank_of[order + 1] = np.arange(1, order.size + 1, dtype=np.int32)
    regions = rank_of[labels]
    hotspots = []
    boxes = ndimage.find_objects(labels)
    for rank, index in enumerate(order.tolist(), start=1):
        label = index + 1
        sl = boxes[index]
        pad = kernel.shape[0] // 2
        r0, r1 = max(sl[0].start - pad, 0), min(sl[0].stop + pad, gap.shape[0])
        c0, c1 = max(sl[1].start - pad, 0), min(sl[1].stop + pad, gap.shape[1])
        mine = np.where(labels[r0:r1, c0:c1] == label, people[r0:r1, c0:c1], 0.0)
        density = signal.fftconvolve(mine, kernel, mode="same")
        density = np.where(mine > 0, density, -np.inf)  # the centre is a cell with people
        r, c = np.unravel_index(int(np.argmax(density)), density.shape)
        hotspots.append(
            Hotspot(
                rank=rank,
                people=float(sums[index]),
                cells=int(counts[index]),
                centre_row=int(r + r0),
                centre_col=int(c + c0),
                centre_people=float(min(density[r, c], sums[index])),
            )
        )
    return HotspotResult(regions.astype(np.int32), hotspots, link_m, centre_radius_m)
