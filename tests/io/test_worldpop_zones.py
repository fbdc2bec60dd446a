"""The real WorldPop clip of Haut-Katanga (RasterToolkit's test data): zone sums and regridding.

Data: ../shared/benchmarks/worldpop_cod_rastertoolkit/ (README §5a): 44 × 54 cells in
EPSG:4326, NoData −99999, 11 health zones (shapefile without .prj; its coordinates are
EPSG:4326 like the raster). The published sums (clipped_pop_sum.json) follow the cell-centre
rule on the source grid with value > 0, rounded to integers.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from mps_planner.core.population import SourceGrid
from mps_planner.core.zone_sums import zone_sums, zone_sums_weighted
from mps_planner.qgis_io.population_io import population_on_grid
from mps_planner.qgis_io.zones_io import (
    rasterize_zone_fractions,
    rasterize_zones,
    read_polygons,
    spatial_reference,
)
from tests.benchmark_data import benchmarks_dir

DATA = benchmarks_dir()
DATA = DATA / "worldpop_cod_rastertoolkit"
RASTER = DATA / "cod_2012_1km_aggregated_unadj_test.tif"
ZONES = DATA / "cod_lev02_zones_test"
SUMS = DATA / "clipped_pop_sum.json"
WGS84 = "EPSG:4326"  # the README: the shapefile has no .prj and is in the raster's CRS


@pytest.fixture(scope="module")
def worldpop():
    missing = [p for p in (RASTER, ZONES, SUMS) if not p.exists()]
    if missing:
        pytest.fail(
            f"Benchmark data missing: {', '.join(map(str, missing))}. It lives in "
            "/work/shared/benchmarks/worldpop_cod_rastertoolkit (see the README there)."
        )
    ds = gdal.Open(str(RASTER))
    values = ds.GetRasterBand(1).ReadAsArray().astype(np.float64)
    grid = SourceGrid(ds.GetProjection(), ds.GetGeoTransform(), values.shape)
    expected = json.loads(SUMS.read_text())
    return values, grid, expected


def source_zone_sums(values, grid):
    zones = rasterize_zones(ZONES, grid, name_field="DOTNAME", zones_crs_wkt=WGS84)
    return dict(zip(zones.names, zone_sums(values, zones)))


def test_published_zone_sums_reproduced_exactly_on_the_source_grid(worldpop):
    values, grid, expected = worldpop
    ours = source_zone_sums(values, grid)
    assert set(ours) == set(expected)
    assert {name: round(v) for name, v in ours.items()} == expected


def test_raster_facts_from_the_readme(worldpop):
    values, grid, _ = worldpop
    assert grid.shape == (54, 44)
    assert values[values > 0].sum() == pytest.approx(1_793_601.5, abs=1.0)


def boundary_people(values, grid, zone_utm: ogr.Geometry, margin_m: float) -> float:
    """People in source cells within ``margin_m`` of the zone's boundary (cells touched by the
    boundary buffered by the margin, in metres, then burnt onto the source grid)."""
    band = zone_utm.Boundary().Buffer(margin_m, 4)
    band.Transform(
        osr.CoordinateTransformation(zone_utm.GetSpatialReference(), spatial_reference(WGS84))
    )
    mem = ogr.GetDriverByName("Memory").CreateDataSource("b")
    layer = mem.CreateLayer("b", spatial_reference(WGS84), ogr.wkbMultiPolygon)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(band)
    layer.CreateFeature(feature)
    ds = gdal.GetDriverByName("MEM").Create("", grid.cols, grid.rows, 1, gdal.GDT_Byte)
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(grid.crs_wkt)
    gdal.RasterizeLayer(ds, [1], layer, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    touched = ds.GetRasterBand(1).ReadAsArray() == 1
    return float(values[touched & (values > 0)].sum())


@pytest.mark.parametrize("cell_size", [100.0, 250.0])
def test_moving_to_utm_preserves_the_total_and_keeps_zone_sums_close(worldpop, cell_size):
    """Total: the method is exact, so |out − in| ≤ 0.5 % holds to rounding.

    Zone sums: on the 1 km source a cell counts whole for the zone holding its centre; on the
    fine UTM grid it is split by area. Only source cells that some grid cell straddling the
    zone boundary overlaps can change sides, i.e. cells within half a grid-cell diagonal of
    the boundary. So |UTM sum − published sum| ≤ the people in source cells within that
    distance (plus a few metres for straight-vs-curved edges): a bound computed here with
    GEOS buffers, independently of the regridding.
    """
    values, grid, expected = worldpop
    result = population_on_grid(RASTER, cell_size=cell_size)
    report = result.report
    assert result.crs_chosen_automatically
    assert "UTM zone 35S" in osr.SpatialReference(result.grid.crs_wkt).GetName()
    total = values[values > 0].sum()
    assert abs(report.total_out - total) <= 0.005 * total
    assert abs(report.total_out - total) <= 1e-9 * total

    zones = rasterize_zones(ZONES, result.grid, name_field="DOTNAME", zones_crs_wkt=WGS84)
    utm_sums = dict(zip(zones.names, zone_sums(result.population.layer(), zones)))
    polygons = read_polygons(ZONES, result.grid.crs_wkt, name_field="DOTNAME", source_crs_wkt=WGS84)
    margin = cell_size * np.sqrt(2) / 2 + 5.0
    for name, geom in zip(polygons.names, polygons.geometries):
        bound = boundary_people(values, grid, geom, margin)
        assert abs(utm_sums[name] - expected[name]) <= bound + 1.0, name
    # the big zones move by well under 2 % (their boundaries hold few people)
    for name in ("LUBUMBASHI", "KIPUSHI", "TSHAMILEMBA"):
        key = f"AFRO:DRCONGO:HAUT_KATANGA:{name}"
        assert utm_sums[key] == pytest.approx(expected[key], rel=0.02)


def test_area_weighted_sums_agree_with_the_fine_grid(worldpop):
    """Area-weighted sums on the 1 km source (boundary cells split by area) estimate the same
    thing as cell-centre sums on the 100 m UTM grid; they agree far better than the source's
    cell-centre sums do (L1 over the zones, at least 10× closer)."""
    values, grid, expected = worldpop
    fractions = rasterize_zone_fractions(
        ZONES, grid, name_field="DOTNAME", zones_crs_wkt=WGS84, factor=10
    )
    weighted = dict(zip(fractions.names, zone_sums_weighted(values, fractions)))
    result = population_on_grid(RASTER, cell_size=100.0)
    zones = rasterize_zones(ZONES, result.grid, name_field="DOTNAME", zones_crs_wkt=WGS84)
    fine = dict(zip(zones.names, zone_sums(result.population.layer(), zones)))
    l1_weighted = sum(abs(weighted[n] - fine[n]) for n in fine)
    l1_centre = sum(abs(expected[n] - fine[n]) for n in fine)
    assert l1_weighted < 0.1 * l1_centre
    # invariants: shares within [0, 1] per cell; the zones together hold at most everyone
    row_sums = np.asarray(fractions.matrix.sum(axis=1)).ravel()
    assert row_sums.max() <= 1.0 + 1e-12
    assert sum(weighted.values()) <= values[values > 0].sum()


def test_nearest_neighbour_changes_the_total_where_we_do_not(worldpop):
    """gdal.Warp 'near' onto 1 km UTM cells: each grid cell takes one ~0.84 km² source cell's
    count, so the total is off by about 16 %; the count-preserving method is exact."""
    values, _, _ = worldpop
    ours = population_on_grid(RASTER, cell_size=1000.0)
    xmin, ymin, xmax, ymax = ours.grid.extent
    warped = gdal.Warp(
        "",
        str(RASTER),
        format="MEM",
        dstSRS=ours.grid.crs_wkt,
        outputBounds=(xmin, ymin, xmax, ymax),
        xRes=1000,
        yRes=1000,
        resampleAlg="near",
        dstNodata=-99999,
    )
    near = warped.GetRasterBand(1).ReadAsArray().astype(float)
    total = values[values > 0].sum()
    near_error = abs(near[near > 0].sum() - total) / total
    assert near_error > 0.05
    assert abs(ours.report.total_out - total) / total < 1e-9
