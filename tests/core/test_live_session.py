"""The panel's live session: numbers equal a fresh batch computation, windows rebuild the map."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.coverage import coverage_table
from mps_planner.core.errors import Cancelled
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.live_session import LiveSession, SiteRequest, merge_boxes
from mps_planner.core.traveltime import CostGrid, travel_times

CELL = 100.0


def world(seed=0, rows=60, cols=80):
    rng = np.random.default_rng(seed)
    speed = rng.uniform(3.0, 12.0, (rows, cols))
    speed[20:24, :] = 0.0  # a river …
    speed[20:24, 40:42] = 10.0  # … with one bridge
    summer = rng.gamma(0.5, 8.0, (rows, cols)) * (rng.random((rows, cols)) < 0.4)
    winter = np.roll(summer, 7, axis=1)
    summer[speed == 0] = 0
    winter[speed == 0] = 0
    zones = np.where(np.arange(cols)[None, :] < cols // 2, 0, 1) + np.zeros((rows, 1), int)
    grid = AnalysisGrid("", (0.0, CELL, 0.0, rows * CELL, 0.0, -CELL), (rows, cols))
    cost = CostGrid.from_speed(speed, CELL)
    return rng, grid, cost, {"summer": summer, "winter": winter}, zones.astype(np.int32)


def site(key, row, col, grid, dx=0.0, dy=0.0):
    x, y = grid.centre_of(row, col)
    return SiteRequest(key, float(x) + dx, float(y) + dy, name=f"stop {key}")


def reference(cost, people, zones, cells, thresholds):
    rows, cols = np.array(cells).T
    tt = travel_times(cost, rows, cols, max_minutes=max(thresholds))
    return coverage_table(people, tt, thresholds, zones, ["west", "east"]), tt


def paint(raster, window):
    r0, r1, c0, c1 = window.bounds()
    for name in raster:
        raster[name][r0:r1, c0:c1] = getattr(window, name)


def test_updates_match_batch_and_windows_rebuild_the_map():
    rng, grid, cost, people, zones = world(1)
    thresholds = [5.0, 10.0, 20.0]
    session = LiveSession(
        grid, cost, people, thresholds, 10.0, zones=zones, zone_names=["west", "east"]
    )
    start = session.full_window()
    raster = {"bands": start.bands.copy(), "gap": start.gap.copy(), "change": start.change.copy()}
    sites: dict[str, SiteRequest] = {}
    open_cells = np.argwhere(cost.inner(cost.cost) < np.inf)
    for step in range(12):
        key = str(rng.integers(5))
        if key in sites and step % 4 == 3:
            del sites[key]
        else:
            r, c = open_cells[rng.integers(len(open_cells))]
            sites[key] = site(key, r, c, grid)
        update = session.update(list(sites.values()))
        for window in update.windows:
            paint(raster, window)
        full = session.full_window()
        np.testing.assert_array_equal(raster["bands"], full.bands)
        np.testing.assert_array_equal(raster["gap"], full.gap)
        np.testing.assert_array_equal(raster["change"], full.change)
        if not sites:
            assert update.summary.covered.tolist() == [0.0, 0.0, 0.0]
            continue
        cells = [update.placed[k][:2] for k in sites]
        ref, tt = reference(cost, people["summer"], zones, cells, thresholds)
        np.testing.assert_allclose(update.summary.covered, ref.covered, rtol=0, atol=1e-9)
        np.testing.assert_allclose(update.summary.by_zone, ref.by_zone, rtol=0, atol=1e-9)
        # The rasters say the same as the batch travel times.
        expected_bands = np.zeros(grid.shape, np.uint8)
        for k in range(len(thresholds) - 1, -1, -1):
            expected_bands[tt.minutes <= thresholds[k]] = k + 1
        np.testing.assert_array_equal(full.bands, expected_bands)
        gap = np.where(tt.minutes <= 10.0, 0.0, people["summer"])
        np.testing.assert_allclose(full.gap, gap, rtol=1e-6)
        # The change raster marks exactly the cells gained and lost at the target.
        assert (full.change == 1).sum() == update.change.gained_cells[1].size
        assert (full.change == 2).sum() == update.change.lost_cells[1].size


def test_season_switch_keeps_fields_and_recounts():
    _, grid, cost, people, zones = world(2)
    session = LiveSession(grid, cost, people, [10.0, 20.0], zones=zones, zone_names=["w", "e"])
    sites = [site("a", 10, 10, grid), site("b", 45, 60, grid)]
    session.update(sites)
    misses = session.cache.misses
    update = session.set_season("winter")
    assert session.cache.misses == misses
    ref, _ = reference(cost, people["winter"], zones, [(10, 10), (45, 60)], [10.0, 20.0])
    np.testing.assert_allclose(update.summary.covered, ref.covered, atol=1e-9)
    np.testing.assert_allclose(update.summary.zone_totals, ref.zone_totals, atol=1e-9)
    assert update.summary.total == pytest.approx(people["winter"].sum())


def test_moving_back_uses_the_cache_and_restores_the_numbers():
    _, grid, cost, people, _ = world(3)
    session = LiveSession(grid, cost, people, [10.0])
    first = session.update([site("a", 5, 5, grid), site("b", 40, 70, grid)]).summary
    session.update([site("a", 50, 20, grid), site("b", 40, 70, grid)])
    misses = session.cache.misses
    back = session.update([site("a", 5, 5, grid), site("b", 40, 70, grid)])
    assert session.cache.misses == misses
    np.testing.assert_array_equal(back.summary.covered, first.covered)


def test_sites_off_the_grid_or_in_water_are_snapped_or_reported():
    _, grid, cost, people, _ = world(4)
    in_river = site("wet", 21, 10, grid)  # the river is impassable, land is 150 m away
    far = SiteRequest("far", -50_000.0, 3_000.0, name="far away")
    ok = site("ok", 40, 40, grid)
    update = LiveSession(grid, cost, people, [10.0], snap_m=500.0).update([in_river, far, ok])
    assert set(update.placed) == {"wet", "ok"}
    row, col, moved = update.placed["wet"]
    assert row in (19, 24) and col == 10 and moved > 0
    assert len(update.problems) == 1 and "far away" in update.problems[0]


def test_cancelled_update_changes_nothing():
    _, grid, cost, people, _ = world(5)
    session = LiveSession(grid, cost, people, [10.0])
    before = session.update([site("a", 5, 5, grid)]).summary
    with pytest.raises(Cancelled):
        session.update([site("a", 5, 5, grid), site("b", 50, 50, grid)], cancel=lambda: True)
    np.testing.assert_array_equal(session.summary().covered, before.covered)
    assert set(session.placed) == {"a"}


def test_difference_between_two_sets_of_sites():
    _, grid, cost, people, _ = world(6)
    session = LiveSession(grid, cost, people, [5.0, 10.0], 10.0)
    a = [site("a", 10, 10, grid)]
    b = [site("a", 10, 10, grid), site("b", 50, 60, grid)]
    cov_a = session.update(a).summary.covered[1]
    cov_b = session.update(b).summary.covered[1]
    diff, area = session.difference(a, b)
    assert diff.min() >= 0  # adding a site never loses anyone
    assert diff.sum() == pytest.approx(cov_b - cov_a, abs=1e-6)
    assert set(np.unique(area)) <= {0, 1} and (area == 1).any()
    assert np.all(area[diff > 0] == 1)  # people gain only where the area is gained
    back, back_area = session.difference(b, a)
    np.testing.assert_allclose(back, -diff)
    np.testing.assert_array_equal(back_area, np.where(area == 1, 2, 0))


def test_merge_boxes_leaves_no_overlap_and_covers_every_box():
    rng = np.random.default_rng(7)
    for _ in range(50):
        boxes = []
        for _ in range(rng.integers(1, 8)):
            r0, c0 = rng.integers(0, 50, 2)
            boxes.append(
                (int(r0), int(r0 + rng.integers(1, 15)), int(c0), int(c0 + rng.integers(1, 15)))
            )
        merged = merge_boxes(boxes)
        for i, a in enumerate(merged):
            for b in merged[i + 1 :]:
                assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3])
        for box in boxes:
            assert any(
                m[0] <= box[0] and box[1] <= m[1] and m[2] <= box[2] and box[3] <= m[3]
                for m in merged
            )
    assert len(merge_boxes([(0, 2, 0, 2), (10, 12, 10, 12)])) == 2


def test_straight_line_fields_match_straight_line_times():
    from mps_planner.core.live_session import straight_field_maker
    from mps_planner.core.traveltime import straight_line_times

    _, grid, cost, people, _ = world(8)
    maker = straight_field_maker(grid, 5.0, 12.0)
    session = LiveSession(grid, cost, people, [6.0, 12.0], field_maker=maker)
    sites = [site("a", 3, 4, grid), site("b", 50, 70, grid)]
    update = session.update(sites)
    ref = straight_line_times(grid.shape, CELL, [3, 50], [4, 70], 5.0, max_minutes=12.0)
    table = coverage_table(people["summer"], ref, [6.0, 12.0])
    np.testing.assert_allclose(update.summary.covered, table.covered, atol=1e-9)
