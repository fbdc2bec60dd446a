"""The road network of the sample county, and the bridges where it crosses the river.

Paved roads join the county town to every township seat (two of them continue out of the
county as a provincial road), gravel roads join each township's villages to its seat
(a minimum spanning tree that avoids the river and the lakes where it can), and tracks link
neighbouring villages and lead out to the summer pastures. Tracks never cross the river;
every paved or gravel road that does has a bridge there. The network is noded: two road
lines meet only at their end points, which carry node ids, so it is a graph as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse.csgraph import minimum_spanning_tree

from .planar_geometry import (
    densify,
    insert_vertex,
    points_in_polygon,
    polyline_length,
    segment_intersections,
    split_polyline,
)
from .sample_landscape import FRAME, TOWN_XY
from .sample_settlements import short_name, short_name_zh

if TYPE_CHECKING:
    from .sample_county import County


@dataclass
class Road:
    line: np.ndarray  # (n, 2) vertices
    road_class: str  # "paved" | "gravel" | "track"
    name: str
    name_zh: str
    from_node: str
    to_node: str


@dataclass
class Bridge:
    x: float
    y: float
    road: int  # index into the road list


def crosses(line: np.ndarray, other: np.ndarray) -> int:
    """How many times ``line`` crosses ``other`` (distinct points)."""
    points = [p for p, *_ in segment_intersections(line, other)]
    distinct: list[np.ndarray] = []
    for p in points:
        if all(np.hypot(*(p - q)) > 1.0 for q in distinct):
            distinct.append(p)
    return len(distinct)


def enters(line: np.ndarray, inside, step: float = 100.0) -> bool:
    """True if the line passes through a region given by ``inside(x, y) -> bool``."""
    pts = densify(line, step)
    return bool(np.any(inside(pts[:, 0], pts[:, 1])))


def wiggle(rng: np.random.Generator, a, b, relative: float, limit: float) -> np.ndarray:
    """A gently curving road from a to b (end points exact)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    length = float(np.hypot(*(b - a)))
    n = max(2, int(np.ceil(length / 600.0)))
    t = np.linspace(0, 1, n + 1)
    amp = min(relative * length, limit)
    p1, p2 = rng.uniform(0, 2 * np.pi, 2)
    off = (
        amp
        * np.sin(np.pi * t)
        * (
            0.7 * np.sin(np.pi * t * rng.uniform(0.8, 1.6) + p1)
            + 0.3 * np.sin(np.pi * t * rng.uniform(3.0, 5.0) + p2)
        )
    )
    d = (b - a) / length if length > 0 else np.array([1.0, 0.0])
    normal = np.array([-d[1], d[0]])
    line = a + t[:, None] * (b - a) + off[:, None] * normal
    line[0], line[-1] = a, b
    return line


def spanning_edges(xy: np.ndarray, penalty) -> list[tuple[int, int]]:
    """Edges of a minimum spanning tree with weights length + penalty(a, b)."""
    n = len(xy)
    if n < 2:
        return []
    w = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            w[i, j] = np.hypot(*(xy[i] - xy[j])) + penalty(xy[i], xy[j])
    tree = minimum_spanning_tree(w).tocoo()
    return sorted(zip(tree.row.tolist(), tree.col.tolist()))


