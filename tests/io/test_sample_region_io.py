"""The sample region on disk: one GeoPackage, two WorldPop-style GeoTIFFs in degrees."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from mps_planner.core.errors import Cancelled, InputError
from mps_planner.core.sample_region import (
    LAYER_NAMES,
    LAYER_SCHEMAS,
    POPULATION_NODATA,
    SEASONS,
    generate_sample_region,
)
from mps_planner.qgis_io.sample_region_io import (
    RASTER_TABLES,
    geographic_paths,
    open_sample_layers,
    write_sample_region,
)


@pytest.fixture(scope="module")
def region():
    return generate_sample_region(seed=4, cell_size=500.0)


@pytest.fixture(scope="module")
def files(region, tmp_path_factory):
    return write_sample_region(region, tmp_path_factory.mktemp("sample") / "sample.gpkg")


def test_geopackage_has_every_layer_with_its_features_and_crs(region, files):
    ds = ogr.Open(str(files.gpkg))
    names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
    assert names == set(LAYER_NAMES)
    for name in LAYER_NAMES:
        layer = ds.GetLayerByName(name)
        assert layer.GetFeatureCount() == len(region.layer(name)), name
        defn = layer.GetLayerDefn()
        fields = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        assert fields == [f for f, _ in LAYER_SCHEMAS[name][1]]
        assert layer.GetSpatialRef().GetAuthorityCode(None) == "32649"
        first = layer.GetNextFeature()
        assert list(first.items().values()) == list(region.layer(name).attributes[0])


def test_raster_tables_round_trip(region, files):
    for name in RASTER_TABLES:
        ds = gdal.Open(files.source(name))
        band = ds.GetRasterBand(1)
        assert ds.GetGeoTransform() == region.grid.geotransform
        expected = region.landcover if name == "landcover" else region.population(name[11:])
        assert np.array_equal(band.ReadAsArray(), expected), name
        if name != "landcover":
            assert band.GetNoDataValue() == POPULATION_NODATA


def _geoms(path, name):
    ds = ogr.Open(str(path))  # keep the data source alive while its layer is read
    return [f.GetGeometryRef().Clone() for f in ds.GetLayerByName(name)]


def test_geometries_are_valid_and_districts_tile_the_county(files):
    for name in LAYER_NAMES:
        for geom in _geoms(files.gpkg, name):
            assert geom.IsValid(), name
    (county,) = _geoms(files.gpkg, "county")
    districts = _geoms(files.gpkg, "districts")
    union = districts[0]
    for d in districts[1:]:
        union = union.Union(d)
    assert union.SymDifference(county).GetArea() < 1e-6 * county.GetArea()
    for i, a in enumerate(districts):
        for b in districts[i + 1 :]:
            assert a.Intersection(b).GetArea() < 1.0  # m²: they only share borders


def test_county_mask_agrees_with_gdal_rasterize(region, files):
    grid = region.grid
    mem = gdal.GetDriverByName("MEM").Create("", grid.cols, grid.rows, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(grid.geotransform)
    mem.SetProjection(grid.crs_wkt)
    ds = ogr.Open(str(files.gpkg))
    gdal.RasterizeLayer(mem, [1], ds.GetLayerByName("county"), burn_values=[1])
    reference = mem.GetRasterBand(1).ReadAsArray().astype(bool)
    assert (reference != region.county_mask).sum() <= 2  # ties on the border at most


def test_4326_population_is_worldpop_like_with_the_same_totals(region, files):
    assert files.population_4326 == geographic_paths(files.gpkg)
    for season in SEASONS:
        ds = gdal.Open(str(files.population_4326[season]))
        srs = osr.SpatialReference(wkt=ds.GetProjection())
        assert srs.IsGeographic() and srs.GetAuthorityCode(None) == "4326"
        gt = ds.GetGeoTransform()
        assert gt[1] == pytest.approx(3 / 3600) and gt[5] == pytest.approx(-3 / 3600)
        band = ds.GetRasterBand(1)
        assert band.GetNoDataValue() == POPULATION_NODATA
        assert band.DataType == gdal.GDT_Float32
        values = band.ReadAsArray()
        valid = values != POPULATION_NODATA
        assert values[valid].sum(dtype=np.float64) == region.total(season)
        assert 0.2 < valid.mean() < 0.9  # NoData outside the county, not everywhere
        # The degree grid covers the whole UTM frame.
        xmin, ymin, xmax, ymax = region.grid.extent
        utm = osr.SpatialReference()
        utm.ImportFromEPSG(32649)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        to_ll = osr.CoordinateTransformation(utm, srs)
        for x, y in ((xmin, ymin), (xmax, ymax), (xmin, ymax), (xmax, ymin)):
            lon, lat, _ = to_ll.TransformPoint(x, y)
            assert gt[0] <= lon <= gt[0] + gt[1] * ds.RasterXSize
            assert gt[3] + gt[5] * ds.RasterYSize <= lat <= gt[3]


def test_writes_are_atomic_and_cancel_leaves_nothing(region, tmp_path):
    target = tmp_path / "out.gpkg"
    with pytest.raises(Cancelled):
        calls = iter(range(100))
        write_sample_region(region, target, cancel=lambda: next(calls) >= 3)
    assert not target.exists()
    assert not list(tmp_path.glob("*partial*")) and not list(tmp_path.glob(".*"))
    target.write_bytes(b"old")
    files = write_sample_region(region, target)
    assert files.gpkg == target and target.stat().st_size > 10_000
    assert not list(tmp_path.glob(".*"))
    with pytest.raises(InputError, match="GeoPackage"):
        write_sample_region(region, tmp_path / "out.shp")


def test_qgis_opens_every_layer(qgis_app, region, files):
    layers = open_sample_layers(files)
    assert set(layers) == set(LAYER_NAMES) | set(RASTER_TABLES)
    for name in LAYER_NAMES:
        assert layers[name].featureCount() == len(region.layer(name))
        assert layers[name].crs().authid() == "EPSG:32649"
    raster = layers["population_winter"]
    assert (raster.width(), raster.height()) == (region.grid.cols, region.grid.rows)
