"""Business-time arithmetic on a :class:`~calmdesk.sla.calendar.BusinessCalendar`.

Daylight-saving rule: windows are wall-clock times in the calendar's zone, and the
desk is open at an instant exactly when the local wall clock, on that instant's local
date, reads a time inside one of that date's windows. So on a spring-forward day the
skipped wall-clock times never happen: a window containing them is shorter by the gap
(one wholly inside the gap is empty; one starting inside it opens when the clocks
jump). On a fall-back day the repeated wall-clock times happen twice and are open both
times: a window containing the repeated hour is an hour longer (one ending inside it
opens again for the repeat). A 24/7 calendar is therefore open at every instant.

Inputs must be timezone-aware; outputs are UTC. Durations are exact ``timedelta``
values; arithmetic walks days and windows, never minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from calmdesk.sla.calendar import BusinessCalendar, CalendarNeverOpenError

# A calendar without open time in this many days is treated as never open.
SEARCH_SPAN = timedelta(days=3 * 366)
# No zone's UTC offset reaches a day, so these spans hold every instant of a local date.
_BEFORE_DAY = timedelta(hours=26)
_AFTER_DAY = timedelta(hours=50)
_ONE_SECOND = timedelta(seconds=1)
_ONE_DAY = timedelta(days=1)
_ONE_MINUTE = timedelta(minutes=1)

Interval = tuple[datetime, datetime]


def as_utc(moment: datetime, name: str = "moment") -> datetime:
    """Returns an aware ``moment`` in UTC; refuses a naive one, whose zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime: pass a timezone-aware one")
    return moment.astimezone(UTC)


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return offset


def _transitions(zone: ZoneInfo, low: datetime, high: datetime) -> list[datetime]:
    """Returns the instants in (low, high] at which the zone's UTC offset changes."""
    # A change and its undoing both inside ~3 days would be missed; no zone does that.
    found: list[datetime] = []
    while _offset(zone, low) != _offset(zone, high):
        before, after = low, high
        while after - before > _ONE_SECOND:
            middle = before + timedelta(seconds=(after - before) // _ONE_SECOND // 2)
            if _offset(zone, middle) == _offset(zone, low):
                before = middle
            else:
                after = middle
        found.append(after)
        low = after
    return found


def open_intervals(calendar: BusinessCalendar, day: date) -> list[Interval]:
    """Returns the UTC instants ``[start, end)`` the desk is open on the local date ``day``."""
    windows = calendar.windows_on(day)
    if not windows:
        return []
    zone = calendar.zone
    midnight = datetime.combine(day, time())  # naive local wall-clock time
    low = (midnight - _BEFORE_DAY).replace(tzinfo=UTC)
    high = (midnight + _AFTER_DAY).replace(tzinfo=UTC)
    intervals: list[Interval] = []
    # Between transitions the offset is fixed, so wall time maps to instants linearly.
    for segment_start, segment_end in pairwise([low, *_transitions(zone, low, high), high]):
        offset = _offset(zone, segment_start)
        wall_start = segment_start.replace(tzinfo=None) + offset
        wall_end = segment_end.replace(tzinfo=None) + offset
        for window in windows:
            opens = max(midnight + timedelta(seconds=window.start), wall_start)
            closes = min(midnight + timedelta(seconds=window.end), wall_end)
            if opens < closes:
                intervals.append(
                    ((opens - offset).replace(tzinfo=UTC), (closes - offset).replace(tzinfo=UTC))
                )
    return _merged(sorted(intervals))


def _merged(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _intervals_from(calendar: BusinessCalendar, moment: datetime) -> Iterator[Interval]:
    """Yields open intervals ending after ``moment``, in order, day by day."""
    day = moment.astimezone(calendar.zone).date()
    last_open_day = day
    while True:
        intervals = open_intervals(calendar, day)
        if intervals:
            last_open_day = day
            yield from (interval for interval in intervals if interval[1] > moment)
        elif day - last_open_day > SEARCH_SPAN:
            raise CalendarNeverOpenError(
                f"the calendar has no open time in the {SEARCH_SPAN.days} days after"
                f" {last_open_day.isoformat()}: give it working windows or open dates"
            )
        day += _ONE_DAY


def is_open(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Tells whether the desk is open at ``moment``."""
    moment = as_utc(moment)
    day = moment.astimezone(calendar.zone).date()
    return any(start <= moment < end for start, end in open_intervals(calendar, day))


def next_opening(calendar: BusinessCalendar, moment: datetime) -> datetime:
    """Returns the first instant at or after ``moment`` when the desk is open, in UTC."""
    moment = as_utc(moment)
    start, _ = next(_intervals_from(calendar, moment))
    return max(start, moment)


def add_business_time(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """Returns the earliest instant by which ``duration`` of open time has passed from ``start``."""
    start = as_utc(start, "start")
    if duration < timedelta(0):
        raise ValueError(f"business duration {duration} is negative")
    remaining = duration
    if not remaining:
        return start
    for opens, closes in _intervals_from(calendar, start):
        opens = max(opens, start)
        if remaining <= closes - opens:
            return opens + remaining
        remaining -= closes - opens
    raise AssertionError("unreachable: the interval stream is endless or raises")


def business_time_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Returns the open time from ``start`` to ``end`` (negative when ``end`` comes first)."""
    start, end = as_utc(start, "start"), as_utc(end, "end")
    if end < start:
        return -business_time_between(calendar, end, start)
    total = timedelta(0)
    day = start.astimezone(calendar.zone).date()
    last_day = end.astimezone(calendar.zone).date()
    while day <= last_day:
        for opens, closes in open_intervals(calendar, day):
            overlap = min(closes, end) - max(opens, start)
            if overlap > timedelta(0):
                total += overlap
        day += _ONE_DAY
    return total


def add_business_minutes(calendar: BusinessCalendar, start: datetime, minutes: int) -> datetime:
    """Returns the earliest instant by which ``minutes`` business minutes have passed."""
    return add_business_time(calendar, start, timedelta(minutes=minutes))


def business_minutes_between(calendar: BusinessCalendar, start: datetime, end: datetime) -> int:
    """Returns the whole business minutes from ``start`` to ``end``, rounded toward zero."""
    elapsed = business_time_between(calendar, start, end)
    whole = abs(elapsed) // _ONE_MINUTE
    return whole if elapsed >= timedelta(0) else -whole
