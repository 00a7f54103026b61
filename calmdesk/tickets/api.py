"""Ticket and conversation endpoints for staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, require
from calmdesk.api.http import check_if_match, commit_read, created_response, read_with_etag
from calmdesk.api.params import Cursor, Limit, Text
from calmdesk.auth import service as auth_service
from calmdesk.auth.permissions import Permission
from calmdesk.auth.schemas import PortalLinkCreated, PortalLinkRead
from calmdesk.errors import Forbidden
from calmdesk.idempotency import fingerprint, run_once
from calmdesk.schemas import Page
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.lifecycle import Channel, Priority, TicketStatus
from calmdesk.tickets.models import MessageKind
from calmdesk.tickets.schemas import MessageCreate, MessageRead, TicketCreate, TicketRead, TicketUpdate
from calmdesk.validators import Slug

router = APIRouter(prefix="/tickets", tags=["tickets"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
Writer = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="retry-safe key: a retry returns the first result"),
]
Sort = Literal["-updated_at", "updated_at", "-created_at", "created_at", "-priority"]


@router.get("", response_model=Page[TicketRead])
def list_tickets(
    db: DbSession,
    staff: Reader,
    status: Annotated[list[TicketStatus] | None, Query()] = None,
    priority: Annotated[list[Priority] | None, Query()] = None,
    team_id: int | None = None,
    assignee: Annotated[
        str | None, Query(pattern=r"^(me|none|\d+)$", description="me, none or an id")
    ] = None,
    customer_id: int | None = None,
    category: Slug | None = None,
    channel: Channel | None = None,
    tag: Slug | None = None,
    q: Text = None,
    sort: Sort = "-updated_at",
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[TicketRead]:
    """Lists tickets with filters; ``q`` searches subjects and messages."""
    assignee_id = (
        staff.staff_id if assignee == "me" else int(assignee) if assignee and assignee != "none" else None
    )
    criteria = ticket_service.TicketFilter(
        status=status or (),
        priority=priority or (),
        team_id=team_id,
        assignee_id=assignee_id,
        unassigned=assignee == "none",
        customer_id=customer_id,
        category=category,
        channel=channel,
        tag=tag,
        text=q,
    )
    items, next_cursor = ticket_service.get_all(db, criteria=criteria, sort=sort, cursor=cursor, limit=limit)
    return Page(items=[TicketRead.model_validate(t) for t in items], next_cursor=next_cursor)


@router.post("", response_model=TicketRead, status_code=201)
def create_ticket(
    ticket_in: TicketCreate,
    request: Request,
    db: DbSession,
    staff: Writer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Opens a ticket with the customer's first message. Safe to retry with an Idempotency-Key."""

    def perform() -> tuple[int, object]:
        ticket = ticket_service.create(db, ticket_in=ticket_in, actor=staff.actor)
        db.flush()
        return 201, TicketRead.model_validate(ticket).model_dump(mode="json")

    result = run_once(
        db,
        principal=staff.actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, ticket_in.model_dump(mode="json")),
    )
    reference = result.body.get("reference") if isinstance(result.body, dict) else None
    return created_response(result, location=f"/api/v1/tickets/{reference}" if reference else None)


@router.get("/{reference}", response_model=TicketRead)
def read_ticket(reference: str, db: DbSession, _staff: Reader, response: Response) -> TicketRead:
    """Returns one ticket by its reference, e.g. CD-1042."""
    return read_with_etag(
        response, TicketRead, ticket_service.get_by_reference_or_raise(db, reference=reference)
    )


@router.patch("/{reference}", response_model=TicketRead)
def update_ticket(
    reference: str,
    ticket_in: TicketUpdate,
    request: Request,
    db: DbSession,
    staff: Writer,
    response: Response,
) -> TicketRead:
    """Changes status, priority, assignment or tags; send If-Match with the ETag you read."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    check_if_match(request, ticket.version)
    ticket_service.update(db, ticket=ticket, ticket_in=ticket_in, actor=staff.actor)
    return commit_read(db, response, TicketRead, ticket)


@router.get("/{reference}/messages", response_model=Page[MessageRead])
def list_messages(
    reference: str, db: DbSession, staff: Reader, cursor: Cursor = None, limit: Limit = 100
) -> Page[MessageRead]:
    """Returns the conversation, oldest first (internal notes included for staff)."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    items, next_cursor = conversation.get_all(
        db, ticket=ticket, include_internal=staff.can(Permission.INTERNAL_NOTES), cursor=cursor, limit=limit
    )
    return Page(items=[MessageRead.model_validate(m) for m in items], next_cursor=next_cursor)


@router.post("/{reference}/messages", response_model=MessageRead, status_code=201)
def add_message(
    reference: str,
    message_in: MessageCreate,
    request: Request,
    db: DbSession,
    staff: Writer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Adds a reply, an internal note or a logged phone call. Safe to retry with an Idempotency-Key."""
    if message_in.kind is MessageKind.NOTE and not staff.can(Permission.INTERNAL_NOTES):
        raise Forbidden("forbidden", "your role may not write internal notes")

    def perform() -> tuple[int, object]:
        ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
        message = conversation.add_staff_entry(db, ticket=ticket, message_in=message_in, actor=staff.actor)
        db.flush()
        return 201, MessageRead.model_validate(message).model_dump(mode="json")

    result = run_once(
        db,
        principal=staff.actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, message_in.model_dump(mode="json")),
    )
    return created_response(result)


@router.post("/{reference}/portal-links", response_model=PortalLinkCreated, status_code=201)
def create_portal_link(
    reference: str, db: DbSession, staff: Writer, settings: SettingsDep, response: Response
) -> PortalLinkCreated:
    """Creates the customer's private link to this ticket; the URL is shown only now."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    link, token = auth_service.create_portal_link(
        db, ticket=ticket, ttl=timedelta(days=settings.portal_link_ttl_days), actor=staff.actor
    )
    db.commit()
    return PortalLinkCreated(
        id=link.id,
        token=token,
        expires_at=link.expires_at,
        url=f"{settings.base_url.rstrip('/')}/portal/{token}",
    )


@router.get("/{reference}/portal-links", response_model=list[PortalLinkRead])
def list_portal_links(reference: str, db: DbSession, _staff: Reader) -> list[PortalLinkRead]:
    """Lists the ticket's portal links (without their secrets)."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return [PortalLinkRead.model_validate(link) for link in auth_service.get_portal_links(db, ticket=ticket)]


@router.delete("/{reference}/portal-links/{link_id}", response_model=PortalLinkRead)
def revoke_portal_link(reference: str, link_id: int, db: DbSession, staff: Writer) -> PortalLinkRead:
    """Revokes a portal link: it stops working at once."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    link = auth_service.revoke_portal_link(db, ticket=ticket, link_id=link_id, actor=staff.actor)
    db.flush()
    result = PortalLinkRead.model_validate(link)
    db.commit()
    return result
