"""Incidents through the API: detection, confirm and dismiss, linking, resolution, refusals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from calmdesk.audit.models import AuditEvent
from calmdesk.incidents import cache
from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk
from tests.integration.incident_desk import OUTAGE, UNRELATED, detect, engineer, outbox, report

API = "/api/v1/incidents"


def _proposed(desk: Desk, agent: Account, count: int = 3) -> dict[str, Any]:
    for subject, body in UNRELATED:
        report(desk, agent, subject, body)
    tickets = [report(desk, agent, subject, body) for subject, body in OUTAGE[:count]]
    result = detect(desk)
    assert len(result.proposed) == 1, result
    incident = desk.client.get(f"{API}/{result.proposed[0]}", headers=agent.headers).json()
    assert {t["reference"] for t in incident["tickets"]} == {t["reference"] for t in tickets}
    return dict(incident)


def test_three_customers_with_one_fault_make_a_proposed_incident(desk: Desk) -> None:
    cache.clear()
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    incident = _proposed(desk, agent)
    assert incident["status"] == "proposed"
    assert incident["ticket_count"] == 3
    assert "502" in incident["title"]
    listed = desk.client.get(API, headers=agent.headers).json()
    assert [i["id"] for i in listed] == [incident["id"]]
    proposals = outbox(desk, "incident.proposed")
    assert [row.staff_id for row in proposals] == [supervisor.id]
    # A fourth customer: the count rises, nothing new is proposed, nothing read twice.
    fourth = report(desk, agent, *OUTAGE[3])
    again = detect(desk)
    assert (again.read, again.proposed, again.joined) == (1, [], 1)
    incident = desk.client.get(f"{API}/{incident['id']}", headers=agent.headers).json()
    assert incident["ticket_count"] == 4
    assert fourth["reference"] in {t["reference"] for t in incident["tickets"]}
    assert detect(desk).read == 0
    assert outbox(desk, "incident.growing") == []
    report(desk, agent, *OUTAGE[4])
    assert detect(desk).joined == 1
    growing = outbox(desk, "incident.growing")
    assert [(row.staff_id, row.payload["data"]["tickets"]) for row in growing] == [(supervisor.id, 5)]


def test_one_customer_writing_three_times_is_not_an_incident(desk: Desk) -> None:
    cache.clear()
    agent = desk.account()
    for subject, body in OUTAGE[:3]:
        report(desk, agent, subject, body, email="same.person@example.com")
    result = detect(desk)
    assert result.read == 3 and result.proposed == []


def test_only_leads_confirm_and_engineering_hears(desk: Desk) -> None:
    cache.clear()
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    engineer_account = engineer(desk)
    incident = _proposed(desk, agent)
    url = f"{API}/{incident['id']}"
    refused = desk.client.post(f"{url}/confirm", json={}, headers=agent.headers)
    assert refused.status_code == 403
    confirmed = desk.client.post(
        f"{url}/confirm", json={"title": "Checkout 502s"}, headers=supervisor.headers
    )
    assert confirmed.status_code == 200, confirmed.text
    body = confirmed.json()
    assert (body["status"], body["title"], body["confirmed_by"]["id"]) == (
        "open",
        "Checkout 502s",
        supervisor.id,
    )
    assert [row.staff_id for row in outbox(desk, "incident.confirmed")] == [engineer_account.id]
    twice = desk.client.post(f"{url}/confirm", json={}, headers=supervisor.headers)
    assert twice.status_code == 409
    with desk.database.session(read_only=True) as db:
        actions = list(db.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "incident")))
    assert "incident.proposed" in actions and "incident.confirmed" in actions


def test_after_confirmation_new_matches_are_suggested_and_agents_link_them(desk: Desk) -> None:
    cache.clear()
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    incident = _proposed(desk, agent)
    url = f"{API}/{incident['id']}"
    desk.client.post(f"{url}/confirm", json={}, headers=supervisor.headers)
    late = report(desk, agent, *OUTAGE[4])
    assert detect(desk).suggested == 1
    shown = desk.client.get(url, headers=agent.headers).json()
    assert [t["reference"] for t in shown["suggested"]] == [late["reference"]]
    assert shown["ticket_count"] == 3
    hint = desk.client.get(f"{API}/suggestions/{late['reference']}", headers=agent.headers).json()
    assert [(h["incident"]["id"], h["state"]) for h in hint] == [(incident["id"], "suggested")]
    linked = desk.client.post(f"{url}/tickets", json={"ticket": late["reference"]}, headers=agent.headers)
    assert linked.status_code == 201, linked.text
    assert linked.json()["ticket_count"] == 4 and linked.json()["suggested"] == []
    twice = desk.client.post(f"{url}/tickets", json={"ticket": late["reference"]}, headers=agent.headers)
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "already_linked"
    gone = desk.client.delete(f"{url}/tickets/{late['reference']}", headers=agent.headers)
    assert gone.status_code == 200 and gone.json()["ticket_count"] == 3
    assert desk.client.delete(f"{url}/tickets/{late['reference']}", headers=agent.headers).status_code == 404


def test_a_ticket_links_to_one_active_incident_and_never_when_closed(desk: Desk) -> None:
    cache.clear()
    desk.account(Role.SUPERVISOR)
    agent = desk.account()
    incident = _proposed(desk, agent)
    other = report(desk, agent, "Sofa legs missing", "The screws for the sofa legs were not in the box.")
    closing = {"status": "resolved"}
    ref = other["reference"]
    assert desk.client.patch(f"/api/v1/tickets/{ref}", json=closing, headers=agent.headers).status_code == 200
    closed = desk.client.patch(f"/api/v1/tickets/{ref}", json={"status": "closed"}, headers=agent.headers)
    assert closed.status_code == 200, closed.text
    refused = desk.client.post(f"{API}/{incident['id']}/tickets", json={"ticket": ref}, headers=agent.headers)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "ticket_closed"
    missing = desk.client.post(f"{API}/999999/tickets", json={"ticket": ref}, headers=agent.headers)
    assert missing.status_code == 404


def test_resolving_posts_one_update_to_every_customer_and_moves_the_tickets(desk: Desk) -> None:
    cache.clear()
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    incident = _proposed(desk, agent)
    url = f"{API}/{incident['id']}"
    update = {
        "update": "The checkout fault is fixed. Could you try paying once more?",
        "ticket_status": "resolved",
    }
    early = desk.client.post(f"{url}/resolve", json=update, headers=supervisor.headers)
    assert early.status_code == 409  # a proposal must be confirmed first
    desk.client.post(f"{url}/confirm", json={}, headers=supervisor.headers)
    assert desk.client.post(f"{url}/resolve", json=update, headers=agent.headers).status_code == 403
    resolved = desk.client.post(f"{url}/resolve", json=update, headers=supervisor.headers)
    assert resolved.status_code == 200, resolved.text
    body = resolved.json()
    assert body["incident"]["status"] == "resolved"
    assert body["incident"]["resolution_update"] == update["update"]
    assert {t["status"] for t in body["tickets"]} == {"resolved"}
    assert len(body["tickets"]) == 3
    for ticket in incident["tickets"]:
        messages = desk.client.get(
            f"/api/v1/tickets/{ticket['reference']}/messages", headers=agent.headers
        ).json()["items"]
        last = messages[-1]
        assert (last["author_kind"], last["is_internal"], last["body_text"]) == (
            "agent",
            False,
            update["update"],
        )
        assert last["author_staff"]["id"] == supervisor.id
    again = desk.client.post(f"{url}/resolve", json=update, headers=supervisor.headers)
    assert again.status_code == 409
    assert desk.client.get(API, headers=agent.headers).json() == []


def test_resolving_can_leave_tickets_waiting_on_the_customer(desk: Desk) -> None:
    cache.clear()
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    incident = _proposed(desk, agent)
    url = f"{API}/{incident['id']}"
    desk.client.post(f"{url}/confirm", json={}, headers=supervisor.headers)
    update = {"update": "Fixed now. Does checkout work for you?", "ticket_status": "pending_customer"}
    body = desk.client.post(f"{url}/resolve", json=update, headers=supervisor.headers).json()
    assert {(t["status_before"], t["status"]) for t in body["tickets"]} == {("new", "pending_customer")}


def test_a_dismissed_incident_keeps_its_lookalikes_quietly(desk: Desk) -> None:
    cache.clear()
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    incident = _proposed(desk, agent)
    url = f"{API}/{incident['id']}"
    assert desk.client.post(f"{url}/dismiss", json={"reason": "x"}, headers=agent.headers).status_code == 403
    dismissed = desk.client.post(
        f"{url}/dismiss", json={"reason": "separate card issues"}, headers=supervisor.headers
    )
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"
    report(desk, agent, *OUTAGE[3])
    result = detect(desk)
    assert (result.proposed, result.absorbed) == ([], 1)
    assert desk.client.post(f"{url}/dismiss", json={}, headers=supervisor.headers).status_code == 409
    linking = desk.client.post(
        f"{url}/tickets", json={"ticket": incident["tickets"][0]["reference"]}, headers=agent.headers
    )
    assert linking.status_code == 409


def _sla_policy(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    always = {
        "time_zone": "UTC",
        "weekly": {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
    }
    calendar = desk.client.post(
        "/api/v1/sla/calendars", json={"name": "Always", "definition": always}, headers=admin.headers
    )
    assert calendar.status_code == 201, calendar.text
    policy = {
        "name": "Everyone",
        "is_default": True,
        "calendar_id": calendar.json()["id"],
        "targets": [{"kind": "first_response", "minutes": 240}],
    }
    created = desk.client.post("/api/v1/sla/policies", json=policy, headers=admin.headers)
    assert created.status_code == 201, created.text


def _first_response_met_at(desk: Desk, agent: Account, reference: str) -> str | None:
    sla = desk.client.get(f"/api/v1/tickets/{reference}/sla", headers=agent.headers).json()
    (clock,) = [c for c in sla["clocks"] if c["kind"] == "first_response"]
    met_at: str | None = clock["met_at"]
    return met_at


def test_resolution_meets_each_tickets_clock_and_skips_closed_tickets(desk: Desk) -> None:
    cache.clear()
    _sla_policy(desk)
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    incident = _proposed(desk, agent)
    url = f"{API}/{incident['id']}"
    desk.client.post(f"{url}/confirm", json={}, headers=supervisor.headers)
    first, second, third = (t["reference"] for t in incident["tickets"])
    for status in ("resolved", "closed"):
        changed = desk.client.patch(
            f"/api/v1/tickets/{first}", json={"status": status}, headers=agent.headers
        )
        assert changed.status_code == 200, changed.text
    changed = desk.client.patch(
        f"/api/v1/tickets/{second}", json={"status": "resolved"}, headers=agent.headers
    )
    assert changed.status_code == 200, changed.text
    assert _first_response_met_at(desk, agent, third) is None
    update = {"update": "Fixed. Could you try again?", "ticket_status": "pending_customer"}
    body = desk.client.post(f"{url}/resolve", json=update, headers=supervisor.headers).json()
    outcome = {
        t["reference"]: (t["status_before"], t["status"], t["message_id"] is not None)
        for t in body["tickets"]
    }
    # Closed: nothing posted. Resolved: the update is posted; it cannot go back to pending_customer.
    assert outcome == {
        first: ("closed", "closed", False),
        second: ("resolved", "resolved", True),
        third: ("new", "pending_customer", True),
    }
    assert _first_response_met_at(desk, agent, third) is not None
