"""Catchment bands: which site and which time band every cell belongs to."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .coverage import check_thresholds


def band_index(minutes: np.ndarray, thresholds: Sequence[float]) -> np.ndarray:
    """Band k (0-based) of each cell: thresholds[k−1] < minutes ≤ thresholds[k]; −1 beyond."""
    limits = np.asarray(check_thresholds(thresholds))
    minutes = np.asarray(minutes, dtype=np.float64)
    band = np.searchsorted(limits, minutes, side="left")
    band[~(minutes <= limits[-1])] = -1
    return band.astype(np.int32)


def allocation_labels(
    minutes: np.ndarray,
    nearest: np.ndarray,
    thresholds: Sequence[float],
    cumulative_band: int | None = None,
) -> np.ndarray:
    """Label = site × number of bands + band for every cell within the largest threshold.

    Each cell belongs to its nearest site (service areas that do not overlap). With
    ``cumulative_band`` = k, all cells within thresholds[k] get band k instead (filled
    catchments rather than rings).
    """
    limits = check_thresholds(thresholds)
    n = len(limits)
    nearest = np.asarray(nearest)
    if cumulative_band is not None:
        inside = np.asarray(minutes) <= limits[cumulative_band]
        return np.where(inside & (nearest >= 0), nearest * n + cumulative_band, -1).astype(np.int32)
    band = band_index(minutes, limits)
    return np.where((band >= 0) & (nearest >= 0), nearest * n + band, -1).astype(np.int32)
