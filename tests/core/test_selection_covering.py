"""Maximal covering and set covering against brute force, with existing sites kept."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from mps_planner.core.selection import maximal_covering, set_covering
from mps_planner.core.selection.coverage_heuristic import CoverState, greedy
from tests.core.selection_reference import brute_lscp, brute_mclp, covered, random_coverage


def instances(count: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n, m = int(rng.integers(8, 30)), int(rng.integers(5, 10))
        a = random_coverage(rng, n, m, float(rng.uniform(0.1, 0.4)))
        w = rng.integers(0, 50, n).astype(float)
        w[0] += 1  # never all zero
        yield rng, a, w


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_mclp_matches_brute_force(method):
    worst = 0.0
    for rng, a, w in instances(25):
        m = a.shape[1]
        p = int(rng.integers(1, min(4, m) + 1))
        if not (a.any(axis=1) & (w > 0)).any():
            continue
        best, _ = brute_mclp(a, w, p)
        res = maximal_covering(sp.csr_matrix(a), w, p, method=method)
        assert res.n_sites == p and len(set(res.sites)) == p
        # the reported objective is what the chosen sites really cover
        assert res.objective == pytest.approx(w[covered(a, res.sites)].sum())
        if method == "exact":
            assert res.objective == pytest.approx(best)
            assert res.optimal and res.gap == pytest.approx(0.0, abs=1e-6)
            assert res.bound >= best - 1e-6
        else:
            assert res.objective <= best + 1e-9
            worst = max(worst, (best - res.objective) / best if best else 0.0)
            # the Lagrangian bound is a valid upper bound and the gap is measured against it
            assert res.bound >= best - 1e-6
            assert res.gap == pytest.approx((res.bound - res.objective) / res.objective, abs=1e-8)
    assert worst <= 0.01


def test_heuristic_never_worse_than_plain_greedy():
    for rng, a, w in instances(30, seed=11):
        p = int(rng.integers(1, 4))
        if not (a.any(axis=1) & (w > 0)).any():
            continue
        state = CoverState(sp.csr_matrix(a), w)
        greedy(state, p)
        plain = state.value()
        res = maximal_covering(a, w, p, method="heuristic")
        assert res.objective >= plain - 1e-9
        assert res.heuristic_objective >= plain - 1e-9


def test_existing_sites_as_columns_or_mask_agree_and_stay():
    for rng, a, w in instances(15, seed=3):
        m = a.shape[1]
        fixed = sorted(rng.choice(m, size=2, replace=False).tolist())
        base = covered(a, fixed)
        if not (~base & a.any(axis=1) & (w > 0)).any():
            continue
        free = [j for j in range(m) if j not in fixed]
        p = min(2, len(free))
        by_col = maximal_covering(a, w, p, fixed=fixed)
        by_mask = maximal_covering(a[:, free], w, p, already_covered=base)
        best, _ = brute_mclp(a, w, p, fixed=fixed)
        assert by_col.objective == pytest.approx(best)
        assert by_mask.objective == pytest.approx(best)
        assert list(by_col.fixed) == fixed
        assert not set(by_col.sites) & set(fixed)  # new sites never duplicate existing ones
        # covered = existing + newly covered, never more than everyone
        assert by_col.covered_weight == pytest.approx(w[base].sum() + by_col.objective)
        assert by_col.already_covered_weight == pytest.approx(w[base].sum())
        assert by_col.covered_weight <= w.sum() + 1e-9


def test_coverage_curve_is_ranked_and_adds_up():
    rng = np.random.default_rng(5)
    a = random_coverage(rng, 200, 25, 0.08)
    w = rng.integers(1, 100, 200).astype(float)
    res = maximal_covering(a, w, 6)
    assert res.curve.shape == (6,) and res.marginal.shape == (6,)
    assert res.curve[-1] == pytest.approx(res.objective)
    assert np.allclose(np.cumsum(res.marginal), res.curve)
    # greedy order of a coverage function: marginal gains never increase
    assert np.all(np.diff(res.marginal) <= 1e-9)
    # each marginal is what the site adds to the ones ranked before it
    for k, j in enumerate(res.sites):
        before = covered(a, res.sites[:k])
        assert res.marginal[k] == pytest.approx(w[a[:, j] & ~before].sum())


def test_more_sites_never_cover_fewer():
    rng = np.random.default_rng(9)
    a = random_coverage(rng, 150, 20, 0.1)
    w = rng.integers(1, 30, 150).astype(float)
    values = [maximal_covering(a, w, p).objective for p in range(1, 8)]
    assert all(b >= a_ - 1e-9 for a_, b in zip(values, values[1:]))


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_lscp_matches_brute_force(method):
    for rng, a, w in instances(20, seed=21):
        fixed = [0] if rng.random() < 0.5 else []
        k_all, _ = brute_lscp(a, w, None, fixed=fixed)
        reach = covered(a, range(a.shape[1]))
        target = float(rng.uniform(0.3, 1.0)) * w[reach].sum() / w.sum()
        k_t, _ = brute_lscp(a, w, target, fixed=fixed)
        try:
            r_all = set_covering(a, w, fixed=fixed, method=method)
            r_t = set_covering(a, w, target=target, fixed=fixed, method=method)
        except Exception as exc:  # only the "nothing to add" case may raise
            assert "already cover" in str(exc) or "None of the" in str(exc)
            continue
        # every reachable person is covered; the unreachable ones are listed
        cov = covered(a, list(fixed) + list(r_all.sites))
        assert np.all(cov[reach & (w > 0)])
        assert set(r_all.unreachable) == set(np.flatnonzero(~reach & (w > 0)))
        assert w[covered(a, list(fixed) + list(r_t.sites))].sum() >= target * w.sum() - 1e-6
        if method == "exact":
            assert r_all.objective == k_all and r_t.objective == k_t
        else:
            assert r_all.objective >= k_all and r_t.objective >= k_t


def test_lscp_heuristic_on_a_harder_instance_is_close_to_exact():
    rng = np.random.default_rng(2)
    a = random_coverage(rng, 400, 60, 0.05)
    w = rng.integers(1, 10, 400).astype(float)
    ex = set_covering(a, w, target=0.9)
    he = set_covering(a, w, target=0.9, method="heuristic")
    assert ex.optimal and ex.objective <= he.objective <= ex.objective + 1


def test_target_already_met_needs_no_site():
    a = np.array([[1, 0], [1, 0], [0, 1]], dtype=bool)
    w = np.array([10.0, 10.0, 1.0])
    res = set_covering(a, w, target=0.9, fixed=[0])
    assert res.n_sites == 0 and res.objective == 0
    assert "no new site" in res.message


def test_collapsing_does_not_change_the_optimum():
    rng = np.random.default_rng(4)
    base = random_coverage(rng, 12, 7, 0.3)
    reps = rng.integers(1, 6, 12)
    a = np.repeat(base, reps, axis=0)  # many identical rows
    w = rng.integers(1, 20, a.shape[0]).astype(float)
    wb = np.bincount(np.repeat(np.arange(12), reps), weights=w)
    for p in (1, 2, 3):
        res = maximal_covering(a, w, p, method="exact")
        best, _ = brute_mclp(base, wb, p)
        assert res.objective == pytest.approx(best)
        assert res.n_rows_solved <= len(np.unique(base[base.any(axis=1)], axis=0))


def test_budget_curve_is_at_least_the_ranked_prefix_and_never_falls():
    from mps_planner.core.selection import coverage_by_budget

    rng = np.random.default_rng(12)
    a = random_coverage(rng, 120, 15, 0.12)
    w = rng.integers(1, 40, 120).astype(float)
    values, results = coverage_by_budget(a, w, 5, method="exact")
    assert [r.n_sites for r in results] == [1, 2, 3, 4, 5]
    assert np.all(np.diff(values) >= -1e-9)
    ranked = maximal_covering(a, w, 5).curve  # prefixes of one 5-site answer
    assert np.all(values >= ranked - 1e-9)
    for k, v in enumerate(values, start=1):
        assert v == pytest.approx(brute_mclp(a, w, k)[0])
