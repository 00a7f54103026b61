"""SLA clocks: immutable values that count a ticket's business time against a target.

A clock banks the business time it has used (``used``) each time it stops running,
so pausing, resuming and retargeting never lose time. Operations that measure
business time take the policy's calendar as an argument; the clock itself stores
only plain values the database can keep in columns.

A clock is breached once an instant after its deadline (``due_at``) has come while
it ran: a reply at 17:20 to a deadline of 17:00 is late even if the desk closed at
17:00. A paused clock's deadline is open, so a paused clock never becomes breached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from calmdesk.sla.business_time import add_business_time, as_utc, business_time_between
from calmdesk.sla.calendar import BusinessCalendar

_ZERO = timedelta(0)

# A warning threshold is a fraction of the target elapsed (0.75) or a lead time
# before the deadline (timedelta(minutes=30)), whichever the policy sets.
WarningThreshold = float | timedelta


class ClockKind(StrEnum):
    """What an SLA clock measures."""

    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"


class ClockState(StrEnum):
    """Whether a clock is counting; stored as is."""

    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"


class ClockStatus(StrEnum):
    """A clock's SLA outcome at an instant; derived, never stored."""

    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    STOPPED = "stopped"


class ClockTransitionError(ValueError):
    """A transition that the clock's state does not allow, e.g. resuming a running clock."""


