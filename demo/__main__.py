"""``python -m demo --out outputs/demo``: run every demo step headless."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .app import qgis_application
from .context import DemoContext


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("outputs/demo"), help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="sample region seed (default 1)")
    parser.add_argument(
        "--cell-size", type=float, default=100.0, help="raster cell size in metres (default 100)"
    )
    parser.add_argument("--dpi", type=float, default=150.0, help="PNG/PDF resolution")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from mps_planner.core.errors import MpsError

    from .steps import STEPS

    with qgis_application() as project:
        ctx = DemoContext(
            project=project,
            out=args.out.resolve(),
            seed=args.seed,
            cell_size=args.cell_size,
            dpi=args.dpi,
        )
        ctx.out.mkdir(parents=True, exist_ok=True)
        for step in STEPS:
            started = time.perf_counter()
            try:
                step(ctx)
            except MpsError as exc:
                print(f"demo: {step.__module__.split('.')[-1]}: {exc}", file=sys.stderr)
                return 1
            ctx.timings.append((step.__module__.split(".")[-1], time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
