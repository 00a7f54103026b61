"""Converting between :class:`SlaClock` values and their rows, and loading calendars once."""

from __future__ import annotations

import functools
import json
from datetime import datetime, timedelta
from typing import Any

from calmdesk.sla.calendar import BusinessCalendar
from calmdesk.sla.clock import ClockKind, ClockState, SlaClock, WarningThreshold
from calmdesk.sla.models import ClockRecord, SlaTarget

_MICROSECOND = timedelta(microseconds=1)


def calendar_of(definition: dict[str, Any]) -> BusinessCalendar:
    """Returns the calendar a stored definition describes (parsed once per distinct definition)."""
    return _parsed(json.dumps(definition, sort_keys=True))


@functools.lru_cache(maxsize=256)
def _parsed(canonical: str) -> BusinessCalendar:
    return BusinessCalendar.from_dict(json.loads(canonical))


def warning_rule(target: SlaTarget) -> WarningThreshold:
    """Returns a target's warning threshold: a fraction elapsed or a lead time before the deadline."""
    if target.warn_minutes_before is not None:
        return timedelta(minutes=target.warn_minutes_before)
    return (target.warn_percent or 75) / 100


def target_duration(target: SlaTarget) -> timedelta:
    """Returns a target's business time."""
    return timedelta(minutes=target.minutes)


def to_clock(row: ClockRecord) -> SlaClock:
    """Returns the clock a row holds."""
    return SlaClock(
        kind=ClockKind(row.kind),
        target=timedelta(seconds=row.target_seconds),
        used=row.used_microseconds * _MICROSECOND,
        state=ClockState(row.state),
        running_since=row.running_since,
        met_at=row.met_at,
        stopped_at=row.stopped_at,
        breached_at=row.breached_at,
    )


def write_clock(
    row: ClockRecord, clock: SlaClock, *, calendar: BusinessCalendar, warn: WarningThreshold
) -> None:
    """Stores ``clock`` in ``row``, with its deadline and warning time on ``calendar``."""
    row.state = clock.state.value
    row.target_seconds = int(clock.target.total_seconds())
    row.used_microseconds = clock.used // _MICROSECOND
    row.running_since = clock.running_since
    row.met_at = clock.met_at
    row.stopped_at = clock.stopped_at
    row.breached_at = clock.breached_at
    row.due_at = clock.due_at(calendar)
    row.warning_at = clock.warning_at(calendar, warn)


def new_row(ticket_id: int, kind: ClockKind, cycle: int, started_at: datetime) -> ClockRecord:
    """Returns an empty row for a clock cycle starting at ``started_at``."""
    return ClockRecord(
        ticket_id=ticket_id,
        kind=kind.value,
        cycle=cycle,
        started_at=started_at,
        state=ClockState.STOPPED.value,
        target_seconds=0,
        used_microseconds=0,
    )
