"""Population rasters onto the analysis grid (qgis_io.population_io) with real projections."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from osgeo import gdal, ogr, osr

from mps_planner.core.errors import InputError, TooLargeError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.qgis_io.population_io import (
    _osr_transforms,
    _pyproj_transforms,
    population_on_grid,
    snapped_grid,
    utm_epsg,
    write_population,
)
from mps_planner.qgis_io.raster_io import read_raster
from mps_planner.qgis_io.zones_io import spatial_reference

from .population_rasters import (
    ARCSEC3,
    epsg_wkt,
    positive_total,
    synthetic_worldpop,
    write_geotiff,
)


def epsg_of(wkt: str) -> int:
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    srs.AutoIdentifyEPSG()
    return int(srs.GetAuthorityCode(None))


@settings(max_examples=12, deadline=None)
@given(
    lon=st.floats(-179.0, 178.0),
    lat=st.floats(-70.0, 70.0),
    cell=st.sampled_from([30.0, 100.0, 175.0, 500.0]),
    seed=st.integers(0, 2**16),
)
def test_degrees_to_utm_preserves_the_total(lon, lat, cell, seed):
    """Random places on Earth, random cell sizes: |total_out − total_in| ≤ 0.5 % is the
    requirement; the method is exact, so it holds to rounding (1e-9)."""
    with tempfile.TemporaryDirectory() as tmp:
        path, values = synthetic_worldpop(
            Path(tmp) / "pop.tif", lon, lat, shape=(40, 50), seed=seed
        )
        result = population_on_grid(path, cell_size=cell)
    total = positive_total(values)
    report = result.report
    assert report.total_in == pytest.approx(total, rel=1e-12)
    assert abs(report.total_out - total) <= 0.005 * total
    assert abs(report.total_out - total) <= 1e-9 * total
    assert report.outside <= 1e-9 * total
    assert result.population.total() == pytest.approx(report.total_out, rel=1e-15)
    assert epsg_of(result.grid.crs_wkt) == utm_epsg(lon + 25 * ARCSEC3, lat - 20 * ARCSEC3)


def test_overlaps_agree_with_geos_on_densified_cells(tmp_path):
    """Independent reference: each 3″ cell as a densified polygon, transformed with osr and
    intersected with every grid cell by GEOS. Curved edges included; agreement to 1e-6."""
    path, values = synthetic_worldpop(tmp_path / "pop.tif", 116.31, 43.92, (6, 8), nodata_share=0)
    result = population_on_grid(path, cell_size=100.0)
    grid = result.grid
    people = result.population.layer()
    to_utm = osr.CoordinateTransformation(
        spatial_reference(epsg_wkt(4326)), spatial_reference(grid.crs_wkt)
    )
    expected = np.zeros(grid.shape)
    x0, w, _, y0, _, h = (116.31, ARCSEC3, 0, 43.92, 0, -ARCSEC3)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            lon0, lat0 = x0 + j * w, y0 + i * h
            cell = ogr.CreateGeometryFromWkt(
                f"POLYGON(({lon0} {lat0},{lon0 + w} {lat0},{lon0 + w} {lat0 + h},"
                f"{lon0} {lat0 + h},{lon0} {lat0}))"
            )
            cell.Segmentize(w / 50)
            cell.Transform(to_utm)
            area = cell.GetArea()
            minx, maxx, miny, maxy = cell.GetEnvelope()
            (r0, c0), (r1, c1) = (
                grid.cell_of(np.array([minx]), np.array([maxy])),
                grid.cell_of(np.array([maxx]), np.array([miny])),
            )
            for r in range(int(r0[0]), int(r1[0]) + 1):
                for c in range(int(c0[0]), int(c1[0]) + 1):
                    gx, gy = grid.geotransform[0] + c * 100, grid.geotransform[3] - r * 100
                    square = ogr.CreateGeometryFromWkt(
                        f"POLYGON(({gx} {gy},{gx + 100} {gy},{gx + 100} {gy - 100},"
                        f"{gx} {gy - 100},{gx} {gy}))"
                    )
                    share = cell.Intersection(square).GetArea() / area
                    expected[r, c] += float(values[i, j]) * share
    assert np.abs(people - expected).max() <= 1e-6 * float(values.max())


def test_same_crs_aggregates_exactly_and_grid_is_snapped(tmp_path):
    rng = np.random.default_rng(4)
    values = rng.random((20, 30)).astype(np.float32) * 10
    gt = (432100.0, 100.0, 0.0, 4800000.0, 0.0, -100.0)
    path = write_geotiff(tmp_path / "utm.tif", values, gt, epsg_wkt(32650))
    result = population_on_grid(path, crs="EPSG:32650", cell_size=200.0)
    grid = result.grid
    assert grid.geotransform[0] % 200 == 0 and grid.geotransform[3] % 200 == 0
    assert result.report.method.startswith("exact overlap")
    # the source starts at x = 432100, half a 200 m cell into column 0 of the grid
    padded = np.zeros((20, 32))
    padded[:, 1:31] = values
    blocks = padded.reshape(10, 2, 16, 2).sum(axis=(1, 3))
    np.testing.assert_allclose(result.population.layer(), blocks, rtol=1e-6)


def test_utm_zone_choice():
    assert utm_epsg(116.5, 43.5) == 32650
    assert utm_epsg(27.56, -11.77) == 32735
    assert utm_epsg(-179.9, 10.0) == 32601
    assert utm_epsg(179.9, -10.0) == 32760


def test_snapped_grid_covers_the_extent_on_round_coordinates():
    grid = snapped_grid((432123.4, 4799876.5, 433001.0, 4800299.9), epsg_wkt(32650), 100.0)
    xmin, ymin, xmax, ymax = grid.extent
    assert (xmin, ymax) == (432100.0, 4800300.0)
    assert xmax >= 433001.0 and ymin <= 4799876.5
    assert xmax - 433001.0 < 100 and 4799876.5 - ymin < 100


def test_pyproj_and_osr_transforms_agree():
    x = np.array([116.0, 116.5, 117.9])
    y = np.array([43.0, 43.5, 44.9])
    fp, ip = _pyproj_transforms(epsg_wkt(4326), epsg_wkt(32650))
    fo, io = _osr_transforms(epsg_wkt(4326), epsg_wkt(32650))
    np.testing.assert_allclose(fp(x, y), fo(x, y), atol=1e-6)
    ex, ey = fp(x, y)
    np.testing.assert_allclose(ip(ex, ey), (x, y), atol=1e-9)
    np.testing.assert_allclose(io(ex, ey), (x, y), atol=1e-9)


def test_study_area_in_another_crs_clips_by_cell_centre(tmp_path):
    path, values = synthetic_worldpop(tmp_path / "pop.tif", shape=(60, 80))
    # a square study area in Web Mercator around the middle of the raster
    to_merc = osr.CoordinateTransformation(
        spatial_reference(epsg_wkt(4326)), spatial_reference(epsg_wkt(3857))
    )
    (ax, ay, _), (bx, by, _) = to_merc.TransformPoints(
        [(116.3 + 20 * ARCSEC3, 43.9 - 45 * ARCSEC3), (116.3 + 60 * ARCSEC3, 43.9 - 15 * ARCSEC3)]
    )
    square = ogr.CreateGeometryFromWkt(
        f"POLYGON(({ax} {ay},{bx} {ay},{bx} {by},{ax} {by},{ax} {ay}))",
        reference=spatial_reference(epsg_wkt(3857)),
    )
    result = population_on_grid(path, study_area=square, cell_size=100.0)
    report = result.report
    pop = result.population
    assert report.outside > 0 and report.total_out > 0
    assert report.total_out + report.outside == pytest.approx(report.total_in, rel=1e-12)
    # cells whose centre lies outside the square (in the grid's CRS) are not valid
    to_grid = osr.CoordinateTransformation(
        spatial_reference(epsg_wkt(3857)), spatial_reference(pop.grid.crs_wkt)
    )
    area = square.Clone()
    area.Transform(to_grid)
    rr, cc = np.nonzero(np.ones(pop.grid.shape, bool))
    xs, ys = pop.grid.centre_of(rr, cc)
    inside = np.array(
        [area.Contains(ogr.CreateGeometryFromWkt(f"POINT({x} {y})")) for x, y in zip(xs, ys)]
    ).reshape(pop.grid.shape)
    assert not pop.valid[~inside].any()
    assert pop.layer()[~inside].sum() == 0
    assert pop.valid[inside].mean() > 0.9
    # the people kept are close to the people in the 40 × 30 source cells of the square
    kept = positive_total(values[15:45, 20:60])
    assert report.total_out == pytest.approx(kept, rel=0.05)


def test_seasonal_layers_share_one_grid(tmp_path):
    summer, sv = synthetic_worldpop(tmp_path / "summer.tif", seed=1, shape=(30, 40))
    winter, wv = synthetic_worldpop(tmp_path / "winter.tif", seed=2, shape=(30, 40))
    result = population_on_grid({"summer": summer, "winter": winter}, cell_size=250.0)
    pop = result.population
    assert pop.names == ("summer", "winter")
    assert pop.total("summer") == pytest.approx(positive_total(sv), rel=1e-9)
    assert pop.total("winter") == pytest.approx(positive_total(wv), rel=1e-9)
    with pytest.raises(KeyError):
        _ = result.report


def test_written_raster_keeps_total_and_nodata(tmp_path):
    path, _values = synthetic_worldpop(tmp_path / "pop.tif", shape=(30, 40))
    result = population_on_grid(path, cell_size=100.0)
    out = write_population(tmp_path / "out" / "grid.tif", result.population)
    back = read_raster(out)
    assert back.nodata == -99999
    valid = back.valid_mask()
    assert np.array_equal(valid, result.population.valid)
    assert back.array[valid].sum() == pytest.approx(result.report.total_out, rel=1e-12)


# --- bad input ---------------------------------------------------------------------------


def test_target_crs_in_degrees_is_refused(tmp_path):
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    with pytest.raises(InputError, match=r"in degrees.*projected CRS in metres"):
        population_on_grid(path, crs="EPSG:4326")


def test_target_crs_in_feet_is_refused(tmp_path):
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    with pytest.raises(InputError, match="not metres"):
        population_on_grid(path, crs="EPSG:2223")  # NAD83 / Arizona Central (ft)


def test_study_area_not_overlapping_is_refused(tmp_path):
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    far = ogr.CreateGeometryFromWkt(
        "POLYGON((10 10,11 10,11 11,10 11,10 10))", reference=spatial_reference("EPSG:4326")
    )
    with pytest.raises(InputError, match="does not overlap the population raster"):
        population_on_grid(path, study_area=far)


def test_study_area_without_crs_is_refused_not_assumed(tmp_path):
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    square = ogr.CreateGeometryFromWkt("POLYGON((116 43,117 43,117 44,116 44,116 43))")
    with pytest.raises(InputError, match="no coordinate reference system"):
        population_on_grid(path, study_area=square)
    result = population_on_grid(path, study_area=square, study_area_crs="EPSG:4326")
    assert result.report.total_out > 0


def test_points_as_study_area_are_refused(tmp_path):
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    point = ogr.CreateGeometryFromWkt("POINT(116.3 43.9)", reference=spatial_reference("EPSG:4326"))
    with pytest.raises(InputError, match="must be polygons"):
        population_on_grid(path, study_area=point)


def test_empty_study_area_file_is_refused(tmp_path):
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp_path / "empty.gpkg"))
    ds.CreateLayer("area", spatial_reference("EPSG:4326"), ogr.wkbPolygon)
    ds = None
    with pytest.raises(InputError, match="empty"):
        population_on_grid(path, study_area=tmp_path / "empty.gpkg")


def test_all_nodata_raster_is_refused(tmp_path):
    gt = (116.0, ARCSEC3, 0.0, 44.0, 0.0, -ARCSEC3)
    path = write_geotiff(tmp_path / "void.tif", np.full((10, 10), -99999.0), gt, epsg_wkt(4326))
    with pytest.raises(InputError, match="only NoData"):
        population_on_grid(path)


def test_raster_without_crs_is_refused(tmp_path):
    gt = (116.0, ARCSEC3, 0.0, 44.0, 0.0, -ARCSEC3)
    path = write_geotiff(tmp_path / "nocrs.tif", np.ones((10, 10)), gt, None)
    with pytest.raises(InputError, match="no coordinate reference system"):
        population_on_grid(path)


def test_missing_raster_and_bad_band(tmp_path):
    with pytest.raises(InputError, match="Cannot open raster"):
        population_on_grid(tmp_path / "missing.tif")
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    with pytest.raises(InputError, match="band 2"):
        population_on_grid(path, band=2)


def test_too_large_grid_is_refused_before_allocating(tmp_path):
    # one degree square at 1 m cells: ~9e9 cells (≈ 100 GB) — must fail fast, not allocate
    gt = (116.0, 0.1, 0.0, 44.0, 0.0, -0.1)
    path = write_geotiff(tmp_path / "big.tif", np.ones((10, 10)), gt, epsg_wkt(4326))
    with pytest.raises(TooLargeError, match=r"cells .* GB .*coarser cell size.*clip"):
        population_on_grid(path, cell_size=1.0)
    with pytest.raises(TooLargeError, match="GB"):
        population_on_grid(path, cell_size=100.0, memory_limit_bytes=10**6)


def test_given_grid_is_used_as_it_is(tmp_path):
    path, values = synthetic_worldpop(tmp_path / "pop.tif", shape=(30, 40))
    # 2 km × 2 km around the raster's centre (445111 E, 4859605 N in UTM 50N): part of it
    grid = AnalysisGrid(epsg_wkt(32650), (444000.0, 250.0, 0.0, 4860500.0, 0.0, -250.0), (8, 8))
    result = population_on_grid(path, grid=grid)
    assert result.grid == grid
    r = result.report
    assert r.total_out > 0 and r.outside > 0
    assert r.total_out + r.outside == pytest.approx(r.total_in, rel=1e-12)
    assert r.total_in <= positive_total(values) * (1 + 1e-12)


def test_cell_size_must_be_positive(tmp_path):
    path, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    with pytest.raises(InputError, match="positive"):
        population_on_grid(path, cell_size=0.0)


def test_nearest_neighbour_loses_people_where_we_do_not(tmp_path):
    """gdal.Warp 'near' onto the same 100 m grid keeps one 3″ cell per 100 m cell: at 44° N a
    3″ cell is ~0.62 ha, so about 38 % of the people vanish."""
    path, values = synthetic_worldpop(tmp_path / "pop.tif", shape=(120, 160), nodata_share=0)
    ours = population_on_grid(path, cell_size=100.0)
    grid = ours.grid
    xmin, ymin, xmax, ymax = grid.extent
    warped = gdal.Warp(
        "",
        str(path),
        format="MEM",
        dstSRS=grid.crs_wkt,
        outputBounds=(xmin, ymin, xmax, ymax),
        xRes=100,
        yRes=100,
        resampleAlg="near",
        srcNodata=-99999,
        dstNodata=-99999,
    )
    near = warped.GetRasterBand(1).ReadAsArray().astype(float)
    near_total = near[near > 0].sum()
    total = positive_total(values)
    assert near_total < 0.75 * total
    assert abs(ours.report.total_out - total) < 1e-9 * total
    assert math.isclose(ours.population.total(), total, rel_tol=1e-9)
