"""The natural landscape of the built-in sample county: outline, districts, river, lakes, cover.

Everything is defined in continuous map coordinates (UTM zone 49N metres), never on the
analysis grid, so the same seed gives the same county at any cell size; the grid only
samples it. Part of ``core.sample_region``; see there for the whole picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy import ndimage
from scipy.spatial import cKDTree

from .landcover import LANDCOVER_CLASSES
from .planar_geometry import densify, segment_intersections

CODE = {name: code for code, name in LANDCOVER_CLASSES.items()}

# The sample's frame: 150 km × 100 km, top-left corner near 110.4°E, 43.96°N.
FRAME = (450000.0, 4770000.0, 600000.0, 4870000.0)  # xmin, ymin, xmax, ymax
TOWN_XY = (521500.0, 4822500.0)  # about 111.27°E, 43.55°N
_ELLIPSE_CENTRE = (525000.0, 4820000.0)
_ELLIPSE_AXES = (72000.0, 47500.0)
_TOWN_DISTRICT_RADIUS = 13000.0
RIVER_HALF_WIDTH = 40.0  # metres: the river is about 80 m wide with its banks


def _harmonics(rng: np.random.Generator, kmin: int, kmax: int, power: float):
    k = np.arange(kmin, kmax + 1)
    amp = rng.uniform(0.5, 1.0, k.size) * k.astype(float) ** -power
    phase = rng.uniform(0, 2 * np.pi, k.size)
    return k, amp, phase


def _harmonic_value(theta: np.ndarray, k, amp, phase) -> np.ndarray:
    theta = np.asarray(theta, dtype=float)
    return np.sum(amp[:, None] * np.cos(k[:, None] * theta[None, :] + phase[:, None]), axis=0)


def _unit(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    lo, hi = reference.min(), reference.max()
    return (values - lo) / (hi - lo)


@dataclass
class DistrictGeometry:
    """The county outline and its partition into a town district and township sectors."""

    county: np.ndarray  # closed ring, counter-clockwise
    districts: list[np.ndarray]  # closed rings; [0] is the town district
    ray_angles: np.ndarray  # angles (radians, around the town) of the sector borders
    outer_radius: Callable[
        [np.ndarray], np.ndarray
    ]  # theta -> distance from the town to the county border
    inner_radius: Callable[
        [np.ndarray], np.ndarray
    ]  # theta -> distance from the town to the town-district border


def build_districts(rng: np.random.Generator, n_townships: int) -> DistrictGeometry:
    """A star-shaped county around the town, a town district and ``n_townships`` sectors.

    The sectors share their borders vertex for vertex with each other, the town district
    and the county outline, so together they cover the county exactly, without overlap.
    """
    tx, ty = TOWN_XY
    cx, cy = _ELLIPSE_CENTRE
    a, b = _ELLIPSE_AXES
    dx, dy = tx - cx, ty - cy
    ko, ao, po = _harmonics(rng, 2, 16, 1.1)
    kf, af, pf = _harmonics(rng, 17, 60, 1.0)
    ki, ai, pi_ = _harmonics(rng, 2, 6, 1.0)
    fine = np.linspace(0, 2 * np.pi, 2048, endpoint=False)
    outer_ref = _harmonic_value(fine, ko, ao, po)
    inner_ref = _harmonic_value(fine, ki, ai, pi_)

    def ellipse_radius(theta):
        ux, uy = np.cos(theta), np.sin(theta)
        qa = (ux / a) ** 2 + (uy / b) ** 2
        qb = 2 * (dx * ux / a**2 + dy * uy / b**2)
        qc = (dx / a) ** 2 + (dy / b) ** 2 - 1
        return (-qb + np.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa)

    def outer_radius(theta):
        theta = np.atleast_1d(np.asarray(theta, dtype=float))
        bays = _unit(_harmonic_value(theta, ko, ao, po), outer_ref)
        jag = 0.012 * _harmonic_value(theta, kf, af, pf) / np.sqrt(np.sum(af**2))
        return ellipse_radius(theta) * (1.0 - 0.24 * bays + jag - 0.03)

    def inner_radius(theta):
        theta = np.atleast_1d(np.asarray(theta, dtype=float))
        wobble = 2 * _unit(_harmonic_value(theta, ki, ai, pi_), inner_ref) - 1
        r = _TOWN_DISTRICT_RADIUS * (1 + 0.18 * wobble)
        return np.minimum(r, 0.45 * outer_radius(theta))

    start = rng.uniform(0, 2 * np.pi)
    spacing = 2 * np.pi / n_townships
    rays = start + spacing * (np.arange(n_townships) + rng.uniform(-0.17, 0.17, n_townships))
    rays = np.sort(rays % (2 * np.pi))
    base = (start + np.linspace(0, 2 * np.pi, 720, endpoint=False)) % (2 * np.pi)
    gap = np.abs((base[:, None] - rays[None, :] + np.pi) % (2 * np.pi) - np.pi).min(axis=1)
    angles = np.sort(np.concatenate([base[gap > 1e-3], rays]))
    ray_idx = np.searchsorted(angles, rays)
    # Start the vertex list at the first ray, so each sector is one index range.
    angles = np.roll(angles, -ray_idx[0])
    ray_idx = ray_idx - ray_idx[0]
    rays = angles[ray_idx]
    outer = np.column_stack(
        [tx + outer_radius(angles) * np.cos(angles), ty + outer_radius(angles) * np.sin(angles)]
    )
    inner = np.column_stack(
        [tx + inner_radius(angles) * np.cos(angles), ty + inner_radius(angles) * np.sin(angles)]
    )
    county = np.vstack([outer, outer[:1]])
    town_ring = np.vstack([inner, inner[:1]])

    borders = []
    for theta in rays:
        for amplitude in (1.0, 0.5, 0.25, 0.0):
            border = _wiggly_border(rng, theta, inner_radius, outer_radius, amplitude)
            if _border_is_clean(border, county, town_ring):
                break
        borders.append(border)

    n = angles.size
    districts = [town_ring]
    for i in range(n_townships):
        i0 = ray_idx[i]
        i1 = ray_idx[i + 1] if i + 1 < n_townships else n
        outer_idx = np.arange(i0, i1 + 1) % n
        ring = np.vstack(
            [
                outer[outer_idx],
                borders[(i + 1) % n_townships][-2:0:-1],
                inner[outer_idx[::-1]],
                borders[i][1:-1],
                outer[outer_idx[:1]],
            ]
        )
        districts.append(ring)
    return DistrictGeometry(county, districts, rays, outer_radius, inner_radius)


def _wiggly_border(rng, theta, inner_radius, outer_radius, amplitude) -> np.ndarray:
    """A meandering sector border from the town district out to the county outline."""
    tx, ty = TOWN_XY
    t = np.linspace(0, 1, 40)
    p1, p2 = rng.uniform(0, 2 * np.pi, 2)
    delta = (
        amplitude
        * np.sin(np.pi * t)
        * (0.05 * np.sin(2 * np.pi * 1.3 * t + p1) + 0.02 * np.sin(2 * np.pi * 3.1 * t + p2))
    )
    r_in = float(inner_radius(theta)[0])
    r_out = float(outer_radius(theta)[0])
    r = r_in + t * (r_out - r_in)
    ang = theta + delta
    line = np.column_stack([tx + r * np.cos(ang), ty + r * np.sin(ang)])
    # The end points must be exactly the shared vertices of the two rings.
    line[0] = [tx + r_in * np.cos(theta), ty + r_in * np.sin(theta)]
    line[-1] = [tx + r_out * np.cos(theta), ty + r_out * np.sin(theta)]
    return line


def _border_is_clean(border, county, town_ring) -> bool:
    inner_part = border[1:-1]
    if len(inner_part) < 2:
        return True
    return not segment_intersections(inner_part, county) and not segment_intersections(
        inner_part, town_ring
    )


class NoiseField:
    """A smooth random field (zero mean, unit variance) defined everywhere in the frame.

    White noise on a fixed lattice (``spacing`` metres) is smoothed with a Gaussian of
    ``scale`` metres and interpolated bilinearly, so it does not depend on the grid.
    """

    def __init__(self, rng: np.random.Generator, scale: float, spacing: float = 500.0):
        xmin, ymin, xmax, ymax = FRAME
        margin = 3 * scale
        self.x0 = xmin - margin
        self.y0 = ymax + margin
        self.spacing = spacing
        nx = int(np.ceil((xmax - xmin + 2 * margin) / spacing)) + 1
        ny = int(np.ceil((ymax - ymin + 2 * margin) / spacing)) + 1
        z = ndimage.gaussian_filter(rng.standard_normal((ny, nx)), scale / spacing)
        self.values = (z - z.mean()) / z.std()

    def __call__(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        col = (x - self.x0) / self.spacing
        row = (self.y0 - y) / self.spacing
        out = ndimage.map_coordinates(
            self.values, [row.ravel(), col.ravel()], order=1, mode="nearest"
        )
        return out.reshape(x.shape)


def frame_lattice(spacing: float = 1000.0) -> tuple[np.ndarray, np.ndarray]:
    """Points on a regular lattice over the frame (for grid-independent quantiles)."""
    xmin, ymin, xmax, ymax = FRAME
    xs = np.arange(xmin + spacing / 2, xmax, spacing)
    ys = np.arange(ymin + spacing / 2, ymax, spacing)
    gx, gy = np.meshgrid(xs, ys)
    return gx.ravel(), gy.ravel()


@dataclass
class Lake:
    x: float
    y: float
    a: float  # semi-axes, metres
    b: float
    angle: float
    k: np.ndarray
    amp: np.ndarray
    phase: np.ndarray
    name: str
    name_zh: str

    def rho(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Scaled distance from the centre: < 1 inside the shore, 1 on it."""
        dx = np.asarray(x, dtype=float) - self.x
        dy = np.asarray(y, dtype=float) - self.y
        c, s = np.cos(self.angle), np.sin(self.angle)
        u = (dx * c + dy * s) / self.a
        v = (-dx * s + dy * c) / self.b
        theta = np.arctan2(v, u)
        wobble = 1 + _harmonic_value(theta.ravel(), self.k, self.amp, self.phase).reshape(
            theta.shape
        )
        return np.hypot(u, v) / wobble

    def shore(self, n: int = 96) -> np.ndarray:
        theta = np.linspace(0, 2 * np.pi, n, endpoint=False)
        wobble = 1 + _harmonic_value(theta, self.k, self.amp, self.phase)
        u = np.cos(theta) * wobble * self.a
        v = np.sin(theta) * wobble * self.b
        c, s = np.cos(self.angle), np.sin(self.angle)
        ring = np.column_stack([self.x + u * c - v * s, self.y + u * s + v * c])
        return np.vstack([ring, ring[:1]])


