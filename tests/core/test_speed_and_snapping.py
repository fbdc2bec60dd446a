"""Speed surfaces (land cover, roads, barriers, bridges) and placing sites on the grid."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.landcover import LANDCOVER_CLASSES, OFFROAD_SPEEDS_KMH
from mps_planner.core.snapping import snap_sites
from mps_planner.core.speed import (
    ROAD_CODES,
    SpeedSurface,
    build_speed_surface,
    default_class_speeds,
    default_road_speeds,
    landcover_speeds,
)
from mps_planner.core.traveltime import travel_times


def grid(rows=20, cols=30, cell=100.0):
    return AnalysisGrid("", (500000.0, cell, 0.0, 4800000.0, 0.0, -cell), (rows, cols))


def test_landcover_table_maps_every_class():
    lc = np.array([[1, 2, 3], [4, 5, 6]])
    kmh, missing = landcover_speeds(lc, default_class_speeds("walking"))
    for code, name in LANDCOVER_CLASSES.items():
        assert kmh[lc == code][0] == OFFROAD_SPEEDS_KMH["walking"][name]
    assert missing == []
    kmh, missing = landcover_speeds(np.array([[1, 9]]), {1: 5.0})
    assert missing == [9] and kmh[0, 1] == 0.0


def test_roads_override_land_cover_and_barriers_block_except_at_bridges():
    g = grid()
    lc = np.ones(g.shape, dtype=np.uint8)  # grassland
    roads = np.zeros(g.shape, dtype=np.uint8)
    roads[10, :] = ROAD_CODES["paved"]
    river = np.zeros(g.shape, dtype=bool)
    river[:, 15] = True
    surface, warnings = build_speed_surface(g, "vehicle", landcover=lc, roads=roads, barriers=river)
    assert warnings == []
    assert surface.kmh[10, 3] == default_road_speeds("vehicle")[ROAD_CODES["paved"]]
    assert surface.kmh[10, 15] > 0  # the road crosses: a bridge
    assert (surface.kmh[:10, 15] == 0).all() and (surface.kmh[11:, 15] == 0).all()
    # Everything east of the river is reached through the bridge only.
    tt = travel_times(surface.cost_grid(), [2], [2])
    detour = travel_times(surface.cost_grid(), [10], [15])
    assert np.all(tt.minutes[:, 16:] >= tt.minutes[10, 15] + detour.minutes[:, 16:] - 1e-9)


def test_explicit_bridges_restrict_crossings():
    g = grid()
    lc = np.ones(g.shape, dtype=np.uint8)
    roads = np.zeros(g.shape, dtype=np.uint8)
    roads[5, :] = ROAD_CODES["track"]
    roads[15, :] = ROAD_CODES["gravel"]
    river = np.zeros(g.shape, dtype=bool)
    river[:, 15] = True
    bridges = np.zeros(g.shape, dtype=bool)
    bridges[15, 15] = True
    surface, _ = build_speed_surface(
        g, "vehicle", landcover=lc, roads=roads, barriers=river, bridges=bridges
    )
    assert surface.kmh[5, 15] == 0 and surface.kmh[15, 15] > 0


def test_missing_classes_are_warned_and_all_impassable_is_refused():
    g = grid(4, 4)
    lc = np.full(g.shape, 7)
    lc[0, 0] = 1
    surface, warnings = build_speed_surface(g, "walking", landcover=lc)
    assert "7" in warnings[0] and surface.kmh[1, 1] == 0
    with pytest.raises(InputError, match="impassable"):
        build_speed_surface(g, "walking", landcover=np.full(g.shape, 4))  # all water
    with pytest.raises(InputError, match="more than 0"):
        build_speed_surface(g, constant_kmh=0)
    with pytest.raises(InputError, match="Unknown travel mode"):
        build_speed_surface(g, "flying", landcover=lc)
    with pytest.raises(InputError, match="cells but the analysis grid"):
        SpeedSurface(g, np.ones((3, 3)))


def test_study_area_outside_is_impassable():
    g = grid(5, 5)
    valid = np.zeros(g.shape, dtype=bool)
    valid[1:4, 1:4] = True
    surface, _ = build_speed_surface(g, constant_kmh=5.0, valid=valid)
    assert (surface.passable == valid).all()


def test_snapping_keeps_good_sites_and_moves_bad_ones():
    g = grid(10, 10)
    passable = np.ones(g.shape, dtype=bool)
    passable[4:7, 4:7] = False  # a lake
    x0, y0 = g.centre_of(np.array([2, 5]), np.array([2, 5]))
    snapped = snap_sites(g, passable, x0, y0, tolerance_m=250.0, names=["well", "lake"])
    assert (snapped.rows[0], snapped.cols[0]) == (2, 2) and snapped.moved_m[0] == 0
    assert passable[snapped.rows[1], snapped.cols[1]]
    assert 0 < snapped.moved_m[1] <= 250.0
    assert "lake" in snapped.report()[0]


def test_snapping_outside_the_raster():
    g = grid(10, 10)
    passable = np.ones(g.shape, dtype=bool)
    xmin, ymin, xmax, ymax = g.extent
    snapped = snap_sites(g, passable, [xmin - 60.0], [ymax - 150.0], tolerance_m=200.0)
    assert (snapped.rows[0], snapped.cols[0]) == (1, 0)
    with pytest.raises(InputError, match=r"'far' lies 5\.0 km outside the raster"):
        snap_sites(g, passable, [xmax + 5000.0], [ymin + 10], 200.0, names=["far"])
    passable[:] = False
    with pytest.raises(InputError, match="'wet' is on an impassable cell"):
        snap_sites(g, passable, [xmin + 50], [ymin + 50], 200.0, names=["wet"])
    with pytest.raises(InputError, match="no sites"):
        snap_sites(g, passable, [], [], 100.0)
