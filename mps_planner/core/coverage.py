"""Coverage: who is within a service standard's travel time of a site, and who is not.

People are summed in fixed point (integer units of 2⁻³⁰ person, exact in int64 for up to
8.6 × 10⁹ people), so that covered + uncovered = total holds exactly for every threshold,
site and district, whatever the order of summation. A cell is covered at threshold T
exactly when its travel time is ≤ T.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .errors import InputError
from .traveltime import TravelTimes

FIXED_ONE = 1 << 30  # people are summed as integers of 1/FIXED_ONE person


def to_fixed(people: np.ndarray) -> np.ndarray:
    """People per cell as int64 fixed point (NaN and negatives count as 0)."""
    people = np.asarray(people, dtype=np.float64)
    clean = np.where(np.isfinite(people) & (people > 0), people, 0.0)
    return np.rint(clean * FIXED_ONE).astype(np.int64)


def from_fixed(value) -> np.ndarray | float:
    """Fixed-point sums back to people (float)."""
    if np.ndim(value) == 0:
        return int(value) / FIXED_ONE
    return np.asarray(value, dtype=np.float64) / FIXED_ONE


def check_thresholds(thresholds: Sequence[float]) -> list[float]:
    values = [float(t) for t in thresholds]
    if not values:
        raise InputError("Give at least one travel-time threshold in minutes (e.g. 30, 60).")
    bad = [t for t in values if not (np.isfinite(t) and t > 0)]
    if bad:
        raise InputError(f"Thresholds must be more than 0 minutes; got {bad}.")
    return sorted(set(values))


@dataclass
class CoverageTable:
    """Covered and uncovered people per threshold, in total, per zone and per site.

    ``by_zone[z, k]`` people of zone z covered at ``thresholds[k]``; ``zone_totals[z]``;
    ``by_site[s, k]`` people for whom site s is the nearest and within ``thresholds[k]``
    (so the sites' numbers add up to the covered total). All in people (floats converted
    from the exact fixed-point sums).
    """

    thresholds: list[float]
    total: float
    covered: np.ndarray
    uncovered: np.ndarray
    zone_names: list[str]
    zone_totals: np.ndarray
    by_zone: np.ndarray
    by_site: np.ndarray
    outside_zones: float
    unreachable: float

    def share(self) -> np.ndarray:
        """Covered share (0–1) per threshold."""
        return self.covered / self.total if self.total > 0 else np.zeros_like(self.covered)

    def zone_share(self) -> np.ndarray:
        """Covered share per zone and threshold; NaN for a zone without people."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(
                self.zone_totals[:, None] > 0, self.by_zone / self.zone_totals[:, None], np.nan
            )


def _zone_index(zones: np.ndarray | None, shape, n_zones: int) -> np.ndarray | None:
    if zones is None:
        return None
    zones = np.asarray(zones)
    if zones.shape != shape:
        raise InputError("The district raster is not on the analysis grid.")
    if zones.dtype.kind not in "iu":
        raise InputError("District labels must be integers (−1 outside every district).")
    if n_zones and int(zones.max(initial=-1)) >= n_zones:
        raise InputError("A district label exceeds the number of district names.")
    return zones


