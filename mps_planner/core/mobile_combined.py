"""Fixed and mobile together: for one service standard, each person is covered by a fixed
facility (within the standard's minutes), else by mobile stops visited at least as often as
the standard requires, else not at all.

One class raster (1 fixed, 2 mobile, 3 not covered; 0 outside the study area) and a table
per district. People are summed in fixed point (core.coverage), so fixed + mobile + not
covered = people, exactly, in every district and in total. People a mobile stop reaches
but less often than required count as not covered; the table shows them apart
(``mobile_below``), so a planner sees where a higher frequency would close the gap. With the
level of each fixed site (county, township, village) the fixed people are split by the level
of their nearest facility: the three-level network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .coverage import from_fixed, group_sums, to_fixed
from .errors import InputError

FIXED, MOBILE, NOT_COVERED = 1, 2, 3
CLASS_LABELS = {
    FIXED: "fixed facility",
    MOBILE: "mobile stop at the required frequency",
    NOT_COVERED: "not covered",
}
CLASS_LABELS_ZH = {FIXED: "固定设施", MOBILE: "流动服务（达到频次）", NOT_COVERED: "未覆盖"}


@dataclass
class CombinedCoverage:
    """Per district (``zone_names`` order) and in total: people by how they are covered."""

    classes: np.ndarray  # uint8 per cell: 1 fixed, 2 mobile, 3 not covered, 0 outside
    target_minutes: float
    required_per_month: float
    zone_names: list[str]
    people: np.ndarray
    fixed: np.ndarray
    mobile: np.ndarray
    not_covered: np.ndarray
    mobile_below: np.ndarray  # reached by a stop, but less often than required (⊂ not covered)
    total: float
    total_fixed: float
    total_mobile: float
    total_not_covered: float
    total_mobile_below: float
    fixed_levels: dict[str, np.ndarray] = field(default_factory=dict)  # level → per zone
    total_fixed_levels: dict[str, float] = field(default_factory=dict)

    def share(self, what: str = "fixed") -> np.ndarray:
        """Share (0–1) of each district's people covered ``what`` way (NaN without people)."""
        values = getattr(self, what)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.people > 0, values / self.people, np.nan)

    def rows(self) -> list[dict]:
        """One dict per district, then the total (key 'district' = "Total")."""
        out = []
        for z, name in enumerate(self.zone_names):
            row = {
                "district": name,
                "people": float(self.people[z]),
                "fixed": float(self.fixed[z]),
                "mobile": float(self.mobile[z]),
                "not_covered": float(self.not_covered[z]),
                "mobile_below": float(self.mobile_below[z]),
            }
            row.update({f"fixed_{k}": float(v[z]) for k, v in self.fixed_levels.items()})
            out.append(row)
        total = {
            "district": "Total",
            "people": self.total,
            "fixed": self.total_fixed,
            "mobile": self.total_mobile,
            "not_covered": self.total_not_covered,
            "mobile_below": self.total_mobile_below,
        }
        total.update({f"fixed_{k}": v for k, v in self.total_fixed_levels.items()})
        out.append(total)
        return out


