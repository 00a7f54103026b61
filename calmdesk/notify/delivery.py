"""Delivering the outbox: claim due rows, send them, record the outcome, retry with backoff.

A row is claimed in a short transaction that counts the attempt, stamps a claim token
and moves ``next_attempt_at`` past the attempt's time limit (a lease). Sending happens
outside any transaction, so a slow SMTP server never holds a lock; the outcome is
written only by the holder of the token. A worker killed mid-send leaves the lease
to expire and the row is tried again: email and webhooks are delivered at least once,
and carry the row's unique key (``X-Calmdesk-Delivery``, a fixed Message-ID) so a
receiver can drop a repeat. In-app notifications need no I/O and are written in the
claiming transaction itself, exactly once (unique per outbox row).
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.mail import outbound as mail_outbound
from calmdesk.notify import senders
from calmdesk.notify.bulk import insert_skipping_duplicates
from calmdesk.notify.http_post import Poster
from calmdesk.notify.models import Channel, DeliveryState, StaffNotification, WebhookEndpoint
from calmdesk.notify.senders import DeliveryError, Parcel
from calmdesk.notify.service import outbox_table
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.reference import format_reference

log = logging.getLogger("calmdesk.notify")

# Room beyond the attempt's own time limit before another worker may take the row over.
LEASE_MARGIN = timedelta(seconds=30)


def retry_delay(attempts: int, *, base: float, cap: float, jitter: float) -> timedelta:
    """Exponential backoff with jitter: ``base * 2**(attempts-1)``, capped, scaled by 0.5 to 1.0.

    ``jitter`` is a number in [0, 1) (a random draw), so retries of many rows spread out.
    """
    exponential = min(cap, base * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=exponential * (0.5 + jitter / 2))


@dataclass
class DeliveryResult:
    """What one delivery step did."""

    claimed: int = 0
    delivered: int = 0
    retried: int = 0
    dead: int = 0


class Deliverer:
    """Delivers due outbox rows for one worker; holds its HTTP client and sending threads."""

    def __init__(self, database: Database, settings: Settings, *, rand: Callable[[], float] = random.random):
        self.database = database
        self.settings = settings
        self.rand = rand
        self.poster = Poster()
        self.pool = ThreadPoolExecutor(max_workers=settings.notify_concurrency, thread_name_prefix="deliver")

    def close(self) -> None:
        """Stops the sending threads and closes connections."""
        self.pool.shutdown(wait=True)  # the sending threads end, and their connections with them

    @property
    def lease(self) -> timedelta:
        """How long a claimed row stays with this worker before another may take it."""
        longest = max(self.settings.webhook_timeout_seconds, self.settings.smtp_timeout_seconds)
        return timedelta(seconds=longest) + LEASE_MARGIN

    def run(self, *, limit: int = 500) -> DeliveryResult:
        """Claims up to ``limit`` due rows, delivers them and records each outcome."""
        token = uuid.uuid4().hex
        result = DeliveryResult()
        with self.database.unit_of_work() as db:
            parcels = self._claim(db, token=token, limit=limit, now=utcnow(), result=result)
        if not parcels:
            return result
        outcomes = list(self.pool.map(self._send, parcels))
        with self.database.unit_of_work() as db:
            self._record(
                db, list(zip(parcels, outcomes, strict=True)), token=token, now=utcnow(), result=result
            )
        return result

    def _claim(
        self, db: Session, *, token: str, limit: int, now: datetime, result: DeliveryResult
    ) -> list[Parcel]:
        """Leases due rows in one statement; in-app rows are delivered right here."""
        table = outbox_table()
        due = (
            select(table.c.id)
            .where(table.c.state == DeliveryState.PENDING, table.c.next_attempt_at <= now)
            .order_by(table.c.next_attempt_at, table.c.id)
            .limit(limit)
        )
        if db.get_bind().dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        leased = db.execute(
            update(table)
            .where(table.c.id.in_(due.scalar_subquery()))
            .values(attempts=table.c.attempts + 1, claim_token=token, next_attempt_at=now + self.lease)
            .returning(*(table.c[name] for name in _LEASED))
        ).all()
        rows = sorted(leased, key=lambda row: row.id)
        result.claimed = len(rows)
        in_app = [row for row in rows if row.channel == Channel.IN_APP]
        result.delivered += _deliver_in_app(db, in_app, now=now, result=result)
        outside = [row for row in rows if row.channel != Channel.IN_APP]
        emails = _emails(db, {row.staff_id for row in outside if row.channel == Channel.EMAIL})
        hooks = _webhooks(db, {row.webhook_id for row in outside if row.channel == Channel.WEBHOOK})
        parcels: list[Parcel] = []
        for row in outside:
            if row.channel == Channel.CUSTOMER:
                parcels.append(self._customer_parcel(db, row))
                continue
            hook = hooks.get(row.webhook_id) if row.webhook_id is not None else None
            parcels.append(
                Parcel(
                    outbox_id=row.id,
                    dedupe_key=row.dedupe_key,
                    channel=row.channel,
                    topic=row.topic,
                    payload=row.payload,
                    attempts=row.attempts,
                    email=emails.get(row.staff_id) if row.staff_id is not None else None,
                    webhook_url=hook.url if hook else None,
                    webhook_secret=hook.secret if hook else None,
                    webhook_format=hook.body_format if hook else "json",
                )
            )
        return parcels

    def _customer_parcel(self, db: Session, row: Row[Any]) -> Parcel:
        """A customer email with its thread: the fixed Message-ID and the ticket's earlier mail."""
        ticket_id = int(row.ticket_id) if row.ticket_id is not None else 0
        own = row.payload.get("mail_message_id") or mail_outbound.message_id_for(
            self.settings, ticket_id=ticket_id, dedupe_key=row.dedupe_key
        )
        return Parcel(
            outbox_id=row.id,
            dedupe_key=row.dedupe_key,
            channel=row.channel,
            topic=row.topic,
            payload=row.payload,
            attempts=row.attempts,
            email=row.payload.get("to"),
            ticket_id=row.ticket_id,
            reference=format_reference(ticket_id),
            thread=mail_outbound.thread_for(db, ticket_id=ticket_id, own_message_id=str(own)),
        )

    def _send(self, parcel: Parcel) -> str | None:
        """Attempts one delivery; returns None on success or the reason it failed."""
        try:
            if parcel.channel == Channel.EMAIL:
                if parcel.email is None:
                    raise DeliveryError("the staff member has no email address")
                senders.send_email(self.settings, parcel, sent_at=utcnow())
            elif parcel.channel == Channel.CUSTOMER:
                if not parcel.email:
                    raise DeliveryError("the customer has no email address")
                senders.send_customer_email(self.settings, parcel, sent_at=utcnow())
            elif parcel.channel == Channel.WEBHOOK:
                if parcel.webhook_url is None:
                    raise DeliveryError("the webhook endpoint is disabled or was removed")
                timeout = self.settings.webhook_timeout_seconds
                senders.post_webhook(self.poster, parcel, timeout=timeout, sent_at=utcnow())
            else:
                raise DeliveryError(f"unknown channel {parcel.channel!r}")
        except DeliveryError as error:
            return str(error)
        except Exception as error:  # a bug in a sender must not lose the row: record and retry
            log.exception("delivering outbox row %d failed unexpectedly", parcel.outbox_id)
            return f"{type(error).__name__}: {error}"
        return None

    def _record(
        self,
        db: Session,
        outcomes: list[tuple[Parcel, str | None]],
        *,
        token: str,
        now: datetime,
        result: DeliveryResult,
    ) -> None:
        """Writes each outcome, but only for rows this worker still holds (its claim token)."""
        table = outbox_table()
        mine = (table.c.claim_token == token, table.c.state == DeliveryState.PENDING)
        delivered = [parcel.outbox_id for parcel, error in outcomes if error is None]
        if delivered:
            db.execute(
                update(table)
                .where(table.c.id.in_(delivered), *mine)
                .values(state=DeliveryState.DELIVERED, delivered_at=now, last_error=None)
            )
            result.delivered += len(delivered)
        for parcel, error in outcomes:
            if error is None:
                continue
            if parcel.attempts >= self.settings.notify_max_attempts:
                values: dict[str, object] = {"state": DeliveryState.DEAD, "last_error": error[:2000]}
                result.dead += 1
                log.warning(
                    "outbox row %d is dead after %d attempts: %s", parcel.outbox_id, parcel.attempts, error
                )
            else:
                delay = retry_delay(
                    parcel.attempts,
                    base=self.settings.notify_backoff_seconds,
                    cap=self.settings.notify_backoff_max_seconds,
                    jitter=self.rand(),
                )
                values = {"next_attempt_at": now + delay, "last_error": error[:2000]}
                result.retried += 1
            db.execute(update(table).where(table.c.id == parcel.outbox_id, *mine).values(**values))


