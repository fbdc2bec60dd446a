"""Results of network searches: times at every node (and anywhere along the edges) and
origin–destination matrices."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import SnappedPoints


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
        via_u = self.node_minutes[u] + edge_part(f, self.edge_forward[edge])
        via_v = self.node_minutes[v] + edge_part(1.0 - f, self.edge_backward[edge])
        minutes = np.minimum(via_u, via_v)
        source = np.where(via_u <= via_v, self.node_source[u], self.node_source[v])
        src_edge = self.sources.edge
        hit = np.flatnonzero(np.isin(src_edge, edge))
        if hit.size:
            order = np.argsort(edge, kind="stable")
            sorted_edge = edge[order]
            for k in hit.tolist():
                e = src_edge[k]
                idx = order[
                    np.searchsorted(sorted_edge, e) : np.searchsorted(sorted_edge, e, "right")
                ]
                cost = (
                    along_edge(
                        f[idx] - self.sources.fraction[k],
                        self.edge_forward[e],
                        self.edge_backward[e],
                    )
                    + self.start_minutes[k]
                )
                better = cost < minutes[idx]
                minutes[idx[better]] = cost[better]
                source[idx[better]] = k
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


def edge_part(fraction, minutes) -> np.ndarray:
    """Minutes for a fraction of an edge; no distance costs nothing, even on a closed edge."""
    fraction = np.asarray(fraction, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(fraction > 0, fraction * minutes, 0.0)


def along_edge(d: np.ndarray, forward, backward) -> np.ndarray:
    """Minutes to move ``d`` (a signed fraction of an edge, + towards v) along the edge."""
    d = np.asarray(d, dtype=np.float64)
    return np.where(d >= 0, edge_part(d, forward), edge_part(-d, backward))
