"""Triage of new tickets by the admins' rules: priority, severity, team and assignee, each with its reason."""

from __future__ import annotations

from typing import Any

from calmdesk.staff.roles import Role
from tests.integration import escalation_fixtures
from tests.integration.escalation_fixtures import EscalationDesk

esc_desk = escalation_fixtures.esc_desk
LEGAL_THREAT = "Unless you pay for the flood damage I will file a claim in the small claims court."


def _rule(d: EscalationDesk, body: dict[str, Any]) -> dict[str, Any]:
    created = d.post("/triage/rules", body, d.admin)
    assert created.status_code == 201, created.text
    return dict(created.json())


def test_a_legal_threat_is_raised_routed_to_legal_and_given_to_the_least_loaded_agent(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    busy, free = d.desk.account(name="Busy Lawyer"), d.desk.account(name="Free Lawyer")
    legal = d.team("Legal", ["legal"], [busy, free])
    d.desk.new_ticket(busy, assignee_id=busy.id)
    d.desk.new_ticket(busy, assignee_id=busy.id)
    d.desk.new_ticket(free, assignee_id=free.id)
    rule = _rule(
        d,
        {
            "name": "Legal threats go to Legal",
            "conditions": {"tone": ["legal_threat"]},
            "priority": "urgent",
            "severity": 2,
            "skill": "legal",
            "tags": ["legal-threat"],
        },
    )
    _rule(d, {"name": "VIPs are high", "conditions": {"tiers": ["vip"]}, "priority": "high", "position": 200})
    ticket = d.desk.new_ticket(d.agent, message={"body": LEGAL_THREAT})
    assert (ticket["priority"], ticket["severity"]) == ("urgent", 2)
    assert ticket["team"]["id"] == legal and ticket["assignee"]["id"] == free.id
    assert "legal-threat" in ticket["tags"]
    (decision,) = d.get(f"/tickets/{ticket['reference']}/triage", d.agent)
    assert decision["rule_ids"] == [rule["id"]]
    assert decision["changes"]["assignee_id"] == free.id
    assert "rule 'Legal threats go to Legal' because the tone shows legal_threat" in decision["explanation"]
    assert "least_load" in decision["explanation"]
    assert "ticket.triaged" in d.audit_actions(ticket["id"])


def test_rules_leave_the_creators_choices_and_calm_tickets_alone(esc_desk: EscalationDesk) -> None:
    d = esc_desk
    legal = d.team("Legal", ["legal"], [d.desk.account()])
    billing = d.team("Billing", ["billing"], [])
    _rule(
        d, {"name": "Legal", "conditions": {"tone": ["legal_threat"]}, "team_id": legal, "priority": "high"}
    )
    chosen = d.desk.new_ticket(d.agent, message={"body": LEGAL_THREAT}, team_id=billing, priority="urgent")
    assert chosen["team"]["id"] == billing and chosen["priority"] == "urgent"
    assert d.get(f"/tickets/{chosen['reference']}/triage", d.agent) == []
    calm = d.desk.new_ticket(d.agent)
    assert calm["team"] is None and d.get(f"/tickets/{calm['reference']}/triage", d.agent) == []


def test_round_robin_takes_the_teams_agents_in_turn(esc_desk: EscalationDesk) -> None:
    d = esc_desk
    agents = [d.desk.account() for _ in range(3)]
    lead = d.desk.account(Role.SUPERVISOR)
    billing = d.team("Billing", ["billing"], [*agents, lead])
    _rule(
        d,
        {
            "name": "Refunds",
            "conditions": {"keywords": ["refund"]},
            "team_id": billing,
            "assignment": "round_robin",
        },
    )
    assignees = [
        d.desk.new_ticket(d.agent, message={"body": f"Where is my refund for order {n}?"})["assignee"]["id"]
        for n in range(4)
    ]
    ids = sorted(a.id for a in agents)
    assert assignees == [*ids, ids[0]]  # supervisors are not in the rotation


def test_rule_edits_are_checked_versioned_and_audited(esc_desk: EscalationDesk) -> None:
    d = esc_desk
    bad = d.post("/triage/rules", {"name": "x", "conditions": {"tone": ["grumpy"]}}, d.admin)
    assert bad.status_code == 422 and "unknown tone triggers" in bad.json()["error"]["message"]
    rule = _rule(d, {"name": "Angry VIPs", "conditions": {"tiers": ["vip"], "tone": ["is_angry"]}})
    url = f"/api/v1/triage/rules/{rule['id']}"
    stale = d.desk.client.patch(
        url, json={"priority": "urgent"}, headers={**d.admin.headers, "If-Match": '"0"'}
    )
    assert stale.status_code == 412
    changed = d.desk.client.patch(url, json={"priority": "urgent"}, headers=d.admin.headers)
    assert changed.status_code == 200 and changed.json()["priority"] == "urgent"
    audit = d.desk.client.get(
        "/api/v1/audit", params={"entity_type": "triage_rule"}, headers=d.admin.headers
    ).json()["items"]
    assert [e["action"] for e in audit] == ["triage_rule.updated", "triage_rule.created"]


def test_a_ticket_opened_from_a_phone_call_is_triaged_like_any_other(esc_desk: EscalationDesk) -> None:
    d = esc_desk
    field = d.team("Field Service", ["field"], [d.desk.account(name="Only Technician")])
    rule = _rule(
        d, {"name": "Calls go to the field team", "conditions": {"channels": ["phone"]}, "skill": "field"}
    )
    call = {
        "subject": "Engineer never arrived",
        "customer": {"name": "Tomás Ruiz", "phone": "+44 1632 960123"},
        "direction": "inbound",
        "duration_seconds": 300,
        "notes": "Waited in all morning for the engineer; nobody came and nobody called.",
    }
    opened = d.desk.client.post("/api/v1/calls", json=call, headers=d.agent.headers)
    assert opened.status_code == 201, opened.text
    ticket = opened.json()
    assert ticket["team"]["id"] == field
    (decision,) = d.get(f"/tickets/{ticket['reference']}/triage", d.agent)
    assert decision["rule_ids"] == [rule["id"]]
    assert {"ticket.created_from_call", "ticket.triaged"} <= set(d.audit_actions(ticket["id"]))
