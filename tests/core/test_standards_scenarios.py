"""Service standards and scenarios: validation, JSON round trip, comparison."""

from __future__ import annotations

import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.scenario import Scenario, ScenarioResults, Site, compare
from mps_planner.core.standards import PRESETS, ServiceStandard, preset


def test_presets_are_valid_and_include_their_target():
    assert {"clinic", "library_urban", "library_rural", "police", "combined"} <= set(PRESETS)
    for standard in PRESETS.values():
        assert standard.target_minutes in standard.thresholds
        assert list(standard.thresholds) == sorted(standard.thresholds)
    assert preset("library_urban").target_minutes == 10.0
    assert preset("library_urban").mode == "walking"
    assert preset("police").who_travels == "unit"
    with pytest.raises(InputError, match="Unknown service standard"):
        preset("spa")


def test_edited_standard_is_checked():
    clinic = preset("clinic")
    faster = clinic.edited(target_minutes=20.0)
    assert 20.0 in faster.thresholds
    with pytest.raises(InputError, match="travel mode"):
        clinic.edited(mode="boat")
    with pytest.raises(InputError, match="more than 0"):
        ServiceStandard("x", "x", "clinic", "residents", "walking", (0.0,), 10.0)
    assert ServiceStandard.from_dict(clinic.to_dict()) == clinic


def scenario(name, covered, zone):
    results = ScenarioResults([30.0, 60.0], 1000.0, covered, ["巴彦苏木", "Town"], [400, 600], zone)
    sites = [Site("s1", 500000.0, 4800000.0, name="Well 12 / 12号井"), Site("f1", 1, 2, "fixed")]
    return Scenario(name, preset("clinic"), sites, results, notes="会议")


def test_scenario_json_round_trip_keeps_chinese_text():
    a = scenario("A 方案", [300.0, 500.0], [[100, 200], [200, 300]])
    back = Scenario.from_json(a.to_json())
    assert back == a
    assert "方案" in a.to_json()


def test_comparison_differences():
    a = scenario("A", [300.0, 500.0], [[100, 200], [200, 300]])
    b = scenario("B", [350.0, 480.0], [[160, 190], [190, 290]])
    diff = compare(a, b)
    assert diff.difference == [50.0, -20.0]
    assert diff.zone_difference == [[60, -10], [-10, -10]]
    b.results.thresholds = [15.0, 30.0]
    with pytest.raises(InputError, match="same service standard"):
        compare(a, b)
    with pytest.raises(InputError, match="role"):
        Site("x", 0, 0, role="imaginary")
