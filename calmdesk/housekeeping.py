"""Tidying the tables that only grow: run by the worker every few minutes.

- stored idempotent answers, once past ``idempotency_ttl_hours`` (a retry after that
  is a new request);
- delivered email, webhook and customer-mail outbox rows, once past
  ``notify_retention_days`` (their proof of delivery is the audit of what caused them);
  in-app rows stay while their notification is unread, since the notification hangs
  off its outbox row; dead rows stay for an admin to replay;
- failed sign-ins that have left the lock-out window.

Each table is cleared in bounded batches, each its own short transaction, so a large
backlog never holds a long lock on the tables the desk is writing to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Table, delete, select
from sqlalchemy.orm import Session

from calmdesk.auth.models import SignInFailure
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.idempotency import IdempotencyRecord
from calmdesk.notify.models import Channel, DeliveryState, OutboxMessage, StaffNotification

log = logging.getLogger("calmdesk.housekeeping")
BATCH = 2_000


@dataclass
class Tidied:
    """How many rows each kind of clean-up removed."""

    idempotency: int = 0
    outbox: int = 0
    sign_in_failures: int = 0

    @property
    def total(self) -> int:
        """All rows removed."""
        return self.idempotency + self.outbox + self.sign_in_failures


def _outbox_expired(cutoff: datetime) -> ColumnElement[bool]:
    read_or_not_in_app = (OutboxMessage.channel != Channel.IN_APP) | OutboxMessage.id.in_(
        select(StaffNotification.outbox_id).where(StaffNotification.read_at.is_not(None))
    )
    return (
        (OutboxMessage.state == DeliveryState.DELIVERED)
        & (OutboxMessage.delivered_at < cutoff)
        & read_or_not_in_app
    )


def _delete_batch(db: Session, table: Table, where: ColumnElement[bool]) -> int:
    ids = select(table.c.id).where(where).limit(BATCH).scalar_subquery()
    return int(db.execute(delete(table).where(table.c.id.in_(ids))).rowcount or 0)  # type: ignore[attr-defined]


def _drain(database: Database, table: Table, where: ColumnElement[bool]) -> int:
    removed = 0
    while True:
        with database.unit_of_work() as db:
            count = _delete_batch(db, table, where)
        removed += count
        if count < BATCH:
            return removed


def tidy(database: Database, *, settings: Settings, now: datetime) -> Tidied:
    """Deletes what has outlived its purpose; returns how much."""
    done = Tidied()
    done.idempotency = _drain(
        database,
        IdempotencyRecord.__table__,  # type: ignore[arg-type]
        IdempotencyRecord.created_at < now - timedelta(hours=settings.idempotency_ttl_hours),
    )
    done.outbox = _drain(
        database,
        OutboxMessage.__table__,  # type: ignore[arg-type]
        _outbox_expired(now - timedelta(days=settings.notify_retention_days)),
    )
    done.sign_in_failures = _drain(
        database,
        SignInFailure.__table__,  # type: ignore[arg-type]
        SignInFailure.failed_at <= now - timedelta(minutes=settings.signin_lockout_minutes),
    )
    if done.total:
        log.info(
            "housekeeping removed %d idempotent answers, %d outbox rows, %d sign-in failures",
            done.idempotency,
            done.outbox,
            done.sign_in_failures,
        )
    return done
