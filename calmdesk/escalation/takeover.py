"""A supervisor takes over an abusive contact: the ticket is reassigned with a handoff brief."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.config import Settings
from calmdesk.errors import Conflict
from calmdesk.escalation import briefing
from calmdesk.escalation.abuse import AbuseStage
from calmdesk.escalation.abuse_watch import state_of, takeover_receiver
from calmdesk.escalation.models import Escalation
from calmdesk.escalation.service import AUDITED, brief_columns, notify_receivers
from calmdesk.escalation.vocabulary import EscalationKind, EscalationOrigin, EscalationReason, EscalationState
from calmdesk.staff.models import Staff
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.schemas import TicketUpdate

PEOPLE_GOALS = (
    "The conversation stays respectful: the customer accepts the boundary, or we go on in writing only.",
    "The agent who was abused is not exposed to the customer again.",
)


def take_over(db: Session, *, ticket: Ticket, actor: Actor, settings: Settings, now: datetime) -> Escalation:
    """Reassigns an abusive contact to the supervisor, with a drafted brief, once calmdesk has offered it."""
    stage = state_of(db, ticket=ticket).path.stage
    if stage is not AbuseStage.TAKEOVER_OFFERED:
        raise Conflict(
            "no_takeover_offered",
            f"calmdesk offers a takeover after a second abusive message following a boundary; "
            f"{ticket.reference} is at '{stage.value.replace('_', ' ')}'",
        )
    receiver = takeover_receiver(db, ticket=ticket, actor_id=actor.id)
    if receiver is None:
        raise Conflict("no_supervisor", "nobody above the assignee in the reporting chain can take this over")
    draft, _contacts = briefing.draft(db, ticket=ticket, until=now)
    by_receiver = receiver.id == actor.id
    escalation = Escalation(
        ticket_id=ticket.id,
        kind=EscalationKind.HIERARCHICAL.value,
        origin=EscalationOrigin.ABUSE_TAKEOVER.value,
        state=(EscalationState.ACKNOWLEDGED if by_receiver else EscalationState.AWAITING).value,
        reason_code=EscalationReason.ABUSIVE_CONTACT.value,
        reason="abusive again after a boundary was set",
        from_staff_id=ticket.assignee_id or actor.id,
        to_staff_id=receiver.id,
        takes_ticket=True,
        ack_due_at=None if by_receiver else now + timedelta(minutes=settings.escalation_ack_minutes),
        acknowledged_at=now if by_receiver else None,
        acknowledged_by=db.get(Staff, receiver.id) if by_receiver else None,
        **brief_columns(draft, problem=draft.problem, impact=draft.impact),
        problem_goals=[f"Answer the customer's problem in writing: {ticket.subject.strip()}."],
        people_goals=list(PEOPLE_GOALS),
        sla_state=briefing.sla_state(db, ticket=ticket, now=now),
    )
    db.add(escalation)
    db.flush()
    previous = ticket.assignee_id
    if ticket.assignee_id != receiver.id:
        ticket_service.update(db, ticket=ticket, ticket_in=TicketUpdate(assignee_id=receiver.id), actor=actor)
    audit_service.record(
        db,
        actor=actor,
        action="abuse.taken_over",
        entity_type="ticket",
        entity_id=ticket.id,
        before={"assignee_id": previous},
        after={"assignee_id": receiver.id, "escalation_id": escalation.id},
    )
    audit_service.record(
        db,
        actor=actor,
        action="escalation.created",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"escalation_id": escalation.id, **audit_service.snapshot(escalation, AUDITED)},
    )
    if not by_receiver:
        notify_receivers(db, escalation=escalation, ticket=ticket, settings=settings, now=now)
    return escalation
