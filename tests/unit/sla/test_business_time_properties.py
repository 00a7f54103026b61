"""Business-time arithmetic against a slow minute-by-minute reference, over random calendars.

The reference reads the calendar's plain-data form itself and applies the rule in its
simplest words: the desk is open at an instant when the local wall clock, on that
instant's local date, reads a time inside one of that date's windows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calmdesk.sla.business_time import (
    add_business_minutes,
    add_business_time,
    business_minutes_between,
    business_time_between,
    is_open,
    next_opening,
)
from calmdesk.sla.calendar import WEEKDAY_KEYS, BusinessCalendar, CalendarNeverOpenError

HORIZON_MINUTES = 7 * 24 * 60
ONE_MINUTE = timedelta(minutes=1)

# Instants where the local clock does something awkward, per zone.
ANCHORS: dict[str, list[datetime]] = {
    "Europe/London": [
        datetime(2024, 3, 31, 1, tzinfo=UTC),  # 01:00 GMT -> 02:00 BST
        datetime(2024, 10, 27, 1, tzinfo=UTC),  # 02:00 BST -> 01:00 GMT
        datetime(2024, 12, 31, 23, 59, tzinfo=UTC),
    ],
    "America/New_York": [
        datetime(2024, 3, 10, 7, tzinfo=UTC),  # 02:00 EST -> 03:00 EDT
        datetime(2024, 11, 3, 6, tzinfo=UTC),  # 02:00 EDT -> 01:00 EST
        datetime(2025, 1, 1, 5, tzinfo=UTC),
    ],
    "America/Sao_Paulo": [
        datetime(2018, 11, 4, 3, tzinfo=UTC),  # midnight does not happen
        datetime(2019, 2, 17, 2, tzinfo=UTC),  # 23:00-24:00 happens twice
    ],
    "Australia/Lord_Howe": [
        datetime(2024, 4, 6, 15, tzinfo=UTC),  # half-hour fall-back
        datetime(2024, 10, 5, 15, 30, tzinfo=UTC),
    ],
    "Asia/Kathmandu": [datetime(2024, 12, 31, 18, 15, tzinfo=UTC)],
    "UTC": [datetime(2024, 12, 31, 23, 0, tzinfo=UTC)],
}
HOLIDAY_CHOICES: list[dict[str, str] | None] = [
    None,
    {"country": "GB", "subdivision": "ENG"},
    {"country": "US", "subdivision": "NY"},
    {"country": "BR"},
]


# -- the reference ---------------------------------------------------------------


def _seconds(clock_text: str) -> int:
    hours, minutes = clock_text.split(":")
    return int(hours) * 3600 + int(minutes) * 60


def _window_seconds(text: str) -> tuple[int, int]:
    start, end = text.split("-")
    return _seconds(start), _seconds(end)


class Reference:
    """The desk's opening hours from plain calendar data, asked one instant at a time."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.zone = ZoneInfo(data["time_zone"])
        self.holiday_years: dict[int, Any] = {}
        self.windows_by_day: dict[date, list[tuple[int, int]]] = {}

    def _is_holiday(self, day: date) -> bool:
        spec = self.data["holidays"]
        if spec is None:
            return False
        if day.year not in self.holiday_years:
            self.holiday_years[day.year] = holidays.country_holidays(
                spec["country"], subdiv=spec.get("subdivision"), years=day.year
            )
        return day in self.holiday_years[day.year]

    def windows(self, day: date) -> list[str]:
        weekly = self.data["weekly"]
        if day.isoformat() in self.data["closed_dates"]:
            return []
        if day.isoformat() in self.data["open_dates"]:
            stated = self.data["open_dates"][day.isoformat()]
            if stated is not None:
                return list(stated)
            own = weekly.get(WEEKDAY_KEYS[day.weekday()], [])
            firsts = [weekly[key] for key in WEEKDAY_KEYS if weekly.get(key)]
            return list(own or (firsts[0] if firsts else []))
        if self._is_holiday(day):
            return []
        return list(weekly.get(WEEKDAY_KEYS[day.weekday()], []))

    def is_open(self, instant: datetime) -> bool:
        local = instant.astimezone(self.zone)
        second = local.hour * 3600 + local.minute * 60 + local.second
        day = local.date()
        if day not in self.windows_by_day:
            self.windows_by_day[day] = [_window_seconds(text) for text in self.windows(day)]
        return any(start <= second < end for start, end in self.windows_by_day[day])

    def open_minutes(self, start: datetime, minutes: int) -> list[bool]:
        return [self.is_open(start + index * ONE_MINUTE) for index in range(minutes)]


