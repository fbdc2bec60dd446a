"""Covering tours against brute force, the exact MILP, and what they claim to cover."""

from __future__ import annotations

import itertools
import json
import math
from functools import cache

import numpy as np
import pytest

from bench.instances import read_ctp
from mps_planner.core.errors import InputError
from mps_planner.core.routing import (
    coverage_tradeoff,
    covering_tour,
    exact_covering_tour,
    max_covering_tour,
    tour_cost,
)
from tests.benchmark_data import benchmarks_dir

BENCH = benchmarks_dir()


def instance(seed, n_cand=7, n_dem=25, radius=30.0):
    """Depot 0, candidates 1..n_cand (matrix nodes), demand points covered within ``radius``."""
    rng = np.random.default_rng(seed)
    cand = rng.uniform(0, 100, (n_cand, 2))
    dem = cand[rng.integers(0, n_cand, n_dem)] + rng.normal(0, 12, (n_dem, 2))
    xy = np.vstack([[50.0, 50.0], cand])
    m = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    dist = np.sqrt(((dem[:, None] - cand[None]) ** 2).sum(-1))
    cov = dist <= radius
    cov[np.arange(n_dem), dist.argmin(axis=1)] = True  # everyone can reach some candidate
    people = rng.integers(5, 200, n_dem).astype(float)
    return m, list(range(1, n_cand + 1)), cov, people


def tsp_brute(m, nodes):
    if not nodes:
        return 0.0
    return min(tour_cost(m, [0, *p, 0]) for p in itertools.permutations(nodes))


def covered_weight(cov, people, chosen_positions):
    hit = cov[:, list(chosen_positions)].any(axis=1) if chosen_positions else np.zeros(len(people))
    return float(people[hit.astype(bool)].sum())


def brute_single(m, cands, cov, people, share=1.0):
    best = math.inf
    need = share * people.sum() - 1e-9
    for r in range(len(cands) + 1):
        for sub in itertools.combinations(range(len(cands)), r):
            if covered_weight(cov, people, sub) >= need:
                best = min(best, tsp_brute(m, [cands[j] for j in sub]))
    return best


def set_partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in set_partitions(rest):
        for i in range(len(part)):
            yield [*part[:i], [first, *part[i]], *part[i + 1 :]]
        yield [[first], *part]


def brute_multi(m, cands, cov, people, max_stops, max_minutes, dwell):
    """Least route minutes (travel + dwell) over subsets and their partitions into routes."""

    @cache
    def route(group):
        return tsp_brute(m, list(group))

    best = math.inf
    for r in range(1, len(cands) + 1):
        for sub in itertools.combinations(range(len(cands)), r):
            if covered_weight(cov, people, sub) < people.sum() - 1e-9:
                continue
            for part in set_partitions([cands[j] for j in sub]):
                if any(len(g) > max_stops for g in part):
                    continue
                costs = [route(tuple(sorted(g))) + dwell * len(g) for g in part]
                if max(costs) <= max_minutes + 1e-9:
                    best = min(best, sum(costs))
    return best


def check_claims(tour, m, cands, cov, people, dwell=0.0):
    """The tour covers what it says, and its minutes are the matrix's."""
    pos = {c: j for j, c in enumerate(cands)}
    visited = sorted(pos[n] for r in tour.routes for n in r)
    assert visited == list(tour.stops)
    assert tour.covered_weight == pytest.approx(covered_weight(cov, people, visited))
    hit = cov[:, visited].any(axis=1) if visited else np.zeros(len(people), dtype=bool)
    uncovered = set(np.flatnonzero(~hit))
    assert set(tour.uncovered) == uncovered
    assert tour.covered_weight + people[list(uncovered)].sum() == pytest.approx(people.sum())
    for r, minutes in zip(tour.routes, tour.route_minutes):
        assert minutes == pytest.approx(tour_cost(m, [0, *r, 0]) + dwell * len(r))
    assert tour.total_minutes == pytest.approx(sum(tour.route_minutes))


@pytest.mark.parametrize("seed", range(5))
def test_single_vehicle_matches_brute_force(seed):
    m, cands, cov, people = instance(seed)
    tour = covering_tour(m, 0, cands, cov, people, time_limit=None, max_iterations=40, seed=seed)
    check_claims(tour, m, cands, cov, people)
    assert tour.uncovered == ()
    assert tour.total_minutes == pytest.approx(brute_single(m, cands, cov, people))


@pytest.mark.parametrize("seed", range(3))
def test_exact_milp_matches_brute_force(seed):
    m, cands, cov, people = instance(seed + 10)
    tour = exact_covering_tour(m, 0, cands, cov, people, time_limit=60)
    assert tour.optimal and tour.lower_bound == pytest.approx(tour.total_minutes)
    check_claims(tour, m, cands, cov, people)
    assert tour.total_minutes == pytest.approx(brute_single(m, cands, cov, people), rel=1e-6)


def test_target_share_and_partial_exact():
    m, cands, cov, people = instance(21)
    full = covering_tour(m, 0, cands, cov, people, time_limit=None, max_iterations=40)
    part = covering_tour(
        m, 0, cands, cov, people, target_share=0.6, time_limit=None, max_iterations=40
    )
    check_claims(part, m, cands, cov, people)
    assert part.covered_weight >= 0.6 * people.sum() - 1e-6
    ref = brute_single(m, cands, cov, people, share=0.6)
    assert part.total_minutes == pytest.approx(ref)
    assert ref <= full.total_minutes + 1e-9
    ex = exact_covering_tour(m, 0, cands, cov, people, target_share=0.6, time_limit=60)
    assert ex.optimal and ex.total_minutes == pytest.approx(ref, rel=1e-6)


