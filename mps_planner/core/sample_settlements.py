"""People of the sample county: the county town, township seats, villages and herder camps.

Every person is a point (a household or a dwelling block) in map coordinates, with whole
numbers of people, so any grid — the UTM analysis grid or WorldPop's 3″ grid in degrees —
receives exactly the same people when the points are binned onto it. Herder households
have a winter camp near their village and a summer camp out on the summer pastures; the
town, the township seats and the village centres are the same in both seasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree

from .errors import InputError
from .planar_geometry import distance_to_polyline, points_in_polygon, ring_area

# Names of the sample's places: (English, Chinese).
COUNTY_NAME = ("Tal Nuur Banner", "塔拉淖尔旗")
TOWN_NAMES = ("Chagaan Town", "查干镇", "Chagaan", "查干")
TOWNSHIP_NAMES = (  # district, district (zh), seat, seat (zh)
    ("Bayan Sumu", "巴彦苏木", "Bayan", "巴彦"),
    ("Erdene Sumu", "额尔登苏木", "Erdene", "额尔登"),
    ("Bolag Sumu", "宝力格苏木", "Bolag", "宝力格"),
    ("Ulaan Sumu", "乌兰苏木", "Ulaan", "乌兰"),
    ("Khairkhan Sumu", "海日罕苏木", "Khairkhan", "海日罕"),
    ("Saikhan Sumu", "赛罕苏木", "Saikhan", "赛罕"),
)
RIVER_NAME = ("Bayan Gol", "巴彦郭勒")
LAKE_NAMES = (
    ("Tal Nuur", "塔拉淖尔"),
    ("Khar Nuur", "哈日淖尔"),
    ("Shar Nuur", "沙日淖尔"),
    ("Chagaan Nuur", "查干淖尔"),
)

# Layer name -> geometry type and fields (name, "str" | "int" | "float"), in order.

# (English, Chinese) parts of Mongolian place names, as written in Inner Mongolia.
_NAME_HEADS = (
    ("Altan", "阿拉坦"),
    ("Bayan", "巴彦"),
    ("Chagaan", "查干"),
    ("Ulaan", "乌兰"),
    ("Khukh", "呼和"),
    ("Shar", "沙日"),
    ("Khar", "哈日"),
    ("Munkh", "孟克"),
    ("Saikhan", "赛罕"),
    ("Ikh", "伊和"),
    ("Baga", "巴嘎"),
    ("Buyan", "宝音"),
    ("Sain", "赛音"),
    ("Undur", "温都尔"),
)
_NAME_TAILS = (
    ("Tal", "塔拉"),
    ("Nuur", "淖尔"),
    ("Ovoo", "敖包"),
    ("Bulag", "布拉格"),
    ("Gol", "高勒"),
    ("Khudag", "呼都格"),
    ("Uul", "乌拉"),
    ("Tolgoi", "陶勒盖"),
    ("Shil", "锡勒"),
    ("Khundii", "洪迪"),
)

KIND_TOWN, KIND_TOWNSHIP, KIND_VILLAGE, KIND_HERDER_WINTER, KIND_HERDER_SUMMER = range(5)
SEASONS = ("summer", "winter")


@dataclass
class Settlement:
    settlement_id: str  # "town", "S1".., "V01"..
    kind: str  # "county_town" | "township" | "village"
    name: str
    name_zh: str
    x: float
    y: float
    district: int  # index into the district list
    residents: int = 0
    sigma: float = 100.0  # spread of the dwellings around the centre (m)
    blobs: list[tuple[float, float, float, float]] = field(default_factory=list)

    def density(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Relative dwelling density, 1 at the densest point."""
        blobs = self.blobs or [(self.x, self.y, self.sigma, 1.0)]
        total = np.zeros(np.shape(x))
        for bx, by, s, w in blobs:
            total += w * np.exp(-((x - bx) ** 2 + (y - by) ** 2) / (2 * s * s))
        peak = sum(w for *_, w in blobs)
        return total / peak

    @property
    def reach(self) -> float:
        """Distance from the centre beyond which the density is negligible (m)."""
        blobs = self.blobs or [(self.x, self.y, self.sigma, 1.0)]
        return max(np.hypot(bx - self.x, by - self.y) + 3 * s for bx, by, s, _ in blobs)