# -- strategies ------------------------------------------------------------------

MINUTE_OF_DAY = st.one_of(
    st.integers(0, 96).map(lambda quarter: quarter * 15),  # lands on DST edges often
    st.integers(0, 1440),
)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def day_windows(draw: st.DrawFn, min_windows: int = 0, max_windows: int = 3) -> list[str]:
    count = draw(st.integers(min_windows, max_windows))
    cuts = sorted(draw(st.sets(MINUTE_OF_DAY, min_size=2 * count, max_size=2 * count)))
    return [f"{_hhmm(a)}-{_hhmm(b)}" for a, b in zip(cuts[::2], cuts[1::2], strict=True)]


@st.composite
def calendar_data(draw: st.DrawFn, time_zone: str, around: date) -> dict[str, Any]:
    nearby = st.integers(-3, 9).map(lambda days: around + timedelta(days=days))
    closed = draw(st.sets(nearby, max_size=3))
    open_dates = draw(
        st.dictionaries(
            nearby.filter(lambda day: day not in closed),
            st.one_of(st.none(), day_windows(min_windows=1, max_windows=2)),
            max_size=3,
        )
    )
    weekly = {key: draw(day_windows()) for key in WEEKDAY_KEYS}
    return {
        "time_zone": time_zone,
        "weekly": {key: windows for key, windows in weekly.items() if windows},
        "holidays": draw(st.sampled_from(HOLIDAY_CHOICES)),
        "closed_dates": sorted(day.isoformat() for day in closed),
        "open_dates": {day.isoformat(): windows for day, windows in open_dates.items()},
    }


@st.composite
def scenario(draw: st.DrawFn) -> tuple[dict[str, Any], datetime]:
    time_zone = draw(st.sampled_from(sorted(ANCHORS)))
    anchor = draw(
        st.one_of(
            st.sampled_from(ANCHORS[time_zone]),
            st.datetimes(datetime(2015, 1, 1), datetime(2030, 12, 31)).map(
                lambda moment: moment.replace(second=0, microsecond=0, tzinfo=UTC)
            ),
        )
    )
    start = anchor + draw(st.integers(-3 * 24 * 60, 24 * 60)) * ONE_MINUTE
    data = draw(calendar_data(time_zone, start.astimezone(ZoneInfo(time_zone)).date()))
    return data, start


