"""Travel times: hand-computed grids, scikit-image's MCP_Geometric as the reference, invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from skimage.graph import MCP_Geometric

from mps_planner.core.errors import Cancelled, InputError, TooLargeError
from mps_planner.core.traveltime import (
    CostGrid,
    bounded_field,
    bounded_fields,
    combine_fields,
    crossing_minutes,
    straight_line_times,
    travel_times,
)


def reference(cost: np.ndarray, rows, cols) -> np.ndarray:
    """MCP_Geometric with 8 neighbours: the model the engine must reproduce."""
    mcp = MCP_Geometric(np.where(np.isfinite(cost), cost, np.inf), fully_connected=True)
    times, _ = mcp.find_costs(list(zip(np.atleast_1d(rows), np.atleast_1d(cols))))
    return times


def test_uniform_grid_gives_octile_distances():
    grid = CostGrid(np.full((7, 9), 2.0))
    tt = travel_times(grid, [3], [4])
    r, c = np.mgrid[0:7, 0:9]
    dr, dc = np.abs(r - 3), np.abs(c - 4)
    expected = 2.0 * (np.maximum(dr, dc) - np.minimum(dr, dc) + math.sqrt(2) * np.minimum(dr, dc))
    np.testing.assert_allclose(tt.minutes, expected, rtol=1e-12)
    assert (tt.nearest == 0).all()


def test_step_cost_is_mean_of_the_two_cells():
    cost = np.array([[1.0, 3.0, 5.0]])
    tt = travel_times(CostGrid(cost), [0], [0])
    np.testing.assert_allclose(tt.minutes[0], [0.0, 2.0, 6.0])


def test_wall_with_a_gap_forces_the_detour():
    cost = np.ones((5, 5))
    cost[:, 2] = np.inf
    cost[4, 2] = 1.0  # the only gap, bottom row
    tt = travel_times(CostGrid(cost), [0], [0])
    assert np.isinf(tt.minutes[0:4, 2]).all()
    assert tt.nearest[0, 2] == -1
    # Top right must go down through the gap and back up.
    np.testing.assert_allclose(tt.minutes[0, 4], reference(cost, 0, 0)[0, 4])
    assert tt.minutes[0, 4] > 6.0


def _random_case(seed: int, rows: int, cols: int, n_sources: int, blocked: float):
    rng = np.random.default_rng(seed)
    speed = rng.uniform(0.5, 60.0, (rows, cols))
    speed[rng.random((rows, cols)) < blocked] = 0.0
    cost = crossing_minutes(speed, 100.0)
    open_cells = np.argwhere(np.isfinite(cost))
    pick = open_cells[rng.choice(len(open_cells), size=min(n_sources, len(open_cells)))]
    return cost, pick[:, 0], pick[:, 1]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    rows=st.integers(1, 40),
    cols=st.integers(1, 40),
    n_sources=st.integers(1, 6),
    blocked=st.sampled_from([0.0, 0.1, 0.3]),
)
def test_agrees_with_mcp_geometric(seed, rows, cols, n_sources, blocked):
    cost, sr, sc = _random_case(seed, rows, cols, n_sources, blocked)
    if sr.size == 0:
        return
    tt = travel_times(CostGrid(cost), sr, sc)
    ref = reference(cost, sr, sc)
    assert np.array_equal(np.isinf(tt.minutes), np.isinf(ref))
    finite = np.isfinite(ref)
    np.testing.assert_allclose(tt.minutes[finite], ref[finite], rtol=1e-9, atol=1e-12)
    # The nearest source really is one whose own time equals the minimum.
    own = np.stack([reference(cost, r, c) for r, c in zip(sr, sc)])
    label = tt.nearest[finite]
    assert (label >= 0).all()
    picked = own[label, np.flatnonzero(finite) // cols, np.flatnonzero(finite) % cols]
    np.testing.assert_allclose(picked, ref[finite], rtol=1e-9, atol=1e-12)


def test_large_fronts_agree_with_mcp():
    """A grid big enough that the search switches to its bucket phase."""
    cost, sr, sc = _random_case(7, 400, 500, 30, 0.05)
    tt = travel_times(CostGrid(cost), sr, sc)
    ref = reference(cost, sr, sc)
    finite = np.isfinite(ref)
    assert np.array_equal(np.isfinite(tt.minutes), finite)
    np.testing.assert_allclose(tt.minutes[finite], ref[finite], rtol=1e-9)


def test_start_minutes_shift_each_source():
    cost, sr, sc = _random_case(3, 30, 30, 3, 0.0)
    start = np.array([0.0, 5.0, 12.5])
    tt = travel_times(CostGrid(cost), sr, sc, start_minutes=start)
    own = np.stack([reference(cost, r, c) + s for r, c, s in zip(sr, sc, start)])
    np.testing.assert_allclose(tt.minutes, own.min(axis=0), rtol=1e-9)


def test_bounded_field_equals_full_solve_within_limit():
    cost, sr, sc = _random_case(11, 120, 150, 1, 0.1)
    grid = CostGrid(cost)
    full = travel_times(grid, sr, sc)
    for limit in (3.0, 10.0, 25.0):
        field = bounded_field(grid, int(sr[0]), int(sc[0]), limit)
        inside = np.flatnonzero(full.minutes.ravel() <= limit)
        assert np.array_equal(np.sort(field.cells), inside)
        order = np.argsort(field.cells)
        np.testing.assert_allclose(field.minutes[order], full.minutes.ravel()[inside], rtol=1e-12)
    # The workspace is clean afterwards: a full solve still agrees with the reference.
    again = travel_times(grid, sr, sc)
    np.testing.assert_array_equal(again.minutes, full.minutes)


def test_bounded_mode_of_travel_times_cuts_at_the_limit():
    cost, sr, sc = _random_case(5, 60, 60, 4, 0.1)
    grid = CostGrid(cost)
    full = travel_times(grid, sr, sc)
    cut = travel_times(grid, sr, sc, max_minutes=8.0)
    keep = full.minutes <= 8.0
    np.testing.assert_array_equal(cut.minutes[keep], full.minutes[keep])
    assert np.isinf(cut.minutes[~keep]).all()
    assert (cut.nearest[~keep] == -1).all()


def test_larger_limit_never_reaches_fewer_cells():
    cost, sr, sc = _random_case(9, 80, 80, 1, 0.2)
    grid = CostGrid(cost)
    sizes = [len(bounded_field(grid, int(sr[0]), int(sc[0]), t)) for t in (1, 2, 5, 10, 20, 40)]
    assert sizes == sorted(sizes)


def test_combined_fields_equal_multi_source_solve():
    cost, sr, sc = _random_case(13, 70, 90, 5, 0.1)
    grid = CostGrid(cost)
    fields = bounded_fields(grid, sr, sc, 15.0)
    combined = combine_fields(fields, grid.shape)
    direct = travel_times(grid, sr, sc, max_minutes=15.0)
    np.testing.assert_allclose(combined.minutes, direct.minutes, rtol=1e-12)
    reached = np.isfinite(direct.minutes)
    # Ties between sources may pick either; the time of the picked source must be the minimum.
    for k in np.unique(combined.nearest[reached]):
        cells = np.flatnonzero((combined.nearest == k).ravel())
        own = dict(zip(fields[k].cells.tolist(), fields[k].minutes.tolist()))
        np.testing.assert_allclose([own[c] for c in cells], combined.minutes.ravel()[cells])


def test_adding_a_source_never_increases_times():
    cost, sr, sc = _random_case(17, 50, 50, 4, 0.1)
    grid = CostGrid(cost)
    fewer = travel_times(grid, sr[:3], sc[:3])
    more = travel_times(grid, sr, sc)
    assert (more.minutes <= fewer.minutes).all()


def test_straight_line_times_are_euclidean():
    rows, cols = np.array([5, 20]), np.array([7, 30])
    tt = straight_line_times((30, 40), 100.0, rows, cols, kmh=6.0)
    r, c = np.mgrid[0:30, 0:40]
    metres = np.stack([np.hypot(r - a, c - b) * 100.0 for a, b in zip(rows, cols)])
    np.testing.assert_allclose(tt.minutes, metres.min(axis=0) / 1000 / 6.0 * 60, rtol=1e-12)
    assert (tt.nearest == metres.argmin(axis=0)).all()
    cut = straight_line_times((30, 40), 100.0, rows, cols, kmh=6.0, max_minutes=10.0)
    assert np.isinf(cut.minutes[tt.minutes > 10.0]).all()


def test_cancel_raises_and_leaves_the_grid_usable():
    cost, sr, sc = _random_case(19, 300, 300, 2, 0.0)
    grid = CostGrid(cost)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        travel_times(grid, sr, sc, cancel=cancel)
    with pytest.raises(Cancelled):
        bounded_field(grid, int(sr[0]), int(sc[0]), 1e6, cancel=lambda: True)
    tt = travel_times(grid, sr, sc)
    np.testing.assert_allclose(tt.minutes, reference(cost, sr, sc), rtol=1e-9)


def test_bad_inputs_are_explained():
    grid = CostGrid(np.array([[1.0, np.inf], [1.0, 1.0]]))
    with pytest.raises(InputError, match="no sources"):
        travel_times(grid, [], [])
    with pytest.raises(InputError, match="outside the grid"):
        travel_times(grid, [5], [0])
    with pytest.raises(InputError, match="impassable"):
        travel_times(grid, [0], [1])
    with pytest.raises(InputError, match="more than 0 minutes"):
        travel_times(grid, [0], [0], max_minutes=-5)
    with pytest.raises(InputError, match="time limit"):
        bounded_field(grid, 0, 0, 0)
    with pytest.raises(TooLargeError, match="coarser cell size"):
        CostGrid(np.ones((100, 100)), max_bytes=1000)


def test_no_passable_cell_reaches_nothing_but_does_not_fail():
    grid = CostGrid(np.array([[1.0, np.inf, 1.0]]))
    tt = travel_times(grid, [0], [0])
    assert tt.minutes[0, 0] == 0 and np.isinf(tt.minutes[0, 1:]).all()
