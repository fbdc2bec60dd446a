"""The sample county as it is being built: its places, river, lakes, fields and people.

``County`` holds the working state of one generation run; the functions below add to it
in order (districts, river and lakes, noise fields, villages, roads — in
``core.sample_roads`` —, households), then sample it onto a grid. Everything lives in
continuous UTM coordinates, so the grid only samples the county. Driven by
``core.sample_region.generate_sample_region``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree

from .errors import InputError
from .grid import AnalysisGrid
from .planar_geometry import densify, points_in_polygon
from .sample_landscape import (
    CODE,
    FRAME,
    RIVER_HALF_WIDTH,
    TOWN_XY,
    DistrictGeometry,
    Lake,
    NoiseField,
    RiverDistance,
    build_districts,
    catmull_rom,
    frame_lattice,
    make_lake,
    meander,
)
from .sample_roads import Bridge, Road
from .sample_settlements import (
    KIND_HERDER_SUMMER,
    KIND_HERDER_WINTER,
    KIND_TOWN,
    KIND_TOWNSHIP,
    KIND_VILLAGE,
    LAKE_NAMES,
    TOWN_NAMES,
    TOWNSHIP_NAMES,
    Households,
    PopulationPoints,
    Settlement,
    dwellings,
    place_households,
    place_villages,
    settlement_exclusion,
)

TOTAL_PEOPLE = 150_000


@dataclass
class County:
    """Working state of one generation run (random streams by topic, then what is built)."""

    rng: dict[str, np.random.Generator]
    townships: int
    geo: DistrictGeometry | None = None
    town: Settlement | None = None
    seats: list[Settlement] = field(default_factory=list)
    villages: list[Settlement] = field(default_factory=list)
    seat_angles: np.ndarray | None = None
    river: np.ndarray | None = None
    river_distance: RiverDistance | None = None
    lakes: list[Lake] = field(default_factory=list)
    fields: dict[str, NoiseField] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    roads: list[Road] = field(default_factory=list)
    bridges: list[Bridge] = field(default_factory=list)
    nodes: dict[str, tuple[float, float]] = field(default_factory=dict)
    pasture_ends: list[tuple[str, float, float, int]] = field(default_factory=list)
    summer_pastures: list = field(default_factory=list)
    households: Households | None = None
    county_tree: cKDTree | None = None

    @property
    def places(self) -> list[Settlement]:
        return [self.town, *self.seats, *self.villages]


def lay_out_districts(w: County) -> None:
    """County outline, districts, township seats on their sectors, the town's quarters."""
    w.geo = build_districts(w.rng["shape"], w.townships)
    rng = w.rng["places"]
    tx, ty = TOWN_XY
    rays = w.geo.ray_angles
    nxt = np.append(rays[1:], rays[0] + 2 * np.pi)
    w.seat_angles = (rays + nxt) / 2 + rng.uniform(-0.12, 0.12, rays.size)
    for i, theta in enumerate(w.seat_angles):
        r_in = float(w.geo.inner_radius(theta)[0])
        r_out = float(w.geo.outer_radius(theta)[0])
        r = r_in + rng.uniform(0.32, 0.48) * (r_out - r_in)
        seat, seat_zh = TOWNSHIP_NAMES[i][2:]
        w.seats.append(
            Settlement(
                f"S{i + 1}",
                "township",
                seat,
                seat_zh,
                tx + r * np.cos(theta),
                ty + r * np.sin(theta),
                i + 1,
                int(rng.integers(2800, 6000)),
                sigma=380.0,
            )
        )
    # The town: a dense centre and quarters along the through road and to the north.
    west, east = through_seats(w)
    blobs = [(tx, ty, 950.0, 1.0)]
    for seat in (w.seats[west], w.seats[east]):
        theta = np.arctan2(seat.y - ty, seat.x - tx)
        d = rng.uniform(1600, 2300)
        blobs.append((tx + d * np.cos(theta), ty + d * np.sin(theta), 700.0, 0.45))
    theta = np.pi / 2 + rng.uniform(-0.6, 0.6)
    blobs.append((tx + 1500 * np.cos(theta), ty + 1500 * np.sin(theta), 650.0, 0.35))
    w.town = Settlement(
        "town", "county_town", TOWN_NAMES[2], TOWN_NAMES[3], tx, ty, 0, 0, sigma=950.0, blobs=blobs
    )


