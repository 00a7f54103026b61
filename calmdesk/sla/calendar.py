"""Business calendars: a time zone, weekly working windows, holidays and date exceptions.

A calendar is a plain immutable value. It answers one question, "which wall-clock
windows is the desk open on this local date?" (:meth:`BusinessCalendar.windows_on`);
turning those windows into instants and doing arithmetic on them lives in
:mod:`calmdesk.sla.business_time`. :meth:`BusinessCalendar.from_dict` and
:meth:`BusinessCalendar.to_dict` convert to and from the JSON the database stores.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SECONDS_PER_DAY = 24 * 60 * 60
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CALENDAR_KEYS = frozenset({"time_zone", "weekly", "holidays", "closed_dates", "open_dates"})
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"
_WINDOW_PATTERN = re.compile(rf"^\s*{_TIME}\s*-\s*{_TIME}\s*$")


class CalendarNeverOpenError(ValueError):
    """The calendar has no open time in the searched span, so no deadline can be computed."""


@dataclass(frozen=True, order=True)
class WorkingWindow:
    """A wall-clock working window on one local date, in seconds after local midnight.

    ``end`` may be ``86400`` (24:00): the window then runs to the end of the day.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= SECONDS_PER_DAY:
            raise ValueError(
                f"working window ({self.start}s, {self.end}s): need 00:00 <= start < end <= 24:00"
            )

    @classmethod
    def parse(cls, text: str) -> WorkingWindow:
        """Parses a window written as ``"09:00-12:30"`` (``24:00`` allowed as the end)."""
        match = _WINDOW_PATTERN.match(text)
        if match is None:
            raise ValueError(f"working window {text!r}: write it as HH:MM-HH:MM, e.g. 09:00-17:30")
        parts = [int(part or 0) for part in match.groups()]
        start, end = _seconds_of_day(text, *parts[:3]), _seconds_of_day(text, *parts[3:])
        if start == SECONDS_PER_DAY:
            raise ValueError(f"working window {text!r}: a window cannot start at 24:00")
        if start >= end:
            raise ValueError(f"working window {text!r}: the start must be before the end")
        return cls(start, end)

    def __str__(self) -> str:
        return f"{_clock_text(self.start)}-{_clock_text(self.end)}"


def _seconds_of_day(text: str, hour: int, minute: int, second: int) -> int:
    seconds = (hour * 60 + minute) * 60 + second
    if minute > 59 or second > 59 or seconds > SECONDS_PER_DAY:
        raise ValueError(f"working window {text!r}: {hour:02d}:{minute:02d} is not a time of day")
    return seconds


