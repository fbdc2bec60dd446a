"""p-median heuristics: greedy addition, fast interchange, and iterated interchange.

The fast interchange evaluates every swap (open site k out, closed site j in) at once, in the
manner of Whitaker (1983) and Resende & Werneck (2004)::

    profit(k, j) = gain(j) - loss(k) + extra(k, j)
    gain(j)      = sum_i w_i max(0, d1_i - c_ij)
    loss(k)      = sum_{i: nearest(i) = k} w_i (d2_i - d1_i)
    extra(k, j)  = sum_{i: nearest(i) = k} w_i max(0, d2_i - max(d1_i, c_ij))

with d1/d2 the nearest/second-nearest open cost of demand i, so one best-improvement step
costs O(rows × sites). Existing (fixed) sites are open and never swapped out.

With an equity floor (share of people within ``T`` per district) moves are compared
lexicographically: first the total shortfall below the floors, then the weighted cost.
"""

from __future__ import annotations

import time

import numpy as np

from .coverage_heuristic import FloorTerms
from .inputs import Monitor
from .pmedian_costs import DenseCosts, SparseCosts

#: at most this many sites are replaced at random in one perturbation
PERTURB_MAX = 25


def objective(costs: DenseCosts | SparseCosts, w: np.ndarray, open_cols: np.ndarray) -> float:
    return float(w @ costs.nearest(np.asarray(open_cols, dtype=np.int64)))


def greedy(
    costs: DenseCosts | SparseCosts,
    w: np.ndarray,
    p: int,
    fixed: np.ndarray,
    monitor: Monitor | None = None,
) -> list[int]:
    """Add p sites one at a time, each with the largest saving; returns them in order."""
    d1 = costs.nearest(fixed)
    is_open = np.zeros(costs.shape[1], dtype=bool)
    is_open[fixed] = True
    chosen: list[int] = []
    for step in range(p):
        g = costs.gain(d1, w)
        g[is_open] = -np.inf
        j = int(np.argmax(g))
        chosen.append(j)
        is_open[j] = True
        d1 = np.minimum(d1, costs.column(j))
        if monitor is not None:
            monitor.report(100.0 * (step + 1) / p)
    return chosen


def interchange(
    costs: DenseCosts | SparseCosts,
    w: np.ndarray,
    chosen: list[int] | np.ndarray,
    fixed: np.ndarray,
    monitor: Monitor | None = None,
    max_moves: int = 100000,
) -> np.ndarray:
    """Best-improvement fast interchange from ``chosen`` until no swap lowers the cost."""
    free = np.asarray(chosen, dtype=np.int64).copy()
    nf = fixed.size
    tol = 1e-9 * max(1.0, float(w.sum()) * max(1.0, costs.unserved))
    for _ in range(max_moves):
        if monitor is not None:
            monitor.check()
            if monitor.out_of_time():
                break
        open_cols = np.concatenate([fixed, free])
        d1, d2, phi = costs.nearest_two(open_cols)
        gain = costs.gain(d1, w)
        served = phi >= 0
        loss = np.bincount(phi[served], weights=(w * (d2 - d1))[served], minlength=open_cols.size)
        extra = costs.extra(d1, d2, phi, open_cols.size, w)
        profit = gain[None, :] - loss[:, None] + extra
        profit[:nf, :] = -np.inf
        profit[:, open_cols] = -np.inf
        flat = int(np.argmax(profit))
        k, j = divmod(flat, costs.shape[1])
        if profit[k, j] <= tol:
            break
        free[k - nf] = j
    return free


