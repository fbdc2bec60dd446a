"""Putting points (stops, depots, sites) on a road network: the nearest point of the nearest
edge, with how far the point was from it.

Points are sampled along every edge (at about the median edge length) into a KD-tree. The
nearest sample bounds the distance to the nearest edge from above, so every edge that could
be nearer has a sample within that bound plus half the sample spacing; those candidates are
projected onto exactly. The answer is exact, whatever the edge lengths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np
from scipy.spatial import cKDTree

from .errors import InputError

if TYPE_CHECKING:
    from .network import RoadNetwork


@dataclass(frozen=True)
class SnappedPoints:
    """Points put on the network: each at ``fraction`` (0..1) along ``edge`` from its first
    node ``edge_u`` towards ``edge_v``; ``snap_x, snap_y`` that position, ``distance_m`` how far
    the point was from it."""

    names: tuple[str, ...]
    x: np.ndarray
    y: np.ndarray
    edge: np.ndarray
    fraction: np.ndarray
    snap_x: np.ndarray
    snap_y: np.ndarray
    distance_m: np.ndarray

    def __len__(self) -> int:
        return int(self.edge.size)

    def subset(self, index: Sequence[int] | np.ndarray) -> SnappedPoints:
        """The points at ``index`` (in that order)."""
        idx = np.asarray(index, dtype=np.int64).ravel()
        return SnappedPoints(
            tuple(self.names[i] for i in idx.tolist()),
            self.x[idx],
            self.y[idx],
            self.edge[idx],
            self.fraction[idx],
            self.snap_x[idx],
            self.snap_y[idx],
            self.distance_m[idx],
        )

    @staticmethod
    def concat(parts: Sequence[SnappedPoints]) -> SnappedPoints:
        """One set of the points of several sets, in order (e.g. the depot, then the stops)."""
        if not parts:
            raise InputError("no snapped points to join")
        return SnappedPoints(
            tuple(n for p in parts for n in p.names),
            *(
                np.concatenate([getattr(p, f) for p in parts])
                for f in ("x", "y", "edge", "fraction", "snap_x", "snap_y", "distance_m")
            ),
        )


class SnapIndex:
    """Points sampled along a network's edges, in a KD-tree."""

    def __init__(self, network: RoadNetwork):
        length = network.edge_length_m
        spacing = max(float(np.median(length)) if length.size else 1.0, 1e-6)
        pieces = np.maximum(np.ceil(length / spacing).astype(np.int64), 1)
        n = pieces + 1
        edge = np.repeat(np.arange(network.edge_count), n)
        starts = np.concatenate(([0], np.cumsum(n)[:-1]))
        frac = (np.arange(edge.size) - np.repeat(starts, n)) / np.repeat(pieces, n)
        sx, sy = network.point_at(edge, frac)
        self.tree = cKDTree(np.column_stack((sx, sy)))
        self.sample_edge = edge
        self.spacing = spacing

    def nearest(self, network: RoadNetwork, x: np.ndarray, y: np.ndarray):
        """Edge, fraction, snapped x, y and distance of the nearest edge point to each point."""
        pts = np.column_stack((x, y))
        d0, _ = self.tree.query(pts, k=1)
        # Every edge within d0 of a point has a sample within d0 + spacing / 2 of it.
        radius = d0 * (1 + 1e-9) + self.spacing * 0.5 + 1e-9
        hits = self.tree.query_ball_point(pts, radius, return_sorted=False)
        counts = np.fromiter((len(h) for h in hits), dtype=np.int64, count=len(hits))
        cand_pt = np.repeat(np.arange(x.size), counts)
        cand_edge = self.sample_edge[np.concatenate([np.asarray(h, np.int64) for h in hits])]
        # Distinct (point, edge) pairs.
        ne = network.edge_count
        cand_pt, cand_edge = np.divmod(np.unique(cand_pt * ne + cand_edge), ne)
        t, qx, qy, d = network.project(x[cand_pt], y[cand_pt], cand_edge)
        # Per point, the candidate with the smallest distance (ties: lowest edge id).
        order = np.lexsort((cand_edge, d, cand_pt))
        first = order[np.r_[True, cand_pt[order][1:] != cand_pt[order][:-1]]]
        return cand_edge[first], t[first], qx[first], qy[first], d[first]


def snap_points(
    network: RoadNetwork,
    index: SnapIndex,
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    names: Sequence[str] | None = None,
    max_snap_m: float | None = 1000.0,
    what: str = "Stop",
) -> SnappedPoints:
    """Snap points to ``network`` (see ``RoadNetwork.snap``)."""
    x = np.atleast_1d(np.asarray(x, dtype=np.float64)).ravel()
    y = np.atleast_1d(np.asarray(y, dtype=np.float64)).ravel()
    if x.shape != y.shape:
        raise InputError("x and y coordinates differ in number")
    names = (
        tuple(str(n) for n in names)
        if names is not None
        else tuple(f"#{i + 1}" for i in range(x.size))
    )
    if len(names) != x.size:
        raise InputError("one name per point is needed")
    if x.size == 0:
        raise InputError(f"There are no {what.lower()}s to put on the road network.")
    bad = ~(np.isfinite(x) & np.isfinite(y))
    if bad.any():
        listed = ", ".join(f"'{names[i]}'" for i in np.flatnonzero(bad)[:5].tolist())
        raise InputError(f"{what}s {listed} have no valid point geometry; fix or delete them.")
    edge, frac, sx, sy, dist = index.nearest(network, x, y)
    if max_snap_m is not None:
        far = np.flatnonzero(dist > max_snap_m)
        if far.size:
            raise InputError(_far_message(what, names, dist, far, max_snap_m))
    return SnappedPoints(names, x, y, edge, frac, sx, sy, dist)


def format_distance(metres: float) -> str:
    """A distance in words: "850 m", "1 km", "3.4 km"."""
    if metres >= 1000:
        text = f"{metres / 1000:,.1f}"
        return (text[:-2] if text.endswith(".0") else text) + " km"
    return f"{metres:,.0f} m"


def _far_message(what, names, dist, far, limit) -> str:
    i = int(far[0])
    lead = f"{what} '{names[i]}' is {format_distance(float(dist[i]))} from the nearest road"
    more = ""
    if far.size > 1:
        others = ", ".join(
            f"'{names[j]}' ({format_distance(float(dist[j]))})" for j in far[1:5].tolist()
        )
        extra = f" and {far.size - 5} more" if far.size > 5 else ""
        more = f" So are {others}{extra}."
    return (
        f"{lead} (limit {format_distance(float(limit))}): move it nearer a road or raise the "
        f"snapping distance.{more}"
    )
