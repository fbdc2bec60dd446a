"""Coverage report for 200 sites on the sample region (1.5M cells at 100 m), stage by stage.

The report: travel times from all sites (bounded at the largest threshold), covered and
uncovered people per threshold, district and site, the gap raster and the gap hotspots.
Also the live loop's building block: one site's bounded field, per site.

Usage: .venv/bin/python bench/bench_coverage.py [--sites 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mps_planner.core.capacity import capacity_coverage  # noqa: E402
from mps_planner.core.coverage import coverage_table, gap_raster  # noqa: E402
from mps_planner.core.equity import equity_summary  # noqa: E402
from mps_planner.core.hotspots import gap_hotspots  # noqa: E402
from mps_planner.core.planar_geometry import rasterize_polygon  # noqa: E402
from mps_planner.core.sample_region import generate_sample_region  # noqa: E402
from mps_planner.core.speed import build_speed_surface  # noqa: E402
from mps_planner.core.traveltime import bounded_fields, travel_times  # noqa: E402

THRESHOLDS = [15.0, 30.0, 60.0]


def region_inputs():
    region = generate_sample_region(seed=1, cell_size=100.0)
    grid = region.grid
    water = region.water
    surface, _ = build_speed_surface(grid, "riding", landcover=region.landcover, barriers=water)
    zones = np.full(grid.shape, -1, dtype=np.int32)
    districts = region.layer("districts")
    for z, ring in enumerate(districts.geometries):
        zones[rasterize_polygon(ring, grid) & (zones < 0)] = z
    names = list(districts.column("name"))
    people = region.population("summer").clip(min=0).astype(np.float64)
    return region, grid, surface, people, zones, names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=200)
    args = parser.parse_args()
    _region, grid, surface, people, zones, names = region_inputs()
    rng = np.random.default_rng(4)
    populated = np.argwhere((people > 0) & surface.passable)
    pick = populated[rng.choice(len(populated), args.sites, replace=False)]
    rows, cols = pick[:, 0], pick[:, 1]

    stages = []

    def timed(name, fn):
        t = time.perf_counter()
        out = fn()
        stages.append((name, time.perf_counter() - t))
        return out

    cost = timed("prepare the cost grid (once per speed surface)", surface.cost_grid)
    times = timed(
        f"travel times from {args.sites} sites (≤ {THRESHOLDS[-1]:g} min)",
        lambda: travel_times(cost, rows, cols, max_minutes=THRESHOLDS[-1]),
    )
    table = timed(
        "coverage table (thresholds × districts × sites)",
        lambda: coverage_table(people, times, THRESHOLDS, zones, names, args.sites),
    )
    timed("equity summary", lambda: equity_summary(table, people, times.minutes, zones))
    gap = timed("gap raster", lambda: gap_raster(people, times.minutes, THRESHOLDS[-1]))
    timed("gap hotspots", lambda: gap_hotspots(gap, grid.cell_size, 1500.0, 3000.0))
    report = sum(s for n, s in stages[1:])
    fields = timed(
        f"per-site bounded fields ({args.sites} sites, for capacity)",
        lambda: bounded_fields(cost, rows, cols, THRESHOLDS[-1]),
    )
    timed(
        "capacity coverage (deferred acceptance)",
        lambda: capacity_coverage(people, fields, np.full(args.sites, 500.0), THRESHOLDS[-1]),
    )
    print(
        f"\nCoverage report on the sample region: {grid.rows} × {grid.cols} cells of "
        f"{grid.cell_size:g} m, {people.sum():,.0f} people, {args.sites} sites, riding speeds"
    )
    width = max(len(n) for n, _ in stages)
    print(f"{'stage':<{width}} | seconds")
    print("-" * (width + 10))
    for name, seconds in stages:
        print(f"{name:<{width}} | {seconds:7.3f}")
    print("-" * (width + 10))
    print(f"{'coverage report (travel times → hotspots)':<{width}} | {report:7.3f}")
    per_site = dict(stages)[f"per-site bounded fields ({args.sites} sites, for capacity)"]
    print(f"{'one bounded field, mean per site':<{width}} | {per_site / args.sites:7.3f}")
    print(f"\ncovered within {THRESHOLDS}: {[round(v) for v in table.covered]}")


if __name__ == "__main__":
    main()
