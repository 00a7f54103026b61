"""Business calendars: windows, validation, which windows a date has, and plain data."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date, timedelta
from typing import Any

import holidays
import pytest

from calmdesk.sla import calendar as calendar_module
from calmdesk.sla.calendar import BusinessCalendar, WorkingWindow

OFFICE = ["09:00-12:30", "13:30-17:30"]


def office_json(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "time_zone": "Europe/London",
        "weekly": dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), OFFICE),
        "holidays": {"country": "GB", "subdivision": "ENG"},
    }
    data.update(overrides)
    return data


def hours(*texts: str) -> tuple[WorkingWindow, ...]:
    return tuple(WorkingWindow.parse(text) for text in texts)


# -- windows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("09:00-12:30", 9 * 3600, 12 * 3600 + 30 * 60),
        ("00:00-24:00", 0, 86400),
        (" 7:05 - 8:10 ", 7 * 3600 + 5 * 60, 8 * 3600 + 10 * 60),
        ("09:00:30-10:00", 9 * 3600 + 30, 10 * 3600),
    ],
)
def test_window_parses_wall_clock_text(text: str, start: int, end: int) -> None:
    window = WorkingWindow.parse(text)
    assert (window.start, window.end) == (start, end)
    assert WorkingWindow.parse(str(window)) == window


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("9-5", "HH:MM-HH:MM"),
        ("12:00-09:00", "start must be before the end"),
        ("09:00-09:00", "start must be before the end"),
        ("24:00-24:00", "cannot start at 24:00"),
        ("10:60-11:00", "not a time of day"),
        ("23:00-24:30", "not a time of day"),
        ("25:00-26:00", "not a time of day"),
    ],
)
def test_window_refuses_what_is_not_a_window(text: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        WorkingWindow.parse(text)


def test_window_built_directly_is_checked_too() -> None:
    with pytest.raises(ValueError, match="start < end"):
        WorkingWindow(3600, 3600)


def test_overlapping_windows_on_a_day_are_refused_with_both_named() -> None:
    with pytest.raises(ValueError, match=r"tue: working windows 09:00-12:30 and 12:00-14:00 overlap"):
        BusinessCalendar.from_dict(office_json(weekly={"tue": ["12:00-14:00", "09:00-12:30"]}))


def test_touching_windows_are_fine_and_kept_in_order() -> None:
    calendar = BusinessCalendar.from_dict(office_json(weekly={"mon": ["13:00-17:00", "09:00-13:00"]}))
    assert calendar.weekly[0] == hours("09:00-13:00", "13:00-17:00")


# -- calendar validation -----------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"time_zone": "Europe/Atlantis"}, "unknown time zone 'Europe/Atlantis'"),
        ({"time_zone": "../etc/passwd"}, "unknown time zone"),
        ({"holidays": {"country": "XX"}}, "unknown holiday calendar"),
        ({"holidays": {"country": "GB", "subdivision": "ZZZ"}}, "unknown holiday calendar"),
        ({"holidays": {"subdivision": "ENG"}}, "needs a holiday country"),
        ({"holidays": {"country": "GB", "region": "ENG"}}, "unknown holiday fields: region"),
        ({"weekly": {"monday": OFFICE}}, "unknown weekdays"),
        ({"closed_dates": ["24/12/2024"]}, "date '24/12/2024': write it as YYYY-MM-DD"),
        ({"opening_hours": {}}, "unknown calendar fields: opening_hours"),
        (
            {"closed_dates": ["2024-12-24"], "open_dates": {"2024-12-24": None}},
            "both closed and open: 2024-12-24",
        ),
        ({"open_dates": {"2024-12-28": ["10:00-09:00"]}}, "start must be before the end"),
        ({"open_dates": {"2024-12-28": []}}, "give it windows, null, or list it as closed"),
        ({"open_dates": ["2024-12-28"]}, "open_dates must be an object"),
        ({"closed_dates": "2024-12-24"}, "closed_dates must be a list"),
        ({"weekly": {"mon": [900, 1700]}}, "give a list like"),
        ({"weekly": ["09:00-17:00"]}, "weekly must be an object"),
        ({"holidays": {"country": 44}}, "holiday country must be text"),
        ({"time_zone": None}, "needs a time_zone"),
    ],
)
def test_calendar_refuses_bad_plain_data_readably(overrides: dict[str, Any], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        BusinessCalendar.from_dict(office_json(**overrides))


def test_calendar_needs_a_time_zone() -> None:
    with pytest.raises(ValueError, match="needs a time_zone"):
        BusinessCalendar.from_dict({"weekly": {}})


def test_calendar_needs_seven_weekdays() -> None:
    with pytest.raises(ValueError, match="7 days"):
        BusinessCalendar(time_zone="UTC", weekly=((),) * 5)


# -- which windows a date has ------------------------------------------------------


def test_weekday_weekend_and_public_holiday() -> None:
    calendar = BusinessCalendar.from_dict(office_json())
    assert calendar.windows_on(date(2024, 12, 23)) == hours(*OFFICE)  # Monday
    assert calendar.windows_on(date(2024, 12, 21)) == ()  # Saturday
    assert calendar.windows_on(date(2024, 12, 25)) == ()  # Christmas Day
    assert calendar.windows_on(date(2024, 12, 26)) == ()  # Boxing Day
    assert calendar.is_holiday(date(2024, 12, 25))
    assert not calendar.is_holiday(date(2024, 12, 24))


def test_subdivision_holidays_differ() -> None:
    scotland = BusinessCalendar.from_dict(office_json(holidays={"country": "GB", "subdivision": "SCT"}))
    england = BusinessCalendar.from_dict(office_json())
    assert scotland.windows_on(date(2025, 1, 2)) == ()  # 2 January is a Scottish bank holiday
    assert england.windows_on(date(2025, 1, 2)) == hours(*OFFICE)


def test_closed_date_beats_everything_and_open_date_beats_holiday() -> None:
    calendar = BusinessCalendar.from_dict(
        office_json(
            closed_dates=["2024-12-24"],
            open_dates={"2024-12-26": ["10:00-14:00"], "2024-12-25": None},
        )
    )
    assert calendar.windows_on(date(2024, 12, 24)) == ()
    assert calendar.windows_on(date(2024, 12, 25)) == hours(*OFFICE)
    assert calendar.windows_on(date(2024, 12, 26)) == hours("10:00-14:00")


def test_open_date_without_windows_on_a_closed_weekday_uses_the_normal_working_day() -> None:
    weekly = {"tue": ["08:00-16:00"], "wed": ["10:00-18:00"]}
    calendar = BusinessCalendar.from_dict(office_json(weekly=weekly, open_dates={"2024-12-28": None}))
    assert calendar.windows_on(date(2024, 12, 28)) == hours("08:00-16:00")  # a Saturday


def test_holiday_lookups_are_built_once_per_country_subdivision_and_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[tuple[str, str | None, int | None]] = []
    real = holidays.country_holidays

    def counting(country: str, subdiv: str | None = None, years: int | None = None) -> Any:
        if years is not None:
            built.append((country, subdiv, years))
        return real(country, subdiv=subdiv, years=years)

    monkeypatch.setattr(holidays, "country_holidays", counting)
    calendar_module._holiday_dates.cache_clear()
    calendar = BusinessCalendar.from_dict(office_json(holidays={"country": "DE", "subdivision": "BY"}))
    for day_number in range(365 * 2):
        calendar.windows_on(date(2024, 1, 1) + timedelta(days=day_number))
    assert sorted(built) == [("DE", "BY", 2024), ("DE", "BY", 2025)]


# -- plain data --------------------------------------------------------------------


def test_plain_data_survives_json() -> None:
    data = office_json(
        weekly={"mon": ["00:00-04:00", "22:00-24:00"], "sat": ["10:00-14:00"]},
        closed_dates=["2025-01-03", "2024-12-24"],
        open_dates={"2024-12-28": None, "2024-12-29": "10:00-12:00"},
    )
    calendar = BusinessCalendar.from_dict(data)
    stored = json.loads(json.dumps(calendar.to_dict()))
    assert stored == {
        "time_zone": "Europe/London",
        "weekly": {"mon": ["00:00-04:00", "22:00-24:00"], "sat": ["10:00-14:00"]},
        "holidays": {"country": "GB", "subdivision": "ENG"},
        "closed_dates": ["2024-12-24", "2025-01-03"],
        "open_dates": {"2024-12-28": None, "2024-12-29": ["10:00-12:00"]},
    }
    assert BusinessCalendar.from_dict(stored) == calendar


def test_calendar_survives_pickling_and_deep_copies() -> None:
    calendar = BusinessCalendar.from_dict(office_json(open_dates={"2024-12-28": None}))
    assert pickle.loads(pickle.dumps(calendar)) == calendar  # noqa: S301 - our own bytes
    assert copy.deepcopy(calendar) == calendar


def test_calendar_without_holidays_round_trips() -> None:
    calendar = BusinessCalendar.from_dict({"time_zone": "UTC", "weekly": {"sun": ["00:00-24:00"]}})
    assert calendar.to_dict()["holidays"] is None
    assert BusinessCalendar.from_dict(calendar.to_dict()) == calendar
    assert calendar.windows_on(date(2024, 12, 29)) == hours("00:00-24:00")
