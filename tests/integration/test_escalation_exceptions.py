"""Policy exceptions: a higher rank grants them, nobody approves their own, and each decision is recorded."""

from __future__ import annotations

from calmdesk.staff.roles import Role
from tests.integration import escalation_fixtures
from tests.integration.escalation_fixtures import EscalationDesk

esc_desk = escalation_fixtures.esc_desk
CREDIT = {"kind": "goodwill_credit", "amount": "40.00", "justification": "two missed engineer visits"}


def test_a_supervisor_grants_an_agents_exception_but_nobody_approves_their_own(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    reference = d.ticket()
    asked = d.post(f"/tickets/{reference}/exceptions", CREDIT, d.agent)
    assert asked.status_code == 201, asked.text
    exception = asked.json()
    assert exception["state"] == "requested" and exception["requested_by"]["id"] == d.agent.id
    approve = f"/exceptions/{exception['id']}/approve"
    own = d.post(approve, {"note": "fine by me"}, d.agent)
    assert own.status_code == 403 and own.json()["error"]["code"] == "own_exception"
    peer = d.post(approve, {}, d.desk.account(Role.AGENT))
    assert peer.status_code == 403 and peer.json()["error"]["code"] == "not_an_approver"
    granted = d.post(approve, {"note": "fair after two missed visits"}, d.supervisor)
    assert granted.status_code == 200, granted.text
    assert granted.json()["state"] == "approved" and granted.json()["decided_by"]["id"] == d.supervisor.id
    again = d.post(approve, {}, d.manager)
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_decided"
    listed = d.get(f"/tickets/{reference}/exceptions", d.agent)
    assert [(e["state"], e["amount"], e["decision_note"]) for e in listed] == [
        ("approved", "40.00", "fair after two missed visits")
    ]
    ticket_id = d.get(f"/tickets/{reference}", d.agent)["id"]
    actions = d.audit_actions(ticket_id)
    assert actions[-2:] == ["policy_exception.requested", "policy_exception.approved"]


def test_a_supervisors_own_request_needs_someone_senior(esc_desk: EscalationDesk) -> None:
    d = esc_desk
    reference = d.ticket()
    waiver = {"kind": "fee_waiver", "amount": "90.00", "justification": "renewal reminder never sent"}
    exception = d.post(f"/tickets/{reference}/exceptions", waiver, d.supervisor).json()
    decline = f"/exceptions/{exception['id']}/decline"
    assert d.post(decline, {}, d.supervisor).json()["error"]["code"] == "own_exception"
    other_supervisor = d.desk.account(Role.SUPERVISOR)
    same_rank = d.post(decline, {}, other_supervisor)
    assert same_rank.status_code == 403 and same_rank.json()["error"]["code"] == "approver_not_senior"
    declined = d.post(decline, {"note": "fee applies under the terms"}, d.manager)
    assert declined.status_code == 200 and declined.json()["state"] == "declined"
