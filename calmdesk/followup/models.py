"""Follow-up tables: each ticket's update cadence, scheduled callbacks, and satisfaction surveys.

A cadence set by an agent lives here with its next due time (indexed, so the callback
queue reads only due rows). Without one, a ticket's cadence is its SLA policy's
periodic-update clock, which the SLA code already keeps (``ticket_sla_clocks.due_at``).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.clock import utcnow
from calmdesk.db import Base
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket


class CallbackState(StrEnum):
    """Whether a scheduled callback is still owed."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class UpdateCadence(Base):
    """How often the customer must hear from us on one ticket, as set by an agent."""

    __tablename__ = "followup_cadences"
    __table_args__ = (CheckConstraint("interval_minutes > 0", name="interval_positive"),)

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    interval_minutes: Mapped[int] = mapped_column(Integer)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    set_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The last public reply or logged call; the next update is due one interval after it.
    last_update_at: Mapped[datetime | None]
    next_due_at: Mapped[datetime] = mapped_column(index=True)


class Callback(Base):
    """A phone call an agent promised the customer at a chosen time."""

    __tablename__ = "followup_callbacks"
    __table_args__ = (Index("ix_followup_callbacks_state_due", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    # Who phones; None means whoever the ticket is assigned to at the time.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    due_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[str] = mapped_column(String(10), default=CallbackState.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    # The logged call that made it, when one did.
    call_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))

    staff: Mapped[Staff | None] = relationship(lazy="joined", foreign_keys=[staff_id])


class Survey(Base):
    """A satisfaction survey sent after resolution; its link is one-time and expires.

    Only a SHA-256 hash of the link's token is stored, as for portal links. The rating
    sits beside the customer's mood at the end of the last contact (their last message's
    tone reading), so a poor rating can be read against how the conversation ended.
    """

    __tablename__ = "followup_surveys"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),
        Index("ix_followup_surveys_answered", "answered_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    sent_to: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    mood_at_end: Mapped[float | None] = mapped_column(Float)
    mood_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    # Who the resolving agent was, and who was alerted about a poor rating.
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    reopened: Mapped[bool] = mapped_column(default=False)
    alerted_staff_ids: Mapped[list[int]] = mapped_column(JSON, default=list)

    ticket: Mapped[Ticket] = relationship(lazy="joined", innerjoin=True)
    agent: Mapped[Staff | None] = relationship(lazy="joined", foreign_keys=[agent_id])
