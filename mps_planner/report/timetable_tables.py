"""Timetables as tables: the driver's day sheet and the notice posted at each stop.

One column list per table drives both the CSV (``TableModel.write_csv``: UTF-8 with BOM,
so spreadsheets show the Chinese names) and the QGIS table layer, so the two never differ.
Headers are bilingual, as a township office would post them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from qgis.core import NULL, QgsFeature, QgsField, QgsFields
from qgis.PyQt.QtCore import QVariant

from ..core.routing import DriverRow, MobilePlan, StopVisitRow
from .model import TableModel

WEEKDAY_ZH = {"Mon": "周一", "Tue": "周二", "Wed": "周三", "Thu": "周四", "Fri": "周五"}
WEEKDAY_ZH.update({"Sat": "周六", "Sun": "周日"})
KIND_TEXT = {
    "start": "leave 出发",
    "stop": "stop 停靠",
    "end": "back 返回",
    "overnight": "night stop 过夜",
}


@dataclass(frozen=True)
class Column:
    field: str  # layer field name
    header: str  # CSV header
    kind: QVariant.Type
    value: Callable[[object], object]  # row → value (None for empty)


def _day_label(row) -> str:
    return f"{row.weekday} {WEEKDAY_ZH.get(row.weekday, '')}".strip()


def _date(row) -> str | None:
    return None if row.date is None else row.date.isoformat()


def driver_columns(depot_names: Sequence[str], plan: MobilePlan) -> list[Column]:
    def place(r: DriverRow) -> str:
        if r.stop is None and r.kind in ("start", "end"):
            depot = plan.vehicles[r.vehicle].depot
            if 0 <= depot < len(depot_names) and depot_names[depot]:
                return f"{depot_names[depot]} (depot 基地)"
        return r.place

    return [
        Column("vehicle", "Vehicle 车辆", QVariant.String, lambda r: r.vehicle_name),
        Column("day", "Day 第几天", QVariant.Int, lambda r: r.day + 1),
        Column("date", "Date 日期", QVariant.String, _date),
        Column("weekday", "Weekday 星期", QVariant.String, _day_label),
        Column("seq", "No. 序号", QVariant.Int, lambda r: r.sequence),
        Column("what", "What 事项", QVariant.String, lambda r: KIND_TEXT.get(r.kind, r.kind)),
        Column("place", "Place 地点", QVariant.String, place),
        Column("arrival", "Arrive 到达", QVariant.String, lambda r: r.arrival or None),
        Column("departure", "Leave 离开", QVariant.String, lambda r: r.departure or None),
        Column(
            "drive_min",
            "Drive min 行驶分钟",
            QVariant.Double,
            lambda r: round(r.drive_minutes, 1) if r.kind != "start" else None,
        ),
    ]


def notice_columns() -> list[Column]:
    return [
        Column("stop", "Stop 站点", QVariant.String, lambda r: r.name),
        Column("day", "Day 第几天", QVariant.Int, lambda r: r.day + 1),
        Column("date", "Date 日期", QVariant.String, _date),
        Column("weekday", "Weekday 星期", QVariant.String, _day_label),
        Column("arrival", "Arrives 到达", QVariant.String, lambda r: r.arrival),
        Column("departure", "Leaves 离开", QVariant.String, lambda r: r.departure),
        Column("vehicle", "Vehicle 车辆", QVariant.String, lambda r: r.vehicle_name),
    ]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def table_model(title: str, columns: Sequence[Column], rows: Sequence[object]) -> TableModel:
    return TableModel(
        title, [c.header for c in columns], [[_cell(c.value(r)) for c in columns] for r in rows]
    )


def driver_table(
    plan: MobilePlan, rows: Sequence[DriverRow], depot_names: Sequence[str] = ()
) -> TableModel:
    """The driver's timetable: leave the depot, each stop (arrive, leave), back."""
    return table_model("Driver timetable 司机时刻表", driver_columns(depot_names, plan), rows)


def notice_table(rows: Sequence[StopVisitRow]) -> TableModel:
    """The notice for the stops: every visit, by stop and date."""
    return table_model("Visits by stop 站点服务时间", notice_columns(), rows)


def layer_fields(columns: Sequence[Column]) -> QgsFields:
    fields = QgsFields()
    for c in columns:
        fields.append(QgsField(c.field, c.kind))
    return fields


def layer_features(columns: Sequence[Column], rows: Sequence[object]) -> list[QgsFeature]:
    """Table features (no geometry) of ``rows`` with the columns' values."""
    fields = layer_fields(columns)
    out = []
    for r in rows:
        f = QgsFeature(fields)
        f.setAttributes([NULL if (v := c.value(r)) is None else v for c in columns])
        out.append(f)
    return out
