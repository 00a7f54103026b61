"""An escalation nobody acknowledges is passed one rung up by the worker, exactly once per escalation."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from calmdesk.config import Settings
from calmdesk.escalation import jobs as escalation_jobs
from calmdesk.escalation.models import Escalation
from calmdesk.worker import Worker
from tests.integration import escalation_fixtures
from tests.integration.escalation_fixtures import GOALS, EscalationDesk

esc_desk = escalation_fixtures.esc_desk
START = datetime(2024, 11, 11, 9, 0, tzinfo=UTC)


def _chain(d: EscalationDesk) -> list[tuple[int, int | None, str, int | None]]:
    """Every escalation as (id, receiver, state, passed up from)."""
    with d.desk.database.session(read_only=True) as db:
        rows = db.scalars(select(Escalation).order_by(Escalation.id)).unique()
        return [(e.id, e.to_staff_id, e.state, e.re_escalated_from_id) for e in rows]


def _escalate(d: EscalationDesk, reference: str, **extra: object) -> dict[str, object]:
    body = {
        "kind": "hierarchical",
        "reason_code": "beyond_authority",
        "notify_customer": False,
        **GOALS,
        **extra,
    }
    created = d.post(f"/tickets/{reference}/escalations", body, d.agent)
    assert created.status_code == 201, created.text
    return dict(created.json())


def test_an_unacknowledged_escalation_climbs_one_rung_at_a_time_and_each_step_happens_once(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    settings = Settings(environment="test", database_url=d.desk.database.url, escalation_ack_minutes=30)
    worker = Worker(d.desk.database, settings, rand=lambda: 0.0)
    try:
        with time_machine.travel(START, tick=False) as clock:
            reference = d.ticket()
            first = _escalate(d, reference)
            clock.move_to(START + timedelta(minutes=29))
            worker.run_once()
            assert _chain(d) == [(first["id"], d.supervisor.id, "awaiting_acknowledgement", None)]
            clock.move_to(START + timedelta(minutes=31))
            for _ in range(3):  # the worker keeps running: nothing repeats
                assert worker.run_once().errors == 0
            (_, (second, to_manager, waiting, parent)) = _chain(d)
            assert (to_manager, waiting, parent) == (d.manager.id, "awaiting_acknowledgement", first["id"])
            assert _chain(d)[0][2] == "re_escalated"
            assert d.queued(d.manager.id) == [f"Escalation not acknowledged, passed to you: {reference}"]
            late = d.post(f"/escalations/{first['id']}/acknowledge", None, d.supervisor)
            assert late.status_code == 409
            clock.move_to(START + timedelta(minutes=62))
            worker.run_once()
            third = _chain(d)[2]
            assert third[1:] == (d.head.id, "awaiting_acknowledgement", second)
            clock.move_to(START + timedelta(minutes=200))
            worker.run_once()
            worker.run_once()
            assert len(_chain(d)) == 3  # nobody above the Head of Operations
            ticket_id = d.get(f"/tickets/{reference}", d.agent)["id"]
            actions = d.audit_actions(ticket_id)
            assert actions.count("escalation.re_escalated") == 2
            assert actions.count("escalation.unacknowledged_at_top") == 1
            acknowledged = d.post(f"/escalations/{third[0]}/acknowledge", None, d.head)
            assert acknowledged.status_code == 200
            assert d.get(f"/tickets/{reference}", d.agent)["assignee"]["id"] == d.head.id
    finally:
        worker.close()


def test_two_workers_at_once_pass_each_escalation_up_only_once(esc_desk: EscalationDesk) -> None:
    d = esc_desk
    settings = Settings(environment="test", database_url=d.desk.database.url)
    with time_machine.travel(START, tick=False) as clock:
        firsts = [_escalate(d, d.ticket(), acknowledge_within_minutes=10)["id"] for _ in range(3)]
        clock.move_to(START + timedelta(minutes=11))
        errors: list[BaseException] = []

        def run() -> None:
            try:
                escalation_jobs.sweep(d.desk.database, settings=settings, now=START + timedelta(minutes=11))
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    children = [row for row in _chain(d) if row[3] is not None]
    assert sorted(int(row[3] or 0) for row in children) == sorted(int(str(i)) for i in firsts)
    assert {row[1] for row in children} == {d.manager.id}
