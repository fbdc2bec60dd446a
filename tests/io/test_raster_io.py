import numpy as np
import pytest
from osgeo import osr

from mps_planner.core.errors import InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.qgis_io.raster_io import grid_of, read_raster, write_raster


def utm_grid(shape=(40, 60)):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32650)
    return AnalysisGrid(srs.ExportToWkt(), (400000.0, 100.0, 0.0, 4900000.0, 0.0, -100.0), shape)


@pytest.mark.parametrize("suffix", [".tif", ".gpkg"])
def test_round_trip_keeps_values_nodata_and_grid(tmp_path, suffix):
    grid = utm_grid()
    rng = np.random.default_rng(3)
    values = rng.random(grid.shape).astype(np.float32) * 50
    values[:5, :7] = -99999
    source = write_raster(tmp_path / f"pop{suffix}", values, grid, nodata=-99999, table="pop")
    back = read_raster(source)
    assert back.nodata == -99999
    assert np.array_equal(back.array, values)
    assert grid_of(back).geotransform == grid.geotransform
    assert back.valid_mask().sum() == values.size - 35
    assert not list(tmp_path.glob(".*partial*"))


def test_geographic_raster_is_refused_as_analysis_grid(tmp_path):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    deg = AnalysisGrid(srs.ExportToWkt(), (116.0, 0.001, 0.0, 44.0, 0.0, -0.001), (10, 10))
    source = write_raster(tmp_path / "deg.tif", np.ones((10, 10), np.float32), deg)
    with pytest.raises(InputError, match="degrees"):
        grid_of(read_raster(source))


def test_missing_file_gives_clear_error(tmp_path):
    with pytest.raises(InputError, match="Cannot open raster"):
        read_raster(tmp_path / "nope.tif")
