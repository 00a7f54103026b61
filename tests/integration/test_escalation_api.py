"""Escalating across and up with a brief, telling the customer, and acknowledging as the receiver only."""

from __future__ import annotations

from calmdesk.escalation.models import Escalation
from tests.integration import escalation_fixtures
from tests.integration.escalation_fixtures import GOALS, EscalationDesk

esc_desk = escalation_fixtures.esc_desk


def test_a_hierarchical_escalation_briefs_the_next_rung_tells_the_customer_and_is_acknowledged(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    reference = d.ticket(subject="Lamp arrived broken")
    d.reply(reference, "I'm sorry about the lamp. I've added a £20 account credit for the trouble.")
    draft = d.get(f"/tickets/{reference}/brief", d.agent)
    assert draft["problem"].startswith("Lamp arrived broken.")
    assert "lamp inside is broken" in draft["problem"]
    assert [(o["kind"], o["amount"]) for o in draft["offers"]] == [("credit", "£20")]
    assert draft["next_rung"]["id"] == d.supervisor.id
    assert "Sam Supervisor" in draft["notice_text"]

    created = d.post(
        f"/tickets/{reference}/escalations",
        {
            "kind": "hierarchical",
            "reason_code": "policy_exception",
            "reason": "refund beyond policy",
            **GOALS,
        },
        d.agent,
    )
    assert created.status_code == 201, created.text
    escalation = created.json()
    assert escalation["to_staff"]["id"] == d.supervisor.id and escalation["from_staff"]["id"] == d.agent.id
    assert escalation["state"] == "awaiting_acknowledgement" and escalation["ticket_reference"] == reference
    assert escalation["problem_goals"] == GOALS["problem_goals"]
    assert escalation["offers"][0]["label"] == "£20 account credit"
    assert escalation["next_update_due_at"] is not None and escalation["notice_message_id"] is not None
    ticket = d.get(f"/tickets/{reference}", d.agent)
    assert ticket["assignee"]["id"] == d.supervisor.id
    thread = d.get(f"/tickets/{reference}/messages", d.agent)["items"]
    notice = next(m for m in thread if m["id"] == escalation["notice_message_id"])
    assert notice["is_internal"] is False and "passing your case" in notice["body_text"]
    assert d.queued(d.supervisor.id) == [f"Escalated to you: {reference} (hierarchical)"]

    url = f"/escalations/{escalation['id']}/acknowledge"
    for wrong in (d.agent, d.manager):
        refused = d.post(url, None, wrong)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_the_receiver"
    acknowledged = d.post(url, None, d.supervisor)
    assert acknowledged.status_code == 200, acknowledged.text
    assert acknowledged.json()["acknowledged_by"]["id"] == d.supervisor.id
    again = d.post(url, None, d.supervisor)
    assert again.status_code == 409
    queue = d.get("/escalations", d.supervisor, to="me", state="acknowledged")
    assert [e["id"] for e in queue] == [escalation["id"]]
    history = d.get(f"/tickets/{reference}/escalations", d.agent)
    assert [e["state"] for e in history] == ["acknowledged"]
    detail = d.get(f"/escalations/{escalation['id']}", d.supervisor)
    titles = [step["title"] for step in detail["call_plan"]["steps"]]
    assert (
        titles[:2] == ["Before you call", "Introduce yourself"]
        and titles[-1] == "Close with a closed question"
    )
    assert "Sam Supervisor" in detail["call_plan"]["steps"][1]["say"]
    actions = d.audit_actions(ticket["id"])
    assert "escalation.created" in actions and actions[-1] == "escalation.acknowledged"
    outcome = d.post(f"/escalations/{escalation['id']}/outcome", {"outcome": "Refund approved"}, d.supervisor)
    assert outcome.status_code == 200 and outcome.json()["outcome"] == "Refund approved"


def test_escalating_without_problem_and_people_goals_is_refused_and_saves_nothing(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    reference = d.ticket()
    refused = d.post(
        f"/tickets/{reference}/escalations",
        {"kind": "hierarchical", "reason_code": "beyond_authority", "problem_goals": ["  "]},
        d.agent,
    )
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "brief_incomplete"
    assert "problem goal" in error["message"] and "people goal" in error["message"]
    assert {item["field"] for item in error["details"]} == {"problem_goals", "people_goals"}
    assert d.get(f"/tickets/{reference}/escalations", d.agent) == []
    thread = d.get(f"/tickets/{reference}/messages", d.agent)["items"]
    assert [m["author_kind"] for m in thread] == ["customer"]  # no notice went out


def test_a_functional_escalation_goes_to_the_team_with_the_skill_and_a_member_acknowledges(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    busy = d.desk.account(name="Busy Biller")
    free = d.desk.account(name="Free Biller")
    billing = d.team("Billing", ["billing", "refunds"], [busy, free])
    d.desk.new_ticket(busy, assignee_id=busy.id)
    reference = d.ticket(category="billing")
    draft = d.get(f"/tickets/{reference}/brief", d.agent, kind="functional")
    assert draft["suggested_skill"] == "billing" and draft["suggested_team"]["id"] == billing
    assert [(row["name"], row["open_tickets"]) for row in draft["team_load"]] == [
        ("Free Biller", 0),
        ("Busy Biller", 1),
    ]
    created = d.post(
        f"/tickets/{reference}/escalations",
        {"kind": "functional", "reason_code": "needs_expertise", "skill": "refunds", **GOALS},
        d.agent,
    )
    assert created.status_code == 201, created.text
    escalation = created.json()
    assert escalation["to_team"]["id"] == billing and escalation["to_staff"] is None
    ticket = d.get(f"/tickets/{reference}", d.agent)
    assert ticket["team"]["id"] == billing and ticket["assignee"] is None
    url = f"/escalations/{escalation['id']}/acknowledge"
    assert d.post(url, None, d.agent).status_code == 403  # not in Billing
    assert d.post(url, None, free).status_code == 200
    assert d.get(f"/tickets/{reference}", d.agent)["assignee"]["id"] == free.id


def test_a_conduct_complaint_goes_to_hr_who_reviews_without_taking_the_ticket(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    reference = d.ticket()
    created = d.post(
        f"/tickets/{reference}/escalations",
        {"kind": "hierarchical", "reason_code": "staff_conduct", "to_role": "hr_manager", **GOALS},
        d.agent,
    )
    assert created.status_code == 201, created.text
    assert created.json()["to_staff"]["id"] == d.hr.id and created.json()["takes_ticket"] is False
    assert d.get(f"/tickets/{reference}", d.agent)["assignee"]["id"] == d.agent.id
    notice = d.get(f"/tickets/{reference}/messages", d.agent)["items"][-1]["body_text"]
    assert "reviewed independently" in notice


def test_the_receiver_must_be_above_the_escalator(esc_desk: EscalationDesk) -> None:
    d = esc_desk
    peer = d.desk.account(name="Peer Agent")
    reference = d.ticket()
    refused = d.post(
        f"/tickets/{reference}/escalations",
        {"kind": "hierarchical", "reason_code": "beyond_authority", "to_staff_id": peer.id, **GOALS},
        d.agent,
    )
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "receiver_not_senior"
    with d.desk.database.session(read_only=True) as db:
        assert db.query(Escalation).count() == 0
