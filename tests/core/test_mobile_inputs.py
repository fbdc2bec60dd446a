"""Frequencies, weekdays, clock times and dates as planners type them."""

from __future__ import annotations

import datetime as dt

import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.mobile_inputs import (
    Frequency,
    parse_clock,
    parse_date,
    parse_frequency,
    parse_weekdays,
    stops_with_frequency,
    working_days,
)
from mps_planner.core.routing import PlanningPeriod


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (14, "every_days", Frequency(every_days=14.0)),
        (3, "visits", Frequency(visits=3)),
        ("every 14 days", "visits", Frequency(every_days=14.0)),
        ("14d", "visits", Frequency(every_days=14.0)),
        ("2 weeks", "visits", Frequency(every_days=14.0)),
        ("every 2 weeks", "visits", Frequency(every_days=14.0)),
        ("fortnightly", "visits", Frequency(every_days=14.0)),
        ("Monthly", "visits", Frequency(every_days=30.0)),
        ("3 visits", "every_days", Frequency(visits=3)),
        ("4x", "every_days", Frequency(visits=4)),
        ("每14天", "visits", Frequency(every_days=14.0)),
        ("每两周", "visits", Frequency(every_days=14.0)),
        ("每2周", "visits", Frequency(every_days=14.0)),
        ("每月", "visits", Frequency(every_days=30.0)),
        ("3次", "every_days", Frequency(visits=3)),
        ("十次", "every_days", Frequency(visits=10)),
        ("7", "every_days", Frequency(every_days=7.0)),
        ("2", "visits", Frequency(visits=2)),
        (None, "visits", Frequency()),
        ("", "visits", Frequency()),
        ("NULL", "visits", Frequency()),
    ],
)
def test_frequency_text_and_numbers(value, unit, expected):
    assert parse_frequency(value, unit) == expected


@pytest.mark.parametrize("value", ["often", "every blue moon", "-3", 0, "2.5 visits"])
def test_unreadable_or_impossible_frequency_names_the_stop(value):
    with pytest.raises(InputError, match="Bayan Gacha"):
        parse_frequency(value, "visits", stop="Bayan Gacha")


def test_number_of_visits_must_be_whole():
    with pytest.raises(InputError, match="whole number"):
        parse_frequency(2.5, "visits")
    assert parse_frequency(2.5, "every_days") == Frequency(every_days=2.5)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Mon-Fri", (0, 1, 2, 3, 4)),
        ("mon–fri", (0, 1, 2, 3, 4)),
        ("Mon,Wed,Fri", (0, 2, 4)),
        ("1-5", (0, 1, 2, 3, 4)),
        ("6,7", (5, 6)),
        ("周一至周五", (0, 1, 2, 3, 4)),
        ("周二、周四", (1, 3)),
        ("Fri-Mon", (0, 4, 5, 6)),  # a range over the weekend wraps
        ("Sat", (5,)),
    ],
)
def test_weekdays(text, days):
    assert parse_weekdays(text) == days


@pytest.mark.parametrize("text", ["", "Funday", "8", "Mon-Tue-Wed"])
def test_bad_weekdays(text):
    with pytest.raises(InputError):
        parse_weekdays(text)


def test_clock_and_date():
    assert parse_clock("08:00") == 480
    assert parse_clock("7:30") == 450
    assert parse_clock("9") == 540
    assert parse_clock("08：15") == 495  # a full-width colon from a Chinese keyboard
    for bad in ("25:00", "8:75", "eight"):
        with pytest.raises(InputError, match="HH:MM"):
            parse_clock(bad)
    assert parse_date("2026-06-01") == dt.date(2026, 6, 1)
    assert parse_date("") is None and parse_date(None) is None
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_date("1 June")


def test_working_days_follow_the_start_date():
    # 2026-06-03 is a Wednesday: Mon–Fri of two weeks are days 0,1,2 then 5..9 then 12,13.
    period = PlanningPeriod.weeks(2, dt.date(2026, 6, 3))
    assert working_days(period, (0, 1, 2, 3, 4)) == (0, 1, 2, 5, 6, 7, 8, 9, 12, 13)
    with pytest.raises(InputError, match="none of the working weekdays"):
        working_days(PlanningPeriod(2, dt.date(2026, 6, 6)), (0,))  # Sat + Sun only


def test_stops_take_the_standard_interval_when_not_given():
    stops = stops_with_frequency(
        [3, 4, 5],
        ["a", "b", "c"],
        [Frequency(), Frequency(visits=4), Frequency(every_days=7.0)],
        14.0,
        [None, 10.0, None],
    )
    assert [s.required_visits(28) for s in stops] == [2, 4, 4]
    assert [s.dwell_minutes for s in stops] == [None, 10.0, None]
    assert [s.node for s in stops] == [3, 4, 5]
    once = stops_with_frequency([1], ["x"], [Frequency()], None)
    assert once[0].required_visits(28) == 1
    with pytest.raises(InputError, match="'x'"):
        stops_with_frequency([1], ["x"], [Frequency()], None, [-5.0])
