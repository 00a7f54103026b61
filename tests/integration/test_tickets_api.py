"""Tickets over the API: create, read, list, update, lifecycle, conversation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select

from calmdesk.audit.models import AuditEvent
from calmdesk.staff.roles import Role
from calmdesk.tickets.models import Message, Ticket
from tests.integration.conftest import Desk


def _count(desk: Desk, model: type) -> int:
    with desk.database.session(read_only=True) as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_ticket_opens_with_its_customer_and_first_message(desk: Desk) -> None:
    agent = desk.account()
    response = desk.client.post(
        "/api/v1/tickets",
        headers=agent.headers,
        json={
            "subject": "Invoice charged twice",
            "customer": {"name": "Dana Whitfield", "email": "Dana@Example.com", "tier": "vip"},
            "message": {"body": "You charged my card twice for invoice 4411."},
            "channel": "email",
            "priority": "high",
            "severity": 2,
            "category": "billing",
            "tags": ["refunds", "invoices", "refunds"],
        },
    )
    assert response.status_code == 201, response.text
    ticket = response.json()
    assert ticket["reference"] == f"CD-{ticket['id']}"
    assert response.headers["location"] == f"/api/v1/tickets/{ticket['reference']}"
    assert response.headers["etag"] == '"1"' and ticket["version"] == 1
    assert ticket["status"] == "new" and ticket["priority"] == "high" and ticket["severity"] == 2
    assert ticket["customer"]["email"] == "dana@example.com" and ticket["customer"]["tier"] == "vip"
    assert ticket["tags"] == ["invoices", "refunds"]
    assert ticket["created_at"].endswith("Z")
    messages = desk.client.get(
        f"/api/v1/tickets/{ticket['reference']}/messages", headers=agent.headers
    ).json()
    assert [m["author_kind"] for m in messages["items"]] == ["customer"]
    assert messages["items"][0]["body_text"] == "You charged my card twice for invoice 4411."
    # The same address finds the same customer next time.
    again = desk.new_ticket(agent, customer={"name": "D. Whitfield", "email": "dana@example.com"})
    assert again["customer"]["id"] == ticket["customer"]["id"]


def test_unknown_and_malformed_references_are_404(desk: Desk) -> None:
    agent = desk.account()
    for reference in ("CD-999999", "XX-1", "CD-abc", "1"):
        response = desk.client.get(f"/api/v1/tickets/{reference}", headers=agent.headers)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "ticket_not_found"


def test_invalid_input_is_422_with_a_message_and_writes_nothing(desk: Desk) -> None:
    agent = desk.account()
    before = _count(desk, Ticket)
    bad_bodies = [
        (
            {"subject": "x", "customer_id": 1, "message": {"body": "hi"}, "colour": "red"},
            "colour: unknown field",
        ),
        ({"subject": "", "customer_id": 1, "message": {"body": "hi"}}, "subject"),
        ({"subject": "x", "message": {"body": "hi"}}, "exactly one of customer_id or customer"),
        ({"subject": "x", "customer_id": 1, "message": {}}, "give the message a body"),
        ({"subject": "x", "customer_id": 1, "message": {"body": "hi"}, "severity": 9}, "severity"),
        ({"subject": "x", "customer_id": 1, "message": {"body": "hi"}, "priority": "asap"}, "priority"),
        (
            {"subject": "x", "customer": {"name": "A", "email": "not-an-email"}, "message": {"body": "hi"}},
            "email",
        ),
    ]
    for body, hint in bad_bodies:
        response = desk.client.post("/api/v1/tickets", json=body, headers=agent.headers)
        assert response.status_code == 422, (body, response.text)
        error = response.json()["error"]
        assert error["code"] == "validation_failed"
        assert hint in error["message"], error["message"]
    missing_customer = desk.client.post(
        "/api/v1/tickets",
        json={"subject": "x", "customer_id": 4242, "message": {"body": "hi"}},
        headers=agent.headers,
    )
    assert missing_customer.status_code == 422
    assert missing_customer.json()["error"]["code"] == "customer_not_found"
    assert _count(desk, Ticket) == before


def test_oversized_bodies_are_413_and_write_nothing(desk: Desk) -> None:
    agent = desk.account()
    huge = {"subject": "big", "customer_id": 1, "message": {"body": "x" * (70 * 1024)}}
    response = desk.client.post("/api/v1/tickets", json=huge, headers=agent.headers)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while streaming too
        yield b'{"subject": "big", "customer_id": 1, "message": {"body": "'
        for _ in range(80):
            yield b"y" * 1024
        yield b'"}}'

    streamed = desk.client.post(
        "/api/v1/tickets", content=chunks(), headers={**agent.headers, "content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert _count(desk, Ticket) == 0


def test_if_match_guards_updates(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}"
    first = desk.client.patch(url, json={"priority": "urgent"}, headers={**agent.headers, "If-Match": '"1"'})
    assert first.status_code == 200 and first.json()["priority"] == "urgent"
    assert first.headers["etag"] == '"2"'
    stale = desk.client.patch(url, json={"priority": "low"}, headers={**agent.headers, "If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "stale_version"
    assert stale.json()["error"]["details"] == {"current_version": 2}
    assert desk.client.get(url, headers=agent.headers).json()["priority"] == "urgent"
    weak = desk.client.patch(url, json={"priority": "low"}, headers={**agent.headers, "If-Match": 'W/"2"'})
    assert weak.status_code == 200 and weak.json()["version"] == 3


def test_the_lifecycle_is_enforced_and_stamped(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}"

    def move(status: str) -> dict[str, Any]:
        response = desk.client.patch(url, json={"status": status}, headers=agent.headers)
        return {"code": response.status_code, **response.json()}

    refused = move("closed")
    assert refused["code"] == 409 and refused["error"]["code"] == "illegal_transition"
    assert "a new ticket cannot become closed" in refused["error"]["message"]
    assert move("open")["status"] == "open"
    assert move("pending_customer")["status"] == "pending_customer"
    resolved = move("resolved")
    assert resolved["status"] == "resolved" and resolved["resolved_at"] is not None
    reopened = move("open")
    assert reopened["status"] == "open" and reopened["resolved_at"] is None
    move("resolved")
    closed = move("closed")
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    after_close = desk.client.patch(url, json={"priority": "high"}, headers=agent.headers)
    assert after_close.status_code == 409 and after_close.json()["error"]["code"] == "ticket_closed"


def test_listing_filters_sorts_and_pages_without_gaps(desk: Desk) -> None:
    agent = desk.account()
    other = desk.account()
    made = [
        desk.new_ticket(agent, priority=p)
        for p in ["low", "normal", "high", "urgent", "normal", "high", "low"]
    ]
    desk.client.patch(
        f"/api/v1/tickets/{made[0]['reference']}", json={"assignee_id": other.id}, headers=agent.headers
    )
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 3, "sort": "created_at"}
        if cursor:
            params["cursor"] = cursor
        page = desk.client.get("/api/v1/tickets", params=params, headers=agent.headers).json()
        seen += [t["reference"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [t["reference"] for t in made]
    urgent_first = desk.client.get(
        "/api/v1/tickets", params={"sort": "-priority", "limit": 2}, headers=agent.headers
    )
    assert [t["priority"] for t in urgent_first.json()["items"]] == ["urgent", "high"]
    by_priority = desk.client.get(
        "/api/v1/tickets", params=[("priority", "high"), ("priority", "urgent")], headers=agent.headers
    )
    assert sorted(t["priority"] for t in by_priority.json()["items"]) == ["high", "high", "urgent"]
    mine = desk.client.get("/api/v1/tickets", params={"assignee": "me"}, headers=other.headers).json()[
        "items"
    ]
    assert [t["reference"] for t in mine] == [made[0]["reference"]]
    unassigned = desk.client.get("/api/v1/tickets", params={"assignee": "none"}, headers=agent.headers).json()
    assert len(unassigned["items"]) == 6
    by_text = desk.client.get("/api/v1/tickets", params={"q": "lamp inside"}, headers=agent.headers).json()
    assert len(by_text["items"]) == 7
    by_customer = desk.client.get(
        "/api/v1/tickets", params={"customer_id": made[3]["customer"]["id"]}, headers=agent.headers
    ).json()
    assert [t["reference"] for t in by_customer["items"]] == [made[3]["reference"]]
    forged = desk.client.get("/api/v1/tickets", params={"cursor": "bm9wZQ"}, headers=agent.headers)
    assert forged.status_code == 422 and forged.json()["error"]["code"] == "invalid_cursor"


def test_assignment_refuses_contractors_and_unknown_teams(desk: Desk) -> None:
    agent = desk.account()
    contractor = desk.account(Role.CONTRACTOR)
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}"
    refused = desk.client.patch(url, json={"assignee_id": contractor.id}, headers=agent.headers)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "not_assignable"
    no_team = desk.client.patch(url, json={"team_id": 999}, headers=agent.headers)
    assert no_team.status_code == 404 and no_team.json()["error"]["code"] == "team_not_found"


def test_replies_notes_and_calls_build_the_conversation(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}/messages"
    reply = desk.client.post(url, json={"body": "I'm sorry the lamp arrived broken."}, headers=agent.headers)
    assert reply.status_code == 201
    assert (
        desk.client.get(f"/api/v1/tickets/{ticket['reference']}", headers=agent.headers).json()["status"]
        == "open"
    )
    note = desk.client.post(
        url, json={"kind": "note", "body": "Courier damage, claim 88."}, headers=agent.headers
    )
    assert note.json()["is_internal"] is True
    call = desk.client.post(
        url,
        json={
            "kind": "call",
            "body": "Customer calmer; agreed replacement.",
            "call_direction": "outbound",
            "call_duration_seconds": 420,
            "phone_number": "+44 20 7946 0000",
            "status": "pending_customer",
        },
        headers=agent.headers,
    )
    assert call.status_code == 201 and call.json()["channel"] == "phone"
    assert call.json()["call_duration_seconds"] == 420
    bad_call = desk.client.post(url, json={"kind": "call", "body": "x"}, headers=agent.headers)
    assert bad_call.status_code == 422 and "call_direction" in bad_call.json()["error"]["message"]
    stray = desk.client.post(url, json={"body": "x", "call_duration_seconds": 5}, headers=agent.headers)
    assert stray.status_code == 422
    thread = desk.client.get(url, headers=agent.headers).json()["items"]
    assert [m["kind"] for m in thread] == ["reply", "reply", "note", "call"]
    after = desk.client.get(f"/api/v1/tickets/{ticket['reference']}", headers=agent.headers).json()
    assert after["status"] == "pending_customer"


def test_customer_html_is_sanitised_before_storage(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(
        agent,
        message={
            "body_html": "<p>Help <b>now</b><script>alert(1)</script><img src=x onerror=alert(1)>"
            '<a href="javascript:alert(1)">x</a></p>'
        },
    )
    with desk.database.session(read_only=True) as db:
        stored = db.scalars(select(Message).where(Message.ticket_id == ticket["id"])).one()
    assert stored.body_html is not None
    for danger in ("<script", "onerror", "javascript:", "<img"):
        assert danger not in stored.body_html
    assert "<b>now</b>" in stored.body_html
    assert stored.body_text == "Help nowx"  # as a browser would show it


def test_every_change_lands_in_the_audit_log(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    desk.client.patch(
        f"/api/v1/tickets/{ticket['reference']}", json={"priority": "high"}, headers=agent.headers
    )
    with desk.database.session(read_only=True) as db:
        events = list(
            db.scalars(select(AuditEvent).where(AuditEvent.entity_type == "ticket").order_by(AuditEvent.id))
        )
    assert [e.action for e in events] == ["ticket.created", "ticket.updated"]
    assert events[1].actor_id == agent.id and events[1].actor_kind == "staff"
    assert events[1].before == {"priority": "normal"} and events[1].after == {"priority": "high"}
