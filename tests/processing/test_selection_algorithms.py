"""candidates and selectsites end to end through processing.run, against brute force over
scikit-image's MCP_Geometric times on the same grid."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from qgis import processing
from qgis.core import QgsProcessingException
from skimage.graph import MCP_Geometric

from tests.processing.grid_region import X0, Y0, districts, points


def own_times(cost, cells):
    """Each cell's own times (a fresh MCP each: a reused one keeps state between calls)."""
    return [MCP_Geometric(cost, fully_connected=True).find_costs([cell])[0] for cell in cells]


def test_maximal_covering_picks_the_brute_force_best(mps_processing, region, tmp_path):
    grid, speed, pop, people, cost = region
    cand = [(5, 40, "a"), (30, 10, "b"), (20, 45, "c"), (35, 55, "d"), (10, 20, "e")]
    out = processing.run(
        "mps_planner:selectsites",
        {
            "POPULATION": pop,
            "SPEED": speed,
            "CANDIDATES": points(cand),
            "EXISTING": points([(5, 5, "clinic")]),
            "PROBLEM": 0,
            "P": 2,
            "THRESHOLD": 10,
            "DISTRICTS": districts(),
            "DISTRICT_NAME_FIELD": "name",
            "OUTPUT": "memory:",
            "OUTPUT_DISTRICTS": "memory:",
            "OUTPUT_CURVE": "memory:",
            "OUTPUT_CHART": str(tmp_path / "curve.svg"),
        },
    )
    existing = own_times(cost, [(5, 5)])[0] <= 10
    times = [t <= 10 for t in own_times(cost, [(r, c) for r, c, _ in cand])]
    best = max(
        people[existing | times[i] | times[j]].sum() for i, j in itertools.combinations(range(5), 2)
    )
    chosen = list(out["OUTPUT"].getFeatures())
    assert len(chosen) == 2
    assert chosen[-1]["people_covered"] == pytest.approx(best, rel=1e-9)
    assert chosen[0]["people_added"] >= chosen[1]["people_added"]  # ranked by what each adds
    curve = [f["people_covered"] for f in out["OUTPUT_CURVE"].getFeatures()]
    assert curve[0] == pytest.approx(people[existing].sum(), rel=1e-9)
    assert curve == sorted(curve) and curve[-1] == pytest.approx(best, rel=1e-9)
    rows = list(out["OUTPUT_DISTRICTS"].getFeatures())
    assert sum(f["covered_after"] for f in rows) == pytest.approx(best, rel=1e-9)
    assert all(f["covered_before"] <= f["covered_after"] for f in rows)
    assert (tmp_path / "curve.svg").read_text().lstrip().startswith("<?xml")
    assert out["GAP"] is not None and out["GAP"] <= 1e-4  # solved exactly


def test_p_median_and_target_coverage(mps_processing, region):
    grid, speed, pop, people, cost = region
    cand = [(5, 40, "a"), (30, 10, "b"), (20, 45, "c"), (35, 55, "d")]
    out = processing.run(
        "mps_planner:selectsites",
        {
            "POPULATION": pop, "SPEED": speed, "CANDIDATES": points(cand), "PROBLEM": 2,
            "P": 1, "THRESHOLD": 10, "MAX_MINUTES": 500, "OUTPUT": "memory:",
        },
    )  # fmt: skip
    times = own_times(cost, [(r, c) for r, c, _ in cand])
    reachable = np.isfinite(times[0])
    totals = [(people[reachable] * np.minimum(t[reachable], 500)).sum() for t in times]
    name = next(out["OUTPUT"].getFeatures())["name"]
    assert name == cand[int(np.argmin(totals))][2]
    assert out["OBJECTIVE"] == pytest.approx(min(totals), rel=1e-6)
    fewest = processing.run(
        "mps_planner:selectsites",
        {
            "POPULATION": pop, "SPEED": speed, "CANDIDATES": points(cand), "PROBLEM": 1,
            "TARGET": 30, "THRESHOLD": 15, "OUTPUT": "memory:",
        },
    )  # fmt: skip
    assert fewest["COVERED_SHARE"] >= 0.30


def test_bad_inputs_are_explained(mps_processing, region):
    grid, speed, pop, people, cost = region
    base = {"POPULATION": pop, "SPEED": speed, "OUTPUT": "memory:", "THRESHOLD": 10}
    with pytest.raises(QgsProcessingException, match="only 1 candidate: ask for at most 1"):
        processing.run(
            "mps_planner:selectsites", {**base, "CANDIDATES": points([(5, 40, "a")]), "P": 3}
        )
    with pytest.raises(QgsProcessingException, match="West 西"):
        processing.run(
            "mps_planner:selectsites",
            {**base, "CANDIDATES": points([(35, 55, "far east")]), "P": 1, "FLOOR": 90,
             "DISTRICTS": districts(), "DISTRICT_NAME_FIELD": "name"},
        )  # fmt: skip


def test_candidates_generation(mps_processing, region):
    grid, speed, pop, people, cost = region
    out = processing.run(
        "mps_planner:candidates",
        {
            "SPEED": speed, "POPULATION": pop, "METHODS": [0, 2], "SPACING": 1000,
            "SETTLEMENT_RADIUS": 300, "MIN_PEOPLE": 5, "EXISTING": points([(5, 5, "clinic")]),
            "BUFFER": 500, "OUTPUT": "memory:",
        },
    )  # fmt: skip
    feats = list(out["OUTPUT"].getFeatures())
    kinds = {f["kind"] for f in feats}
    assert kinds == {"regular", "settlement"}
    for f in feats:
        p = f.geometry().asPoint()
        assert np.hypot(p.x() - (X0 + 550), p.y() - (Y0 - 550)) > 500
    with pytest.raises(QgsProcessingException, match="need a population raster"):
        processing.run(
            "mps_planner:candidates", {"SPEED": speed, "METHODS": [0], "OUTPUT": "memory:"}
        )
