"""The agent inbox: which tickets a staff member sees, filtered, most urgent first."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from calmdesk.errors import NotFound
from calmdesk.sla.models import ClockRecord
from calmdesk.staff.models import staff_teams
from calmdesk.tickets.lifecycle import PRIORITY_RANK, Priority, TicketStatus
from calmdesk.tickets.models import Message, Ticket
from calmdesk.tickets.reference import parse_reference
from calmdesk.web.tone_view import (
    ANGRY_MOOD,
    ANGRY_RISK,
    MOOD_POINTS,
    PRIORITY_POINTS,
    SLA_POINTS,
    UPSET_MOOD,
    UPSET_RISK,
)

INBOX_LIMIT = 100
ACTIVE = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING_CUSTOMER, TicketStatus.ON_HOLD)
Scope = Literal["mine", "all"]
Assigned = Literal["", "me", "none"]


@dataclass(frozen=True)
class InboxFilter:
    """What the inbox shows; built from the query string, forgiving of odd values."""

    scope: Scope = "mine"  # mine: assigned to me, my teams' tickets, and tickets nobody has routed yet
    status: str = "active"  # active, all, or one TicketStatus
    priority: str = ""  # '' or one Priority
    team_id: int | None = None
    assigned: Assigned = ""
    q: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> InboxFilter:
        """Reads the filter from query parameters; an unknown value falls back to the default."""
        scope = params.get("scope", "mine")
        status = params.get("status", "active")
        priority = params.get("priority", "")
        team = params.get("team", "")
        assigned = params.get("assigned", "")
        return cls(
            scope="all" if scope == "all" else "mine",
            status=status if status in ("active", "all", *TicketStatus) else "active",
            priority=priority if priority in tuple(Priority) else "",
            team_id=int(team) if team.isdigit() else None,
            assigned="me" if assigned == "me" else "none" if assigned == "none" else "",
            q=params.get("q", "").strip()[:200],
        )

    def query_string(self, **changes: Any) -> str:
        """This filter (with ``changes``) as a query string, leaving defaults out."""
        current = replace(self, **changes)
        default = InboxFilter()
        params = {
            "scope": current.scope,
            "status": current.status,
            "priority": current.priority,
            "team": "" if current.team_id is None else str(current.team_id),
            "assigned": current.assigned,
            "q": current.q,
        }
        defaults = {"scope": default.scope, "status": default.status}
        return urlencode({k: v for k, v in params.items() if v and v != defaults.get(k)})


def sla_due_subquery(column: Any) -> ColumnElement[Any]:
    """The earliest ``column`` (due_at or warning_at) of the ticket's running SLA clocks."""
    return (
        select(func.min(column))
        .where(ClockRecord.ticket_id == Ticket.id, ClockRecord.state == "running")
        .correlate(Ticket)
        .scalar_subquery()
    )


def urgency_points(now: datetime) -> ColumnElement[int]:
    """The inbox's urgency in SQL: SLA state + customer's mood + priority (see tone_view.urgency)."""
    due, warning = sla_due_subquery(ClockRecord.due_at), sla_due_subquery(ClockRecord.warning_at)
    sla = case(
        (due <= now, SLA_POINTS["breached"]),
        (warning <= now, SLA_POINTS["at_risk"]),
        (due.is_not(None), SLA_POINTS["running"]),
        else_=0,
    )
    mood = case(
        (or_(Ticket.mood_current <= ANGRY_MOOD, Ticket.risk_current >= ANGRY_RISK), MOOD_POINTS["angry"]),
        (or_(Ticket.mood_current <= UPSET_MOOD, Ticket.risk_current >= UPSET_RISK), MOOD_POINTS["upset"]),
        else_=0,
    )
    priority = case(PRIORITY_POINTS, value=Ticket.priority, else_=0)
    return sla + mood + priority


def urgency_order(now: datetime) -> tuple[ColumnElement[Any], ...]:
    """The inbox's ORDER BY, most urgent first.

    Urgency points add the SLA state (breached, at risk, running), the customer's mood
    from the tone analyser and the priority; ties go to the soonest SLA deadline (tickets
    without a running clock last), then priority, then the ticket waiting longest.
    ``Ticket.id`` stays last so the order is total and the live refresh does not shuffle
    equal rows. ``calmdesk.web.tone_view.urgency`` explains the same points per row.
    """
    due = sla_due_subquery(ClockRecord.due_at)
    priority_rank = case(PRIORITY_RANK, value=Ticket.priority, else_=1)
    return (
        urgency_points(now).desc(),
        case((due.is_(None), 1), else_=0),
        due.asc(),
        priority_rank.desc(),
        Ticket.created_at.asc(),
        Ticket.id.asc(),
    )


def team_ids_of(db: Session, *, staff_id: int) -> list[int]:
    """The ids of the teams a staff member belongs to."""
    query = select(staff_teams.c.team_id).where(staff_teams.c.staff_id == staff_id)
    return list(db.scalars(query))


def _text_clause(text: str) -> ColumnElement[bool]:
    pattern = f"%{text}%"
    clauses: list[ColumnElement[bool]] = [
        Ticket.subject.ilike(pattern),
        exists().where(Message.ticket_id == Ticket.id, Message.body_text.ilike(pattern)),
    ]
    with contextlib.suppress(NotFound):  # not a reference: search the text only
        clauses.append(Ticket.id == parse_reference(text))
    return or_(*clauses)


def _where(criteria: InboxFilter, *, staff_id: int, team_ids: Sequence[int]) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if criteria.scope == "mine":
        nobody_routed = and_(Ticket.team_id.is_(None), Ticket.assignee_id.is_(None))
        clauses.append(or_(Ticket.assignee_id == staff_id, Ticket.team_id.in_(team_ids), nobody_routed))
    if criteria.status == "active":
        clauses.append(Ticket.status.in_(ACTIVE))
    elif criteria.status != "all":
        clauses.append(Ticket.status == criteria.status)
    if criteria.priority:
        clauses.append(Ticket.priority == criteria.priority)
    if criteria.team_id is not None:
        clauses.append(Ticket.team_id == criteria.team_id)
    if criteria.assigned == "me":
        clauses.append(Ticket.assignee_id == staff_id)
    elif criteria.assigned == "none":
        clauses.append(Ticket.assignee_id.is_(None))
    if criteria.q:
        clauses.append(_text_clause(criteria.q))
    return clauses


@dataclass(frozen=True)
class InboxPage:
    """The tickets to show and how many matched in all."""

    tickets: list[Ticket]
    total: int


def load(
    db: Session, *, criteria: InboxFilter, staff_id: int, now: datetime, limit: int = INBOX_LIMIT
) -> InboxPage:
    """Loads the inbox for ``staff_id``: up to ``limit`` tickets, most urgent first."""
    where = _where(criteria, staff_id=staff_id, team_ids=team_ids_of(db, staff_id=staff_id))
    tickets = db.scalars(select(Ticket).where(*where).order_by(*urgency_order(now)).limit(limit))
    total = db.scalar(select(func.count()).select_from(Ticket).where(*where)) or 0
    return InboxPage(tickets=list(tickets.unique()), total=total)
