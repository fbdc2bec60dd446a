"""Greedy and swap (interchange) heuristics for coverage problems on a boolean matrix.

The matrix is the solver's own: rows are (collapsed) demand rows not yet covered, columns the
free candidates. ``cnt[i]`` counts the chosen sites covering row ``i``; every move is evaluated
from these counts with a few sparse matrix-vector products, so one greedy step or one best
swap costs O(nnz) whatever p is.

With an equity floor the comparison is lexicographic: first the total shortfall below the
district floors (people), then people covered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .inputs import Monitor

#: at most this many sites are replaced at random in one perturbation of the iterated search
PERTURB_MAX = 25


@dataclass
class FloorTerms:
    """Districts with a floor, in the solver's row space."""

    matrix: sp.csr_matrix  # rows × active districts, weight at (row, district)
    need: np.ndarray  # people each active district still needs covered

    @classmethod
    def build(cls, codes: np.ndarray, weights: np.ndarray, need: np.ndarray) -> FloorTerms:
        """``codes``: active-district index per row (−1 when the row's district has no floor)."""
        keep = codes >= 0
        rows = np.flatnonzero(keep)
        mat = sp.csr_matrix(
            (weights[rows], (rows, codes[rows])), shape=(codes.shape[0], need.shape[0])
        )
        return cls(mat, np.asarray(need, dtype=np.float64))

    def shortfall(self, covered: np.ndarray) -> float:
        got = self.matrix.T @ covered.astype(np.float64)
        return float(np.maximum(self.need - got, 0.0).sum())


class CoverState:
    """Chosen sites and per-row cover counts over a boolean CSR matrix."""

    def __init__(self, a: sp.csr_matrix, w: np.ndarray, floor: FloorTerms | None = None):
        self.a = a
        self.w = w
        self.at = sp.csr_matrix(a.T)  # candidates × rows, row access per candidate
        self.a_f = a.astype(np.float64)
        self.at_f = self.at.astype(np.float64)
        self.floor = floor
        self.cnt = np.zeros(a.shape[0], dtype=np.int32)
        self.open = np.zeros(a.shape[1], dtype=bool)
        self.tol = 1e-9 * max(1.0, float(w.sum()))

    def rows_of(self, j: int) -> np.ndarray:
        at = self.at
        return at.indices[at.indptr[j] : at.indptr[j + 1]]

    def add(self, j: int) -> None:
        self.cnt[self.rows_of(j)] += 1
        self.open[j] = True

    def remove(self, j: int) -> None:
        self.cnt[self.rows_of(j)] -= 1
        self.open[j] = False

    def reset(self, open_mask: np.ndarray) -> None:
        self.open = open_mask.copy()
        self.cnt = np.asarray(self.a_f @ self.open.astype(np.float64)).round().astype(np.int32)

    def key(self) -> tuple[float, float]:
        """(shortfall, -value): smaller is better."""
        return self.shortfall(), -self.value()

    def covered(self) -> np.ndarray:
        return self.cnt > 0

    def value(self) -> float:
        return float(self.w[self.cnt > 0].sum())

    def shortfall(self) -> float:
        return 0.0 if self.floor is None else self.floor.shortfall(self.cnt > 0)

    def gains(self) -> np.ndarray:
        """People each candidate would newly cover."""
        return self.at_f @ (self.w * (self.cnt == 0))

    def floor_after(self) -> np.ndarray:
        """Total shortfall below the floors after adding each candidate."""
        fl = self.floor
        assert fl is not None
        unc = sp.diags((self.cnt == 0).astype(np.float64)) @ fl.matrix
        g = (self.at_f @ unc).toarray() if sp.issparse(unc) else self.at_f @ unc
        got = fl.matrix.T @ (self.cnt > 0).astype(np.float64)
        short = np.maximum(fl.need - got, 0.0)
        return np.maximum(short[None, :] - np.asarray(g), 0.0).sum(axis=1)

    def best_addition(self) -> tuple[int, float, float]:
        """(candidate, people it adds, shortfall after) of the best closed candidate."""
        gain = self.gains()
        gain[self.open] = -np.inf
        if self.floor is None:
            j = int(np.argmax(gain))
            return j, float(gain[j]), 0.0
        short = self.floor_after()
        short[self.open] = np.inf
        order = np.lexsort((-gain, np.round(short / self.tol) * self.tol))
        j = int(order[0])
        return j, float(gain[j]), float(short[j])


def greedy(
    state: CoverState,
    p: int,
    monitor: Monitor | None = None,
    stop_when: float | None = None,
) -> list[int]:
    """Add up to ``p`` sites, each the best at its step; returns them in order.

    ``stop_when``: stop as soon as people covered reach this value and no floor is short.
    """
    chosen: list[int] = []
    for step in range(p):
        if stop_when is not None and (
            state.value() >= stop_when - state.tol and state.shortfall() <= state.tol
        ):
            break
        j, _, _ = state.best_addition()
        state.add(j)
        chosen.append(j)
        if monitor is not None:
            monitor.report(100.0 * (step + 1) / p)
    return chosen