def through_seats(w: County) -> tuple[int, int]:
    """The seats west and east of the town, joined by the provincial road through it."""
    ang = np.asarray(w.seat_angles) % (2 * np.pi)
    west = int(np.argmin(np.abs(ang - np.pi)))
    east = int(np.argmin(np.minimum(ang, 2 * np.pi - ang)))
    return west, east


def _ray_distance(px, py, theta, length) -> np.ndarray:
    """Distance from points to the segment from the town along angle theta."""
    tx, ty = TOWN_XY
    ux, uy = np.cos(theta), np.sin(theta)
    s = np.clip((px - tx) * ux + (py - ty) * uy, 0, length)
    return np.hypot(px - (tx + s * ux), py - (ty + s * uy))


def add_river_and_lakes(w: County) -> None:
    """The river from the west edge past the town to a terminal lake; three small lakes."""
    rng = w.rng["river"]
    tx, ty = TOWN_XY
    geo = w.geo
    # The terminal lake: east of the town, well away from every paved road's line.
    cands = np.linspace(-1.0, 0.4, 57)
    gaps = np.array(
        [np.min(np.abs((c - w.seat_angles + np.pi) % (2 * np.pi) - np.pi)) for c in cands]
    )
    lake_theta = float(cands[np.argmax(gaps + rng.uniform(0, 0.05, cands.size))])
    lake_r = 0.55 * float(geo.outer_radius(lake_theta)[0])
    lx, ly = tx + lake_r * np.cos(lake_theta), ty + lake_r * np.sin(lake_theta)
    xmin = FRAME[0]
    p3 = np.array([tx + 2000.0, ty - 3700.0])
    lake = np.array([lx, ly])
    mid = (p3 + lake) / 2
    d = lake - p3
    perp = np.array([-d[1], d[0]]) / np.hypot(*d)
    control = np.array(
        [
            [xmin, ty - 9000.0 + rng.uniform(-5000, 5000)],
            [tx - 40000.0, ty - 2000.0 + rng.uniform(-6000, 6000)],
            [tx - 9000.0, ty - 4200.0],
            p3,
            mid + perp * rng.uniform(-3000, 3000),
            lake,
        ]
    )
    base = catmull_rom(control, 100.0)

    def taper(s, line):
        near_town = np.hypot(line[:, 0] - tx, line[:, 1] - ty) < 7000
        end = np.clip((s[-1] - s) / 2500.0, 0, 1)
        start = np.clip(s / 1000.0, 0, 1)
        return np.where(near_town, 0.5, 1.0) * end * start

    river = meander(base, rng, (200.0, 380.0, 550.0), (2100.0, 4700.0, 9300.0), taper)
    river[0, 0] = xmin  # starts on the frame's west edge
    w.river = river
    w.river_distance = RiverDistance(river)

    lrng = w.rng["lakes"]
    w.lakes = [make_lake(lrng, lx, ly, 3600.0, 2100.0, *LAKE_NAMES[0])]
    county = geo.county
    for name in LAKE_NAMES[1:]:
        for _ in range(400):
            x = lrng.uniform(county[:, 0].min(), county[:, 0].max())
            y = lrng.uniform(county[:, 1].min(), county[:, 1].max())
            if not points_in_polygon([x], [y], county)[0]:
                continue
            if np.hypot(x - tx, y - ty) < 8000:
                continue
            if any(np.hypot(x - s.x, y - s.y) < 5000 for s in w.seats):
                continue
            if any(_ray_distance(x, y, a, 1e6) < 3500 for a in w.seat_angles):
                continue
            if w.river_distance([x], [y])[0] < 3500:
                continue
            if any(np.hypot(x - k.x, y - k.y) < 12000 for k in w.lakes):
                continue
            if distance_to_border(w, [x], [y])[0] < 4000:
                continue
            a = lrng.uniform(700, 1600)
            w.lakes.append(make_lake(lrng, x, y, a, a * lrng.uniform(0.5, 0.85), *name))
            break
    # Seats keep away from the river and the lakes (they move along their own ray).
    for seat, theta in zip(w.seats, w.seat_angles):
        for _ in range(40):
            if w.river_distance([seat.x], [seat.y])[0] > 1500 and all(
                k.rho(seat.x, seat.y) > 2.0 for k in w.lakes
            ):
                break
            r = np.hypot(seat.x - tx, seat.y - ty) + 800.0
            seat.x, seat.y = tx + r * np.cos(theta), ty + r * np.sin(theta)


