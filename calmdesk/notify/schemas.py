"""Notification requests and responses: in-app notifications, the outbox, webhook endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AnyHttpUrl, Field, field_validator

from calmdesk.notify.models import WebhookFormat
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.validators import Name

TOPICS = ("sla.warning", "sla.breached", "sla.escalated")


class NotificationRead(OutputModel):
    """One line of a staff member's in-app notifications."""

    id: int
    topic: str
    ticket_id: int | None
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None


class NotificationPage(OutputModel):
    """A page of notifications and how many are unread in all."""

    items: list[NotificationRead]
    unread: int
    next_cursor: str | None = None


class OutboxRead(OutputModel):
    """An outbox row: what is queued, delivered or dead, with its attempts and last error."""

    id: int
    dedupe_key: str
    channel: str
    topic: str
    staff_id: int | None
    webhook_id: int | None
    ticket_id: int | None
    payload: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


def _known_topics(topics: list[str] | None) -> list[str] | None:
    if topics is None:
        return None
    unknown = sorted(set(topics) - set(TOPICS))
    if unknown:
        raise ValueError(f"unknown topics {unknown}: choose from {', '.join(TOPICS)}")
    return sorted(set(topics))


class WebhookCreate(InputModel):
    """A webhook endpoint; calmdesk makes a signing secret unless you give one."""

    name: Name
    url: AnyHttpUrl
    secret: str | None = Field(default=None, min_length=16, max_length=200)
    body_format: WebhookFormat = WebhookFormat.JSON
    topics: list[str] = Field(default_factory=lambda: list(TOPICS), min_length=1)
    is_active: bool = True

    _topics = field_validator("topics")(_known_topics)


class WebhookUpdate(InputModel):
    """Fields to change on a webhook endpoint."""

    name: Name | None = None
    url: AnyHttpUrl | None = None
    body_format: WebhookFormat | None = None
    topics: list[str] | None = Field(default=None, min_length=1)
    is_active: bool | None = None

    _topics = field_validator("topics")(_known_topics)


class WebhookRead(OutputModel):
    """A webhook endpoint (its secret is shown only when it is created)."""

    id: int
    name: str
    url: str
    body_format: str
    topics: list[str]
    is_active: bool
    version: int
    updated_at: datetime


class WebhookCreated(WebhookRead):
    """A new webhook endpoint, with the secret to verify signatures (shown this once)."""

    secret: str
