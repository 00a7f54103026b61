"""Real `calmdesk worker` processes: two side by side, one killed with SIGKILL mid-sweep, one in serve.

Tickets are seeded already breached, with their next check held back; once the
workers are up, one UPDATE makes every ticket due at the same instant. Each ticket
then owes exactly three steps (breach, level 1 at once, level 2 thirty minutes
later) and four notifications (in-app to the assignee, the supervisor and the
manager, and a webhook for level 1).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

import pytest
import time_machine
from sqlalchemy import func, select, update

from calmdesk.clock import utcnow
from calmdesk.customers.models import Customer
from calmdesk.db import Database
from calmdesk.notify.models import Channel, DeliveryState, OutboxMessage, StaffNotification, WebhookEndpoint
from calmdesk.sla import service as sla_service
from calmdesk.sla.models import (
    EscalationChain,
    EscalationLevel,
    SlaCalendar,
    SlaEvent,
    SlaPolicy,
    SlaTarget,
    TicketSla,
)
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket
from tests.e2e.conftest import _free_port

STEPS_PER_TICKET = 3
NOTICES_PER_TICKET = 4
ALWAYS = {
    "time_zone": "UTC",
    "weekly": {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
}


class Hooks:
    """A webhook receiver in the test process, counting deliveries by their unique key."""

    def __init__(self) -> None:
        self.deliveries: Counter[str] = Counter()
        lock = threading.Lock()
        deliveries = self.deliveries

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                with lock:
                    deliveries[self.headers["X-Calmdesk-Delivery"]] += 1
                self.send_response(204)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stops the receiver."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hooks() -> Iterator[Hooks]:
    """A running webhook receiver."""
    receiver = Hooks()
    yield receiver
    receiver.close()


def seed(url: str, *, tickets: int, webhook_url: str) -> list[int]:
    """Configures the SLA and opens ``tickets`` tickets whose first response broke 2 hours ago."""
    from calmdesk import migrate

    database = Database(url, pool_size=2)
    migrate.upgrade(database.engine)
    opened = utcnow() - timedelta(hours=3)
    with database.unit_of_work() as db, time_machine.travel(opened, tick=False):
        manager = Staff(name="Mina Manager", email="mina@desk.example.com", role="manager")
        supervisor = Staff(name="Sam Supervisor", email="sam@desk.example.com", role="supervisor")
        agent = Staff(name="Ada Agent", email="ada@desk.example.com", role="agent")
        customer = Customer(name="Chris Customer", email="chris@example.com")
        calendar = SlaCalendar(name="Always", definition=ALWAYS)
        db.add_all([manager, supervisor, agent, customer, calendar])
        db.flush()
        supervisor.reports_to_id, agent.reports_to_id = manager.id, supervisor.id
        chain = EscalationChain(
            name="Leads",
            levels=[
                EscalationLevel(level=1, role="supervisor", delay_minutes=0, channels=["in_app", "webhook"]),
                EscalationLevel(level=2, role="manager", delay_minutes=30, channels=["in_app"]),
            ],
        )
        db.add_all(
            [chain, WebhookEndpoint(name="ops", url=webhook_url, secret="s" * 32, topics=["sla.escalated"])]
        )
        db.flush()
        target = SlaTarget(kind="first_response", minutes=60, warn_percent=75)
        db.add(
            SlaPolicy(
                name="Standard",
                is_default=True,
                calendar_id=calendar.id,
                escalation_chain_id=chain.id,
                conditions={},
                targets=[target],
            )
        )
        rows = [
            Ticket(
                subject=f"Order {n} never arrived", channel="email", customer=customer, assignee_id=agent.id
            )
            for n in range(tickets)
        ]
        db.add_all(rows)
        db.flush()
        for ticket in rows:
            sla_service.on_ticket_changed(db, ticket=ticket, now=opened)
        db.flush()
        db.execute(update(TicketSla).values(next_check_at=None))  # held back until the workers are up
        ids = [ticket.id for ticket in rows]
    database.dispose()
    return ids


def release(url: str, *, hold_back: list[int] | None = None, for_seconds: float = 0) -> None:
    """Makes every seeded ticket due now, except ``hold_back``, due ``for_seconds`` later."""
    database = Database(url, pool_size=1)
    now = utcnow()
    held = hold_back or []
    with database.unit_of_work() as db:
        db.execute(update(TicketSla).where(TicketSla.ticket_id.not_in(held)).values(next_check_at=now))
        if held:
            later = now + timedelta(seconds=for_seconds)
            db.execute(update(TicketSla).where(TicketSla.ticket_id.in_(held)).values(next_check_at=later))
    database.dispose()


def fired_so_far(url: str) -> int:
    """How many SLA steps have fired: one cheap query, so a test can act within milliseconds."""
    database = Database(url, pool_size=1)
    with database.session(read_only=True) as db:
        count = db.scalar(select(func.count()).select_from(SlaEvent)) or 0
    database.dispose()
    return count


def counts(url: str) -> dict[str, Any]:
    """What the workers have done so far."""
    database = Database(url, pool_size=1)
    with database.session(read_only=True) as db:
        events = db.execute(select(SlaEvent.ticket_id, SlaEvent.event, SlaEvent.level)).all()
        outbox = db.execute(
            select(OutboxMessage.dedupe_key, OutboxMessage.state, OutboxMessage.channel)
        ).all()
        notified = list(db.scalars(select(StaffNotification.outbox_id)))
        pending = db.scalar(select(func.count()).where(TicketSla.next_check_at.is_not(None)))
    database.dispose()
    return {"events": events, "outbox": outbox, "notified": notified, "pending_checks": pending}


class WorkerProcess:
    """A `calmdesk worker` subprocess with its log."""

    def __init__(self, url: str, log_path: Path, *, batch_size: int) -> None:
        env = {
            **os.environ,
            "CALMDESK_DATABASE_URL": url,
            "CALMDESK_ENVIRONMENT": "test",
            "CALMDESK_WORKER_BATCH_SIZE": str(batch_size),
        }
        self.log_path = log_path
        self.log: IO[str] = log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "calmdesk", "worker", "--poll-seconds", "0.1"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        """What the worker has logged."""
        return self.log_path.read_text()

    def wait_started(self, timeout: float = 60) -> None:
        """Waits for the worker's loop to begin."""
        wait_for(lambda: "worker started" in self.text(), timeout, f"worker did not start: {self.text()}")

    def stop(self) -> int:
        """Sends SIGTERM and returns the exit code."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.log.close()
        return code

    def kill(self) -> None:
        """SIGKILL: no cleanup, no goodbye."""
        self.process.kill()
        self.process.wait(timeout=30)
        self.log.close()


def wait_for(condition: Callable[[], bool], timeout: float, message: str, *, every: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(every)


def in_flight_webhooks(url: str) -> set[str]:
    """Webhook rows a worker had claimed (leased) but not yet recorded: sent, perhaps."""
    database = Database(url, pool_size=1)
    with database.session(read_only=True) as db:
        keys = set(
            db.scalars(
                select(OutboxMessage.dedupe_key).where(
                    OutboxMessage.channel == Channel.WEBHOOK,
                    OutboxMessage.state == DeliveryState.PENDING,
                    OutboxMessage.attempts > 0,
                )
            )
        )
    database.dispose()
    return keys


def assert_each_step_and_notice_exactly_once(
    url: str, ids: list[int], hooks: Hooks, *, maybe_sent_twice: frozenset[str] = frozenset()
) -> None:
    """Each step and notice exists once and each webhook arrived once.

    ``maybe_sent_twice`` names the webhooks a killed worker had in flight: sent, but
    the outcome not yet written. Delivery is at least once by design (the module
    docstring of ``calmdesk.notify.delivery``), so only those may arrive again, and
    with the same ``X-Calmdesk-Delivery`` key, which is how a receiver drops them.
    """
    done = counts(url)
    per_ticket = Counter(ticket_id for ticket_id, _, _ in done["events"])
    assert per_ticket == dict.fromkeys(ids, STEPS_PER_TICKET)
    assert len(set(done["events"])) == len(done["events"])
    keys = [key for key, _, _ in done["outbox"]]
    assert len(keys) == len(set(keys)) == NOTICES_PER_TICKET * len(ids)
    assert {state for _, state, _ in done["outbox"]} == {"delivered"}
    in_app = sum(1 for _, _, channel in done["outbox"] if channel == "in_app")
    assert len(done["notified"]) == len(set(done["notified"])) == in_app == 3 * len(ids)
    assert len(hooks.deliveries) == len(ids)  # every webhook arrived ...
    repeated = {key for key, times in hooks.deliveries.items() if times > 1}
    assert repeated <= maybe_sent_twice, "only a webhook in flight at the kill may arrive again"
    assert all(hooks.deliveries[key] <= 2 for key in repeated)


def finished(url: str, ids: list[int]) -> Callable[[], bool]:
    def check() -> bool:
        done = counts(url)
        delivered = sum(1 for _, state, _ in done["outbox"] if state == "delivered")
        return len(done["events"]) == STEPS_PER_TICKET * len(ids) and delivered == NOTICES_PER_TICKET * len(
            ids
        )

    return check


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # several workers: the PostgreSQL set-up
def test_two_worker_processes_split_the_due_tickets_and_fire_each_step_once(
    db_url: str, tmp_path: Path, hooks: Hooks
) -> None:
    ids = seed(db_url, tickets=300, webhook_url=hooks.url)
    workers = [WorkerProcess(db_url, tmp_path / f"worker{n}.log", batch_size=10) for n in (1, 2)]
    try:
        for worker in workers:
            worker.wait_started()
        release(db_url)
        wait_for(finished(db_url, ids), 120, "the workers did not finish", every=0.2)
    finally:
        codes = [worker.stop() for worker in workers]
    assert codes == [0, 0]  # SIGTERM: each finished its pass and left cleanly
    assert_each_step_and_notice_exactly_once(db_url, ids, hooks)
    fired = [[line for line in worker.text().splitlines() if "fired" in line] for worker in workers]
    assert all(fired), "both workers should have claimed some of the due tickets"


def test_a_worker_killed_mid_sweep_loses_nothing_and_resends_only_its_in_flight_webhooks(
    db_url: str, tmp_path: Path, hooks: Hooks
) -> None:
    ids = seed(db_url, tickets=240, webhook_url=hooks.url)
    first = WorkerProcess(db_url, tmp_path / "first.log", batch_size=5)
    try:
        first.wait_started()
        # Half the tickets fall due 15 s later, so the kill lands with work still owed even
        # when the first half goes faster than the test can look (an idle machine).
        release(db_url, hold_back=ids[len(ids) // 2 :], for_seconds=15)
        wait_for(lambda: fired_so_far(db_url) > 0, 10, "the worker fired nothing", every=0.005)
    finally:
        first.kill()
    partial = counts(db_url)
    in_flight = frozenset(in_flight_webhooks(db_url))
    fired = Counter(ticket_id for ticket_id, _, _ in partial["events"])
    assert 0 < len(fired) < len(ids), "the kill should land mid-sweep"
    # Each ticket's steps and their notifications were committed together or not at all.
    assert set(fired.values()) == {STEPS_PER_TICKET}
    assert len(partial["outbox"]) == NOTICES_PER_TICKET * len(fired)
    second = WorkerProcess(db_url, tmp_path / "second.log", batch_size=50)
    try:
        wait_for(finished(db_url, ids), 120, "the restarted worker did not finish", every=0.2)
    finally:
        assert second.stop() == 0
    assert_each_step_and_notice_exactly_once(db_url, ids, hooks, maybe_sent_twice=in_flight)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # on PostgreSQL `calmdesk worker` does it
def test_serve_runs_the_worker_in_process_on_sqlite(db_url: str, tmp_path: Path, hooks: Hooks) -> None:
    ids = seed(db_url, tickets=3, webhook_url=hooks.url)
    port = _free_port()
    env = {**os.environ, "CALMDESK_DATABASE_URL": db_url, "CALMDESK_ENVIRONMENT": "test"}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "calmdesk", "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(
            lambda: "worker:" in (tmp_path / "serve.log").read_text(), 60, "serve did not start its worker"
        )
        release(db_url)
        wait_for(finished(db_url, ids), 60, "the in-process worker did not fire", every=0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert_each_step_and_notice_exactly_once(db_url, ids, hooks)