def distance_to_border(w: County, x, y, upper: float = np.inf) -> np.ndarray:
    """Distance to the county outline (m, within 25 m); ``inf`` beyond ``upper``."""
    if w.county_tree is None:
        w.county_tree = cKDTree(densify(w.geo.county, 50.0))
    pts = np.column_stack([np.ravel(x), np.ravel(y)])
    d, _ = w.county_tree.query(pts, distance_upper_bound=upper)
    return d


def add_noise_fields(w: County) -> None:
    """Smooth fields for sand, wetland and farmland, with thresholds from a fixed lattice."""
    rng = w.rng["noise"]
    w.fields = {
        "sand": NoiseField(rng, 6000.0),
        "sand_fine": NoiseField(rng, 1500.0),
        "wet": NoiseField(rng, 1200.0),
        "farm": NoiseField(rng, 2500.0),
        "wet_patch": NoiseField(rng, 800.0),
    }
    lx, ly = frame_lattice(1000.0)
    w.thresholds = {
        "sand": float(np.quantile(_sand_score(w, lx, ly), 0.89)),
        "farm": float(np.quantile(_farm_score(w, lx, ly, w.river_distance(lx, ly)), 0.965)),
        "wet_patch": float(np.quantile(w.fields["wet_patch"](lx, ly), 0.995)),
    }


def _sand_score(w: County, x, y):
    xmin, ymin, xmax, ymax = FRAME
    trend = -0.8 * (y - (ymin + ymax) / 2) / 40000.0 - 0.5 * (x - (xmin + xmax) / 2) / 75000.0
    return w.fields["sand"](x, y) + 0.45 * w.fields["sand_fine"](x, y) + trend


def _farm_score(w: County, x, y, river_d):
    tx, ty = TOWN_XY
    town = np.exp(-(((x - tx) ** 2 + (y - ty) ** 2) / 12000.0**2))
    river = np.clip(1 - river_d / 6000.0, 0, 1) ** 2  # inf (far away) -> 0
    return w.fields["farm"](x, y) + 2.2 * town + 0.9 * river


def natural_cover(w: County, x: np.ndarray, y: np.ndarray, river_half_width: float) -> np.ndarray:
    """Land-cover codes without settlements at points (vectorised)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    river_d = w.river_distance(x, y)
    code = np.full(x.shape, CODE["grassland"], dtype=np.uint8)
    code[_sand_score(w, x, y) > w.thresholds["sand"]] = CODE["sand"]
    code[_farm_score(w, x, y, river_d) > w.thresholds["farm"]] = CODE["farmland"]
    wet_width = 200.0 + 700.0 / (1 + np.exp(-1.5 * w.fields["wet"](x, y)))
    wet = (river_d <= wet_width) | (w.fields["wet_patch"](x, y) > w.thresholds["wet_patch"])
    water = river_d <= river_half_width
    for lake in w.lakes:
        near = near_lake(lake, x, y, 1.8)
        if not near.any():
            continue
        rho = lake.rho(x[near], y[near])
        wet_ring = rho <= 1.3 + 0.2 * w.fields["wet"](x[near], y[near])
        wet[near] |= wet_ring
        water[near] |= rho <= 1.0
    code[wet] = CODE["wetland"]
    code[water] = CODE["water"]
    return code


def near_lake(lake, x, y, factor: float) -> np.ndarray:
    """Points within a box round the lake (to test only those against its shore)."""
    reach = factor * max(lake.a, lake.b) * 1.2
    return (np.abs(x - lake.x) < reach) & (np.abs(y - lake.y) < reach)


def add_villages(w: County) -> None:
    """Villages on dry grass or fields, away from the river, the lakes and each other."""
    county = w.geo.county

    def suitable(x, y):
        ok = np.isin(
            natural_cover(w, x, y, RIVER_HALF_WIDTH), (CODE["grassland"], CODE["farmland"])
        )
        ok &= w.river_distance(x, y) > 1000
        for lake in w.lakes:
            near = near_lake(lake, x, y, 2.5)
            ok[near] &= lake.rho(x[near], y[near]) > 1.8
        return ok

    w.villages = place_villages(
        w.rng["places"], w.geo.districts, county, [w.town, *w.seats], suitable
    )


def lake_test(w: County):
    """A test ``(x, y) -> bool``: in a lake (with a small margin round its shore)."""

    def inside(x, y):
        out = np.zeros(np.shape(x), dtype=bool)
        for lake in w.lakes:
            near = near_lake(lake, x, y, 1.2)
            out[near] |= lake.rho(x[near], y[near]) <= 1.05
        return out

    return inside


def summer_pastures(w: County) -> list:
    """Summer pasture centre of each district (None for the town district: no move)."""
    tx, ty = TOWN_XY
    out: list = [None]
    for theta in w.seat_angles:
        r_in = float(w.geo.inner_radius(theta)[0])
        r_out = float(w.geo.outer_radius(theta)[0])
        r = r_in + 0.78 * (r_out - r_in)
        out.append((tx + r * np.cos(theta), ty + r * np.sin(theta)))
    return out


def add_households(w: County) -> None:
    """Herder households round the villages, with winter and summer camps."""
    away = settlement_exclusion(w.places)
    county = w.geo.county

    def pasture_ok(x, y):
        """Inside the county, on grass or fields, off the river banks, out of settlements."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        ok = points_in_polygon(x, y, county)
        for test in (
            lambda px, py: distance_to_border(w, px, py, upper=600.0) > 500,
            lambda px, py: w.river_distance(px, py) > 150,
            lambda px, py: np.isin(
                natural_cover(w, px, py, RIVER_HALF_WIDTH), (CODE["grassland"], CODE["farmland"])
            ),
            away,
        ):
            idx = np.nonzero(ok)[0]
            ok[idx] = test(x[idx], y[idx])
        return ok

    w.households = place_households(w.rng["people"], w.villages, w.summer_pastures, pasture_ok)


