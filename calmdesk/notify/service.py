"""Queueing notifications in the caller's transaction, and reading and replaying them. Callers commit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.errors import Conflict, NotFound
from calmdesk.notify.bulk import insert_skipping_duplicates
from calmdesk.notify.models import DeliveryState, OutboxMessage, StaffNotification, WebhookEndpoint


@dataclass(frozen=True)
class Notice:
    """A notification to queue: one channel, one recipient, a unique key."""

    dedupe_key: str
    channel: str
    topic: str
    payload: dict[str, Any]
    staff_id: int | None = None
    webhook_id: int | None = None
    ticket_id: int | None = None


def enqueue(db: Session, *, notices: Iterable[Notice], now: datetime) -> int:
    """Queues notices in the caller's transaction; a notice whose key is already queued is skipped."""
    rows = [
        {
            "dedupe_key": notice.dedupe_key,
            "channel": notice.channel,
            "topic": notice.topic,
            "payload": notice.payload,
            "staff_id": notice.staff_id,
            "webhook_id": notice.webhook_id,
            "ticket_id": notice.ticket_id,
            "state": DeliveryState.PENDING.value,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for notice in notices
    ]
    inserted = insert_skipping_duplicates(db, outbox_table(), rows, conflict=["dedupe_key"], returning=["id"])
    return len(inserted)


def outbox_table() -> Table:
    """The outbox as a Core table (bulk inserts skip the ORM's per-row work)."""
    table = OutboxMessage.__table__
    assert isinstance(table, Table)
    return table


def active_webhooks(db: Session, *, topics: Iterable[str]) -> dict[str, list[int]]:
    """Returns, for each topic, the ids of active webhook endpoints that follow it."""
    wanted = set(topics)
    following: dict[str, list[int]] = {topic: [] for topic in wanted}
    for endpoint_id, endpoint_topics in db.execute(
        select(WebhookEndpoint.id, WebhookEndpoint.topics).where(WebhookEndpoint.is_active.is_(True))
    ):
        for topic in set(endpoint_topics) & wanted:
            following[topic].append(endpoint_id)
    return following


def get_for_staff(
    db: Session, *, staff_id: int, unread_only: bool, before_id: int | None, limit: int
) -> list[StaffNotification]:
    """Lists a staff member's in-app notifications, newest first."""
    query = select(StaffNotification).where(StaffNotification.staff_id == staff_id)
    if unread_only:
        query = query.where(StaffNotification.read_at.is_(None))
    if before_id is not None:
        query = query.where(StaffNotification.id < before_id)
    return list(db.scalars(query.order_by(StaffNotification.id.desc()).limit(limit)))


def count_unread(db: Session, *, staff_id: int) -> int:
    """Returns how many of a staff member's notifications are unread."""
    query = select(func.count()).where(
        StaffNotification.staff_id == staff_id, StaffNotification.read_at.is_(None)
    )
    return int(db.scalar(query) or 0)


def mark_read(db: Session, *, staff_id: int, notification_id: int, now: datetime) -> StaffNotification:
    """Marks one of the staff member's own notifications read (again is harmless)."""
    notification = db.get(StaffNotification, notification_id)
    if notification is None or notification.staff_id != staff_id:
        raise NotFound("notification", notification_id)
    if notification.read_at is None:
        notification.read_at = now
    return notification


def get_outbox(db: Session, *, state: str | None, before_id: int | None, limit: int) -> list[OutboxMessage]:
    """Lists outbox rows, newest first, optionally in one state (e.g. the dead letters)."""
    query = select(OutboxMessage)
    if state is not None:
        query = query.where(OutboxMessage.state == state)
    if before_id is not None:
        query = query.where(OutboxMessage.id < before_id)
    return list(db.scalars(query.order_by(OutboxMessage.id.desc()).limit(limit)))


def replay(db: Session, *, outbox_id: int, actor: Actor, now: datetime) -> OutboxMessage:
    """Sends a dead letter again: back to pending with a fresh count of attempts."""
    query = select(OutboxMessage).where(OutboxMessage.id == outbox_id).with_for_update()
    message = db.scalars(query).one_or_none()
    if message is None:
        raise NotFound("outbox_message", outbox_id)
    if message.state != DeliveryState.DEAD:
        raise Conflict(
            "not_dead", f"outbox message {outbox_id} is {message.state}; only dead letters are replayed"
        )
    message.state = DeliveryState.PENDING.value
    message.attempts = 0
    message.next_attempt_at = now
    message.claim_token = None
    audit_service.record(
        db,
        actor=actor,
        action="notification.replayed",
        entity_type="notification_outbox",
        entity_id=message.id,
        before={"state": DeliveryState.DEAD.value, "last_error": message.last_error},
        after={"state": DeliveryState.PENDING.value},
    )
    return message
