"""The abusive-contact path: a boundary statement to send, then a supervisor takeover with a brief."""

from __future__ import annotations

from tests.integration import escalation_fixtures
from tests.integration.escalation_fixtures import EscalationDesk

esc_desk = escalation_fixtures.esc_desk
ABUSE = "You are a useless idiot, get this sorted you morons"
MORE_ABUSE = "Still useless. You're all idiots and morons, every one of you"


def test_a_boundary_is_offered_then_abuse_after_it_offers_a_takeover_that_reassigns_with_a_brief(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    reference = d.ticket(
        subject="Cancellation fee", message={"body": "Why was I charged a £90 cancellation fee?"}
    )
    ticket_id = d.get(f"/tickets/{reference}", d.agent)["id"]
    assert d.get(f"/tickets/{reference}/abuse", d.agent)["stage"] == "none"
    d.customer_writes(reference, ABUSE)
    abuse = d.get(f"/tickets/{reference}/abuse", d.agent)
    assert abuse["stage"] == "boundary_offered"
    assert "keep this conversation respectful" in abuse["boundary_statement"]
    assert "abuse.boundary_offered" in d.audit_actions(ticket_id)
    assert d.queued(d.agent.id) == [f"Abusive message on {reference}: set a boundary"]
    early = d.post(f"/tickets/{reference}/abuse/takeover", None, d.agent)
    assert early.status_code == 409 and early.json()["error"]["code"] == "no_takeover_offered"

    d.reply(reference, abuse["boundary_statement"].replace("[my supervisor]", "my supervisor"))
    assert d.get(f"/tickets/{reference}/abuse", d.agent)["stage"] == "boundary_set"
    d.customer_writes(reference, MORE_ABUSE)
    offered = d.get(f"/tickets/{reference}/abuse", d.agent)
    assert offered["stage"] == "takeover_offered" and offered["takeover_to"]["id"] == d.supervisor.id
    assert d.audit_actions(ticket_id).count("abuse.takeover_offered") == 1
    assert d.queued(d.supervisor.id) == [
        f"Abuse continues after a boundary on {reference}: supervisor takeover offered"
    ]

    taken = d.post(f"/tickets/{reference}/abuse/takeover", None, d.agent)
    assert taken.status_code == 201, taken.text
    escalation = taken.json()
    assert escalation["origin"] == "abuse_takeover" and escalation["reason_code"] == "abusive_contact"
    assert escalation["from_staff"]["id"] == d.agent.id and escalation["to_staff"]["id"] == d.supervisor.id
    assert escalation["problem"].startswith("Cancellation fee.") and escalation["people_goals"]
    assert escalation["mood_at_end"] is not None and escalation["mood_at_end"] < 0
    assert d.get(f"/tickets/{reference}", d.agent)["assignee"]["id"] == d.supervisor.id
    assert d.get(f"/tickets/{reference}/abuse", d.agent)["stage"] == "taken_over"
    actions = d.audit_actions(ticket_id)
    assert actions.index("abuse.takeover_offered") < actions.index("abuse.taken_over")
    assert actions[-1] == "escalation.created"
    again = d.post(f"/tickets/{reference}/abuse/takeover", None, d.supervisor)
    assert again.status_code == 409


def test_abuse_again_without_a_boundary_offers_the_boundary_again_not_a_takeover(
    esc_desk: EscalationDesk,
) -> None:
    d = esc_desk
    reference = d.ticket()
    d.customer_writes(reference, ABUSE)
    d.reply(reference, "We are looking into it.")  # no boundary in it
    d.customer_writes(reference, MORE_ABUSE)
    assert d.get(f"/tickets/{reference}/abuse", d.agent)["stage"] == "boundary_offered"
    ticket_id = d.get(f"/tickets/{reference}", d.agent)["id"]
    assert d.audit_actions(ticket_id).count("abuse.boundary_offered") == 2
    assert d.post(f"/tickets/{reference}/abuse/takeover", None, d.supervisor).status_code == 409