def _sole_coverer(state: CoverState, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows covered exactly once and the position (in ``chosen``) of the site covering them."""
    rows1 = np.flatnonzero(state.cnt == 1)
    label = np.zeros(state.a.shape[1])
    label[chosen] = np.arange(1, chosen.size + 1)
    pos = np.asarray(state.a_f @ label)[rows1].round().astype(np.int64) - 1
    return rows1, pos


def swap_improve(state: CoverState, monitor: Monitor | None = None, max_moves: int = 100000) -> int:
    """Best-improvement swaps (one site out, one in) until none improves; returns moves made."""
    if state.floor is not None:
        return _swap_with_floor(state, monitor, max_moves)
    moves = 0
    while moves < max_moves:
        if monitor is not None:
            monitor.check()
            if monitor.out_of_time():
                break
        chosen = np.flatnonzero(state.open)
        if chosen.size == 0 or chosen.size == state.a.shape[1]:
            break
        gain = state.gains()
        rows1, pos = _sole_coverer(state, chosen)
        w1 = state.w[rows1]
        loss = np.bincount(pos, weights=w1, minlength=chosen.size)
        one = sp.csr_matrix((w1, (rows1, pos)), shape=(state.a.shape[0], chosen.size))
        extra = (state.at_f @ one).toarray()  # candidates × chosen
        profit = gain[:, None] - loss[None, :] + extra
        profit[state.open, :] = -np.inf
        flat = int(np.argmax(profit))
        j, kpos = divmod(flat, chosen.size)
        if profit[j, kpos] <= state.tol:
            break
        state.remove(int(chosen[kpos]))
        state.add(j)
        moves += 1
    return moves


def _better(short_a: float, val_a: float, short_b: float, val_b: float, tol: float) -> bool:
    """Is (shortfall a, value a) strictly better than b?"""
    if short_a < short_b - tol:
        return True
    return abs(short_a - short_b) <= tol and val_a > val_b + tol


def _swap_with_floor(state: CoverState, monitor: Monitor | None, max_moves: int) -> int:
    moves = 0
    improved = True
    while improved and moves < max_moves:
        improved = False
        for k in np.flatnonzero(state.open):
            if monitor is not None:
                monitor.check()
                if monitor.out_of_time():
                    return moves
            cur_short, cur_val = state.shortfall(), state.value()
            state.remove(int(k))
            base = state.value()
            j, gain, short = state.best_addition()
            if j != k and _better(short, base + gain, cur_short, cur_val, state.tol):
                state.add(j)
                moves += 1
                improved = True
            else:
                state.add(int(k))
    return moves


def rank_sites(
    a: sp.csr_matrix, w: np.ndarray, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Order ``chosen`` greedily (largest gain first); returns (order, marginal gains)."""
    chosen = np.asarray(chosen, dtype=np.int64)
    if chosen.size == 0:
        return chosen, np.zeros(0)
    sub = sp.csc_matrix(a[:, chosen].astype(np.float64))
    covered = np.zeros(a.shape[0], dtype=bool)
    left = list(range(chosen.size))
    order, marginal = [], []
    for _ in range(chosen.size):
        g = sub[:, left].T @ (w * ~covered)
        t = int(np.argmax(g))
        k = left.pop(t)
        order.append(int(chosen[k]))
        marginal.append(float(g[t]))
        col = sub.indices[sub.indptr[k] : sub.indptr[k + 1]]
        covered[col] = True
    return np.asarray(order, dtype=np.int64), np.asarray(marginal)


def iterated_swaps(
    state: CoverState,
    monitor: Monitor | None = None,
    rounds: int = 30,
    budget_s: float = float("inf"),
    seed: int = 0,
) -> int:
    """Iterated local search: perturb a few sites, swap to a local optimum, keep if better.

    Starts from the current (locally optimal) state; stops after ``rounds`` perturbations or
    ``budget_s`` seconds. Returns the number of improvements. The state ends at the best set.
    """
    import time

    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    best_open = state.open.copy()
    best_short, best_val = state.shortfall(), state.value()
    wins = 0
    for _ in range(rounds):
        if time.perf_counter() - t0 > budget_s or (monitor is not None and monitor.out_of_time()):
            break
        if monitor is not None:
            monitor.check()
        chosen = np.flatnonzero(state.open)
        closed = np.flatnonzero(~state.open)
        if chosen.size == 0 or closed.size == 0:
            break
        q = int(rng.integers(1, max(2, min(chosen.size // 2, PERTURB_MAX)) + 1))
        q = min(q, closed.size, chosen.size)
        for k in rng.choice(chosen, size=q, replace=False):
            state.remove(int(k))
        gain = state.gains()
        gain[state.open] = 0.0
        pool = np.flatnonzero(gain > 0)
        if pool.size < q:
            pool = np.flatnonzero(~state.open)
        for j in rng.choice(pool, size=q, replace=False):
            state.add(int(j))
        swap_improve(state, monitor)
        short, val = state.shortfall(), state.value()
        if _better(short, val, best_short, best_val, state.tol):
            wins += 1
        if not _better(best_short, best_val, short, val, state.tol):  # not worse: move there
            best_open, best_short, best_val = state.open.copy(), short, val
        else:
            state.reset(best_open)
    state.reset(best_open)
    return wins
