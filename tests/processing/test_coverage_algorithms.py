"""catchments, coverage and equity end to end through processing.run, checked against plain
numpy sums over scikit-image's MCP_Geometric times on the same grid."""

from __future__ import annotations

import pytest
from qgis import processing
from qgis.core import QgsPointXY, QgsProcessingException
from skimage.graph import MCP_Geometric

from mps_planner.qgis_io.raster_io import read_raster
from tests.processing.grid_region import CELL, districts, points


def test_coverage_table_equals_independent_sums(mps_processing, region, tmp_path):
    grid, speed, pop, people, cost = region
    sites = points([(5, 5, "A"), (30, 50, "B")])
    out = processing.run(
        "mps_planner:coverage",
        {
            "POPULATION": pop,
            "SPEED": speed,
            "SITES": sites,
            "THRESHOLDS": "10, 20",
            "DISTRICTS": districts(),
            "DISTRICT_NAME_FIELD": "name",
            "OUTPUT_TABLE": "memory:",
            "OUTPUT_GAP": str(tmp_path / "gap.tif"),
            "OUTPUT_TIME": str(tmp_path / "time.tif"),
            "OUTPUT_HOTSPOTS": "memory:",
        },
    )
    ref, _ = MCP_Geometric(cost, fully_connected=True).find_costs([(5, 5), (30, 50)])
    rows = {(f["level"], f["name"]): f for f in out["OUTPUT_TABLE"].getFeatures()}

    total = rows[("total", "all")]
    assert total["people"] == pytest.approx(people.sum(), rel=1e-6)
    for t in (10, 20):
        want = people[ref <= t].sum()
        assert total[f"covered_{t}"] == pytest.approx(want, rel=1e-6)
        assert total[f"covered_{t}"] + total[f"uncovered_{t}"] == total["people"]
        west = people[:, :30][ref[:, :30] <= t].sum()
        assert rows[("district", "West 西")][f"covered_{t}"] == pytest.approx(west, rel=1e-6)
        by_site = rows[("site", "A")][f"covered_{t}"] + rows[("site", "B")][f"covered_{t}"]
        assert by_site == pytest.approx(total[f"covered_{t}"], rel=1e-9)
    gap = read_raster(out["OUTPUT_GAP"]).array
    assert gap.sum() == pytest.approx(people[~(ref <= 20)].sum(), rel=1e-5)
    hot = list(out["OUTPUT_HOTSPOTS"].getFeatures())
    assert hot and [f["rank"] for f in hot] == list(range(1, len(hot) + 1))
    assert sum(f["people"] for f in hot) <= gap.sum() + 1e-3
    assert all(f.geometry().contains(QgsPointXY(f["centre_x"], f["centre_y"])) for f in hot)


def test_capacity_columns_and_order_independence(mps_processing, region):
    grid, speed, pop, people, cost = region
    listed = [(5, 5, "A", 50.0), (8, 9, "B", 1e9), (30, 50, "C", 20.0)]
    results = []
    for order in (listed, listed[::-1]):
        out = processing.run(
            "mps_planner:coverage",
            {
                "POPULATION": pop,
                "SPEED": speed,
                "SITES": points(order, "cap"),
                "CAPACITY_FIELD": "cap",
                "THRESHOLDS": "20",
                "OUTPUT_TABLE": "memory:",
            },
        )
        rows = {f["name"]: f for f in out["OUTPUT_TABLE"].getFeatures() if f["level"] == "site"}
        results.append({k: v["served"] for k, v in rows.items()})
        assert rows["A"]["served"] <= 50.0 + 1e-9 and rows["C"]["served"] <= 20.0 + 1e-9
    assert results[0] == results[1]


