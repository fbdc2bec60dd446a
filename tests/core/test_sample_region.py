"""The built-in sample county: people, places, roads and rasters hold together."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import osr
from scipy import ndimage

from mps_planner.core.errors import InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.landcover import LANDCOVER_CLASSES, ROAD_CLASSES
from mps_planner.core.planar_geometry import (
    densify,
    distance_to_polyline,
    points_in_polygon,
    rasterize_polygon,
    ring_area,
    segment_intersections,
)
from mps_planner.core.sample_region import (
    LAYER_NAMES,
    LAYER_SCHEMAS,
    POPULATION_NODATA,
    SAMPLE_CRS_WKT,
    generate_sample_region,
    population_raster,
)

CODE = {name: code for code, name in LANDCOVER_CLASSES.items()}


@pytest.fixture(scope="module")
def region():
    return generate_sample_region(seed=1, cell_size=500.0)


@pytest.fixture(scope="module")
def fine():
    """The sample at its native 100 m (a few seconds)."""
    return generate_sample_region(seed=1, cell_size=100.0)


def test_about_150k_people_and_the_same_in_both_seasons(region):
    summer, winter = region.total("summer"), region.total("winter")
    assert abs(summer - 150_000) <= 1_500
    assert summer == winter  # herders move, nobody leaves
    # The rasters hold exactly the people at the points.
    assert summer == region.points.summer.sum() == region.points.winter.sum()
    county = region.layer("county").records()[0]
    assert county["pop_summer"] == county["pop_winter"] == summer


def test_the_town_has_most_people_and_herders_are_spread(region):
    districts = {r["kind"]: r for r in region.layer("districts").records() if r["kind"] == "town"}
    assert districts["town"]["pop_winter"] > 0.4 * region.total("winter")
    # Herder camps: thousands of households, a few people each.
    camps = region.layer("herder_camps")
    people = np.array(camps.column("people"))
    assert len(camps) > 4000 and 2 <= people.mean() <= 6
    assert sorted(set(camps.column("season"))) == ["summer", "winter"]


def test_same_seed_same_region_other_seed_other_region(region):
    again = generate_sample_region(seed=1, cell_size=500.0)
    for name in ("population_summer", "population_winter", "landcover", "county_mask"):
        assert np.array_equal(getattr(region, name), getattr(again, name)), name
    for name in LAYER_NAMES:
        a, b = region.layer(name), again.layer(name)
        assert a.attributes == b.attributes, name
        assert all(np.array_equal(g, h) for g, h in zip(a.geometries, b.geometries)), name
    other = generate_sample_region(seed=2, cell_size=5000.0)
    assert not np.array_equal(region.county_ring, other.county_ring)
    assert not np.array_equal(region.points.x, other.points.x)
    assert region.layer("roads").attributes != other.layer("roads").attributes


def test_crs_is_utm_49n_and_the_county_lies_in_inner_mongolia(region):
    srs = osr.SpatialReference()
    srs.ImportFromWkt(region.grid.crs_wkt)
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(32649)
    assert srs.IsSame(utm) and srs.GetAuthorityCode(None) == "32649"
    assert region.grid.crs_wkt == SAMPLE_CRS_WKT and region.crs_epsg == 32649
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_lonlat = osr.CoordinateTransformation(utm, wgs84)
    lonlat = np.array(to_lonlat.TransformPoints(region.county_ring.tolist()))
    lon, lat = lonlat[:, 0], lonlat[:, 1]
    assert lon.min() > 110.0 and lon.max() < 113.0
    assert lat.min() > 43.0 and lat.max() < 44.5
    xmin, ymin, xmax, ymax = region.grid.extent
    assert (xmax - xmin, ymax - ymin) == (150_000, 100_000)


def test_nodata_exactly_outside_the_county(region):
    inside = region.county_mask
    assert inside.mean() > 0.35  # an irregular county, not a sliver
    assert 0 < ring_area(region.county_ring) / 1e6 < 150 * 100
    for season in ("summer", "winter"):
        pop = region.population(season)
        assert pop.dtype == np.float32
        assert np.all(pop[~inside] == POPULATION_NODATA)
        assert np.all(pop[inside] >= 0)
    # The mask is the county polygon, not the frame: corners of the frame are outside.
    assert not inside[0, 0] and not inside[-1, -1]


def test_population_raster_keeps_people_in_cells_outside_and_refuses_off_grid():
    grid = AnalysisGrid("", (0.0, 10.0, 0.0, 30.0, 0.0, -10.0), (3, 3))
    inside = np.zeros((3, 3), dtype=bool)
    inside[1, 1] = True
    out = population_raster(
        grid, np.array([15.0, 5.0, 5.0]), np.array([15.0, 25.0, 25.0]), np.array([3, 2, 1]), inside
    )
    assert out[1, 1] == 3 and out[0, 0] == 3  # outside the area but not lost
    assert (out == POPULATION_NODATA).sum() == 7
    with pytest.raises(InputError, match="outside the grid"):
        population_raster(grid, np.array([45.0]), np.array([5.0]), np.array([1]), inside)


def test_every_layer_is_there_with_its_fields_and_sane_geometry(region):
    assert set(region.layers) == set(LAYER_NAMES)
    for name, (gtype, fields) in LAYER_SCHEMAS.items():
        layer = region.layer(name)
        assert len(layer) > 0, name
        assert layer.geometry_type == gtype and layer.fields == fields
        types = {"str": str, "int": int, "float": float}
        for row in layer.attributes:
            assert len(row) == len(fields)
            for value, (_, kind) in zip(row, fields):
                assert isinstance(value, types[kind]), (name, value, kind)
        for geom in layer.geometries:
            assert np.all(np.isfinite(geom))
            if gtype == "Point":
                assert geom.shape == (2,)
            elif gtype == "LineString":
                assert geom.ndim == 2 and len(geom) >= 2
                assert np.all(np.hypot(*np.diff(geom, axis=0).T) > 0)  # no repeated vertex
            else:
                assert np.array_equal(geom[0], geom[-1]) and len(geom) >= 4
                assert ring_area(geom) > 0


def test_polygon_rings_do_not_cross_themselves(region):
    for name in ("county", "districts", "lakes"):
        for ring in region.layer(name).geometries:
            n = len(ring) - 1
            for p, sa, _ta, sb, _tb in segment_intersections(ring, ring):
                # Only a segment with itself or with its neighbours may touch.
                assert min(abs(sa - sb), n - abs(sa - sb)) <= 1, (name, p)


def test_districts_cover_the_county_exactly_without_overlap(region):
    districts = region.layer("districts")
    assert 5 <= len(districts) <= 7
    assert districts.column("kind").count("town") == 1
    total = sum(ring_area(r) for r in districts.geometries)
    assert total == pytest.approx(ring_area(region.county_ring), rel=1e-12)
    count = sum(rasterize_polygon(r, region.grid).astype(int) for r in districts.geometries)
    assert np.array_equal(count, region.county_mask.astype(int))
    # Every person is in exactly one district, in each season.
    for season in ("summer", "winter"):
        assert sum(districts.column(f"pop_{season}")) == region.total(season)
    names_zh = districts.column("name_zh")
    assert len(set(districts.column("name"))) == len(districts) == len(set(names_zh))
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names_zh)
    assert sum(n.endswith("苏木") for n in names_zh) == len(districts) - 1


def test_bridges_lie_on_a_road_and_on_the_river(region):
    river = region.layer("rivers").geometries[0]
    roads = region.layer("roads")
    bridges = region.layer("bridges")
    assert len(bridges) >= 2
    xy = bridges.points()
    assert np.all(distance_to_polyline(xy[:, 0], xy[:, 1], river) < 1e-6)
    road_of = dict(zip(roads.column("road_id"), roads.geometries))
    for (x, y), road_id, road_class in zip(
        xy, bridges.column("road_id"), bridges.column("road_class")
    ):
        assert distance_to_polyline([x], [y], road_of[road_id])[0] < 1e-6
        assert road_class in ("paved", "gravel")


def test_roads_cross_the_river_only_at_bridges(region):
    river = region.layer("rivers").geometries[0]
    bridges = region.layer("bridges").points()
    for line, road_class in zip(
        region.layer("roads").geometries, region.layer("roads").column("road_class")
    ):
        for p, *_ in segment_intersections(line, river):
            assert np.min(np.hypot(*(bridges - p).T)) < 1.0, road_class


def test_road_network_is_connected_noded_and_classed(region):
    roads = region.layer("roads")
    assert set(roads.column("road_class")) == set(ROAD_CLASSES)
    parent: dict[str, str] = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    node_xy: dict[str, np.ndarray] = {}
    for line, a, b in zip(roads.geometries, roads.column("from_node"), roads.column("to_node")):
        parent[find(a)] = find(b)
        for node, end in ((a, line[0]), (b, line[-1])):
            assert np.array_equal(node_xy.setdefault(node, end), end), node
    settlements = region.layer("settlements")
    roots = {find(s) for s in settlements.column("settlement_id")}
    assert len(roots) == 1  # the town, every township seat and every village are linked
    for sid, xy in zip(settlements.column("settlement_id"), settlements.geometries):
        assert np.array_equal(node_xy[sid], xy)
    # Noded: two road lines meet only at end points they share.
    lines = list(roads.geometries)
    ends = [(line[0], line[-1]) for line in lines]
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            for p, *_ in segment_intersections(lines[i], lines[j]):
                at_i = min(np.hypot(*(p - e)) for e in ends[i])
                at_j = min(np.hypot(*(p - e)) for e in ends[j])
                assert at_i < 1e-6 and at_j < 1e-6, (i, j, p)
    for name, name_zh, cls in zip(
        roads.column("name"), roads.column("name_zh"), roads.column("road_class")
    ):
        assert name and name_zh, cls


def test_facilities_and_candidates_lie_inside_the_county(region):
    facilities = region.layer("facilities")
    xy = facilities.points()
    assert np.all(points_in_polygon(xy[:, 0], xy[:, 1], region.county_ring))
    services = facilities.column("service")
    assert {"hospital", "clinic", "library", "police"} == set(services)
    assert all(c > 0 for c in facilities.column("capacity"))
    assert len(set(facilities.column("facility_id"))) == len(facilities)
    district_names = set(region.layer("districts").column("name"))
    assert set(facilities.column("district")) <= district_names
    candidates = region.layer("candidates")
    cxy = candidates.points()
    assert np.all(points_in_polygon(cxy[:, 0], cxy[:, 1], region.county_ring))
    assert {"village", "township", "roadside", "pasture"} <= set(candidates.column("kind"))
    assert set(candidates.column("district")) <= district_names


def test_winter_differs_from_summer_but_the_town_stays(region):
    summer, winter = region.population_summer, region.population_winter
    valid = region.county_mask
    assert np.abs(summer[valid] - winter[valid]).sum() > 10_000
    pts = region.points
    settled = pts.summer == pts.winter  # town, township seats, village centres
    assert settled.sum() > 0 and (pts.summer[settled] > 0).all()
    # Each herder household is at two different places in the two seasons.
    camps = region.layer("herder_camps")
    ids = np.array(camps.column("household_id"))
    assert np.all(np.bincount(ids)[1:] == 2)
    winter_xy = {
        i: g for i, g, s in zip(ids, camps.geometries, camps.column("season")) if s == "winter"
    }
    moved = sum(
        not np.array_equal(winter_xy[i], g)
        for i, g, s in zip(ids, camps.geometries, camps.column("season"))
        if s == "summer"
    )
    assert moved > 0.6 * len(winter_xy)


def test_landcover_has_every_class_in_plausible_shares(region):
    lc = region.landcover
    assert lc.dtype == np.uint8
    assert set(np.unique(lc)) <= set(LANDCOVER_CLASSES)
    inside = lc[region.county_mask]
    share = {name: float(np.mean(inside == code)) for name, code in CODE.items()}
    assert share["grassland"] > 0.6
    assert 0.02 < share["sand"] < 0.3
    for name in ("wetland", "water", "farmland", "built-up"):
        assert share[name] > 0, name
    assert np.array_equal(region.water, lc == CODE["water"])


@pytest.mark.parametrize("cell_size", [100.0, 500.0])
def test_the_river_is_one_4_connected_band_from_the_west_edge_to_the_lake(cell_size, request):
    r = request.getfixturevalue("region" if cell_size == 500.0 else "fine")
    four = ndimage.generate_binary_structure(2, 1)
    labels, _ = ndimage.label(r.water, structure=four)
    river = r.layer("rivers").geometries[0]
    row, col = r.grid.cell_of(river[[0, -1], 0], river[[0, -1], 1])
    assert labels[row[0], col[0]] != 0
    assert labels[row[0], col[0]] == labels[row[1], col[1]]


def test_bad_cell_sizes_and_seeds_are_explained():
    for bad in (0, -100, 10, 1e6, float("nan")):
        with pytest.raises(InputError, match="Cell size"):
            generate_sample_region(cell_size=bad)
    with pytest.raises(InputError, match="seed"):
        generate_sample_region(seed=-1)


@pytest.mark.slow
def test_every_cell_size_shows_the_same_county(region, fine):
    assert fine.total("summer") == region.total("summer")
    for name in LAYER_NAMES:
        assert fine.layer(name).attributes == region.layer(name).attributes, name
    # Five by five fine cells make one coarse cell: the people add up cell by cell.
    pop = np.where(fine.population_summer == POPULATION_NODATA, 0, fine.population_summer)
    coarse = pop.reshape(200, 5, 300, 5).sum(axis=(1, 3))
    ref = np.where(region.population_summer == POPULATION_NODATA, 0, region.population_summer)
    assert np.array_equal(coarse, ref)


def test_roads_keep_out_of_the_lakes_and_camps_out_of_the_water(region):
    lakes = region.layer("lakes").geometries
    for line in region.layer("roads").geometries:
        pts = densify(line, 50.0)
        for shore in lakes:
            assert not points_in_polygon(pts[:, 0], pts[:, 1], shore).any()
    camps = region.layer("herder_camps").points()
    sample = camps[np.random.default_rng(0).choice(len(camps), 1500, replace=False)]
    river = region.layer("rivers").geometries[0]
    assert distance_to_polyline(sample[:, 0], sample[:, 1], river).min() > 150
    for shore in lakes:
        assert not points_in_polygon(sample[:, 0], sample[:, 1], shore).any()
    assert points_in_polygon(camps[:, 0], camps[:, 1], region.county_ring).all()


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "townships"), [(2, 4), (7, 6), (11, 5)])
def test_other_seeds_and_township_counts_keep_the_invariants(seed, townships):
    r = generate_sample_region(seed=seed, cell_size=2500.0, townships=townships)
    districts = r.layer("districts")
    assert len(districts) == townships + 1
    assert sum(ring_area(g) for g in districts.geometries) == pytest.approx(
        ring_area(r.county_ring), rel=1e-12
    )
    assert r.total("summer") == r.total("winter") == sum(districts.column("pop_summer"))
    # Outside the county: NoData, except border cells that hold people (none is lost).
    outside = r.population_summer[~r.county_mask]
    assert np.all((outside == POPULATION_NODATA) | (outside > 0))
    roads = r.layer("roads")
    parent: dict[str, str] = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    for a, b in zip(roads.column("from_node"), roads.column("to_node")):
        parent[find(a)] = find(b)
    assert len({find(s) for s in r.layer("settlements").column("settlement_id")}) == 1
    river = r.layer("rivers").geometries[0]
    xy = r.layer("bridges").points()
    assert len(xy) >= 1
    assert np.all(distance_to_polyline(xy[:, 0], xy[:, 1], river) < 1e-6)
    bridges = xy
    for line in roads.geometries:
        for p, *_ in segment_intersections(line, river):
            assert np.min(np.hypot(*(bridges - p).T)) < 1.0
    for name in ("facilities", "candidates"):
        pts = r.layer(name).points()
        assert points_in_polygon(pts[:, 0], pts[:, 1], r.county_ring).all()
