"""Incidents, the tickets linked to them, and each ticket's stored text vector."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.clock import utcnow
from calmdesk.db import Base
from calmdesk.incidents.clustering import IncidentStatus, LinkState
from calmdesk.model_mixins import Timestamped
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket


class Incident(Timestamped, Base):
    """One fault that many customers reported: proposed by calmdesk, confirmed by a supervisor."""

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_status_last_seen", "status", "last_seen_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(12), default=IncidentStatus.PROPOSED)
    # Linked tickets (not suggestions), kept here so lists need no count per row.
    ticket_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    dismissed_at: Mapped[datetime | None]
    dismissed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    dismiss_reason: Mapped[str | None] = mapped_column(String(500))
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    # The one update every linked ticket's customer received on resolution.
    resolution_update: Mapped[str | None] = mapped_column(Text)

    confirmed_by: Mapped[Staff | None] = relationship(foreign_keys=[confirmed_by_id], lazy="joined")
    resolved_by: Mapped[Staff | None] = relationship(foreign_keys=[resolved_by_id], lazy="joined")


class IncidentTicket(Base):
    """A ticket linked to (or suggested for) an incident."""

    __tablename__ = "incident_tickets"
    __table_args__ = (Index("ix_incident_tickets_ticket", "ticket_id"),)

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(10), default=LinkState.LINKED)
    # Cosine similarity to the closest ticket already in the incident, when calmdesk matched it.
    similarity: Mapped[float | None] = mapped_column(Float)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    ticket: Mapped[Ticket] = relationship(lazy="joined", innerjoin=True)


class TicketVector(Base):
    """A ticket's subject and first message as a vector, stored once when the ticket is first read.

    ``id`` grows in the order rows are written (detection runs one at a time), so a
    process's cached matrix is topped up with ``id > last seen``. ``customer_id`` and
    ``opened_at`` are copied from the ticket so the cache loads without a join.
    """

    __tablename__ = "incident_ticket_vectors"
    __table_args__ = (Index("ix_incident_ticket_vectors_model_opened", "model", "opened_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), unique=True)
    customer_id: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime]
    model: Mapped[str] = mapped_column(String(80))
    # float16 for unit-length embeddings; sparse (uint16 index, float16 value) pairs for hashed terms.
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
