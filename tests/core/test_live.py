"""Live coverage: after any sequence of edits, the numbers equal a fresh batch computation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_planner.core.coverage import coverage_table
from mps_planner.core.errors import InputError
from mps_planner.core.live import LiveCoverage
from mps_planner.core.traveltime import CostGrid, travel_times


def world(seed, rows=40, cols=50):
    rng = np.random.default_rng(seed)
    speed = rng.uniform(2.0, 15.0, (rows, cols))
    speed[rng.random((rows, cols)) < 0.05] = 0.0
    people = rng.gamma(0.4, 10.0, (rows, cols)) * (rng.random((rows, cols)) < 0.5)
    people[speed == 0] = 0
    zones = (np.arange(cols)[None, :] >= cols // 2).astype(np.int32) + np.zeros((rows, 1), int)
    open_cells = np.argwhere(speed > 0)
    return rng, CostGrid.from_speed(speed, 100.0), people, zones.astype(np.int32), open_cells


def batch(grid, people, zones, cells, thresholds):
    if not cells:
        return None
    rows, cols = np.array(cells).T
    tt = travel_times(grid, rows, cols, max_minutes=max(thresholds))
    return coverage_table(people, tt, thresholds, zones, ["west", "east"])


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31), steps=st.lists(st.integers(0, 2), min_size=1, max_size=12))
def test_any_sequence_of_edits_matches_batch(seed, steps):
    rng, grid, people, zones, open_cells = world(seed)
    thresholds = [5.0, 10.0, 20.0]
    live = LiveCoverage(grid, people, thresholds, zones, ["west", "east"])
    placed: dict[int, tuple[int, int]] = {}
    next_key = 0
    for action in steps:
        before = live.summary().covered.copy()
        if action == 0 or not placed:  # add
            cell = tuple(open_cells[rng.integers(len(open_cells))])
            change = live.set_site(next_key, *cell)
            placed[next_key] = cell
            next_key += 1
        elif action == 1:  # move
            key = list(placed)[rng.integers(len(placed))]
            cell = tuple(open_cells[rng.integers(len(open_cells))])
            change = live.set_site(key, *cell)
            placed[key] = cell
        else:  # remove
            key = list(placed)[rng.integers(len(placed))]
            change = live.remove_site(key)
            del placed[key]
        after = live.summary()
        np.testing.assert_allclose(after.covered - before, change.net, atol=1e-6)
        assert np.all(after.covered + after.uncovered == after.total)
        ref = batch(grid, people, zones, list(placed.values()), thresholds)
        if ref is None:
            assert np.all(after.covered == 0)
            continue
        np.testing.assert_allclose(after.covered, ref.covered, rtol=1e-12, atol=1e-9)
        np.testing.assert_allclose(after.by_zone, ref.by_zone, rtol=1e-12, atol=1e-9)
        mask = live.covered_mask(1)
        np.testing.assert_array_equal(mask, ref_mask(grid, placed, 10.0))


def ref_mask(grid, placed, threshold):
    rows, cols = np.array(list(placed.values())).T
    return travel_times(grid, rows, cols, max_minutes=threshold).minutes <= threshold


def test_gained_and_lost_cells_of_a_move():
    rng, grid, people, zones, open_cells = world(3)
    live = LiveCoverage(grid, people, [10.0], zones)
    live.set_site("a", 10, 10)
    before = live.covered_mask(0).copy()
    change = live.set_site("a", 30, 40)
    after = live.covered_mask(0)
    gained = np.flatnonzero(~before.ravel() & after.ravel())
    lost = np.flatnonzero(before.ravel() & ~after.ravel())
    np.testing.assert_array_equal(np.sort(change.gained_cells[0]), gained)
    np.testing.assert_array_equal(np.sort(change.lost_cells[0]), lost)
    assert change.gained[0] == pytest.approx(people.ravel()[gained].sum(), abs=1e-6)
    assert change.lost_by_zone.sum() == pytest.approx(change.lost[0], abs=1e-6)
    # Moving it back undoes the change exactly.
    back = live.set_site("a", 10, 10)
    assert back.gained[0] == pytest.approx(change.lost[0]) and back.lost[0] == change.gained[0]
    np.testing.assert_array_equal(live.covered_mask(0), before)


def test_set_sites_and_best_minutes():
    rng, grid, people, zones, open_cells = world(5)
    live = LiveCoverage(grid, people, [8.0, 16.0], zones)
    sites = {k: tuple(open_cells[i]) for k, i in enumerate(rng.choice(len(open_cells), 4))}
    live.set_sites(sites)
    minutes, nearest = live.best_minutes()
    rows, cols = np.array(list(sites.values())).T
    ref = travel_times(grid, rows, cols, max_minutes=16.0)
    np.testing.assert_allclose(minutes, ref.minutes, rtol=1e-12)
    change = live.set_sites({})
    assert live.summary().covered.tolist() == [0.0, 0.0]
    assert change.lost[1] == pytest.approx(ref_table_cov(people, ref.minutes, 16.0), abs=1e-6)
    with pytest.raises(KeyError):
        live.remove_site("nope")
    with pytest.raises(InputError, match="different grids"):
        LiveCoverage(grid, np.ones((3, 3)), [10])


def ref_table_cov(people, minutes, t):
    return people[minutes <= t].sum()