def make_lake(rng, x, y, a, b, name, name_zh) -> Lake:
    k, amp, phase = _harmonics(rng, 2, 6, 1.2)
    amp = amp / amp.sum() * 0.12
    return Lake(
        float(x), float(y), float(a), float(b), rng.uniform(0, np.pi), k, amp, phase, name, name_zh
    )


def catmull_rom(points: np.ndarray, step: float) -> np.ndarray:
    """A smooth curve through the control points, sampled about every ``step`` metres."""
    p = np.asarray(points, dtype=float)
    ext = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = [p[:1]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        n = max(2, int(np.ceil(np.hypot(*(p2 - p1)) / step)))
        t = (np.arange(1, n + 1) / n)[:, None]
        seg = 0.5 * (
            2 * p1
            + (-p0 + p2) * t
            + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
            + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3
        )
        out.append(seg)
    return np.vstack(out)


def meander(line: np.ndarray, rng, amplitudes, wavelengths, taper=None) -> np.ndarray:
    """Offset a densely sampled line sideways by a sum of sines of its arc length."""
    seg = np.diff(line, axis=0)
    s = np.concatenate([[0.0], np.cumsum(np.hypot(seg[:, 0], seg[:, 1]))])
    tangent = np.gradient(line, axis=0)
    tangent /= np.hypot(tangent[:, 0], tangent[:, 1])[:, None]
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    offset = np.zeros_like(s)
    for amp, lam in zip(amplitudes, wavelengths):
        offset += amp * np.sin(2 * np.pi * s / lam + rng.uniform(0, 2 * np.pi))
    if taper is not None:
        offset *= taper(s, line)
    return line + normal * offset[:, None]


class RiverDistance:
    """Distance (m) to the river's centre line, the same for a point whatever grid asks.

    A coarse resampling of the line (every 100 m) answers far points; points within
    ``near`` metres are answered from a fine one (every 4 m, at most 2 m too far).
    """

    def __init__(self, river: np.ndarray, near: float = 2000.0):
        self.coarse_step = 100.0
        self.near = near
        self.coarse = cKDTree(densify(river, self.coarse_step))
        self.fine = cKDTree(densify(river, 4.0))

    def __call__(self, x: np.ndarray, y: np.ndarray, upper: float = 6000.0) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        pts = np.column_stack([x.ravel(), np.asarray(y, dtype=float).ravel()])
        workers = -1 if len(pts) > 200_000 else 1
        d, _ = self.coarse.query(pts, distance_upper_bound=upper, workers=workers)
        close = d < self.near
        if close.any():
            d[close], _ = self.fine.query(
                pts[close], distance_upper_bound=self.near + self.coarse_step, workers=workers
            )
        return d.reshape(x.shape)
