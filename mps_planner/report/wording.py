"""The words printed on sheets, in the language chosen for the print.

A printed notice is read by the people at the stop, not by the planner: a planner whose QGIS
speaks English may print notices in Chinese, or in both languages. So sheets take a
``language`` ("en", "zh" or "both"); the default follows QGIS's locale (zh_* → "zh").
"""

from __future__ import annotations

PHRASES: dict[str, tuple[str, str]] = {
    # key: (English, Chinese)
    "legend": ("Legend", "图例"),
    "coverage_by_district": ("Coverage by district", "各区覆盖情况"),
    "people_covered": ("People covered", "覆盖人口"),
    "district": ("District", "区域"),
    "name_local": ("Name", "名称"),
    "people": ("People", "人口"),
    "beyond": ("Beyond {t} min", "超过{t}分钟"),
    "within": ("≤{t} min", "≤{t}分钟"),
    "share_within": ("% within {t} min", "{t}分钟内 %"),
    "threshold": ("Travel time", "出行时间"),
    "covered": ("Covered", "已覆盖"),
    "share": ("Share %", "比例 %"),
    "uncovered": ("Not covered", "未覆盖"),
    "total": ("Total", "合计"),
    "no_people": ("no people", "无人口"),
    "next_visits": ("Next visits", "近期服务时间"),
    "date": ("Date", "日期"),
    "day": ("Day", "星期"),
    "time": ("Time", "时间"),
    "vehicle": ("Vehicle", "车辆"),
    "stop": ("Stop", "停靠点"),
    "visits": ("Visits", "服务次数"),
    "stops_timetable": ("Mobile stops and visits", "流动服务停靠点及时间"),
    "no_stops": ("No mobile stop in this district.", "本区域暂无流动服务停靠点。"),
    "no_visits": ("No visit planned yet.", "暂无服务计划。"),
    "more_rows": ("+ {n} more rows in {file}", "另有 {n} 行见 {file}"),
    "mobile_stop": ("Mobile service stop", "流动服务停靠点"),
    "stop_notice_footer": (
        "Times are planned arrival and departure; the vehicle may be late on bad roads.",
        "时间为计划到达和离开时间；路况不佳时车辆可能晚到。",
    ),
    "difference": ("B − A", "B − A"),
    "gain_loss": ("People gaining / losing coverage", "覆盖增减人口"),
    "scenario": ("Scenario", "方案"),
    "scenario_comparison": ("Scenario comparison", "方案比较"),
    "page": ("Page", "页"),
    "district_atlas": ("District atlas", "分区图集"),
    "coverage_chart": ("People covered by travel time", "不同出行时间的覆盖人口"),
    "coverage_curve": ("People newly covered by k new sites", "新增k个站点新覆盖的人口"),
    "people_newly_covered": ("People newly covered", "新覆盖人口"),
}

WEEKDAYS_ZH = {
    "Mon": "周一",
    "Tue": "周二",
    "Wed": "周三",
    "Thu": "周四",
    "Fri": "周五",
    "Sat": "周六",
    "Sun": "周日",
}
LANGUAGES = ("en", "zh", "both")


def default_language() -> str:
    """'zh' when QGIS (or Qt) runs in a Chinese locale, else 'en'."""
    locale = ""
    try:
        from qgis.core import QgsApplication

        locale = QgsApplication.locale() or ""
    except ImportError:  # pragma: no cover - QGIS is always there for layouts
        pass
    if not locale:
        from qgis.PyQt.QtCore import QLocale

        locale = QLocale().name()
    return "zh" if locale.lower().startswith("zh") else "en"


def check_language(language: str | None) -> str:
    if language is None:
        return default_language()
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return language


def phrase(key: str, language: str = "en", **values) -> str:
    """The phrase ``key`` in ``language``; "both" gives "English · 中文"."""
    en, zh = PHRASES[key]
    en, zh = en.format(**values), zh.format(**values)
    if language == "zh":
        return zh
    if language == "both" and zh != en:
        return f"{en} · {zh}"
    return en


def weekday(short: str, language: str = "en") -> str:
    zh = WEEKDAYS_ZH.get(short, short)
    if language == "zh":
        return zh
    if language == "both":
        return f"{short} {zh}"
    return short
