"""p-median against brute force: dense and sparse costs, existing sites, unreachable demand."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from mps_planner.core.selection import p_median
from mps_planner.core.selection import pmedian_heuristic as heur
from mps_planner.core.selection.pmedian_costs import DenseCosts, SparseCosts
from tests.core.selection_reference import brute_pmedian


def points(rng, n, m):
    demand = rng.random((n, 2)) * 100
    sites = rng.random((m, 2)) * 100
    return np.sqrt(((demand[:, None, :] - sites[None, :, :]) ** 2).sum(axis=2))


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_pmedian_matches_brute_force(method):
    rng = np.random.default_rng(1)
    for _ in range(15):
        n, m = int(rng.integers(10, 40)), int(rng.integers(5, 10))
        c = np.round(points(rng, n, m))  # ties on purpose
        w = rng.integers(1, 20, n).astype(float)
        p = int(rng.integers(1, 4))
        best, _ = brute_pmedian(c, w, p)
        res = p_median(c, w, p, method=method)
        assert res.objective == pytest.approx(w @ c[:, res.sites].min(axis=1))
        if method == "exact":
            assert res.objective == pytest.approx(best)
            assert res.optimal and res.bound <= best + 1e-6
        else:
            assert best - 1e-9 <= res.objective <= best * 1.01


def test_existing_sites_stay_open_and_count():
    rng = np.random.default_rng(2)
    c = points(rng, 30, 9)
    w = rng.integers(1, 20, 30).astype(float)
    fixed = [2, 5]
    best, _ = brute_pmedian(c, w, 2, fixed=fixed)
    for method in ("exact", "heuristic"):
        res = p_median(c, w, 2, fixed=fixed, method=method)
        assert list(res.fixed) == fixed and not set(res.sites) & set(fixed)
        open_cols = fixed + list(res.sites)
        assert res.objective == pytest.approx(w @ c[:, open_cols].min(axis=1))
        assert res.objective <= best * 1.01 + 1e-9
        # everyone is assigned to the nearest open site and loads add up to all people
        assert set(res.assignment) <= set(open_cols)
        assert np.allclose(c[np.arange(30), res.assignment], c[:, open_cols].min(axis=1))
        assert res.site_load.sum() == pytest.approx(w.sum())
    # the curve starts from the existing sites: costs fall, savings are positive
    assert np.all(np.diff(res.curve) <= 1e-9) and np.all(res.marginal >= -1e-9)
    assert res.curve[-1] == pytest.approx(res.objective)


def test_sparse_costs_with_unreachable_pairs_agree_with_dense_inf():
    rng = np.random.default_rng(3)
    for _ in range(8):
        c = points(rng, 25, 8)
        c[c > 45] = np.inf  # a travel-time cut-off
        w = rng.integers(1, 10, 25).astype(float)
        c[0, :] = np.inf  # one demand no site reaches
        finite = np.isfinite(c)
        csr = sp.csr_matrix((c[finite], np.nonzero(finite)), shape=c.shape)
        u = 100.0
        best, _ = brute_pmedian(c, w, 2, unserved=u)
        dense = p_median(c, w, 2, unserved_cost=u)
        sparse = p_median(csr, w, 2, unserved_cost=u)
        heuristic = p_median(csr, w, 2, unserved_cost=u, method="heuristic")
        assert dense.objective == pytest.approx(best)
        assert sparse.objective == pytest.approx(best)
        assert best - 1e-9 <= heuristic.objective <= best * 1.01
        none = np.flatnonzero(~np.isfinite(c).any(axis=1))
        assert 0 in none and list(dense.unreachable) == list(none)
        assert dense.unreachable_weight == pytest.approx(w[none].sum())
        assert np.all(dense.assignment[none] == -1)


def test_sparse_backend_answers_like_dense():
    rng = np.random.default_rng(4)
    c = points(rng, 40, 12)
    c[c > 60] = np.inf
    w = rng.random(40)
    finite = np.isfinite(c)
    csr = sp.csr_matrix((c[finite], np.nonzero(finite)), shape=c.shape)
    dense, sparse = DenseCosts(c, 80.0), SparseCosts(csr, 80.0)
    open_cols = np.array([1, 4, 7])
    for a, b in zip(dense.nearest_two(open_cols)[:2], sparse.nearest_two(open_cols)[:2]):
        assert np.allclose(a, b)
    d1, d2, phi = dense.nearest_two(open_cols)
    assert np.allclose(dense.gain(d1, w), sparse.gain(d1, w))
    ok = d1 < 80.0
    phi_s = sparse.nearest_two(open_cols)[2]
    assert np.array_equal(phi[ok], phi_s[ok])
    assert np.allclose(dense.extra(d1, d2, phi, 3, w), sparse.extra(d1, d2, phi_s, 3, w))


def test_fast_interchange_profit_equals_true_change():
    """The vectorised swap profit equals the cost change of actually making the swap."""
    rng = np.random.default_rng(5)
    c = points(rng, 50, 15)
    w = rng.integers(1, 9, 50).astype(float)
    costs = DenseCosts(c, c.max())
    open_cols = np.array([0, 3, 8, 11])
    d1, d2, phi = costs.nearest_two(open_cols)
    loss = np.bincount(phi, weights=w * (d2 - d1), minlength=4)
    profit = costs.gain(d1, w)[None, :] - loss[:, None] + costs.extra(d1, d2, phi, 4, w)
    before = w @ c[:, open_cols].min(axis=1)
    for k in range(4):
        for j in range(15):
            if j in open_cols:
                continue
            trial = open_cols.copy()
            trial[k] = j
            assert profit[k, j] == pytest.approx(before - w @ c[:, trial].min(axis=1))


def test_heuristic_never_worse_than_plain_greedy():
    rng = np.random.default_rng(6)
    for _ in range(10):
        c = points(rng, 60, 20)
        w = rng.integers(1, 9, 60).astype(float)
        costs = DenseCosts(c, c.max())
        g = heur.greedy(costs, w, 4, np.zeros(0, dtype=np.int64))
        plain = heur.objective(costs, w, np.array(g))
        res = p_median(c, w, 4, method="heuristic")
        assert res.objective <= plain + 1e-9


def test_identical_demand_rows_collapse_without_changing_the_optimum():
    rng = np.random.default_rng(7)
    base = np.round(points(rng, 10, 6))
    reps = rng.integers(1, 5, 10)
    c = np.repeat(base, reps, axis=0)
    w = rng.integers(1, 9, c.shape[0]).astype(float)
    res = p_median(c, w, 2, method="exact")
    best, _ = brute_pmedian(c, w, 2)
    assert res.objective == pytest.approx(best)
    assert res.n_rows_solved <= 10