def node_network(roads: list[Road], tolerance: float = 1.0) -> list[Road]:
    """Split roads where they cross, so that lines meet only at shared end points.

    A new junction node ``J<n>`` is made at each crossing that is not already a node.
    """
    cuts: dict[int, list[tuple[int, float, np.ndarray, str]]] = {i: [] for i in range(len(roads))}
    junctions: list[np.ndarray] = []
    ends = {i: (r.line[0], r.line[-1]) for i, r in enumerate(roads)}

    def near_end(i, p):
        return any(np.hypot(*(p - e)) <= tolerance for e in ends[i])

    for i in range(len(roads)):
        for j in range(i + 1, len(roads)):
            seen: list[np.ndarray] = []
            for p, sa, ta, sb, tb in segment_intersections(roads[i].line, roads[j].line):
                if near_end(i, p) and near_end(j, p):
                    continue  # they meet at a shared node already
                if any(np.hypot(*(p - q)) <= tolerance for q in seen):
                    continue
                seen.append(p)
                if near_end(i, p):  # an end of road i lies on road j: use i's node there
                    name = _node_at(roads[i], p, tolerance)
                elif near_end(j, p):
                    name = _node_at(roads[j], p, tolerance)
                else:
                    junctions.append(p)
                    name = f"J{len(junctions)}"
                if not near_end(i, p):
                    cuts[i].append((sa, ta, p, name))
                if not near_end(j, p):
                    cuts[j].append((sb, tb, p, name))
    out: list[Road] = []
    for i, road in enumerate(roads):
        if not cuts[i]:
            out.append(road)
            continue
        order = sorted(cuts[i], key=lambda c: (c[0], c[1]))
        pieces = split_polyline(road.line, [(s, t, p) for s, t, p, _ in order])
        nodes = [road.from_node] + [c[3] for c in order] + [road.to_node]
        if len(pieces) != len(nodes) - 1:  # a cut fell on a vertex twice; keep it whole
            out.append(road)
            continue
        for k, piece in enumerate(pieces):
            out.append(
                Road(piece, road.road_class, road.name, road.name_zh, nodes[k], nodes[k + 1])
            )
    return out


def _node_at(road: Road, p: np.ndarray, tolerance: float) -> str:
    return road.from_node if np.hypot(*(p - road.line[0])) <= tolerance else road.to_node


def place_bridges(roads: list[Road], river: np.ndarray) -> tuple[list[Road], np.ndarray, list]:
    """Bridges where roads cross the river; the crossing becomes a vertex of both lines."""
    bridges = []
    river_cuts = []
    new_roads = []
    for i, road in enumerate(roads):
        line = road.line
        hits = []
        for p, sa, ta, sb, tb in segment_intersections(line, river):
            if all(np.hypot(*(p - q[0])) > 1.0 for q in hits):
                hits.append((p, sa, ta, sb, tb))
        for p, sa, _ta, sb, tb in sorted(hits, key=lambda h: (h[1], h[2]), reverse=True):
            line = insert_vertex(line, sa, p)
            river_cuts.append((sb, tb, p))
            bridges.append(Bridge(float(p[0]), float(p[1]), i))
        new_roads.append(
            Road(line, road.road_class, road.name, road.name_zh, road.from_node, road.to_node)
        )
    for sb, _tb, p in sorted(river_cuts, key=lambda c: (c[0], c[1]), reverse=True):
        river = insert_vertex(river, sb, p)
    return new_roads, river, bridges


def road_lengths(roads: list[Road]) -> np.ndarray:
    return np.array([polyline_length(r.line) for r in roads])


