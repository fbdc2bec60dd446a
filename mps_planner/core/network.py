"""A road network as a graph: nodes at line vertices, edges between consecutive vertices.

Road lines (arrays of x, y in metres, in the analysis CRS) are cut into straight segments
between consecutive vertices. Vertices closer than ``tolerance_m`` are merged into one node,
so lines that share an end point (or pass through a common vertex) connect. Segments that
cross without a shared vertex do **not** connect unless ``node_crossings`` is set: an
overpass or a bridge over another road crosses it without a junction, so the default trusts
the data's vertices. With ``node_crossings`` both segments are split at the crossing (and a
line ending on another line's interior is joined to it).

Each edge keeps its road class code (1 paved, 2 gravel, 3 track by default; see
``core.landcover.ROAD_CLASSES``), its length and the input line it came from. Edges joining
the same two nodes are kept once (the lowest class code, i.e. the better road, wins). The
network's connected components are numbered by decreasing road length: component 0 is the
main network, and a stop on another piece of road can be explained (see ``describe``).

Points (stops, depots, sites) are put on the network with :meth:`RoadNetwork.snap`
(core.network_snap): the nearest point on the nearest edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from .errors import InputError
from .landcover import ROAD_CLASSES, ROAD_SPEEDS_KMH
from .network_noding import node_crossings as _node_crossings
from .network_snap import SnapIndex, SnappedPoints, format_distance, snap_points

DEFAULT_TOLERANCE_M = 0.01


@dataclass(frozen=True)
class Polylines:
    """Road lines in one flat form: the vertices of line k are ``xy[offsets[k]:offsets[k+1]]``.

    ``classes`` holds one road class code per line (int16), ``oneway`` one direction per line
    (0 both ways, 1 only in the order of the vertices, −1 only against it).
    """

    xy: np.ndarray
    offsets: np.ndarray
    classes: np.ndarray
    oneway: np.ndarray | None = None

    def __post_init__(self) -> None:
        xy = np.asarray(self.xy, dtype=np.float64).reshape(-1, 2)
        offsets = np.asarray(self.offsets, dtype=np.int64)
        classes = np.asarray(self.classes, dtype=np.int16).ravel()
        if offsets.ndim != 1 or offsets.size < 1 or offsets[0] != 0 or offsets[-1] != len(xy):
            raise InputError("polyline offsets must start at 0 and end at the number of vertices")
        if np.any(np.diff(offsets) < 0):
            raise InputError("polyline offsets must not decrease")
        if classes.size != offsets.size - 1:
            raise InputError(
                f"one road class per line is needed: {offsets.size - 1} lines, "
                f"{classes.size} classes"
            )
        oneway = self.oneway
        if oneway is not None:
            oneway = np.asarray(oneway, dtype=np.int8).ravel()
            if oneway.size != classes.size or not np.isin(oneway, (-1, 0, 1)).all():
                raise InputError("oneway needs one value per line: 0 (both), 1 or −1")
        object.__setattr__(self, "xy", xy)
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "classes", classes)
        object.__setattr__(self, "oneway", oneway)

    @classmethod
    def from_lines(
        cls,
        lines: Sequence[np.ndarray],
        classes: Sequence[int] | np.ndarray | None = None,
        oneway: Sequence[int] | np.ndarray | None = None,
    ) -> Polylines:
        """From a list of (n, 2) vertex arrays; class 1 (paved) for every line by default."""
        arrays = [np.asarray(line, dtype=np.float64).reshape(-1, 2) for line in lines]
        sizes = np.array([len(a) for a in arrays], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(sizes)))
        xy = np.concatenate(arrays) if arrays else np.empty((0, 2))
        if classes is None:
            classes = np.ones(len(arrays), dtype=np.int16)
        return cls(xy, offsets, np.asarray(classes), None if oneway is None else np.asarray(oneway))

    def __len__(self) -> int:
        return int(self.offsets.size - 1)


@dataclass(frozen=True)
class NetworkComponent:
    """One connected piece of the road network."""

    id: int
    nodes: int
    edges: int
    length_m: float


@dataclass
class BuildReport:
    """What building the network did to the input, for the log."""

    lines: int = 0
    segments_in: int = 0
    vertices_merged: int = 0
    zero_length: int = 0
    duplicates: int = 0
    crossings_noded: int = 0

    def messages(self) -> list[str]:
        out = [f"{self.lines:,} road lines cut into {self.segments_in:,} segments."]
        if self.vertices_merged:
            out.append(f"{self.vertices_merged:,} coincident vertices merged into junctions.")
        if self.zero_length:
            out.append(f"{self.zero_length:,} zero-length segments dropped.")
        if self.duplicates:
            out.append(f"{self.duplicates:,} duplicate segments (same two nodes) kept once.")
        if self.crossings_noded:
            out.append(f"{self.crossings_noded:,} crossings without a junction were noded.")
        return out


@dataclass
class RoadNetwork:
    """Nodes (``node_x``, ``node_y``) and undirected edges ``edge_u[k]`` – ``edge_v[k]``.

    ``edge_length_m`` is the straight length of each edge, ``edge_class`` its road class code,
    ``edge_oneway`` its direction (0 both, 1 only u → v, −1 only v → u), ``edge_line`` the
    index of the input line it came from. ``node_component`` numbers the connected pieces,
    0 the one with the most road length.
    """

    node_x: np.ndarray
    node_y: np.ndarray
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_length_m: np.ndarray
    edge_class: np.ndarray
    edge_oneway: np.ndarray
    edge_line: np.ndarray
    node_component: np.ndarray = field(init=False)
    components: tuple[NetworkComponent, ...] = field(init=False)
    report: BuildReport = field(default_factory=BuildReport)

    def __post_init__(self) -> None:
        self.node_component, self.components = _components(self)
        self._snap_index: SnapIndex | None = None

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def from_polylines(
        cls,
        lines: Polylines | Sequence[np.ndarray],
        classes: Sequence[int] | np.ndarray | None = None,
        *,
        tolerance_m: float = DEFAULT_TOLERANCE_M,
        node_crossings: bool = False,
        oneway: Sequence[int] | np.ndarray | None = None,
    ) -> RoadNetwork:
        """Build the network of road lines (a :class:`Polylines` or a list of (n, 2) arrays).

        Vertices within ``tolerance_m`` of each other become one node (numbered in order of
        first appearance, at the coordinates of that first vertex). ``node_crossings`` also
        joins segments that cross without a common vertex (off by default: overpasses).
        """
        if not isinstance(lines, Polylines):
            lines = Polylines.from_lines(lines, classes, oneway)
        elif classes is not None or oneway is not None:
            raise InputError("give classes and oneway inside the Polylines, not beside them")
        if not tolerance_m >= 0 or not math.isfinite(tolerance_m):
            raise InputError(f"The vertex-merging tolerance must be ≥ 0 m, got {tolerance_m}.")
        xy = lines.xy
        if not np.isfinite(xy).all():
            raise InputError("Some road vertices have no valid coordinates (NaN or infinite).")
        report = BuildReport(lines=len(lines))
        # Segment k joins vertex k and k + 1 unless k is the last vertex of its line.
        line_of_vertex = np.repeat(np.arange(len(lines)), np.diff(lines.offsets))
        start = np.arange(max(len(xy) - 1, 0))
        start = start[line_of_vertex[start] == line_of_vertex[start + 1]] if start.size else start
        report.segments_in = int(start.size)
        if start.size == 0:
            raise InputError(
                "The road layer has no line with two or more vertices: there is no road to use."
            )
        node_of_vertex, node_xy = merge_vertices(xy, tolerance_m)
        report.vertices_merged = int(len(xy) - len(node_xy))
        u = node_of_vertex[start]
        v = node_of_vertex[start + 1]
        seg_line = line_of_vertex[start]
        seg_class = lines.classes[seg_line]
        seg_oneway = (
            lines.oneway[seg_line] if lines.oneway is not None else np.zeros(u.size, np.int8)
        )
        if node_crossings:
            node_xy, u, v, seg_line, seg_class, seg_oneway, count = _node_crossings(
                node_xy, u, v, seg_line, seg_class, seg_oneway, tolerance_m
            )
            report.crossings_noded = count
        keep = u != v
        report.zero_length = int(np.count_nonzero(~keep))
        u, v, seg_line, seg_class, seg_oneway = (
            a[keep] for a in (u, v, seg_line, seg_class, seg_oneway)
        )
        u, v, seg_line, seg_class, seg_oneway, dups = _unique_edges(
            u, v, seg_line, seg_class, seg_oneway
        )
        report.duplicates = dups
        # Nodes that no edge uses any more (vertices of dropped segments) are removed.
        used = np.zeros(len(node_xy), dtype=bool)
        used[u] = True
        used[v] = True
        renumber = np.cumsum(used) - 1
        node_xy = node_xy[used]
        u = renumber[u]
        v = renumber[v]
        length = np.hypot(node_xy[v, 0] - node_xy[u, 0], node_xy[v, 1] - node_xy[u, 1])
        return cls(
            node_xy[:, 0].copy(),
            node_xy[:, 1].copy(),
            u.astype(np.int64),
            v.astype(np.int64),
            length,
            seg_class.astype(np.int16),
            seg_oneway.astype(np.int8),
            seg_line.astype(np.int64),
            report=report,
        )

    # -- sizes ------------------------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return int(self.node_x.size)

    @property
    def edge_count(self) -> int:
        return int(self.edge_u.size)

    @property
    def total_length_m(self) -> float:
        return float(self.edge_length_m.sum())

    @property
    def edge_component(self) -> np.ndarray:
        return self.node_component[self.edge_u]

    def describe(self, component: int) -> str:
        """A component in words: "the main network (1,234.5 km of road)" or "a separate piece
        of road (2.1 km, 3 segments)"."""
        c = self.components[component]
        if component == 0:
            return f"the main road network ({format_distance(c.length_m)} of road)"
        segments = "segment" if c.edges == 1 else "segments"
        return f"a separate piece of road ({format_distance(c.length_m)}, {c.edges:,} {segments})"

    # -- speeds -----------------------------------------------------------------------------
    def edge_minutes(
        self, speeds_kmh: Mapping[int | str, float] | None = None, mode: str = "vehicle"
    ) -> np.ndarray:
        """Minutes to drive each edge at the speed of its class (inf where the speed is 0).

        ``speeds_kmh`` maps class codes (1, 2, 3) or names ('paved', 'gravel', 'track') to
        km/h; by default the speeds of ``mode`` in ``core.landcover.ROAD_SPEEDS_KMH``.
        """
        table = road_speed_table(speeds_kmh, mode)
        codes = np.unique(self.edge_class)
        missing = [int(c) for c in codes if int(c) not in table]
        if missing:
            raise InputError(
                f"No speed is given for road class(es) {missing}; the speed table covers "
                f"{sorted(table)}. Add a speed (km/h) for each class of the road layer."
            )
        lookup = np.zeros(int(codes.max()) + 1)
        for code, kmh in table.items():
            if 0 <= code < lookup.size:
                lookup[code] = kmh
        kmh = lookup[self.edge_class]
        minutes = np.full(self.edge_count, np.inf)
        np.divide(self.edge_length_m * 0.06, kmh, out=minutes, where=kmh > 0)
        return minutes

    # -- snapping ---------------------------------------------------------------------------
    def snap(
        self,
        x: Sequence[float] | np.ndarray,
        y: Sequence[float] | np.ndarray,
        names: Sequence[str] | None = None,
        max_snap_m: float | None = 1000.0,
        what: str = "Stop",
    ) -> SnappedPoints:
        """Put points on the nearest point of the nearest edge (see core.network_snap).

        A point farther than ``max_snap_m`` from every road raises an InputError naming it
        (``what`` says what the points are: "Stop", "Depot", "Site", ...).
        """
        if self._snap_index is None:
            self._snap_index = SnapIndex(self)
        return snap_points(self, self._snap_index, x, y, names, max_snap_m, what)

    def project(self, x: np.ndarray, y: np.ndarray, edge: np.ndarray):
        """Nearest point of each ``edge`` to (x, y): fraction along it, coordinates, distance."""
        ax = self.node_x[self.edge_u[edge]]
        ay = self.node_y[self.edge_u[edge]]
        dx = self.node_x[self.edge_v[edge]] - ax
        dy = self.node_y[self.edge_v[edge]] - ay
        den = dx * dx + dy * dy
        t = np.zeros_like(den)
        np.divide((x - ax) * dx + (y - ay) * dy, den, out=t, where=den > 0)
        np.clip(t, 0.0, 1.0, out=t)
        qx = ax + t * dx
        qy = ay + t * dy
        return t, qx, qy, np.hypot(x - qx, y - qy)

    def point_at(self, edge: np.ndarray, fraction: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Coordinates of the points at ``fraction`` along ``edge``."""
        u = self.edge_u[edge]
        v = self.edge_v[edge]
        x = self.node_x[u] + fraction * (self.node_x[v] - self.node_x[u])
        y = self.node_y[u] + fraction * (self.node_y[v] - self.node_y[u])
        return x, y


def road_speed_table(
    speeds_kmh: Mapping[int | str, float] | None = None, mode: str = "vehicle"
) -> dict[int, float]:
    """A class code → km/h table from codes or class names (defaults: the mode's speeds)."""
    if speeds_kmh is None:
        if mode not in ROAD_SPEEDS_KMH:
            raise InputError(
                f"Unknown travel mode '{mode}'; use one of {', '.join(ROAD_SPEEDS_KMH)}."
            )
        speeds_kmh = ROAD_SPEEDS_KMH[mode]
    table: dict[int, float] = {}
    for key, kmh in speeds_kmh.items():
        if isinstance(key, str) and not key.strip().lstrip("-").isdigit():
            name = key.strip().lower()
            if name not in ROAD_CLASSES:
                raise InputError(
                    f"Unknown road class '{key}' in the speed table; "
                    f"use {', '.join(ROAD_CLASSES)} or class codes 1–{len(ROAD_CLASSES)}."
                )
            code = ROAD_CLASSES.index(name) + 1
        else:
            code = int(key)
        value = float(kmh)
        if not (value >= 0 and math.isfinite(value)):
            raise InputError(
                f"The speed of road class {key} must be a number of km/h ≥ 0, got {kmh}."
            )
        table[code] = value
    return table


def merge_vertices(xy: np.ndarray, tolerance_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Node id of every vertex and the node coordinates: vertices within ``tolerance_m``
    (transitively) become one node, numbered in order of first appearance and placed at
    that first vertex."""
    n = len(xy)
    if tolerance_m == 0:
        _, first, label = np.unique(xy, axis=0, return_index=True, return_inverse=True)
        label = label.ravel()
    else:
        pairs = cKDTree(xy).query_pairs(tolerance_m, output_type="ndarray")
        if pairs.size == 0:
            return np.arange(n, dtype=np.int64), xy.copy()
        graph = coo_matrix(
            (np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n)
        )
        _, label = connected_components(graph, directed=False)
        first = np.full(label.max() + 1, n, dtype=np.int64)
        np.minimum.at(first, label, np.arange(n))
    # Renumber the clusters in order of their first vertex.
    rank = np.empty(first.size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[label].astype(np.int64), xy[np.sort(first)]


def _unique_edges(u, v, line, cls, oneway):
    """Keep one edge per node pair; the lowest class code wins; directions are united."""
    # Orient every edge from the lower to the higher node id (oneway flips with it).
    flip = u > v
    a = np.where(flip, v, u)
    b = np.where(flip, u, v)
    ow = np.where(flip, -oneway, oneway)
    key = a * (int(max(a.max(), b.max())) + 1) + b
    order = np.lexsort((np.arange(key.size), cls, key))
    key_sorted = key[order]
    head = np.r_[True, key_sorted[1:] != key_sorted[:-1]]
    group = np.cumsum(head) - 1
    keep = order[head]
    # Directions allowed by any copy: forward if some copy is 0 or 1, backward if 0 or −1.
    fwd = np.zeros(keep.size, dtype=bool)
    bwd = np.zeros(keep.size, dtype=bool)
    np.logical_or.at(fwd, group, ow[order] >= 0)
    np.logical_or.at(bwd, group, ow[order] <= 0)
    merged = np.where(fwd & bwd, 0, np.where(fwd, 1, -1)).astype(np.int8)
    # Back to the orientation of the copy kept (as drawn), edges in input order.
    merged = np.where(flip[keep], -merged, merged)
    dups = int(key.size - keep.size)
    in_order = np.argsort(keep, kind="stable")
    keep = keep[in_order]
    merged = merged[in_order]
    return u[keep], v[keep], line[keep], cls[keep], merged, dups


def _components(net: RoadNetwork) -> tuple[np.ndarray, tuple[NetworkComponent, ...]]:
    n = net.node_x.size
    if n == 0:
        return np.zeros(0, np.int32), ()
    graph = coo_matrix(
        (np.ones(net.edge_u.size, dtype=np.int8), (net.edge_u, net.edge_v)), shape=(n, n)
    )
    count, label = connected_components(graph, directed=False)
    edge_label = label[net.edge_u]
    length = np.bincount(edge_label, weights=net.edge_length_m, minlength=count)
    nodes = np.bincount(label, minlength=count)
    edges = np.bincount(edge_label, minlength=count)
    order = np.lexsort((np.arange(count), -nodes, -length))  # longest first
    rank = np.empty(count, dtype=np.int32)
    rank[order] = np.arange(count, dtype=np.int32)
    comps = tuple(
        NetworkComponent(int(k), int(nodes[c]), int(edges[c]), float(length[c]))
        for k, c in enumerate(order.tolist())
    )
    return rank[label], comps
