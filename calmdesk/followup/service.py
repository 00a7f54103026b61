"""Update cadences and scheduled callbacks. Callers own the transaction.

An agent's cadence is stored with its next due time. A ticket without one follows its
SLA policy's periodic-update target: the SLA code already runs that clock (business
hours, paused while the ticket waits), so its due time is read, not recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.followup.cadence import CadenceSource, callbacks_kept_by_call, next_update_due
from calmdesk.followup.models import Callback, CallbackState, UpdateCadence
from calmdesk.sla.clock import ClockKind, ClockState
from calmdesk.sla.models import ClockRecord, SlaTarget, TicketSla
from calmdesk.staff import service as staff_service
from calmdesk.staff.roles import Role
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, MessageKind, Ticket

PUBLIC_UPDATE_KINDS = (MessageKind.REPLY, MessageKind.CALL)


@dataclass(frozen=True)
class CadenceView:
    """A ticket's cadence as people read it."""

    source: CadenceSource
    interval_minutes: int | None  # business minutes when it comes from the SLA policy
    last_update_at: datetime | None
    next_due_at: datetime | None


def is_public_update(message: Message) -> bool:
    """True for what counts as news to the customer: a public staff reply or a logged call."""
    return (
        message.author_kind == AuthorKind.AGENT
        and message.kind in PUBLIC_UPDATE_KINDS
        and not message.is_internal
    )


def last_update_at(db: Session, *, ticket_id: int) -> datetime | None:
    """When the customer last heard from us (public reply or call)."""
    query = select(func.max(Message.created_at)).where(
        Message.ticket_id == ticket_id,
        Message.author_kind == AuthorKind.AGENT,
        Message.kind.in_(PUBLIC_UPDATE_KINDS),
        Message.is_internal.is_(False),
    )
    return db.scalar(query)


def _policy_cadence(db: Session, ticket_id: int) -> CadenceView:
    target = db.scalar(
        select(SlaTarget.minutes)
        .join(TicketSla, TicketSla.policy_id == SlaTarget.policy_id)
        .where(TicketSla.ticket_id == ticket_id, SlaTarget.kind == ClockKind.PERIODIC_UPDATE.value)
    )
    last = last_update_at(db, ticket_id=ticket_id)
    if target is None:
        return CadenceView(CadenceSource.NONE, None, last, None)
    due = db.scalar(
        select(ClockRecord.due_at)
        .where(
            ClockRecord.ticket_id == ticket_id,
            ClockRecord.kind == ClockKind.PERIODIC_UPDATE.value,
            ClockRecord.state == ClockState.RUNNING.value,
        )
        .order_by(ClockRecord.cycle.desc())
        .limit(1)
    )
    return CadenceView(CadenceSource.SLA_POLICY, target, last, due)


def get_cadence(db: Session, *, ticket: Ticket) -> CadenceView:
    """The ticket's cadence: the agent's if set, else its SLA policy's periodic-update target."""
    cadence = db.get(UpdateCadence, ticket.id)
    if cadence is None:
        return _policy_cadence(db, ticket.id)
    return CadenceView(
        CadenceSource.AGENT, cadence.interval_minutes, cadence.last_update_at, cadence.next_due_at
    )


def set_cadence(
    db: Session, *, ticket: Ticket, interval_minutes: int | None, actor: Actor, now: datetime
) -> CadenceView:
    """Sets how often the customer hears from us; None goes back to the SLA policy's cadence."""
    if ticket.status == TicketStatus.CLOSED:
        raise Conflict("ticket_closed", f"{ticket.reference} is closed; it needs no more updates")
    cadence = db.get(UpdateCadence, ticket.id)
    before = {"interval_minutes": cadence.interval_minutes} if cadence else {"interval_minutes": None}
    if interval_minutes is None:
        if cadence is not None:
            db.delete(cadence)
    else:
        last = last_update_at(db, ticket_id=ticket.id)
        due = next_update_due(last_update_at=last, since=now, interval_minutes=interval_minutes)
        if cadence is None:
            cadence = UpdateCadence(ticket_id=ticket.id)
            db.add(cadence)
        cadence.interval_minutes = interval_minutes
        cadence.set_by_id = actor.id if actor.kind == "staff" else None
        cadence.set_at = now
        cadence.last_update_at = last
        cadence.next_due_at = due
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="followup.cadence_set",
        entity_type="ticket",
        entity_id=ticket.id,
        before=before,
        after={"interval_minutes": interval_minutes},
    )
    return get_cadence(db, ticket=ticket)


