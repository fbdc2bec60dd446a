"""Residents' reach of mobile stops, frequency-weighted coverage on the grid, and the fixed +
mobile classes per district: against full travel-time solves and plain numpy sums."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.mobile_combined import (
    FIXED,
    MOBILE,
    NOT_COVERED,
    combined_coverage,
    season_cross,
)
from mps_planner.core.mobile_cover import cover_relation, demand_cells, demand_points
from mps_planner.core.mobile_reach import grid_frequency_coverage, stop_reach
from mps_planner.core.traveltime import CostGrid, travel_times

CELL = 100.0
ROWS, COLS = 50, 70


def grid():
    return AnalysisGrid("EPSG:32649", (500000.0, CELL, 0.0, 4800000.0, 0.0, -CELL), (ROWS, COLS))


@pytest.fixture
def land():
    rng = np.random.default_rng(5)
    kmh = rng.uniform(4.0, 15.0, (ROWS, COLS))
    kmh[20:30, 30:33] = 0.0  # a lake
    people = np.where(rng.random((ROWS, COLS)) < 0.3, rng.integers(1, 9, (ROWS, COLS)), 0.0)
    return grid(), CostGrid.from_speed(kmh, CELL), people.astype(float)


def xy(g, rows, cols):
    return g.centre_of(np.asarray(rows), np.asarray(cols))


def test_reach_is_the_cells_within_the_minutes_of_a_full_solve(land):
    g, cost, people = land
    rows, cols = [5, 25, 40, 25], [5, 20, 60, 29]
    x, y = xy(g, rows, cols)
    reach = stop_reach(cost, g, x, y, 20.0, ["a", "b", "c", "d"])
    for j, (r, c) in enumerate(zip(rows, cols)):
        ref = travel_times(cost, [r], [c]).minutes <= 20.0
        got = np.zeros(ROWS * COLS, bool)
        got[reach.cells(j)] = True
        assert (got.reshape(ROWS, COLS) == ref).all()
        assert reach.people(people)[j] == pytest.approx(people[ref].sum())
    union = np.zeros((ROWS, COLS), bool)
    for r, c in zip(rows, cols):
        union |= travel_times(cost, [r], [c]).minutes <= 20.0
    assert reach.people_reached(people, [0, 1, 2, 3]) == pytest.approx(people[union].sum())


def test_stop_on_the_lake_is_moved_ashore_and_a_stop_far_off_is_named(land):
    g, cost, _ = land
    x, y = xy(g, [25], [31])
    reach = stop_reach(cost, g, x, y, 10.0, ["shore"])
    assert 0 < reach.moved_m[0] <= 200.0
    with pytest.raises(InputError, match="'far away'"):
        stop_reach(cost, g, [x[0], 900000.0], [y[0], 4700000.0], 10.0, ["ok", "far away"])


def test_visits_per_month_add_up_over_the_stops_a_cell_reaches(land):
    g, cost, people = land
    x, y = xy(g, [10, 14, 40], [10, 14, 50])
    reach = stop_reach(cost, g, x, y, 15.0)
    vpm = np.array([2.0, 1.0, 4.0])
    cell = reach.visits_per_month(vpm)
    sites = [(10, 10), (14, 14), (40, 50)]
    fields = [travel_times(cost, [r], [c]).minutes <= 15.0 for r, c in sites]
    expected = sum(v * f for v, f in zip(vpm, fields))
    assert cell == pytest.approx(expected)
    result = grid_frequency_coverage(reach, people, vpm, required_per_month=2.0).result
    assert result.total_people == pytest.approx(people.sum())
    reached = np.logical_or.reduce(fields)
    assert result.people_reached == pytest.approx(people[reached].sum())
    assert result.people_at_frequency == pytest.approx(people[reached & (expected >= 2.0)].sum())
    assert result.person_visits_per_month == pytest.approx((people * expected).sum())
    # a stricter requirement never reaches more people at it
    stricter = grid_frequency_coverage(reach, people, vpm, required_per_month=3.0).result
    assert stricter.people_at_frequency <= result.people_at_frequency
    # only the people in the mask count
    mask = np.zeros((ROWS, COLS), bool)
    mask[:, :35] = True
    half = grid_frequency_coverage(reach, people, vpm, 2.0, mask=mask).result
    assert half.total_people == pytest.approx(people[mask].sum())
    assert half.people_at_frequency == pytest.approx(
        people[mask & reached & (expected >= 2.0)].sum()
    )


def test_cover_relation_of_points_and_cells(land):
    g, cost, people = land
    x, y = xy(g, [10, 40], [10, 50])
    reach = stop_reach(cost, g, x, y, 12.0)
    px, py = xy(g, [10, 12, 40, 0], [11, 12, 49, 69])
    d = demand_points(g, [*px, 1e7], [*py, 0.0], [3, 4, 5, 6, 7], list("abcde"))
    rel = cover_relation(reach, d)
    for i, (r, c) in enumerate([(10, 11), (12, 12), (40, 49), (0, 69)]):
        for j, (sr, sc) in enumerate([(10, 10), (40, 50)]):
            assert rel[i, j] == (travel_times(cost, [sr], [sc]).minutes[r, c] <= 12.0)
    assert not rel[4].any()  # outside the grid: no stop covers it
    cells = demand_cells(people, g)
    assert cells.weights.sum() == pytest.approx(people.sum())
    with pytest.raises(InputError, match="'c'"):
        demand_points(g, [0, 0, 0], [0, 0, 0], [1, 2, -1], list("abc"))


def test_fixed_mobile_and_not_covered_add_up_exactly_per_district(land):
    g, cost, people = land
    rng = np.random.default_rng(1)
    people = people + rng.random((ROWS, COLS)) * 0.37  # fractions, to test exact sums
    fixed_t = travel_times(cost, [5], [5]).minutes
    x, y = xy(g, [25, 40], [50, 20])
    reach = stop_reach(cost, g, x, y, 20.0)
    vpm = reach.visits_per_month(np.array([2.2, 1.0]))
    zones = np.where(np.arange(COLS)[None, :] < 35, 0, 1) * np.ones((ROWS, 1), int)
    zones[:3, :] = -1  # outside both districts
    c = combined_coverage(people, fixed_t, 20.0, vpm, 2.0, zones, ["West", "East"])
    assert (c.fixed + c.mobile + c.not_covered == c.people).all()
    assert c.total_fixed + c.total_mobile + c.total_not_covered == c.total
    assert c.total == pytest.approx(people.sum())
    assert c.people.sum() == pytest.approx(people[3:].sum())
    fixed_mask = fixed_t <= 20.0
    mobile_mask = ~fixed_mask & (vpm >= 2.0)
    assert c.total_fixed == pytest.approx(people[fixed_mask].sum())
    assert c.total_mobile == pytest.approx(people[mobile_mask].sum())
    below = ~fixed_mask & (vpm > 0) & (vpm < 2.0)
    assert c.total_mobile_below == pytest.approx(people[below].sum())
    assert (c.classes[fixed_mask] == FIXED).all()
    assert (c.classes[mobile_mask] == MOBILE).all()
    assert (c.classes[~fixed_mask & ~mobile_mask] == NOT_COVERED).all()
    # visiting more often never leaves more people uncovered
    more = combined_coverage(people, fixed_t, 20.0, vpm * 3, 2.0, zones, ["West", "East"])
    assert (more.not_covered <= c.not_covered + 1e-9).all()
    # one more fixed facility never leaves more people uncovered
    fixed2 = travel_times(cost, [5, 45], [5, 65]).minutes
    extra = combined_coverage(people, fixed2, 20.0, vpm, 2.0, zones, ["West", "East"])
    assert (extra.not_covered <= c.not_covered + 1e-9).all()
    rows = c.rows()
    assert [r["district"] for r in rows] == ["West", "East", "Total"]


def test_fixed_people_split_by_the_level_of_the_nearest_facility(land):
    g, cost, people = land
    fixed = travel_times(cost, [5, 40, 10], [5, 60, 40])
    c = combined_coverage(
        people,
        fixed.minutes,
        15.0,
        np.zeros((ROWS, COLS)),
        1.0,
        fixed_nearest=fixed.nearest,
        site_levels=["county", "township", "township"],
    )
    assert set(c.total_fixed_levels) == {"county", "township"}
    assert sum(c.total_fixed_levels.values()) == pytest.approx(c.total_fixed)
    near_county = (fixed.minutes <= 15.0) & (fixed.nearest == 0)
    assert c.total_fixed_levels["county"] == pytest.approx(people[near_county].sum())


def test_a_plan_for_one_season_misses_the_people_who_moved(land):
    """Summer people in the west, winter people in the east; a summer stop in the west and a
    winter stop in the east: each plan covers its own season and misses the other's."""
    g, cost, _ = land
    summer = np.zeros((ROWS, COLS))
    winter = np.zeros((ROWS, COLS))
    summer[20:25, 8:12] = 10.0
    winter[20:25, 55:60] = 10.0
    fixed = np.full((ROWS, COLS), np.inf)
    x, y = xy(g, [22, 22], [10, 57])
    reach = stop_reach(cost, g, x, y, 25.0)
    cross = season_cross(
        {"summer": summer, "winter": winter},
        fixed,
        25.0,
        {
            "summer": reach.visits_per_month(np.array([2.2, 0.0])),
            "winter": reach.visits_per_month(np.array([0.0, 2.2])),
        },
        2.0,
    )
    assert cross.missed("summer", "summer") == 0.0
    assert cross.missed("winter", "winter") == 0.0
    assert cross.missed("summer", "winter") == pytest.approx(winter.sum())
    assert cross.missed("winter", "summer") == pytest.approx(summer.sum())
