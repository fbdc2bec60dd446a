"""Build dist/mps_planner-<version>.zip for QGIS's "Install from ZIP".

The zip holds one folder, mps_planner/, with metadata.txt, the code, resources and
compiled translations (.qm); caches, sources of translations and build leftovers stay out.
Usage: python scripts/package.py [--out DIR]
"""

from __future__ import annotations

import argparse
import configparser
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "mps_planner"
EXCLUDED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".ts"}


def version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / PLUGIN / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def plugin_files(root: Path = REPO / PLUGIN) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root)
        if EXCLUDED_PARTS.intersection(rel.parts) or path.suffix in EXCLUDED_SUFFIXES:
            continue
        if any(part.startswith(".") for part in rel.parts):
            continue
        files.append(path)
    return files


def build(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN}-{version()}.zip"
    tmp = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in plugin_files():
            archive.write(path, Path(PLUGIN) / path.relative_to(REPO / PLUGIN))
    tmp.replace(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    target = build(args.out)
    print(f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}")
    print("Install it in QGIS: Plugins > Manage and Install Plugins > Install from ZIP.")


if __name__ == "__main__":
    main()
