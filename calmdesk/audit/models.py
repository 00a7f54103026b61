"""The append-only audit log: who changed what, when, from what to what.

The migration adds database triggers that refuse UPDATE and DELETE on this table, so
the log stays append-only even against a mistaken query.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from calmdesk.clock import utcnow
from calmdesk.db import Base


class AuditEvent(Base):
    """One recorded change."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity_type", "entity_id", "id"),)

    # SQLite only auto-numbers an INTEGER PRIMARY KEY, so the big integer is PostgreSQL's.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_kind: Mapped[str] = mapped_column(String(10))  # staff | customer | system
    actor_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(60))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