def population_points(w: County) -> PopulationPoints:
    """Every person as a point; the town takes whoever is left of ``TOTAL_PEOPLE``."""
    rng = w.rng["people"]

    def not_water(x, y):
        dry = w.river_distance(x, y) > RIVER_HALF_WIDTH
        for lake in w.lakes:
            near = near_lake(lake, x, y, 1.2)
            dry[near] &= lake.rho(x[near], y[near]) > 1.0
        return dry

    parts = []
    others = sum(s.residents for s in w.seats) + sum(v.residents for v in w.villages)
    others += int(w.households.size.sum())
    w.town.residents = TOTAL_PEOPLE - others
    if w.town.residents < TOTAL_PEOPLE // 3:
        raise InputError("The sample's town came out too small; try another seed.")
    for place, kind, urban in (
        [(w.town, KIND_TOWN, True)]
        + [(s, KIND_TOWNSHIP, True) for s in w.seats]
        + [(v, KIND_VILLAGE, False) for v in w.villages]
    ):
        x, y, n = dwellings(rng, place, place.residents, not_water, urban)
        parts.append((x, y, n, n, np.full(n.size, kind, np.uint8)))
    h = w.households
    zero = np.zeros_like(h.size)
    parts.append(
        (h.winter_x, h.winter_y, zero, h.size, np.full(len(h), KIND_HERDER_WINTER, np.uint8))
    )
    parts.append(
        (h.summer_x, h.summer_y, h.size, zero, np.full(len(h), KIND_HERDER_SUMMER, np.uint8))
    )
    cols = list(zip(*parts))
    return PopulationPoints(
        x=np.concatenate(cols[0]),
        y=np.concatenate(cols[1]),
        summer=np.concatenate(cols[2]).astype(np.int64),
        winter=np.concatenate(cols[3]).astype(np.int64),
        kind=np.concatenate(cols[4]),
    )


def landcover_raster(w: County, grid: AnalysisGrid) -> np.ndarray:
    """Land-cover codes at the cell centres of ``grid``, settlements built-up."""
    rows, cols = grid.shape
    xc = grid.centre_of(np.zeros(cols), np.arange(cols))[0]
    yc = grid.centre_of(np.arange(rows), np.zeros(rows))[1]
    gx, gy = np.meshgrid(xc, yc)
    # Thick enough that the river is 4-connected: no diagonal step slips through it.
    half_width = max(RIVER_HALF_WIDTH, 0.75 * grid.cell_size + 2.0)
    code = natural_cover(w, gx, gy, half_width)
    built = np.zeros(grid.shape, dtype=bool)
    for place in w.places:
        reach = place.reach
        top, right = grid.cell_of(place.x + reach, place.y + reach)
        bottom, left = grid.cell_of(place.x - reach, place.y - reach)
        r0, r1 = max(int(top), 0), min(int(bottom) + 1, rows)
        c0, c1 = max(int(left), 0), min(int(right) + 1, cols)
        if r0 >= r1 or c0 >= c1:
            continue
        window = (slice(r0, r1), slice(c0, c1))
        built[window] |= place.density(gx[window], gy[window]) > 0.2
    code[built & (code != CODE["water"])] = CODE["built-up"]
    return code
