"""Travel-time engine against scikit-image's MCP_Geometric, on the same costs, in one run.

Prints two tables:
1. Full travel-time raster, 50 sources, random speeds, 1M / 4M / 10M cells: seconds for
   mps_planner and MCP_Geometric, the speed-up, the largest relative difference of the
   times, and peak memory (each solver runs in its own process; peak RSS minus the input).
2. One site's 60-minute bounded catchment on a 10M-cell grid of realistic speeds (mostly
   off-road 15 km/h, paved roads 60 km/h, lakes): milliseconds per site (median, p95) and
   cells reached, against MCP_Geometric with ``max_cumulative_cost``.

Usage: .venv/bin/python bench/bench_traveltime.py [--quick]
scikit-image is a bench/test-only dependency (Debian's python3-skimage).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def random_speeds(cells: int, seed: int = 1):
    side = round(cells**0.5)
    rng = np.random.default_rng(seed)
    speed = rng.uniform(1.0, 10.0, (side, side))
    cost = 100.0 / 1000.0 / speed * 60.0  # 100 m cells, minutes
    rows = rng.integers(0, side, 50)
    cols = rng.integers(0, side, 50)
    return cost, rows, cols


def realistic_speeds(rows: int = 2500, cols: int = 4000, seed: int = 5) -> np.ndarray:
    """A 10M-cell pastoral landscape at 100 m: grassland 15 km/h, sand 8, wetland 5, lakes 0,
    and a sparse network of paved roads (60 km/h) joining 40 towns (spanning tree + extras)."""
    from scipy import ndimage, sparse
    from scipy.sparse.csgraph import minimum_spanning_tree
    from scipy.spatial import Delaunay

    rng = np.random.default_rng(seed)
    z = ndimage.zoom(rng.standard_normal((rows // 25, cols // 25)), 25, order=3)
    z = (z - z.mean()) / z.std()
    speed = np.select([z < -2.2, z < -1.6, z > 1.4], [0.0, 5.0, 8.0], 15.0)
    towns = np.column_stack([rng.uniform(50, rows - 50, 40), rng.uniform(50, cols - 50, 40)])
    edges = set()
    for simplex in Delaunay(towns).simplices:
        for a, b in ((0, 1), (1, 2), (0, 2)):
            edges.add(tuple(sorted((int(simplex[a]), int(simplex[b])))))
    edges = sorted(edges)
    length = [float(np.hypot(*(towns[a] - towns[b]))) for a, b in edges]
    graph = sparse.coo_matrix(
        (length, ([a for a, _ in edges], [b for _, b in edges])), shape=(40, 40)
    )
    tree = minimum_spanning_tree(graph).tocoo()
    chosen = set(zip(tree.row.tolist(), tree.col.tolist()))
    chosen |= {e for e in edges if e not in chosen and rng.random() < 0.25}
    for a, b in sorted(chosen):
        (r0, c0), (r1, c1) = towns[a], towns[b]
        n = int(max(abs(r1 - r0), abs(c1 - c0))) + 1
        t = np.linspace(0.0, 1.0, n)
        rr = np.clip((r0 + (r1 - r0) * t + 6 * np.sin(t * np.pi * 3)).round(), 0, rows - 1)
        cc = np.clip((c0 + (c1 - c0) * t).round(), 0, cols - 1)
        speed[rr.astype(int), cc.astype(int)] = 60.0
    return speed


def _worker(which: str, cells: int) -> None:
    """Run one solver in this process and print JSON (seconds, peak MB above the input)."""
    cost, rows, cols = random_speeds(cells)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if which == "ours":
        from mps_planner.core.traveltime import CostGrid, travel_times

        result = travel_times(CostGrid(cost), rows, cols)
        minutes = result.minutes
    else:
        from skimage.graph import MCP_Geometric

        minutes, _ = MCP_Geometric(cost, fully_connected=True).find_costs(list(zip(rows, cols)))
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = Path(f"/tmp/mps_bench_tt_{which}_{cells}.npy")
    np.save(out, minutes)
    print(json.dumps({"seconds": seconds, "peak_mb": (peak - base) / 1024, "file": str(out)}))


def _run_worker(which: str, cells: int) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", which, str(cells)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def full_raster_table(sizes: list[int]) -> None:
    print("\nFull travel-time raster, 50 sources, random speeds 1–10 km/h (100 m cells)")
    header = (
        f"{'cells':>11} | {'mps_planner s':>13} | {'MCP_Geometric s':>15} | {'speed-up':>8} | "
        f"{'max rel diff':>12} | {'peak MB ours':>12} | {'peak MB MCP':>11}"
    )
    print(header)
    print("-" * len(header))
    for cells in sizes:
        ours = _run_worker("ours", cells)
        mcp = _run_worker("mcp", cells)
        a = np.load(ours["file"])
        b = np.load(mcp["file"])
        finite = np.isfinite(b)
        same_reach = np.array_equal(np.isfinite(a), finite)
        rel = float(np.max(np.abs(a[finite] - b[finite]) / np.maximum(b[finite], 1e-12)))
        print(
            f"{cells:>11,} | {ours['seconds']:>13.2f} | {mcp['seconds']:>15.2f} | "
            f"{mcp['seconds'] / ours['seconds']:>7.1f}× | "
            f"{rel:>12.1e}{'' if same_reach else ' (reach differs!)'} | "
            f"{ours['peak_mb']:>12.0f} | {mcp['peak_mb']:>11.0f}"
        )
        Path(ours["file"]).unlink()
        Path(mcp["file"]).unlink()


def bounded_table(n_sites: int) -> None:
    from skimage.graph import MCP_Geometric

    from mps_planner.core.traveltime import CostGrid, bounded_field

    speed = realistic_speeds()
    t0 = time.perf_counter()
    grid = CostGrid.from_speed(speed, 100.0)
    prep = time.perf_counter() - t0
    cost = grid.inner(grid.cost).copy()
    rng = np.random.default_rng(3)
    road = np.argwhere(speed == 60.0)
    grass = np.argwhere(speed == 15.0)
    print(
        f"\nOne site's 60-minute bounded catchment, {speed.size:,} cells at 100 m "
        f"({100 * (speed == 60).mean():.2f} % road cells at 60 km/h; off-road 15 km/h; "
        f"lakes {100 * (speed == 0).mean():.1f} %). Grid prepared once in {prep:.2f} s."
    )
    header = (
        f"{'sites':>14} | {'median ms':>9} | {'p95 ms':>7} | {'median cells':>12} | "
        f"{'MCP median ms':>13} | {'speed-up':>8}"
    )
    print(header)
    print("-" * len(header))
    mcp = MCP_Geometric(cost, fully_connected=True)
    for name, cells in (("on a road", road), ("off road", grass)):
        pick = cells[rng.choice(len(cells), n_sites, replace=False)]
        ours, sizes, peer = [], [], []
        for k, (r, c) in enumerate(pick.tolist()):
            t = time.perf_counter()
            field = bounded_field(grid, r, c, 60.0)
            ours.append(time.perf_counter() - t)
            sizes.append(len(field))
            if k < 5:  # the peer is slow; a few sites give its median
                t = time.perf_counter()
                ref, _ = mcp.find_costs([(r, c)], max_cumulative_cost=60.0)
                peer.append(time.perf_counter() - t)
                if k == 0:
                    inside = np.flatnonzero(ref.ravel() <= 60.0)
                    assert np.array_equal(np.sort(field.cells), inside), "reach differs"
        med, p95 = np.median(ours) * 1000, np.percentile(ours, 95) * 1000
        peer_med = np.median(peer) * 1000
        print(
            f"{name:>14} | {med:>9.1f} | {p95:>7.1f} | {np.median(sizes):>12,.0f} | "
            f"{peer_med:>13.0f} | {peer_med / med:>7.0f}×"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1M cells and 10 sites only")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker[0], int(args.worker[1]))
        return
    full_raster_table([1_000_000] if args.quick else [1_000_000, 4_000_000, 10_000_000])
    bounded_table(10 if args.quick else 30)


if __name__ == "__main__":
    main()