REFERENCE_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@REFERENCE_SETTINGS
@given(scenario(), st.data())
def test_add_between_and_next_opening_match_the_minute_by_minute_reference(
    case: tuple[dict[str, Any], datetime], data: st.DataObject
) -> None:
    calendar_json, start = case
    calendar = BusinessCalendar.from_dict(calendar_json)
    reference = Reference(calendar_json)
    open_flags = reference.open_minutes(start, HORIZON_MINUTES)
    opened_before = [0, *accumulate(open_flags)]  # open minutes in [start, start + i)
    open_indexes = [index for index, flag in enumerate(open_flags) if flag]
    # Hand the instant in a third zone: any aware datetime is accepted.
    given_start = start.astimezone(ZoneInfo(data.draw(st.sampled_from(["UTC", "Asia/Tokyo"]))))

    offset = data.draw(st.integers(0, HORIZON_MINUTES), label="minutes to the end instant")
    end = start + offset * ONE_MINUTE
    assert business_time_between(calendar, given_start, end) == opened_before[offset] * ONE_MINUTE
    assert business_minutes_between(calendar, end, given_start) == -opened_before[offset]
    assert is_open(calendar, end) == reference.is_open(end)

    if not open_indexes:
        return
    opening = next_opening(calendar, given_start)
    assert opening == start + open_indexes[0] * ONE_MINUTE
    assert opening.tzinfo is UTC

    minutes = data.draw(st.integers(0, len(open_indexes)), label="business minutes to add")
    due = add_business_minutes(calendar, given_start, minutes)
    expected = start if minutes == 0 else start + (open_indexes[minutes - 1] + 1) * ONE_MINUTE
    assert due == expected
    assert due.tzinfo is UTC


@st.composite
def any_scenario_with_seconds(draw: st.DrawFn) -> tuple[BusinessCalendar, datetime]:
    calendar_json, start = draw(scenario())
    if not calendar_json["weekly"]:
        calendar_json["weekly"] = {"wed": ["10:00-11:00"]}
    jitter = timedelta(seconds=draw(st.integers(0, 59)), microseconds=draw(st.integers(0, 999)))
    return BusinessCalendar.from_dict(calendar_json), start + jitter


DURATIONS = st.integers(0, 60 * 24 * 3600).map(lambda seconds: timedelta(seconds=seconds))


@settings(max_examples=150, deadline=None)
@given(any_scenario_with_seconds(), DURATIONS)
def test_between_undoes_add(case: tuple[BusinessCalendar, datetime], duration: timedelta) -> None:
    calendar, start = case
    due = add_business_time(calendar, start, duration)
    assert due >= start
    assert business_time_between(calendar, start, due) == duration
    if duration:
        # Earliest such instant: one second sooner, the duration has not yet passed.
        assert business_time_between(calendar, start, due - timedelta(seconds=1)) < duration


@settings(max_examples=150, deadline=None)
@given(any_scenario_with_seconds(), DURATIONS, DURATIONS, st.integers(0, 5 * 24 * 3600))
def test_add_and_between_are_monotonic(
    case: tuple[BusinessCalendar, datetime],
    first: timedelta,
    second: timedelta,
    later_by: int,
) -> None:
    calendar, start = case
    shorter, longer = sorted((first, second))
    later_start = start + timedelta(seconds=later_by)
    assert add_business_time(calendar, start, shorter) <= add_business_time(calendar, start, longer)
    assert add_business_time(calendar, start, longer) <= add_business_time(
        calendar, later_start, longer
    )
    far = start + longer
    assert business_time_between(calendar, start, far) >= business_time_between(
        calendar, later_start, far
    )
    assert business_time_between(calendar, start, far) <= far - start


@settings(max_examples=100, deadline=None)
@given(any_scenario_with_seconds())
def test_next_opening_is_open_and_costs_no_business_time(
    case: tuple[BusinessCalendar, datetime],
) -> None:
    calendar, start = case
    try:
        opening = next_opening(calendar, start)
    except CalendarNeverOpenError:
        pytest.fail("every generated calendar has a weekly window")
    assert opening >= start
    assert is_open(calendar, opening)
    assert business_time_between(calendar, start, opening) == timedelta(0)
    assert is_open(calendar, start) == (opening == start)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(ANCHORS)).flatmap(lambda zone: calendar_data(zone, date(2024, 6, 1))))
def test_plain_data_round_trips(calendar_json: dict[str, Any]) -> None:
    calendar = BusinessCalendar.from_dict(calendar_json)
    again = BusinessCalendar.from_dict(calendar.to_dict())
    assert again == calendar
    assert hash(again) == hash(calendar)
    assert again.to_dict() == calendar.to_dict()
