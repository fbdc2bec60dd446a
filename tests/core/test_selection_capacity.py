"""Capacitated covering and p-median: loads within capacity; brute force + assignment LP."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from scipy.optimize import linprog

from mps_planner.core.selection import maximal_covering, p_median


def assignment_lp(a_or_c, w, cols, cap, maximise):
    """Independent reference: best assignment of people to the open columns (linprog)."""
    n = len(w)
    cols = list(cols)
    k = len(cols)
    if maximise:
        ok = a_or_c[:, cols].astype(bool)
        cost = -(w[:, None] * ok).ravel()
        ub = np.where(ok, 1.0, 0.0).ravel()
    else:
        sub = a_or_c[:, cols]
        ok = np.isfinite(sub)
        cost = (w[:, None] * np.where(ok, sub, 0)).ravel()
        ub = np.where(ok, 1.0, 0.0).ravel()
    rows_sum = np.kron(np.eye(n), np.ones(k))
    loads = np.zeros((k, n * k))
    for i in range(n):
        loads[:, i * k : (i + 1) * k] = np.eye(k) * w[i]
    a_ub = [loads]
    b_ub = [cap[cols]]
    if maximise:
        a_ub.append(rows_sum)
        b_ub.append(np.ones(n))
        res = linprog(cost, A_ub=np.vstack(a_ub), b_ub=np.concatenate(b_ub),
                      bounds=list(zip(np.zeros(n * k), ub)), method="highs")  # fmt: skip
    else:
        res = linprog(cost, A_ub=loads, b_ub=cap[cols], A_eq=rows_sum, b_eq=np.ones(n),
                      bounds=list(zip(np.zeros(n * k), ub)), method="highs")  # fmt: skip
    if res.status != 0:
        return None
    return -res.fun if maximise else res.fun


def test_capacitated_mclp_matches_brute_force_and_respects_capacity():
    rng = np.random.default_rng(8)
    for _ in range(6):
        n, m, p = 14, 6, 2
        a = rng.random((n, m)) < 0.35
        w = rng.integers(1, 10, n).astype(float)
        cap = rng.integers(5, 25, m).astype(float)
        best = max(assignment_lp(a, w, s, cap, True) for s in combinations(range(m), p))
        res = maximal_covering(a, w, p, capacities=cap)
        assert res.objective == pytest.approx(best, abs=1e-6)
        assert np.all(res.site_load <= cap + 1e-6)
        assert res.site_load.sum() == pytest.approx(res.objective, abs=1e-6)
        heur = maximal_covering(a, w, p, capacities=cap, method="heuristic")
        assert heur.objective <= best + 1e-6
        # generous capacities give back the uncapacitated optimum
        free = maximal_covering(a, w, p, capacities=np.full(m, 1e9))
        assert free.objective == pytest.approx(maximal_covering(a, w, p).objective)


def test_capacitated_pmedian_matches_brute_force():
    rng = np.random.default_rng(9)
    for _ in range(5):
        n, m, p = 12, 6, 3
        xy, sxy = rng.random((n, 2)), rng.random((m, 2))
        c = np.sqrt(((xy[:, None] - sxy[None]) ** 2).sum(axis=2))
        w = rng.integers(1, 5, n).astype(float)
        cap = np.full(m, np.ceil(w.sum() / p) + 1)
        vals = [assignment_lp(c, w, s, cap, False) for s in combinations(range(m), p)]
        best = min(v for v in vals if v is not None)
        res = p_median(c, w, p, capacities=cap)
        assert res.objective == pytest.approx(best, rel=1e-7)
        assert np.all(res.site_load <= cap + 1e-6)
        assert res.site_load.sum() == pytest.approx(w.sum())
        assert p_median(c, w, p).objective <= res.objective + 1e-9  # capacities only cost


def test_capacity_too_small_for_everyone_is_explained():
    c = np.ones((4, 3))
    with pytest.raises(Exception, match="can serve at most"):
        p_median(c, np.full(4, 10.0), 1, capacities=np.full(3, 5.0))
