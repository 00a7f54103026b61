"""Phone endpoints: open a ticket from a call (logging a call on a ticket is POST …/messages, kind call)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.api.http import created_response
from calmdesk.auth.permissions import Permission
from calmdesk.idempotency import fingerprint, run_once
from calmdesk.tickets.calls import CallTicketCreate, open_ticket_from_call
from calmdesk.tickets.schemas import TicketRead

router = APIRouter(prefix="/calls", tags=["tickets"])
Writer = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]


@router.post("", response_model=TicketRead, status_code=201)
def create_ticket_from_call(
    call_in: CallTicketCreate,
    request: Request,
    db: DbSession,
    staff: Writer,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> JSONResponse:
    """Opens a phone ticket whose first entry is the logged call. Safe to retry with an Idempotency-Key."""

    def perform() -> tuple[int, object]:
        ticket = open_ticket_from_call(db, call_in=call_in, actor=staff.actor)
        db.flush()
        return 201, TicketRead.model_validate(ticket).model_dump(mode="json")

    result = run_once(
        db,
        principal=staff.actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, call_in.model_dump(mode="json")),
    )
    reference = result.body.get("reference") if isinstance(result.body, dict) else None
    return created_response(result, location=f"/api/v1/tickets/{reference}" if reference else None)
