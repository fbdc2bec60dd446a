"""Bench: a 3″ EPSG:4326 population raster (~150 × 100 km, synthetic) onto 100 m UTM cells.

Compares mps_planner's count-preserving regridding with GDAL's warper on the same grid:
``-r sum`` (GDAL ≥ 3.1) and ``-r near``. Each method runs in its own process so its peak
memory (max RSS above the process's RSS after imports) is its own. Printed per method:
time, peak memory, total error, and the share of people placed differently from ours
(ours is exact to ~1e-6 per cell against GEOS, see tests/io/test_population_io.py).

    .venv/bin/python bench/bench_population.py [--cols 2250 --rows 1080]

The machine is shared and has 2 cores: timings are noisy; the ratio in the same run is
what to read.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LON0, LAT0 = 116.0, 44.0  # Inner Mongolia, UTM zone 50N
CELL = 1.0 / 1200.0  # 3 arc-seconds


def make_raster(path: Path, rows: int, cols: int, dense: bool, seed: int = 1) -> float:
    """Towns (Gaussian), herder camps (sparse), empty steppe (0) and lakes (NoData).

    ``dense``: every land cell holds some people, as in WorldPop's unconstrained rasters.
    """
    from osgeo import gdal, osr

    rng = np.random.default_rng(seed)
    values = np.zeros((rows, cols), np.float32)
    yy = np.arange(rows, dtype=np.float32)[:, None]
    xx = np.arange(cols, dtype=np.float32)[None, :]
    for _ in range(25):
        cy, cx = rng.uniform(0, rows), rng.uniform(0, cols)
        size = rng.uniform(5, 40)
        peak = rng.uniform(20, 300)
        values += peak * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * size**2))
    camps = rng.random((rows, cols)) < 0.01
    values[camps] += rng.gamma(2.0, 3.0, size=int(camps.sum())).astype(np.float32)
    if dense:
        values += rng.gamma(0.5, 0.2, size=(rows, cols)).astype(np.float32) + 1e-3
    else:
        values[values < 0.05] = 0.0
    for _ in range(8):
        cy, cx, r = rng.uniform(0, rows), rng.uniform(0, cols), rng.uniform(10, 60)
        values[((yy - cy) ** 2 + (xx - cx) ** 2) < r * r] = -99999.0
    ds = gdal.GetDriverByName("GTiff").Create(
        str(path), cols, rows, 1, gdal.GDT_Float32, ["COMPRESS=DEFLATE", "TILED=YES"]
    )
    ds.SetGeoTransform((LON0, CELL, 0.0, LAT0, 0.0, -CELL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-99999.0)
    band.WriteArray(values)
    ds = None
    v = values.astype(np.float64)
    return float(v[v > 0].sum())


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_one(method: str, path: str, out: str) -> dict:
    """One method in this process; writes its grid to ``out`` (.npy) for comparison."""
    from osgeo import gdal

    from mps_planner.qgis_io.population_io import population_on_grid

    gdal.UseExceptions()
    base = _rss_mb()
    if method == "ours":
        t0, c0 = time.perf_counter(), time.process_time()
        result = population_on_grid(path, cell_size=100.0)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        people = result.population.layer()
        grid = result.grid
        note = result.report.method
        json_grid = {"crs": grid.crs_wkt, "extent": grid.extent}
    else:
        spec = json.loads(Path(out + ".grid.json").read_text())
        t0, c0 = time.perf_counter(), time.process_time()
        ds = gdal.Warp(
            "",
            path,
            format="MEM",
            dstSRS=spec["crs"],
            outputBounds=spec["extent"],
            xRes=100.0,
            yRes=100.0,
            resampleAlg=method,
            srcNodata=-99999,
            dstNodata=-99999,
            outputType=gdal.GDT_Float64,
        )
        people = ds.GetRasterBand(1).ReadAsArray()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        people = np.where(people > 0, people, 0.0)
        note = f"gdal.Warp -r {method} (GDAL {gdal.__version__})"
        json_grid = spec
    peak = _rss_mb() - base
    np.save(out + f".{method}.npy", people)
    if method == "ours":
        Path(out + ".grid.json").write_text(json.dumps(json_grid))
    return {
        "method": method,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak,
        "total": float(people.sum()),
        "shape": list(people.shape),
        "note": note,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1080)  # 0.9° ≈ 100 km
    parser.add_argument("--cols", type=int, default=2250)  # 1.875° ≈ 150 km at 44° N
    parser.add_argument(
        "--one", nargs=3, metavar=("METHOD", "RASTER", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one)))
        return

    print(
        f"Source: {args.rows} × {args.cols} cells of 3″ in EPSG:4326 "
        f"(~{args.cols * 66.7 / 1000:.0f} × {args.rows * 92.6 / 1000:.0f} km at 44° N); "
        "destination: 100 m cells in UTM 50N."
    )
    print("Timings on a shared 2-core machine are noisy; compare within one run.")
    for dense in (False, True):
        scenario(args, dense)
    print("\ntotal error = (total on the grid − people in the source) / people in the source;")
    print("misplaced = share of people on a different cell than the exact area-weighted answer.")


def scenario(args, dense: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raster = Path(tmp) / "pop_4326_3s.tif"
        total = make_raster(raster, args.rows, args.cols, dense)
        out = str(Path(tmp) / "grid")
        rows = []
        for method in ("ours", "sum", "near"):
            proc = subprocess.run(
                [sys.executable, __file__, "--one", method, str(raster), out],
                capture_output=True,
                text=True,
                env=dict(os.environ),
                check=False,
            )
            if proc.returncode != 0:
                rows.append({"method": method, "error": proc.stderr.strip().splitlines()[-1]})
                continue
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        ours = np.load(out + ".ours.npy")
        for row in rows:
            if "error" not in row:
                other = np.load(out + f".{row['method']}.npy")
                row["misplaced"] = float(np.abs(other - ours).sum() / 2 / total)

    kind = "dense (every land cell > 0)" if dense else "sparse (towns and camps, most cells 0)"
    print(f"\n{kind}: {total:,.0f} people; grid {ours.shape[0]} × {ours.shape[1]} cells")
    head = (
        f"{'method':<36} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'total error':>12} "
        f"{'misplaced':>10}"
    )
    print(head)
    print("-" * len(head))
    base = next((r for r in rows if r["method"] == "ours" and "error" not in r), None)
    for row in rows:
        if "error" in row:
            print(f"{row['method']:<36} failed: {row['error']}")
            continue
        err = (row["total"] - total) / total
        name = "mps_planner (exact overlap)" if row["method"] == "ours" else row["note"]
        print(
            f"{name:<36} {row['seconds']:7.2f} {row['cpu']:7.2f} {row['peak_mb']:8.0f} "
            f"{err:+12.2e} "
            + (f"{'reference':>10}" if row["method"] == "ours" else f"{row['misplaced']:10.2%}")
        )
    for row in rows:
        if row["method"] != "ours" and "error" not in row and base:
            print(
                f"time ours / {row['method']}: wall {base['seconds'] / row['seconds']:.2f}, "
                f"cpu {base['cpu'] / row['cpu']:.2f}"
            )


if __name__ == "__main__":
    main()
