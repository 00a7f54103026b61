"""Policy exceptions over HTTP: request one on a ticket, and grant or decline it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.http import commit_read
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.escalation import policy_service
from calmdesk.escalation.schemas import ExceptionCreate, ExceptionDecision, ExceptionRead
from calmdesk.tickets import service as ticket_service

router = APIRouter(tags=["policy exceptions"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
Writer = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]


@router.get("/tickets/{reference}/exceptions", response_model=list[ExceptionRead])
def list_exceptions(reference: str, db: DbSession, _staff: Reader) -> list[ExceptionRead]:
    """The ticket's policy exceptions and their decisions."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return [ExceptionRead.model_validate(e) for e in policy_service.get_for_ticket(db, ticket=ticket)]


@router.post("/tickets/{reference}/exceptions", response_model=ExceptionRead, status_code=201)
def request_exception(
    reference: str, exception_in: ExceptionCreate, db: DbSession, staff: Writer, response: Response
) -> ExceptionRead:
    """Asks for a policy exception (refund beyond policy, goodwill credit, fee waived …)."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    exception = policy_service.request(db, ticket=ticket, exception_in=exception_in, actor=staff.actor)
    return commit_read(db, response, ExceptionRead, exception)


def _decide(
    exception_id: int,
    decision: ExceptionDecision,
    db: DbSession,
    staff: StaffContext,
    *,
    approve: bool,
    response: Response,
) -> ExceptionRead:
    exception = policy_service.get_or_raise(db, exception_id=exception_id)
    policy_service.decide(
        db, exception=exception, approve=approve, note=decision.note, actor=staff.actor, now=utcnow()
    )
    return commit_read(db, response, ExceptionRead, exception)


@router.post("/exceptions/{exception_id}/approve", response_model=ExceptionRead)
def approve_exception(
    exception_id: int, decision: ExceptionDecision, db: DbSession, staff: Writer, response: Response
) -> ExceptionRead:
    """Grants the exception: a higher rank than the requester, never the requester (403)."""
    return _decide(exception_id, decision, db, staff, approve=True, response=response)


@router.post("/exceptions/{exception_id}/decline", response_model=ExceptionRead)
def decline_exception(
    exception_id: int, decision: ExceptionDecision, db: DbSession, staff: Writer, response: Response
) -> ExceptionRead:
    """Declines the exception, with the reason."""
    return _decide(exception_id, decision, db, staff, approve=False, response=response)
