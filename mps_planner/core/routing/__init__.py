"""Mobile service routing on plain travel-time matrices (minutes; numpy/scipy only).

* ``order_stops`` — shortest order of stops (closed tour, open path, or to a given end).
* ``plan_routes`` — periodic multi-vehicle plan: stops to vehicles and days at their visit
  frequencies, each day ordered, working hours (including the drive back) respected.
* ``covering_tour`` / ``max_covering_tour`` / ``coverage_tradeoff`` — choose the stops too.
* ``exact_covering_tour`` — exact single-vehicle covering tour (MILP) or a lower bound.
* ``driver_timetable`` / ``stop_timetable`` — rows for drivers and for notices at stops.
* ``frequency_coverage`` — people × visits per month, share reached at the required frequency.
"""

from __future__ import annotations

from .baseline import nearest_neighbour_plan
from .covering import CoveringTour, covering_tour, max_covering_tour
from .covering_exact import exact_covering_tour
from .frequency_coverage import FrequencyCoverage, frequency_coverage, plan_visits_per_month
from .model import (
    DayRoute,
    MobilePlan,
    PlanDiagnostics,
    PlanningPeriod,
    Stop,
    StopCall,
    StopVisits,
    Vehicle,
)
from .periodic import plan_routes
from .timetable import DriverRow, StopVisitRow, clock, driver_timetable, stop_timetable
from .tradeoff import TradeoffRow, coverage_tradeoff
from .tsp import Tour, order_stops, tour_cost

__all__ = [
    "CoveringTour",
    "DayRoute",
    "DriverRow",
    "FrequencyCoverage",
    "MobilePlan",
    "PlanDiagnostics",
    "PlanningPeriod",
    "Stop",
    "StopCall",
    "StopVisitRow",
    "StopVisits",
    "Tour",
    "TradeoffRow",
    "Vehicle",
    "clock",
    "coverage_tradeoff",
    "covering_tour",
    "driver_timetable",
    "exact_covering_tour",
    "frequency_coverage",
    "max_covering_tour",
    "nearest_neighbour_plan",
    "order_stops",
    "plan_routes",
    "plan_visits_per_month",
    "stop_timetable",
    "tour_cost",
]