def iterated_interchange(
    costs: DenseCosts | SparseCosts,
    w: np.ndarray,
    free: np.ndarray,
    fixed: np.ndarray,
    monitor: Monitor | None = None,
    rounds: int = 30,
    budget_s: float = float("inf"),
    seed: int = 0,
) -> np.ndarray:
    """Perturb a few sites at random, interchange again, move there if not worse."""
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    m = costs.shape[1]
    best = np.asarray(free, dtype=np.int64).copy()
    best_cost = objective(costs, w, np.concatenate([fixed, best]))
    tol = 1e-9 * max(1.0, abs(best_cost))
    for _ in range(rounds):
        if time.perf_counter() - t0 > budget_s or (monitor is not None and monitor.out_of_time()):
            break
        if monitor is not None:
            monitor.check()
        closed = np.setdiff1d(np.arange(m), np.concatenate([fixed, best]))
        if closed.size == 0 or best.size == 0:
            break
        q = int(rng.integers(1, max(2, min(best.size // 2, PERTURB_MAX)) + 1))
        q = min(q, closed.size, best.size)
        trial = best.copy()
        trial[rng.choice(best.size, size=q, replace=False)] = rng.choice(
            closed, size=q, replace=False
        )
        trial = interchange(costs, w, trial, fixed, monitor)
        cost = objective(costs, w, np.concatenate([fixed, trial]))
        if cost <= best_cost + tol:
            best, best_cost = trial, cost
    return best


def rank(
    costs: DenseCosts | SparseCosts, w: np.ndarray, chosen: np.ndarray, fixed: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Greedy order of ``chosen`` with existing sites open: (order, cost after each, saving)."""
    d1 = costs.nearest(fixed)
    left = list(np.asarray(chosen, dtype=np.int64))
    order, curve, saving = [], [], []
    before = float(w @ d1) if fixed.size else float("nan")
    while left:
        cols = np.array(left)
        new = np.array([float(w @ np.minimum(d1, costs.column(j))) for j in cols])
        t = int(np.argmin(new))
        j = left.pop(t)
        order.append(j)
        curve.append(new[t])
        saving.append(before - new[t])
        before = new[t]
        d1 = np.minimum(d1, costs.column(j))
    return np.array(order, dtype=np.int64), np.array(curve), np.array(saving)


# ---------------------------------------------------------------- with an equity floor


def _floor_eval(
    c: np.ndarray, w: np.ndarray, d1: np.ndarray, floor: FloorTerms, within: float
) -> tuple[np.ndarray, np.ndarray]:
    """(shortfall, cost) after opening each column, given the current nearest costs d1."""
    new = np.minimum(d1[:, None], c)
    cost = w @ new
    got = floor.matrix.T @ (new <= within).astype(np.float64)
    short = np.maximum(floor.need[:, None] - got, 0.0).sum(axis=0)
    return np.asarray(short).ravel(), cost


def _pick(short: np.ndarray, cost: np.ndarray, banned: np.ndarray, tol: float) -> int:
    short = np.where(banned, np.inf, np.round(short / tol) * tol)
    cost = np.where(banned, np.inf, cost)
    return int(np.lexsort((cost, short))[0])


def floor_greedy(
    costs: DenseCosts, w: np.ndarray, p: int, fixed: np.ndarray, floor: FloorTerms, within: float
) -> list[int]:
    tol = 1e-9 * max(1.0, float(w.sum()))
    d1 = costs.nearest(fixed)
    banned = np.zeros(costs.shape[1], dtype=bool)
    banned[fixed] = True
    chosen: list[int] = []
    for _ in range(p):
        short, cost = _floor_eval(costs.c, w, d1, floor, within)
        j = _pick(short, cost, banned, tol)
        chosen.append(j)
        banned[j] = True
        d1 = np.minimum(d1, costs.c[:, j])
    return chosen


def floor_state(costs: DenseCosts, w, open_cols, floor: FloorTerms, within: float):
    d1 = costs.nearest(open_cols)
    got = floor.matrix.T @ (d1 <= within).astype(np.float64)
    return float(np.maximum(floor.need - got, 0.0).sum()), float(w @ d1)


def floor_swap(
    costs: DenseCosts,
    w: np.ndarray,
    chosen: list[int] | np.ndarray,
    fixed: np.ndarray,
    floor: FloorTerms,
    within: float,
    monitor: Monitor | None = None,
) -> np.ndarray:
    """Drop-add swaps under the lexicographic (shortfall, cost) order until none improves."""
    free = np.asarray(chosen, dtype=np.int64).copy()
    tol = 1e-9 * max(1.0, float(w.sum()))
    improved = True
    while improved:
        improved = False
        for pos in range(free.size):
            if monitor is not None:
                monitor.check()
                if monitor.out_of_time():
                    return free
            cur = floor_state(costs, w, np.concatenate([fixed, free]), floor, within)
            others = np.concatenate([fixed, np.delete(free, pos)])
            d1 = costs.nearest(others)
            short, cost = _floor_eval(costs.c, w, d1, floor, within)
            banned = np.zeros(costs.shape[1], dtype=bool)
            banned[others] = True
            j = _pick(short, cost, banned, tol)
            better = short[j] < cur[0] - tol or (
                abs(short[j] - cur[0]) <= tol and cost[j] < cur[1] - 1e-9 * max(1.0, cur[1])
            )
            if better and j != free[pos]:
                free[pos] = j
                improved = True
    return free
