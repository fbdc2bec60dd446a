"""Coverage weighted by visit frequency.

A mobile stop serves the people who can reach it within the access standard, but only on the
days it is visited. For each demand point (settlement, or grid cell) the visits per month it
gets are those of the stops covering it, added up by default (different stops are different
chances to be served) or the best single stop (``combine="max"``). Person-visits per month =
people × visits per month; a demand point is reached *at the required frequency* when its
visits per month are at least the requirement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .model import DAYS_PER_MONTH, MobilePlan


@dataclass(frozen=True)
class FrequencyCoverage:
    visits_per_month: np.ndarray  # per demand point
    stop_people: np.ndarray  # people within reach of each stop
    stop_person_visits: np.ndarray  # those people × the stop's visits per month
    person_visits_per_month: float  # sum over demand points of people × visits per month
    total_people: float
    people_reached: float  # covered by at least one visited stop
    people_at_frequency: float  # visits per month >= required
    at_frequency: np.ndarray  # per demand point, bool

    @property
    def share_reached(self) -> float:
        return self.people_reached / self.total_people if self.total_people > 0 else 0.0

    @property
    def share_at_frequency(self) -> float:
        return self.people_at_frequency / self.total_people if self.total_people > 0 else 0.0


def plan_visits_per_month(plan: MobilePlan) -> np.ndarray:
    """Visits per month of each stop of the plan (same order as ``plan.stops``)."""
    counts = np.array([len(v.visit_days) for v in plan.visits], dtype=float)
    return counts * DAYS_PER_MONTH / plan.period.n_days


def frequency_coverage(
    coverage: np.ndarray,
    people: np.ndarray,
    stop_visits_per_month: np.ndarray,
    required_per_month: float | np.ndarray,
    combine: str = "sum",
) -> FrequencyCoverage:
    """``coverage[i, j]``: demand point i reaches stop j within the standard; ``people[i]``."""
    cov = np.asarray(coverage).astype(bool)
    pop = np.asarray(people, dtype=float)
    vpm = np.asarray(stop_visits_per_month, dtype=float)
    if cov.ndim != 2 or cov.shape != (pop.size, vpm.size):
        raise InputError(
            f"Coverage must be (demand points × stops) = ({pop.size} × {vpm.size}), got "
            f"{cov.shape}; compute it for the same stops as the plan."
        )
    if (pop < 0).any() or not np.isfinite(pop).all():
        raise InputError("People counts must be finite and ≥ 0 (NoData removed).")
    if (vpm < 0).any():
        raise InputError("Visits per month cannot be negative.")
    if combine == "sum":
        per_point = cov.astype(float) @ vpm
    elif combine == "max":
        per_point = np.where(cov, vpm[None, :], 0.0).max(axis=1) if vpm.size else np.zeros(pop.size)
    else:
        raise InputError(f"combine must be 'sum' or 'max', got {combine!r}.")
    req = np.broadcast_to(np.asarray(required_per_month, dtype=float), pop.shape)
    reached = (cov & (vpm > 0)[None, :]).any(axis=1)
    at_freq = reached & (per_point >= req - 1e-9)
    stop_people = pop @ cov.astype(float)
    return FrequencyCoverage(
        visits_per_month=per_point,
        stop_people=stop_people,
        stop_person_visits=stop_people * vpm,
        person_visits_per_month=float(pop @ per_point),
        total_people=float(pop.sum()),
        people_reached=float(pop[reached].sum()),
        people_at_frequency=float(pop[at_freq].sum()),
        at_frequency=at_freq,
    )
