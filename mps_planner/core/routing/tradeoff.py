"""Route time against people reached, for 1, 2, 3 ... vehicles (or days a week)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import InputError
from .budget import Budget, CancelFn, ProgressFn
from .covering import CoveringTour, covering_tour, max_covering_tour
from .covering_input import prepare_cover


@dataclass(frozen=True)
class TradeoffRow:
    """One line of the route-time vs people-reached table."""

    vehicles: int  # routes (vehicles, or days a week with one vehicle)
    route_limit_minutes: float
    people_reached: float  # most people reachable with this many routes
    share_reached: float
    minutes_used: float  # total route minutes of that solution
    stops: int
    minutes_for_target: float | None  # least minutes to reach target_share, None if unreachable


def coverage_tradeoff(
    matrix: np.ndarray,
    depot: int,
    candidates: Sequence[int],
    coverage: np.ndarray,
    weights: Sequence[float] | None = None,
    *,
    route_minutes: float,
    vehicle_counts: Sequence[int] = (1, 2, 3),
    target_share: float = 1.0,
    max_stops: int | None = None,
    dwell_minutes: float | Sequence[float] = 0.0,
    names: Sequence[str] | None = None,
    time_limit: float | None = 6.0,
    max_iterations: int | None = None,
    seed: int = 0,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> tuple[TradeoffRow, ...]:
    """Route time against people reached for 1, 2, 3 ... routes of at most ``route_minutes``.

    A route is one vehicle's working day, so the rows also read as "days a week" for one
    vehicle. Each row has the most people those routes reach and the least minutes needed to
    reach ``target_share`` of the coverable people with them (None when they cannot).
    """
    budget = Budget(time_limit, progress, cancel)
    rows = []
    counts = sorted(vehicle_counts)
    prev: CoveringTour | None = None
    prob = prepare_cover(
        matrix, depot, candidates, coverage, weights, dwell_minutes, (), route_minutes, names
    )
    coverable = np.zeros(len(prob.weights), dtype=bool)
    for c in prob.cover:
        coverable[c] = True
    reach_share = float(np.asarray(prob.weights)[coverable].sum()) / max(prob.total_weight, 1e-12)
    for i, k in enumerate(counts):
        sub = budget.child(1.0 / (len(counts) - i), i / len(counts), 1.0 / len(counts))
        best = max_covering_tour(
            matrix,
            depot,
            candidates,
            coverage,
            weights,
            n_vehicles=k,
            max_route_minutes=route_minutes,
            max_stops=max_stops,
            dwell_minutes=dwell_minutes,
            names=names,
            time_limit=None if sub.time_limit is None else sub.time_limit / 2,
            max_iterations=max_iterations,
            seed=seed,
            cancel=cancel,
        )
        if prev is not None and (prev.covered_weight, -prev.total_minutes) > (
            best.covered_weight,
            -best.total_minutes,
        ):
            best = prev  # k - 1 routes are also a solution for k
        prev = best
        need: float | None = None
        goal = target_share * reach_share
        if goal > 0:
            try:
                tour = covering_tour(
                    matrix,
                    depot,
                    candidates,
                    coverage,
                    weights,
                    n_vehicles=k,
                    max_stops=max_stops,
                    max_route_minutes=route_minutes,
                    dwell_minutes=dwell_minutes,
                    target_share=min(1.0, goal),
                    names=names,
                    time_limit=None if sub.time_limit is None else sub.time_limit / 2,
                    max_iterations=max_iterations,
                    seed=seed,
                    cancel=cancel,
                )
                need = tour.total_minutes
            except InputError:
                need = None
        rows.append(
            TradeoffRow(
                k,
                float(route_minutes),
                best.covered_weight,
                best.share,
                best.total_minutes,
                len(best.stops),
                need,
            )
        )
        budget.report((i + 1) / len(counts))
    return tuple(rows)
