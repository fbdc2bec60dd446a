"""What goes on a planning sheet, as plain data (no QGIS objects).

The layout factory turns a ``SheetModel`` into a QGIS print layout; keeping the
content separate makes it testable (table contents equal the core's numbers) and
lets the same content go to PDF, PNG and CSV.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TableModel:
    """A small table: a title, column headers and rows of already formatted cells."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(f"row {row} has {len(row)} cells, expected {len(self.headers)}")

    def write_csv(self, path: str | os.PathLike) -> Path:
        """UTF-8 with BOM, so spreadsheet programs show Chinese text correctly."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.partial")
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(self.headers)
            writer.writerows(self.rows)
        os.replace(tmp, path)
        return path


@dataclass
class SheetModel:
    """One planning map sheet.

    ``layer_ids`` are the map's layers from top to bottom; ``legend_layer_ids`` the subset
    shown in the legend (all map layers when empty). ``extent`` is (xmin, ymin, xmax, ymax)
    in the project CRS; None means the union of the layers.
    """

    title: str
    subtitle: str = ""
    layer_ids: list[str] = field(default_factory=list)
    legend_layer_ids: list[str] = field(default_factory=list)
    overview_layer_ids: list[str] = field(default_factory=list)
    extent: tuple[float, float, float, float] | None = None
    tables: list[TableModel] = field(default_factory=list)
    chart_svg: str | None = None  # path of a chart image to place beside the tables
    date_text: str = ""
    sources_text: str = ""
    paper: str = "A3"
    landscape: bool = True
