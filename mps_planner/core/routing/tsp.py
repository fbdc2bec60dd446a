"""Route ordering: the shortest order of a set of stops on a travel-time matrix.

``order_stops`` solves a closed tour (back to the start), an open path (ends at the last
stop) or a path to a given end node. Construction by cheapest insertion (or nearest
neighbour), then 2-opt with neighbour lists and Or-opt, then an iterated local search with
double-bridge kicks until the time budget or the iteration limit is used up. Up to
``exact_up_to`` stops are ordered exactly (Held–Karp dynamic programme).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal, Sequence, Union

import numpy as np

from ..errors import InputError
from .budget import Budget, CancelFn, ProgressFn
from .local_search import PathSearch, neighbour_lists
from .matrix import as_matrix, check_index, check_reachable, finite_big, label

End = Union[int, None, Literal["start"]]


@dataclass(frozen=True)
class Tour:
    """An ordered route. ``order`` excludes ``start`` and ``end``; ``end`` None = open path."""

    start: int
    order: tuple[int, ...]
    end: int | None
    cost: float  # minutes of travel along start -> order -> end
    iterations: int = 0  # ILS iterations done
    exact: bool = False  # True when ordered by the exact programme

    @property
    def nodes(self) -> tuple[int, ...]:
        """The full node sequence, start and end included."""
        tail = () if self.end is None else (self.end,)
        return (self.start, *self.order, *tail)


def tour_cost(matrix: np.ndarray, nodes: Sequence[int]) -> float:
    """Travel minutes along a node sequence."""
    m = np.asarray(matrix)
    idx = np.asarray(nodes, dtype=np.int64)
    return float(m[idx[:-1], idx[1:]].sum()) if len(idx) > 1 else 0.0


def order_stops(
    matrix: np.ndarray,
    stops: Sequence[int] | None = None,
    *,
    start: int = 0,
    end: End = "start",
    names: Sequence[str] | None = None,
    time_limit: float | None = 0.8,
    max_iterations: int | None = None,
    seed: int = 0,
    construction: Literal["auto", "insertion", "nearest"] = "auto",
    exact_up_to: int = 8,
    neighbours: int = 10,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> Tour:
    """Order ``stops`` (matrix indices; default all but start/end) into the shortest route.

    ``end="start"`` closes the tour at ``start``; ``end=None`` leaves it open (it ends at the
    last stop); an int is a fixed end node. The ILS runs until ``time_limit`` seconds or
    ``max_iterations`` kicks (whichever first; None = no limit of that kind, but at least one
    of the two should be set). ``construction="auto"``: cheapest insertion up to 250 stops,
    nearest neighbour above (insertion is cubic in the number of stops).
    """
    m = as_matrix(matrix)
    n = m.shape[0]
    start = check_index(start, n, "start")
    end_node = start if end == "start" else (None if end is None else check_index(end, n, "end"))
    if stops is None:
        stops = [i for i in range(n) if i != start and i != end_node]
    stops = [check_index(s, n, "stop") for s in stops]
    if len(set(stops)) != len(stops):
        dup = next(s for s in stops if stops.count(s) > 1)
        raise InputError(f"Stop {label(dup, names)} is listed twice; list each stop once.")
    stops = [s for s in stops if s != start and s != end_node]
    check_reachable(m, stops, start, end_node, names)
    if end_node is not None and end_node != start and not np.isfinite(m[start, end_node]):
        raise InputError(
            f"There is no road from {label(start, names)} to {label(end_node, names)}; "
            "check the road network's connectivity."
        )
    budget = Budget(time_limit, progress, cancel)
    local, d, path, big, asym = _local_problem(m, start, stops, end_node)
    k = len(stops)
    if k <= exact_up_to and k <= 12:
        order = _held_karp(d, k)
        exact = True
        iterations = 0
    else:
        order, iterations = _heuristic(
            d, path, k, asym, construction, budget, max_iterations, seed, neighbours
        )
        exact = False
    seq = [local[i] for i in order]
    full = [start, *seq, *(() if end_node is None else (end_node,))]
    cost = tour_cost(m, full)
    if cost >= big or not np.isfinite(cost):
        raise InputError(
            "No route through all stops uses only connected roads (some stop-to-stop travel "
            "times are infinite). Check one-way roads and the connectivity of the network."
        )
    budget.report(1.0)
    return Tour(start, tuple(seq), end_node, cost, iterations, exact)


def _local_problem(
    m: np.ndarray, start: int, stops: Sequence[int], end: int | None
) -> tuple[list[int], list[list[float]], list[int], float, bool]:
    """Local ids: 0 = start, 1..k = stops, k+1 = end (copy of start, given end, or virtual)."""
    k = len(stops)
    idx = [start, *stops]
    sub = np.zeros((k + 2, k + 2))
    sub[: k + 1, : k + 1] = m[np.ix_(idx, idx)]
    if end is not None:
        idx2 = [*idx, end]
        sub[:, k + 1] = m[idx2, end]
        sub[k + 1, :] = m[end, idx2]
        sub[k + 1, k + 1] = 0.0
    # virtual end (open path): zero column and row (row unused)
    big = finite_big(sub)
    sub[~np.isfinite(sub)] = big
    real = k + 2 if end is not None else k + 1
    asym = not np.allclose(sub[:real, :real], sub[:real, :real].T)
    local = [start, *stops, -1]
    return local, sub.tolist(), list(range(k + 2)), big, asym


def _held_karp(d: list[list[float]], k: int) -> list[int]:
    """Exact order of local nodes 1..k between fixed start 0 and fixed end k+1."""
    if k == 0:
        return []
    end = k + 1
    full = (1 << k) - 1
    inf = float("inf")
    cost = [[inf] * k for _ in range(1 << k)]
    parent = [[-1] * k for _ in range(1 << k)]
    for j in range(k):
        cost[1 << j][j] = d[0][j + 1]
    for mask in range(1, 1 << k):
        row = cost[mask]
        for j in range(k):
            cj = row[j]
            if cj == inf or not (mask >> j) & 1:
                continue
            dj = d[j + 1]
            for t in range(k):
                if (mask >> t) & 1:
                    continue
                nm = mask | (1 << t)
                c = cj + dj[t + 1]
                if c < cost[nm][t]:
                    cost[nm][t] = c
                    parent[nm][t] = j
    _, last = min((cost[full][j] + d[j + 1][end], j) for j in range(k))
    order = []
    mask = full
    while last >= 0:
        order.append(last + 1)
        prev = parent[mask][last]
        mask &= ~(1 << last)
        last = prev
    order.reverse()
    return order


def _construct(d: list[list[float]], k: int, how: str) -> list[int]:
    """Initial path 0 -> stops -> k+1 by cheapest insertion or nearest neighbour."""
    end = k + 1
    if how == "auto":
        how = "insertion" if k <= 250 else "nearest"
    if how == "nearest":
        left = set(range(1, k + 1))
        path = [0]
        cur = 0
        while left:
            row = d[cur]
            cur = min(left, key=row.__getitem__)
            left.remove(cur)
            path.append(cur)
        path.append(end)
        return path
    arr = np.asarray(d)
    path = [0, end]
    left = np.arange(1, k + 1)
    while left.size:
        a = np.asarray(path[:-1])
        b = np.asarray(path[1:])
        delta = arr[np.ix_(a, left)] + arr[np.ix_(left, b)].T - arr[a, b][:, None]
        e, u = np.unravel_index(int(np.argmin(delta)), delta.shape)
        path.insert(int(e) + 1, int(left[u]))
        left = np.delete(left, u)
    return path


def _heuristic(
    d: list[list[float]],
    path0: list[int],
    k: int,
    asym: bool,
    construction: str,
    budget: Budget,
    max_iterations: int | None,
    seed: int,
    neighbours: int,
) -> tuple[list[int], int]:
    path = _construct(d, k, construction)
    real = list(range(k + 2))
    neigh = neighbour_lists(d, real[: k + 2], min(neighbours, k + 1))
    search = PathSearch(d, path, neigh, asym)
    search.run()
    best_p = list(search.p)
    best_cost = search.cost
    rng = random.Random(seed)
    it = 0
    max_len = max(3, min(50, k // 3))
    while (max_iterations is None or it < max_iterations) and not budget.expired():
        if max_iterations is None and budget.time_limit is None:
            break
        if it % 32 == 0:
            budget.check()
            budget.report_time()
        it += 1
        touched = search.double_bridge(rng, max_len)
        if not touched:
            break
        search.run(touched)
        if search.cost <= best_cost + 1e-9:
            if search.cost < best_cost - 1e-9:
                best_cost = search.cost
            best_p = list(search.p)
        else:
            search.set_path(best_p, best_cost)
    return best_p[1:-1], it
