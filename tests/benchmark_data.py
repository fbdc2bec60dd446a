"""Where the shared public benchmark instances are (read at run time, never copied here).

Looked up in this order: $MPS_BENCHMARKS; a ``shared/benchmarks`` folder beside the checkout
or beside any folder above it (the workspace keeps it at ../shared/benchmarks); and the
workspace's absolute path. Tests that need the data fail, with this message, when none
exists — they are not skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORKSPACE_DEFAULT = Path("/work/shared/benchmarks")


def benchmarks_dir() -> Path:
    candidates = []
    if os.environ.get("MPS_BENCHMARKS"):
        candidates.append(Path(os.environ["MPS_BENCHMARKS"]))
    candidates += [folder / "shared" / "benchmarks" for folder in REPO.parents]
    candidates.append(WORKSPACE_DEFAULT)
    for folder in candidates:
        if (folder / "known_values.json").is_file():
            return folder
    return REPO.parent / "shared" / "benchmarks"  # absent: the test's own message explains


def missing_message(*paths: Path) -> str:
    listed = ", ".join(str(p) for p in paths)
    return (
        f"Benchmark data missing: {listed}. Put the shared benchmarks folder at "
        f"../shared/benchmarks beside the checkout, or set MPS_BENCHMARKS to it."
    )
