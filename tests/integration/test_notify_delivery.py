"""Outbox delivery: signed webhooks and email to real local servers, retries, dead letters, replay."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from calmdesk.notify.delivery import Deliverer, DeliveryResult
from calmdesk.notify.http_post import Poster
from calmdesk.notify.models import OutboxMessage
from calmdesk.sla import jobs as sla_jobs
from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import SlaDesk

sla_desk = sla_fixtures.sla_desk

FIRST_HOUR = {"kind": "first_response", "minutes": 60}
TO_SUPERVISOR_EVERYWHERE = [{"role": "supervisor", "channels": ["in_app", "email", "webhook"]}]


@dataclass
class Receiver:
    """A real HTTP server on loopback that records what it is sent and answers as told."""

    url: str
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # consumed one per request; then 200


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on a free loopback port."""
    box = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            box.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(box.answers.pop(0) if box.answers else 200)
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    box.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/calmdesk"
    yield box
    server.shutdown()
    server.server_close()


class Mailbox:
    """aiosmtpd handler that keeps every message."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    """A real SMTP server (aiosmtpd) on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, mailbox
    controller.stop()


_names = itertools.count(1)


def webhook(sla_desk: SlaDesk, url: str, **extra: Any) -> dict[str, Any]:
    return sla_desk.post("/api/v1/webhooks", {"name": f"hook {next(_names)}", "url": url, **extra})


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    expected = hmac.new(
        secret.encode(), headers["x-calmdesk-timestamp"].encode() + b"." + body, hashlib.sha256
    )
    return hmac.compare_digest(headers["x-calmdesk-signature"], f"sha256={expected.hexdigest()}")


def breach_once(sla_desk: SlaDesk, **settings: Any) -> str:
    """Configures the chain, opens a ticket and lets a worker pass run one minute after its breach."""
    sla_desk.configure(targets=[FIRST_HOUR], levels=TO_SUPERVISOR_EVERYWHERE)
    reference = sla_desk.ticket()["reference"]
    sla_desk.at(61)
    worker = sla_desk.worker(**settings)
    try:
        worker.run_once()
    finally:
        worker.close()
    return str(reference)


def test_webhooks_are_signed_json_with_a_delivery_key(sla_desk: SlaDesk, receiver: Receiver) -> None:
    created = webhook(sla_desk, receiver.url, topics=["sla.escalated"])
    assert len(created["secret"]) >= 32
    reference = breach_once(sla_desk)
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    assert verify(created["secret"], headers, body)
    assert not verify("someone-elses-secret", headers, body)
    assert headers["x-calmdesk-topic"] == "sla.escalated"
    document = json.loads(body)
    assert document["id"] == headers["x-calmdesk-delivery"]
    assert document["data"]["ticket"] == reference and document["data"]["level"] == 1
    assert document["data"]["recipients"] == [sla_desk.supervisor.id]
    listed = sla_desk.desk.client.get(
        f"/api/v1/webhooks/{created['id']}", headers=sla_desk.admin.headers
    ).json()
    assert "secret" not in listed


def test_a_slack_endpoint_gets_a_chat_message(sla_desk: SlaDesk, receiver: Receiver) -> None:
    created = webhook(sla_desk, receiver.url, body_format="slack", topics=["sla.breached"])
    reference = breach_once(sla_desk)
    (headers, body), *_ = receiver.received
    assert verify(created["secret"], headers, body)
    message = json.loads(body)
    assert message["text"].startswith(f"*SLA breached: {reference} first response was due")
    assert f"|{reference}>" in message["text"]


def test_email_goes_to_a_real_smtp_server(sla_desk: SlaDesk, smtp_server: tuple[int, Mailbox]) -> None:
    port, mailbox = smtp_server
    reference = breach_once(sla_desk, smtp_host="127.0.0.1", smtp_port=port, smtp_from="sla@desk.example.com")
    sent = {tuple(rcpts): message_from_bytes(content) for rcpts, content in mailbox.messages}
    to_supervisor = sent[(sla_desk.supervisor.email,)]
    assert to_supervisor["Subject"] == f"Escalation level 1: {reference} first response breached"
    assert to_supervisor["From"] == "sla@desk.example.com"
    assert to_supervisor["Message-ID"].endswith("@calmdesk>")
    assert f"/tickets/{reference}" in to_supervisor.get_payload()
    assert (sla_desk.agent.email,) in sent  # the breach itself goes to the assignee


