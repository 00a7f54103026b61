"""Ticket and message requests and responses."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, Field, model_validator

from calmdesk.customers.schemas import CustomerCreate, CustomerRef
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.staff.schemas import StaffRef, TeamRef
from calmdesk.tickets.lifecycle import Channel, Priority, TicketStatus
from calmdesk.tickets.models import MessageKind
from calmdesk.tone.schemas import MessageAnalysisRead
from calmdesk.validators import Phone, Slug

MAX_BODY_CHARS = 200_000


class CallDirection(StrEnum):
    """Who phoned whom."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class _Body(InputModel):
    body: str | None = Field(default=None, max_length=MAX_BODY_CHARS, description="plain text")
    body_html: str | None = Field(
        default=None, max_length=MAX_BODY_CHARS, description="HTML; sanitised before it is stored"
    )

    @model_validator(mode="after")
    def _one_body(self) -> _Body:
        if not (self.body or self.body_html):
            raise ValueError("give the message a body (plain text) or body_html")
        if self.body and self.body_html:
            raise ValueError("give either body or body_html, not both")
        return self


class FirstMessage(_Body):
    """The customer's words that open a ticket."""


class TicketCreate(InputModel):
    """A new ticket: who it is for, what it is about, and the customer's first message."""

    subject: str = Field(min_length=1, max_length=300)
    customer_id: int | None = None
    customer: CustomerCreate | None = Field(
        default=None, description="found by email, or created, when customer_id is not given"
    )
    message: FirstMessage
    channel: Channel = Channel.API
    priority: Priority = Priority.NORMAL
    severity: int = Field(default=3, ge=1, le=4, description="1 is the worst")
    category: Slug | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    tags: list[Slug] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _one_customer(self) -> TicketCreate:
        if (self.customer_id is None) == (self.customer is None):
            raise ValueError("give exactly one of customer_id or customer")
        return self


class TicketUpdate(InputModel):
    """Fields to change on a ticket; ``tags`` replaces the whole list."""

    subject: str | None = Field(default=None, min_length=1, max_length=300)
    status: TicketStatus | None = None
    priority: Priority | None = None
    severity: int | None = Field(default=None, ge=1, le=4)
    category: Slug | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    tags: list[Slug] | None = Field(default=None, max_length=20)


class TicketRead(OutputModel):
    """A ticket as staff see it."""

    reference: str
    id: int
    subject: str
    status: str
    priority: str
    severity: int
    category: str | None
    channel: str
    customer: CustomerRef
    assignee: StaffRef | None
    team: TeamRef | None
    tags: list[str] = Field(validation_alias="tag_names")
    version: int
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    mood_at_start: float | None = Field(description="mood of the customer's first message, -1..1")
    mood_current: float | None = Field(description="mood of the customer's latest message, -1..1")
    risk_current: float | None = Field(description="escalation risk of the latest customer message, 0..1")
    anger_peak: float | None = Field(description="the angriest customer message so far, 0..1")


class MessageCreate(_Body):
    """A staff entry on a ticket: a reply, an internal note, or a logged phone call."""

    kind: MessageKind = MessageKind.REPLY
    channel: Channel | None = Field(default=None, description="defaults to the ticket's channel")
    status: TicketStatus | None = Field(
        default=None, description="set the ticket's status in the same step, e.g. pending_customer"
    )
    call_direction: CallDirection | None = None
    call_duration_seconds: int | None = Field(default=None, ge=0, le=24 * 3600)
    call_outcome: str | None = Field(default=None, max_length=200)
    phone_number: Phone | None = None
    call_started_at: AwareDatetime | None = Field(
        default=None, description="when the call began, with its offset"
    )

    @model_validator(mode="after")
    def _call_fields(self) -> MessageCreate:
        call_fields = (
            self.call_direction,
            self.call_duration_seconds,
            self.call_outcome,
            self.phone_number,
            self.call_started_at,
        )
        if self.kind is MessageKind.CALL:
            if self.call_direction is None or self.call_duration_seconds is None:
                raise ValueError("a logged call needs call_direction and call_duration_seconds")
        elif any(value is not None for value in call_fields):
            raise ValueError("call_* fields and phone_number belong to kind 'call' only")
        return self


class CustomerMessageCreate(_Body):
    """A customer's reply through their portal link."""


class MessageRead(OutputModel):
    """One conversation entry."""

    id: int
    kind: str
    author_kind: Literal["customer", "agent", "system"]
    author_staff: StaffRef | None
    author_customer_id: int | None
    channel: str
    is_internal: bool
    body_text: str
    body_html: str | None
    call_direction: str | None
    call_duration_seconds: int | None
    call_outcome: str | None
    phone_number: str | None
    call_started_at: datetime | None = None
    created_at: datetime
    analysis: MessageAnalysisRead | None = Field(default=None, description="tone, on customer messages")


class PublicMessageRead(OutputModel):
    """A conversation entry as the customer sees it (no staff-only fields)."""

    id: int
    author_kind: Literal["customer", "agent", "system"]
    author_name: str | None = None
    body_text: str
    body_html: str | None
    created_at: datetime
