"""The panel's "Propose stops" solver against brute force over every subset of candidates,
with coverage recomputed by an independent multi-source search (``travel_times``)."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from mps_planner.core.errors import Cancelled, InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.live_session import SiteRequest, straight_field_maker
from mps_planner.core.planning_jobs import ProposeStopsRequest
from mps_planner.core.planning_propose import propose_stops
from mps_planner.core.selection_grid import build_selection
from mps_planner.core.traveltime import CostGrid, travel_times

CELL = 100.0
ROWS, COLS = 40, 50
GRID = AnalysisGrid("", (0.0, CELL, 0.0, ROWS * CELL, 0.0, -CELL), (ROWS, COLS))


def centre(row: int, col: int) -> tuple[float, float]:
    x, y = GRID.centre_of(np.array([row]), np.array([col]))
    return float(x[0]), float(y[0])


def site(key: str, row: int, col: int, role: str = "candidate") -> SiteRequest:
    return SiteRequest(key, *centre(row, col), role, f"site {key}")


@pytest.fixture(scope="module")
def case():
    rng = np.random.default_rng(7)
    minutes = rng.uniform(0.8, 2.5, size=(ROWS, COLS))  # crossing minutes per cell
    minutes[:, 24] = np.inf  # a river with one ford
    minutes[30, 24] = 3.0
    people = np.where(rng.random((ROWS, COLS)) < 0.3, rng.integers(1, 40, (ROWS, COLS)), 0)
    people = people.astype(np.float64)
    existing = [site("fixed", 8, 8, "fixed")]
    candidates = [
        site("a", 5, 15),
        site("b", 20, 10),
        site("c", 32, 30),
        site("d", 10, 40),
        site("e", 25, 45),
        site("f", 35, 5),
        site("g", 15, 30),
    ]
    return minutes, people, existing, candidates


def request(case, new_stops: int, **extra) -> ProposeStopsRequest:
    minutes, people, existing, candidates = case
    return ProposeStopsRequest(
        grid=GRID,
        cost=CostGrid(minutes),
        people=people,
        thresholds=[10.0, 20.0, 30.0],
        target_minutes=20.0,
        existing=existing,
        candidates=candidates,
        new_stops=new_stops,
        **extra,
    )


def cells(sites):
    rows, cols = GRID.cell_of(np.array([s.x for s in sites]), np.array([s.y for s in sites]))
    return rows, cols


def covered_by(minutes, people, sites, target) -> float:
    """People within ``target`` of the nearest site: one joint search from all of them."""
    rows, cols = cells(sites)
    tt = travel_times(CostGrid(minutes), rows, cols, max_minutes=target)
    return float(people[tt.minutes <= target].sum())


@pytest.mark.parametrize("k", [1, 2, 3])
def test_the_proposal_is_the_best_subset_found_by_brute_force(case, k):
    minutes, people, existing, candidates = case
    result = propose_stops(request(case, k), lambda v: None, lambda: False)
    best = max(
        covered_by(minutes, people, existing + list(subset), 20.0)
        for subset in combinations(candidates, k)
    )
    assert len(result.sites) == k
    assert {s.key for s in result.sites} <= {s.key for s in candidates}
    assert result.covered_people == pytest.approx(best)
    # The chosen sites really cover what the result says, by an independent search.
    assert covered_by(minutes, people, existing + result.sites, 20.0) == pytest.approx(
        result.covered_people
    )
    already = covered_by(minutes, people, existing, 20.0)
    assert result.already_people == pytest.approx(already)
    assert result.total_people == pytest.approx(people.sum())
    # What each stop adds sums to the gain, best first, and each prefix is what it says.
    assert sum(result.added_people) == pytest.approx(best - already)
    assert result.added_people == sorted(result.added_people, reverse=True)
    for n in range(1, k + 1):
        prefix = existing + result.sites[:n]
        assert covered_by(minutes, people, prefix, 20.0) == pytest.approx(
            already + sum(result.added_people[:n])
        )
    assert result.method == "milp" and result.gap == pytest.approx(0.0, abs=1e-4)
    assert "exactly" in result.notes[0] and "optimal" in result.notes[0]
    assert all(s.name in result.notes[1] for s in result.sites)


def test_more_stops_never_cover_fewer_people(case):
    covered = [propose_stops(request(case, k)).covered_people for k in range(1, 6)]
    assert covered == sorted(covered)


def test_the_cached_fields_of_another_travel_model_are_used(case):
    """With ``field_of`` (here straight-line fields at 6 km/h, 1 min per 100 m) the matrix is
    built from those fields, not from the cost grid: brute force by distances."""
    minutes, people, existing, candidates = case
    maker = straight_field_maker(GRID, 6.0, 30.0)
    result = propose_stops(request(case, 2, field_of=lambda r, c: maker(r, c)))
    rr, cc = np.mgrid[0:ROWS, 0:COLS]

    def straight(sites):
        rows, cols = cells(sites)
        near = np.full((ROWS, COLS), np.inf)
        for r, c in zip(rows, cols):
            near = np.minimum(near, np.hypot(rr - r, cc - c) * CELL / 100.0)
        return float(people[near <= 20.0].sum())

    best = max(straight(existing + list(s)) for s in combinations(candidates, 2))
    assert result.covered_people == pytest.approx(best)
    assert straight(existing + result.sites) == pytest.approx(best)
    # ... and differs from the grid's answer, so the fields really came from field_of.
    assert result.covered_people != pytest.approx(propose_stops(request(case, 2)).covered_people)


def test_fields_shorter_than_the_target_are_refused(case):
    maker = straight_field_maker(GRID, 6.0, 15.0)
    with pytest.raises(InputError, match="15 min, less than the 20 min"):
        propose_stops(request(case, 1, field_of=lambda r, c: maker(r, c)))


def test_build_selection_with_fields_matches_its_own_searches(case):
    minutes, people, existing, candidates = case
    cost = CostGrid(minutes)
    rows, cols = cells(candidates)
    er, ec = cells(existing)
    from mps_planner.core.traveltime import bounded_field

    searched = build_selection(cost, people, rows, cols, 20.0, er, ec)
    given = build_selection(
        cost, people, rows, cols, 20.0, er, ec, field_of=lambda r, c: bounded_field(cost, r, c, 30)
    )
    assert (searched.coverage != given.coverage).nnz == 0
    assert np.array_equal(searched.already_covered, given.already_covered)


def test_sites_off_the_grid_are_left_out_and_named(case):
    minutes, people, existing, candidates = case
    outside = SiteRequest("far", -5000.0, 100.0, "candidate", "far away")
    req = request(case, 2)
    req.candidates = [outside, *candidates]
    result = propose_stops(req)
    assert "far" not in {s.key for s in result.sites}
    assert any("far away" in n and "left out" in n for n in result.notes)
    req.candidates = [outside]
    with pytest.raises(InputError, match="far away"):
        propose_stops(req)


def test_too_many_stops_asked_ranks_every_candidate(case):
    result = propose_stops(request(case, 12))
    assert len(result.sites) == 7
    assert any("12 stops were asked for" in n for n in result.notes)


def test_bad_requests_and_cancel(case):
    with pytest.raises(InputError, match="at least one"):
        propose_stops(request(case, 0))
    req = request(case, 1)
    req.candidates = []
    with pytest.raises(InputError, match="no candidate"):
        propose_stops(req)
    with pytest.raises(Cancelled):
        propose_stops(request(case, 2), None, lambda: True)
    calls = []

    def late_cancel():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        propose_stops(request(case, 2), None, late_cancel)
