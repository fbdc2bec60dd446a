"""Count-preserving regridding (core.population) against independent references.

Transforms here are analytic (affine, or a conic projection with an exact inverse), so no
pyproj or GDAL is involved; tests/io covers the real EPSG:4326 → UTM case.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_planner.core.errors import Cancelled, TooLargeError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.population import (
    NODATA,
    Population,
    SourceGrid,
    check_grid_size,
    clean_counts,
    regrid_counts,
    regrid_memory_bytes,
)
from mps_planner.core.population_overlap import choose_refinement, quad_cell_shares

from .overlap_reference import reference_regrid


def affine(angle: float, sx: float, sy: float, ox: float, oy: float):
    """Source (x, y) → metres: scale by (sx, sy), rotate by ``angle``, shift; and its inverse."""
    c, s = math.cos(angle), math.sin(angle)

    def forward(x, y):
        x = np.asarray(x, float) * sx
        y = np.asarray(y, float) * sy
        return c * x - s * y + ox, s * x + c * y + oy

    def inverse(x, y):
        x = np.asarray(x, float) - ox
        y = np.asarray(y, float) - oy
        return (c * x + s * y) / sx, (-s * x + c * y) / sy

    return forward, inverse


def corners_px(source_grid: SourceGrid, grid: AnalysisGrid, transform):
    """Destination pixel coordinates of all source cell corners (for the reference)."""
    x0, w, _, y0, _, h = source_grid.geotransform
    xx, yy = np.meshgrid(
        x0 + w * np.arange(source_grid.cols + 1), y0 + h * np.arange(source_grid.rows + 1)
    )
    tx, ty = transform(xx, yy)
    gx0, gw, _, gy0, _, gh = grid.geotransform
    return (tx - gx0) / gw, (ty - gy0) / gh


# --- same CRS: exact overlap -------------------------------------------------------------


def test_aggregating_100m_to_200m_sums_2x2_blocks_exactly():
    rng = np.random.default_rng(1)
    values = rng.gamma(0.7, 20.0, size=(40, 60))
    src = SourceGrid("", (400000.0, 100.0, 0.0, 4900000.0, 0.0, -100.0), values.shape)
    grid = AnalysisGrid("", (400000.0, 200.0, 0.0, 4900000.0, 0.0, -200.0), (20, 30))
    people, valid, report = regrid_counts(values, src, grid)
    blocks = values.reshape(20, 2, 30, 2).sum(axis=(1, 3))
    np.testing.assert_allclose(people, blocks, rtol=1e-14, atol=0)
    assert valid.all()
    assert report.outside == 0.0
    assert report.total_out == pytest.approx(values.sum(), rel=1e-14)
    assert report.method.startswith("exact overlap")


@settings(max_examples=40, deadline=None)
@given(
    src_cell=st.integers(2, 12),
    dst_cell=st.integers(2, 30),
    dx=st.integers(-40, 40),
    dy=st.integers(-40, 40),
    seed=st.integers(0, 2**16),
)
def test_same_crs_matches_a_common_fine_lattice(src_cell, dst_cell, dx, dy, seed):
    """Cell sizes and offsets in units of 10 m: spreading every cell over 10 m sub-cells and
    summing those into the destination is an exact, independent reference."""
    rng = np.random.default_rng(seed)
    values = rng.random((9, 11)) * 50
    unit = 10.0
    src = SourceGrid("", (0.0, src_cell * unit, 0.0, 0.0, 0.0, -src_cell * unit), values.shape)
    rows = math.ceil((9 * src_cell + abs(dy)) / dst_cell) + 1
    cols = math.ceil((11 * src_cell + abs(dx)) / dst_cell) + 1
    gt = (-dx * unit, dst_cell * unit, 0.0, dy * unit, 0.0, -dst_cell * unit)
    grid = AnalysisGrid("", gt, (rows, cols))
    people, _, report = regrid_counts(values, src, grid)

    fine = np.repeat(np.repeat(values, src_cell, 0), src_cell, 1) / src_cell**2
    expected = np.zeros((rows * dst_cell, cols * dst_cell))
    r0, c0 = dy, dx  # fine-lattice offset of the source's top-left in the destination
    for i in range(fine.shape[0]):
        for j in range(fine.shape[1]):
            r, c = r0 + i, c0 + j
            if 0 <= r < expected.shape[0] and 0 <= c < expected.shape[1]:
                expected[r, c] += fine[i, j]
    expected = expected.reshape(rows, dst_cell, cols, dst_cell).sum(axis=(1, 3))
    np.testing.assert_allclose(people, expected, rtol=1e-12, atol=1e-12)
    assert report.total_out + report.outside == pytest.approx(values.sum(), rel=1e-13)
    assert report.outside == pytest.approx(values.sum() - expected.sum(), abs=1e-9)


# --- other CRS: exact overlap of the transformed cells ---------------------------------


@settings(max_examples=25, deadline=None)
@given(
    angle=st.floats(-0.6, 0.6),
    sx=st.floats(30.0, 400.0),
    sy=st.floats(30.0, 400.0),
    ox=st.floats(-150.0, 150.0),
    oy=st.floats(-150.0, 150.0),
    cell=st.sampled_from([50.0, 100.0, 250.0]),
    seed=st.integers(0, 2**16),
)
def test_transformed_cells_match_polygon_clipping_reference(angle, sx, sy, ox, oy, cell, seed):
    rng = np.random.default_rng(seed)
    values = rng.random((7, 8)) * 100
    values[rng.random(values.shape) < 0.2] = 0.0
    forward, inverse = affine(angle, sx, sy, ox, oy)
    src = SourceGrid("", (0.0, 1.0, 0.0, 0.0, 0.0, -1.0), values.shape)
    # a grid that covers part of the image, so some people fall outside it
    grid = AnalysisGrid("", (-600.0, cell, 0.0, 300.0, 0.0, -cell), (int(1500 / cell),) * 2)
    people, _, report = regrid_counts(values, src, grid, forward, inverse)
    px, py = corners_px(src, grid, forward)
    expected, outside = reference_regrid(values, px, py, grid.shape)
    np.testing.assert_allclose(people, expected, rtol=1e-9, atol=1e-9 * values.max())
    assert report.outside == pytest.approx(outside, rel=1e-9, abs=1e-9)
    assert abs(report.conservation_error) < 1e-12


def test_degrees_like_source_conserves_total_and_flags_valid_cells():
    # 3″ cells at 44° N are about 67 m × 93 m; the image is slightly rotated
    forward, inverse = affine(0.02, 67.0 * 1200, 92.6 * 1200, 500000.0, 4800000.0)
    rng = np.random.default_rng(5)
    values = rng.gamma(0.5, 8.0, size=(120, 150))
    src = SourceGrid("", (0.0, 1 / 1200, 0.0, 0.1, 0.0, -1 / 1200), values.shape)
    xs, ys = forward(np.array([0, 0.125, 0, 0.125]), np.array([0, 0, 0.1, 0.1]))
    x0, y0 = math.floor(xs.min() / 100) * 100 - 200, math.ceil(ys.max() / 100) * 100 + 200
    shape = (math.ceil((y0 - ys.min()) / 100) + 2, math.ceil((xs.max() - x0) / 100) + 2)
    grid = AnalysisGrid("", (x0, 100.0, 0.0, y0, 0.0, -100.0), shape)
    people, valid, report = regrid_counts(values, src, grid, forward, inverse)
    assert report.outside == pytest.approx(0.0, abs=1e-9)
    assert abs(report.total_out - values.sum()) <= 1e-12 * values.sum()
    assert people[~valid].sum() == 0
    # cells well inside the image are all valid; cells far outside are not
    assert valid[5:-5, 5:-5].mean() > 0.9
    assert not valid[0, 0] and not valid[-1, -1]


def test_nodata_nan_negative_and_inf_are_never_summed():
    rng = np.random.default_rng(2)
    values = rng.random((30, 40)).astype(np.float32) * 10
    values[:4, :] = NODATA
    values[10, 10] = np.nan
    values[11, 11] = -3.5
    values[12, 12] = np.inf
    good = np.isfinite(values) & (values >= 0)
    forward, inverse = affine(0.3, 90.0, 90.0, 0.0, 0.0)
    src = SourceGrid("", (0.0, 1.0, 0.0, 0.0, 0.0, -1.0), values.shape)
    grid = AnalysisGrid("", (-2000.0, 100.0, 0.0, 2000.0, 0.0, -100.0), (80, 80))
    for fwd, inv in ((forward, inverse), (None, None)):
        people, _valid, report = regrid_counts(values, src, grid, fwd, inv, nodata=NODATA)
        assert np.isfinite(people).all() and (people >= 0).all()
        assert report.total_in == pytest.approx(float(values[good].astype(float).sum()))
        assert report.invalid_source_cells == int((~good).sum())
        assert report.total_out + report.outside == pytest.approx(report.total_in, rel=1e-12)


def test_a_cell_centred_in_nodata_is_not_valid_unless_it_receives_people():
    values = np.array([[5.0, NODATA], [0.0, NODATA]])
    src = SourceGrid("", (0.0, 100.0, 0.0, 200.0, 0.0, -100.0), values.shape)
    grid = AnalysisGrid("", (0.0, 50.0, 0.0, 200.0, 0.0, -50.0), (4, 4))
    people, valid, _ = regrid_counts(values, src, grid, nodata=NODATA)
    assert valid[:, :2].all()  # data (5 people, or a real 0) under the centre
    assert not valid[:, 2:].any()
    assert people[:2, :2].sum() == pytest.approx(5.0)
    assert (people[:2, :2] == 1.25).all()


@pytest.mark.parametrize("same_crs", [True, False])
def test_block_processing_gives_the_same_result_as_one_block(same_crs):
    rng = np.random.default_rng(7)
    values = rng.random((37, 23)) * 20
    values[rng.random(values.shape) < 0.1] = NODATA
    src = SourceGrid("", (1000.0, 73.0, 0.0, 5000.0, 0.0, -91.0), values.shape)
    grid = AnalysisGrid("", (900.0, 100.0, 0.0, 5100.0, 0.0, -100.0), (36, 20))
    fwd, inv = (None, None) if same_crs else affine(0.1, 1.0, 1.0, 50.0, -30.0)
    one = regrid_counts(values, src, grid, fwd, inv, nodata=NODATA)
    for rows in (1, 5, 36):
        reader_calls = []

        def reader(r0, r1, calls=reader_calls):
            calls.append((r0, r1))
            return values[r0:r1]

        blocked = regrid_counts(reader, src, grid, fwd, inv, nodata=NODATA, block_rows=rows)
        assert all(r1 - r0 <= rows for r0, r1 in reader_calls)
        np.testing.assert_allclose(blocked[0], one[0], rtol=1e-12, atol=1e-12)
        assert np.array_equal(blocked[1], one[1])
        assert blocked[2].total_in == pytest.approx(one[2].total_in, rel=1e-14)


def test_mask_moves_people_outside_and_invalidates_cells():
    values = np.ones((10, 10))
    src = SourceGrid("", (0.0, 100.0, 0.0, 1000.0, 0.0, -100.0), values.shape)
    grid = AnalysisGrid("", (0.0, 100.0, 0.0, 1000.0, 0.0, -100.0), (10, 10))
    mask = np.zeros((10, 10), bool)
    mask[2:5, 3:9] = True
    _people, valid, report = regrid_counts(values, src, grid, mask=mask)
    assert report.total_out == pytest.approx(18.0)
    assert report.outside == pytest.approx(82.0)
    assert report.relative_difference == pytest.approx(-0.82)
    assert report.conservation_error == pytest.approx(0.0, abs=1e-15)
    assert np.array_equal(valid, mask)


def conic():
    """A conic projection with an exact inverse: x = angle (degrees), y = distance from apex."""
    k = math.pi / 180

    def forward(x, y):
        x, y = np.asarray(x, float), np.asarray(y, float)
        return y * np.sin(x * k), -y * np.cos(x * k)

    def inverse(x, y):
        x, y = np.asarray(x, float), np.asarray(y, float)
        return np.arctan2(x, -y) / k, np.hypot(x, y)

    return forward, inverse


def test_curved_projection_refines_big_cells_and_stays_exact_in_total():
    """Cells of 6° on a cone are visibly curved: the cells are split before the overlap, and
    the result agrees with a reference built from finely split cells."""
    forward, inverse = conic()
    values = np.array([[10.0, 20.0, 5.0], [1.0, 7.0, 30.0]])
    src = SourceGrid("", (-9.0, 6.0, 0.0, 1200.0, 0.0, -100.0), values.shape)
    grid = AnalysisGrid("", (-260.0, 20.0, 0.0, -950.0, 0.0, -20.0), (20, 26))
    people, _, report = regrid_counts(values, src, grid, forward, inverse)
    assert report.subdivisions > 1
    assert report.total_out + report.outside == pytest.approx(values.sum(), rel=1e-12)
    k = 24  # reference: every cell split 24 × 24 (straight edges then negligible)
    fine = np.repeat(np.repeat(values, k, 0), k, 1) / k**2
    fine_src = SourceGrid("", (-9.0, 6.0 / k, 0.0, 1200.0, 0.0, -100.0 / k), fine.shape)
    px, py = corners_px(fine_src, grid, forward)
    expected, _ = reference_regrid(fine, px, py, grid.shape)
    assert np.abs(people - expected).max() < 2e-3 * values.max()
    straight, _, _ = regrid_counts(values, src, grid, forward, inverse, subdivisions=1)
    assert np.abs(people - expected).sum() < 0.2 * np.abs(straight - expected).sum()


def test_choose_refinement():
    assert choose_refinement(0.0) == 1
    assert choose_refinement(1e-4) == 1
    assert choose_refinement(4e-3) == 2
    assert choose_refinement(10.0) == 16


# --- the overlap kernel ------------------------------------------------------------------


def test_quad_shares_of_an_offset_square_are_quarters():
    qx = np.array([[0.5, 1.5, 1.5, 0.5]])
    qy = np.array([[2.5, 2.5, 3.5, 3.5]])
    rows, cols, shares = quad_cell_shares(qx, qy)
    assert shares.shape == (1, 2, 2)
    np.testing.assert_allclose(shares, 0.25, rtol=1e-15)
    assert set(zip(rows.ravel(), cols.ravel())) == {(2, 0), (2, 1), (3, 0), (3, 1)}


@settings(max_examples=60, deadline=None)
@given(
    cx=st.floats(-5, 5),
    cy=st.floats(-5, 5),
    size=st.floats(0.05, 4.0),
    angle=st.floats(0, math.pi),
    reverse=st.booleans(),
)
def test_quad_shares_sum_to_one_and_match_clipping(cx, cy, size, angle, reverse):
    t = angle + np.array([0, 0.5, 1, 1.5]) * math.pi
    qx, qy = cx + size * np.cos(t), cy + size * 0.6 * np.sin(t)
    if reverse:  # clockwise and counter-clockwise quads give the same shares
        qx, qy = qx[::-1], qy[::-1]
    rows, cols, shares = quad_cell_shares(qx[None], qy[None])
    assert shares.sum() == pytest.approx(1.0, abs=1e-12)
    from .overlap_reference import clipped_area, polygon_area

    quad = list(zip(qx, qy))
    area = polygon_area(quad)
    for r, c, s in zip(rows.ravel(), cols.ravel(), shares.ravel()):
        assert s == pytest.approx(clipped_area(quad, c, c + 1, r, r + 1) / area, abs=1e-10)


# --- Population, cleaning, limits, callbacks ---------------------------------------------


def test_clean_counts():
    people, valid = clean_counts(np.array([1.5, NODATA, np.nan, -2.0, np.inf, 0.0]), NODATA)
    assert people.tolist() == [1.5, 0, 0, 0, 0, 0]
    assert valid.tolist() == [True, False, False, False, False, True]


def test_population_checks_and_totals():
    grid = AnalysisGrid("", (0.0, 100.0, 0.0, 300.0, 0.0, -100.0), (3, 3))
    summer = np.arange(9, dtype=float).reshape(3, 3)
    valid = np.ones((3, 3), bool)
    pop = Population(grid, {"summer": summer, "winter": summer * 2}, valid)
    assert pop.total("winter") == 72.0
    with pytest.raises(KeyError):
        pop.total()
    valid_bad = valid.copy()
    valid_bad[2, 2] = False
    with pytest.raises(ValueError, match="not valid"):
        Population(grid, {"p": summer}, valid_bad)
    with pytest.raises(ValueError, match="negative"):
        Population(grid, {"p": -summer}, valid)
    with pytest.raises(ValueError, match="float64"):
        Population(grid, {"p": summer.astype(np.float32)}, valid)


def test_too_large_says_how_large_and_what_to_do():
    shape = (200_000, 300_000)
    with pytest.raises(TooLargeError) as info:
        check_grid_size(shape, 10.0, limit_bytes=2 * 10**9)
    message = str(info.value)
    assert "60,000,000,000 cells" in message
    assert f"{regrid_memory_bytes(shape) / 1e9:.1f} GB" in message
    assert "coarser cell size" in message and "clip" in message
    check_grid_size((1000, 1000), 10.0, limit_bytes=2 * 10**9)  # fits: no error


def test_cancel_and_progress():
    values = np.ones((50, 10))
    src = SourceGrid("", (0.0, 100.0, 0.0, 5000.0, 0.0, -100.0), values.shape)
    grid = AnalysisGrid("", (0.0, 100.0, 0.0, 5000.0, 0.0, -100.0), (50, 10))
    seen = []
    regrid_counts(values, src, grid, block_rows=10, progress=seen.append)
    assert seen == [20.0, 40.0, 60.0, 80.0, 100.0]
    calls = iter([False, False, True])
    with pytest.raises(Cancelled):
        regrid_counts(values, src, grid, block_rows=10, cancel=lambda: next(calls))
