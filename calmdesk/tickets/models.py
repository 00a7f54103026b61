"""Tickets, their tags and the conversation on them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.clock import utcnow
from calmdesk.customers.models import Customer
from calmdesk.db import Base
from calmdesk.model_mixins import Timestamped, Versioned
from calmdesk.staff.models import Staff, Team
from calmdesk.tickets.lifecycle import Priority, TicketStatus
from calmdesk.tickets.reference import format_reference
from calmdesk.tone.models import MessageAnalysis


class Ticket(Versioned, Timestamped, Base):
    """One customer problem, from first contact to closure; shown as e.g. ``CD-1042``."""

    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint("severity BETWEEN 1 AND 4", name="severity_range"),
        Index("ix_tickets_status_updated", "status", "updated_at", "id"),
        Index("ix_tickets_created", "created_at", "id"),
        Index("ix_tickets_assignee_status", "assignee_id", "status"),
        Index("ix_tickets_team_status", "team_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default=TicketStatus.NEW)
    priority: Mapped[str] = mapped_column(String(10), default=Priority.NORMAL)
    severity: Mapped[int] = mapped_column(SmallInteger, default=3)
    category: Mapped[str | None] = mapped_column(String(60), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # From the tone analysis of customer messages: the first one's mood, the latest one's
    # mood and escalation risk, and the angriest anger score so far.
    mood_at_start: Mapped[float | None] = mapped_column(Float)
    mood_current: Mapped[float | None] = mapped_column(Float)
    risk_current: Mapped[float | None] = mapped_column(Float)
    anger_peak: Mapped[float | None] = mapped_column(Float)

    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)
    assignee: Mapped[Staff | None] = relationship(lazy="joined")
    team: Mapped[Team | None] = relationship(lazy="joined")
    tags: Mapped[list[TicketTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="TicketTag.name"
    )

    @property
    def reference(self) -> str:
        """The reference people use, e.g. ``CD-1042``."""
        return format_reference(self.id)

    @property
    def tag_names(self) -> list[str]:
        """The ticket's tags as plain names."""
        return [tag.name for tag in self.tags]


class TicketTag(Base):
    """A label on a ticket; procedures and products are tagged for root-cause reports."""

    __tablename__ = "ticket_tags"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)


class AuthorKind(StrEnum):
    """Who wrote a message."""

    CUSTOMER = "customer"
    AGENT = "agent"
    SYSTEM = "system"


class MessageKind(StrEnum):
    """What a conversation entry is."""

    REPLY = "reply"
    NOTE = "note"  # internal note: staff only, never shown to the customer
    CALL = "call"  # a logged phone call with its notes


class Message(Base):
    """One entry in a ticket's conversation. Append-only: corrections are new entries."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_ticket_created", "ticket_id", "created_at", "id"),
        CheckConstraint(
            "(kind = 'call') OR (call_direction IS NULL AND call_duration_seconds IS NULL)",
            name="call_fields_only_on_calls",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10), default=MessageKind.REPLY)
    author_kind: Mapped[str] = mapped_column(String(10))
    author_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    author_customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(10))
    is_internal: Mapped[bool] = mapped_column(Boolean, default=False)
    body_text: Mapped[str] = mapped_column(Text)
    # Sanitised HTML (nh3) when the message came as HTML; never the raw input.
    body_html: Mapped[str | None] = mapped_column(Text)
    call_direction: Mapped[str | None] = mapped_column(String(10))
    call_duration_seconds: Mapped[int | None] = mapped_column(Integer)
    call_outcome: Mapped[str | None] = mapped_column(String(200))
    phone_number: Mapped[str | None] = mapped_column(String(40))
    call_started_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author_staff: Mapped[Staff | None] = relationship(lazy="joined")
    ticket: Mapped[Ticket] = relationship(lazy="raise")
    analysis: Mapped[MessageAnalysis | None] = relationship(lazy="selectin", cascade="all, delete-orphan")
