"""Customers, staff and teams over the API."""

from __future__ import annotations

from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk


def test_customers_are_created_found_and_updated(desk: Desk) -> None:
    agent = desk.account()
    made = desk.client.post(
        "/api/v1/customers",
        json={
            "name": "Priya Raman",
            "email": "priya@Example.net",
            "company": "Raman Foods",
            "tier": "priority",
            "timezone": "Asia/Kolkata",
        },
        headers=agent.headers,
    )
    assert made.status_code == 201 and made.json()["email"] == "priya@example.net"
    customer_id = made.json()["id"]
    duplicate = desk.client.post(
        "/api/v1/customers", json={"name": "P", "email": "PRIYA@example.net"}, headers=agent.headers
    )
    assert duplicate.status_code == 409 and duplicate.json()["error"]["code"] == "customer_email_taken"
    unreachable = desk.client.post("/api/v1/customers", json={"name": "Nobody"}, headers=agent.headers)
    assert unreachable.status_code == 422 and "email or a phone" in unreachable.json()["error"]["message"]
    bad_zone = desk.client.post(
        "/api/v1/customers",
        json={"name": "Z", "phone": "+1 555 0100", "timezone": "Mars/Base"},
        headers=agent.headers,
    )
    assert bad_zone.status_code == 422 and "IANA" in bad_zone.json()["error"]["message"]
    found = desk.client.get("/api/v1/customers", params={"q": "raman"}, headers=agent.headers).json()["items"]
    assert [c["id"] for c in found] == [customer_id]
    updated = desk.client.patch(
        f"/api/v1/customers/{customer_id}", json={"tier": "vip"}, headers={**agent.headers, "If-Match": '"1"'}
    )
    assert updated.status_code == 200 and updated.json()["tier"] == "vip" and updated.json()["version"] == 2
    cleared = desk.client.patch(
        f"/api/v1/customers/{customer_id}", json={"name": None}, headers=agent.headers
    )
    assert cleared.status_code == 422


def test_admins_build_the_chain_and_loops_are_refused(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    head = desk.account(Role.HEAD_OF_OPERATIONS)
    manager = desk.account(Role.MANAGER, reports_to=head.id)
    team = desk.client.post(
        "/api/v1/teams",
        json={"name": "Technical", "skills": ["Technical", "networking"]},
        headers=admin.headers,
    )
    assert team.status_code == 201 and team.json()["skills"] == ["networking", "technical"]
    supervisor = desk.client.post(
        "/api/v1/staff",
        json={
            "name": "Sam Okafor",
            "email": "sam@example.com",
            "role": "supervisor",
            "reports_to_id": manager.id,
            "team_ids": [team.json()["id"]],
            "password": "a strong password",
        },
        headers=admin.headers,
    )
    assert supervisor.status_code == 201, supervisor.text
    assert supervisor.json()["teams"] == [{"id": team.json()["id"], "name": "Technical"}]
    loop = desk.client.patch(
        f"/api/v1/staff/{head.id}", json={"reports_to_id": supervisor.json()["id"]}, headers=admin.headers
    )
    assert loop.status_code == 422 and loop.json()["error"]["code"] == "reporting_loop"
    short = desk.client.post(
        "/api/v1/staff",
        json={"name": "X", "email": "x@example.com", "role": "agent", "password": "short"},
        headers=admin.headers,
    )
    assert short.status_code == 422 and "10 characters" in short.json()["error"]["message"]
    by_team = desk.client.get(
        "/api/v1/staff", params={"team_id": team.json()["id"]}, headers=admin.headers
    ).json()
    assert [s["name"] for s in by_team["items"]] == ["Sam Okafor"]
    by_skill = desk.client.get("/api/v1/teams", params={"skill": "networking"}, headers=admin.headers).json()
    assert [t["name"] for t in by_skill["items"]] == ["Technical"]
    renamed = desk.client.patch(
        f"/api/v1/teams/{team.json()['id']}", json={"skills": ["technical"]}, headers=admin.headers
    )
    assert renamed.json()["skills"] == ["technical"] and renamed.json()["version"] == 2
    taken = desk.client.post("/api/v1/teams", json={"name": "Technical"}, headers=admin.headers)
    assert taken.status_code == 409


def test_the_audit_log_is_readable_by_leaders(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    ticket = desk.new_ticket(supervisor)
    events = desk.client.get(
        "/api/v1/audit",
        params={"entity_type": "ticket", "entity_id": ticket["id"]},
        headers=supervisor.headers,
    ).json()["items"]
    assert [e["action"] for e in events] == ["ticket.created"]
    assert events[0]["after"]["subject"] == ticket["subject"]
