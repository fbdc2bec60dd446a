"""Noding road segments that cross without a common vertex (optional; see core.network).

Two segments that cross in their interiors are both split at the crossing, which becomes a
junction; a segment whose end lies on another segment's interior (within the tolerance)
splits that segment there and joins it. Collinear overlaps are left as they are. Candidate
pairs come from a uniform grid of bins over the segments' bounding boxes, so the work grows
with the number of nearby pairs, not with the square of the number of segments.
"""

from __future__ import annotations

import numpy as np

# Bin entries allowed per segment before the bins are made coarser.
_ENTRIES_PER_SEGMENT = 16


def node_crossings(node_xy, u, v, line, cls, oneway, tolerance_m):
    """Split segments at their crossings. Returns the new
    ``(node_xy, u, v, line, cls, oneway, crossings)``."""
    a, b = _candidate_pairs(node_xy, u, v)
    # Pairs that already share a node meet there.
    shared = (u[a] == u[b]) | (u[a] == v[b]) | (v[a] == u[b]) | (v[a] == v[b])
    a, b = a[~shared], b[~shared]
    p = node_xy[u[a]]
    r = node_xy[v[a]] - p
    q = node_xy[u[b]]
    s = node_xy[v[b]] - q
    denom = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
    qp = q - p
    len_a = np.hypot(r[:, 0], r[:, 1])
    len_b = np.hypot(s[:, 0], s[:, 1])
    ok = np.abs(denom) > 1e-12 * len_a * len_b
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(ok, (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denom, np.nan)
        w = np.where(ok, (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / denom, np.nan)
        eps_a = np.where(len_a > 0, tolerance_m / len_a, 0.0)
        eps_b = np.where(len_b > 0, tolerance_m / len_b, 0.0)
    hit = ok & (t >= -eps_a) & (t <= 1 + eps_a) & (w >= -eps_b) & (w <= 1 + eps_b)
    a, b, t, w, eps_a, eps_b = a[hit], b[hit], t[hit], w[hit], eps_a[hit], eps_b[hit]
    p, r = p[hit], r[hit]
    # Where the crossing is at a segment's end, the junction is that end's node.
    a_start, a_end = t <= eps_a, t >= 1 - eps_a
    b_start, b_end = w <= eps_b, w >= 1 - eps_b
    a_inner = ~(a_start | a_end)
    b_inner = ~(b_start | b_end)
    cross = a_inner | b_inner  # both at ends would have been merged already
    a, b, t, w = a[cross], b[cross], t[cross], w[cross]
    a_start, a_end, b_start, b_end = a_start[cross], a_end[cross], b_start[cross], b_end[cross]
    a_inner, b_inner = a_inner[cross], b_inner[cross]
    point = p[cross] + t[:, None] * r[cross]
    n0 = len(node_xy)
    junction = n0 + np.arange(a.size)
    junction = np.where(a_start, u[a], np.where(a_end, v[a], junction))
    junction = np.where(b_start, u[b], np.where(b_end, v[b], junction))
    new_xy = np.concatenate((node_xy, point))
    # Splits: (segment, fraction, node).
    seg = np.concatenate((a[a_inner], b[b_inner]))
    frac = np.concatenate((t[a_inner], w[b_inner]))
    node = np.concatenate((junction[a_inner], junction[b_inner]))
    order = np.lexsort((frac, seg))
    seg, node = seg[order], node[order]
    # Each split segment becomes a chain u, n1, ..., nk, v.
    counts = np.bincount(seg, minlength=u.size)
    chain_len = counts + 2
    starts = np.concatenate(([0], np.cumsum(chain_len)[:-1]))
    chain = np.empty(int(chain_len.sum()), dtype=np.int64)
    chain[starts] = u
    chain[starts + chain_len - 1] = v
    inner_pos = np.repeat(starts + 1, counts) + (
        np.arange(seg.size) - np.repeat(np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    )
    chain[inner_pos] = node
    last = np.zeros(chain.size, dtype=bool)
    last[starts + chain_len - 1] = True
    from_pos = np.flatnonzero(~last)
    owner = np.repeat(np.arange(u.size), chain_len - 1)
    new_u, new_v = chain[from_pos], chain[from_pos + 1]
    # Several crossings at one place (three roads) make nearby nodes: merge them.
    from .network import merge_vertices

    label, merged_xy = merge_vertices(new_xy, tolerance_m)
    return (
        merged_xy,
        label[new_u],
        label[new_v],
        line[owner],
        cls[owner],
        oneway[owner],
        int(a.size),
    )


def _candidate_pairs(node_xy, u, v) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a < b) of segments whose bounding boxes fall in a common bin."""
    x0 = np.minimum(node_xy[u, 0], node_xy[v, 0])
    x1 = np.maximum(node_xy[u, 0], node_xy[v, 0])
    y0 = np.minimum(node_xy[u, 1], node_xy[v, 1])
    y1 = np.maximum(node_xy[u, 1], node_xy[v, 1])
    length = np.hypot(x1 - x0, y1 - y0)
    size = max(float(np.median(length)) if length.size else 1.0, 1e-9)
    ox, oy = x0.min(), y0.min()
    while True:
        bx0 = np.floor((x0 - ox) / size).astype(np.int64)
        bx1 = np.floor((x1 - ox) / size).astype(np.int64)
        by0 = np.floor((y0 - oy) / size).astype(np.int64)
        by1 = np.floor((y1 - oy) / size).astype(np.int64)
        nx = bx1 - bx0 + 1
        ny = by1 - by0 + 1
        entries = nx * ny
        if entries.sum() <= _ENTRIES_PER_SEGMENT * max(u.size, 1):
            break
        size *= 2.0
    seg = np.repeat(np.arange(u.size), entries)
    k = np.arange(seg.size) - np.repeat(np.concatenate(([0], np.cumsum(entries)[:-1])), entries)
    bx = bx0[seg] + k % nx[seg]
    by = by0[seg] + k // nx[seg]
    width = int(bx1.max()) + 1
    bins = by * width + bx
    order = np.lexsort((seg, bins))
    bins, seg = bins[order], seg[order]
    head = np.r_[True, bins[1:] != bins[:-1]]
    group_start = np.flatnonzero(head)
    group_size = np.diff(np.r_[group_start, bins.size])
    pos = np.arange(bins.size) - np.repeat(group_start, group_size)
    after = np.repeat(group_size, group_size) - 1 - pos  # entries later in the same bin
    first = np.repeat(np.arange(bins.size), after)
    offset = np.arange(first.size) - np.repeat(np.concatenate(([0], np.cumsum(after)[:-1])), after)
    second = first + 1 + offset
    a, b = seg[first], seg[second]
    key = np.unique(np.minimum(a, b) * u.size + np.maximum(a, b))
    return key // u.size, key % u.size
