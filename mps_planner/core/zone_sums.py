"""People per zone (district, health zone, township) from a raster of people per cell.

Two rules, both on plain arrays:

* **cell centre** (the default, and what zonal-statistics tools do): a cell belongs to the zone
  that contains its centre; ``ZoneRaster.labels`` holds that zone's index per cell.
* **area-weighted**: a cell on a boundary is shared between the zones it overlaps in proportion
  to area; ``ZoneFractions`` holds, per cell, the share of its area in each zone (sparse, since
  only boundary cells have more than one entry).

Only cells with a positive, finite count (and flagged valid, when a mask is given) are summed;
NoData sentinels such as WorldPop's −99999 therefore never enter a sum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

NO_ZONE = -1


@dataclass(frozen=True)
class ZoneRaster:
    """Zone index (0 … n−1) of the zone containing each cell's centre; ``NO_ZONE`` outside all."""

    labels: np.ndarray
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.labels.ndim != 2 or self.labels.dtype.kind not in "iu":
            raise ValueError("zone labels must be a 2-D integer array")
        if self.labels.size and int(self.labels.max(initial=NO_ZONE)) >= len(self.names):
            raise ValueError("a zone label exceeds the number of zone names")

    @property
    def n_zones(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class ZoneFractions:
    """Share of each cell's area inside each zone: a (cells × zones) sparse matrix.

    Rows are cells in row-major order of ``shape``. A row sums to 1 inside the zones, to less
    where the cell sticks out of all of them.
    """

    shape: tuple[int, int]
    names: tuple[str, ...]
    matrix: sparse.csr_matrix

    def __post_init__(self) -> None:
        want = (int(self.shape[0]) * int(self.shape[1]), len(self.names))
        if self.matrix.shape != want:
            raise ValueError(f"fraction matrix must be {want}, got {self.matrix.shape}")

    @property
    def n_zones(self) -> int:
        return len(self.names)

    @classmethod
    def from_supersampled(
        cls,
        shape: tuple[int, int],
        names: tuple[str, ...],
        factor: int,
        blocks: Iterable[tuple[int, np.ndarray]],
    ) -> ZoneFractions:
        """Fractions from zone labels rasterised ``factor`` × finer (cell-centre rule there).

        ``blocks`` yields (first cell row, fine labels of shape (rows·factor, cols·factor)), so
        the fine raster never has to exist whole.
        """
        rows, cols = int(shape[0]), int(shape[1])
        n = len(names)
        parts_cell, parts_zone, parts_share = [], [], []
        for row0, fine in blocks:
            cell, zone, share = _fractions_of_block(np.asarray(fine), factor, n, cols)
            parts_cell.append(cell + row0 * cols)
            parts_zone.append(zone)
            parts_share.append(share)
        if parts_cell:
            cell = np.concatenate(parts_cell)
            zone = np.concatenate(parts_zone)
            share = np.concatenate(parts_share)
        else:
            cell = zone = np.zeros(0, np.int64)
            share = np.zeros(0)
        matrix = sparse.csr_matrix((share, (cell, zone)), shape=(rows * cols, n))
        return cls((rows, cols), tuple(names), matrix)


def _fractions_of_block(
    fine: np.ndarray, factor: int, n_zones: int, cols: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(cell index within the block, zone, share) for every cell touching a zone."""
    f = int(factor)
    block_rows = fine.shape[0] // f
    if fine.shape != (block_rows * f, cols * f):
        raise ValueError(f"fine labels {fine.shape} do not tile {cols} cells × {f}")
    # (block rows, cols, f·f) sub-cell labels per cell
    sub = fine.reshape(block_rows, f, cols, f).transpose(0, 2, 1, 3).reshape(-1, f * f)
    lo = sub.min(axis=1)
    hi = sub.max(axis=1)
    whole = (lo == hi) & (lo >= 0)  # cell entirely in one zone
    cells = [np.flatnonzero(whole)]
    zones = [lo[whole].astype(np.int64)]
    shares = [np.ones(cells[0].size)]
    mixed = np.flatnonzero((lo != hi) & (hi >= 0))
    if mixed.size:
        labels = sub[mixed].astype(np.int64)
        rank = np.repeat(np.arange(mixed.size), f * f)
        flat = labels.ravel()
        keep = flat >= 0
        counts = np.bincount(rank[keep] * n_zones + flat[keep], minlength=mixed.size * n_zones)
        counts = counts.reshape(mixed.size, n_zones)
        r, z = np.nonzero(counts)
        cells.append(mixed[r])
        zones.append(z.astype(np.int64))
        shares.append(counts[r, z] / float(f * f))
    return np.concatenate(cells), np.concatenate(zones), np.concatenate(shares)


def _summable(values: np.ndarray, valid: np.ndarray | None) -> np.ndarray:
    """Counts with everything that is not a positive finite number (or not valid) set to 0."""
    values = np.asarray(values, dtype=np.float64)
    keep = np.isfinite(values) & (values > 0)
    if valid is not None:
        keep &= valid
    return np.where(keep, values, 0.0)


def zone_sums(
    values: np.ndarray,
    zones: ZoneRaster | np.ndarray,
    n_zones: int | None = None,
    valid: np.ndarray | None = None,
) -> np.ndarray:
    """People per zone by the cell-centre rule (float64, one entry per zone).

    ``zones`` is a ``ZoneRaster`` or a label array (``NO_ZONE`` outside every zone) of the
    same shape as ``values``.
    """
    labels = zones.labels if isinstance(zones, ZoneRaster) else np.asarray(zones)
    if n_zones is None:
        n_zones = zones.n_zones if isinstance(zones, ZoneRaster) else int(labels.max()) + 1
    if labels.shape != np.shape(values):
        raise ValueError(f"zone labels {labels.shape} and values {np.shape(values)} differ")
    people = _summable(values, valid)
    inside = (labels >= 0) & (labels < n_zones)
    return np.bincount(labels[inside].astype(np.int64), weights=people[inside], minlength=n_zones)


def zone_sums_weighted(
    values: np.ndarray, fractions: ZoneFractions, valid: np.ndarray | None = None
) -> np.ndarray:
    """People per zone with boundary cells shared by area (float64, one entry per zone)."""
    if tuple(np.shape(values)) != tuple(fractions.shape):
        raise ValueError(f"values {np.shape(values)} and fractions {fractions.shape} differ")
    people = _summable(values, valid).ravel()
    return np.asarray(fractions.matrix.T @ people).ravel()
