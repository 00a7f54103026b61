"""What needs a supervisor now: breached and at-risk SLA clocks, and the slots other features fill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from calmdesk.sla.models import ClockRecord
from calmdesk.tickets.models import Ticket

ATTENTION_LIMIT = 50


@dataclass(frozen=True)
class ClockAlert:
    """A running SLA clock that is over its deadline or inside its warning window."""

    ticket: Ticket
    clock: str
    state: Literal["breached", "at_risk"]
    due_at: datetime


def breaches_and_risks(db: Session, *, now: datetime, limit: int = ATTENTION_LIMIT) -> list[ClockAlert]:
    """Running clocks past due (breached) or past their warning time (at risk), most overdue first."""
    c = ClockRecord
    query = (
        select(c, Ticket)
        .join(Ticket, Ticket.id == c.ticket_id)
        .where(c.state == "running", c.due_at.is_not(None), or_(c.due_at <= now, c.warning_at <= now))
        .order_by(c.due_at, c.id)
        .limit(limit)
    )
    alerts = []
    for clock, ticket in db.execute(query).tuples():
        assert clock.due_at is not None  # filtered above
        state: Literal["breached", "at_risk"] = "breached" if clock.due_at <= now else "at_risk"
        alerts.append(ClockAlert(ticket, clock.kind, state, clock.due_at))
    return alerts


# Slots the other features fill when they are merged; each returns plain rows for the dashboard.
def escalations_awaiting_acknowledgement(db: Session, *, now: datetime) -> list[Any]:
    """Escalations nobody has acknowledged yet (filled by the escalations feature)."""
    del db, now
    return []


def escalation_counts(db: Session, *, start: datetime, end: datetime) -> list[Any]:
    """Escalations in the range by kind and reason, e.g. (kind, reason, count) rows (escalations feature)."""
    del db, start, end
    return []


def open_incidents(db: Session, *, now: datetime) -> list[Any]:
    """Incidents still open (filled by the incidents feature)."""
    del db, now
    return []


def callbacks_due(db: Session, *, now: datetime) -> list[Any]:
    """Callbacks due or overdue (filled by the follow-ups feature)."""
    del db, now
    return []


def satisfaction_ratings(db: Session, *, start: datetime, end: datetime) -> list[Any]:
    """Satisfaction ratings in the range, e.g. (score, count) rows (filled by the surveys feature)."""
    del db, start, end
    return []
