"""Fixtures of the Processing tests."""

from __future__ import annotations

import pytest

from tests.processing.grid_region import make_region


@pytest.fixture
def region(tmp_path):
    """(grid, speed raster path, population raster path, people, crossing minutes)."""
    return make_region(tmp_path)
