"""What goes on a sheet, as plain data (no QGIS objects).

The layout factories turn these models into QGIS print layouts; keeping the content
separate makes it testable (table contents equal the core's numbers) and lets the same
content go to PDF, PNG and CSV.
"""

from __future__ import annotations

import csv
import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TableModel:
    """A small table: a title, column headers and rows of already formatted cells.

    ``bold_last_row`` marks a total row. ``csv_name`` is the file name the table is written
    under (from the title when empty).
    """

    title: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""
    bold_last_row: bool = False
    csv_name: str = ""

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

    def numeric_columns(self) -> list[bool]:
        """Columns whose every non-empty cell reads as a number (right-aligned on the sheet)."""
        out = []
        for i in range(len(self.headers)):
            cells = [r[i] for r in self.rows if r[i] not in ("", "–", "—")]
            out.append(bool(cells) and all(_looks_numeric(c) for c in cells))
        return out


def _looks_numeric(text: str) -> bool:
    cleaned = text.replace(",", "").replace("%", "").replace("+", "").replace("−", "-").strip()
    try:
        float(cleaned)
    except ValueError:
        return False
    return True


@dataclass
class ChartSeries:
    name: str
    values: list[float]
    colour: str = "#2171B5"


@dataclass
class ChartModel:
    """A grouped bar chart: one group per category, one bar per series.

    ``value_labels`` (same shape as the series' values, optional) are printed above bars;
    ``percent_of`` turns the value axis into a share of that number (e.g. the total people).
    """

    title: str
    categories: list[str]
    series: list[ChartSeries]
    value_axis: str = ""
    value_labels: list[list[str]] | None = None
    percent_of: float | None = None

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"series '{s.name}' has {len(s.values)} values for "
                    f"{len(self.categories)} categories"
                )


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
    charts: list[ChartModel] = field(default_factory=list)
    chart_svg: str | None = None  # path of a ready chart image (used when ``charts`` is empty)
    date_text: str = ""
    sources_text: str = ""
    paper: str = "A3"
    landscape: bool = True


@dataclass
class DistrictPage:
    """One page of the district atlas."""

    name: str
    name_local: str = ""
    extent: tuple[float, float, float, float] | None = None
    coverage: TableModel | None = None
    chart: ChartModel | None = None
    timetable: TableModel | None = None
    facts: list[str] = field(default_factory=list)


@dataclass
class AtlasModel:
    """A district atlas: the same map layers on every page, zoomed to each district.

    ``district_layer_id`` is the districts layer (outside the page's district is dimmed,
    by ``name_field``).
    """

    title: str
    pages: list[DistrictPage]
    layer_ids: list[str] = field(default_factory=list)
    legend_layer_ids: list[str] = field(default_factory=list)
    district_layer_id: str = ""
    name_field: str = "name"
    date_text: str = ""
    sources_text: str = ""
    paper: str = "A4"
    landscape: bool = True


@dataclass
class Visit:
    """One visit of a mobile unit at a stop, as a notice shows it."""

    date: _dt.date | None
    weekday: str
    arrival: str
    departure: str
    vehicle: str = ""
    day: int = 0  # day index of the plan (used when there are no dates)


@dataclass
class StopNotice:
    """What is posted at a mobile stop: its names, where it is, the next visits."""

    stop: int
    name: str
    name_local: str = ""
    x: float | None = None
    y: float | None = None
    visits: list[Visit] = field(default_factory=list)
    service: str = ""
    district: str = ""


@dataclass
class NoticeSet:
    """Stop notices, one A5 page each. ``layer_ids``: the small map's layers."""

    notices: list[StopNotice]
    layer_ids: list[str] = field(default_factory=list)
    service_title: str = ""  # e.g. "Mobile clinic"
    contact: str = ""
    date_text: str = ""
    map_width_m: float = 12000.0
    max_visits: int = 8
    landscape: bool = False


@dataclass
class ComparisonModel:
    """Two scenarios side by side: their maps, the difference map and the difference table.

    ``layer_ids_a``/``_b``: layers specific to each scenario (drawn above ``base_layer_ids``);
    ``difference_layer_id``: a raster of people per cell gaining (> 0) or losing (< 0)
    coverage from A to B (``report.comparison.write_difference_raster`` makes one).
    """

    title: str
    name_a: str
    name_b: str
    table: TableModel
    chart: ChartModel | None = None
    base_layer_ids: list[str] = field(default_factory=list)
    layer_ids_a: list[str] = field(default_factory=list)
    layer_ids_b: list[str] = field(default_factory=list)
    difference_layer_id: str = ""
    legend_layer_ids: list[str] = field(default_factory=list)
    extent: tuple[float, float, float, float] | None = None
    facts: list[str] = field(default_factory=list)
    date_text: str = ""
    sources_text: str = ""
    paper: str = "A3"
