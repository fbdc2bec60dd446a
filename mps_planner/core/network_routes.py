"""Routes along the actual roads: the fastest path between two snapped points as a polyline
(for drawing a vehicle's day on the map), with its length and minutes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .errors import InputError

_NONE = -9999  # scipy's "no predecessor"


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


def trace_route(router, pred, points, a, b, minutes, side, direct, loop_side) -> Route:
    """The route from point a to point b given the predecessors of a search from a, the
    fastest time, the side of b's chain entered and whether the way is straight along a
    chain (see ``Router.routes``)."""
    net = router.network
    ch = router.chains
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
    ea, eb = int(points.edge[a]), int(points.edge[b])
    c1, k1, _ = (int(x[0]) for x in ch.locate(np.array([ea]), np.array([points.fraction[a]])))
    c2, k2, _ = (int(x[0]) for x in ch.locate(np.array([eb]), np.array([points.fraction[b]])))
    o1, o2 = int(ch.pos_off[c1]), int(ch.pos_off[c2])
    m2 = int(ch.size[c2])
    if direct:
        if ea == eb:
            inner: list[int] = []
        elif k2 > k1:
            inner = ch.nodes[o1 + k1 + 1 : o1 + k2 + 1].tolist()
        else:
            inner = ch.nodes[o1 + k2 + 1 : o1 + k1 + 1][::-1].tolist()
    else:
        nj = ch.junction_count
        end = int(ch.a[c2] if side == 0 else ch.b[c2])
        seq = [end]
        while True:
            p = int(pred[seq[-1]])
            if p == _NONE or p >= nj:
                break
            seq.append(p)
        seq.reverse()
        first = seq[0]
        loop = ch.a[c1] == ch.b[c1]
        at_b = (loop_side == 1) if loop else first == ch.b[c1]
        m1 = int(ch.size[c1])
        if at_b:
            inner = ch.nodes[o1 + k1 + 1 : o1 + m1 + 1].tolist()
        else:
            inner = ch.nodes[o1 : o1 + k1 + 1][::-1].tolist()
        for p, q in zip(seq[:-1], seq[1:]):
            arc = int(ch.arc(np.array([p]), np.array([q]))[0])
            c = int(ch.arc_chain[arc])
            o, m = int(ch.pos_off[c]), int(ch.size[c])
            nodes = ch.nodes[o : o + m + 1]
            inner += (nodes[1:] if ch.arc_sense[arc] > 0 else nodes[::-1][1:]).tolist()
        if side == 0:
            inner += ch.nodes[o2 + 1 : o2 + k2 + 1].tolist()
        else:
            inner += ch.nodes[o2 + k2 + 1 : o2 + m2][::-1].tolist()
    nodes_arr = np.asarray(inner, dtype=np.int64)
    xs = np.concatenate(([points.snap_x[a]], net.node_x[nodes_arr], [points.snap_x[b]]))
    ys = np.concatenate(([points.snap_y[a]], net.node_y[nodes_arr], [points.snap_y[b]]))
    edges = np.concatenate(([ea], edges_between(router, nodes_arr), [eb]))
    edges = edges[np.r_[True, edges[1:] != edges[:-1]]]
    keep = np.r_[True, (np.diff(xs) != 0) | (np.diff(ys) != 0)]
    xs, ys = xs[keep], ys[keep]
    length = float(np.hypot(np.diff(xs), np.diff(ys)).sum())
    return Route(xs, ys, length, minutes, edges, name_a, name_b)


def edges_between(router, nodes: np.ndarray) -> np.ndarray:
    """The edges joining consecutive nodes of a path."""
    if nodes.size < 2:
        return np.empty(0, np.int64)
    n = router.network.node_count
    key = np.minimum(nodes[:-1], nodes[1:]) * n + np.maximum(nodes[:-1], nodes[1:])
    return router._pair_edge[np.searchsorted(router._pair_key, key)]