_LEASED = (
    "id",
    "dedupe_key",
    "channel",
    "topic",
    "payload",
    "attempts",
    "staff_id",
    "webhook_id",
    "ticket_id",
)


def _deliver_in_app(db: Session, rows: list[Row[Any]], *, now: datetime, result: DeliveryResult) -> int:
    """Adds in-app rows to their staff members' lists and marks them delivered, in the claim's transaction."""
    if not rows:
        return 0
    staff = _active_staff(db, {row.staff_id for row in rows})
    tickets = _existing_tickets(db, {row.ticket_id for row in rows})
    kept = [row for row in rows if row.staff_id in staff]
    notifications = [
        {
            "staff_id": row.staff_id,
            "outbox_id": row.id,
            "topic": row.topic,
            "ticket_id": row.ticket_id if row.ticket_id in tickets else None,
            "title": str(row.payload["title"])[:300],
            "body": str(row.payload["body"]),
            "created_at": now,
        }
        for row in kept
    ]
    table = outbox_table()
    # Unique per outbox row: a replayed claim cannot list a notification twice.
    insert_skipping_duplicates(
        db, _table(StaffNotification), notifications, conflict=["outbox_id"], returning=["id"]
    )
    if kept:
        db.execute(
            update(table)
            .where(table.c.id.in_([row.id for row in kept]))
            .values(state=DeliveryState.DELIVERED, delivered_at=now, last_error=None)
        )
    gone = [row.id for row in rows if row.staff_id not in staff]
    if gone:
        db.execute(
            update(table)
            .where(table.c.id.in_(gone))
            .values(state=DeliveryState.DEAD, last_error="the staff member is no longer active")
        )
        result.dead += len(gone)
    return len(kept)


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _active_staff(db: Session, staff_ids: set[int | None]) -> set[int]:
    wanted = {sid for sid in staff_ids if sid is not None}
    if not wanted:
        return set()
    return set(db.scalars(select(Staff.id).where(Staff.id.in_(wanted), Staff.is_active.is_(True))))


def _existing_tickets(db: Session, ticket_ids: set[int | None]) -> set[int]:
    wanted = {tid for tid in ticket_ids if tid is not None}
    if not wanted:
        return set()
    return set(db.scalars(select(Ticket.id).where(Ticket.id.in_(wanted))))


def _emails(db: Session, staff_ids: set[int | None]) -> dict[int, str]:
    wanted = {sid for sid in staff_ids if sid is not None}
    if not wanted:
        return {}
    query = select(Staff.id, Staff.email).where(Staff.id.in_(wanted), Staff.is_active.is_(True))
    return dict(db.execute(query).tuples().all())


def _webhooks(db: Session, webhook_ids: set[int | None]) -> dict[int, WebhookEndpoint]:
    wanted = {wid for wid in webhook_ids if wid is not None}
    if not wanted:
        return {}
    query = select(WebhookEndpoint).where(WebhookEndpoint.id.in_(wanted), WebhookEndpoint.is_active.is_(True))
    return {endpoint.id: endpoint for endpoint in db.scalars(query)}
