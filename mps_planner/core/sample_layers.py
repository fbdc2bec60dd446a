"""The sample county's vector layers: schemas, facilities, candidate sites, attributes.

Each layer is a ``VectorLayerData`` — plain coordinates and attribute tuples in the order
of ``LAYER_SCHEMAS`` — which ``qgis_io.sample_region_io`` writes to a GeoPackage as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from .planar_geometry import point_along, points_in_polygon, polyline_length, ring_area
from .sample_roads import road_lengths
from .sample_settlements import (
    COUNTY_NAME,
    RIVER_NAME,
    TOWN_NAMES,
    TOWNSHIP_NAMES,
    PopulationPoints,
    short_name,
    short_name_zh,
)

if TYPE_CHECKING:
    from .sample_county import County

LAYER_SCHEMAS = MappingProxyType(
    {
        "county": (
            "Polygon",
            (
                ("name", "str"),
                ("name_zh", "str"),
                ("area_km2", "float"),
                ("pop_summer", "int"),
                ("pop_winter", "int"),
            ),
        ),
        "districts": (
            "Polygon",
            (
                ("district_id", "str"),
                ("name", "str"),
                ("name_zh", "str"),
                ("kind", "str"),
                ("seat", "str"),
                ("area_km2", "float"),
                ("pop_summer", "int"),
                ("pop_winter", "int"),
                ("households", "int"),
            ),
        ),
        "roads": (
            "LineString",
            (
                ("road_id", "int"),
                ("name", "str"),
                ("name_zh", "str"),
                ("road_class", "str"),
                ("from_node", "str"),
                ("to_node", "str"),
                ("length_m", "float"),
            ),
        ),
        "rivers": (
            "LineString",
            (("name", "str"), ("name_zh", "str"), ("barrier", "int"), ("length_m", "float")),
        ),
        "lakes": ("Polygon", (("name", "str"), ("name_zh", "str"), ("area_km2", "float"))),
        "bridges": (
            "Point",
            (
                ("bridge_id", "str"),
                ("name", "str"),
                ("name_zh", "str"),
                ("road_id", "int"),
                ("road_class", "str"),
                ("river", "str"),
            ),
        ),
        "facilities": (
            "Point",
            (
                ("facility_id", "str"),
                ("service", "str"),
                ("name", "str"),
                ("name_zh", "str"),
                ("capacity", "int"),
                ("district", "str"),
                ("settlement", "str"),
            ),
        ),
        "candidates": (
            "Point",
            (
                ("candidate_id", "str"),
                ("kind", "str"),
                ("name", "str"),
                ("name_zh", "str"),
                ("district", "str"),
                ("settlement", "str"),
            ),
        ),
        "settlements": (
            "Point",
            (
                ("settlement_id", "str"),
                ("kind", "str"),
                ("name", "str"),
                ("name_zh", "str"),
                ("district", "str"),
                ("residents", "int"),
                ("households", "int"),
                ("herders", "int"),
            ),
        ),
        "herder_camps": (
            "Point",
            (
                ("household_id", "int"),
                ("season", "str"),
                ("village", "str"),
                ("district", "str"),
                ("people", "int"),
            ),
        ),
    }
)


LAYER_NAMES = tuple(LAYER_SCHEMAS)


@dataclass(frozen=True)
class VectorLayerData:
    """Features of one layer as plain coordinates and attributes.

    A Point geometry is an array (2,), a LineString (n, 2), a Polygon its closed exterior
    ring (n, 2) (the sample has no holes). ``attributes[i]`` holds feature i's values in
    the order of ``fields``.
    """

    name: str
    geometry_type: str
    fields: tuple[tuple[str, str], ...]
    geometries: tuple[np.ndarray, ...]
    attributes: tuple[tuple, ...]

    def __len__(self) -> int:
        return len(self.geometries)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.fields)

    def column(self, name: str) -> list:
        i = self.field_names.index(name)
        return [row[i] for row in self.attributes]

    def records(self) -> list[dict]:
        names = self.field_names
        return [dict(zip(names, row)) for row in self.attributes]

    def points(self) -> np.ndarray:
        """(n, 2) coordinates of a point layer."""
        if self.geometry_type != "Point":
            raise ValueError(f"layer {self.name} holds {self.geometry_type}s, not points")
        return np.array(self.geometries, dtype=float).reshape(-1, 2)


def build_layers(w: County, points: PopulationPoints) -> dict[str, VectorLayerData]:
    """Every layer of ``LAYER_SCHEMAS`` from the finished county and its people."""
    geo = w.geo
    district_names = [(TOWN_NAMES[0], TOWN_NAMES[1])] + [
        (t[0], t[1]) for t in TOWNSHIP_NAMES[: w.townships]
    ]
    # People per district and season, from the points (the districts partition the county).
    in_district = [points_in_polygon(points.x, points.y, ring) for ring in geo.districts]
    h = w.households
    home_district = np.full(len(h), -1)
    summer_district = np.full(len(h), -1)
    for d, ring in enumerate(geo.districts):
        home_district[points_in_polygon(h.winter_x, h.winter_y, ring)] = d
        summer_district[points_in_polygon(h.summer_x, h.summer_y, ring)] = d

    layers: dict[str, list] = {name: [] for name in LAYER_SCHEMAS}
    county_area = ring_area(geo.county) / 1e6
    layers["county"].append(
        (
            geo.county,
            (
                COUNTY_NAME[0],
                COUNTY_NAME[1],
                round(county_area, 3),
                int(points.summer.sum()),
                int(points.winter.sum()),
            ),
        )
    )
    seats = [w.town, *w.seats]
    for d, ring in enumerate(geo.districts):
        layers["districts"].append(
            (
                ring,
                (
                    f"D{d}",
                    district_names[d][0],
                    district_names[d][1],
                    "town" if d == 0 else "sumu",
                    seats[d].settlement_id,
                    round(ring_area(ring) / 1e6, 3),
                    int(points.summer[in_district[d]].sum()),
                    int(points.winter[in_district[d]].sum()),
                    int((home_district == d).sum()),
                ),
            )
        )
    lengths = road_lengths(w.roads)
    for i, road in enumerate(w.roads):
        layers["roads"].append(
            (
                road.line,
                (
                    i + 1,
                    road.name,
                    road.name_zh,
                    road.road_class,
                    road.from_node,
                    road.to_node,
                    round(float(lengths[i]), 1),
                ),
            )
        )
    layers["rivers"].append(
        (w.river, (RIVER_NAME[0], RIVER_NAME[1], 1, round(polyline_length(w.river), 1)))
    )
    for lake in w.lakes:
        ring = lake.shore()
        layers["lakes"].append((ring, (lake.name, lake.name_zh, round(ring_area(ring) / 1e6, 3))))
    for k, bridge in enumerate(w.bridges):
        road = w.roads[bridge.road]
        layers["bridges"].append(
            (
                np.array([bridge.x, bridge.y]),
                (
                    f"B{k + 1:02d}",
                    f"{road.name} bridge",
                    f"{road.name_zh}桥",
                    bridge.road + 1,
                    road.road_class,
                    RIVER_NAME[0],
                ),
            )
        )
    name_of = [n for n, _ in district_names]
    for f in _facilities(w):
        fid, service, name, name_zh, cap, place, dx, dy = f
        layers["facilities"].append(
            (
                np.array([place.x + dx, place.y + dy]),
                (fid, service, name, name_zh, cap, name_of[place.district], place.settlement_id),
            )
        )
    for c in _candidates(w, name_of):
        layers["candidates"].append(c)
    herders_of = np.bincount(h.village, weights=h.size, minlength=len(w.villages))
    households_of = np.bincount(h.village, minlength=len(w.villages))
    for p in w.places:
        vi = w.villages.index(p) if p.kind == "village" else -1
        layers["settlements"].append(
            (
                np.array([p.x, p.y]),
                (
                    p.settlement_id,
                    p.kind,
                    p.name,
                    p.name_zh,
                    name_of[p.district],
                    int(p.residents),
                    int(households_of[vi]) if vi >= 0 else 0,
                    int(herders_of[vi]) if vi >= 0 else 0,
                ),
            )
        )
    vid = [v.settlement_id for v in w.villages]
    for i in range(len(h)):
        for season, x, y, d in (
            ("winter", h.winter_x[i], h.winter_y[i], home_district[i]),
            ("summer", h.summer_x[i], h.summer_y[i], summer_district[i]),
        ):
            layers["herder_camps"].append(
                (
                    np.array([x, y]),
                    (
                        i + 1,
                        season,
                        vid[h.village[i]],
                        name_of[d] if d >= 0 else "",
                        int(h.size[i]),
                    ),
                )
            )
    out = {}
    for name, (gtype, fields) in LAYER_SCHEMAS.items():
        rows = layers[name]
        out[name] = VectorLayerData(
            name, gtype, fields, tuple(g for g, _ in rows), tuple(a for _, a in rows)
        )
    return out


def _facilities(w: County) -> list[tuple]:
    """(id, service, name, name_zh, capacity, settlement, dx, dy); capacity = people served."""
    rng = w.rng["services"]
    town = w.town
    out = [
        ("H1", "hospital", "Banner People's Hospital", "旗人民医院", 160000, town, 350, 250),
        (
            "H2",
            "hospital",
            "Banner Mongolian Medicine Hospital",
            "旗蒙医医院",
            80000,
            town,
            -600,
            420,
        ),
        (
            "C1",
            "clinic",
            "Chagaan Community Health Centre",
            "查干社区卫生服务中心",
            40000,
            town,
            900,
            -480,
        ),
        ("L1", "library", "Banner Library", "旗图书馆", 150000, town, -220, -360),
        ("P1", "police", "Banner Public Security Bureau", "旗公安局", 100000, town, 150, 650),
        ("P2", "police", "Chagaan Police Station", "查干派出所", 50000, town, -1100, -300),
    ]
    seats = sorted(w.seats, key=lambda s: -s.residents)
    for k, seat in enumerate(w.seats):
        out.append(
            (
                f"C{k + 2}",
                "clinic",
                f"{seat.name} Township Health Centre",
                f"{seat.name_zh}苏木卫生院",
                int(rng.integers(6, 13)) * 1000,
                seat,
                120,
                80,
            )
        )
    for k, seat in enumerate(seats[:3]):
        out.append(
            (
                f"P{k + 3}",
                "police",
                f"{seat.name} Police Station",
                f"{seat.name_zh}派出所",
                15000,
                seat,
                -150,
                60,
            )
        )
    for k, seat in enumerate(seats[:2]):
        out.append(
            (
                f"L{k + 2}",
                "library",
                f"{seat.name} Cultural Station Library",
                f"{seat.name_zh}文化站图书室",
                5000,
                seat,
                60,
                -140,
            )
        )
    chosen = rng.permutation(len(w.villages))[: len(w.villages) // 3]
    for k, i in enumerate(sorted(chosen)):
        v = w.villages[i]
        out.append(
            (
                f"G{k + 1:02d}",
                "clinic",
                f"{short_name(v)} Gacha Clinic",
                f"{short_name_zh(v)}嘎查卫生室",
                1500,
                v,
                60,
                -40,
            )
        )
    return out


def _candidates(w: County, name_of: list[str]) -> list[tuple]:
    out = []

    def add(xy, kind, name, name_zh, district, settlement):
        cid = f"C{len(out) + 1:03d}"
        out.append(
            (np.asarray(xy, dtype=float), (cid, kind, name, name_zh, name_of[district], settlement))
        )

    for s in w.seats:
        add((s.x, s.y), "township", s.name, s.name_zh, s.district, s.settlement_id)
    for v in w.villages:
        add((v.x, v.y), "village", v.name, v.name_zh, v.district, v.settlement_id)
    for r in w.roads:
        length = polyline_length(r.line)
        if r.road_class == "gravel" and length > 14000:
            p = point_along(r.line, length / 2)
            d = _district_of(w, p)
            if d >= 0:
                add(
                    p,
                    "roadside",
                    f"{r.name}, km {length / 2000:.0f}",
                    f"{r.name_zh} {length / 2000:.0f}公里处",
                    d,
                    "",
                )
    for node, x, y, _district in w.pasture_ends:
        add(
            (x, y),
            "pasture",
            f"Summer pasture {node}",
            f"夏季草场{node}",
            _district_of(w, (x, y)),
            "",
        )
    return out


def _district_of(w: County, p) -> int:
    for d, ring in enumerate(w.geo.districts):
        if points_in_polygon([p[0]], [p[1]], ring)[0]:
            return d
    return -1
