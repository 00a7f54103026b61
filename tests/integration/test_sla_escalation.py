"""Warnings, breaches and escalation levels fire exactly once; acknowledging stops the climb."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import select

from calmdesk.db import Database
from calmdesk.notify.models import OutboxMessage, StaffNotification
from calmdesk.sla import jobs as sla_jobs
from calmdesk.worker import Worker
from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import SlaDesk

sla_desk = sla_fixtures.sla_desk

FIRST_HOUR = {"kind": "first_response", "minutes": 60, "warn_percent": 75}
CHAIN = [
    {"role": "supervisor", "delay_minutes": 0, "channels": ["in_app"]},
    {"role": "manager", "delay_minutes": 30, "channels": ["in_app"]},
]


def test_warning_breach_and_each_level_fire_once_at_their_time(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR], levels=CHAIN)
    reference = sla_desk.ticket()["reference"]
    worker = sla_desk.worker()
    try:
        sla_desk.at(44)
        worker.run_once()
        assert sla_desk.events() == []
        sla_desk.at(45)
        worker.run_once()
        assert sla_desk.events() == [(reference, "first_response", 1, "warning", 0)]
        (warning,) = sla_desk.notifications(sla_desk.agent)
        assert warning["title"] == f"SLA warning: {reference} first response due 2024-11-11 10:00 UTC"
        sla_desk.at(60)  # at the deadline the promise still holds
        worker.run_once()
        assert len(sla_desk.events()) == 1
        sla_desk.at(60.01)
        worker.run_once()
        assert sla_desk.events()[1:] == [
            (reference, "first_response", 1, "breach", 0),
            (reference, "first_response", 1, "escalation", 1),
        ]
        assert [n["title"] for n in sla_desk.notifications(sla_desk.supervisor)] == [
            f"Escalation level 1: {reference} first response breached"
        ]
        assert sla_desk.notifications(sla_desk.manager) == []
        sla_desk.at(89)
        worker.run_once()
        assert len(sla_desk.events()) == 3
        sla_desk.at(90)
        worker.run_once()
        assert sla_desk.events()[-1] == (reference, "first_response", 1, "escalation", 2)
        assert len(sla_desk.notifications(sla_desk.manager)) == 1
        for minutes in (91, 200, 2000):  # the worker keeps running: nothing repeats
            sla_desk.at(minutes)
            worker.run_once()
        assert len(sla_desk.events()) == 4
        assert sla_desk.outbox_count() == 4  # warning, breach (to the assignee), two levels: in-app each
        assert sla_desk.sla(reference)["next_check_at"] is None
    finally:
        worker.close()


def test_acknowledging_stops_the_climb_and_is_recorded(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR], levels=CHAIN)
    reference = sla_desk.ticket()["reference"]
    url = f"/api/v1/tickets/{reference}/sla/first_response/acknowledge"
    early = sla_desk.desk.client.post(url, headers=sla_desk.supervisor.headers)
    assert early.status_code == 409 and early.json()["error"]["code"] == "not_breached"
    worker = sla_desk.worker()
    try:
        sla_desk.at(61)
        worker.run_once()
        acknowledged = sla_desk.desk.client.post(url, headers=sla_desk.supervisor.headers)
        assert acknowledged.status_code == 201, acknowledged.text
        assert acknowledged.json()["staff_id"] == sla_desk.supervisor.id
        again = sla_desk.desk.client.post(url, headers=sla_desk.manager.headers)
        assert again.status_code == 409 and again.json()["error"]["code"] == "already_acknowledged"
        sla_desk.at(500)
        worker.run_once()
        assert [e[3:] for e in sla_desk.events()] == [("breach", 0), ("escalation", 1), ("acknowledged", 0)]
        assert sla_desk.notifications(sla_desk.manager) == []
        clock = sla_desk.clock(reference, "first_response")
        assert clock["acknowledged_by"] == sla_desk.supervisor.id and clock["status"] == "breached"
        audit = sla_desk.desk.client.get(
            "/api/v1/audit", params={"entity_type": "ticket"}, headers=sla_desk.admin.headers
        ).json()["items"]
        assert any(event["action"] == "sla.breach_acknowledged" for event in audit)
    finally:
        worker.close()


def test_answering_after_the_breach_stops_the_climb(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR], levels=CHAIN)
    reference = sla_desk.ticket()["reference"]
    worker = sla_desk.worker()
    try:
        sla_desk.at(70)
        worker.run_once()
        sla_desk.reply(reference)  # late, but the customer has an answer now
        clock = sla_desk.clock(reference, "first_response")
        assert clock["status"] == "breached" and clock["met_at"] is not None
        assert clock["breached_by_seconds"] == 10 * 60
        sla_desk.at(500)
        worker.run_once()
        assert [e[3] for e in sla_desk.events()] == ["breach", "escalation"]
    finally:
        worker.close()


def test_a_paused_clock_does_not_breach_and_climbs_on_after_it_resumes(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[{"kind": "resolution", "minutes": 60}], levels=CHAIN)
    reference = sla_desk.ticket()["reference"]
    worker = sla_desk.worker()
    try:
        sla_desk.at(30)
        sla_desk.patch_ticket(reference, {"status": "pending_customer"})
        sla_desk.at(300)
        worker.run_once()
        assert sla_desk.events() == []
        sla_desk.patch_ticket(reference, {"status": "open"})
        sla_desk.at(331)
        worker.run_once()
        assert [e[3:] for e in sla_desk.events()] == [("breach", 0), ("escalation", 1)]
    finally:
        worker.close()


def test_replaying_a_checked_batch_fires_nothing_twice(sla_desk: SlaDesk) -> None:
    """What a worker killed after its commit, or a second worker, would do: check the same tickets again."""
    sla_desk.configure(targets=[FIRST_HOUR], levels=CHAIN)
    references = [sla_desk.ticket()["reference"] for _ in range(3)]
    now = sla_desk.at(120)
    settings = sla_desk.settings()
    ids = [int(reference.split("-")[1]) for reference in references]
    for _ in range(2):
        with sla_desk.desk.database.unit_of_work() as db:
            sla_jobs.check_tickets(db, ids, settings=settings, now=now)
    counted = Counter(event[3] for event in sla_desk.events())
    assert counted == {"breach": 3, "escalation": 6}
    assert sla_desk.outbox_count() == 9


def test_a_step_already_recorded_is_not_queued_again(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR], levels=CHAIN[:1])
    reference = sla_desk.ticket()["reference"]
    now = sla_desk.at(61)
    ticket_id = int(reference.split("-")[1])
    # A stale view (as two racing workers might each hold): both think nothing has fired yet.
    with sla_desk.desk.database.unit_of_work() as db:
        sla_jobs.check_tickets(db, [ticket_id], settings=sla_desk.settings(), now=now)
    with sla_desk.desk.database.unit_of_work() as db:
        sla_jobs.check_tickets(db, [ticket_id], settings=sla_desk.settings(), now=now)
    with sla_desk.desk.database.session(read_only=True) as db:
        keys = list(db.scalars(select(OutboxMessage.dedupe_key)))
    assert len(keys) == len(set(keys)) == 2


def test_two_workers_on_the_same_due_tickets_fire_each_step_once(sla_desk: SlaDesk) -> None:
    workers = 2
    sla_desk.configure(targets=[FIRST_HOUR], levels=CHAIN)
    references = [sla_desk.ticket()["reference"] for _ in range(40)]
    sla_desk.at(100)  # breach and both levels are due for every ticket
    url = sla_desk.desk.database.url
    start = threading.Barrier(workers)
    errors: list[BaseException] = []
    checked: list[int] = []

    def run() -> None:
        database = Database(url, pool_size=2)  # each worker has its own connections
        worker = Worker(database, sla_desk.settings(worker_batch_size=5), rand=lambda: 0.0)
        try:
            start.wait()
            checked.append(sum(worker.run_once().sweep.checked for _ in range(3)))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            worker.close()
            database.dispose()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert sum(checked) == len(references)  # each due ticket was claimed by one worker, once
    events = sla_desk.events()
    assert len(events) == len(set(events)) == 3 * len(references)
    assert Counter(e[3] for e in events) == {"breach": 40, "escalation": 80}
    with sla_desk.desk.database.session(read_only=True) as db:
        delivered = list(db.scalars(select(StaffNotification.outbox_id)))
    assert len(delivered) == len(set(delivered)) == sla_desk.outbox_count() == 3 * 40
