"""The customer's private link to their ticket."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from calmdesk.clock import utcnow
from tests.integration.conftest import Desk


def test_the_link_shows_one_ticket_and_takes_replies(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    other = desk.new_ticket(agent, subject="Someone else's problem")
    url = f"/api/v1/tickets/{ticket['reference']}"
    desk.client.patch(url, json={"status": "pending_customer"}, headers=agent.headers)
    link = desk.client.post(f"{url}/portal-links", headers=agent.headers)
    assert link.status_code == 201
    token = link.json()["token"]
    assert link.json()["url"].endswith(f"/portal/{token}")
    view = desk.client.get(f"/api/v1/portal/{token}").json()
    assert view["reference"] == ticket["reference"]
    assert other["subject"] not in str(view)
    assert set(view) == {"reference", "subject", "status", "created_at", "updated_at", "messages"}
    reply = desk.client.post(
        f"/api/v1/portal/{token}/messages", json={"body": "Still broken, photos attached."}
    )
    assert reply.status_code == 201 and reply.json()["author_kind"] == "customer"
    # The customer answered, so the ticket no longer waits on them.
    assert desk.client.get(url, headers=agent.headers).json()["status"] == "open"


def test_guessed_revoked_and_expired_links_open_nothing(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}/portal-links"
    first = desk.client.post(url, headers=agent.headers).json()
    second = desk.client.post(url, headers=agent.headers).json()
    assert first["token"] != second["token"] and len(first["token"]) >= 40
    assert desk.client.get("/api/v1/portal/cdp_guess").status_code == 404
    assert desk.client.get(f"/api/v1/portal/{first['token'][:-1]}x").status_code == 404
    assert desk.client.delete(f"{url}/{first['id']}", headers=agent.headers).status_code == 200
    assert desk.client.get(f"/api/v1/portal/{first['token']}").status_code == 404
    assert (
        desk.client.post(f"/api/v1/portal/{first['token']}/messages", json={"body": "hi"}).status_code == 404
    )
    assert desk.client.get(f"/api/v1/portal/{second['token']}").status_code == 200
    with time_machine.travel(utcnow() + timedelta(days=91)):
        assert desk.client.get(f"/api/v1/portal/{second['token']}").status_code == 404
    listed = desk.client.get(url, headers=agent.headers).json()
    assert all("token" not in item for item in listed) and len(listed) == 2


def test_a_closed_ticket_takes_no_more_customer_replies(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}"
    token = desk.client.post(f"{url}/portal-links", headers=agent.headers).json()["token"]
    for status in ("resolved", "closed"):
        desk.client.patch(url, json={"status": status}, headers=agent.headers)
    refused = desk.client.post(f"/api/v1/portal/{token}/messages", json={"body": "one more thing"})
    assert refused.status_code == 409 and "open a new request" in refused.json()["error"]["message"]


def test_customer_html_in_the_portal_is_sanitised(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    token = desk.client.post(
        f"/api/v1/tickets/{ticket['reference']}/portal-links", headers=agent.headers
    ).json()["token"]
    desk.client.post(
        f"/api/v1/portal/{token}/messages", json={"body_html": "<b>hi</b><script>alert(1)</script>"}
    )
    messages = desk.client.get(f"/api/v1/portal/{token}").json()["messages"]
    assert messages[-1]["body_html"] == "<b>hi</b>"
