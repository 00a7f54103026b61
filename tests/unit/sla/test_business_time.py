"""Business-time arithmetic: worked examples for each awkward corner."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calmdesk.sla import business_time
from calmdesk.sla.business_time import (
    add_business_minutes,
    add_business_time,
    business_minutes_between,
    business_time_between,
    is_open,
    next_opening,
    open_intervals,
)
from calmdesk.sla.calendar import WEEKDAY_KEYS, BusinessCalendar, CalendarNeverOpenError

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
HOUR = timedelta(hours=1)
OFFICE = ["09:00-12:30", "13:30-17:30"]


def calendar(time_zone: str = "Europe/London", /, **fields: Any) -> BusinessCalendar:
    """Builds a calendar from weekday keywords (mon=[...]) and the other plain-data fields."""
    days = {key: fields.pop(key) for key in WEEKDAY_KEYS if key in fields}
    data: dict[str, Any] = {"time_zone": time_zone, "weekly": days, **fields}
    return BusinessCalendar.from_dict(data)


def office() -> BusinessCalendar:
    weekdays = dict.fromkeys(WEEKDAY_KEYS[:5], OFFICE)
    return calendar(holidays={"country": "GB", "subdivision": "ENG"}, **weekdays)


def always_open(time_zone: str = "Europe/London") -> BusinessCalendar:
    return calendar(time_zone, **{day: ["00:00-24:00"] for day in WEEKDAY_KEYS})


def at(zone: tzinfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def day_length(cal: BusinessCalendar, day: date) -> timedelta:
    return sum((end - start for start, end in open_intervals(cal, day)), timedelta(0))


# -- inputs and outputs ----------------------------------------------------------


def test_naive_instants_are_refused() -> None:
    cal, naive = office(), datetime(2024, 11, 11, 10)
    for call in (
        lambda: add_business_minutes(cal, naive, 5),
        lambda: business_time_between(cal, naive, naive.replace(tzinfo=UTC)),
        lambda: business_time_between(cal, naive.replace(tzinfo=UTC), naive),
        lambda: next_opening(cal, naive),
        lambda: is_open(cal, naive),
    ):
        with pytest.raises(ValueError, match="naive datetime"):
            call()


def test_results_are_utc_whatever_zone_the_input_uses() -> None:
    start = at(ZoneInfo("Asia/Tokyo"), 2024, 11, 11, 19)  # 10:00 in London
    due = add_business_minutes(office(), start, 30)
    assert due.tzinfo is UTC
    assert due == at(LONDON, 2024, 11, 11, 10, 30)
    assert next_opening(office(), start).tzinfo is UTC


def test_zero_duration_is_the_start_itself_and_negative_is_refused() -> None:
    saturday = at(LONDON, 2024, 11, 9, 12)
    assert add_business_time(office(), saturday, timedelta(0)) == saturday
    with pytest.raises(ValueError, match="negative"):
        add_business_minutes(office(), saturday, -1)


# -- ordinary weeks ----------------------------------------------------------------


def test_target_carries_over_the_weekend() -> None:
    friday = at(LONDON, 2024, 11, 8, 16, 30)
    due = add_business_minutes(office(), friday, 120)
    assert due == at(LONDON, 2024, 11, 11, 10)
    assert business_minutes_between(office(), friday, due) == 120


def test_lunch_break_is_skipped() -> None:
    assert add_business_minutes(office(), at(LONDON, 2024, 11, 11, 12), 60) == at(
        LONDON, 2024, 11, 11, 14
    )


def test_target_reached_at_a_window_end_is_due_at_that_end() -> None:
    cal = office()
    due = add_business_minutes(cal, at(LONDON, 2024, 11, 11, 12), 30)
    assert due == at(LONDON, 2024, 11, 11, 12, 30)
    assert not is_open(cal, due)
    assert is_open(cal, due - timedelta(seconds=1))
    assert next_opening(cal, due) == at(LONDON, 2024, 11, 11, 13, 30)


def test_start_in_closed_time_counts_from_the_next_opening() -> None:
    saturday = at(LONDON, 2024, 11, 9, 12)
    assert add_business_minutes(office(), saturday, 1) == at(LONDON, 2024, 11, 11, 9, 1)
    assert next_opening(office(), saturday) == at(LONDON, 2024, 11, 11, 9)
    assert next_opening(office(), at(LONDON, 2024, 11, 11, 9, 5)) == at(LONDON, 2024, 11, 11, 9, 5)


def test_second_precision_and_minutes_round_toward_zero() -> None:
    cal, start = office(), at(LONDON, 2024, 11, 11, 9)
    later = start + timedelta(minutes=1, seconds=59)
    assert business_time_between(cal, start, later) == timedelta(minutes=1, seconds=59)
    assert business_minutes_between(cal, start, later) == 1
    assert business_minutes_between(cal, later, start) == -1
    assert add_business_time(cal, start, timedelta(seconds=90)) == start + timedelta(seconds=90)


# -- midnight, 24:00 and year ends -------------------------------------------------


def test_window_ending_at_24_00_runs_into_the_next_days_midnight_window() -> None:
    cal = calendar(mon=["22:00-24:00"], tue=["00:00-02:00"])
    monday_late = at(LONDON, 2024, 11, 11, 23)
    assert add_business_minutes(cal, monday_late, 120) == at(LONDON, 2024, 11, 12, 1)
    assert business_time_between(cal, at(LONDON, 2024, 11, 11, 21), at(LONDON, 2024, 11, 12, 3)) == 4 * HOUR
    assert is_open(cal, at(LONDON, 2024, 11, 11, 23, 59) + timedelta(seconds=59))
    assert is_open(cal, at(LONDON, 2024, 11, 12, 0))
    assert not is_open(cal, at(LONDON, 2024, 11, 12, 2))


def test_year_end_skips_new_years_day() -> None:
    last_afternoon = at(LONDON, 2024, 12, 31, 17)
    due = add_business_minutes(office(), last_afternoon, 60)
    assert due == at(LONDON, 2025, 1, 2, 9, 30)
    assert business_minutes_between(office(), last_afternoon, due) == 60


def test_year_end_on_an_always_open_desk() -> None:
    assert add_business_minutes(always_open("UTC"), at(UTC, 2024, 12, 31, 23, 30), 60) == at(
        UTC, 2025, 1, 1, 0, 30
    )


# -- daylight saving -----------------------------------------------------------------


def test_spring_forward_shortens_a_window_that_holds_the_skipped_hour() -> None:
    cal = calendar(sun=["00:30-03:00"])  # London skips 01:00-02:00 on 2024-03-31
    sunday = date(2024, 3, 31)
    assert day_length(cal, sunday) == timedelta(hours=1, minutes=30)
    assert day_length(cal, date(2024, 3, 24)) == timedelta(hours=2, minutes=30)
    assert add_business_minutes(cal, at(LONDON, 2024, 3, 30, 12), 60) == at(LONDON, 2024, 3, 31, 2, 30)


def test_window_inside_the_skipped_hour_is_empty_and_one_starting_in_it_opens_at_the_jump() -> None:
    assert day_length(calendar(sun=["01:15-01:45"]), date(2024, 3, 31)) == timedelta(0)
    cal = calendar(sun=["01:30-03:00"])
    assert next_opening(cal, at(LONDON, 2024, 3, 30, 12)) == at(UTC, 2024, 3, 31, 1)
    assert day_length(cal, date(2024, 3, 31)) == HOUR


def test_spring_forward_in_new_york() -> None:
    cal = calendar("America/New_York", sun=["01:00-04:00"])  # skips 02:00-03:00 on 2024-03-10
    assert day_length(cal, date(2024, 3, 10)) == 2 * HOUR
    assert add_business_minutes(cal, at(NEW_YORK, 2024, 3, 10, 0), 90) == at(NEW_YORK, 2024, 3, 10, 3, 30)


def test_fall_back_lengthens_a_window_that_holds_the_repeated_hour() -> None:
    cal = calendar(sun=["00:00-04:00"])  # London repeats 01:00-02:00 on 2024-10-27
    assert day_length(cal, date(2024, 10, 27)) == 5 * HOUR
    start = at(LONDON, 2024, 10, 27, 0)
    assert add_business_minutes(cal, start, 5 * 60) == at(LONDON, 2024, 10, 27, 4)
    ny = calendar("America/New_York", sun=["00:00-03:00"])
    assert day_length(ny, date(2024, 11, 3)) == 4 * HOUR


def test_window_ending_inside_the_repeated_hour_opens_again_for_the_repeat() -> None:
    cal = calendar(sun=["00:30-01:30"])
    assert open_intervals(cal, date(2024, 10, 27)) == [
        (at(UTC, 2024, 10, 26, 23, 30), at(UTC, 2024, 10, 27, 0, 30)),  # 00:30-01:30 BST
        (at(UTC, 2024, 10, 27, 1), at(UTC, 2024, 10, 27, 1, 30)),  # 01:00-01:30 GMT
    ]
    assert not is_open(cal, at(UTC, 2024, 10, 27, 0, 45))  # 01:45 BST


def test_half_hour_shift_and_odd_offsets() -> None:
    lord_howe = calendar("Australia/Lord_Howe", sun=["01:00-03:00"])  # 02:00 -> 01:30 on 2024-04-07
    assert day_length(lord_howe, date(2024, 4, 7)) == timedelta(hours=2, minutes=30)
    kathmandu = calendar("Asia/Kathmandu", mon=["09:00-10:00"])  # UTC+05:45
    assert next_opening(kathmandu, at(UTC, 2024, 11, 10, 12)) == at(UTC, 2024, 11, 11, 3, 15)


def test_day_that_starts_at_one_oclock() -> None:
    # Brazil once sprang forward at midnight: 2018-11-04 began at 01:00.
    cal = calendar("America/Sao_Paulo", sun=["00:00-02:00"])
    assert open_intervals(cal, date(2018, 11, 4)) == [(at(UTC, 2018, 11, 4, 3), at(UTC, 2018, 11, 4, 4))]


def test_always_open_desk_counts_real_elapsed_time_across_dst() -> None:
    cal = always_open()
    start = at(LONDON, 2024, 3, 20, 12)
    assert add_business_minutes(cal, start, 30 * 24 * 60) == start.astimezone(UTC) + timedelta(days=30)
    assert day_length(cal, date(2024, 3, 31)) == 23 * HOUR
    assert day_length(cal, date(2024, 10, 27)) == 25 * HOUR


# -- never open, and speed -------------------------------------------------------------


def test_calendar_with_no_open_time_raises_instead_of_looping() -> None:
    never = calendar()
    start = at(UTC, 2024, 11, 11)
    with pytest.raises(CalendarNeverOpenError, match="no open time"):
        add_business_minutes(never, start, 1)
    with pytest.raises(CalendarNeverOpenError):
        next_opening(never, start)
    assert business_time_between(never, start, start + timedelta(days=400)) == timedelta(0)
    assert not is_open(never, start)


def test_a_rare_open_date_is_found_but_one_beyond_the_search_span_is_not() -> None:
    start = at(UTC, 2024, 11, 11)
    rare = calendar(open_dates={"2026-06-01": ["09:00-10:00"], "2028-01-10": ["09:00-10:00"]})
    assert next_opening(rare, start) == at(LONDON, 2026, 6, 1, 9)
    assert add_business_minutes(rare, start, 90) == at(LONDON, 2028, 1, 10, 9, 30)
    too_far = calendar(open_dates={"2028-06-01": ["09:00-10:00"]})
    with pytest.raises(CalendarNeverOpenError):
        next_opening(too_far, start)


@pytest.mark.parametrize(
    ("cal", "minutes"),
    [(always_open(), 30 * 24 * 60), (office(), 6 * 60), (office(), 30 * 24 * 60)],
)
def test_arithmetic_walks_days_not_minutes(
    monkeypatch: pytest.MonkeyPatch, cal: BusinessCalendar, minutes: int
) -> None:
    days_looked_at: list[date] = []
    real = business_time.open_intervals

    def counting(calendar: BusinessCalendar, day: date) -> list[tuple[datetime, datetime]]:
        days_looked_at.append(day)
        return real(calendar, day)

    monkeypatch.setattr(business_time, "open_intervals", counting)
    start = at(LONDON, 2024, 10, 1, 10)
    due = add_business_minutes(cal, start, minutes)
    spanned = (due.astimezone(LONDON).date() - start.date()).days + 1
    assert len(days_looked_at) == spanned
