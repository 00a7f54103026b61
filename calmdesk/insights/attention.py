"""What needs a supervisor now, and the period's escalation and satisfaction figures.

Breached and at-risk SLA clocks, escalations waiting for their receiver, open incidents,
callbacks and updates owed (the follow-up queue), escalations by kind and reason, and the
spread of satisfaction ratings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from calmdesk.escalation.models import Escalation
from calmdesk.escalation.vocabulary import EscalationState
from calmdesk.followup import queue
from calmdesk.followup.models import Survey
from calmdesk.followup.queue import QueueEntry
from calmdesk.incidents.clustering import IncidentStatus
from calmdesk.incidents.models import Incident
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


@dataclass(frozen=True)
class AwaitingAck:
    """An escalation its receiver has not acknowledged yet."""

    escalation: Escalation
    ticket: Ticket
    overdue: bool  # past the time after which the worker passes it up


def escalations_awaiting_acknowledgement(
    db: Session, *, now: datetime, limit: int = ATTENTION_LIMIT
) -> list[AwaitingAck]:
    """Escalations nobody has acknowledged yet, those due soonest (or overdue) first."""
    e = Escalation
    query = (
        select(e, Ticket)
        .join(Ticket, Ticket.id == e.ticket_id)
        .where(e.state == EscalationState.AWAITING.value)
        # NULLs last on both databases without NULLS LAST: the flag sorts them after.
        .order_by(e.ack_due_at.is_(None), e.ack_due_at, e.id)
        .limit(limit)
    )
    return [
        AwaitingAck(escalation, ticket, escalation.ack_due_at is not None and escalation.ack_due_at <= now)
        for escalation, ticket in db.execute(query).unique().tuples()
    ]


@dataclass(frozen=True)
class EscalationCount:
    """How many escalations of one kind were raised for one reason."""

    kind: str
    reason: str
    count: int


def escalation_counts(db: Session, *, start: datetime, end: datetime) -> list[EscalationCount]:
    """Escalations raised in [start, end) by kind and reason, the most frequent first."""
    e = Escalation
    total = func.count(e.id)
    query = (
        select(e.kind, e.reason_code, total)
        .where(e.created_at >= start, e.created_at < end)
        .group_by(e.kind, e.reason_code)
        .order_by(total.desc(), e.kind, e.reason_code)
    )
    return [EscalationCount(kind, reason, count) for kind, reason, count in db.execute(query).tuples()]


def open_incidents(db: Session, *, now: datetime, limit: int = ATTENTION_LIMIT) -> list[Incident]:
    """Confirmed incidents still open, then proposed ones awaiting a decision; latest activity first."""
    del now  # an incident is open until someone resolves or dismisses it
    confirmed_first = case((Incident.status == IncidentStatus.OPEN.value, 0), else_=1)
    query = (
        select(Incident)
        .where(Incident.status.in_((IncidentStatus.OPEN.value, IncidentStatus.PROPOSED.value)))
        .order_by(confirmed_first, Incident.last_seen_at.desc(), Incident.id)
        .limit(limit)
    )
    return list(db.scalars(query).unique())


def callbacks_due(db: Session, *, now: datetime, limit: int = ATTENTION_LIMIT) -> list[QueueEntry]:
    """The whole desk's callback queue due by now: promised callbacks and updates owed."""
    return queue.load(db, assignee_id=None, due_before=now, now=now, limit=limit)


@dataclass(frozen=True)
class RatingCount:
    """How many surveys answered in the period gave one score (1 poor .. 5 excellent)."""

    score: int
    count: int


RATING_SCORES = (1, 2, 3, 4, 5)


def satisfaction_ratings(db: Session, *, start: datetime, end: datetime) -> list[RatingCount]:
    """Ratings answered in [start, end) per score, all five scores; empty when nobody rated."""
    query = (
        select(Survey.rating, func.count(Survey.id))
        .where(Survey.answered_at >= start, Survey.answered_at < end, Survey.rating.is_not(None))
        .group_by(Survey.rating)
    )
    counts = {rating: count for rating, count in db.execute(query).tuples() if rating is not None}
    if not counts:
        return []
    return [RatingCount(score, counts.get(score, 0)) for score in RATING_SCORES]
