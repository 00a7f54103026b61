"""Planning a ticket's warnings, breaches and escalation steps at an instant (pure: no I/O).

Given the ticket's running clocks, what already fired, what was acknowledged and the
escalation chain's rungs, :func:`plan_checks` says which steps are due now and when
the ticket next needs a look. Firing itself happens in the database, where each
step's unique key makes a repeat impossible; this module only decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# A clock breaches once an instant *after* its deadline comes (see SlaClock.is_breached).
JUST_AFTER = timedelta(microseconds=1)


class SlaEventKind(StrEnum):
    """What happened to a clock; each (ticket, clock, cycle, kind, level) happens at most once."""

    WARNING = "warning"
    BREACH = "breach"
    ESCALATION = "escalation"
    ACKNOWLEDGED = "acknowledged"


FiredKey = tuple[str, int, str, int]  # (clock kind, cycle, event, level)


@dataclass(frozen=True)
class RunningClock:
    """A running clock's deadline, warning time and any breach already recorded."""

    kind: str
    cycle: int
    due_at: datetime
    warning_at: datetime | None = None
    breached_at: datetime | None = None

    def breach_instant(self, now: datetime) -> datetime | None:
        """Returns when the clock breached, or None if it has not by ``now``."""
        if self.breached_at is not None:
            return self.breached_at
        return self.due_at if now > self.due_at else None


@dataclass(frozen=True)
class Rung:
    """One escalation level and its delay after the breach."""

    level: int
    delay: timedelta


@dataclass(frozen=True)
class Step:
    """One thing to fire now: a warning, a breach or an escalation to a level."""

    clock_kind: str
    cycle: int
    event: SlaEventKind
    level: int
    occurred_at: datetime

    @property
    def key(self) -> FiredKey:
        """The step's unique key, as the database enforces it (with the ticket id)."""
        return (self.clock_kind, self.cycle, self.event.value, self.level)


@dataclass(frozen=True)
class Plan:
    """The steps due now, and the next instant anything else falls due (None: nothing)."""

    steps: tuple[Step, ...]
    next_check_at: datetime | None


def plan_checks(
    clocks: Iterable[RunningClock],
    *,
    fired: Iterable[FiredKey],
    acknowledged: Iterable[tuple[str, int]],
    rungs: Sequence[Rung],
    now: datetime,
) -> Plan:
    """Returns the steps due at ``now`` for a ticket's running clocks and its next check time.

    Before a breach a clock warns once at its warning time. On the breach it fires the
    breach and climbs the rungs, each once its delay after the breach has passed,
    until someone acknowledges the breach for that clock cycle.
    """
    done = set(fired)
    acked = set(acknowledged)
    ordered_rungs = sorted(rungs, key=lambda rung: rung.level)
    steps: list[Step] = []
    upcoming: list[datetime] = []

    def fire(clock: RunningClock, event: SlaEventKind, level: int, at: datetime) -> None:
        step = Step(clock.kind, clock.cycle, event, level, at)
        if step.key not in done:
            steps.append(step)

    for clock in clocks:
        breached = clock.breach_instant(now)
        if breached is None:
            warned = (clock.kind, clock.cycle, SlaEventKind.WARNING.value, 0) in done
            if clock.warning_at is not None and not warned:
                if clock.warning_at <= now:
                    fire(clock, SlaEventKind.WARNING, 0, clock.warning_at)
                else:
                    upcoming.append(clock.warning_at)
            upcoming.append(clock.due_at + JUST_AFTER)
            continue
        fire(clock, SlaEventKind.BREACH, 0, breached)
        if (clock.kind, clock.cycle) in acked:
            continue
        for rung in ordered_rungs:
            at = breached + rung.delay
            if at <= now:
                fire(clock, SlaEventKind.ESCALATION, rung.level, at)
            elif (clock.kind, clock.cycle, SlaEventKind.ESCALATION.value, rung.level) not in done:
                upcoming.append(at)
                break
    return Plan(tuple(steps), min(upcoming, default=None))
