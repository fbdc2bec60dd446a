"""Coverage, gap hotspots, capacity-aware coverage and equity: invariants and references."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_planner.core.capacity import capacity_coverage
from mps_planner.core.coverage import coverage_table, gap_raster
from mps_planner.core.equity import equity_summary, weighted_gini
from mps_planner.core.errors import InputError
from mps_planner.core.hotspots import gap_hotspots
from mps_planner.core.traveltime import CostGrid, bounded_fields, travel_times


def landscape(seed: int, rows=60, cols=80):
    rng = np.random.default_rng(seed)
    speed = rng.uniform(2.0, 20.0, (rows, cols))
    speed[rng.random((rows, cols)) < 0.05] = 0.0
    people = rng.gamma(0.3, 20.0, (rows, cols)) * (rng.random((rows, cols)) < 0.4)
    people[speed == 0] = 0.0
    zones = np.arange(cols)[None, :] * 3 // cols + 3 * (np.arange(rows)[:, None] * 2 // rows)
    zones = np.broadcast_to(zones, (rows, cols)).astype(np.int32).copy()
    zones[:2, :2] = -1  # a corner outside every district
    grid = CostGrid.from_speed(speed, 100.0)
    open_cells = np.argwhere(speed > 0)
    return rng, grid, people, zones, open_cells


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), n_sites=st.integers(1, 6))
def test_totals_are_exact_and_monotone(seed, n_sites):
    rng, grid, people, zones, open_cells = landscape(seed)
    pick = open_cells[rng.choice(len(open_cells), n_sites, replace=False)]
    tt = travel_times(grid, pick[:, 0], pick[:, 1], max_minutes=40.0)
    names = [f"d{i}" for i in range(6)]
    table = coverage_table(people, tt, [10, 20, 40], zones, names, n_sites=n_sites)
    assert (table.covered + table.uncovered == table.total).all()
    assert np.all(np.diff(table.covered) >= 0)  # a larger threshold never covers fewer
    np.testing.assert_allclose(table.by_site.sum(axis=0), table.covered, rtol=1e-12)
    in_zones = table.by_zone.sum(axis=0)
    assert np.all(in_zones <= table.covered + 1e-9)
    assert table.zone_totals.sum() + table.outside_zones == pytest.approx(table.total, abs=1e-6)
    # Independent reference: plain float sums of the people within each threshold (the
    # fixed point rounds each cell to 2⁻³⁰ person).
    tol = np.count_nonzero(people) * 2.0**-31 + 1e-9
    for k, t in enumerate(table.thresholds):
        assert table.covered[k] == pytest.approx(people[tt.minutes <= t].sum(), abs=tol)
        for z in range(6):
            want = people[(tt.minutes <= t) & (zones == z)].sum()
            assert table.by_zone[z, k] == pytest.approx(want, abs=tol)
    gap = gap_raster(people, tt.minutes, 20)
    assert gap.sum() == pytest.approx(table.uncovered[1], abs=tol)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31))
def test_adding_a_site_never_lowers_coverage(seed):
    rng, grid, people, _zones, open_cells = landscape(seed)
    pick = open_cells[rng.choice(len(open_cells), 4, replace=False)]
    before = coverage_table(people, travel_times(grid, pick[:3, 0], pick[:3, 1]), [15, 30])
    after = coverage_table(people, travel_times(grid, pick[:, 0], pick[:, 1]), [15, 30])
    assert np.all(after.covered >= before.covered)


def test_thresholds_are_checked():
    _rng, grid, people, _zones, open_cells = landscape(1)
    tt = travel_times(grid, open_cells[:1, 0], open_cells[:1, 1], max_minutes=30)
    with pytest.raises(InputError, match="up to 30 min"):
        coverage_table(people, tt, [60])
    with pytest.raises(InputError, match="more than 0"):
        coverage_table(people, tt, [0, 10])
    with pytest.raises(InputError, match="at least one"):
        coverage_table(people, tt, [])


def test_hotspots_rank_separate_clusters_and_keep_every_person():
    gap = np.zeros((50, 60))
    gap[5:8, 5:8] = 10.0  # 90 people
    gap[30:34, 40:45] = 7.0  # 140 people
    gap[31, 50] = 3.0  # 5 cells east of the second blob: linked at 600 m, not at 300 m
    result = gap_hotspots(gap, 100.0, link_m=600.0, centre_radius_m=200.0, min_people=0)
    assert [h.people for h in result.hotspots] == [143.0, 90.0]
    assert sum(h.people for h in result.hotspots) == gap.sum()
    big = result.hotspots[0]
    assert 30 <= big.centre_row < 34 and 40 <= big.centre_col < 45
    assert result.regions[31, 50] == 1 and result.regions[6, 6] == 2
    split = gap_hotspots(gap, 100.0, link_m=300.0, min_people=0)
    assert len(split.hotspots) == 3
    assert gap_hotspots(np.zeros((5, 5)), 100.0).hotspots == []


def greedy_reference(people, fields, capacity, threshold):
    """Global nearest-first greedy, pair by pair: an independent (slow) reference."""
    pairs = []
    for s, f in enumerate(fields):
        for c, t in zip(f.cells.tolist(), f.minutes.tolist()):
            if t <= threshold and people.ravel()[c] > 0:
                pairs.append((t, c, s))
    left = people.ravel().astype(float).copy()
    room = np.asarray(capacity, float).copy()
    served = np.zeros(len(fields))
    for _t, c, s in sorted(pairs):
        amount = min(left[c], room[s])
        left[c] -= amount
        room[s] -= amount
        served[s] += amount
    return served


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31), n_sites=st.integers(2, 5))
def test_capacity_coverage_is_order_independent_and_matches_greedy(seed, n_sites):
    rng, grid, people, _zones, open_cells = landscape(seed, 30, 40)
    people = np.round(people)  # whole people: the greedy reference works in floats
    pick = open_cells[rng.choice(len(open_cells), n_sites, replace=False)]
    fields = bounded_fields(grid, pick[:, 0], pick[:, 1], 25.0)
    capacity = rng.uniform(0, people.sum() / n_sites, n_sites).round()
    result = capacity_coverage(people, fields, capacity, 20.0)
    assert np.all(result.served_by_site <= capacity + 1e-9)
    assert result.served_total + result.unserved_in_reach + result.out_of_reach == result.total
    np.testing.assert_allclose(
        result.served_by_site, greedy_reference(people, fields, capacity, 20.0), atol=1e-5
    )
    perm = rng.permutation(n_sites)
    shuffled = capacity_coverage(people, [fields[i] for i in perm], capacity[perm], 20.0)
    np.testing.assert_array_equal(shuffled.served_by_site, result.served_by_site[perm])
    np.testing.assert_array_equal(shuffled.served, result.served)


def test_unlimited_capacity_is_nearest_site_coverage():
    rng, grid, people, _zones, open_cells = landscape(4, 30, 40)
    pick = open_cells[rng.choice(len(open_cells), 3, replace=False)]
    fields = bounded_fields(grid, pick[:, 0], pick[:, 1], 20.0)
    result = capacity_coverage(people, fields, [np.inf] * 3, 20.0)
    table = coverage_table(people, travel_times(grid, pick[:, 0], pick[:, 1]), [20.0])
    assert result.served_total == pytest.approx(table.covered[0], rel=1e-9)
    assert result.unserved_in_reach == 0
    with pytest.raises(InputError, match="one capacity per site"):
        capacity_coverage(people, fields, [1.0], 20.0)
    with pytest.raises(InputError, match="reach only 20"):
        capacity_coverage(people, fields, [1.0] * 3, 30.0)


def test_capacity_by_hand():
    """Two sites on a line; the near one fills up and the rest walk on to the far one."""
    grid = CostGrid(np.ones((1, 11)))
    people = np.zeros((1, 11))
    people[0, [1, 2, 3]] = [4.0, 4.0, 4.0]
    fields = bounded_fields(grid, [0, 0], [0, 10], 20.0)
    result = capacity_coverage(people, fields, [6.0, 100.0], 20.0)
    np.testing.assert_allclose(result.served_by_site, [6.0, 6.0])
    np.testing.assert_allclose(result.served[0, 1:4], [4.0, 4.0, 4.0])
    small = capacity_coverage(people, fields, [6.0, 3.0], 20.0)
    assert small.unserved_in_reach == 3.0 and small.served_total == 9.0


def test_weighted_gini_equals_pairwise_definition():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, 40)
    w = rng.uniform(0, 5, 40)
    pairwise = (w[:, None] * w[None, :] * np.abs(x[:, None] - x[None, :])).sum()
    want = pairwise / (2 * w.sum() ** 2 * (w * x).sum() / w.sum())
    assert weighted_gini(x, w) == pytest.approx(want, rel=1e-12)
    assert weighted_gini(np.full(5, 3.0), np.ones(5)) == pytest.approx(0.0, abs=1e-15)


def test_equity_summary_on_a_town_and_its_countryside():
    # District 0: a dense town next to the site; district 1: a sparse countryside far away.
    speed = np.full((20, 40), 5.0)
    grid = CostGrid.from_speed(speed, 100.0)
    people = np.zeros((20, 40))
    people[8:12, 0:4] = 500.0
    people[::3, 20:] = 2.0
    zones = np.zeros((20, 40), dtype=np.int32)
    zones[:, 20:] = 1
    tt = travel_times(grid, [10], [2])
    table = coverage_table(people, tt, [10, 30], zones, ["town", "steppe"])
    summary = equity_summary(table, people, tt.minutes, zones)
    assert summary.urban_district == "town"
    town, steppe = summary.districts
    assert town.covered_share == [1.0, 1.0]
    assert steppe.covered_share[0] == 0.0
    assert summary.max_min_ratio[0] == float("inf")
    assert summary.urban_rural_gap[0] == pytest.approx(1.0)
    assert town.mean_minutes < steppe.mean_minutes
    assert 0 < summary.gini_minutes < 1
