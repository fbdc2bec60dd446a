import numpy as np
import pytest

from mps_planner.core.grid import AnalysisGrid


def make_grid():
    return AnalysisGrid("", (500000.0, 100.0, 0.0, 4900000.0, 0.0, -100.0), (10, 20))


def test_cell_of_and_centre_of_are_inverse():
    g = make_grid()
    rows, cols = np.meshgrid(np.arange(10), np.arange(20), indexing="ij")
    x, y = g.centre_of(rows, cols)
    r2, c2 = g.cell_of(x, y)
    assert np.array_equal(r2, rows) and np.array_equal(c2, cols)


def test_extent_and_contains():
    g = make_grid()
    assert g.extent == (500000.0, 4899000.0, 502000.0, 4900000.0)
    r, c = g.cell_of(np.array([499999.0, 500001.0]), np.array([4899500.0, 4899500.0]))
    assert list(g.contains(r, c)) == [False, True]


@pytest.mark.parametrize(
    "gt",
    [(0, 100, 1, 0, 0, -100), (0, 100, 0, 0, 0, 100), (0, 100, 0, 0, 0, -50)],
)
def test_rejects_rotated_flipped_or_non_square(gt):
    with pytest.raises(ValueError):
        AnalysisGrid("", gt, (5, 5))
