"""The SLA sweep: claims tickets whose next check is due, fires their steps once, reschedules them.

One batch is one short transaction. On PostgreSQL due rows are claimed with
``FOR UPDATE SKIP LOCKED``, so any number of workers split the due tickets between
them; on SQLite the transaction began ``IMMEDIATE`` and is already exclusive.
Every step is inserted with ``ON CONFLICT DO NOTHING`` against its unique key and
only the rows actually inserted queue notifications, in the same transaction: a
second worker, a retry after a crash or a replayed batch can never fire one twice.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from calmdesk.config import Settings
from calmdesk.db import Base, Database
from calmdesk.notify import service as notify_service
from calmdesk.notify.bulk import insert_skipping_duplicates, update_by_keys
from calmdesk.sla import alerts
from calmdesk.sla.escalation import Rung, plan_checks
from calmdesk.sla.loading import SweepContext, load_context
from calmdesk.sla.models import SlaEvent, TicketSla

log = logging.getLogger("calmdesk.sla")

# A ticket whose check failed is looked at again after this, growing with each failure.
RETRY_AFTER = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=1)


@dataclass
class SweepResult:
    """What one sweep did."""

    checked: int = 0
    fired: int = 0
    queued: int = 0
    failed: int = 0

    def add(self, other: SweepResult) -> None:
        """Adds another batch's counts to these."""
        self.checked += other.checked
        self.fired += other.fired
        self.queued += other.queued
        self.failed += other.failed


def claim_due(db: Session, *, now: datetime, limit: int, only: int | None = None) -> list[int]:
    """Locks and returns up to ``limit`` tickets whose next check is due, most overdue first."""
    query = select(TicketSla.ticket_id).where(TicketSla.next_check_at <= now)
    if only is not None:
        query = query.where(TicketSla.ticket_id == only)
    query = query.order_by(TicketSla.next_check_at).limit(limit)
    if db.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(db.scalars(query))


def next_due_at(database: Database) -> datetime | None:
    """Returns the earliest next check time of any ticket (one index lookup), or None."""
    with database.session(read_only=True) as db:
        return db.scalar(select(func.min(TicketSla.next_check_at)))


def sweep(database: Database, *, settings: Settings, now: datetime) -> SweepResult:
    """Checks every due ticket in batches until none is left or the step's time is up."""
    total = SweepResult()
    deadline = time.monotonic() + settings.worker_step_seconds
    while True:
        claimed, result = _batch(database, settings=settings, now=now, limit=settings.worker_batch_size)
        total.add(result)
        if claimed < settings.worker_batch_size or time.monotonic() > deadline:
            return total


def _batch(database: Database, *, settings: Settings, now: datetime, limit: int) -> tuple[int, SweepResult]:
    ticket_ids: list[int] = []
    try:
        with database.unit_of_work() as db:
            ticket_ids = claim_due(db, now=now, limit=limit)
            result = check_tickets(db, ticket_ids, settings=settings, now=now)
        return len(ticket_ids), result
    except Exception:
        log.exception("SLA sweep batch of %d tickets failed; checking them one by one", len(ticket_ids))
    # One bad ticket must not hold up the rest: retry each alone, and park the ones that fail.
    result = SweepResult()
    for ticket_id in ticket_ids:
        try:
            with database.unit_of_work() as db:
                if claim_due(db, now=now, limit=1, only=ticket_id):
                    result.add(check_tickets(db, [ticket_id], settings=settings, now=now))
        except Exception as error:
            log.exception("SLA check of ticket %d failed", ticket_id)
            _record_failure(database, ticket_id=ticket_id, error=error, now=now)
            result.failed += 1
    return len(ticket_ids), result


def _record_failure(database: Database, *, ticket_id: int, error: Exception, now: datetime) -> None:
    with database.unit_of_work() as db:
        state = db.get(TicketSla, ticket_id, with_for_update=True)
        if state is None:
            return
        state.check_failures += 1
        state.last_error = f"{type(error).__name__}: {error}"[:2000]
        state.next_check_at = now + min(RETRY_AFTER * 2 ** (state.check_failures - 1), MAX_RETRY)


def check_tickets(db: Session, ticket_ids: list[int], *, settings: Settings, now: datetime) -> SweepResult:
    """Fires the due steps of the (already claimed) tickets and sets their next check times."""
    if not ticket_ids:
        return SweepResult()
    context = load_context(db, ticket_ids)
    alerts_due: list[alerts.Alert] = []
    next_checks: list[dict[str, object]] = []
    for ticket_id in ticket_ids:
        running = context.running.get(ticket_id, [])
        levels = context.levels_for(ticket_id)
        plan = plan_checks(
            running,
            fired=context.fired.get(ticket_id, set()),
            acknowledged=context.acknowledged.get(ticket_id, set()),
            rungs=[Rung(spec.level, spec.delay) for spec in levels],
            now=now,
        )
        due = {(clock.kind, clock.cycle): clock.due_at for clock in running}
        for step in plan.steps:
            alerts_due.append(
                alerts.route(
                    step,
                    ticket=context.tickets[ticket_id],
                    due_at=due[(step.clock_kind, step.cycle)],
                    levels=levels,
                    directory=context.directory,
                )
            )
        next_checks.append(
            {
                "ticket_id": ticket_id,
                "next_check_at": plan.next_check_at,
                "check_failures": 0,
                "last_error": None,
            }
        )
    result = SweepResult(checked=len(ticket_ids))
    if alerts_due:
        fired = _fire(db, alerts_due, context=context, settings=settings, now=now)
        result.fired, result.queued = fired
    update_by_keys(db, _table(TicketSla), next_checks, keys=["ticket_id"])
    return result


def _fire(
    db: Session, due: list[alerts.Alert], *, context: SweepContext, settings: Settings, now: datetime
) -> tuple[int, int]:
    """Inserts the steps' events; only those newly inserted record breaches and queue notices."""
    rows = [
        {
            "ticket_id": alert.ticket.id,
            "clock_kind": alert.step.clock_kind,
            "cycle": alert.step.cycle,
            "event": alert.step.event.value,
            "level": alert.step.level,
            "occurred_at": alert.step.occurred_at,
            "recipients": list(alert.recipients),
            "created_at": now,
        }
        for alert in due
    ]
    table = _table(SlaEvent)
    unique = ["ticket_id", "clock_kind", "cycle", "event", "level"]
    returned = insert_skipping_duplicates(db, table, rows, conflict=unique, returning=unique)
    inserted = {(t, k, c, e, lv) for t, k, c, e, lv in returned}
    fresh = [alert for alert in due if (alert.ticket.id, *alert.step.key) in inserted]
    topics = {alerts.TOPICS[alert.step.event] for alert in fresh}
    webhooks = notify_service.active_webhooks(db, topics=topics) if topics else {}
    has_email = {sid: entry.has_email for sid, entry in context.directory.staff.items()}
    notices = [
        notice
        for alert in fresh
        for notice in alerts.notices(
            alert,
            base_url=settings.base_url,
            webhooks=webhooks,
            email_enabled=settings.smtp_host is not None,
            has_email=has_email,
        )
    ]
    queued = notify_service.enqueue(db, notices=notices, now=now)
    return len(fresh), queued


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table
