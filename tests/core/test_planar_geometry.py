"""Plane geometry helpers against hand-made cases and against each other."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.planar_geometry import (
    densify,
    distance_to_polyline,
    insert_vertex,
    point_along,
    points_in_polygon,
    polyline_length,
    rasterize_polygon,
    ring_area,
    segment_intersections,
    split_polyline,
)

SQUARE = np.array([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], dtype=float)
L_SHAPE = np.array([[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]], dtype=float)


def test_area_sign_and_value():
    assert ring_area(SQUARE) == 100
    assert ring_area(SQUARE[::-1]) == -100
    assert ring_area(L_SHAPE) == 10 * 4 + 4 * 6


def test_points_in_concave_polygon():
    x = np.array([1, 8, 8, 2, 5, -1, 11])
    y = np.array([1, 2, 8, 8, 5, 5, 5])
    assert points_in_polygon(x, y, L_SHAPE).tolist() == [
        True,
        True,
        False,
        True,
        False,
        False,
        False,
    ]


def test_many_points_take_the_sorted_path_and_agree():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-2, 12, (2, 300_000))
    got = points_in_polygon(x, y, L_SHAPE)
    expected = (x > 0) & (x < 10) & (y > 0) & (y < 10) & ~((x > 4) & (y > 4))
    assert np.array_equal(got, expected)


def _star(rng, n=40):
    theta = np.sort(rng.uniform(0, 2 * np.pi, n))
    r = rng.uniform(3, 10, n)
    return np.column_stack([50 + r * np.cos(theta), 50 + r * np.sin(theta)])


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_rasterize_equals_points_in_polygon_on_centres(seed):
    rng = np.random.default_rng(seed)
    ring = _star(rng)
    grid = AnalysisGrid("", (35.0, 0.7, 0.0, 65.0, 0.0, -0.7), (43, 43))
    rows, cols = np.mgrid[0 : grid.rows, 0 : grid.cols]
    cx, cy = grid.centre_of(rows.ravel(), cols.ravel())
    expected = points_in_polygon(cx, cy, ring).reshape(grid.shape)
    assert np.array_equal(rasterize_polygon(ring, grid), expected)
    # The cell count approximates the area.
    assert abs(expected.sum() * 0.49 - abs(ring_area(ring))) < 0.2 * abs(ring_area(ring)) + 5


def test_polygons_sharing_an_edge_partition_points():
    left = np.array([[0, 0], [5, 0], [5.7, 10], [0, 10]], dtype=float)
    right = np.array([[5, 0], [10, 0], [10, 10], [5.7, 10]], dtype=float)
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0.01, 9.99, (2, 50_000))
    t = np.linspace(0.01, 0.99, 99)  # points on (or within rounding of) the shared edge
    x = np.concatenate([x, 5 + 0.7 * t])
    y = np.concatenate([y, 10 * t])
    count = points_in_polygon(x, y, left).astype(int) + points_in_polygon(x, y, right)
    assert np.all(count == 1)


def test_segment_intersections_and_split():
    a = np.array([[0, 0], [10, 0], [10, 10]], dtype=float)
    b = np.array([[5, -5], [5, 5], [15, 5]], dtype=float)
    hits = segment_intersections(a, b)
    points = sorted(tuple(np.round(p, 9)) for p, *_ in hits)
    assert points == [(5.0, 0.0), (10.0, 5.0)]
    cuts = [(sa, ta, p) for p, sa, ta, _, _ in hits]
    pieces = split_polyline(a, cuts)
    assert len(pieces) == 3
    assert np.isclose(sum(polyline_length(p) for p in pieces), polyline_length(a))
    for first, second in zip(pieces, pieces[1:]):
        assert np.array_equal(first[-1], second[0])
    parallel = np.array([[0, 1], [10, 1]], dtype=float)
    assert segment_intersections(np.array([[0, 0], [10, 0]], dtype=float), parallel) == []


def test_densify_point_along_distance_and_insert():
    line = np.array([[0, 0], [30, 40]], dtype=float)
    dense = densify(line, 7.0)
    assert len(dense) == 9  # 50 / 7 -> 8 pieces
    assert np.isclose(polyline_length(dense), 50)
    assert np.allclose(point_along(line, 25), [15, 20])
    assert np.allclose(distance_to_polyline([0, 30, 3], [10, 50, -4], line), [6, 10, 5])
    longer = insert_vertex(line, 0, np.array([3.0, 4.0]))
    assert len(longer) == 3 and polyline_length(longer) == 50
