"""Candidates on the grid and the grid → selection-matrix glue, against direct travel times."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mps_planner.core.candidates import (
    CandidateCells,
    filter_candidates,
    regular_candidates,
    road_candidates,
    settlement_candidates,
)
from mps_planner.core.errors import InputError
from mps_planner.core.selection import maximal_covering
from mps_planner.core.selection_grid import build_selection, covered_by_district
from mps_planner.core.traveltime import CostGrid, travel_times


def world(seed=0, rows=40, cols=50):
    rng = np.random.default_rng(seed)
    speed = rng.uniform(3.0, 15.0, (rows, cols))
    speed[15:20, 20:30] = 0.0  # a lake
    people = rng.gamma(0.4, 8.0, (rows, cols)) * (rng.random((rows, cols)) < 0.4)
    people[speed == 0] = 0
    zones = np.where(np.arange(cols)[None, :] < cols // 2, 0, 1) + np.zeros((rows, 1), int)
    return rng, CostGrid.from_speed(speed, 100.0), speed, people, zones.astype(np.int32)


def test_coverage_matrix_is_what_each_candidate_reaches():
    rng, grid, speed, people, zones = world()
    rows, cols = np.array([3, 30, 10, 35]), np.array([4, 40, 45, 5])
    sel = build_selection(grid, people, rows, cols, 12.0, [20], [10], zones, with_costs=True)
    assert sel.coverage.shape == (np.count_nonzero(people), 4)
    for j in range(4):
        tt = travel_times(grid, [rows[j]], [cols[j]])
        want = tt.minutes.ravel()[sel.cells] <= 12.0
        got = np.asarray(sel.coverage[:, j].todense()).ravel()
        np.testing.assert_array_equal(got, want)
        stored = sel.costs[:, j].toarray().ravel()
        reached = tt.minutes.ravel()[sel.cells] <= 12.0
        np.testing.assert_allclose(stored[reached], tt.minutes.ravel()[sel.cells][reached])
    existing = travel_times(grid, [20], [10], max_minutes=12.0)
    np.testing.assert_array_equal(sel.already_covered, existing.minutes.ravel()[sel.cells] <= 12)
    assert list(sel.fixed) == [4]
    np.testing.assert_allclose(sel.weights.sum(), people.sum())


def test_maximal_covering_on_the_grid_matches_brute_force():
    rng, grid, speed, people, zones = world(2, 30, 30)
    open_cells = np.argwhere(speed > 0)
    pick = open_cells[rng.choice(len(open_cells), 7, replace=False)]
    sel = build_selection(
        grid, people, pick[:, 0], pick[:, 1], 8.0, [pick[0, 0]], [pick[0, 1]], zones
    )
    result = maximal_covering(sel.coverage, sel.weights, 2, already_covered=sel.already_covered)
    best = 0.0
    for combo in itertools.combinations(range(7), 2):
        rows = [pick[0, 0], *pick[list(combo), 0]]
        cols = [pick[0, 1], *pick[list(combo), 1]]
        covered = people[travel_times(grid, rows, cols, max_minutes=8.0).minutes <= 8.0].sum()
        best = max(best, covered)
    already = people.ravel()[sel.cells][sel.already_covered].sum()
    assert result.objective + already == pytest.approx(best, rel=1e-9)
    before, after, totals = covered_by_district(sel, result.sites, 2)
    assert np.all(before <= after + 1e-9) and np.all(after <= totals + 1e-9)
    assert after.sum() == pytest.approx(best, rel=1e-9)


def test_candidate_generators_and_filters():
    rng, grid, speed, people, zones = world(4)
    passable = speed > 0
    regular = regular_candidates(people, passable, 100.0, 1000.0)
    assert len(regular) > 0 and all(k == "regular" for k in regular.kinds)
    blocks = {(r // 10, c // 10) for r, c in zip(regular.rows, regular.cols)}
    assert len(blocks) == len(regular)  # one per 1 km block
    assert np.all(people[regular.rows, regular.cols] > 0)
    roads = np.zeros_like(passable)
    roads[25, :] = True
    on_road = road_candidates(roads, people, 100.0, 1500.0)
    assert len(on_road) > 0 and np.all(roads[on_road.rows, on_road.cols])
    peaks = settlement_candidates(people, passable, 100.0, 300.0, min_people=5)
    assert len(peaks) > 0 and np.all(people[peaks.rows, peaks.cols] > 0)
    mixed = CandidateCells.concat([regular, on_road, peaks, CandidateCells([17], [25])])
    exclusion = np.zeros_like(passable)
    exclusion[:, :5] = True
    kept, dropped = filter_candidates(mixed, passable, 100.0, exclusion, [0], [49], 800.0)
    assert np.all(passable[kept.rows, kept.cols])
    assert np.all(kept.cols >= 5)
    assert np.all(np.hypot(kept.rows - 0, kept.cols - 49) * 100 > 800)
    assert len(set(zip(kept.rows.tolist(), kept.cols.tolist()))) == len(kept)
    assert dropped.get("impassable") == 1  # the lake cell (17, 25)
    with pytest.raises(InputError, match="no candidate"):
        build_selection(grid, people, [], [], 10.0)