def _clock_text(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


DayWindows = tuple[WorkingWindow, ...]


def _checked_day(windows: Iterable[WorkingWindow], where: str) -> DayWindows:
    ordered = tuple(sorted(windows))
    for earlier, later in itertools.pairwise(ordered):
        if later.start < earlier.end:
            raise ValueError(f"{where}: working windows {earlier} and {later} overlap")
    return ordered


@functools.lru_cache(maxsize=512)
def _holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    # Building a year of holidays costs milliseconds; arithmetic asks for it once a day.
    import holidays  # imported here: it takes ~0.3 s and most calendars never need it

    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


@dataclass(frozen=True)
class BusinessCalendar:
    """A desk's opening hours: a time zone, weekly windows, holidays and date exceptions.

    ``weekly`` holds seven tuples of windows, Monday first. ``open_dates`` maps a date
    to its own windows, or to ``None`` for the calendar's normal windows: that date's
    weekday windows, or if that weekday has none (a working Saturday), the windows
    of the first weekday from Monday on that has some. A closed date always wins;
    an open date wins over a public holiday.
    """

    time_zone: str
    weekly: tuple[DayWindows, ...]
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    closed_dates: frozenset[date] = frozenset()
    open_dates: Mapping[date, DayWindows | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            zone = ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {self.time_zone!r}") from error
        object.__setattr__(self, "_zone", zone)
        if len(self.weekly) != 7:
            raise ValueError(
                f"weekly needs 7 days of windows (Monday first), got {len(self.weekly)}"
            )
        weekly = tuple(
            _checked_day(day, WEEKDAY_KEYS[number]) for number, day in enumerate(self.weekly)
        )
        object.__setattr__(self, "weekly", weekly)
        object.__setattr__(self, "closed_dates", frozenset(self.closed_dates))
        open_dates = {
            day: None if windows is None else _checked_day(windows, day.isoformat())
            for day, windows in sorted(self.open_dates.items())
        }
        object.__setattr__(self, "open_dates", MappingProxyType(open_dates))
        both = sorted(self.closed_dates & open_dates.keys())
        if both:
            listed = ", ".join(day.isoformat() for day in both)
            raise ValueError(f"dates both closed and open: {listed}")
        self._check_holidays()

    def _check_holidays(self) -> None:
        if self.holiday_country is None:
            if self.holiday_subdivision is not None:
                raise ValueError("a holiday subdivision needs a holiday country")
            return
        import holidays  # imported lazily, see _holiday_dates

        try:
            holidays.country_holidays(self.holiday_country, subdiv=self.holiday_subdivision)
        except NotImplementedError as error:
            raise ValueError(f"unknown holiday calendar: {error}") from error

    def __hash__(self) -> int:
        return hash(
            (
                self.time_zone,
                self.weekly,
                self.holiday_country,
                self.holiday_subdivision,
                self.closed_dates,
                tuple(self.open_dates.items()),
            )
        )

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # The read-only open_dates view cannot be pickled; the plain data form can.
        return (BusinessCalendar.from_dict, (self.to_dict(),))

    @property
    def zone(self) -> ZoneInfo:
        """Returns the calendar's time zone."""
        zone: ZoneInfo = self.__dict__["_zone"]
        return zone

    def is_holiday(self, day: date) -> bool:
        """Tells whether ``day`` is a public holiday in the calendar's country and subdivision."""
        if self.holiday_country is None:
            return False
        return day in _holiday_dates(self.holiday_country, self.holiday_subdivision, day.year)

    def windows_on(self, day: date) -> DayWindows:
        """Returns the wall-clock working windows of the local date ``day``."""
        if day in self.closed_dates:
            return ()
        if day in self.open_dates:
            stated = self.open_dates[day]
            return self._normal_windows(day) if stated is None else stated
        if self.is_holiday(day):
            return ()
        return self.weekly[day.weekday()]

    def _normal_windows(self, day: date) -> DayWindows:
        own = self.weekly[day.weekday()]
        return own or next((windows for windows in self.weekly if windows), ())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BusinessCalendar:
        """Builds a calendar from the JSON-able dict that :meth:`to_dict` writes."""
        unknown = sorted(set(_mapping(data, "calendar")) - _CALENDAR_KEYS)
        if unknown:
            raise ValueError(f"unknown calendar fields: {', '.join(unknown)}")
        if not isinstance(data.get("time_zone"), str):
            raise ValueError("a calendar needs a time_zone, e.g. 'Europe/London'")
        weekly_data = _mapping(data.get("weekly"), "weekly")
        unknown_days = sorted(set(weekly_data) - set(WEEKDAY_KEYS))
        if unknown_days:
            raise ValueError(f"unknown weekdays {unknown_days}: use {', '.join(WEEKDAY_KEYS)}")
        holiday_data = _mapping(data.get("holidays"), "holidays")
        unknown_holiday_keys = sorted(set(holiday_data) - {"country", "subdivision"})
        if unknown_holiday_keys:
            raise ValueError(f"unknown holiday fields: {', '.join(unknown_holiday_keys)}")
        closed_dates = data.get("closed_dates") or []
        if not isinstance(closed_dates, list | tuple):
            raise ValueError("closed_dates must be a list of YYYY-MM-DD dates")
        open_dates: dict[date, DayWindows | None] = {}
        for text, windows in _mapping(data.get("open_dates"), "open_dates").items():
            stated = None if windows is None else _parse_windows(windows)
            if stated == ():
                raise ValueError(f"open date {text}: give it windows, null, or list it as closed")
            open_dates[_parse_date(text)] = stated
        return cls(
            time_zone=data["time_zone"],
            weekly=tuple(_parse_windows(weekly_data.get(key, [])) for key in WEEKDAY_KEYS),
            holiday_country=_optional_text(holiday_data.get("country"), "holiday country"),
            holiday_subdivision=_optional_text(holiday_data.get("subdivision"), "subdivision"),
            closed_dates=frozenset(_parse_date(text) for text in closed_dates),
            open_dates=open_dates,
        )

    def to_dict(self) -> dict[str, Any]:
        """Returns the calendar as a JSON-able dict that :meth:`from_dict` reads back."""
        holiday_data: dict[str, str] | None = None
        if self.holiday_country is not None:
            holiday_data = {"country": self.holiday_country}
            if self.holiday_subdivision is not None:
                holiday_data["subdivision"] = self.holiday_subdivision
        return {
            "time_zone": self.time_zone,
            "weekly": {
                key: [str(window) for window in windows]
                for key, windows in zip(WEEKDAY_KEYS, self.weekly, strict=True)
                if windows
            },
            "holidays": holiday_data,
            "closed_dates": [day.isoformat() for day in sorted(self.closed_dates)],
            "open_dates": {
                day.isoformat(): None if windows is None else [str(w) for w in windows]
                for day, windows in self.open_dates.items()
            },
        }


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{what} must be an object of named fields, got {type(value).__name__}")
    return value


def _optional_text(value: Any, what: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {value!r}")
    return value


def _parse_windows(value: Any) -> DayWindows:
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list | tuple) or not all(isinstance(text, str) for text in texts):
        raise ValueError(f"working windows {value!r}: give a list like ['09:00-12:30']")
    return tuple(WorkingWindow.parse(text) for text in texts)


def _parse_date(text: Any) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError) as error:
        raise ValueError(f"date {text!r}: write it as YYYY-MM-DD") from error
