"""A ticket's SLA as staff see it, and acknowledging a breach (which stops the climb)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.errors import Conflict, NotFound
from calmdesk.sla import clock_rows
from calmdesk.sla import service as sla_service
from calmdesk.sla.clock import ClockKind, ClockState, ClockStatus
from calmdesk.sla.escalation import SlaEventKind
from calmdesk.sla.models import SlaEvent, SlaPolicy, TicketSla
from calmdesk.sla.schemas import ClockRead, SlaEventRead, TicketSlaRead
from calmdesk.tickets.models import Ticket


def _events(db: Session, ticket_id: int) -> list[SlaEvent]:
    query = select(SlaEvent).where(SlaEvent.ticket_id == ticket_id).order_by(SlaEvent.id)
    return list(db.scalars(query))


def read(db: Session, *, ticket: Ticket, now: datetime) -> TicketSlaRead:
    """Returns each current clock of the ticket (due, remaining, paused, met or breached) and its events."""
    state = db.get(TicketSla, ticket.id)
    policy = db.get(SlaPolicy, state.policy_id) if state and state.policy_id else None
    events = _events(db, ticket.id)
    acks = {(e.clock_kind, e.cycle): e for e in events if e.event == SlaEventKind.ACKNOWLEDGED}
    clocks: list[ClockRead] = []
    if policy is not None:
        calendar = clock_rows.calendar_of(policy.calendar.definition)
        for kind, row in sorted(sla_service.current_rows(db, ticket_id=ticket.id).items()):
            clock = clock_rows.to_clock(row)
            status = clock.status(now, calendar)
            ack = acks.get((kind.value, row.cycle))
            clocks.append(
                ClockRead(
                    kind=kind.value,
                    cycle=row.cycle,
                    status=status.value,
                    target_minutes=clock.target.total_seconds() / 60,
                    started_at=row.started_at,
                    due_at=row.due_at,
                    warning_at=row.warning_at,
                    remaining_seconds=clock.remaining(now, calendar).total_seconds(),
                    used_seconds=clock.used_at(now, calendar).total_seconds(),
                    paused=clock.state is ClockState.PAUSED,
                    met_at=row.met_at,
                    breached=status is ClockStatus.BREACHED,
                    breached_at=row.breached_at or (row.due_at if status is ClockStatus.BREACHED else None),
                    breached_by_seconds=clock.breached_by(now, calendar).total_seconds(),
                    acknowledged_at=ack.occurred_at if ack else None,
                    acknowledged_by=ack.staff_id if ack else None,
                )
            )
    return TicketSlaRead(
        reference=ticket.reference,
        policy_id=policy.id if policy else None,
        policy_name=policy.name if policy else None,
        next_check_at=state.next_check_at if state else None,
        clocks=clocks,
        events=[SlaEventRead.model_validate(e) for e in events],
    )


def acknowledge(db: Session, *, ticket: Ticket, kind: ClockKind, actor: Actor, now: datetime) -> SlaEvent:
    """Records that ``actor`` has taken the breach of the ticket's ``kind`` clock in hand."""
    sla_service.lock_state(db, ticket_id=ticket.id)
    row = sla_service.current_rows(db, ticket_id=ticket.id).get(kind)
    if row is None:
        raise NotFound("sla_clock", f"{kind.value} on {ticket.reference}")
    breached = row.breached_at is not None or (row.due_at is not None and now > row.due_at)
    if not breached:
        raise Conflict("not_breached", f"the {kind.value} clock of {ticket.reference} is not breached")
    event = SlaEvent(
        ticket_id=ticket.id,
        clock_kind=kind.value,
        cycle=row.cycle,
        event=SlaEventKind.ACKNOWLEDGED.value,
        level=0,
        occurred_at=now,
        staff_id=actor.id if actor.kind == "staff" else None,
        recipients=[],
        created_at=now,
    )
    try:
        with db.begin_nested():
            db.add(event)
    except IntegrityError:
        raise Conflict(
            "already_acknowledged", f"the {kind.value} breach of {ticket.reference} was already acknowledged"
        ) from None
    audit_service.record(
        db,
        actor=actor,
        action="sla.breach_acknowledged",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"clock": kind.value, "cycle": row.cycle},
    )
    return event
