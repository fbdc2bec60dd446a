"""Bad input gets an InputError that says what is wrong; cancel and progress work."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from mps_planner.core.errors import Cancelled, InputError
from mps_planner.core.selection import maximal_covering, p_median, set_covering

A = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 1], [0, 0, 1]], dtype=bool)
W = np.array([5.0, 3.0, 2.0, 4.0])
C = np.array([[1.0, 5, 9], [2, 1, 8], [7, 2, 1], [9, 6, 2]])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"p": 4}, "only 3 candidates"),
        ({"p": 3, "fixed": [0]}, "only 2 candidates"),
        ({"p": 0}, "at least 1"),
        ({"p": -2}, "at least 1"),
        ({"p": 1.5}, "whole number"),
        ({"p": 1, "weights": np.array([1.0, np.nan, 1, 1])}, "NaN"),
        ({"p": 1, "weights": np.array([1.0, -1, 1, 1])}, "negative"),
        ({"p": 1, "weights": np.ones(3)}, "one number per demand row"),
        ({"p": 1, "weights": np.zeros(4)}, "no people"),
        ({"p": 1, "fixed": [5]}, "outside"),
        ({"p": 1, "already_covered": np.ones(2, dtype=bool)}, "one flag per demand row"),
        ({"p": 1, "floors": 0.5}, "district labels"),
        ({"p": 1, "districts": ["a", "a", "b", "b"], "floors": 80}, "between 0 and 1"),
        ({"p": 1, "districts": ["a", "a", "b", "b"], "floors": {"c": 0.1}}, "no demand row"),
        ({"p": 1, "method": "magic"}, "method must be one of"),
    ],
)
def test_mclp_bad_input(kwargs, match):
    kwargs = dict(kwargs)
    w = kwargs.pop("weights", W)
    p = kwargs.pop("p")
    with pytest.raises(InputError, match=match):
        maximal_covering(A, w, p, **kwargs)


def test_no_candidate_reaches_anyone():
    with pytest.raises(InputError, match="None of the 3 candidates covers"):
        maximal_covering(np.zeros((4, 3), dtype=bool), W, 1)
    with pytest.raises(InputError, match="already cover everyone"):
        maximal_covering(A, W, 1, already_covered=np.ones(4, dtype=bool))
    with pytest.raises(InputError, match="No site reaches"):
        p_median(np.full((4, 3), np.inf), W, 1)


def test_matrix_shape_and_values():
    with pytest.raises(InputError, match="2-D"):
        maximal_covering(np.ones(4, dtype=bool), W, 1)
    with pytest.raises(InputError, match="empty"):
        maximal_covering(sp.csr_matrix((0, 3), dtype=bool), np.zeros(0), 1)
    with pytest.raises(InputError, match="NaN"):
        p_median(np.where(C > 8, np.nan, C), W, 1)
    with pytest.raises(InputError, match="negative"):
        p_median(-C, W, 1)
    with pytest.raises(InputError, match="unserved_cost"):
        p_median(C, W, 1, unserved_cost=3.0)


def test_target_beyond_reach_says_how_much_is_reachable():
    a = A.copy()
    a[3] = False
    with pytest.raises(InputError, match=r"At most 71.4 % .* target asks 90 %"):
        set_covering(a, W, target=0.9)
    with pytest.raises(InputError, match="share in"):
        set_covering(A, W, target=1.5)


def test_cancel_raises_and_progress_runs_from_low_to_high():
    seen: list[float] = []
    res = maximal_covering(A, W, 2, progress=seen.append)
    assert res.n_sites == 2
    assert seen and all(0 <= v <= 100 for v in seen) and seen[-1] == 100
    assert seen == sorted(seen)
    seen_pm: list[float] = []
    p_median(C, W, 2, progress=seen_pm.append)
    assert seen_pm == sorted(seen_pm) and seen_pm[-1] == 100
    with pytest.raises(Cancelled):
        maximal_covering(A, W, 2, cancel=lambda: True)
    with pytest.raises(Cancelled):
        p_median(C, W, 1, cancel=lambda: True)


def test_time_limit_before_any_milp_solution_returns_the_heuristic_answer():
    from bench.instances import orlib_pmed

    d, p, opt = orlib_pmed(36)  # 800 nodes: HiGHS cannot even presolve in the 0.05 s left
    res = p_median(d, np.ones(d.shape[0]), p, method="exact", time_limit=0.01)
    assert res.time_limit_hit
    assert res.method == "heuristic" and "heuristic's answer" in res.message
    assert res.objective >= opt and res.n_sites == p
    assert np.isnan(res.gap) or res.gap >= 0
    assert res.objective == pytest.approx(d[:, res.sites].min(axis=1).sum())


def test_coverage_within_treats_missing_sparse_entries_as_unreachable():
    from mps_planner.core.selection import coverage_within

    dense = np.array([[5.0, np.inf], [0.0, 31.0], [np.nan, 30.0]])
    a = coverage_within(dense, 30).toarray()
    assert a.tolist() == [[True, False], [True, False], [False, True]]
    stored = np.isfinite(dense)
    csr = sp.csr_matrix((dense[stored], np.nonzero(stored)), shape=dense.shape)
    assert np.array_equal(coverage_within(csr, 30).toarray(), a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert (csr <= 30).toarray()[0, 1]  # what scipy alone would wrongly say
