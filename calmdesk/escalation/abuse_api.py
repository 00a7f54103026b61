"""The abusive-contact path over HTTP: where the ticket is, the boundary to send, and the takeover."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, require
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.escalation import abuse_watch, takeover
from calmdesk.escalation.abuse import AbuseStage
from calmdesk.escalation.schemas import AbuseRead, EscalationRead
from calmdesk.staff.schemas import StaffRef
from calmdesk.tickets import service as ticket_service

router = APIRouter(tags=["escalations"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
Writer = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]


@router.get("/tickets/{reference}/abuse", response_model=AbuseRead)
def read_abuse(reference: str, db: DbSession, staff: Reader) -> AbuseRead:
    """Where the ticket is on the abusive-contact path, the boundary statement, and who would take it over."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    state = abuse_watch.state_of(db, ticket=ticket)
    receiver = (
        abuse_watch.takeover_receiver(db, ticket=ticket, actor_id=staff.staff_id)
        if state.path.stage is AbuseStage.TAKEOVER_OFFERED
        else None
    )
    return AbuseRead(
        reference=ticket.reference,
        stage=state.path.stage.value,
        first_abuse_message_id=state.path.first_abuse_id,
        boundary_message_id=state.path.boundary_message_id,
        takeover_message_id=state.path.takeover_message_id,
        boundary_statement=abuse_watch.boundary_statement(state),
        takeover_to=StaffRef(id=receiver.id, name=receiver.name, role=receiver.role) if receiver else None,
    )


@router.post("/tickets/{reference}/abuse/takeover", response_model=EscalationRead, status_code=201)
def take_over(reference: str, db: DbSession, staff: Writer, settings: SettingsDep) -> EscalationRead:
    """Hands an abusive contact to the supervisor with a brief (once calmdesk has offered it; else 409)."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    escalation = takeover.take_over(db, ticket=ticket, actor=staff.actor, settings=settings, now=utcnow())
    db.flush()
    result = EscalationRead.model_validate(escalation)
    db.commit()
    return result
