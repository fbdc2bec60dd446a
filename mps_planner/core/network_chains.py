"""The road network with its shape vertices contracted: junctions joined by chains.

Road lines carry many vertices that only give them their shape (a gravel road across the
steppe has one every few dozen metres, a junction every few kilometres). A shortest-path
search needs only the junctions: every node that is not on exactly two open edges, or that
touches a one-way edge, is a junction, and the edges between two junctions form a chain,
searched as one arc each way. Inside a chain every edge is open both ways (one-way edges are
chains of their own), so prefix sums of the chain's edge costs give the time from either end
to any point of the chain, and between two points on the same chain.

A chain runs from junction ``a`` to junction ``b`` (possibly ``a == b``: a loop). Its
positions ``0..m`` are its nodes (0 = a, m = b) and edge ``k`` joins positions ``k`` and
``k + 1``. Per position, ``fwd_before`` is the cost from ``a`` to it, ``fwd_after`` from it
to ``b`` moving a → b; ``back_before`` the cost from it back to ``a``, ``back_after`` from
``b`` back to it; ``len_before`` / ``len_after`` the same in metres.
"""

from __future__ import annotations

import numpy as np

from .network import RoadNetwork
from .network_times import edge_part


class Chains:
    """Junctions, chains and the contracted graph of a network for given edge costs."""

    def __init__(self, network: RoadNetwork, forward: np.ndarray, backward: np.ndarray):
        n = network.node_count
        u, v = network.edge_u, network.edge_v
        ok_f, ok_b = np.isfinite(forward), np.isfinite(backward)
        open_ = ok_f | ok_b
        oneway = open_ & (ok_f != ok_b)
        edges = np.flatnonzero(open_)
        degree = np.bincount(np.concatenate((u[edges], v[edges])), minlength=n)
        junction = degree != 2
        junction[u[oneway]] = True
        junction[v[oneway]] = True
        # Incidence lists of the open edges.
        ends = np.concatenate((u[edges], v[edges]))
        inc = np.concatenate((edges, edges))
        order = np.argsort(ends, kind="stable")
        inc = inc[order]
        indptr = np.concatenate(([0], np.cumsum(degree)))
        chain_edges, chain_dirs, chain_nodes, starts = _walk(
            u.tolist(), v.tolist(), junction, indptr.tolist(), inc.tolist(), edges.tolist()
        )
        # Junctions found on pure cycles are junctions too.
        for first in starts:
            junction[first] = True
        self.junction_nodes = np.flatnonzero(junction)
        self.junction_of_node = np.full(n, -1, dtype=np.int64)
        self.junction_of_node[self.junction_nodes] = np.arange(self.junction_nodes.size)
        sizes = np.array([len(c) for c in chain_edges], dtype=np.int64)
        nc = sizes.size
        self.count = nc
        flat_edge = np.array([e for c in chain_edges for e in c], dtype=np.int64)
        flat_dir = np.array([d for c in chain_dirs for d in c], dtype=np.int8)
        # Offsets: chain c's edges at edge_off[c] .. +m, its positions at pos_off[c] .. +m.
        self.edge_off = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        self.pos_off = self.edge_off + np.arange(nc)
        self.size = sizes
        self.nodes = np.array([p for c in chain_nodes for p in c], dtype=np.int64)
        self.a = self.junction_of_node[self.nodes[self.pos_off]]
        self.b = self.junction_of_node[self.nodes[self.pos_off + sizes]]
        chain_of_flat = np.repeat(np.arange(nc), sizes)
        self.edge_chain = np.full(network.edge_count, -1, dtype=np.int64)
        self.edge_pos = np.full(network.edge_count, -1, dtype=np.int64)
        self.edge_dir = np.zeros(network.edge_count, dtype=np.int8)
        self.edge_chain[flat_edge] = chain_of_flat
        self.edge_pos[flat_edge] = np.arange(flat_edge.size) - self.edge_off[chain_of_flat]
        self.edge_dir[flat_edge] = flat_dir
        along = flat_dir > 0
        cf = np.where(along, forward[flat_edge], backward[flat_edge])  # a → b
        cb = np.where(along, backward[flat_edge], forward[flat_edge])  # b → a
        length = network.edge_length_m[flat_edge]
        self.fwd_before, self.fwd_after = _prefix(cf, sizes, self.edge_off)
        self.back_before, self.back_after = _prefix(cb, sizes, self.edge_off)
        self.len_before, self.len_after = _prefix(length, sizes, self.edge_off)
        # Contracted arcs (one per chain and direction, the cheapest of parallel chains).
        real = self.a != self.b
        c_ids = np.flatnonzero(real)
        tail = np.concatenate((self.a[c_ids], self.b[c_ids]))
        head = np.concatenate((self.b[c_ids], self.a[c_ids]))
        cost = np.concatenate(
            (self.fwd_after[self.pos_off[c_ids]], self.back_after[self.pos_off[c_ids]])
        )
        chain = np.concatenate((c_ids, c_ids))
        sense = np.concatenate((np.ones(c_ids.size, np.int8), -np.ones(c_ids.size, np.int8)))
        keep = np.isfinite(cost)
        tail, head, cost, chain, sense = (x[keep] for x in (tail, head, cost, chain, sense))
        pick = cheapest(tail, head, cost)
        self.arc_tail, self.arc_head, self.arc_cost = tail[pick], head[pick], cost[pick]
        self.arc_chain, self.arc_sense = chain[pick], sense[pick]
        self.arc_length = self.len_after[self.pos_off[self.arc_chain]]
        order = np.argsort(self.arc_tail * self.junction_nodes.size + self.arc_head)
        self._arc_key = (self.arc_tail * self.junction_nodes.size + self.arc_head)[order]
        self._arc_order = order

    @property
    def junction_count(self) -> int:
        return int(self.junction_nodes.size)

    def arc(self, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
        """Index of the contracted arc tail → head (junction indices; the arc must exist)."""
        key = np.asarray(tail) * self.junction_nodes.size + np.asarray(head)
        return self._arc_order[np.searchsorted(self._arc_key, key)]

    # -- points on chains ---------------------------------------------------------------------
    def locate(self, edge: np.ndarray, fraction: np.ndarray):
        """Chain, position k of the edge in it, fraction s along it in the a → b sense."""
        edge = np.asarray(edge, dtype=np.int64)
        fraction = np.asarray(fraction, dtype=np.float64)
        s = np.where(self.edge_dir[edge] > 0, fraction, 1.0 - fraction)
        return self.edge_chain[edge], self.edge_pos[edge], s

    def point_costs(self, edge, fraction, forward, backward):
        """Costs between points on edges and their chain's ends: (point → a, point → b,
        a → point, b → point), and the lengths (point – a, point – b) in metres."""
        c, k, s = self.locate(edge, fraction)
        closed = c < 0  # a road closed in this mode: on no chain, reaches nothing
        c = np.where(closed, 0, c)
        k = np.where(closed, 0, k)
        along = self.edge_dir[edge] > 0
        cf = np.where(along, forward[edge], backward[edge])
        cb = np.where(along, backward[edge], forward[edge])
        p = self.pos_off[c] + k  # the position at the start of the edge (a side)
        out = (
            self.back_before[p] + edge_part(s, cb),  # to a
            self.fwd_after[p + 1] + edge_part(1.0 - s, cf),  # to b
            self.fwd_before[p] + edge_part(s, cf),  # from a
            self.back_after[p + 1] + edge_part(1.0 - s, cb),  # from b
        )
        return tuple(np.where(closed, np.inf, x) for x in out)

    def point_lengths(self, edge, fraction, edge_length):
        """Metres from points on edges to their chain's ends a and b."""
        c, k, s = self.locate(edge, fraction)
        p = self.pos_off[np.maximum(c, 0)] + np.maximum(k, 0)
        to_a = self.len_before[p] + s * edge_length[edge]
        to_b = self.len_after[p + 1] + (1.0 - s) * edge_length[edge]
        return to_a, to_b


def cheapest(tail: np.ndarray, head: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Indices of the cheapest arc of each (tail, head) pair (a sparse matrix would add them)."""
    if not tail.size:
        return np.empty(0, np.int64)
    size = int(max(tail.max(), head.max())) + 1
    key = tail.astype(np.int64) * size + head
    order = np.lexsort((cost, key))
    first = np.r_[True, key[order][1:] != key[order][:-1]]
    return order[first]


def _prefix(cost: np.ndarray, sizes: np.ndarray, edge_off: np.ndarray):
    """Per chain position: the sum of edge costs before it and after it.

    Only one-edge chains can hold an inf (a one-way edge), so sums of longer chains stay
    finite; one-edge chains are set directly.
    """
    nc = sizes.size
    pos_off = edge_off + np.arange(nc)
    total_pos = int(sizes.sum() + nc)
    finite = np.where(np.isfinite(cost), cost, 0.0)
    csum = np.concatenate(([0.0], np.cumsum(finite)))
    # Position j of chain c is after edges edge_off[c] .. edge_off[c] + j - 1.
    chain_of_pos = np.repeat(np.arange(nc), sizes + 1)
    j = np.arange(total_pos) - pos_off[chain_of_pos]
    start = edge_off[chain_of_pos]
    before = csum[start + j] - csum[start]
    after = csum[start + sizes[chain_of_pos]] - csum[start + j]
    single = np.flatnonzero(sizes == 1)
    p = pos_off[single]
    e = edge_off[single]
    before[p] = 0.0
    before[p + 1] = cost[e]
    after[p] = cost[e]
    after[p + 1] = 0.0
    return before, after


def _walk(u, v, junction, indptr, inc, edges):
    """Chains as lists: edges, their senses (+1 if walked u → v), and nodes, from junction to
    junction; then the pure cycles, each from a node taken as its junction (returned)."""
    is_j = junction.tolist()
    done = {}
    chain_edges: list[list[int]] = []
    chain_dirs: list[list[int]] = []
    chain_nodes: list[list[int]] = []

    def walk(start: int, e: int) -> None:
        es, ds, ns = [e], [1 if u[e] == start else -1], [start]
        done[e] = True
        cur = v[e] if u[e] == start else u[e]
        prev = e
        while not is_j[cur]:
            ns.append(cur)
            i = indptr[cur]
            e2 = inc[i] if inc[i] != prev else inc[i + 1]
            es.append(e2)
            ds.append(1 if u[e2] == cur else -1)
            done[e2] = True
            prev = e2
            cur = v[e2] if u[e2] == cur else u[e2]
        ns.append(cur)
        chain_edges.append(es)
        chain_dirs.append(ds)
        chain_nodes.append(ns)

    for node in np.flatnonzero(junction).tolist():
        for i in range(indptr[node], indptr[node + 1]):
            if inc[i] not in done:
                walk(node, inc[i])
    starts = []
    for e in edges:
        if e not in done:  # a ring with no junction: its first node becomes one
            start = u[e]
            starts.append(start)
            is_j[start] = True
            walk(start, e)
    return chain_edges, chain_dirs, chain_nodes, starts
