"""The worker's housekeeping: what it deletes, and what it must keep."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from calmdesk import housekeeping
from calmdesk.auth.models import SignInFailure
from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.idempotency import IdempotencyRecord
from calmdesk.notify.models import Channel, DeliveryState, OutboxMessage, StaffNotification
from calmdesk.staff.models import Staff


def outbox(key: str, channel: str, state: str, *, delivered_at: datetime | None) -> OutboxMessage:
    return OutboxMessage(
        dedupe_key=key,
        channel=channel,
        topic="sla.breached",
        payload={},
        state=state,
        delivered_at=delivered_at,
    )


def test_housekeeping_deletes_only_what_has_outlived_its_purpose(database: Database) -> None:
    settings = Settings(environment="test", database_url=database.url)
    now = utcnow()
    old, recent = now - timedelta(days=31), now - timedelta(days=29)
    with database.unit_of_work() as db:
        staff = Staff(name="Ada Agent", email="ada@desk.example.com", role="agent")
        db.add(staff)
        db.add_all(
            IdempotencyRecord(principal="staff:1", key=key, request_hash="h", status_code=201, created_at=at)
            for key, at in (("stale", now - timedelta(hours=25)), ("fresh", now - timedelta(hours=23)))
        )
        db.add_all(
            [
                outbox("email-old", Channel.EMAIL, DeliveryState.DELIVERED, delivered_at=old),
                outbox("email-recent", Channel.EMAIL, DeliveryState.DELIVERED, delivered_at=recent),
                outbox("hook-dead", Channel.WEBHOOK, DeliveryState.DEAD, delivered_at=None),
                outbox("hook-pending", Channel.WEBHOOK, DeliveryState.PENDING, delivered_at=None),
            ]
        )
        unread = outbox("in-app-unread", Channel.IN_APP, DeliveryState.DELIVERED, delivered_at=old)
        read = outbox("in-app-read", Channel.IN_APP, DeliveryState.DELIVERED, delivered_at=old)
        db.add_all([unread, read])
        db.flush()
        db.add_all(
            [
                StaffNotification(staff_id=staff.id, outbox_id=unread.id, topic="t", title="Unread", body=""),
                StaffNotification(
                    staff_id=staff.id, outbox_id=read.id, topic="t", title="Read", body="", read_at=old
                ),
            ]
        )
        db.add_all(
            SignInFailure(email="ada@desk.example.com", address="10.0.0.1", failed_at=at)
            for at in (now - timedelta(minutes=16), now - timedelta(minutes=14))
        )

    done = housekeeping.tidy(database, settings=settings, now=now)

    assert (done.idempotency, done.outbox, done.sign_in_failures) == (1, 2, 1)
    with database.session(read_only=True) as db:
        assert list(db.scalars(select(IdempotencyRecord.key))) == ["fresh"]
        kept = set(db.scalars(select(OutboxMessage.dedupe_key)))
        assert kept == {"email-recent", "hook-dead", "hook-pending", "in-app-unread"}
        assert list(db.scalars(select(StaffNotification.title))) == ["Unread"]
        assert list(db.scalars(select(SignInFailure.failed_at))) == [now - timedelta(minutes=14)]
    assert housekeeping.tidy(database, settings=settings, now=now).total == 0


def test_housekeeping_clears_a_backlog_larger_than_one_batch(database: Database) -> None:
    settings = Settings(environment="test", database_url=database.url)
    now = utcnow()
    count = housekeeping.BATCH * 2 + 7
    with database.unit_of_work() as db:
        db.add_all(
            SignInFailure(
                email=f"guess{n}@example.com", address="10.0.0.2", failed_at=now - timedelta(hours=1)
            )
            for n in range(count)
        )
    assert housekeeping.tidy(database, settings=settings, now=now).sign_in_failures == count


def test_the_worker_runs_housekeeping_when_it_starts(database: Database) -> None:
    import threading
    import time

    from calmdesk.worker import Worker

    settings = Settings(environment="test", database_url=database.url, worker_poll_seconds=0.05)
    with database.unit_of_work() as db:
        db.add(
            SignInFailure(
                email="old@example.com", address="10.0.0.3", failed_at=utcnow() - timedelta(hours=2)
            )
        )
    worker, stop = Worker(database, settings), threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,))
    thread.start()
    try:
        deadline = utcnow() + timedelta(seconds=30)
        while utcnow() < deadline:
            with database.session(read_only=True) as db:
                if db.scalar(select(SignInFailure.id)) is None:
                    break
            time.sleep(0.05)
        else:
            raise AssertionError("the worker did not tidy the expired sign-in failure")
    finally:
        stop.set()
        thread.join(timeout=30)
        worker.close()
