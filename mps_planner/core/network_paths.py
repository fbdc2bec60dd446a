"""Fastest paths on a road network: times to every node, origin–destination matrices, routes.

A :class:`Router` is a :class:`~core.network.RoadNetwork` with minutes per edge (one travel
mode or one vehicle's speeds). Points come snapped to the network (``RoadNetwork.snap``):
each sits part-way along an edge, and a path starts with the partial edge from the point to
either end of its edge (or runs straight along the edge to a point on the same edge).

The graph is directed inside (both directions of an undirected road are stored), so one-way
roads work; each query adds one virtual node per origin, joined to the two ends of its
edge with the partial costs (plus the origin's start time), and runs scipy's Dijkstra from
those virtual nodes. The snapping distance (point to road) is not part of the network times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra

from .errors import Cancelled, InputError
from .network import RoadNetwork, SnappedPoints

_NONE = -9999  # scipy's "no predecessor"


@dataclass
class NetworkTimes:
    """Minutes from the nearest source to every node (``inf`` where unreachable or beyond
    ``max_minutes``) and the index of that source (−1 where unreachable).

    ``edge_forward`` / ``edge_backward`` are the minutes of each edge u → v and v → u (inf
    where closed), so that :meth:`at` gives the time at any point along an edge.
    """

    node_minutes: np.ndarray
    node_source: np.ndarray
    sources: SnappedPoints
    start_minutes: np.ndarray
    max_minutes: float | None
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_forward: np.ndarray
    edge_backward: np.ndarray

    def at(self, edge: np.ndarray, fraction: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Minutes and source index at the points ``fraction`` along ``edge`` (arrays).

        The earliest of: through either end node, or straight along the edge from a source
        on the same edge. Times beyond ``max_minutes`` are inf (source −1).
        """
        edge = np.asarray(edge, dtype=np.int64)
        f = np.asarray(fraction, dtype=np.float64)
        u = self.edge_u[edge]
        v = self.edge_v[edge]
        via_u = self.node_minutes[u] + _part(f, self.edge_forward[edge])
        via_v = self.node_minutes[v] + _part(1.0 - f, self.edge_backward[edge])
        minutes = np.minimum(via_u, via_v)
        source = np.where(via_u <= via_v, self.node_source[u], self.node_source[v])
        src_edge = self.sources.edge
        for k in np.flatnonzero(np.isin(src_edge, edge)).tolist():
            on = edge == src_edge[k]
            t = self.sources.fraction[k]
            e = src_edge[k]
            cost = _along(f[on] - t, self.edge_forward[e], self.edge_backward[e])
            cost = cost + self.start_minutes[k]
            better = cost < minutes[on]
            idx = np.flatnonzero(on)[better]
            minutes[idx] = cost[better]
            source[idx] = k
        if self.max_minutes is not None:
            beyond = minutes > self.max_minutes
            minutes[beyond] = np.inf
            source[beyond] = -1
        source[~np.isfinite(minutes)] = -1
        return minutes, source.astype(np.int32)


@dataclass
class ODMatrix:
    """``minutes[i, j]``: fastest time from origin i to destination j (inf: no road);
    ``length_m[i, j]``: the length of that fastest path (metres; nan where no road).
    Partial edges at both ends are included, snapping distances are not (see
    ``with_snap_legs``)."""

    minutes: np.ndarray
    length_m: np.ndarray
    origins: SnappedPoints
    destinations: SnappedPoints

    def with_snap_legs(self) -> np.ndarray:
        """Path lengths plus the snapping distances of both ends (point → road → point)."""
        return (
            self.length_m + self.origins.distance_m[:, None] + self.destinations.distance_m[None, :]
        )


@dataclass
class Route:
    """The fastest path from one snapped point to another, as drawn along the roads."""

    x: np.ndarray
    y: np.ndarray
    length_m: float
    minutes: float
    edges: np.ndarray  # edges used in order (the partial first and last included)
    origin: str
    destination: str


