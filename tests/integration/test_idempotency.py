"""Retried POSTs with an Idempotency-Key return the first result, never a duplicate."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func, select

from calmdesk.tickets.models import Message, Ticket
from tests.integration.conftest import Desk

BODY = {
    "subject": "Router keeps rebooting",
    "customer": {"name": "Ines Moreau", "email": "ines@example.org"},
    "message": {"body": "It reboots every ten minutes since the update."},
}


def _count(desk: Desk, model: type) -> int:
    with desk.database.session(read_only=True) as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_retry_returns_the_first_answer(desk: Desk) -> None:
    agent = desk.account()
    headers = {**agent.headers, "Idempotency-Key": "create-router-1"}
    first = desk.client.post("/api/v1/tickets", json=BODY, headers=headers)
    second = desk.client.post("/api/v1/tickets", json=BODY, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert first.headers["idempotent-replayed"] == "false"
    assert second.headers["idempotent-replayed"] == "true"
    assert _count(desk, Ticket) == 1


def test_the_same_key_with_another_body_is_refused(desk: Desk) -> None:
    agent = desk.account()
    headers = {**agent.headers, "Idempotency-Key": "k-1"}
    assert desk.client.post("/api/v1/tickets", json=BODY, headers=headers).status_code == 201
    other = desk.client.post("/api/v1/tickets", json={**BODY, "subject": "Something else"}, headers=headers)
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert _count(desk, Ticket) == 1


def test_keys_belong_to_their_caller(desk: Desk) -> None:
    alice, bob = desk.account(), desk.account()
    for account in (alice, bob):
        response = desk.client.post(
            "/api/v1/tickets", json=BODY, headers={**account.headers, "Idempotency-Key": "same"}
        )
        assert response.headers["idempotent-replayed"] == "false"
    assert _count(desk, Ticket) == 2


def test_message_posts_are_idempotent_too(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}/messages"
    headers = {**agent.headers, "Idempotency-Key": "reply-1"}
    first = desk.client.post(url, json={"body": "On it."}, headers=headers)
    second = desk.client.post(url, json={"body": "On it."}, headers=headers)
    assert first.json()["id"] == second.json()["id"]
    assert _count(desk, Message) == 2  # the customer's first message and one reply


def test_a_failed_request_stores_no_answer(desk: Desk) -> None:
    agent = desk.account()
    headers = {**agent.headers, "Idempotency-Key": "will-fail"}
    failed = desk.client.post(
        "/api/v1/tickets", json={**BODY, "customer": None, "customer_id": 999}, headers=headers
    )
    assert failed.status_code == 422
    # After fixing the request, the same key may be used: nothing was stored for it.
    fixed = desk.client.post("/api/v1/tickets", json=BODY, headers=headers)
    assert fixed.status_code == 201 and fixed.headers["idempotent-replayed"] == "false"


def test_racing_retries_create_one_ticket(desk: Desk, live_server: str) -> None:
    agent = desk.account()
    headers = {**agent.headers, "Idempotency-Key": "race-1"}

    def post(_: int) -> httpx.Response:
        return httpx.post(f"{live_server}/api/v1/tickets", json=BODY, headers=headers, timeout=30)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(post, range(8)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["reference"] for r in responses}) == 1
    assert sorted(r.headers["idempotent-replayed"] for r in responses).count("false") == 1
    assert _count(desk, Ticket) == 1


def test_racing_tickets_for_a_new_customer_share_one_customer(desk: Desk, live_server: str) -> None:
    agent = desk.account()

    def post(n: int) -> httpx.Response:
        body = {**BODY, "subject": f"Problem {n}"}
        return httpx.post(f"{live_server}/api/v1/tickets", json=body, headers=agent.headers, timeout=30)

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(post, range(6)))
    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    assert len({r.json()["customer"]["id"] for r in responses}) == 1
    assert _count(desk, Ticket) == 6
