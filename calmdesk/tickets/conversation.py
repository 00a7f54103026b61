"""The conversation on a ticket: customer messages, agent replies, notes and phone calls."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.clock import utcnow
from calmdesk.errors import Conflict
from calmdesk.escalation import abuse_watch
from calmdesk.followup import hooks as followup_hooks
from calmdesk.mail import outbound as mail_outbound
from calmdesk.pagination import SortKey, paginate, split_page
from calmdesk.sanitize import clean_html, clean_text, html_to_text
from calmdesk.sla import service as sla_service
from calmdesk.tickets.lifecycle import TicketStatus, status_after_agent_reply, status_after_customer_message
from calmdesk.tickets.models import AuthorKind, Message, MessageKind, Ticket
from calmdesk.tickets.schemas import CustomerMessageCreate, MessageCreate
from calmdesk.tickets.status import change_status
from calmdesk.tone import service as tone_service

MESSAGE_SORT = SortKey("created_at", Message.created_at, descending=False, is_datetime=True)


def append(
    db: Session,
    *,
    ticket: Ticket,
    author_kind: AuthorKind,
    channel: str,
    body: str | None,
    body_html: str | None,
    kind: MessageKind = MessageKind.REPLY,
    author_staff_id: int | None = None,
    author_customer_id: int | None = None,
    call_direction: str | None = None,
    call_duration_seconds: int | None = None,
    call_outcome: str | None = None,
    phone_number: str | None = None,
    call_started_at: datetime | None = None,
) -> Message:
    """Stores one entry; HTML is sanitised here, and plain text is always kept beside it."""
    safe_html = clean_html(body_html) if body_html else None
    text = html_to_text(safe_html) if safe_html is not None else clean_text(body or "")
    message = Message(
        ticket=ticket,
        kind=kind,
        author_kind=author_kind,
        author_staff_id=author_staff_id,
        author_customer_id=author_customer_id,
        channel=channel,
        is_internal=kind is MessageKind.NOTE,
        body_text=text,
        body_html=safe_html,
        call_direction=call_direction,
        call_duration_seconds=call_duration_seconds,
        call_outcome=call_outcome,
        phone_number=phone_number,
        call_started_at=call_started_at,
    )
    db.add(message)
    ticket.updated_at = utcnow()
    # Call notes are the agent's account of what the customer said: read them like the customer's words.
    if author_kind is AuthorKind.CUSTOMER or kind is MessageKind.CALL:
        tone_service.read_and_record(db, ticket=ticket, message=message)
        abuse_watch.on_customer_message(db, ticket=ticket, message=message)  # boundary, then takeover
    return message


def add_staff_entry(db: Session, *, ticket: Ticket, message_in: MessageCreate, actor: Actor) -> Message:
    """Adds a reply, internal note or logged call by a staff member."""
    if ticket.status == TicketStatus.CLOSED and message_in.kind is not MessageKind.NOTE:
        raise Conflict("ticket_closed", f"{ticket.reference} is closed; only internal notes can be added")
    before_status = ticket.status
    channel = message_in.channel or ("phone" if message_in.kind is MessageKind.CALL else ticket.channel)
    message = append(
        db,
        ticket=ticket,
        author_kind=AuthorKind.AGENT,
        author_staff_id=actor.id,
        channel=channel,
        kind=message_in.kind,
        body=message_in.body,
        body_html=message_in.body_html,
        # MessageCreate guarantees these are set only on calls.
        call_direction=message_in.call_direction,
        call_duration_seconds=message_in.call_duration_seconds,
        call_outcome=message_in.call_outcome,
        phone_number=message_in.phone_number,
        call_started_at=message_in.call_started_at,
    )
    if message_in.status is not None:
        change_status(ticket, message_in.status)
    elif message_in.kind is not MessageKind.NOTE:
        change_status(ticket, status_after_agent_reply(ticket.status))
    db.flush()
    sla_service.on_message(db, ticket=ticket, message=message, now=utcnow())
    mail_outbound.on_public_reply(db, ticket=ticket, message=message, now=utcnow())
    followup_hooks.after_staff_entry(
        db, ticket=ticket, message=message, status_before=before_status, actor=actor, now=utcnow()
    )
    audit_service.record(
        db,
        actor=actor,
        action=f"message.{message_in.kind.value}_added",
        entity_type="ticket",
        entity_id=ticket.id,
        before={"status": before_status} if ticket.status != before_status else None,
        after={
            "message_id": message.id,
            **({"status": ticket.status} if ticket.status != before_status else {}),
        },
    )
    return message


def add_customer_message(
    db: Session, *, ticket: Ticket, message_in: CustomerMessageCreate, channel: str, actor: Actor
) -> Message:
    """Adds the customer's own message, waking the ticket if it waited on them."""
    if ticket.status == TicketStatus.CLOSED:
        raise Conflict("ticket_closed", f"{ticket.reference} is closed; please open a new request")
    before_status = ticket.status
    message = append(
        db,
        ticket=ticket,
        author_kind=AuthorKind.CUSTOMER,
        author_customer_id=ticket.customer_id,
        channel=channel,
        body=message_in.body,
        body_html=message_in.body_html,
    )
    change_status(ticket, status_after_customer_message(ticket.status))
    db.flush()
    sla_service.on_message(db, ticket=ticket, message=message, now=utcnow())
    audit_service.record(
        db,
        actor=actor,
        action="message.customer_added",
        entity_type="ticket",
        entity_id=ticket.id,
        after={"message_id": message.id, "status": ticket.status},
        before={"status": before_status},
    )
    return message


def get_all(
    db: Session, *, ticket: Ticket, include_internal: bool, cursor: str | None, limit: int
) -> tuple[list[Message], str | None]:
    """Lists a ticket's conversation, oldest first; internal notes only for staff."""
    query = select(Message).where(Message.ticket_id == ticket.id)
    if not include_internal:
        query = query.where(Message.is_internal.is_(False))
    rows = db.scalars(paginate(query, sort=MESSAGE_SORT, id_column=Message.id, cursor=cursor, limit=limit))
    return split_page(
        rows.unique().all(), limit=limit, sort=MESSAGE_SORT, key_of=lambda m: (m.created_at, m.id)
    )
