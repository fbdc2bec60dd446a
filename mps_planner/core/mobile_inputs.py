"""What a planner types for a mobile service, read into numbers the routing core takes.

* a stop's required frequency: visits per planning period, or "every N days", as a number
  (with the unit chosen for the whole field) or as text: "every 14 days", "14d", "2 weeks",
  "fortnightly", "monthly", "3 visits", "3x", "每14天", "每两周", "每月", "3次";
* working weekdays: "Mon-Fri", "Mon,Wed,Fri", "1-5" (1 = Monday), "周一至周五";
* a clock time "08:00" (minutes since midnight) and an optional ISO start date.

Every refusal names the stop (or the value) and says what to write instead.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from typing import Sequence

from .errors import InputError
from .routing import PlanningPeriod, Stop

FREQUENCY_UNITS = ("every_days", "visits")  # what a plain number in a frequency field means

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
    "周一": 0,
    "周二": 1,
    "周三": 2,
    "周四": 3,
    "周五": 4,
    "周六": 5,
    "周日": 6,
    "周天": 6,
    "星期一": 0,
    "星期二": 1,
    "星期三": 2,
    "星期四": 3,
    "星期五": 4,
    "星期六": 5,
    "星期日": 6,
    "星期天": 6,
}
_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_CN_DIGITS.update({"九": 9, "十": 10})
_WORDS_EVERY = {  # words meaning "every N days"
    "daily": 1.0,
    "weekly": 7.0,
    "fortnightly": 14.0,
    "biweekly": 14.0,
    "monthly": 30.0,
    "每天": 1.0,
    "每日": 1.0,
    "每周": 7.0,
    "每两周": 14.0,
    "每半月": 15.0,
    "每月": 30.0,
}
_DAY_UNITS = {"d": 1.0, "day": 1.0, "days": 1.0, "天": 1.0, "日": 1.0}
_DAY_UNITS.update({"w": 7.0, "wk": 7.0, "week": 7.0, "weeks": 7.0, "周": 7.0, "星期": 7.0})
_DAY_UNITS.update({"month": 30.0, "months": 30.0, "月": 30.0, "个月": 30.0})
_VISIT_UNITS = ("x", "visit", "visits", "times", "per period", "次", "回")


@dataclass(frozen=True)
class Frequency:
    """A stop's required frequency: ``visits`` per period or ``every_days``; both None means
    'use the default'."""

    visits: int | None = None
    every_days: float | None = None

    @property
    def given(self) -> bool:
        return self.visits is not None or self.every_days is not None


def _number(text: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    if text in _CN_DIGITS:
        return float(_CN_DIGITS[text])
    if len(text) == 2 and text[0] == "十" and text[1] in _CN_DIGITS:
        return 10.0 + _CN_DIGITS[text[1]]
    if len(text) in (2, 3) and text[1] == "十" and text[0] in _CN_DIGITS:
        return 10.0 * _CN_DIGITS[text[0]] + (_CN_DIGITS.get(text[2], 0) if len(text) == 3 else 0)
    return None


def parse_frequency(value, unit: str = "every_days", stop: str = "") -> Frequency:
    """One field value as a :class:`Frequency` (empty / NULL → not given).

    A plain number means visits per period when ``unit`` is "visits", else every N days.
    """
    if unit not in FREQUENCY_UNITS:
        raise InputError(f"The frequency unit must be one of {FREQUENCY_UNITS}, not '{unit}'.")
    who = f" of stop '{stop}'" if stop else ""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Frequency()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(float(value), unit, who, str(value))
    text = str(value).strip().lower()
    if text in ("", "null", "none", "nan"):
        return Frequency()
    if text in _WORDS_EVERY:
        return Frequency(every_days=_WORDS_EVERY[text])
    plain = _number(text)
    if plain is not None:
        return _from_number(plain, unit, who, text)
    m = re.fullmatch(r"(?:every|each|每)?\s*([0-9.]+|[一两二三四五六七八九十]+)\s*(.*)", text)
    if m:
        n = _number(m.group(1))
        rest = m.group(2).strip().rstrip(".")
        if n is not None:
            if rest in _DAY_UNITS:
                return _from_number(n * _DAY_UNITS[rest], "every_days", who, text)
            if rest in _VISIT_UNITS or rest.endswith(("visits", "visit", "次")):
                return _from_number(n, "visits", who, text)
    raise InputError(
        f"Cannot read the frequency '{value}'{who}. Write a number, 'every 14 days', '2 weeks', "
        "'monthly', '3 visits' (per planning period), '每14天', '每两周' or '3次'."
    )


def _from_number(n: float, unit: str, who: str, text: str) -> Frequency:
    if not (math.isfinite(n) and n > 0):
        raise InputError(f"The frequency '{text}'{who} must be more than 0.")
    if unit == "visits":
        if abs(n - round(n)) > 1e-9:
            raise InputError(
                f"The frequency '{text}'{who} is read as visits per period and must be a whole "
                "number; for an interval write e.g. 'every 10 days'."
            )
        return Frequency(visits=round(n))
    return Frequency(every_days=n)


def parse_weekdays(text: str) -> tuple[int, ...]:
    """'Mon-Fri', 'Mon,Wed,Fri', '1-5' (1 = Monday … 7 = Sunday), '周一至周五' → weekday numbers
    0 (Monday) … 6 (Sunday), sorted."""
    raw = str(text or "").strip().lower()
    if not raw:
        raise InputError("Give the working weekdays, e.g. 'Mon-Fri' or 'Mon,Wed,Fri'.")
    days: set[int] = set()
    for part in re.split(r"[,;，；、\s]+", raw):
        if not part:
            continue
        ends = re.split(r"\s*(?:-|–|—|~|至|到)\s*", part)
        if len(ends) > 2:
            raise InputError(f"Cannot read the weekday range '{part}'; write e.g. 'Mon-Fri'.")
        a = _weekday(ends[0], text)
        b = _weekday(ends[-1], text)
        if len(ends) == 1:
            days.add(a)
        else:
            k = a
            while True:
                days.add(k)
                if k == b:
                    break
                k = (k + 1) % 7
    return tuple(sorted(days))


def _weekday(token: str, whole: str) -> int:
    token = token.strip().rstrip(".")
    if token in _WEEKDAYS:
        return _WEEKDAYS[token]
    if token.isdigit() and 1 <= int(token) <= 7:
        return int(token) - 1
    raise InputError(
        f"'{token}' in '{whole}' is not a weekday: use Mon … Sun, 1 … 7 (1 = Monday) or "
        "周一 … 周日."
    )


def parse_clock(text: str) -> float:
    """'08:00' or '8:30' or '8' → minutes since midnight."""
    raw = str(text or "").strip().replace("：", ":")
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", raw)
    if not m or int(m.group(1)) > 23 or (m.group(2) and int(m.group(2)) > 59):
        raise InputError(f"'{text}' is not a clock time; write it as HH:MM, e.g. 08:00.")
    return 60.0 * int(m.group(1)) + (int(m.group(2)) if m.group(2) else 0)


def parse_date(text: str | None) -> _dt.date | None:
    """An ISO date 'YYYY-MM-DD' (empty → None: day 0 is then a Monday)."""
    raw = str(text or "").strip()
    if not raw or raw.upper() == "NULL":
        return None
    try:
        return _dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"'{text}' is not a date; write it as YYYY-MM-DD.") from None


def working_days(period: PlanningPeriod, weekdays: Sequence[int]) -> tuple[int, ...]:
    """Day indices of the period on the given weekdays; refuses a period without any."""
    days = period.days_on(weekdays)
    if not days:
        raise InputError(
            f"The {period.n_days}-day planning period has none of the working weekdays; "
            "lengthen the period or add weekdays."
        )
    return days


def stops_with_frequency(
    nodes: Sequence[int],
    names: Sequence[str],
    frequencies: Sequence[Frequency],
    default_every_days: float | None,
    dwell_minutes: Sequence[float | None] | None = None,
) -> list[Stop]:
    """Routing stops: each its own frequency, or the standard's interval when not given.

    Without a default (the standard has no visit interval) a stop without a frequency is
    visited once per period.
    """
    out = []
    for k, (node, name, f) in enumerate(zip(nodes, names, frequencies)):
        dwell = None if dwell_minutes is None else dwell_minutes[k]
        if dwell is not None and not (math.isfinite(dwell) and dwell >= 0):
            raise InputError(f"The dwell time of stop '{name}' must be 0 or more minutes.")
        if f.given:
            out.append(Stop(int(node), name, f.visits, f.every_days, dwell))
        else:
            out.append(Stop(int(node), name, None, default_every_days, dwell))
    return out