def record_update(db: Session, *, ticket: Ticket, message: Message, now: datetime) -> None:
    """A public reply or logged call: moves the agent cadence on and keeps callbacks due by now."""
    cadence = db.get(UpdateCadence, ticket.id)
    if cadence is not None:
        cadence.last_update_at = now
        cadence.next_due_at = next_update_due(
            last_update_at=now, since=now, interval_minutes=cadence.interval_minutes
        )
    if message.kind != MessageKind.CALL:
        return
    open_callbacks = db.execute(
        select(Callback.id, Callback.due_at).where(
            Callback.ticket_id == ticket.id, Callback.state == CallbackState.OPEN
        )
    ).all()
    kept = set(callbacks_kept_by_call([(row.id, row.due_at) for row in open_callbacks], call_at=now))
    for callback in db.scalars(select(Callback).where(Callback.id.in_(kept))):
        callback.state = CallbackState.DONE
        callback.closed_at = now
        callback.call_message_id = message.id


def schedule_callback(
    db: Session,
    *,
    ticket: Ticket,
    due_at: datetime,
    staff_id: int | None,
    note: str,
    actor: Actor,
    now: datetime,
) -> Callback:
    """Promises the customer a call at ``due_at``, by ``staff_id`` (default: whoever is assigned)."""
    if ticket.status in (TicketStatus.CLOSED, TicketStatus.RESOLVED):
        raise Conflict(
            "ticket_done", f"{ticket.reference} is {ticket.status}; reopen it before promising a callback"
        )
    if due_at <= now:
        raise InvalidRequest("callback_in_past", "Choose a time in the future for the callback.")
    if staff_id is not None:
        staff = staff_service.get(db, staff_id=staff_id)
        if staff is None or not staff.is_active or staff.role in (Role.CONTRACTOR, Role.ADMIN):
            raise InvalidRequest("not_assignable", f"staff member {staff_id} cannot take callbacks")
    callback = Callback(
        ticket_id=ticket.id,
        staff_id=staff_id,
        due_at=due_at,
        note=note,
        state=CallbackState.OPEN,
        created_by_id=actor.id if actor.kind == "staff" else None,
        created_at=now,
    )
    db.add(callback)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="followup.callback_scheduled",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"callback_id": callback.id, "due_at": due_at.isoformat(), "staff_id": staff_id},
    )
    return callback


def get_callbacks(db: Session, *, ticket: Ticket) -> list[Callback]:
    """The ticket's callbacks, soonest first."""
    query = select(Callback).where(Callback.ticket_id == ticket.id).order_by(Callback.due_at, Callback.id)
    return list(db.scalars(query))


def cancel_callback(db: Session, *, callback_id: int, actor: Actor, now: datetime) -> Callback:
    """Withdraws a promised callback that is still open."""
    callback = db.get(Callback, callback_id)
    if callback is None:
        raise NotFound("callback", callback_id)
    if callback.state != CallbackState.OPEN:
        raise Conflict("callback_closed", f"callback {callback_id} is already {callback.state}")
    callback.state = CallbackState.CANCELLED
    callback.closed_at = now
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="followup.callback_cancelled",
        entity_type="ticket",
        entity_id=callback.ticket_id,
        after={"callback_id": callback.id},
    )
    return callback
