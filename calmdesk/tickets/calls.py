"""Phone calls: opening a ticket from a call. Logging a call on a ticket is a ``kind: call`` message.

A call's notes are the agent's account of what the customer said, so they are read for tone
like a customer's own message (``conversation.append``), and a call is a response for the
SLA clocks (``sla.service.on_message``): a ticket opened from a call owes no first response.
"""

from __future__ import annotations

from pydantic import AwareDatetime, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.auth.principal import Actor
from calmdesk.clock import utcnow
from calmdesk.customers import service as customer_service
from calmdesk.customers.models import Customer
from calmdesk.customers.schemas import CustomerCreate
from calmdesk.schemas import InputModel
from calmdesk.sla import service as sla_service
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.lifecycle import Channel, Priority, TicketStatus, status_after_agent_reply
from calmdesk.tickets.models import AuthorKind, MessageKind, Ticket
from calmdesk.tickets.schemas import MAX_BODY_CHARS, CallDirection
from calmdesk.tickets.status import change_status
from calmdesk.validators import Phone, Slug


class CallTicketCreate(InputModel):
    """A ticket opened from a phone call: who called (or was called), and the call itself."""

    subject: str = Field(min_length=1, max_length=300)
    customer_id: int | None = None
    customer: CustomerCreate | None = Field(
        default=None, description="found by email (or by phone when no email is given), or created"
    )
    direction: CallDirection
    phone_number: Phone | None = Field(default=None, description="defaults to the customer's number")
    started_at: AwareDatetime | None = None
    duration_seconds: int = Field(ge=0, le=24 * 3600)
    outcome: str | None = Field(default=None, max_length=200)
    notes: str = Field(min_length=1, max_length=MAX_BODY_CHARS, description="what was said and agreed")
    status: TicketStatus | None = Field(default=None, description="e.g. resolved when the call fixed it")
    priority: Priority = Priority.NORMAL
    severity: int = Field(default=3, ge=1, le=4)
    category: Slug | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    tags: list[Slug] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _one_customer(self) -> CallTicketCreate:
        if (self.customer_id is None) == (self.customer is None):
            raise ValueError("give exactly one of customer_id or customer")
        return self


def _customer(db: Session, call_in: CallTicketCreate, actor: Actor) -> Customer:
    if call_in.customer_id is not None:
        return customer_service.get_or_raise(db, customer_id=call_in.customer_id)
    assert call_in.customer is not None  # guaranteed by the validator
    if call_in.customer.email is None and call_in.customer.phone is not None:
        known = db.scalars(
            select(Customer).where(Customer.phone == call_in.customer.phone).order_by(Customer.id)
        ).first()
        if known is not None:
            return known
    return customer_service.get_or_create(db, customer_in=call_in.customer, actor=actor)


def open_ticket_from_call(db: Session, *, call_in: CallTicketCreate, actor: Actor) -> Ticket:
    """Opens a phone ticket whose first entry is the logged call."""
    customer = _customer(db, call_in, actor)
    ticket = ticket_service.start_ticket(db, fields=call_in, customer=customer, channel=Channel.PHONE)
    db.flush()
    message = conversation.append(
        db,
        ticket=ticket,
        author_kind=AuthorKind.AGENT,
        author_staff_id=actor.id if actor.kind == "staff" else None,
        channel=Channel.PHONE,
        kind=MessageKind.CALL,
        body=call_in.notes,
        body_html=None,
        call_direction=call_in.direction,
        call_duration_seconds=call_in.duration_seconds,
        call_outcome=call_in.outcome,
        phone_number=call_in.phone_number or customer.phone,
        call_started_at=call_in.started_at,
    )
    change_status(ticket, call_in.status or status_after_agent_reply(ticket.status))
    db.flush()
    ticket_service.finish_opening(
        db,
        ticket=ticket,
        first=message,
        actor=actor,
        action="ticket.created_from_call",
        extra={"message_id": message.id},
    )
    # The call itself answered the customer: it counts as the response on the new clocks.
    sla_service.on_message(db, ticket=ticket, message=message, now=utcnow())
    return ticket
