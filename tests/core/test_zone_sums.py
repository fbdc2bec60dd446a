"""Zone sums by the cell-centre rule and area-weighted, on hand-made rasters."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_planner.core.population import NODATA
from mps_planner.core.zone_sums import (
    NO_ZONE,
    ZoneFractions,
    ZoneRaster,
    zone_sums,
    zone_sums_weighted,
)


def test_cell_centre_sums_by_hand_and_nodata_never_summed():
    values = np.array([[1.0, 2.0, NODATA], [np.nan, 5.0, -7.0], [10.0, 20.0, 40.0]])
    labels = np.array([[0, 0, 1], [0, 1, 1], [NO_ZONE, 2, 2]])
    zones = ZoneRaster(labels, ("a", "b", "c"))
    assert zone_sums(values, zones).tolist() == [3.0, 5.0, 60.0]
    valid = np.ones((3, 3), bool)
    valid[2, 2] = False
    assert zone_sums(values, zones, valid=valid).tolist() == [3.0, 5.0, 20.0]


def test_zone_with_no_cells_sums_to_zero():
    zones = ZoneRaster(np.zeros((2, 2), np.int32), ("a", "empty"))
    assert zone_sums(np.ones((2, 2)), zones).tolist() == [4.0, 0.0]


def test_fractions_from_a_supersampled_raster_by_hand():
    # 1 × 2 cells, factor 2: cell 0 is half zone 0 and half zone 1, cell 1 a quarter zone 1
    fine = np.array([[0, 1, NO_ZONE, NO_ZONE], [0, 1, 1, NO_ZONE]])
    fractions = ZoneFractions.from_supersampled((1, 2), ("a", "b"), 2, [(0, fine)])
    dense = fractions.matrix.toarray()
    np.testing.assert_allclose(dense, [[0.5, 0.5], [0.0, 0.25]])
    sums = zone_sums_weighted(np.array([[10.0, 8.0]]), fractions)
    np.testing.assert_allclose(sums, [5.0, 7.0])


@settings(max_examples=30, deadline=None)
@given(
    rows=st.integers(1, 9),
    cols=st.integers(1, 9),
    factor=st.integers(1, 5),
    n_zones=st.integers(1, 4),
    block=st.integers(1, 9),
    seed=st.integers(0, 2**16),
)
def test_weighted_sums_share_every_cell_by_its_sub_cells(rows, cols, factor, n_zones, block, seed):
    """Invariants: a row of fractions sums to the share of sub-cells in any zone; the weighted
    sums add up to people × that share; blocks give the same matrix as one block; and with
    factor 1 the weighted sums are the cell-centre sums."""
    rng = np.random.default_rng(seed)
    fine = rng.integers(-1, n_zones, size=(rows * factor, cols * factor))
    names = tuple(f"z{i}" for i in range(n_zones))
    one = ZoneFractions.from_supersampled((rows, cols), names, factor, [(0, fine)])
    blocks = [(r, fine[r * factor : min(rows, r + block) * factor]) for r in range(0, rows, block)]
    many = ZoneFractions.from_supersampled((rows, cols), names, factor, blocks)
    assert (one.matrix != many.matrix).nnz == 0
    covered = (fine >= 0).reshape(rows, factor, cols, factor).mean(axis=(1, 3)).ravel()
    np.testing.assert_allclose(np.asarray(one.matrix.sum(axis=1)).ravel(), covered)
    values = rng.random((rows, cols)) * 100
    weighted = zone_sums_weighted(values, one)
    assert weighted.sum() == pytest.approx((values.ravel() * covered).sum())
    if factor == 1:
        np.testing.assert_allclose(weighted, zone_sums(values, fine, n_zones))


def test_shapes_must_agree():
    zones = ZoneRaster(np.zeros((2, 2), np.int32), ("a",))
    with pytest.raises(ValueError):
        zone_sums(np.ones((3, 2)), zones)
    with pytest.raises(ValueError):
        ZoneRaster(np.array([[0, 3]]), ("a", "b"))
