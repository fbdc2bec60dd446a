"""Equity between districts: "equalization of basic public services" in numbers.

Per district: covered share per threshold, population-weighted mean travel time, share
beyond each threshold. Across districts: the max/min ratio of covered shares, the Gini
coefficient of travel time over people, and the urban–rural gap (covered share in the
town district minus that of the rest of the county).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .coverage import FIXED_ONE, CoverageTable, group_sums, to_fixed
from .errors import InputError


@dataclass
class DistrictEquity:
    name: str
    people: float
    covered_share: list[float]  # per threshold, 0–1 (NaN: no people)
    mean_minutes: float  # over the people who can reach a site (NaN if none)
    unreachable_share: float  # people who cannot reach any site


@dataclass
class EquitySummary:
    thresholds: list[float]
    districts: list[DistrictEquity]
    max_min_ratio: list[float]  # per threshold; inf when a district has no coverage
    gini_minutes: float  # over people, unreachable people counted at ``time_cap``
    time_cap: float
    urban_district: str
    urban_rural_gap: list[float]  # per threshold: urban share − rest share (points of 0–1)


def weighted_gini(values: np.ndarray, weights: np.ndarray) -> float:
    """Gini coefficient of values with non-negative weights (0 = all equal)."""
    values = np.asarray(values, dtype=np.float64).ravel()
    weights = np.asarray(weights, dtype=np.float64).ravel()
    keep = weights > 0
    values, weights = values[keep], weights[keep]
    if not values.size:
        return float("nan")
    if (values < 0).any() or not np.isfinite(values).all():
        raise InputError("The Gini coefficient needs finite values ≥ 0.")
    order = np.argsort(values, kind="stable")
    x, w = values[order], weights[order]
    total_w = w.sum()
    mass = (w * x).sum()
    if mass == 0:
        return 0.0
    cum = np.cumsum(w)
    return float(((w * x) * (2.0 * cum - w - total_w)).sum() / (total_w * mass))


def equity_summary(
    table: CoverageTable,
    people: np.ndarray,
    minutes: np.ndarray,
    zones: np.ndarray,
    urban_district: int | str | None = None,
    time_cap: float | None = None,
) -> EquitySummary:
    """Equity measures from a coverage table and the travel times it was made from.

    ``urban_district``: index or name of the town district; default the district with the
    most people per populated cell. ``time_cap``: the time at which unreachable people
    enter the Gini (default twice the largest threshold).
    """
    names = table.zone_names
    if not names:
        raise InputError("Equity needs districts: give a district (zone) layer.")
    zones = np.asarray(zones)
    people = np.where(np.isfinite(people) & (people > 0), np.asarray(people, float), 0.0)
    minutes = np.asarray(minutes, dtype=np.float64)
    cap = float(time_cap) if time_cap is not None else 2.0 * max(table.thresholds)
    populated = people > 0
    zone_p = zones[populated]
    w = people[populated]
    t = minutes[populated]
    reach = np.isfinite(t)
    n = len(names)
    fixed = to_fixed(w)
    wt_sum = np.bincount(
        np.where(zone_p >= 0, zone_p, n)[reach], weights=(w * t)[reach], minlength=n + 1
    )[:n]
    w_reach = group_sums(fixed[reach], zone_p[reach], n) / FIXED_ONE
    shares = table.zone_share()
    districts = []
    for z, name in enumerate(names):
        total = float(table.zone_totals[z])
        districts.append(
            DistrictEquity(
                name=name,
                people=total,
                covered_share=[float(v) for v in shares[z]],
                mean_minutes=float(wt_sum[z] / w_reach[z]) if w_reach[z] > 0 else float("nan"),
                unreachable_share=float(1 - w_reach[z] / total) if total > 0 else float("nan"),
            )
        )
    with_people = table.zone_totals > 0
    ratios = []
    for k in range(len(table.thresholds)):
        col = shares[with_people, k]
        if not col.size:
            ratios.append(float("nan"))
        elif col.min() <= 0:
            ratios.append(float("inf"))
        else:
            ratios.append(float(col.max() / col.min()))
    capped = np.minimum(np.where(reach, t, cap), cap)
    gini = weighted_gini(capped, w)
    urban = _urban_index(urban_district, names, table, zones, populated)
    rest_people = float(table.zone_totals.sum() - table.zone_totals[urban])
    gaps = []
    for k in range(len(table.thresholds)):
        rest_cov = float(table.by_zone[:, k].sum() - table.by_zone[urban, k])
        rest_share = rest_cov / rest_people if rest_people > 0 else float("nan")
        gaps.append(float(shares[urban, k] - rest_share))
    return EquitySummary(table.thresholds, districts, ratios, gini, cap, names[urban], gaps)


def _urban_index(which, names, table, zones, populated) -> int:
    if isinstance(which, str):
        if which not in names:
            raise InputError(f"There is no district called '{which}'; choose one of {names}.")
        return names.index(which)
    if which is not None:
        if not 0 <= int(which) < len(names):
            raise InputError(f"District index {which} is out of range.")
        return int(which)
    cells = np.bincount(zones[populated & (zones >= 0)], minlength=len(names))[: len(names)]
    with np.errstate(invalid="ignore", divide="ignore"):
        density = np.where(cells > 0, table.zone_totals / np.maximum(cells, 1), -1.0)
    return int(np.argmax(density))
