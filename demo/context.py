"""What the demo steps share: the project, the output folder, the region, layers, tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mps_planner.report.model import TableModel


@dataclass
class SummaryTable:
    """One row per district (plus a total row); steps add columns as they compute them."""

    key: str = "District"
    columns: list[str] = field(default_factory=list)
    rows: dict[str, dict[str, str]] = field(default_factory=dict)

    def add_column(self, name: str, values: dict[str, Any], fmt: str = "{:,.0f}") -> None:
        """Add a column; ``values`` maps the row keys (district names, "Total") to numbers."""
        if name not in self.columns:
            self.columns.append(name)
        for row, value in values.items():
            text = fmt.format(value) if not isinstance(value, str) else value
            self.rows.setdefault(row, {})[name] = text

    def table(self, title: str, columns: list[str] | None = None) -> TableModel:
        columns = columns or self.columns
        body = [[row, *(cells.get(c, "") for c in columns)] for row, cells in self.rows.items()]
        return TableModel(title, [self.key, *columns], body)


@dataclass
class DemoContext:
    """Shared state of one demo run.

    ``layers`` holds every QGIS layer by name (e.g. "roads", "population_summer"; later
    steps add theirs). ``map_layers`` lists the names shown on the planning map from top
    to bottom, ``legend_layers`` those in its legend, ``overview_layers`` the overview
    map's. ``sheet_tables`` are placed on the sheet; ``summary`` goes to summary.csv and
    the terminal; ``facts`` are (label, value) lines printed after it.
    """

    project: Any
    out: Path
    seed: int = 1
    cell_size: float = 100.0
    dpi: float = 150.0
    region: Any = None
    files: Any = None
    layers: dict[str, Any] = field(default_factory=dict)
    map_layers: list[str] = field(default_factory=list)
    legend_layers: list[str] = field(default_factory=list)
    overview_layers: list[str] = field(default_factory=list)
    sheet_tables: list[TableModel] = field(default_factory=list)
    sheet_charts: list[Any] = field(default_factory=list)  # report.model.ChartModel
    summary: SummaryTable = field(default_factory=SummaryTable)
    facts: list[tuple[str, str]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    coverage: dict[str, Any] = field(default_factory=dict)  # results of the coverage step
    # results of the mobile step: plan, driver_rows, stop_rows, stops_layer, routes_layer,
    # combined (fixed + mobile per district) of the map's season, and "seasons" for both
    mobile: dict[str, Any] = field(default_factory=dict)
    # results of the site-selection step: result, candidates, rows/cols/names of the new stops
    selection: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    subtitle: str = ""
    sources: str = ""

    def layer_ids(self, names: list[str]) -> list[str]:
        return [self.layers[n].id() for n in names if n in self.layers]
