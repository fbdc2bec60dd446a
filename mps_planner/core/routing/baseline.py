"""A simple nearest-neighbour plan, the yardstick the planner is compared against.

Day by day, each vehicle leaves its depot and drives to the nearest stop that is due and still
fits in the working day (including the drive back), until none fits. A stop's first visit is
due any day of its first interval; the j-th visit is due from ``tolerance`` days before
``first + j * P / k`` on. This is how a dispatcher without a planning tool might work; it makes
no attempt to group stops by area over the period.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .model import MobilePlan, PlanningPeriod, Stop, Vehicle
from .periodic import PeriodicPlanner
from .prepare import prepare


def nearest_neighbour_plan(
    matrix: np.ndarray,
    vehicles: Sequence[Vehicle],
    stops: Sequence[Stop],
    period: PlanningPeriod,
    *,
    spread_tolerance_days: float = 1.0,
) -> MobilePlan:
    """Plan by nearest-neighbour dispatch (day trips only); missing visits are in diagnostics."""
    pr = prepare(matrix, vehicles, stops, period, spread_tolerance_days)
    planner = PeriodicPlanner(pr)
    n = len(pr.stops)
    P = period.n_days
    tol = max(spread_tolerance_days, 0.5)
    count = [0] * n
    first = [-1] * n
    served_by: list[list[int]] = [[] for _ in range(n)]
    order = sorted(range(len(pr.slots)), key=lambda i: (pr.slots[i].days[0], pr.slots[i].vehicle))
    for slot_id in order:
        sl = pr.slots[slot_id]
        v = sl.vehicle
        t = pr.travel[v]
        day = sl.days[0]
        cur = sl.depot
        used = 0.0
        route: list[int] = []
        while True:
            best, best_leg = -1, float("inf")
            for s in range(n):
                k = pr.visits[s]
                if count[s] >= k or v not in pr.allowed[s] or s in route:
                    continue
                if first[s] >= 0 and day < first[s] + count[s] * P / k - tol:
                    continue  # next visit not due yet
                node = pr.stop_node[s]
                leg = t[cur][node]
                if leg < best_leg and used + leg + pr.dwell[v][s] + t[node][sl.depot] <= sl.work:
                    best, best_leg = s, leg
            if best < 0:
                break
            route.append(best)
            used += best_leg + pr.dwell[v][best]
            cur = pr.stop_node[best]
            if first[best] < 0:
                first[best] = day
            count[best] += 1
            served_by[best].append(slot_id)
        planner.seq[slot_id] = route
        planner.drive[slot_id] = planner.route_drive(slot_id)
    for s in range(n):
        if served_by[s]:
            planner.assign[s] = (pr.slots[served_by[s][0]].vehicle, tuple(served_by[s]))
    return planner.to_plan(missing_estimate=False)
