"""Local search on one route: 2-opt with neighbour lists, Or-opt, double-bridge kicks.

The route is a *path* ``p[0..L]`` over local node ids whose two ends are fixed: ``p[0]`` is the
start (depot) and ``p[L]`` the end (a copy of the depot for a closed tour, a given end node, or a
virtual node with zero cost from everyone for an open path). Only ``p[1..L-1]`` move. Cost is
``sum d[p[k]][p[k+1]]``; ``d`` is a list of lists (fast scalar access in pure Python) and may
be asymmetric: reversing a segment then changes its internal cost, which is read from prefix
sums kept up to date after every applied move.

Moves are first-improvement, driven by a queue of "dirty" nodes (don't-look bits): a node is
examined, and when no improving move touches it, it leaves the queue; nodes at the ends of
changed edges are put back.
"""

from __future__ import annotations

import random
from collections import deque
from typing import Iterable, Sequence

EPS = 1e-9


def neighbour_lists(d: Sequence[Sequence[float]], nodes: Sequence[int], k: int) -> list[list[int]]:
    """For each local node, the ``k`` nodes of ``nodes`` closest to it (by mean of both ways)."""
    size = len(d)
    out: list[list[int]] = [[] for _ in range(size)]
    for a in nodes:
        row = d[a]
        cand = sorted((row[c] + d[c][a], c) for c in nodes if c != a)
        out[a] = [c for _, c in cand[:k]]
    return out