def combined_coverage(
    people: np.ndarray,
    fixed_minutes: np.ndarray,
    target_minutes: float,
    mobile_visits_per_month: np.ndarray,
    required_per_month: float,
    zones: np.ndarray | None = None,
    zone_names: Sequence[str] = (),
    valid: np.ndarray | None = None,
    fixed_nearest: np.ndarray | None = None,
    site_levels: Sequence[str] | None = None,
) -> CombinedCoverage:
    """Classify every cell and sum the people per district.

    ``fixed_minutes``: residents' minutes to the nearest fixed facility (inf unreached);
    ``mobile_visits_per_month``: per cell, the visits of the mobile stops its residents reach
    within the standard (``StopReach.visits_per_month``); ``valid``: the study area (default:
    everywhere). ``fixed_nearest`` (index of the nearest fixed site per cell) with
    ``site_levels`` (a level name per site) splits the fixed people by level.
    """
    people = np.asarray(people, dtype=np.float64)
    shape = people.shape
    minutes = np.asarray(fixed_minutes, dtype=np.float64)
    vpm = np.asarray(mobile_visits_per_month, dtype=np.float64)
    if minutes.shape != shape or vpm.shape != shape:
        raise InputError(
            "The population, the fixed facilities' travel times and the mobile visits must be "
            "on one grid."
        )
    if not (np.isfinite(target_minutes) and target_minutes > 0):
        raise InputError(f"The standard's minutes must be more than 0, got {target_minutes}.")
    if not (np.isfinite(required_per_month) and required_per_month > 0):
        raise InputError("The required visits per month must be more than 0.")
    inside = np.ones(shape, dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    fixed = minutes <= target_minutes
    reached = vpm > 0
    mobile = ~fixed & reached & (vpm >= required_per_month - 1e-9)
    classes = np.where(fixed, FIXED, np.where(mobile, MOBILE, NOT_COVERED)).astype(np.uint8)
    classes[~inside] = 0
    below = ~fixed & reached & ~mobile

    amount = np.where(inside, to_fixed(people), 0).ravel()
    names = [str(n) for n in zone_names]
    if zones is None:
        zone = np.full(amount.size, -1, dtype=np.int64)
    else:
        zone = np.asarray(zones).ravel().astype(np.int64)
        if zone.size != amount.size:
            raise InputError("The district raster is not on the analysis grid.")
        if not names:
            names = [str(i) for i in range(int(zone.max(initial=-1)) + 1)]
    n = len(names)
    flat_class = classes.ravel()

    def per_zone(mask: np.ndarray) -> tuple[np.ndarray, float]:
        a = np.where(mask, amount, 0)
        return from_fixed(group_sums(a, zone, n)), from_fixed(int(a.sum()))

    zp, tp = per_zone(np.ones(amount.size, dtype=bool))
    zf, tf = per_zone(flat_class == FIXED)
    zm, tm = per_zone(flat_class == MOBILE)
    zn, tn = per_zone(flat_class == NOT_COVERED)
    zb, tb = per_zone(below.ravel() & inside.ravel())
    levels: dict[str, np.ndarray] = {}
    total_levels: dict[str, float] = {}
    if fixed_nearest is not None and site_levels is not None:
        nearest = np.asarray(fixed_nearest).ravel()
        level_of = np.asarray([str(v) for v in site_levels], dtype=object)
        for level in dict.fromkeys(level_of.tolist()):
            sites = np.flatnonzero(level_of == level)
            mask = (flat_class == FIXED) & np.isin(nearest, sites)
            levels[level], total_levels[level] = per_zone(mask)
    return CombinedCoverage(
        classes=classes,
        target_minutes=float(target_minutes),
        required_per_month=float(required_per_month),
        zone_names=names,
        people=np.asarray(zp),
        fixed=np.asarray(zf),
        mobile=np.asarray(zm),
        not_covered=np.asarray(zn),
        mobile_below=np.asarray(zb),
        total=float(tp),
        total_fixed=float(tf),
        total_mobile=float(tm),
        total_not_covered=float(tn),
        total_mobile_below=float(tb),
        fixed_levels=levels,
        total_fixed_levels=total_levels,
    )


@dataclass
class SeasonCross:
    """Each season's plan against each season's people: who it leaves uncovered.

    ``combined[(plan_season, people_season)]`` is the fixed + mobile coverage of the people
    of one season by the mobile plan made for another (or the same) season.
    """

    seasons: tuple[str, ...]
    combined: dict[tuple[str, str], CombinedCoverage]

    def missed(self, plan: str, season: str) -> float:
        """People of ``season`` neither a fixed facility nor ``plan``'s stops cover."""
        return self.combined[(plan, season)].total_not_covered

    def mobile(self, plan: str, season: str) -> float:
        return self.combined[(plan, season)].total_mobile


def season_cross(
    people_by_season: dict[str, np.ndarray],
    fixed_minutes: np.ndarray,
    target_minutes: float,
    visits_by_plan: dict[str, np.ndarray],
    required_per_month: float,
    zones: np.ndarray | None = None,
    zone_names: Sequence[str] = (),
    valid: np.ndarray | None = None,
) -> SeasonCross:
    """The combined coverage of every season's people by every season's plan."""
    seasons = tuple(people_by_season)
    missing = [s for s in visits_by_plan if s not in people_by_season]
    if missing:
        raise InputError(f"Plans for seasons without people: {missing}.")
    out = {}
    for plan, vpm in visits_by_plan.items():
        for season, people in people_by_season.items():
            out[(plan, season)] = combined_coverage(
                people,
                fixed_minutes,
                target_minutes,
                vpm,
                required_per_month,
                zones,
                zone_names,
                valid,
            )
    return SeasonCross(seasons, out)