def group_sums(fixed: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Exact int64 sums of ``fixed`` per group 0..n_groups−1 (negative groups left out)."""
    keep = groups >= 0
    g = groups[keep].astype(np.int64)
    v = fixed[keep]
    if not g.size or n_groups == 0:
        return np.zeros(n_groups, dtype=np.int64)
    order = np.argsort(g, kind="stable")
    g = g[order]
    v = v[order]
    present, starts = np.unique(g, return_index=True)
    out = np.zeros(n_groups, dtype=np.int64)
    out[present] = np.add.reduceat(v, starts)
    return out


def coverage_table(
    people: np.ndarray,
    times: TravelTimes,
    thresholds: Sequence[float],
    zones: np.ndarray | None = None,
    zone_names: Sequence[str] = (),
    n_sites: int | None = None,
) -> CoverageTable:
    """Covered/uncovered people per threshold, zone and (nearest) site."""
    thresholds = check_thresholds(thresholds)
    minutes = np.asarray(times.minutes)
    if minutes.shape != np.shape(people):
        raise InputError("The population and the travel times are on different grids.")
    if times.max_minutes is not None and thresholds[-1] > times.max_minutes + 1e-9:
        raise InputError(
            f"The travel times were computed up to {times.max_minutes:g} min, but a threshold "
            f"of {thresholds[-1]:g} min was asked; compute them up to the largest threshold."
        )
    fixed = to_fixed(people).ravel()
    populated = np.flatnonzero(fixed)
    fixed_p = fixed[populated]
    time_p = minutes.ravel()[populated]
    nearest_p = np.asarray(times.nearest).ravel()[populated]
    zone_p = None
    names = [str(n) for n in zone_names]
    zone_index = _zone_index(zones, minutes.shape, len(names))
    if zone_index is not None:
        zone_p = zone_index.ravel()[populated]
        if not names:
            names = [str(i) for i in range(int(zone_p.max(initial=-1)) + 1)]
    n_sites = int(nearest_p.max(initial=-1)) + 1 if n_sites is None else int(n_sites)
    total = int(fixed_p.sum())
    covered = np.zeros(len(thresholds), dtype=np.int64)
    by_zone = np.zeros((len(names), len(thresholds)), dtype=np.int64)
    by_site = np.zeros((n_sites, len(thresholds)), dtype=np.int64)
    for k, threshold in enumerate(thresholds):
        inside = time_p <= threshold
        covered[k] = int(fixed_p[inside].sum())
        if zone_p is not None:
            by_zone[:, k] = group_sums(fixed_p[inside], zone_p[inside], len(names))
        by_site[:, k] = group_sums(fixed_p[inside], nearest_p[inside], n_sites)
    zone_totals = (
        group_sums(fixed_p, zone_p, len(names)) if zone_p is not None else np.zeros(0, np.int64)
    )
    outside = total - int(zone_totals.sum()) if zone_p is not None else 0
    unreachable = int(fixed_p[~np.isfinite(time_p)].sum())
    return CoverageTable(
        thresholds=thresholds,
        total=from_fixed(total),
        covered=from_fixed(covered),
        uncovered=from_fixed(total - covered),
        zone_names=names,
        zone_totals=from_fixed(zone_totals),
        by_zone=from_fixed(by_zone),
        by_site=from_fixed(by_site),
        outside_zones=from_fixed(outside),
        unreachable=from_fixed(unreachable),
    )


def gap_raster(people: np.ndarray, minutes: np.ndarray, threshold: float) -> np.ndarray:
    """People per cell who are not within ``threshold`` minutes (0 elsewhere)."""
    people = np.asarray(people, dtype=np.float64)
    clean = np.where(np.isfinite(people) & (people > 0), people, 0.0)
    return np.where(np.asarray(minutes) <= threshold, 0.0, clean)


def coverage_change(
    people: np.ndarray, minutes_a: np.ndarray, minutes_b: np.ndarray, threshold: float
) -> np.ndarray:
    """People per cell who gain (> 0) or lose (< 0) coverage at ``threshold`` from A to B.

    Covered means ``minutes <= threshold`` (``inf`` or NaN: not covered). The sum of the
    result is B's covered people minus A's, exactly as the coverage tables count them.
    """
    people = np.asarray(people, dtype=np.float64)
    clean = np.where(np.isfinite(people) & (people > 0), people, 0.0)
    a = np.asarray(minutes_a) <= threshold
    b = np.asarray(minutes_b) <= threshold
    if a.shape != clean.shape or b.shape != clean.shape:
        raise InputError("The population and both travel-time rasters must be on one grid.")
    out = np.zeros(clean.shape, dtype=np.float64)
    out[b & ~a] = clean[b & ~a]
    out[a & ~b] = -clean[a & ~b]
    return out
