"""Customers: the people and companies who contact support."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from calmdesk.db import Base
from calmdesk.model_mixins import Timestamped, Versioned


class Tier(StrEnum):
    """How the customer's contract ranks them; higher tiers get tighter SLAs."""

    STANDARD = "standard"
    PRIORITY = "priority"
    VIP = "vip"


class Customer(Versioned, Timestamped, Base):
    """A person (optionally at a company) who writes, calls or fills in the form."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Stored lower-cased so the unique index is case-insensitive on every database.
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    company: Mapped[str | None] = mapped_column(String(200))
    tier: Mapped[str] = mapped_column(String(20), default=Tier.STANDARD)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    notes: Mapped[str] = mapped_column(Text, default="")
