"""The demo desk's escalations, and the briefing test: the draft names the real problem and offers."""

from __future__ import annotations

from sqlalchemy import select

from calmdesk.demo import content, loader
from calmdesk.demo.conversations_complaints import LEGAL_THREAT, TICKETS
from calmdesk.escalation.models import Escalation
from calmdesk.tickets.models import Message, Ticket
from tests.integration.conftest import Desk

ZOFIA = next(t for t in TICKETS if t.subject.startswith("Third repair visit"))


def _supervisor_headers(desk: Desk) -> dict[str, str]:
    supervisor = next(p for p in content.STAFF if p.role == "supervisor")
    login = desk.client.post(
        "/api/v1/auth/login", json={"email": supervisor.email, "password": content.DEMO_PASSWORD}
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['token']}"}


def test_the_demo_escalations_and_the_brief_of_a_demo_ticket(desk: Desk) -> None:
    with desk.database.unit_of_work() as db:
        summary = loader.load(db)
    assert any(line.startswith("escalations: 6") for line in summary.more)
    with desk.database.session(read_only=True) as db:
        escalations = list(db.scalars(select(Escalation)).unique())
        legal = db.scalars(select(Ticket).where(Ticket.subject == LEGAL_THREAT.subject)).unique().one()
        customer_moods = [
            m.analysis.mood
            for m in db.scalars(
                select(Message).where(Message.ticket_id == legal.id).order_by(Message.created_at, Message.id)
            ).unique()
            if m.analysis is not None
        ]
        zofia = db.scalars(select(Ticket).where(Ticket.subject == ZOFIA.subject)).unique().one()
    assert {(e.kind, e.origin) for e in escalations} >= {
        ("functional", "agent"),
        ("hierarchical", "agent"),
        ("hierarchical", "abuse_takeover"),
    }
    assert any(e.reason_code == "staff_conduct" and not e.takes_ticket for e in escalations)
    assert any(e.state == "awaiting_acknowledgement" and e.ack_due_at is not None for e in escalations)
    for escalation in escalations:  # complete briefs
        assert escalation.problem and escalation.impact and escalation.interactions
        assert escalation.problem_goals and escalation.people_goals

    headers = _supervisor_headers(desk)
    brief = desk.client.get(f"/api/v1/tickets/{legal.reference}/brief", headers=headers).json()
    assert "inlet hose came off the valve and flooded my kitchen" in brief["problem"]
    assert "Dear" not in brief["problem"] and "small claims court for £2,300" not in brief["problem"]
    assert "threatens legal action" in brief["impact"] and "£2,300" in brief["impact"]
    assert [o["kind"] for o in brief["offers"]] == ["engineer_visit"]
    assert "technician to inspect the installation" in brief["offers"][0]["evidence"]
    assert len(customer_moods) == 2
    assert (brief["mood_at_start"], brief["mood_at_end"]) == (customer_moods[0], customer_moods[-1])
    assert brief["suggested_skill"] == "legal" and brief["suggested_team"]["name"] == "Legal & Compliance"

    offers = desk.client.get(f"/api/v1/tickets/{zofia.reference}/brief", headers=headers).json()["offers"]
    assert [(o["kind"], o["amount"]) for o in offers] == [
        ("callback", None),
        ("replacement", None),
        ("credit", "£50"),
    ]