@dataclass(frozen=True)
class SlaClock:
    """One SLA clock of a ticket: its target, the business time used, and where it stands.

    ``used`` is the business time banked before ``running_since``; ``breached_at`` is
    the deadline a transition saw pass (it stays set until the clock starts afresh).
    A new clock is stopped and neither met nor breached; :meth:`start` sets it going.
    """

    kind: ClockKind
    target: timedelta
    used: timedelta = _ZERO
    state: ClockState = ClockState.STOPPED
    running_since: datetime | None = None
    met_at: datetime | None = None
    stopped_at: datetime | None = None
    breached_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.target < _ZERO or self.used < _ZERO:
            raise ValueError(f"{self.kind} clock: target and used time cannot be negative")
        if (self.state is ClockState.RUNNING) != (self.running_since is not None):
            raise ValueError(f"{self.kind} clock: running_since is set exactly while running")
        if self.state is not ClockState.STOPPED and (self.met_at or self.stopped_at):
            raise ValueError(f"{self.kind} clock: only a stopped clock has met_at or stopped_at")
        if self.met_at and self.stopped_at:
            raise ValueError(f"{self.kind} clock: a clock is either met or stopped, not both")
        for name in ("running_since", "met_at", "stopped_at", "breached_at"):
            moment = getattr(self, name)
            if moment is not None:
                object.__setattr__(self, name, as_utc(moment, name))

    # -- transitions -------------------------------------------------------------

    def start(self, now: datetime) -> SlaClock:
        """Starts a fresh cycle at ``now`` with no time used (e.g. a new customer message)."""
        self._require(ClockState.STOPPED, action="start")
        return replace(
            self,
            used=_ZERO,
            state=ClockState.RUNNING,
            running_since=as_utc(now, "now"),
            met_at=None,
            stopped_at=None,
            breached_at=None,
        )

    def pause(self, now: datetime, calendar: BusinessCalendar) -> SlaClock:
        """Pauses a running clock (waiting on the customer, on hold), banking its time."""
        self._require(ClockState.RUNNING, action="pause")
        return replace(self._banked(now, calendar), state=ClockState.PAUSED)

    def resume(self, now: datetime) -> SlaClock:
        """Sets a paused clock running again from ``now``."""
        self._require(ClockState.PAUSED, action="resume")
        return replace(self, state=ClockState.RUNNING, running_since=as_utc(now, "now"))

    def met(self, now: datetime, calendar: BusinessCalendar) -> SlaClock:
        """Stops the clock because its target was fulfilled at ``now`` (in time or late)."""
        self._require(ClockState.RUNNING, ClockState.PAUSED, action="meet")
        banked = self._banked(now, calendar)
        return replace(banked, state=ClockState.STOPPED, met_at=as_utc(now, "now"))

    def stop(self, now: datetime, calendar: BusinessCalendar) -> SlaClock:
        """Stops the clock without meeting its target (it no longer applies)."""
        self._require(ClockState.RUNNING, ClockState.PAUSED, action="stop")
        banked = self._banked(now, calendar)
        return replace(banked, state=ClockState.STOPPED, stopped_at=as_utc(now, "now"))

    def retarget(
        self, now: datetime, *, calendar: BusinessCalendar, target: timedelta | None = None
    ) -> SlaClock:
        """Keeps the business time used so far and sets a new target (priority or policy change).

        ``calendar`` is the calendar the clock ran on until ``now``; pass the new policy's
        calendar to later calls, so a calendar change loses no time either.
        """
        self._require(ClockState.RUNNING, ClockState.PAUSED, action="retarget")
        new_target = self.target if target is None else target
        if new_target < _ZERO:
            raise ValueError(f"{self.kind} clock: target {new_target} is negative")
        if self.state is ClockState.PAUSED:
            return replace(self, target=new_target)
        banked = self._banked(now, calendar)
        return replace(
            banked, state=ClockState.RUNNING, running_since=as_utc(now, "now"), target=new_target
        )

    # -- queries -----------------------------------------------------------------

    def used_at(self, now: datetime, calendar: BusinessCalendar) -> timedelta:
        """Returns the business time the clock has used by ``now``."""
        if self.running_since is None:
            return self.used
        return self.used + business_time_between(
            calendar, self.running_since, self._checked_now(now)
        )

    def due_at(self, calendar: BusinessCalendar) -> datetime | None:
        """Returns the deadline in UTC while running; ``None`` while paused or stopped."""
        if self.running_since is None:
            return None
        return add_business_time(calendar, self.running_since, max(self.target - self.used, _ZERO))

    def remaining(self, now: datetime, calendar: BusinessCalendar) -> timedelta:
        """Returns the business time left before the target (negative once over it)."""
        return self.target - self.used_at(now, calendar)

    def is_breached(self, now: datetime, calendar: BusinessCalendar) -> bool:
        """Tells whether the clock has missed its deadline by ``now``."""
        if self.breached_at is not None or self.used > self.target:
            return True
        due = self.due_at(calendar)
        return due is not None and as_utc(now, "now") > due

    def status(self, now: datetime, calendar: BusinessCalendar) -> ClockStatus:
        """Returns the clock's outcome at ``now``: running, paused, met, breached or stopped."""
        if self.is_breached(now, calendar):
            return ClockStatus.BREACHED
        if self.state is ClockState.RUNNING:
            return ClockStatus.RUNNING
        if self.state is ClockState.PAUSED:
            return ClockStatus.PAUSED
        return ClockStatus.MET if self.met_at is not None else ClockStatus.STOPPED

    def breached_by(self, now: datetime, calendar: BusinessCalendar) -> timedelta:
        """Returns the business time used beyond the target by ``now`` (met late or still over).

        A deadline missed only while the desk was closed is a breach by zero business time.
        """
        return max(self.used_at(now, calendar) - self.target, _ZERO)

    def warning_at(self, calendar: BusinessCalendar, warn: WarningThreshold) -> datetime | None:
        """Returns when a running clock reaches its warning threshold; ``None`` unless running.

        A clock that resumed already past the threshold warns from the instant it resumed.
        """
        if self.running_since is None:
            return None
        threshold = warning_threshold(self.target, warn)
        if self.used >= threshold:
            return self.running_since
        return add_business_time(calendar, self.running_since, threshold - self.used)

    # -- helpers -----------------------------------------------------------------

    def _checked_now(self, now: datetime) -> datetime:
        # Business time between is signed: an earlier "now" would quietly give time back.
        now = as_utc(now, "now")
        if self.running_since is not None and now < self.running_since:
            raise ClockTransitionError(
                f"{self.kind} clock: {now.isoformat()} is before it last started running"
                f" ({self.running_since.isoformat()})"
            )
        return now

    def _banked(self, now: datetime, calendar: BusinessCalendar) -> SlaClock:
        """Returns the clock not running, with its time and any passed deadline recorded."""
        now = self._checked_now(now)
        breached_at = self.breached_at
        due = self.due_at(calendar)
        if breached_at is None and due is not None and (now > due or self.used > self.target):
            breached_at = due
        return replace(
            self,
            used=self.used_at(now, calendar),
            state=ClockState.PAUSED,
            running_since=None,
            breached_at=breached_at,
        )

    def _require(self, *states: ClockState, action: str) -> None:
        if self.state not in states:
            allowed = " or ".join(state.value for state in states)
            raise ClockTransitionError(
                f"cannot {action} a {self.state.value} {self.kind} clock: it must be {allowed}"
            )


def warning_threshold(target: timedelta, warn: WarningThreshold) -> timedelta:
    """Returns the business time used at which a clock with ``target`` warns."""
    if isinstance(warn, timedelta):
        if warn < _ZERO:
            raise ValueError(f"warning lead time {warn} is negative")
        return max(target - warn, _ZERO)
    if isinstance(warn, bool) or not 0 < warn < 1:
        raise ValueError(f"warning fraction {warn!r}: give a fraction of the target, e.g. 0.75")
    return target * warn


def next_check_at(
    clocks: Iterable[SlaClock],
    *,
    calendar: BusinessCalendar,
    warn: WarningThreshold,
    now: datetime,
) -> datetime | None:
    """Returns the next instant at or after ``now`` a ticket's clocks warn or fall due."""
    now = as_utc(now, "now")
    upcoming = [
        moment
        for clock in clocks
        for moment in (clock.warning_at(calendar, warn), clock.due_at(calendar))
        if moment is not None and moment >= now
    ]
    return min(upcoming, default=None)
