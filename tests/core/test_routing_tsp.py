"""Route ordering against brute force and a published TSPLIB optimum."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import shortest_path

from bench.instances import read_tsplib
from mps_planner.core.errors import Cancelled, InputError
from mps_planner.core.routing import order_stops, tour_cost
from tests.benchmark_data import benchmarks_dir

BENCH = benchmarks_dir()


def brute_force(m, start, stops, end):
    """Cheapest order by trying every permutation (the independent reference)."""
    best = math.inf
    for perm in itertools.permutations(stops):
        seq = [start, *perm] + ([] if end is None else [end])
        best = min(best, tour_cost(m, seq))
    return best


def random_matrix(rng, n, symmetric):
    """Random travel times closed under shortest paths, like times computed on a road network."""
    m = rng.uniform(1.0, 100.0, (n, n))
    if symmetric:
        m = (m + m.T) / 2
    np.fill_diagonal(m, 0.0)
    return shortest_path(m, method="FW", directed=True)


@pytest.mark.parametrize("symmetric", [True, False])
@pytest.mark.parametrize("end_kind", ["closed", "open", "fixed"])
@pytest.mark.parametrize("exact_up_to", [0, 8])
def test_matches_brute_force_on_small_instances(symmetric, end_kind, exact_up_to):
    rng = np.random.default_rng(7 + symmetric + 3 * len(end_kind) + exact_up_to)
    for trial in range(12):
        n = int(rng.integers(4, 9))  # up to 7 stops besides start/end
        m = random_matrix(rng, n, symmetric)
        end = {"closed": "start", "open": None, "fixed": n - 1}[end_kind]
        end_node = {"closed": 0, "open": None, "fixed": n - 1}[end_kind]
        stops = [i for i in range(1, n) if i != end_node]
        tour = order_stops(
            m,
            start=0,
            end=end,
            exact_up_to=exact_up_to,
            time_limit=None,
            max_iterations=100,
            seed=trial,
        )
        assert sorted(tour.order) == stops
        assert tour.nodes[0] == 0
        if end_node is not None:
            assert tour.nodes[-1] == end_node
        assert tour.cost == pytest.approx(tour_cost(m, tour.nodes))
        assert tour.cost == pytest.approx(brute_force(m, 0, stops, end_node), abs=1e-9)
        assert tour.exact == (exact_up_to >= len(stops))


def test_hand_known_route_on_a_line():
    # Settlements on a road at km 0 (depot), 10, 20, 30, 40: the best closed tour drives out
    # and back, 80 km; an open one ends at the far end, 40 km.
    x = np.array([0.0, 30.0, 10.0, 40.0, 20.0])
    m = np.abs(x[:, None] - x[None, :])
    closed = order_stops(m, exact_up_to=0, time_limit=None, max_iterations=20)
    assert closed.cost == pytest.approx(80.0)
    opened = order_stops(m, end=None, exact_up_to=0, time_limit=None, max_iterations=20)
    assert opened.cost == pytest.approx(40.0)
    assert list(opened.order) == [2, 4, 1, 3]


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**31 - 1), st.integers(min_value=2, max_value=7))
def test_heuristic_path_is_optimal_for_few_stops(seed, k):
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 100, (k + 1, 2))
    m = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1)) * rng.uniform(1.0, 1.2, (k + 1, k + 1))
    tour = order_stops(m, exact_up_to=0, time_limit=None, max_iterations=60, seed=seed)
    assert tour.cost == pytest.approx(brute_force(m, 0, list(range(1, k + 1)), 0), rel=1e-9)


def test_subset_of_stops_and_start_other_than_zero():
    rng = np.random.default_rng(3)
    m = random_matrix(rng, 10, True)
    tour = order_stops(m, [1, 4, 7, 9], start=5, exact_up_to=0, time_limit=None, max_iterations=50)
    assert sorted(tour.order) == [1, 4, 7, 9]
    assert tour.nodes[0] == 5 and tour.nodes[-1] == 5
    assert tour.cost == pytest.approx(brute_force(m, 5, [1, 4, 7, 9], 5))


def test_eil51_within_two_percent_of_published_optimum():
    known = BENCH / "known_values.json"
    tsp = BENCH / "tsplib" / "eil51.tsp"
    assert known.exists() and tsp.exists(), (
        f"Benchmark data missing: expected {known} and {tsp} (the shared benchmarks folder)."
    )
    optimum = json.loads(known.read_text())["tsplib"]["optima"]["eil51"]
    m = read_tsplib(tsp)
    tour = order_stops(m, time_limit=None, max_iterations=400, seed=1)
    assert sorted(tour.order) == list(range(1, 51))
    assert tour.cost == pytest.approx(tour_cost(m, tour.nodes))
    assert tour.cost >= optimum  # nothing beats the proven optimum
    assert tour.cost <= 1.02 * optimum


def test_unreachable_stop_is_named():
    m = np.array([[0, 5, np.inf], [5, 0, np.inf], [4, 4, 0]], dtype=float)
    with pytest.raises(InputError, match=r"'Tsagaan' \(node 2\) cannot be reached"):
        order_stops(m, names=["depot", "Bayan", "Tsagaan"])


def test_no_road_back_is_named():
    m = np.array([[0, 5, 9], [5, 0, 4], [np.inf, np.inf, 0]], dtype=float)
    with pytest.raises(InputError, match=r"From stop node 2 there is no road back"):
        order_stops(m)


def test_bad_matrices_are_explained():
    with pytest.raises(InputError, match="square"):
        order_stops(np.zeros((2, 3)))
    with pytest.raises(InputError, match="negative"):
        order_stops(np.array([[0, -1], [1, 0]], dtype=float))
    with pytest.raises(InputError, match="NaN"):
        order_stops(np.array([[0, np.nan], [1, 0]]))
    with pytest.raises(InputError, match="listed twice"):
        order_stops(np.zeros((3, 3)), [1, 1])


def test_cancel_and_progress():
    rng = np.random.default_rng(0)
    m = random_matrix(rng, 30, True)
    with pytest.raises(Cancelled):
        order_stops(m, time_limit=5.0, cancel=lambda: True)
    seen = []
    order_stops(m, time_limit=None, max_iterations=50, progress=seen.append)
    assert seen and seen[-1] == pytest.approx(100.0)
    assert all(0.0 <= p <= 100.0 for p in seen)
