"""Every analysis algorithm end to end on the built-in sample region, chained as a user would:
sample region → population grid (from the WorldPop-style degrees raster) → speed surface →
travel time → catchments → coverage → equity → candidates → select sites.

At 1 km cells, to stay fast; the numbers are checked against invariants and the region's
own totals, not against snapshots.
"""

from __future__ import annotations

import numpy as np
import pytest
from qgis import processing
from qgis.core import QgsRasterLayer, QgsVectorLayer

from mps_planner.qgis_io.raster_io import read_raster

CELL = 1000


@pytest.fixture(scope="module")
def sample(tmp_path_factory, provider):
    out = tmp_path_factory.mktemp("sample") / "sample.gpkg"
    return processing.run(
        "mps_planner:sampleregion", {"SEED": 2, "CELL_SIZE": CELL, "OUTPUT": str(out)}
    )


def layer(sample, key):
    return QgsVectorLayer(sample[key], key.lower(), "ogr")


def test_the_chain_on_the_sample_region(sample, tmp_path):
    pop = processing.run(
        "mps_planner:populationgrid",
        {
            "INPUT": sample["POPULATION_SUMMER_4326"],
            "CELL_SIZE": CELL,
            "OUTPUT": str(tmp_path / "pop.tif"),
        },
    )
    assert pop["TOTAL_IN"] == pytest.approx(sample["TOTAL_SUMMER"], rel=1e-9)
    assert abs(pop["TOTAL_OUT"] - pop["TOTAL_IN"]) <= 0.005 * pop["TOTAL_IN"]

    speed = processing.run(
        "mps_planner:speedsurface",
        {
            "GRID": pop["OUTPUT"],
            # GeoPackage raster tables are opened as layers (as they are in a project).
            "LANDCOVER": QgsRasterLayer(sample["LANDCOVER"], "landcover", "gdal"),
            "MODE": 1,  # riding
            "ROADS": layer(sample, "ROADS"),
            "ROAD_CLASS_FIELD": "road_class",
            "BARRIERS": layer(sample, "RIVERS"),
            "BRIDGES": layer(sample, "BRIDGES"),
            "OUTPUT": str(tmp_path / "speed.tif"),
        },
    )["OUTPUT"]
    kmh = read_raster(speed).array
    assert kmh.max() == 40.0  # paved roads, riding
    assert (kmh == 0).any()  # the river and lakes

    facilities = layer(sample, "FACILITIES")
    times = processing.run(
        "mps_planner:traveltime",
        {"SPEED": speed, "SOURCES": facilities, "MAX_MINUTES": 120,
         "OUTPUT": str(tmp_path / "t.tif")},
    )  # fmt: skip
    minutes = read_raster(times["OUTPUT"]).array
    assert (minutes == 0).sum() >= 1 and minutes.max() <= 120

    cov = processing.run(
        "mps_planner:coverage",
        {
            "POPULATION": pop["OUTPUT"],
            "SPEED": speed,
            "SITES": facilities,
            "CAPACITY_FIELD": "capacity",
            "THRESHOLDS": "30, 60",
            "DISTRICTS": layer(sample, "DISTRICTS"),
            "DISTRICT_NAME_FIELD": "name",
            "OUTPUT_TABLE": "memory:",
            "OUTPUT_TIME": str(tmp_path / "time.tif"),
            "OUTPUT_GAP": str(tmp_path / "gap.tif"),
            "OUTPUT_HOTSPOTS": "memory:",
        },
    )
    rows = {(f["level"], f["name"]): f for f in cov["OUTPUT_TABLE"].getFeatures()}
    total = rows[("total", "all")]
    assert total["people"] == pytest.approx(pop["TOTAL_OUT"], rel=1e-9)
    for t in (30, 60):
        assert total[f"covered_{t}"] + total[f"uncovered_{t}"] == total["people"]
    assert total["covered_30"] <= total["covered_60"]
    districts = [f for (level, _), f in rows.items() if level == "district"]
    assert len(districts) == 6
    assert sum(f["people"] for f in districts) == pytest.approx(total["people"], rel=1e-6)
    assert total["served"] <= total["covered_60"] + 1e-6
    gap = read_raster(cov["OUTPUT_GAP"]).array
    assert gap[gap > 0].sum() == pytest.approx(total["uncovered_60"], rel=1e-5)

    catch = processing.run(
        "mps_planner:catchments",
        {"SPEED": speed, "SITES": facilities, "THRESHOLDS": "30, 60",
         "POPULATION": pop["OUTPUT"], "OUTPUT": "memory:"},
    )  # fmt: skip
    people_in = sum(f["people"] for f in catch["OUTPUT"].getFeatures())
    assert people_in == pytest.approx(total["covered_60"], rel=1e-6)

    equity = processing.run(
        "mps_planner:equity",
        {
            "POPULATION": pop["OUTPUT"],
            "TRAVEL_TIME": cov["OUTPUT_TIME"],
            "DISTRICTS": layer(sample, "DISTRICTS"),
            "DISTRICT_NAME_FIELD": "name",
            "THRESHOLDS": "30, 60",
            "OUTPUT": "memory:",
        },
    )
    assert 0 <= equity["GINI"] < 1
    assert equity["MAX_MIN_RATIO"] >= 1

    candidates = processing.run(
        "mps_planner:candidates",
        {
            "SPEED": speed,
            "POPULATION": pop["OUTPUT"],
            "METHODS": [1, 3],  # along roads, hotspot centres
            "ROADS": layer(sample, "ROADS"),
            "HOTSPOTS": cov["OUTPUT_HOTSPOTS"],
            "SPACING": 5000,
            "EXISTING": facilities,
            "BUFFER": 3000,
            "OUTPUT": "memory:",
        },
    )["OUTPUT"]
    assert candidates.featureCount() > 3
    chosen = processing.run(
        "mps_planner:selectsites",
        {
            "POPULATION": pop["OUTPUT"],
            "SPEED": speed,
            "CANDIDATES": candidates,
            "EXISTING": facilities,
            "P": 3,
            "THRESHOLD": 30,
            "DISTRICTS": layer(sample, "DISTRICTS"),
            "DISTRICT_NAME_FIELD": "name",
            "OUTPUT": "memory:",
            "OUTPUT_DISTRICTS": "memory:",
        },
    )
    sites = list(chosen["OUTPUT"].getFeatures())
    assert len(sites) == 3
    added = [f["people_added"] for f in sites]
    assert added == sorted(added, reverse=True) and added[-1] >= 0
    assert sites[-1]["people_covered"] == pytest.approx(total["covered_30"] + sum(added), rel=1e-6)
    before = np.array([f["covered_before"] for f in chosen["OUTPUT_DISTRICTS"].getFeatures()])
    assert before.sum() == pytest.approx(total["covered_30"], rel=1e-6)