class Router:
    """Fastest paths on ``network`` with ``edge_minutes`` (minutes per edge, inf = closed)."""

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
        ok_f = np.isfinite(self.forward)
        ok_b = np.isfinite(self.backward)
        self._tail = np.concatenate((fu[ok_f], fv[ok_b]))
        self._head = np.concatenate((fv[ok_f], fu[ok_b]))
        self._cost = np.concatenate((self.forward[ok_f], self.backward[ok_b]))
        self._arc_edge = np.concatenate((np.flatnonzero(ok_f), np.flatnonzero(ok_b)))
        open_edge = ok_f | ok_b
        graph = csr_matrix(
            (np.ones(int(open_edge.sum()), np.int8), (fu[open_edge], fv[open_edge])),
            shape=(n, n),
        )
        _, self.node_component = connected_components(graph, directed=False)
        self._arcs = _ArcLengths(self)

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
    def _graph(self, origins: SnappedPoints, start: np.ndarray) -> csr_matrix:
        net = self.network
        n = net.node_count
        k = len(origins)
        e = origins.edge
        t = origins.fraction
        virtual = n + np.arange(k)
        back = start + _part(t, self.backward[e])
        ahead = start + _part(1.0 - t, self.forward[e])
        tails = [self._tail, virtual, virtual]
        heads = [self._head, net.edge_u[e], net.edge_v[e]]
        costs = [self._cost, back, ahead]
        tail = np.concatenate(tails)
        head = np.concatenate(heads)
        cost = np.concatenate(costs)
        ok = np.isfinite(cost)
        return csr_matrix((cost[ok], (tail[ok], head[ok])), shape=(n + k, n + k))

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
        n = self.network.node_count
        graph = self._graph(sources, start)
        dist, _, src = dijkstra(
            graph,
            indices=n + np.arange(len(sources)),
            min_only=True,
            return_predecessors=True,
            limit=limit,
        )
        node_minutes = dist[:n].copy()
        node_source = np.where(src[:n] >= 0, src[:n] - n, -1).astype(np.int32)
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
        n = self.network.node_count
        graph = self._graph(origins, np.zeros(len(origins)))
        minutes = np.empty((len(origins), len(dest)))
        length = np.full((len(origins), len(dest)), np.nan)
        block = 32
        for lo in range(0, len(origins), block):
            if cancel is not None and cancel():
                raise Cancelled("Origin–destination matrix cancelled.")
            rows = np.arange(lo, min(lo + block, len(origins)))
            dist, pred = dijkstra(graph, indices=n + rows, return_predecessors=True, limit=limit)
            m, end, direct = self._to_points(dist, rows, origins, dest)
            minutes[rows] = m
            if lengths:
                length[rows] = self._lengths(pred, m, end, direct, rows, origins, dest)
            if progress is not None:
                progress(100.0 * rows[-1] / max(len(origins), 1))
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
        n = self.network.node_count
        graph = self._graph(points, np.zeros(len(points)))
        out: dict[tuple[int, int], Route] = {}
        for a in sorted({a for a, _ in legs}):
            dist, pred = dijkstra(graph, indices=n + a, return_predecessors=True)
            targets = sorted({b for x, b in legs if x == a})
            tgt = np.asarray(targets)
            m, end, direct = self._to_points(dist[None, :], np.array([a]), points, points, tgt)
            for j, b in enumerate(targets):
                out[(a, b)] = self._trace(
                    pred, points, a, b, float(m[0, j]), int(end[0, j]), bool(direct[0, j])
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
    def _to_points(self, dist, rows, origins, dest, cols=None):
        """Times from origins ``rows`` to destination points (all, or ``cols``): the best of
        entering the destination's edge at u, at v, or (same edge) going straight there."""
        cols = np.arange(len(dest)) if cols is None else np.asarray(cols)
        e = dest.edge[cols]
        s = dest.fraction[cols]
        net = self.network
        via_u = dist[:, net.edge_u[e]] + _part(s, self.forward[e])
        via_v = dist[:, net.edge_v[e]] + _part(1.0 - s, self.backward[e])
        m = np.minimum(via_u, via_v)
        end = np.where(via_u <= via_v, net.edge_u[e][None, :], net.edge_v[e][None, :])
        direct = np.zeros(m.shape, dtype=bool)
        same = origins.edge[rows][:, None] == e[None, :]
        if same.any():
            i, j = np.nonzero(same)
            d = s[j] - origins.fraction[rows][i]
            ee = e[j]
            cost = _along(d, self.forward[ee], self.backward[ee])
            better = cost <= m[i, j]
            m[i[better], j[better]] = cost[better]
            direct[i[better], j[better]] = True
        return m, end, direct

    def _lengths(self, pred, m, end, direct, rows, origins, dest) -> np.ndarray:
        """Length of each fastest path: trace the predecessor trees in lockstep."""
        net = self.network
        n = net.node_count
        length = np.full(m.shape, np.nan)
        e = dest.edge
        s = dest.fraction
        # The partial edge at the destination end.
        tail = np.where(end == net.edge_u[e][None, :], s, 1.0 - s) * net.edge_length_m[e]
        reach = np.isfinite(m)
        dd = reach & direct
        if dd.any():
            i, j = np.nonzero(dd)
            length[i, j] = np.abs(s[j] - origins.fraction[rows][i]) * net.edge_length_m[e[j]]
        via = reach & ~direct
        i, j = np.nonzero(via)
        cur = end[i, j].astype(np.int64)
        acc = tail[i, j].copy()
        active = np.arange(i.size)
        while active.size:
            p = pred[i[active], cur[active]].astype(np.int64)
            home = (p >= n) | (p == _NONE)
            if home.any():
                # Reached from the virtual origin: add the partial edge at the origin end.
                fin = active[home]
                k = rows[i[fin]]
                oe = origins.edge[k]
                part = np.where(
                    cur[fin] == net.edge_u[oe], origins.fraction[k], 1.0 - origins.fraction[k]
                )
                acc[fin] += part * net.edge_length_m[oe]
                active = active[~home]
                p = p[~home]
            acc[active] += self._arcs.length(p, cur[active])
            cur[active] = p
        length[i, j] = acc
        return length

    def _trace(self, pred, points, a, b, minutes, end, direct) -> Route:
        net = self.network
        name_a, name_b = points.names[a], points.names[b]
        if not math.isfinite(minutes):
            ca = int(net.node_component[net.edge_u[points.edge[a]]])
            cb = int(net.node_component[net.edge_u[points.edge[b]]])
            where = (
                f"'{name_a}' is on {net.describe(ca)} and '{name_b}' on {net.describe(cb)}"
                if ca != cb
                else "a one-way or closed road is in the way"
            )
            raise InputError(f"No road leads from '{name_a}' to '{name_b}': {where}.")
        ax, ay = points.snap_x[a], points.snap_y[a]
        bx, by = points.snap_x[b], points.snap_y[b]
        if direct:
            length = (
                abs(points.fraction[b] - points.fraction[a]) * net.edge_length_m[points.edge[a]]
            )
            return Route(
                np.array([ax, bx]),
                np.array([ay, by]),
                float(length),
                minutes,
                np.array([points.edge[a]]),
                name_a,
                name_b,
            )
        n = net.node_count
        nodes = [end]
        while True:
            p = int(pred[nodes[-1]])
            if p == _NONE or p >= n:
                break
            nodes.append(p)
        nodes.reverse()
        nodes_arr = np.asarray(nodes, dtype=np.int64)
        xs = np.concatenate(([ax], net.node_x[nodes_arr], [bx]))
        ys = np.concatenate(([ay], net.node_y[nodes_arr], [by]))
        edges = self._arcs.edges(nodes_arr)
        edges = np.concatenate(([points.edge[a]], edges, [points.edge[b]]))
        keep = np.r_[True, (np.diff(xs) != 0) | (np.diff(ys) != 0)]
        xs, ys = xs[keep], ys[keep]
        length = float(np.hypot(np.diff(xs), np.diff(ys)).sum())
        return Route(xs, ys, length, minutes, edges, name_a, name_b)


class _ArcLengths:
    """The edge (and its length) of a directed arc tail → head between real nodes."""

    def __init__(self, router: Router):
        self.n = router.network.node_count
        key = router._tail * self.n + router._head
        order = np.argsort(key, kind="stable")
        self.key = key[order]
        self.edge = router._arc_edge[order]
        self.metres = router.network.edge_length_m[self.edge]

    def _find(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.key, tail * self.n + head)
        return np.minimum(pos, max(self.key.size - 1, 0))

    def length(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        return self.metres[self._find(tail, head)]

    def edges(self, nodes: np.ndarray) -> np.ndarray:
        if nodes.size < 2:
            return np.empty(0, np.int64)
        return self.edge[self._find(nodes[:-1], nodes[1:])]


def _part(fraction, minutes) -> np.ndarray:
    """Minutes for a fraction of an edge; no distance costs nothing, even on a closed edge."""
    fraction = np.asarray(fraction, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(fraction > 0, fraction * minutes, 0.0)


def _along(d: np.ndarray, forward, backward) -> np.ndarray:
    """Minutes to move ``d`` (a signed fraction of an edge, + towards v) along the edge."""
    d = np.asarray(d, dtype=np.float64)
    return np.where(d >= 0, _part(d, forward), _part(-d, backward))


def _limit(max_minutes: float | None) -> float:
    if max_minutes is None or max_minutes == 0:
        return math.inf
    value = float(max_minutes)
    if not value > 0:
        raise InputError(f"The time limit must be more than 0 minutes, got {max_minutes}.")
    return value
