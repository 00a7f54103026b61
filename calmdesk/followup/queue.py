"""The callback queue: who must be phoned or written to, when, by whom, and what they last heard.

It is a query over data, not a poller: three indexed reads of what is due by a time
(agent cadences by ``next_due_at``, SLA periodic-update clocks by ``due_at``, open
callbacks by ``state, due_at``), merged by the pure core, then one read of the tickets
and one of each ticket's last public staff message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from calmdesk.followup.cadence import DueItem, DueKind, excerpt, is_overdue, order_queue
from calmdesk.followup.models import Callback, CallbackState, UpdateCadence
from calmdesk.followup.service import PUBLIC_UPDATE_KINDS
from calmdesk.sla.clock import ClockKind, ClockState
from calmdesk.sla.models import ClockRecord
from calmdesk.staff.models import Staff
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, Ticket

# Customers are owed news while we work on their problem, including while it waits on a
# third party (on hold); not while we wait on them, nor after resolution.
OWED = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD)
QUEUE_LIMIT = 200


@dataclass(frozen=True)
class LastTold:
    """The last public thing the customer heard from us."""

    at: datetime
    kind: str
    excerpt: str
    by: str | None


@dataclass(frozen=True)
class QueueEntry:
    """One line of the callback queue."""

    kind: DueKind
    due_at: datetime
    overdue: bool
    ticket: Ticket
    assignee: Staff | None
    callback_id: int | None
    note: str
    last_told: LastTold | None

    @property
    def contact(self) -> str:
        """How to reach the customer: phone for a callback or a phone ticket, else email."""
        customer = self.ticket.customer
        prefers_phone = self.kind is DueKind.CALLBACK or self.ticket.channel == "phone"
        if prefers_phone and customer.phone:
            return customer.phone
        return customer.email or customer.phone or ""


def _cadence_items(db: Session, due_before: datetime, assignee_id: int | None, limit: int) -> list[DueItem]:
    query = (
        select(UpdateCadence.ticket_id, UpdateCadence.next_due_at, Ticket.assignee_id)
        .join(Ticket, Ticket.id == UpdateCadence.ticket_id)
        .where(UpdateCadence.next_due_at <= due_before, Ticket.status.in_(OWED))
    )
    if assignee_id is not None:
        query = query.where(Ticket.assignee_id == assignee_id)
    rows = db.execute(query.order_by(UpdateCadence.next_due_at).limit(limit))
    return [DueItem(DueKind.UPDATE, row[0], row[1], row[2]) for row in rows]


def _policy_items(db: Session, due_before: datetime, assignee_id: int | None, limit: int) -> list[DueItem]:
    agent_set = exists().where(UpdateCadence.ticket_id == ClockRecord.ticket_id)
    query = (
        select(ClockRecord.ticket_id, ClockRecord.due_at, Ticket.assignee_id)
        .join(Ticket, Ticket.id == ClockRecord.ticket_id)
        .where(
            ClockRecord.kind == ClockKind.PERIODIC_UPDATE.value,
            ClockRecord.state == ClockState.RUNNING.value,
            ClockRecord.due_at <= due_before,
            Ticket.status.in_(OWED),
            ~agent_set,
        )
    )
    if assignee_id is not None:
        query = query.where(Ticket.assignee_id == assignee_id)
    rows = db.execute(query.order_by(ClockRecord.due_at).limit(limit))
    return [DueItem(DueKind.UPDATE, row[0], row[1], row[2]) for row in rows if row[1] is not None]


def _callback_items(db: Session, due_before: datetime, assignee_id: int | None, limit: int) -> list[DueItem]:
    who: ColumnElement[int | None] = func.coalesce(Callback.staff_id, Ticket.assignee_id)
    base = (
        select(Callback.id, Callback.ticket_id, Callback.due_at, who, Callback.note)
        .join(Ticket, Ticket.id == Callback.ticket_id)
        .where(
            Callback.state == CallbackState.OPEN,
            Callback.due_at <= due_before,
            Ticket.status != TicketStatus.CLOSED,
        )
    )
    if assignee_id is None:
        queries = [base]
    else:
        # Two index-friendly halves instead of filtering on the COALESCE: named callbacks by
        # their staff member, the rest through the tickets assigned to them.
        queries = [
            base.where(Callback.staff_id == assignee_id),
            base.where(Callback.staff_id.is_(None), Ticket.assignee_id == assignee_id),
        ]
    rows = [row for query in queries for row in db.execute(query.order_by(Callback.due_at).limit(limit))]
    return [
        DueItem(DueKind.CALLBACK, row[1], row[2], row[3], callback_id=row[0], note=row[4]) for row in rows
    ]


def last_told(db: Session, *, ticket_ids: Sequence[int]) -> dict[int, LastTold]:
    """Each ticket's latest public staff reply or call, in one query."""
    if not ticket_ids:
        return {}
    order = (Message.created_at.desc(), Message.id.desc())
    ranked = (
        select(
            Message.ticket_id,
            Message.created_at,
            Message.kind,
            Message.body_text,
            Message.call_outcome,
            Message.author_staff_id,
            func.row_number().over(partition_by=Message.ticket_id, order_by=order).label("rank"),
        )
        .where(
            Message.ticket_id.in_(ticket_ids),
            Message.author_kind == AuthorKind.AGENT,
            Message.kind.in_(PUBLIC_UPDATE_KINDS),
            Message.is_internal.is_(False),
        )
        .subquery()
    )
    rows = db.execute(
        select(ranked, Staff.name)
        .outerjoin(Staff, Staff.id == ranked.c.author_staff_id)
        .where(ranked.c.rank == 1)
    ).all()
    return {
        row.ticket_id: LastTold(
            at=row.created_at,
            kind=row.kind,
            excerpt=excerpt(row.body_text or row.call_outcome or ""),
            by=row.name,
        )
        for row in rows
    }


def load(
    db: Session, *, assignee_id: int | None, due_before: datetime, now: datetime, limit: int = QUEUE_LIMIT
) -> list[QueueEntry]:
    """The queue of updates and callbacks due by ``due_before``, soonest first."""
    items = order_queue(
        [
            *_cadence_items(db, due_before, assignee_id, limit),
            *_policy_items(db, due_before, assignee_id, limit),
            *_callback_items(db, due_before, assignee_id, limit),
        ]
    )[:limit]
    ticket_ids = sorted({item.ticket_id for item in items})
    tickets = {t.id: t for t in db.scalars(select(Ticket).where(Ticket.id.in_(ticket_ids))).unique()}
    staff_ids = {item.assignee_id for item in items if item.assignee_id is not None}
    staff = {s.id: s for s in db.scalars(select(Staff).where(Staff.id.in_(staff_ids)))}
    told = last_told(db, ticket_ids=ticket_ids)
    return [
        QueueEntry(
            kind=item.kind,
            due_at=item.due_at,
            overdue=is_overdue(item.due_at, now),
            ticket=tickets[item.ticket_id],
            assignee=staff.get(item.assignee_id) if item.assignee_id is not None else None,
            callback_id=item.callback_id,
            note=item.note,
            last_told=told.get(item.ticket_id),
        )
        for item in items
    ]