class PathSearch:
    """A path with fixed ends and the moves that improve it (see module docstring)."""

    def __init__(
        self,
        d: list[list[float]],
        path: list[int],
        neigh: list[list[int]],
        asymmetric: bool,
    ) -> None:
        self.d = d
        self.p = list(path)
        self.L = len(path) - 1
        self.neigh = neigh
        self.asym = asymmetric
        self.pos = [0] * len(d)
        self._reindex(0, self.L)
        self.fw: list[float] = []
        self.bw: list[float] = []
        if asymmetric:
            self._prefix()
        self.cost = self.path_cost()

    # -- bookkeeping -------------------------------------------------------------------------
    def path_cost(self) -> float:
        d, p = self.d, self.p
        return sum(d[p[k]][p[k + 1]] for k in range(self.L))

    def _reindex(self, lo: int, hi: int) -> None:
        p, pos = self.p, self.pos
        for t in range(lo, hi + 1):
            pos[p[t]] = t

    def _prefix(self) -> None:
        d, p = self.d, self.p
        fw = [0.0] * (self.L + 1)
        bw = [0.0] * (self.L + 1)
        f = b = 0.0
        for t in range(self.L):
            f += d[p[t]][p[t + 1]]
            b += d[p[t + 1]][p[t]]
            fw[t + 1] = f
            bw[t + 1] = b
        self.fw, self.bw = fw, bw

    def set_path(self, path: list[int], cost: float | None = None) -> None:
        self.p = list(path)
        self._reindex(0, self.L)
        if self.asym:
            self._prefix()
        self.cost = self.path_cost() if cost is None else cost

    # -- 2-opt ---------------------------------------------------------------------------------
    def _rev_delta(self, i: int, j: int) -> float:
        """Cost change of reversing p[i..j] (1 <= i < j <= L-1)."""
        d, p = self.d, self.p
        a, b, c, e = p[i - 1], p[i], p[j], p[j + 1]
        delta = d[a][c] + d[b][e] - d[a][b] - d[c][e]
        if self.asym:
            delta += (self.bw[j] - self.bw[i]) - (self.fw[j] - self.fw[i])
        return delta

    def _reverse(self, i: int, j: int, delta: float) -> None:
        p = self.p
        p[i : j + 1] = p[i : j + 1][::-1]
        self._reindex(i, j)
        if self.asym:
            self._prefix()
        self.cost += delta

    def try_two_opt(self, a: int) -> list[int] | None:
        """Apply the first improving 2-opt move adding an edge at ``a``; return touched nodes."""
        d, p, pos, last = self.d, self.p, self.pos, self.L - 1
        asym = self.asym
        k = pos[a]
        succ = p[k + 1] if k < self.L else -1
        pred = p[k - 1] if k > 0 else -1
        d_succ = d[a][succ] if succ >= 0 else -1.0
        d_pred = d[pred][a] if pred >= 0 else -1.0
        for c in self.neigh[a]:
            kc = pos[c]
            dac = d[a][c]
            dca = d[c][a]
            # new edge a-c next to a's successor edge
            # (the new-edge-shorter gate is exact for symmetric costs only)
            if succ >= 0 and (asym or min(dac, dca) < d_succ):
                if kc > k + 1 and kc <= last:
                    i, j = k + 1, kc
                elif kc < k - 1 and k <= last:
                    i, j = kc + 1, k
                else:
                    i = j = 0
                if i and i < j:
                    delta = self._rev_delta(i, j)
                    if delta < -EPS:
                        touched = [p[i - 1], p[i], p[j], p[j + 1]]
                        self._reverse(i, j, delta)
                        return touched
            # new edge c-a next to a's predecessor edge
            if pred >= 0 and (asym or min(dac, dca) < d_pred):
                if kc < k - 1 and kc >= 1:
                    i, j = kc, k - 1
                elif kc > k + 1 and k >= 1:
                    i, j = k, kc - 1
                else:
                    i = j = 0
                if i and i < j:
                    delta = self._rev_delta(i, j)
                    if delta < -EPS:
                        touched = [p[i - 1], p[i], p[j], p[j + 1]]
                        self._reverse(i, j, delta)
                        return touched
        return None

    # -- Or-opt --------------------------------------------------------------------------------
    def _seg_internal(self, i: int, s: int) -> tuple[float, float]:
        d, p = self.d, self.p
        fwd = rev = 0.0
        for t in range(i, i + s - 1):
            fwd += d[p[t]][p[t + 1]]
            rev += d[p[t + 1]][p[t]]
        return fwd, rev

    def _move_segment(self, i: int, s: int, k: int, rev: bool, delta: float) -> None:
        p = self.p
        seg = p[i : i + s]
        if rev:
            seg.reverse()
        if k < i:
            self.p = p[: k + 1] + seg + p[k + 1 : i] + p[i + s :]
            lo, hi = k + 1, i + s - 1
        else:
            self.p = p[:i] + p[i + s : k + 1] + seg + p[k + 1 :]
            lo, hi = i, k
        self._reindex(lo, hi)
        if self.asym:
            self._prefix()
        self.cost += delta

    def try_or_opt(self, a: int, max_seg: int = 3) -> list[int] | None:
        """Move a segment of 1..max_seg nodes that starts or ends at ``a`` next to a neighbour.

        The segment f..l goes between u and v (the edge at position k) in one of four ways:
        u=c, f..l, v (c before f) | u, l..f, v=c (f before c) | u=c, l..f, v (c before l) |
        u, f..l, v=c (l before c); the reversed ones pay the segment's reversal cost.
        """
        d, p, pos, L = self.d, self.p, self.pos, self.L
        ka = pos[a]
        if ka == 0 or ka == L:
            return None
        top = L - 1
        for s in range(1, max_seg + 1):
            for i in (ka, ka - s + 1) if s > 1 else (ka,):
                if i < 1 or i + s - 1 > top:
                    continue
                f, lst = p[i], p[i + s - 1]
                prev, nxt = p[i - 1], p[i + s]
                gain = d[prev][f] + d[lst][nxt] - d[prev][nxt]
                if gain <= EPS:
                    continue
                if s > 1 and self.asym:
                    sf, sr = self._seg_internal(i, s)
                    rev_extra = sr - sf
                else:
                    rev_extra = 0.0
                lo, hi = i - 1, i + s - 1
                limit = gain - EPS
                df, dl = d[f], d[lst]
                for c in self.neigh[f]:
                    kc = pos[c]
                    # c before f: u=c, v=p[kc+1], forward
                    if kc <= top and not lo <= kc <= hi:
                        u, v = c, p[kc + 1]
                        if d[u][f] + dl[v] - d[u][v] < limit:
                            delta = d[u][f] + dl[v] - d[u][v] - gain
                            touched = [prev, nxt, u, v, f, lst]
                            self._move_segment(i, s, kc, False, delta)
                            return touched
                    # f before c: u=p[kc-1], v=c, reversed (l..f)
                    k = kc - 1
                    if s > 1 and 0 <= k <= top and not lo <= k <= hi:
                        u, v = p[k], c
                        ins = d[u][lst] + df[v] - d[u][v] + rev_extra
                        if ins < limit:
                            touched = [prev, nxt, u, v, f, lst]
                            self._move_segment(i, s, k, True, ins - gain)
                            return touched
                    elif s == 1 and 0 <= k <= top and not lo <= k <= hi:
                        u, v = p[k], c
                        ins = d[u][f] + df[v] - d[u][v]
                        if ins < limit:
                            touched = [prev, nxt, u, v, f, lst]
                            self._move_segment(i, s, k, False, ins - gain)
                            return touched
                if s == 1:
                    continue
                for c in self.neigh[lst]:
                    kc = pos[c]
                    # c before l: u=c, v=p[kc+1], reversed (l..f)
                    if kc <= top and not lo <= kc <= hi:
                        u, v = c, p[kc + 1]
                        ins = d[u][lst] + df[v] - d[u][v] + rev_extra
                        if ins < limit:
                            touched = [prev, nxt, u, v, f, lst]
                            self._move_segment(i, s, kc, True, ins - gain)
                            return touched
                    # l before c: u=p[kc-1], v=c, forward
                    k = kc - 1
                    if 0 <= k <= top and not lo <= k <= hi:
                        u, v = p[k], c
                        ins = d[u][f] + dl[v] - d[u][v]
                        if ins < limit:
                            touched = [prev, nxt, u, v, f, lst]
                            self._move_segment(i, s, k, False, ins - gain)
                            return touched
        return None

    # -- driver --------------------------------------------------------------------------------
    def run(self, queue_nodes: Iterable[int] | None = None, max_seg: int = 3) -> None:
        """Apply improving moves until none is left around the queued nodes."""
        size = len(self.d)
        queued = [False] * size
        if queue_nodes is None:
            queue_nodes = list(self.p)
        queue: deque[int] = deque()
        for a in queue_nodes:
            if not queued[a]:
                queued[a] = True
                queue.append(a)
        while queue:
            a = queue.popleft()
            queued[a] = False
            touched = self.try_two_opt(a)
            if touched is None:
                touched = self.try_or_opt(a, max_seg)
            if touched is not None:
                for t in (*touched, a):
                    if not queued[t]:
                        queued[t] = True
                        queue.append(t)

    def double_bridge(self, rng: random.Random, max_len: int) -> list[int]:
        """Swap two adjacent random segments (A B C D -> A C B D); return the touched nodes."""
        p, d, L = self.p, self.d, self.L
        interior = L - 1
        if interior < 3:
            return []
        lb = rng.randint(1, max(1, min(max_len, interior // 2)))
        lc = rng.randint(1, max(1, min(max_len, interior - lb)))
        i = rng.randint(1, L - lb - lc)
        j, k = i + lb, i + lb + lc
        a, b1, b2, c1, c2, e = p[i - 1], p[i], p[j - 1], p[j], p[k - 1], p[k]
        delta = d[a][c1] + d[c2][b1] + d[b2][e] - d[a][b1] - d[b2][c1] - d[c2][e]
        self.p = p[:i] + p[j:k] + p[i:j] + p[k:]
        self._reindex(i, k - 1)
        if self.asym:
            self._prefix()
        self.cost += delta
        return [a, b1, b2, c1, c2, e]
