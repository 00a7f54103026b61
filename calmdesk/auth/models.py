"""Credentials: staff sign-in sessions and API tokens, and customers' portal links.

Only a SHA-256 hash of each token is stored. The tokens are 256-bit random values, so
a fast hash is enough (no dictionary to attack) and keeps per-request checks cheap.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.clock import utcnow
from calmdesk.db import Base
from calmdesk.staff.models import Staff


class TokenKind(StrEnum):
    """A sign-in session (expires) or an API token for scripts (until revoked)."""

    SESSION = "session"
    API = "api"


class AuthToken(Base):
    """A bearer credential belonging to one staff member."""

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, safe to show so a person can tell their tokens apart.
    display_prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    staff: Mapped[Staff] = relationship(lazy="joined", innerjoin=True)


class PortalLink(Base):
    """A customer's unguessable, revocable link to one ticket's public thread."""

    __tablename__ = "portal_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class SignInFailure(Base):
    """One failed sign-in, kept for the lock-out window (by account email and by client address)."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index("ix_sign_in_failures_email_at", "email", "failed_at"),
        Index("ix_sign_in_failures_address_at", "address", "failed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    address: Mapped[str] = mapped_column(String(64), default="")
    failed_at: Mapped[datetime] = mapped_column(default=utcnow)