@pytest.mark.parametrize("seed", range(3))
def test_multi_vehicle_limits_and_optimum(seed):
    m, cands, cov, people = instance(seed + 30, n_cand=6)
    dwell = 5.0
    max_stops, limit = 2, 170.0
    tour = covering_tour(
        m,
        0,
        cands,
        cov,
        people,
        n_vehicles=None,
        max_stops=max_stops,
        max_route_minutes=limit,
        dwell_minutes=dwell,
        time_limit=None,
        max_iterations=60,
        seed=seed,
    )
    check_claims(tour, m, cands, cov, people, dwell=dwell)
    assert len(tour.routes) > 1  # the limits bind
    assert all(len(r) <= max_stops for r in tour.routes)
    assert all(t <= limit + 1e-9 for t in tour.route_minutes)
    ref = brute_multi(m, cands, cov, people, max_stops, limit, dwell)
    assert tour.total_minutes == pytest.approx(ref)


def test_vehicle_count_limit_is_kept():
    m, cands, cov, people = instance(40)
    tour = covering_tour(
        m, 0, cands, cov, people, n_vehicles=2, max_stops=3, time_limit=None, max_iterations=30
    )
    assert len(tour.routes) <= 2 and all(len(r) <= 3 for r in tour.routes)
    check_claims(tour, m, cands, cov, people)


def brute_max_one_route(m, cands, cov, people, limit):
    best = 0.0
    for r in range(len(cands) + 1):
        for sub in itertools.combinations(range(len(cands)), r):
            if tsp_brute(m, [cands[j] for j in sub]) <= limit:
                best = max(best, covered_weight(cov, people, sub))
    return best


def test_max_covering_tour_and_tradeoff_table():
    m, cands, cov, people = instance(50)
    limit = 150.0
    one = max_covering_tour(
        m,
        0,
        cands,
        cov,
        people,
        n_vehicles=1,
        max_route_minutes=limit,
        time_limit=None,
        max_iterations=60,
    )
    check_claims(one, m, cands, cov, people)
    assert one.total_minutes <= limit + 1e-9
    assert one.covered_weight == pytest.approx(brute_max_one_route(m, cands, cov, people, limit))
    rows = coverage_tradeoff(
        m, 0, cands, cov, people, route_minutes=limit, time_limit=None, max_iterations=40
    )
    assert [r.vehicles for r in rows] == [1, 2, 3]
    assert rows[0].people_reached == pytest.approx(one.covered_weight)
    reached = [r.people_reached for r in rows]
    assert reached == sorted(reached)  # more routes never reach fewer people
    assert all(r.people_reached <= people.sum() + 1e-9 for r in rows)
    assert all(r.minutes_used <= r.vehicles * limit + 1e-9 for r in rows)
    done = [r for r in rows if r.minutes_for_target is not None]
    assert all(r.share_reached == pytest.approx(1.0) for r in done)


def test_uncoverable_settlement_is_reported():
    m, cands, cov, people = instance(60)
    cov[3, :] = False
    with pytest.raises(InputError, match=r"covers demand point\(s\) 3, so at most"):
        covering_tour(m, 0, cands, cov, people, time_limit=None, max_iterations=5)
    # a target the others can reach is fine
    share = 1.0 - people[3] / people.sum()
    tour = covering_tour(
        m, 0, cands, cov, people, target_share=share, time_limit=None, max_iterations=5
    )
    assert 3 in tour.uncovered


def test_bad_covering_inputs():
    m, cands, cov, people = instance(61)
    with pytest.raises(InputError, match="coverage relation must be"):
        covering_tour(m, 0, cands, cov[:, :3], people)
    m2 = m.copy()
    m2[0, 1:] = np.inf
    with pytest.raises(InputError, match="not connected to any candidate"):
        covering_tour(m2, 0, cands, cov, people)
    with pytest.raises(InputError, match=r"cannot reach 100\.0 %"):
        covering_tour(
            m, 0, cands, cov, people, n_vehicles=1, max_stops=1, time_limit=None, max_iterations=5
        )


def test_published_m_ctp_p_optimum_is_reached_and_never_beaten():
    known = BENCH / "known_values.json"
    path = BENCH / "ctp_mctp" / "A1-1-25-75-8-250.ctp"
    assert known.exists() and path.exists(), f"Benchmark data missing: {known}, {path}"
    optimum = json.loads(known.read_text())["ctp_mctp"]["optima"][
        "m-CTP-p(Glize, q=inf) A1-1-25-75-8"
    ]
    d, cov, p, _ = read_ctp(path)
    tour = covering_tour(
        d,
        0,
        list(range(1, d.shape[0])),
        cov,
        n_vehicles=None,
        max_stops=p,
        time_limit=None,
        max_iterations=30,
    )
    assert tour.uncovered == ()
    assert all(len(r) <= p for r in tour.routes)
    assert optimum - 1e-6 <= tour.total_minutes <= 1.02 * optimum
