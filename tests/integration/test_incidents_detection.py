"""Incident detection with the sentence model, suggestions by similarity, and the demo incident."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.demo import content, loader
from calmdesk.demo.conversations_outage import CHECKOUT_OUTAGE
from calmdesk.incidents import cache, detection, textvec, vectors
from calmdesk.incidents.detection import DetectResult
from calmdesk.incidents.models import TicketVector
from calmdesk.staff.roles import Role
from calmdesk.worker import Worker
from tests.integration.conftest import Desk
from tests.integration.incident_desk import OUTAGE, UNRELATED, detect, report

API = "/api/v1/incidents"
# The same fault in words that share little vocabulary (the demo's outage reports): what
# the embedding is for. In this order the last matches both earlier ones.
PARAPHRASES = tuple(
    (demo.subject, demo.turns[0].text)
    for demo in (CHECKOUT_OUTAGE[5], CHECKOUT_OUTAGE[7], CHECKOUT_OUTAGE[0])
)


def test_the_sentence_model_groups_paraphrases_and_stores_its_vectors(desk: Desk) -> None:
    cache.clear()
    desk.account(Role.SUPERVISOR)
    agent = desk.account()
    for subject, body in UNRELATED:
        report(desk, agent, subject, body)
    tickets = [report(desk, agent, subject, body) for subject, body in PARAPHRASES]
    result = detect(desk, analysis_mode="full")
    assert result.read == 5 and len(result.proposed) == 1
    incident = desk.client.get(f"{API}/{result.proposed[0]}", headers=agent.headers).json()
    assert {t["reference"] for t in incident["tickets"]} == {t["reference"] for t in tickets}
    with desk.database.session(read_only=True) as db:
        models = set(db.scalars(select(TicketVector.model)))
    assert len(models) == 1 and next(iter(models)).startswith("minilm:")


def test_the_fast_mode_falls_back_to_tfidf(desk: Desk) -> None:
    cache.clear()
    agent = desk.account()
    for subject, body in OUTAGE[:3]:
        report(desk, agent, subject, body)
    assert len(detect(desk, analysis_mode="fast").proposed) == 1
    assert len(detect(desk, analysis_mode="off").proposed) == 0  # nothing left to read
    with desk.database.session(read_only=True) as db:
        assert set(db.scalars(select(TicketVector.model))) == {textvec.TFIDF_MODEL}


def test_a_ticket_read_later_is_suggested_for_a_similar_open_incident(desk: Desk) -> None:
    cache.clear()
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    for subject, body in OUTAGE[:3]:
        report(desk, agent, subject, body)
    incident_id = detect(desk).proposed[0]
    desk.client.post(f"{API}/{incident_id}/confirm", json={}, headers=supervisor.headers)
    # Not yet read by detection: the hint compares its words with the incident's tickets now.
    fresh = report(desk, agent, *OUTAGE[4])
    other = report(desk, agent, *UNRELATED[0])
    hint = desk.client.get(f"{API}/suggestions/{fresh['reference']}", headers=agent.headers).json()
    assert [(h["incident"]["id"], h["state"]) for h in hint] == [(incident_id, "similar")]
    assert hint[0]["score"] >= 0.4
    assert desk.client.get(f"{API}/suggestions/{other['reference']}", headers=agent.headers).json() == []
    assert desk.client.get(f"{API}/suggestions/CD-999999", headers=agent.headers).status_code == 404


def test_the_demo_desk_has_the_checkout_outage_as_an_open_incident(desk: Desk) -> None:
    with desk.database.unit_of_work() as db:
        loader.load(db)
    supervisor = next(p for p in content.STAFF if p.role == "supervisor")
    login = desk.client.post(
        "/api/v1/auth/login", json={"email": supervisor.email, "password": content.DEMO_PASSWORD}
    )
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    listed = desk.client.get(API, headers=headers).json()
    assert [(i["status"], i["ticket_count"]) for i in listed] == [("open", len(CHECKOUT_OUTAGE))]
    incident = desk.client.get(f"{API}/{listed[0]['id']}", headers=headers).json()
    assert {t["subject"] for t in incident["tickets"]} == {t.subject for t in CHECKOUT_OUTAGE}
    assert incident["confirmed_by"]["name"] == "Priya Raman"


def test_two_workers_never_read_the_same_tickets_at_once(desk: Desk) -> None:
    if desk.database.dialect != "postgresql":
        pytest.skip("SQLite write transactions are exclusive already")
    cache.clear()
    agent = desk.account()
    for subject, body in OUTAGE[:3]:
        report(desk, agent, subject, body)

    def run(session: Session) -> DetectResult:
        return detection.detect(
            session,
            vectoriser=vectors.TFIDF,
            now=utcnow(),
            window=timedelta(hours=6),
            background=timedelta(hours=96),
            base_url="http://desk",
        )

    first, second = desk.database.session(), desk.database.session()
    try:
        held = run(first)
        assert held.read == 3 and len(held.proposed) == 1
        assert run(second).read == 0
        second.rollback()
        first.commit()
        again = run(second)
        assert again.read == 0 and again.proposed == []
        second.commit()
    finally:
        first.close()
        second.close()
    listed = desk.client.get(API, headers=agent.headers).json()
    assert len(listed) == 1


def test_the_running_worker_detects_incidents_on_its_own(desk: Desk) -> None:
    cache.clear()
    agent = desk.account()
    for subject, body in OUTAGE[:3]:
        report(desk, agent, subject, body)
    settings = Settings(environment="test", database_url=desk.database.url, worker_poll_seconds=0.05)
    worker = Worker(desk.database, settings)
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not desk.client.get(API, headers=agent.headers).json():
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=30)
        worker.close()
    listed = desk.client.get(API, headers=agent.headers).json()
    assert [(i["status"], i["ticket_count"]) for i in listed] == [("proposed", 3)]
