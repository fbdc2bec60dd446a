"""Timetables follow the matrix travel times and dwell; frequency-weighted coverage."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.routing import (
    PlanningPeriod,
    Stop,
    Vehicle,
    clock,
    driver_timetable,
    frequency_coverage,
    plan_routes,
    plan_visits_per_month,
    stop_timetable,
)
from mps_planner.core.routing.model import DAYS_PER_MONTH

MONDAY = dt.date(2025, 3, 3)


def small_plan(max_trip_days=1, far=False):
    rng = np.random.default_rng(11)
    xy = np.vstack([[0, 0], rng.uniform(-40, 40, (10, 2))])
    if far:
        xy = np.vstack([xy, [[260.0, 0.0]]])
    m = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1)) * 1.3
    n = len(xy) - 1
    stops = [
        Stop(i, f"s{i}", every_days=[7, 14, 28][i % 3], dwell_minutes=15 + i)
        for i in range(1, n + 1)
    ]
    veh = [
        Vehicle(
            "clinic",
            0,
            work_minutes=420,
            dwell_minutes=20,
            speed_factor=1.2,
            max_trip_days=max_trip_days,
            day_start_minute=450,
        ),
        Vehicle("library", 0, work_minutes=360, day_start_minute=510),
    ]
    period = PlanningPeriod.weeks(4, start=MONDAY)
    plan = plan_routes(m, veh, stops, period, time_limit=None, max_iterations=60)
    return m, plan


def dwell_of(plan, stop, vehicle):
    st = plan.stops[stop]
    return plan.vehicles[vehicle].dwell_minutes if st.dwell_minutes is None else st.dwell_minutes


@pytest.mark.parametrize("far", [False, True])
def test_driver_rows_follow_travel_times_and_dwell(far):
    m, plan = small_plan(max_trip_days=2 if far else 1, far=far)
    rows = driver_timetable(plan)
    by_day: dict[tuple[int, int], list] = {}
    for r in rows:
        by_day.setdefault((r.vehicle, r.day), []).append(r)
    assert len(by_day) == len(plan.routes)
    overnights = 0
    for (v, day), seq in by_day.items():
        veh = plan.vehicles[v]
        assert [r.sequence for r in seq] == list(range(len(seq)))
        assert seq[0].kind == "start" and seq[0].departure_minute == veh.day_start_minute
        assert seq[-1].kind in ("end", "overnight")
        assert seq[0].date == MONDAY + dt.timedelta(days=day)
        assert all(r.weekday == ("Mon", "Tue", "Wed", "Thu", "Fri")[r.date.weekday()] for r in seq)
        prev = seq[0]
        for r in seq[1:]:
            travel = m[prev.node, r.node] / veh.speed_factor
            assert r.drive_minutes == pytest.approx(0.0 if r.kind == "overnight" else travel)
            assert r.arrival_minute == pytest.approx(prev.departure_minute + r.drive_minutes)
            assert r.arrival == clock(r.arrival_minute)
            if r.kind == "stop":
                assert r.departure_minute - r.arrival_minute == pytest.approx(
                    dwell_of(plan, r.stop, v)
                )
                assert r.place == plan.stops[r.stop].name
            prev = r
        assert seq[-1].arrival_minute - veh.day_start_minute <= veh.work_minutes + 1e-6
        if seq[-1].kind == "overnight":
            overnights += 1
            nxt = by_day[(v, day + 1)]
            assert nxt[0].node == seq[-1].node  # the next morning starts where the crew slept
        else:
            assert seq[-1].node == veh.depot
    assert (overnights > 0) == far


def test_stop_rows_list_the_next_visits():
    _, plan = small_plan()
    rows = stop_timetable(plan, from_day=10, cycles=1)
    assert all(10 <= r.day < 38 for r in rows)
    for v in plan.visits:
        mine = [r for r in rows if r.stop == v.stop]
        assert len(mine) == v.required_visits
        assert {r.day % 28 for r in mine} == set(v.visit_days)
        assert all(r.date == MONDAY + dt.timedelta(days=r.day) for r in mine)
        assert [r.day for r in mine] == sorted(r.day for r in mine)
    assert stop_timetable(plan, cycles=2)[0].day < 28
    assert len(stop_timetable(plan, cycles=2)) == 2 * sum(v.required_visits for v in plan.visits)


def test_clock():
    assert clock(480) == "08:00"
    assert clock(485.6) == "08:06"
    assert clock(24 * 60 + 5) == "24:05"


def test_frequency_coverage_by_hand():
    cov = np.array([[1, 0], [1, 1], [0, 1], [0, 0]], dtype=bool)
    people = np.array([100.0, 50.0, 30.0, 20.0])
    vpm = np.array([4.0, 2.0])
    fc = frequency_coverage(cov, people, vpm, required_per_month=4.0)
    assert list(fc.visits_per_month) == [4.0, 6.0, 2.0, 0.0]
    assert fc.person_visits_per_month == pytest.approx(100 * 4 + 50 * 6 + 30 * 2)
    assert list(fc.stop_people) == [150.0, 80.0]
    assert list(fc.stop_person_visits) == [600.0, 160.0]
    assert fc.people_reached == 180.0 and fc.total_people == 200.0
    assert fc.people_at_frequency == 150.0
    assert fc.share_at_frequency == pytest.approx(0.75)
    fmax = frequency_coverage(cov, people, vpm, required_per_month=4.0, combine="max")
    assert list(fmax.visits_per_month) == [4.0, 4.0, 2.0, 0.0]
    assert fmax.people_at_frequency == 150.0
    low = frequency_coverage(cov, people, vpm, required_per_month=5.0, combine="max")
    assert low.people_at_frequency == 0.0  # no single stop is visited 5 times a month
    with pytest.raises(InputError, match="demand points × stops"):
        frequency_coverage(cov[:, :1], people, vpm, 4.0)


def test_frequency_coverage_of_a_plan():
    _, plan = small_plan()
    vpm = plan_visits_per_month(plan)
    expected = [len(v.visit_days) * DAYS_PER_MONTH / 28 for v in plan.visits]
    assert np.allclose(vpm, expected)
    rng = np.random.default_rng(2)
    cov = rng.random((40, len(plan.stops))) < 0.15
    people = rng.integers(0, 300, 40).astype(float)
    weekly = 52.0 / 12.0
    fc = frequency_coverage(cov, people, vpm, required_per_month=weekly)
    assert fc.people_at_frequency <= fc.people_reached <= fc.total_people
    reached = cov.any(axis=1)
    assert fc.people_reached == pytest.approx(people[reached].sum())
    assert fc.people_reached + people[~reached].sum() == pytest.approx(fc.total_people)
    fmax = frequency_coverage(cov, people, vpm, required_per_month=weekly, combine="max")
    assert fmax.people_at_frequency <= fc.people_at_frequency
    assert (fmax.visits_per_month <= fc.visits_per_month + 1e-12).all()
