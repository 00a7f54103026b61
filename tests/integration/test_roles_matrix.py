"""Every endpoint by every role: allowed requests pass the gate, the rest are refused.

The expectations are written out by hand here, from what each role does on a desk,
rather than read from calmdesk's own permission table, so a mistake there shows up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk

R = Role
EVERYONE = frozenset(Role)
DESK = frozenset({R.AGENT, R.SUPERVISOR, R.MANAGER, R.HEAD_OF_OPERATIONS, R.HR_MANAGER, R.ADMIN})
LEADERS = frozenset({R.SUPERVISOR, R.MANAGER, R.HEAD_OF_OPERATIONS, R.HR_MANAGER, R.ADMIN})
ADMIN = frozenset({R.ADMIN})
PUBLIC = None  # no sign-in needed
# Contractors see their own pay and appointments; supervisors and up, their contractors'.
PAY_READERS = frozenset({R.CONTRACTOR, R.SUPERVISOR, R.MANAGER, R.HEAD_OF_OPERATIONS, R.ADMIN})
PAY_MANAGERS = frozenset({R.SUPERVISOR, R.MANAGER, R.HEAD_OF_OPERATIONS, R.ADMIN})
INCIDENT_LEADS = frozenset({R.SUPERVISOR, R.MANAGER, R.HEAD_OF_OPERATIONS, R.ADMIN})
# Bodies for the SLA configuration cases.
NIGHTS = {"time_zone": "Europe/London", "weekly": {"mon": ["20:00-24:00"]}}
POLICY = {"name": "Night policy", "targets": [{"kind": "first_response", "minutes": 60}]}
KB_EDITORS = frozenset({R.SUPERVISOR, R.MANAGER, R.HEAD_OF_OPERATIONS, R.ADMIN})


@dataclass
class World:
    """Objects the requests refer to."""

    ticket: str
    customer_id: int
    team_id: int
    staff_id: int
    token_id: int
    portal_token: str
    link_id: int
    contractor_id: int = 0
    appointment_id: int = 0
    upsell_id: int = 0
    period: str = "2026-10"
    clock_kind: str = "first_response"
    calendar_id: int = 0
    policy_id: int = 0
    chain_id: int = 0
    webhook_id: int = 0
    notification_id: int = 0  # none exists: the gate is what is tested
    outbox_id: int = 0
    attachment_id: int = 0  # none exists: the gate is what is tested
    callback_id: int = 0  # none exists: the gate is what is tested
    survey_token: str = "cdv_unknown"
    article_id: int = 0
    incident_id: int = 0  # none exists: the gate is what is tested
    escalation_id: int = 0  # none exists: the gate is what is tested
    exception_id: int = 0  # none exists: the gate is what is tested
    rule_id: int = 0  # none exists: the gate is what is tested


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    allowed: frozenset[Role] | None
    body: Callable[[World], Any] | None = None
    query: str = ""


CASES = [
    Case("GET", "/api/v1/health", PUBLIC),
    Case("POST", "/api/v1/auth/login", PUBLIC, lambda w: {"email": "x@example.com", "password": "y"}),
    Case("POST", "/api/v1/auth/logout", EVERYONE),
    Case("GET", "/api/v1/auth/me", EVERYONE),
    Case("GET", "/api/v1/auth/tokens", EVERYONE),
    Case("POST", "/api/v1/auth/tokens", EVERYONE, lambda w: {"name": "script"}),
    Case("DELETE", "/api/v1/auth/tokens/{token_id}", EVERYONE),
    Case("GET", "/api/v1/customers", DESK),
    Case("POST", "/api/v1/customers", DESK, lambda w: {"name": "New", "phone": "+44 1632 960000"}),
    Case("GET", "/api/v1/customers/{customer_id}", DESK),
    Case("PATCH", "/api/v1/customers/{customer_id}", DESK, lambda w: {"notes": "prefers phone"}),
    Case("GET", "/api/v1/staff", DESK),
    Case("POST", "/api/v1/staff", ADMIN, lambda w: {"name": "N", "email": "n@example.com", "role": "agent"}),
    Case("GET", "/api/v1/staff/{staff_id}", DESK),
    Case("PATCH", "/api/v1/staff/{staff_id}", ADMIN, lambda w: {"name": "Renamed"}),
    Case("GET", "/api/v1/teams", DESK),
    Case("POST", "/api/v1/teams", ADMIN, lambda w: {"name": "Legal", "skills": ["legal"]}),
    Case("GET", "/api/v1/teams/{team_id}", DESK),
    Case("PATCH", "/api/v1/teams/{team_id}", ADMIN, lambda w: {"description": "changed"}),
    Case("GET", "/api/v1/tickets", DESK),
    Case(
        "POST",
        "/api/v1/tickets",
        DESK,
        lambda w: {"subject": "s", "customer_id": w.customer_id, "message": {"body": "b"}},
    ),
    Case("GET", "/api/v1/tickets/{ticket}", DESK),
    Case("PATCH", "/api/v1/tickets/{ticket}", DESK, lambda w: {"priority": "high"}),
    Case("GET", "/api/v1/tickets/{ticket}/messages", DESK),
    Case("POST", "/api/v1/tickets/{ticket}/messages", DESK, lambda w: {"kind": "note", "body": "n"}),
    Case("GET", "/api/v1/tickets/{ticket}/portal-links", DESK),
    Case("POST", "/api/v1/tickets/{ticket}/portal-links", DESK),
    Case("DELETE", "/api/v1/tickets/{ticket}/portal-links/{link_id}", DESK),
    Case("GET", "/api/v1/portal/{portal_token}", PUBLIC),
    Case("POST", "/api/v1/portal/{portal_token}/messages", PUBLIC, lambda w: {"body": "thanks"}),
    Case("GET", "/api/v1/audit", LEADERS),
    Case("GET", "/api/v1/contractors", PAY_READERS),
    Case("POST", "/api/v1/contractors", PAY_MANAGERS, lambda w: {"staff_id": w.contractor_id}),
    Case("GET", "/api/v1/contractors/{contractor_id}", PAY_READERS),
    Case(
        "POST",
        "/api/v1/contractors/{contractor_id}/rates",
        PAY_MANAGERS,
        lambda w: {"hourly_rate": "14.00", "effective_from": "2026-12-01"},
    ),
    Case(
        "POST",
        "/api/v1/contractors/{contractor_id}/commission-rules",
        PAY_MANAGERS,
        lambda w: {"effective_from": "2026-12-01", "percent": "5"},
    ),
    Case(
        "POST",
        "/api/v1/contractors/{contractor_id}/call-out-rules",
        PAY_MANAGERS,
        lambda w: {
            "applies_to": "no_show",
            "effective_from": "2026-12-01",
            "basis": "minutes_at_rate",
            "minutes": 30,
        },
    ),
    Case("GET", "/api/v1/contractors/{contractor_id}/adjustments", PAY_READERS),
    Case(
        "POST",
        "/api/v1/contractors/{contractor_id}/adjustments",
        PAY_MANAGERS,
        lambda w: {"day": "2026-12-01", "description": "kit allowance", "amount": "15.00"},
    ),
    Case("GET", "/api/v1/contractors/{contractor_id}/statements", PAY_READERS),
    Case(
        "POST", "/api/v1/contractors/{contractor_id}/statements", PAY_MANAGERS, lambda w: {"period": w.period}
    ),
    Case("GET", "/api/v1/contractors/{contractor_id}/statements/{period}", PAY_READERS),
    Case("GET", "/api/v1/contractors/{contractor_id}/statements/{period}/csv", PAY_READERS),
    Case("GET", "/api/v1/contractors/{contractor_id}/statements/{period}/pdf", PAY_READERS),
    Case("GET", "/api/v1/payroll/{period}/csv", PAY_MANAGERS),
    Case("GET", "/api/v1/appointments", PAY_READERS),
    Case(
        "POST",
        "/api/v1/appointments",
        PAY_MANAGERS,
        lambda w: {
            "contractor_id": w.contractor_id,
            "customer_id": w.customer_id,
            "scheduled_start": "2026-10-15T09:00:00Z",
            "scheduled_end": "2026-10-15T10:00:00Z",
        },
    ),
    Case("GET", "/api/v1/appointments/{appointment_id}", PAY_READERS),
    Case("PATCH", "/api/v1/appointments/{appointment_id}", PAY_READERS, lambda w: {"job_notes": "fitted"}),
    Case("GET", "/api/v1/appointments/{appointment_id}/upsells", PAY_READERS),
    Case(
        "POST",
        "/api/v1/appointments/{appointment_id}/upsells",
        PAY_READERS,
        lambda w: {"product": "filter", "category": "parts", "value": "20.00"},
    ),
    Case(
        "PATCH",
        "/api/v1/appointments/{appointment_id}/upsells/{upsell_id}",
        PAY_READERS,
        lambda w: {"product": "filter kit"},
    ),
    Case("GET", "/api/v1/tickets/{ticket}/sla", DESK),
    Case("POST", "/api/v1/tickets/{ticket}/sla/{clock_kind}/acknowledge", DESK),
    Case("GET", "/api/v1/sla/report", LEADERS),
    Case("GET", "/api/v1/sla/calendars", ADMIN),
    Case("POST", "/api/v1/sla/calendars", ADMIN, lambda w: {"name": "Night desk", "definition": NIGHTS}),
    Case("GET", "/api/v1/sla/calendars/{calendar_id}", ADMIN),
    Case("PATCH", "/api/v1/sla/calendars/{calendar_id}", ADMIN, lambda w: {"name": "Office hours"}),
    Case("GET", "/api/v1/sla/policies", ADMIN),
    Case("POST", "/api/v1/sla/policies", ADMIN, lambda w: {**POLICY, "calendar_id": w.calendar_id}),
    Case("GET", "/api/v1/sla/policies/{policy_id}", ADMIN),
    Case("PATCH", "/api/v1/sla/policies/{policy_id}", ADMIN, lambda w: {"position": 5}),
    Case("GET", "/api/v1/sla/chains", ADMIN),
    Case("POST", "/api/v1/sla/chains", ADMIN, lambda w: {"name": "Night", "levels": [{"role": "manager"}]}),
    Case("GET", "/api/v1/sla/chains/{chain_id}", ADMIN),
    Case("PATCH", "/api/v1/sla/chains/{chain_id}", ADMIN, lambda w: {"name": "Renamed chain"}),
    Case("GET", "/api/v1/notifications", EVERYONE),
    Case("POST", "/api/v1/notifications/{notification_id}/read", EVERYONE),
    Case("GET", "/api/v1/notifications/outbox", ADMIN),
    Case("POST", "/api/v1/notifications/outbox/{outbox_id}/replay", ADMIN),
    Case("GET", "/api/v1/webhooks", ADMIN),
    Case("POST", "/api/v1/webhooks", ADMIN, lambda w: {"name": "Chat", "url": "http://127.0.0.1:9/hook"}),
    Case("GET", "/api/v1/webhooks/{webhook_id}", ADMIN),
    Case("PATCH", "/api/v1/webhooks/{webhook_id}", ADMIN, lambda w: {"is_active": False}),
    Case("DELETE", "/api/v1/webhooks/{webhook_id}", ADMIN),
    Case("DELETE", "/api/v1/sla/policies/{policy_id}", ADMIN),
    Case("DELETE", "/api/v1/sla/chains/{chain_id}", ADMIN),
    Case("DELETE", "/api/v1/sla/calendars/{calendar_id}", ADMIN),
    Case("POST", "/api/v1/analysis/message", DESK, lambda w: {"text": "still broken", "fast": True}),
    Case("POST", "/api/v1/analysis/reply", DESK, lambda w: {"draft": "Sorry about that."}),
    Case("GET", "/api/v1/tickets/{ticket}/attachments", DESK),
    Case("GET", "/api/v1/tickets/{ticket}/attachments/{attachment_id}", DESK),
    Case(
        "POST",
        "/api/v1/calls",
        DESK,
        lambda w: {
            "subject": "Called about a refund",
            "customer_id": w.customer_id,
            "direction": "inbound",
            "duration_seconds": 120,
            "notes": "Wants to know when the refund lands.",
        },
    ),
    Case("GET", "/api/v1/callbacks", DESK),
    Case("POST", "/api/v1/callbacks/{callback_id}/cancel", DESK),
    Case("GET", "/api/v1/tickets/{ticket}/callbacks", DESK),
    Case("POST", "/api/v1/tickets/{ticket}/callbacks", DESK, lambda w: {"due_at": "2099-01-01T09:00:00Z"}),
    Case("GET", "/api/v1/tickets/{ticket}/cadence", DESK),
    Case("PUT", "/api/v1/tickets/{ticket}/cadence", DESK, lambda w: {"interval_minutes": 240}),
    Case("GET", "/api/v1/surveys", LEADERS),
    Case("GET", "/api/v1/surveys/public/{survey_token}", PUBLIC),
    Case("POST", "/api/v1/surveys/public/{survey_token}", PUBLIC, lambda w: {"rating": 5}),
    Case("GET", "/api/v1/articles", DESK),
    Case("POST", "/api/v1/articles", KB_EDITORS, lambda w: {"title": "New fix", "body": "Do this."}),
    Case("GET", "/api/v1/articles/search", DESK, None, "?q=drain+pump"),
    Case("GET", "/api/v1/articles/{article_id}", DESK),
    Case("PATCH", "/api/v1/articles/{article_id}", KB_EDITORS, lambda w: {"reviewed_on": "2026-11-20"}),
    Case("GET", "/api/v1/tickets/{ticket}/suggestions", DESK),
    Case("DELETE", "/api/v1/articles/{article_id}", KB_EDITORS),
    Case("GET", "/api/v1/incidents", DESK),
    Case("GET", "/api/v1/incidents/suggestions/{ticket}", DESK),
    Case("GET", "/api/v1/incidents/{incident_id}", DESK),
    Case("POST", "/api/v1/incidents/{incident_id}/confirm", INCIDENT_LEADS, lambda w: {}),
    Case("POST", "/api/v1/incidents/{incident_id}/dismiss", INCIDENT_LEADS, lambda w: {}),
    Case("POST", "/api/v1/incidents/{incident_id}/tickets", DESK, lambda w: {"ticket": w.ticket}),
    Case("DELETE", "/api/v1/incidents/{incident_id}/tickets/{ticket}", DESK),
    Case("POST", "/api/v1/incidents/{incident_id}/resolve", INCIDENT_LEADS, lambda w: {"update": "Fixed."}),
    Case("GET", "/api/v1/tickets/{ticket}/brief", DESK),
    Case("GET", "/api/v1/tickets/{ticket}/escalations", DESK),
    Case("POST", "/api/v1/tickets/{ticket}/escalations", DESK, lambda w: {"kind": "hierarchical"}),
    Case("GET", "/api/v1/escalations", DESK),
    Case("GET", "/api/v1/escalations/{escalation_id}", DESK),
    Case("POST", "/api/v1/escalations/{escalation_id}/acknowledge", DESK),
    Case("POST", "/api/v1/escalations/{escalation_id}/outcome", DESK, lambda w: {"outcome": "settled"}),
    Case("GET", "/api/v1/tickets/{ticket}/exceptions", DESK),
    Case(
        "POST",
        "/api/v1/tickets/{ticket}/exceptions",
        DESK,
        lambda w: {"kind": "goodwill_credit", "amount": "20.00", "justification": "two missed visits"},
    ),
    Case("POST", "/api/v1/exceptions/{exception_id}/approve", DESK, lambda w: {"note": "ok"}),
    Case("POST", "/api/v1/exceptions/{exception_id}/decline", DESK, lambda w: {"note": "no"}),
    Case("GET", "/api/v1/triage/rules", ADMIN),
    Case("POST", "/api/v1/triage/rules", ADMIN, lambda w: {"name": "Legal threats", "skill": "legal"}),
    Case("GET", "/api/v1/triage/rules/{rule_id}", ADMIN),
    Case("PATCH", "/api/v1/triage/rules/{rule_id}", ADMIN, lambda w: {"position": 5}),
    Case("DELETE", "/api/v1/triage/rules/{rule_id}", ADMIN),
    Case("GET", "/api/v1/tickets/{ticket}/triage", DESK),
    Case("GET", "/api/v1/tickets/{ticket}/abuse", DESK),
    Case("POST", "/api/v1/tickets/{ticket}/abuse/takeover", DESK),
]


def _contractor_world(desk: Desk, owner: Account, customer_id: int) -> dict[str, Any]:
    contractor = desk.account(R.CONTRACTOR)
    profile = {"staff_id": contractor.id, "rate_effective_from": "2026-01-01"}
    assert desk.client.post("/api/v1/contractors", json=profile, headers=owner.headers).status_code == 201
    booking = {
        "contractor_id": contractor.id,
        "customer_id": customer_id,
        "scheduled_start": "2026-10-14T09:00:00Z",
        "scheduled_end": "2026-10-14T11:00:00Z",
    }
    appointment = desk.client.post("/api/v1/appointments", json=booking, headers=owner.headers).json()
    sale = {"product": "extended warranty", "category": "warranty", "value": "149.00"}
    upsells = f"/api/v1/appointments/{appointment['id']}/upsells"
    upsell = desk.client.post(upsells, json=sale, headers=owner.headers).json()
    return {"contractor_id": contractor.id, "appointment_id": appointment["id"], "upsell_id": upsell["id"]}


def _sla_world(desk: Desk, owner: Account) -> dict[str, Any]:
    def made(path: str, body: dict[str, Any]) -> int:
        response = desk.client.post(path, json=body, headers=owner.headers)
        assert response.status_code == 201, response.text
        return int(response.json()["id"])

    calendar_id = made("/api/v1/sla/calendars", {"name": "Office", "definition": NIGHTS})
    chain_id = made("/api/v1/sla/chains", {"name": "Leads", "levels": [{"role": "supervisor"}]})
    policy = {**POLICY, "name": "Standard", "calendar_id": calendar_id, "escalation_chain_id": chain_id}
    return {
        "calendar_id": calendar_id,
        "chain_id": chain_id,
        "policy_id": made("/api/v1/sla/policies", policy),
        "webhook_id": made("/api/v1/webhooks", {"name": "Ops", "url": "http://127.0.0.1:9/ops"}),
    }


def _kb_world(desk: Desk, owner: Account) -> dict[str, Any]:
    article = {"title": "Draining the pump", "body": "Open the flap.", "is_published": True}
    response = desk.client.post("/api/v1/articles", json=article, headers=owner.headers)
    assert response.status_code == 201, response.text
    return {"article_id": response.json()["id"]}


def _world(desk: Desk, owner: Account) -> World:
    ticket = desk.new_ticket(owner)
    team = desk.client.post(
        "/api/v1/teams", json={"name": "Billing", "skills": ["billing"]}, headers=owner.headers
    )
    token = desk.client.post("/api/v1/auth/tokens", json={"name": "t"}, headers=owner.headers).json()
    link = desk.client.post(
        f"/api/v1/tickets/{ticket['reference']}/portal-links", headers=owner.headers
    ).json()
    return World(
        ticket=ticket["reference"],
        customer_id=ticket["customer"]["id"],
        team_id=team.json()["id"],
        staff_id=owner.id,
        token_id=token["id"],
        portal_token=link["token"],
        link_id=link["id"],
        **_contractor_world(desk, owner, ticket["customer"]["id"]),
        **_sla_world(desk, owner),
        **_kb_world(desk, owner),
    )


def test_the_matrix_covers_every_endpoint(desk: Desk) -> None:
    spec = desk.client.get("/api/v1/openapi.json").json()
    served = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    listed = {
        (case.method, case.path.replace("{ticket}", "{reference}").replace("{portal_token}", "{token}"))
        for case in CASES
    }
    assert served == listed, f"add to CASES: {sorted(served - listed)}; stale: {sorted(listed - served)}"


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_let_through_or_refused_as_its_job_needs(desk: Desk, role: Role) -> None:
    admin = desk.account(Role.ADMIN)
    world = _world(desk, admin)
    caller = desk.account(role)
    for case in CASES:
        if case.allowed is PUBLIC:
            continue
        path = case.path.format(**vars(world)) + case.query
        body = case.body(world) if case.body else None
        if case.path == "/api/v1/auth/logout":
            caller_headers = {"Authorization": f"Bearer {desk.account(role).token}"}
        else:
            caller_headers = caller.headers
        response = desk.client.request(case.method, path, json=body, headers=caller_headers)
        if role in case.allowed:
            assert response.status_code not in (401, 403), (role, case.method, path, response.text)
            assert response.status_code < 500, (case.method, path, response.text)
        else:
            assert response.status_code == 403, (role, case.method, path, response.status_code)
            assert response.json()["error"]["code"] == "forbidden"


def test_nobody_gets_in_without_credentials(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    world = _world(desk, admin)
    for case in CASES:
        path = case.path.format(**vars(world)) + case.query
        response = desk.client.request(case.method, path, json=case.body(world) if case.body else None)
        if case.allowed is PUBLIC:
            assert response.status_code != 403, (case.method, path)
        else:
            assert response.status_code == 401, (case.method, path, response.status_code)


def test_only_staff_see_internal_notes(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(agent)
    url = f"/api/v1/tickets/{ticket['reference']}"
    desk.client.post(
        f"{url}/messages",
        json={"kind": "note", "body": "customer is a known chargeback risk"},
        headers=agent.headers,
    )
    desk.client.post(f"{url}/messages", json={"body": "We're on it."}, headers=agent.headers)
    link = desk.client.post(f"{url}/portal-links", headers=agent.headers).json()
    public = desk.client.get(f"/api/v1/portal/{link['token']}").json()
    assert "chargeback" not in str(public)
    assert [m["author_kind"] for m in public["messages"]] == ["customer", "agent"]
    staff_view = desk.client.get(f"{url}/messages", headers=agent.headers).json()["items"]
    assert any("chargeback" in m["body_text"] for m in staff_view)
