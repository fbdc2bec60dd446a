"""Fastest paths on a road network: times to every node, origin–destination matrices, routes.

A :class:`Router` is a :class:`~core.network.RoadNetwork` with minutes per edge (one travel
mode or one vehicle's speeds). Points come snapped to the network (``RoadNetwork.snap``):
each sits part-way along an edge, and a path starts with the partial edge from the point to
either end of its edge (or runs straight along the edge to a point on the same edge).

Searches run on the network's junctions only: the shape vertices between two junctions are
contracted into one arc per direction (core.network_chains), which makes each Dijkstra
several times faster on real roads, and times at the shape vertices follow from the chains'
prefix sums. The graph is directed (one-way roads work); each query adds one virtual node per
origin, joined to the two ends of its chain with the partial costs (plus the origin's start
time), and runs scipy's Dijkstra from those virtual nodes. The snapping distance (point to
road) is not part of the network times.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping, Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra

from .errors import Cancelled, InputError
from .network import RoadNetwork, SnappedPoints
from .network_chains import Chains
from .network_routes import Route, trace_route
from .network_times import NetworkTimes, ODMatrix, along_edge

__all__ = ["NetworkTimes", "ODMatrix", "Route", "Router"]

_NONE = -9999  # scipy's "no predecessor"


class Router:
    """Fastest paths on ``network`` with ``edge_minutes`` (minutes per edge, inf = closed).

    Searches run on the contracted graph of junctions and chains (core.network_chains); times
    to the shape vertices in between follow from the chains' prefix sums.
    """

    def __init__(self, network: RoadNetwork, edge_minutes: np.ndarray):
        minutes = np.asarray(edge_minutes, dtype=np.float64).ravel()
        if minutes.size != network.edge_count:
            raise InputError(
                f"one time per edge is needed: {network.edge_count} edges, {minutes.size} times"
            )
        if np.isnan(minutes).any() or (minutes < 0).any():
            raise InputError("edge minutes must be ≥ 0 (inf for a closed road)")
        self.network = network
        self.edge_minutes = minutes
        ow = network.edge_oneway
        self.forward = np.where(ow >= 0, minutes, np.inf)
        self.backward = np.where(ow <= 0, minutes, np.inf)
        n = network.node_count
        fu, fv = network.edge_u, network.edge_v
        self._open = np.isfinite(self.forward) | np.isfinite(self.backward)
        graph = csr_matrix(
            (np.ones(int(self._open.sum()), np.int8), (fu[self._open], fv[self._open])),
            shape=(n, n),
        )
        _, self.node_component = connected_components(graph, directed=False)
        self.chains = Chains(network, self.forward, self.backward)
        lo, hi = np.minimum(fu, fv), np.maximum(fu, fv)
        key = lo * n + hi
        order = np.argsort(key)
        self._pair_key, self._pair_edge = key[order], order

    @classmethod
    def for_mode(
        cls,
        network: RoadNetwork,
        mode: str = "vehicle",
        speeds_kmh: Mapping[int | str, float] | None = None,
    ) -> Router:
        """A router at the road speeds of a travel mode (or a vehicle's own speed table)."""
        return cls(network, network.edge_minutes(speeds_kmh, mode))

    # -- graph with virtual origins ---------------------------------------------------------
    def _graph(self, origins: SnappedPoints, start: np.ndarray) -> tuple[csr_matrix, np.ndarray]:
        """The contracted graph plus one virtual node per origin (index J + k), joined to the
        two ends of its chain; and, per origin, the side (0 a, 1 b) taken on a loop chain."""
        ch = self.chains
        nj = ch.junction_count
        k = len(origins)
        to_a, to_b, _, _ = ch.point_costs(
            origins.edge, origins.fraction, self.forward, self.backward
        )
        c = ch.edge_chain[origins.edge]
        a, b = ch.a[c], ch.b[c]
        loop = a == b
        loop_side = (loop & (to_b < to_a)).astype(np.int8)
        cost_a = np.where(loop, np.minimum(to_a, to_b), to_a) + start
        cost_b = np.where(loop, np.inf, to_b) + start
        virtual = nj + np.arange(k)
        tail = np.concatenate((ch.arc_tail, virtual, virtual))
        head = np.concatenate((ch.arc_head, a, b))
        cost = np.concatenate((ch.arc_cost, cost_a, cost_b))
        ok = np.isfinite(cost)
        graph = csr_matrix((cost[ok], (tail[ok], head[ok])), shape=(nj + k, nj + k))
        return graph, loop_side

    def _start(self, points: SnappedPoints, start_minutes) -> np.ndarray:
        if start_minutes is None:
            return np.zeros(len(points))
        start = np.asarray(start_minutes, dtype=np.float64).ravel()
        if start.size != len(points) or not np.isfinite(start).all() or (start < 0).any():
            raise InputError("start_minutes must give one finite time ≥ 0 per source")
        return start

    # -- queries ----------------------------------------------------------------------------
    def times_from(
        self,
        sources: SnappedPoints,
        start_minutes: Sequence[float] | np.ndarray | None = None,
        max_minutes: float | None = None,
    ) -> NetworkTimes:
        """Minutes from the nearest source to every node (multi-source Dijkstra)."""
        start = self._start(sources, start_minutes)
        limit = _limit(max_minutes)
        ch = self.chains
        nj = ch.junction_count
        graph, _ = self._graph(sources, start)
        dist, _, src = dijkstra(
            graph,
            indices=nj + np.arange(len(sources)),
            min_only=True,
            return_predecessors=True,
            limit=limit,
        )
        dj = dist[:nj]
        sj = np.where(src[:nj] >= 0, src[:nj] - nj, -1).astype(np.int32)
        n = self.network.node_count
        node_minutes = np.full(n, np.inf)
        node_source = np.full(n, -1, dtype=np.int32)
        node_minutes[ch.junction_nodes] = dj
        node_source[ch.junction_nodes] = sj
        # Shape vertices: from either end of their chain, or from a source on the chain.
        inner = ch.size > 1
        cid = np.repeat(np.flatnonzero(inner), ch.size[inner] - 1)
        pos = (
            ch.pos_off[cid]
            + (
                np.arange(cid.size)
                - np.repeat(
                    np.cumsum(ch.size[inner] - 1) - (ch.size[inner] - 1), ch.size[inner] - 1
                )
            )
            + 1
        )
        via_a = dj[ch.a[cid]] + ch.fwd_before[pos]
        via_b = dj[ch.b[cid]] + ch.back_after[pos]
        t = np.minimum(via_a, via_b)
        s = np.where(via_a <= via_b, sj[ch.a[cid]], sj[ch.b[cid]])
        src_chain = ch.edge_chain[sources.edge]
        for k in np.flatnonzero(inner[src_chain]).tolist():
            c = src_chain[k]  # cid is sorted: the chain's shape vertices are one run
            on = np.arange(np.searchsorted(cid, c), np.searchsorted(cid, c, side="right"))
            cost = start[k] + self._from_point_to_positions(
                sources.edge[k], sources.fraction[k], pos[on]
            )
            better = cost < t[on]
            t[on[better]] = cost[better]
            s[on[better]] = k
        node_minutes[ch.nodes[pos]] = t
        node_source[ch.nodes[pos]] = s
        if limit < math.inf:
            beyond = node_minutes > limit
            node_minutes[beyond] = np.inf
            node_source[beyond] = -1
        node_source[~np.isfinite(node_minutes)] = -1
        return NetworkTimes(
            node_minutes,
            node_source,
            sources,
            start,
            None if limit == math.inf else limit,
            self.network.edge_u,
            self.network.edge_v,
            self.forward,
            self.backward,
        )

    def od_matrix(
        self,
        origins: SnappedPoints,
        destinations: SnappedPoints | None = None,
        max_minutes: float | None = None,
        lengths: bool = True,
        progress: Callable[[float], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> ODMatrix:
        """Fastest times (and their path lengths) from every origin to every destination.

        Without ``destinations`` the matrix is origins × origins (stops and depot in one set,
        for vehicle routing). Runs in blocks of origins so that progress and cancel work.
        """
        dest = origins if destinations is None else destinations
        limit = _limit(max_minutes)
        nj = self.chains.junction_count
        graph, loop_side = self._graph(origins, np.zeros(len(origins)))
        minutes = np.empty((len(origins), len(dest)))
        length = np.full((len(origins), len(dest)), np.nan)
        block = 64
        for lo in range(0, len(origins), block):
            if cancel is not None and cancel():
                raise Cancelled("Origin–destination matrix cancelled.")
            rows = np.arange(lo, min(lo + block, len(origins)))
            dist, pred = dijkstra(graph, indices=nj + rows, return_predecessors=True, limit=limit)
            m, side, direct = self._to_points(dist, rows, origins, dest)
            minutes[rows] = m
            if lengths:
                length[rows] = self._lengths(pred, m, side, direct, rows, origins, dest, loop_side)
            if progress is not None:
                progress(100.0 * (rows[-1] + 1) / max(len(origins), 1))
        if limit < math.inf:
            minutes[minutes > limit] = np.inf
            length[~np.isfinite(minutes)] = np.nan
        return ODMatrix(minutes, length, origins, dest)

    def route(self, points: SnappedPoints, origin: int, destination: int) -> Route:
        """The fastest path between two of the snapped points, along the roads."""
        return self.routes(points, [(origin, destination)])[0]

    def routes(self, points: SnappedPoints, legs: Sequence[tuple[int, int]]) -> list[Route]:
        """Fastest paths for several (origin, destination) index pairs into ``points``
        (e.g. the legs of a day's tour); one Dijkstra per distinct origin."""
        legs = [(int(a), int(b)) for a, b in legs]
        for a, b in legs:
            if not (0 <= a < len(points) and 0 <= b < len(points)):
                raise InputError(f"route leg ({a}, {b}) names a point outside 0..{len(points)}")
        nj = self.chains.junction_count
        graph, loop_side = self._graph(points, np.zeros(len(points)))
        out: dict[tuple[int, int], Route] = {}
        for a in sorted({a for a, _ in legs}):
            dist, pred = dijkstra(graph, indices=nj + a, return_predecessors=True)
            targets = np.asarray(sorted({b for x, b in legs if x == a}))
            m, side, direct = self._to_points(dist[None, :], np.array([a]), points, points, targets)
            for j, b in enumerate(targets.tolist()):
                out[(a, b)] = trace_route(
                    self,
                    pred,
                    points,
                    a,
                    b,
                    float(m[0, j]),
                    int(side[0, j]),
                    bool(direct[0, j]),
                    int(loop_side[a]),
                )
        return [out[leg] for leg in legs]

    # -- checks -----------------------------------------------------------------------------
    def check_connected(
        self,
        points: SnappedPoints,
        hub: int = 0,
        what: str = "Stop",
        hub_what: str = "depot",
    ) -> None:
        """Raise an InputError naming the points on a piece of road not joined to the hub's."""
        closed = ~(np.isfinite(self.forward) | np.isfinite(self.backward))[points.edge]
        if closed.any():
            i = int(np.flatnonzero(closed)[0])
            role = f"The {hub_what}" if i == hub else what
            raise InputError(
                f"{role} '{points.names[i]}' is on a road closed to this travel mode (its "
                "class has speed 0): move it onto an open road or give that class a speed."
            )
        comp = self.node_component[self.network.edge_u[points.edge]]
        off = np.flatnonzero(comp != comp[hub])
        if not off.size:
            return
        net = self.network
        i = int(off[0])
        own = int(net.node_component[net.edge_u[points.edge[i]]])
        others = ""
        if off.size > 1:
            listed = ", ".join(f"'{points.names[j]}'" for j in off[1:6].tolist())
            others = f" The same holds for {listed}{' and more' if off.size > 6 else ''}."
        raise InputError(
            f"{what} '{points.names[i]}' is on {net.describe(own)}, which no road joins to "
            f"the {hub_what} '{points.names[hub]}'. Join that piece to the network in the road "
            "layer (a gap at a junction: raise the vertex-merging tolerance or node the "
            f"crossings), or move the {what.lower()} onto a connected road.{others}"
        )

    # -- internals --------------------------------------------------------------------------
    def _from_point_to_positions(self, edge: int, fraction: float, pos: np.ndarray) -> np.ndarray:
        """Minutes from a point on a (two-way, several-edge) chain to positions of that chain."""
        ch = self.chains
        c, k, s = ch.locate(np.array([edge]), np.array([fraction]))
        c, k, s = int(c[0]), int(k[0]), float(s[0])
        along = ch.edge_dir[edge] > 0
        cf = self.forward[edge] if along else self.backward[edge]
        cb = self.backward[edge] if along else self.forward[edge]
        p = ch.pos_off[c] + k
        ahead = pos > p  # positions after the point's edge start
        g = ch.fwd_before[p] + s * cf  # a → point
        h = ch.back_before[p] + s * cb  # point → a
        return np.where(ahead, ch.fwd_before[pos] - g, h - ch.back_before[pos])

    def _direct(self, e1, f1, e2, f2) -> tuple[np.ndarray, np.ndarray]:
        """Minutes and metres straight along a chain between pairs of points on it."""
        ch = self.chains
        net = self.network
        _, k1, s1 = ch.locate(e1, f1)
        c2, k2, s2 = ch.locate(e2, f2)
        same = e1 == e2
        minutes = np.where(same, along_edge(f2 - f1, self.forward[e1], self.backward[e1]), np.inf)
        length = np.abs(f2 - f1) * net.edge_length_m[e1]
        other = np.flatnonzero(~same)
        if other.size:
            a, b = e1[other], e2[other]
            p1 = ch.pos_off[c2[other]] + k1[other]
            p2 = ch.pos_off[c2[other]] + k2[other]
            al1, al2 = ch.edge_dir[a] > 0, ch.edge_dir[b] > 0
            cf1 = np.where(al1, self.forward[a], self.backward[a])
            cb1 = np.where(al1, self.backward[a], self.forward[a])
            cf2 = np.where(al2, self.forward[b], self.backward[b])
            cb2 = np.where(al2, self.backward[b], self.forward[b])
            ahead = k2[other] > k1[other]
            fwd = ch.fwd_before[p2] + s2[other] * cf2 - ch.fwd_before[p1] - s1[other] * cf1
            back = ch.back_before[p1] + s1[other] * cb1 - ch.back_before[p2] - s2[other] * cb2
            minutes[other] = np.where(ahead, fwd, back)
            l1 = ch.len_before[p1] + s1[other] * net.edge_length_m[a]
            l2 = ch.len_before[p2] + s2[other] * net.edge_length_m[b]
            length[other] = np.abs(l2 - l1)
        return minutes, length

    def _to_points(self, dist, rows, origins, dest, cols=None):
        """Minutes from origins ``rows`` to destination points (all, or ``cols``): the best of
        entering the destination's chain at a, at b, or (same chain) going straight there.
        Also the side entered (0 a, 1 b) and whether the way is straight."""
        ch = self.chains
        cols = np.arange(len(dest)) if cols is None else np.asarray(cols)
        e = dest.edge[cols]
        s = dest.fraction[cols]
        _, _, from_a, from_b = ch.point_costs(e, s, self.forward, self.backward)
        c = ch.edge_chain[e]
        via_a = dist[:, ch.a[c]] + from_a
        via_b = dist[:, ch.b[c]] + from_b
        m = np.minimum(via_a, via_b)
        side = (via_b < via_a).astype(np.int8)
        direct = np.zeros(m.shape, dtype=bool)
        oe = origins.edge[rows]
        same = (ch.edge_chain[oe][:, None] == c[None, :]) & (c[None, :] >= 0)
        if same.any():
            i, j = np.nonzero(same)
            cost, _ = self._direct(oe[i], origins.fraction[rows][i], e[j], s[j])
            better = cost <= m[i, j]
            m[i[better], j[better]] = cost[better]
            direct[i[better], j[better]] = True
        return m, side, direct

    def _lengths(self, pred, m, side, direct, rows, origins, dest, loop_side) -> np.ndarray:
        """Length of each fastest path (the tree of junction predecessors, summed)."""
        ch = self.chains
        net = self.network
        nj = ch.junction_count
        length = np.full(m.shape, np.nan)
        reach = np.isfinite(m)
        dd = reach & direct
        if dd.any():
            i, j = np.nonzero(dd)
            _, ln = self._direct(
                origins.edge[rows][i], origins.fraction[rows][i], dest.edge[j], dest.fraction[j]
            )
            length[i, j] = ln
        la_d, lb_d = ch.point_lengths(dest.edge, dest.fraction, net.edge_length_m)
        la_o, lb_o = ch.point_lengths(origins.edge, origins.fraction, net.edge_length_m)
        # Metres from the origin to every junction along its tree, by pointer jumping: each
        # junction points to its predecessor (a root: to a sentinel, holding the way from the
        # origin to that first junction), and sums double their reach each round.
        r = rows.size
        parent = pred[:, :nj].astype(np.int64)
        acc = np.zeros((r, nj + 1))
        node = np.broadcast_to(np.arange(nj), (r, nj))
        real = (parent >= 0) & (parent < nj)
        acc[:, :nj][real] = ch.arc_length[ch.arc(parent[real], node[real])]
        root = parent >= nj
        if root.any():
            ri, rj = np.nonzero(root)
            k = rows[ri]
            oc = ch.edge_chain[origins.edge[k]]
            at_b = np.where(ch.a[oc] == ch.b[oc], loop_side[k] == 1, rj == ch.b[oc])
            acc[ri, rj] = np.where(at_b, lb_o[k], la_o[k])
        parent = np.where(real, parent, nj)
        parent = np.concatenate((parent, np.full((r, 1), nj)), axis=1)
        while (parent[:, :nj] != nj).any():
            acc += np.take_along_axis(acc, parent, axis=1)
            parent = np.take_along_axis(parent, parent, axis=1)
        dc = ch.edge_chain[dest.edge]
        i, j = np.nonzero(reach & ~direct)
        sd = side[i, j]
        end = np.where(sd == 0, ch.a[dc[j]], ch.b[dc[j]]).astype(np.int64)
        acc = acc[i, end] + np.where(sd == 0, la_d[j], lb_d[j])
        length[i, j] = acc
        return length


def _limit(max_minutes: float | None) -> float:
    if max_minutes is None or max_minutes == 0:
        return math.inf
    value = float(max_minutes)
    if not value > 0:
        raise InputError(f"The time limit must be more than 0 minutes, got {max_minutes}.")
    return value
