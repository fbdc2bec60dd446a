"""An upper bound on maximal covering by Lagrangian relaxation (no LP solver needed).

Relaxing ``y_i <= sum_j a_ij x_j`` with multipliers 0 <= λ_i <= w_i gives, for every λ,

    L(λ) = sum_i max(0, w_i - λ_i) + (sum of the p largest c_j),   c_j = sum_i a_ij λ_i

and L(λ) >= the optimum. L is minimised by subgradient steps (Polyak step towards the
heuristic's value, halving the step after a run without progress). One step is two sparse
products, so the bound is cheap where the MILP cannot even finish its root LP. The bound ignores
equity floors, which can only lower the optimum, so it stays valid with them.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp

#: matrices with at most this many cells are iterated dense
DENSE_MAX = 2_000_000


def lagrangian_bound(
    a: sp.csr_matrix,
    w: np.ndarray,
    p: int,
    incumbent: float,
    max_iter: int = 400,
    budget_s: float = 1.0,
) -> float:
    """The smallest L(λ) found: a valid upper bound on people covered by p columns of ``a``."""
    a_f = sp.csr_matrix(a, dtype=np.float64)
    if a.shape[0] * a.shape[1] <= DENSE_MAX:  # small: dense products, no sparse overhead
        a_f = a_f.toarray()
        at = np.ascontiguousarray(a_f.T)
    else:
        at = sp.csr_matrix(a_f.T)
    m = a.shape[1]
    p = min(p, m)
    counts = np.maximum(np.asarray(a_f.sum(axis=1)).ravel(), 1.0)
    lam = np.minimum(w, w / counts * 1.5)
    best = float("inf")
    theta, stale = 1.0, 0
    t0 = time.perf_counter()
    tol = 1e-9 * max(1.0, float(w.sum()))
    for _ in range(max_iter):
        c = at @ lam
        top = np.argpartition(-c, p - 1)[:p] if p < m else np.arange(m)
        value = float(np.maximum(w - lam, 0.0).sum() + c[top].sum())
        if value < best - tol:
            best, stale = value, 0
        else:
            stale += 1
            if stale >= 15:
                theta, stale = theta / 2.0, 0
        if best - incumbent <= tol or theta < 1e-4 or time.perf_counter() - t0 > budget_s:
            break
        pick = np.zeros(m)
        pick[top] = 1.0
        g = a_f @ pick - (w > lam)
        norm = float(g @ g)
        if norm == 0.0:
            break
        step = theta * max(value - incumbent, tol) / norm
        lam = np.clip(lam - step * g, 0.0, w)
    return max(best, incumbent)