def build_roads(w: County) -> None:
    """Lay out the whole network on ``w`` (roads, bridges, nodes, pasture track ends)."""
    from .sample_county import distance_to_border, lake_test, summer_pastures, through_seats

    rng = w.rng["roads"]
    tx, ty = TOWN_XY
    river = w.river
    in_lake = lake_test(w)
    nodes = {p.settlement_id: (p.x, p.y) for p in w.places}
    roads: list[Road] = []

    def add(a, b, road_class, name, name_zh, relative, limit, allow_river=True):
        pa, pb = np.array(nodes[a]), np.array(nodes[b])
        straight = np.vstack([pa, pb])
        line = wiggle(rng, pa, pb, relative, limit)
        if crosses(line, river) > crosses(straight, river) or enters(line, in_lake):
            line = densify(straight, 600.0)
        if not allow_river and crosses(line, river):
            return False
        if enters(line, in_lake):
            return False
        roads.append(Road(line, road_class, name, name_zh, a, b))
        return True

    # Paved: the town to every seat; the through road continues to the frame edge.
    west, east = through_seats(w)
    k = 0
    for i, seat in enumerate(w.seats):
        if i in (west, east):
            name, name_zh = "S105", "省道S105"
        else:
            k += 1
            name, name_zh = f"X50{k}", f"县道X50{k}"
        add("town", seat.settlement_id, "paved", name, name_zh, 0.015, 600.0)
    for n, i in enumerate((west, east)):
        seat = w.seats[i]
        theta = np.arctan2(seat.y - ty, seat.x - tx)
        end = _frame_exit(seat.x, seat.y, theta, inset=50.0)
        nodes[f"E{n + 1}"] = end
        add(seat.settlement_id, f"E{n + 1}", "paved", "S105", "省道S105", 0.015, 600.0)

    # Gravel: a spanning tree over each district's villages and its seat.
    def penalty(a, b):
        seg = np.vstack([a, b])
        return 20000.0 * crosses(seg, river) + (1e7 if enters(seg, in_lake) else 0.0)

    centres = [w.town, *w.seats]
    for d, centre in enumerate(centres):
        members = [centre] + [v for v in w.villages if v.district == d]
        xy = np.array([(p.x, p.y) for p in members])
        for i, j in spanning_edges(xy, penalty):
            a, b = members[i], members[j]
            add(
                a.settlement_id,
                b.settlement_id,
                "gravel",
                f"{short_name(a)}–{short_name(b)} road",
                f"{short_name_zh(a)}—{short_name_zh(b)}砂石路",
                0.04,
                1200.0,
            )

    # Tracks: links to the nearest village of a neighbouring district...
    vxy = np.array([(v.x, v.y) for v in w.villages])
    linked = {(r.from_node, r.to_node) for r in roads} | {(r.to_node, r.from_node) for r in roads}
    for v in w.villages:
        d = np.hypot(vxy[:, 0] - v.x, vxy[:, 1] - v.y)
        other = [j for j in np.argsort(d) if w.villages[j].district != v.district]
        if not other or d[other[0]] > 22000:
            continue
        u = w.villages[other[0]]
        if (v.settlement_id, u.settlement_id) in linked:
            continue
        if add(
            v.settlement_id,
            u.settlement_id,
            "track",
            f"{short_name(v)}–{short_name(u)} track",
            f"{short_name_zh(v)}—{short_name_zh(u)}牧道",
            0.06,
            1000.0,
            allow_river=False,
        ):
            linked |= {(v.settlement_id, u.settlement_id), (u.settlement_id, v.settlement_id)}
    # ... and out to the summer pastures.
    w.summer_pastures = summer_pastures(w)
    for v in w.villages:
        target = w.summer_pastures[v.district]
        if target is None:
            continue
        theta = np.arctan2(target[1] - v.y, target[0] - v.x) + rng.uniform(-0.5, 0.5)
        length = rng.uniform(6000, 14000)
        for _ in range(4):
            ex, ey = v.x + length * np.cos(theta), v.y + length * np.sin(theta)
            inside = points_in_polygon([ex], [ey], w.geo.county)[0]
            if inside and distance_to_border(w, [ex], [ey])[0] > 1000:
                break
            length *= 0.7
        else:
            continue
        node = f"P{len(w.pasture_ends) + 1:02d}"
        nodes[node] = (float(ex), float(ey))
        if add(
            v.settlement_id,
            node,
            "track",
            f"{short_name(v)} pasture track",
            f"{short_name_zh(v)}草场牧道",
            0.06,
            800.0,
            allow_river=False,
        ):
            w.pasture_ends.append((node, float(ex), float(ey), v.district))
        else:
            del nodes[node]

    roads = node_network(roads)
    roads, w.river, w.bridges = place_bridges(roads, river)
    w.roads = roads
    w.nodes = nodes


def _frame_exit(x, y, theta, inset):
    xmin, ymin, xmax, ymax = FRAME
    ux, uy = np.cos(theta), np.sin(theta)
    ts = []
    if ux > 1e-9:
        ts.append((xmax - inset - x) / ux)
    if ux < -1e-9:
        ts.append((xmin + inset - x) / ux)
    if uy > 1e-9:
        ts.append((ymax - inset - y) / uy)
    if uy < -1e-9:
        ts.append((ymin + inset - y) / uy)
    t = min(ts)
    return (float(x + t * ux), float(y + t * uy))
