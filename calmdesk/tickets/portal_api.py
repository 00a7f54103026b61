"""The customer's side: their one ticket's public thread, reached by a private link."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse

from calmdesk.api.deps import DbSession
from calmdesk.api.http import created_response
from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import Actor
from calmdesk.idempotency import fingerprint, run_once
from calmdesk.schemas import OutputModel
from calmdesk.tickets import conversation
from calmdesk.tickets.models import AuthorKind, Message
from calmdesk.tickets.schemas import CustomerMessageCreate, PublicMessageRead

router = APIRouter(prefix="/portal", tags=["customer portal"])
PUBLIC_PAGE = 500


class PortalTicket(OutputModel):
    """What a customer sees of their ticket: no staff notes, no internal fields."""

    reference: str
    subject: str
    status: str
    created_at: datetime
    updated_at: datetime
    messages: list[PublicMessageRead]


def public_message(message: Message) -> PublicMessageRead:
    """A message as its customer may see it."""
    # Customers see the first name of the person helping them, never internal details.
    name = message.author_staff.name.split()[0] if message.author_staff is not None else None
    return PublicMessageRead(
        id=message.id,
        author_kind=message.author_kind,
        author_name=name if message.author_kind == AuthorKind.AGENT else None,
        body_text=message.body_text,
        body_html=message.body_html,
        created_at=message.created_at,
    )


@router.get("/{token}", response_model=PortalTicket)
def read_portal_ticket(token: str, db: DbSession) -> PortalTicket:
    """Returns the ticket's public thread for the holder of its link."""
    ticket = auth_service.ticket_for_portal_token(db, token=token)
    messages, _ = conversation.get_all(
        db, ticket=ticket, include_internal=False, cursor=None, limit=PUBLIC_PAGE
    )
    return PortalTicket(
        reference=ticket.reference,
        subject=ticket.subject,
        status=ticket.status,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        messages=[public_message(m) for m in messages],
    )


@router.post("/{token}/messages", response_model=PublicMessageRead, status_code=201)
def add_portal_message(
    token: str,
    message_in: CustomerMessageCreate,
    request: Request,
    db: DbSession,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> JSONResponse:
    """Adds the customer's reply to their ticket."""
    ticket = auth_service.ticket_for_portal_token(db, token=token)
    actor = Actor(kind="customer", id=ticket.customer_id)

    def perform() -> tuple[int, object]:
        message = conversation.add_customer_message(
            db, ticket=ticket, message_in=message_in, channel="web", actor=actor
        )
        db.flush()
        return 201, public_message(message).model_dump(mode="json")

    result = run_once(
        db,
        principal=actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, message_in.model_dump(mode="json")),
    )
    return created_response(result)