def place_names(rng: np.random.Generator, count: int) -> list[tuple[str, str]]:
    """``count`` distinct Mongolian village names (English, Chinese)."""
    pairs = [(h, t) for h in range(len(_NAME_HEADS)) for t in range(len(_NAME_TAILS))]
    order = rng.permutation(len(pairs))[:count]
    names = []
    for i in order:
        (he, hz), (te, tz) = _NAME_HEADS[pairs[i][0]], _NAME_TAILS[pairs[i][1]]
        names.append((f"{he} {te} Gacha", f"{hz}{tz}嘎查"))
    return names


def household_sizes(rng: np.random.Generator, n: int, urban: bool) -> np.ndarray:
    if urban:
        return rng.choice([1, 2, 3, 4, 5], size=n, p=[0.12, 0.3, 0.35, 0.15, 0.08])
    return rng.choice([2, 3, 4, 5, 6], size=n, p=[0.15, 0.3, 0.3, 0.17, 0.08])


def dwellings(
    rng: np.random.Generator, place: Settlement, people: int, allowed, urban: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dwelling points (x, y, people) around a settlement, summing to exactly ``people``.

    ``allowed(x, y)`` says where a dwelling may stand (not in water).
    """
    blobs = place.blobs or [(place.x, place.y, place.sigma, 1.0)]
    weights = np.array([w for *_, w in blobs], dtype=float)
    weights /= weights.sum()
    xs, ys, sizes = [], [], []
    remaining = people
    while remaining > 0:
        n = max(64, int(remaining / 2.5))
        pick = rng.choice(len(blobs), size=n, p=weights)
        centre = np.array([blobs[i][:2] for i in pick])
        sigma = np.array([blobs[i][2] for i in pick])
        pts = centre + rng.standard_normal((n, 2)) * sigma[:, None]
        ok = allowed(pts[:, 0], pts[:, 1]) & (place.density(pts[:, 0], pts[:, 1]) > 0.02)
        pts = pts[ok]
        size = household_sizes(rng, len(pts), urban)
        cum = np.cumsum(size)
        take = int(np.searchsorted(cum, remaining, side="left")) + 1
        take = min(take, len(pts))
        size = size[:take].copy()
        if take and cum[take - 1] > remaining:
            size[-1] -= cum[take - 1] - remaining
        xs.append(pts[:take, 0])
        ys.append(pts[:take, 1])
        sizes.append(size)
        remaining -= int(size.sum())
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(sizes).astype(np.int64)


def place_villages(
    rng: np.random.Generator,
    district_rings: list[np.ndarray],
    county: np.ndarray,
    fixed: list[Settlement],
    suitable,
    km2_per_village: float = 170.0,
) -> list[Settlement]:
    """Villages (gacha centres) spread over each district, apart from each other and the seats."""
    names = iter(place_names(rng, 120))
    villages: list[Settlement] = []
    taken = [(s.x, s.y, 9000.0 if s.kind == "county_town" else 7000.0) for s in fixed]
    for d, ring in enumerate(district_rings):
        area = ring_area(ring) / 1e6
        want = max(2, round(area / km2_per_village))
        xmin, ymin = ring.min(axis=0)
        xmax, ymax = ring.max(axis=0)
        spacing = 8000.0
        got = 0
        for _attempt in range(60):
            cand = np.column_stack([rng.uniform(xmin, xmax, 400), rng.uniform(ymin, ymax, 400)])
            ok = points_in_polygon(cand[:, 0], cand[:, 1], ring)
            ok &= suitable(cand[:, 0], cand[:, 1])
            cand = cand[ok]
            if len(cand):
                cand = cand[distance_to_polyline(cand[:, 0], cand[:, 1], county) > 2500]
            for x, y in cand:
                if got >= want:
                    break
                if all(np.hypot(x - tx, y - ty) >= max(spacing, r) for tx, ty, r in taken):
                    name, name_zh = next(names)
                    village = Settlement(
                        f"V{len(villages) + 1:02d}",
                        "village",
                        name,
                        name_zh,
                        float(x),
                        float(y),
                        d,
                        int(rng.integers(60, 320)),
                        sigma=110.0,
                    )
                    villages.append(village)
                    taken.append((x, y, spacing))
                    got += 1
            if got >= want:
                break
            spacing *= 0.93
    return villages


@dataclass
class Households:
    """Herder households: one winter camp and one summer camp each."""

    winter_x: np.ndarray
    winter_y: np.ndarray
    summer_x: np.ndarray
    summer_y: np.ndarray
    size: np.ndarray  # people per household (int)
    village: np.ndarray  # index into the village list

    def __len__(self) -> int:
        return int(self.size.size)


def place_households(
    rng: np.random.Generator,
    villages: list[Settlement],
    summer_pastures: list[tuple[float, float] | None],
    pasture_ok,
    stay_fraction: float = 0.15,
) -> Households:
    """Herder households around each village; most move to the summer pastures.

    ``summer_pastures[d]`` is the summer pasture centre of district ``d`` (None: the
    herders of that district stay put); ``pasture_ok(x, y)`` says where a camp may stand.
    """
    wx, wy, sx, sy, size, vil = [], [], [], [], [], []
    for v, village in enumerate(villages):
        n = int(rng.integers(60, 200))
        homes = np.empty((0, 2))
        for _ in range(30):
            r = 9000.0 * np.sqrt(rng.uniform(0.02, 1.0, 3 * n))
            a = rng.uniform(0, 2 * np.pi, 3 * n)
            pts = np.column_stack([village.x + r * np.cos(a), village.y + r * np.sin(a)])
            homes = np.vstack([homes, pts[pasture_ok(pts[:, 0], pts[:, 1])]])
            if len(homes) >= n:
                break
        homes = homes[:n]
        n = len(homes)
        summer = homes.copy()
        target = summer_pastures[village.district]
        if target is not None:
            moves = rng.uniform(size=n) >= stay_fraction
            todo = np.nonzero(moves)[0]
            for _ in range(30):
                if todo.size == 0:
                    break
                pull = rng.uniform(0.45, 0.75, todo.size)[:, None]
                cand = homes[todo] + pull * (np.asarray(target) - homes[todo])
                cand += rng.standard_normal((todo.size, 2)) * 4500.0
                ok = pasture_ok(cand[:, 0], cand[:, 1])
                summer[todo[ok]] = cand[ok]
                todo = todo[~ok]
        wx.append(homes[:, 0])
        wy.append(homes[:, 1])
        sx.append(summer[:, 0])
        sy.append(summer[:, 1])
        size.append(household_sizes(rng, n, urban=False))
        vil.append(np.full(n, v))
    return Households(
        np.concatenate(wx),
        np.concatenate(wy),
        np.concatenate(sx),
        np.concatenate(sy),
        np.concatenate(size).astype(np.int64),
        np.concatenate(vil).astype(np.int64),
    )


def settlement_exclusion(places: list[Settlement], margin: float = 300.0):
    """A test ``(x, y) -> bool`` that is True away from every settlement's built-up area."""
    centres = []
    radii = []
    for place in places:
        for bx, by, s, _ in place.blobs or [(place.x, place.y, place.sigma, 1.0)]:
            centres.append((bx, by))
            radii.append(2.5 * s + margin)
    tree = cKDTree(np.array(centres))
    radii_arr = np.append(np.array(radii), 0.0)  # the extra 0 serves "no neighbour"
    k = min(8, len(centres))

    def away(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        pts = np.column_stack([np.ravel(x), np.ravel(y)])
        d, idx = tree.query(pts, k=k, distance_upper_bound=float(radii_arr.max()))
        d = d.reshape(len(pts), k)
        idx = idx.reshape(len(pts), k)
        return np.all(d >= radii_arr[idx], axis=1).reshape(np.shape(x))

    return away


@dataclass(frozen=True)
class PopulationPoints:
    """Every person of the sample as whole people at points (UTM metres).

    A herder household appears twice: at its winter camp (winter people, 0 in summer) and
    at its summer camp (summer people, 0 in winter). ``kind`` is one of the KIND_* codes
    of ``core.sample_settlements``.
    """

    x: np.ndarray
    y: np.ndarray
    summer: np.ndarray  # int64 people
    winter: np.ndarray  # int64 people
    kind: np.ndarray  # uint8

    def people(self, season: str) -> np.ndarray:
        if season not in SEASONS:
            raise InputError(f"Season must be one of {', '.join(SEASONS)}, not '{season}'.")
        return self.summer if season == "summer" else self.winter


def short_name(p: Settlement) -> str:
    return p.name.replace(" Gacha", "")


def short_name_zh(p: Settlement) -> str:
    return p.name_zh.replace("嘎查", "")