def test_failed_deliveries_back_off_then_go_dead_and_can_be_replayed(
    sla_desk: SlaDesk, receiver: Receiver
) -> None:
    webhook(sla_desk, receiver.url, topics=["sla.escalated"])
    receiver.answers = [500, 503, 502]
    settings = {"notify_max_attempts": 3, "notify_backoff_seconds": 10.0}
    breach_once(sla_desk, **settings)  # attempt 1 fails
    deliverer = Deliverer(sla_desk.desk.database, sla_desk.settings(**settings), rand=lambda: 0.0)
    try:
        with sla_desk.desk.database.session(read_only=True) as db:
            row = db.scalars(select(OutboxMessage).where(OutboxMessage.channel == "webhook")).one()
        assert row.attempts == 1 and row.state == "pending" and "500" in (row.last_error or "")
        retry_at = row.next_attempt_at
        assert retry_at == sla_fixtures.START + timedelta(minutes=61, seconds=5)  # 10 s x 2^0 x 0.5
        sla_desk.at(61 + 4 / 60)
        assert deliverer.run().claimed == 0  # not before its time
        sla_desk.at(61 + 5 / 60)
        assert deliverer.run().retried == 1  # attempt 2: 503; next in 10 s x 2^1 x 0.5
        sla_desk.at(61 + 15 / 60)
        assert deliverer.run().dead == 1  # attempt 3: 502, the last allowed
        dead = sla_desk.desk.client.get(
            "/api/v1/notifications/outbox", params={"state": "dead"}, headers=sla_desk.admin.headers
        ).json()["items"]
        assert [(d["attempts"], d["state"]) for d in dead] == [(3, "dead")]
        assert "502" in dead[0]["last_error"]
        sla_desk.at(100)
        assert deliverer.run().claimed == 0  # the dead stay dead
        replayed = sla_desk.desk.client.post(
            f"/api/v1/notifications/outbox/{dead[0]['id']}/replay", headers=sla_desk.admin.headers
        )
        assert replayed.status_code == 200 and replayed.json()["state"] == "pending"
        again = sla_desk.desk.client.post(
            f"/api/v1/notifications/outbox/{dead[0]['id']}/replay", headers=sla_desk.admin.headers
        )
        assert again.status_code == 409
        assert deliverer.run().delivered == 1
        assert len(receiver.received) == 4
        assert len({headers["x-calmdesk-delivery"] for headers, _ in receiver.received}) == 1
    finally:
        deliverer.close()


def test_a_worker_that_dies_mid_delivery_leaves_the_row_to_another_after_its_lease(
    sla_desk: SlaDesk, receiver: Receiver
) -> None:
    webhook(sla_desk, receiver.url, topics=["sla.escalated"])
    sla_desk.configure(targets=[FIRST_HOUR], levels=TO_SUPERVISOR_EVERYWHERE)
    sla_desk.ticket()
    now = sla_desk.at(61)
    settings = sla_desk.settings()
    sla_jobs.sweep(sla_desk.desk.database, settings=settings, now=now)
    doomed = Deliverer(sla_desk.desk.database, settings)
    survivor = Deliverer(sla_desk.desk.database, settings, rand=lambda: 0.0)
    try:
        with sla_desk.desk.database.unit_of_work() as db:  # claimed, then the worker "dies" before sending
            parcels = doomed._claim(db, token="doomed", limit=10, now=now, result=DeliveryResult())
        assert [p.channel for p in parcels] == ["webhook"]
        sla_desk.at(61.5)
        assert survivor.run().claimed == 0  # still leased
        sla_desk.at(61 + doomed.lease.total_seconds() / 60 + 0.1)
        assert survivor.run().delivered == 1
        assert len(receiver.received) == 1
        with sla_desk.desk.database.session(read_only=True) as db:
            row = db.scalars(select(OutboxMessage).where(OutboxMessage.channel == "webhook")).one()
        assert (row.state, row.attempts) == ("delivered", 2)
    finally:
        doomed.close()
        survivor.close()


def test_in_app_notifications_are_listed_counted_and_marked_read(sla_desk: SlaDesk) -> None:
    breach_once(sla_desk)
    page = sla_desk.desk.client.get("/api/v1/notifications", headers=sla_desk.supervisor.headers).json()
    assert page["unread"] == 1 and len(page["items"]) == 1
    item = page["items"][0]
    assert item["topic"] == "sla.escalated" and item["read_at"] is None
    theirs = sla_desk.desk.client.post(
        f"/api/v1/notifications/{item['id']}/read", headers=sla_desk.agent.headers
    )
    assert theirs.status_code == 404  # not the agent's to read
    read = sla_desk.desk.client.post(
        f"/api/v1/notifications/{item['id']}/read", headers=sla_desk.supervisor.headers
    )
    assert read.status_code == 200 and read.json()["read_at"] is not None
    after = sla_desk.desk.client.get(
        "/api/v1/notifications", params={"unread": "true"}, headers=sla_desk.supervisor.headers
    ).json()
    assert after == {"items": [], "unread": 0, "next_cursor": None}


def test_a_disabled_endpoint_records_why_it_was_not_delivered(sla_desk: SlaDesk, receiver: Receiver) -> None:
    created = webhook(sla_desk, receiver.url, topics=["sla.escalated"])
    sla_desk.configure(targets=[FIRST_HOUR], levels=TO_SUPERVISOR_EVERYWHERE)
    sla_desk.ticket()
    now = sla_desk.at(61)
    settings = sla_desk.settings()
    sla_jobs.sweep(sla_desk.desk.database, settings=settings, now=now)
    response = sla_desk.desk.client.patch(
        f"/api/v1/webhooks/{created['id']}", json={"is_active": False}, headers=sla_desk.admin.headers
    )
    assert response.status_code == 200
    deliverer = Deliverer(sla_desk.desk.database, settings, rand=lambda: 0.0)
    try:
        deliverer.run()
    finally:
        deliverer.close()
    with sla_desk.desk.database.session(read_only=True) as db:
        row = db.scalars(select(OutboxMessage).where(OutboxMessage.channel == "webhook")).one()
    assert row.state == "pending" and row.last_error == "the webhook endpoint is disabled or was removed"
    assert receiver.received == []


def test_a_kept_alive_connection_the_server_dropped_is_reopened_once() -> None:
    """A receiver that silently closes idle connections: the next POST goes over a new one."""
    seen: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            seen.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.close_connection = True  # closes without saying so, like an idle timeout

        def log_message(self, *_args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    poster = Poster()
    try:
        answers = [poster.post(url, body=f"{n}".encode(), headers={}, timeout=5) for n in range(3)]
    finally:
        poster.close()
        server.shutdown()
        server.server_close()
    assert [a.status for a in answers] == [204, 204, 204]
    assert seen == [b"0", b"1", b"2"]  # each sent once, none lost
