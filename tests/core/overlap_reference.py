"""An independent, slow reference for area-weighted regridding: plain-Python polygon clipping.

Each source cell's image (a quadrilateral in destination pixel units) is clipped against every
destination cell it may touch with Sutherland–Hodgman, and the clipped area is measured with
the shoelace formula. Nothing is shared with the vectorised code under test.
"""

from __future__ import annotations

import math

import numpy as np


def _clip(points, inside, intersect):
    out = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(intersect(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(intersect(previous, current))
    return out


def polygon_area(points) -> float:
    total = 0.0
    for i, (x2, y2) in enumerate(points):
        x1, y1 = points[i - 1]
        total += x1 * y2 - x2 * y1
    return abs(total) / 2.0


def clipped_area(points, xmin, xmax, ymin, ymax) -> float:
    def at_x(x0):
        return lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))

    def at_y(y0):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)

    pts = list(points)
    for inside, cut in (
        (lambda p: p[0] >= xmin, at_x(xmin)),
        (lambda p: p[0] <= xmax, at_x(xmax)),
        (lambda p: p[1] >= ymin, at_y(ymin)),
        (lambda p: p[1] <= ymax, at_y(ymax)),
    ):
        pts = _clip(pts, inside, cut)
        if not pts:
            return 0.0
    return polygon_area(pts)


def reference_regrid(values: np.ndarray, px: np.ndarray, py: np.ndarray, shape) -> tuple:
    """People per destination cell from source ``values`` whose corners are at (px, py).

    ``px``, ``py``: (rows+1, cols+1) corner coordinates in destination pixel units.
    Returns (people on the grid, people outside it).
    """
    rows, cols = shape
    out = np.zeros(shape)
    outside = 0.0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            if not (math.isfinite(v) and v > 0):
                continue
            quad = [
                (px[i, j], py[i, j]),
                (px[i, j + 1], py[i, j + 1]),
                (px[i + 1, j + 1], py[i + 1, j + 1]),
                (px[i + 1, j], py[i + 1, j]),
            ]
            area = polygon_area(quad)
            xs = [p[0] for p in quad]
            ys = [p[1] for p in quad]
            landed = 0.0
            for r in range(math.floor(min(ys)), math.floor(max(ys)) + 1):
                for c in range(math.floor(min(xs)), math.floor(max(xs)) + 1):
                    if 0 <= r < rows and 0 <= c < cols:
                        share = clipped_area(quad, c, c + 1, r, r + 1) / area
                        out[r, c] += v * share
                        landed += share
            outside += v * (1.0 - landed)
    return out, outside