def test_catchments_cover_exactly_the_reachable_cells(mps_processing, region):
    grid, speed, pop, people, cost = region
    out = processing.run(
        "mps_planner:catchments",
        {
            "SPEED": speed,
            "SITES": points([(5, 5, "A"), (30, 50, "B")]),
            "THRESHOLDS": "10, 20",
            "POPULATION": pop,
            "OUTPUT": "memory:",
        },
    )
    ref, _ = MCP_Geometric(cost, fully_connected=True).find_costs([(5, 5), (30, 50)])
    feats = list(out["OUTPUT"].getFeatures())
    assert {(f["site_name"], f["band_max"]) for f in feats} == {
        ("A", 10.0),
        ("A", 20.0),
        ("B", 10.0),
        ("B", 20.0),
    }
    area = sum(f.geometry().area() for f in feats) / 1e6
    assert area == pytest.approx((ref <= 20).sum() * CELL * CELL / 1e6, rel=1e-9)
    assert sum(f["people"] for f in feats) == pytest.approx(people[ref <= 20].sum(), rel=1e-6)
    overlap = processing.run(
        "mps_planner:catchments",
        {
            "SPEED": speed,
            "SITES": points([(5, 5, "A"), (8, 9, "B")]),
            "THRESHOLDS": "20",
            "OVERLAP": True,
            "CUMULATIVE": True,
            "OUTPUT": "memory:",
        },
    )
    geoms = {f["site_name"]: f.geometry() for f in overlap["OUTPUT"].getFeatures()}
    own_a, _ = MCP_Geometric(cost, fully_connected=True).find_costs([(5, 5)])
    assert geoms["A"].area() == pytest.approx((own_a <= 20).sum() * CELL * CELL, rel=1e-9)
    assert geoms["A"].intersects(geoms["B"])  # each site's own catchment: they overlap


def test_equity_table(mps_processing, region, tmp_path):
    grid, speed, pop, people, cost = region
    cov = processing.run(
        "mps_planner:coverage",
        {
            "POPULATION": pop,
            "SPEED": speed,
            "SITES": points([(5, 5, "A")]),
            "THRESHOLDS": "10, 20",
            "OUTPUT_TABLE": "memory:",
            "OUTPUT_TIME": str(tmp_path / "t.tif"),
        },
    )
    out = processing.run(
        "mps_planner:equity",
        {
            "POPULATION": pop,
            "TRAVEL_TIME": cov["OUTPUT_TIME"],
            "DISTRICTS": districts(),
            "DISTRICT_NAME_FIELD": "name",
            "THRESHOLDS": "10, 20",
            "URBAN_DISTRICT": "West 西",
            "OUTPUT": "memory:",
        },
    )
    rows = {f["district"]: f for f in out["OUTPUT"].getFeatures() if f["row"] == "district"}
    assert rows["West 西"]["share_20"] > rows["East 东"]["share_20"]
    assert out["URBAN_RURAL_GAP"] == pytest.approx(
        rows["West 西"]["share_20"] - rows["East 东"]["share_20"], abs=1e-9
    )
    assert 0 < out["GINI"] < 1
    with pytest.raises(QgsProcessingException, match="no district called"):
        processing.run(
            "mps_planner:equity",
            {
                "POPULATION": pop,
                "TRAVEL_TIME": cov["OUTPUT_TIME"],
                "DISTRICTS": districts(),
                "DISTRICT_NAME_FIELD": "name",
                "URBAN_DISTRICT": "Nowhere",
                "OUTPUT": "memory:",
            },
        )


def test_polygons_of_diagonal_cells_are_valid(qgis_app):
    """Cells that touch only at corners (8-connected) still give valid polygons."""
    import numpy as np

    from mps_planner.qgis_io.polygons_io import polygonize_labels
    from tests.processing.grid_region import utm_grid

    labels = -np.ones((6, 6), dtype=np.int32)
    labels[[0, 1, 2, 3], [0, 1, 2, 3]] = 0  # a diagonal chain
    labels[[0, 1], [3, 2]] = 1
    labels[[0, 1], [2, 3]] = 1  # a checkerboard 2 × 2
    geoms = polygonize_labels(labels, utm_grid())
    assert all(g.isGeosValid() for g in geoms.values())
    assert geoms[0].area() == pytest.approx(4 * 100.0 * 100.0)
    assert geoms[1].area() == pytest.approx(4 * 100.0 * 100.0)
