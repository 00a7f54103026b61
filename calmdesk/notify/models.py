"""Notification tables: the transactional outbox, staff members' in-app list, webhook endpoints."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from calmdesk.clock import utcnow
from calmdesk.db import Base
from calmdesk.model_mixins import Timestamped, Versioned


class Channel(StrEnum):
    """How a notification reaches people."""

    IN_APP = "in_app"
    EMAIL = "email"
    WEBHOOK = "webhook"
    CUSTOMER = "customer"  # email to the ticket's customer (calmdesk.mail.outbound)


class DeliveryState(StrEnum):
    """Where an outbox row is: waiting (or retrying), delivered, or given up on."""

    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


class WebhookFormat(StrEnum):
    """The body a webhook endpoint receives."""

    JSON = "json"
    SLACK = "slack"


class OutboxMessage(Base):
    """One notification to deliver, written in the same transaction as the change behind it.

    ``dedupe_key`` is unique: the same event can never queue the same notification twice.
    A worker leases a row by moving ``next_attempt_at`` ahead and stamping ``claim_token``;
    only the holder of the token may record the outcome. The recipient and ticket ids are
    plain columns, not foreign keys: the outbox is a delivery log written a thousand rows
    at a time, and a recipient gone by delivery time is a recorded failure, not a lost row.
    """

    __tablename__ = "notification_outbox"
    __table_args__ = (Index("ix_notification_outbox_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    topic: Mapped[str] = mapped_column(String(40))
    staff_id: Mapped[int | None] = mapped_column(Integer)
    webhook_id: Mapped[int | None] = mapped_column(Integer)
    ticket_id: Mapped[int | None] = mapped_column(Integer)
    # {"title", "body", "url", "data": {...}}: what every channel renders from.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default=DeliveryState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]


class StaffNotification(Base):
    """A line in a staff member's in-app notification list."""

    __tablename__ = "staff_notifications"
    __table_args__ = (Index("ix_staff_notifications_staff", "staff_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("notification_outbox.id", ondelete="CASCADE"), unique=True
    )
    topic: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class WebhookEndpoint(Versioned, Timestamped, Base):
    """A URL that receives signed JSON (or a Slack-compatible body) for the topics it follows."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Kept in the clear: calmdesk must sign with it. Shown once, when the endpoint is created.
    secret: Mapped[str] = mapped_column(String(200))
    body_format: Mapped[str] = mapped_column(String(10), default=WebhookFormat.JSON)
    topics: Mapped[list[str]] = mapped_column(JSON)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
