"""The dashboard's numbers against a hand-counted desk: attention now, mood shifts, root causes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from calmdesk.insights import attention, mood, root_causes
from calmdesk.sla.models import ClockRecord, SlaEvent
from calmdesk.staff.roles import Role
from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import START, SlaDesk

sla_desk = sla_fixtures.sla_desk
CALM = "Hello, could you tell me when my order ships? Thanks!"
ANGRY = (
    "This is the third time I have written and it is STILL not fixed. "
    "I am furious, this is completely unacceptable!"
)
THANKS = "Thank you so much, that is perfect, really happy with the help."
RANGE = {"start": START - timedelta(hours=1), "end": START + timedelta(days=1)}


def _customer_says(sd: SlaDesk, reference: str, text: str) -> None:
    url = f"/api/v1/tickets/{reference}/portal-links"
    token = sd.desk.client.post(url, headers=sd.agent.headers).json()["token"]
    answer = sd.desk.client.post(f"/api/v1/portal/{token}/messages", json={"body": text})
    assert answer.status_code == 201, answer.text


def _patch(sd: SlaDesk, reference: str, **changes: Any) -> None:
    sd.patch_ticket(reference, changes)


def _add(sd: SlaDesk, *rows: object) -> None:
    with sd.desk.database.unit_of_work() as db:
        db.add_all(rows)


def _clock(
    ticket_id: int, *, due: datetime, warn: datetime | None, breached: datetime | None = None
) -> ClockRecord:
    return ClockRecord(
        ticket_id=ticket_id,
        kind="resolution",
        cycle=1,
        state="running",
        target_seconds=3600,
        started_at=START,
        running_since=START,
        due_at=due,
        warning_at=warn,
        breached_at=breached,
    )


def _desk(sd: SlaDesk) -> dict[str, dict[str, Any]]:
    """Five tickets in the range and one before it; see each comment for what it should count."""
    billing = sd.post("/api/v1/teams", {"name": "Billing"})["id"]
    delivery = sd.post("/api/v1/teams", {"name": "Delivery"})["id"]
    other = sd.desk.account(Role.AGENT, name="Bea Other")
    sd.at(-48 * 60)
    old = sd.ticket(subject="Old", message={"body": ANGRY}, category="billing")  # outside the range
    sd.at(0)
    # t1: billing/email/refund-policy; angry at once, then reassigned: the anger came BEFORE the hand-off.
    t1 = sd.ticket(subject="t1", message={"body": ANGRY}, category="billing", tags=["refund-policy"])
    # t2: billing/phone/refund-policy+callback; calm; an SLA escalation and a recorded breach.
    t2 = sd.ticket(
        subject="t2",
        message={"body": CALM},
        category="billing",
        channel="phone",
        tags=["refund-policy", "callback"],
    )
    # t3: delivery/email; calm, moved from Billing to Delivery, then the customer writes angrily.
    t3 = sd.ticket(subject="t3", message={"body": CALM}, category="delivery", team_id=billing)
    # t4: no category, web; calm, then delighted: no outcome.
    t4 = sd.ticket(
        subject="t4", message={"body": CALM}, channel="web", assignee_id=other.id, team_id=delivery
    )
    # t5: delivery/chat; angry, then thanks: Ada's contact that calmed down.
    t5 = sd.ticket(
        subject="t5", message={"body": ANGRY}, category="delivery", channel="chat", team_id=billing
    )
    sd.at(10)
    _patch(sd, t1["reference"], assignee_id=other.id)
    _patch(sd, t3["reference"], team_id=delivery)
    sd.at(20)
    _customer_says(sd, t3["reference"], ANGRY)
    _customer_says(sd, t4["reference"], THANKS)
    _customer_says(sd, t5["reference"], THANKS)
    now = sd.at(30)
    _add(
        sd,
        SlaEvent(
            ticket_id=t2["id"], clock_kind="resolution", cycle=1, event="escalation", level=1, occurred_at=now
        ),
        _clock(t2["id"], due=START + timedelta(minutes=5), warn=None, breached=START + timedelta(minutes=5)),
        _clock(t4["id"], due=now + timedelta(minutes=30), warn=now - timedelta(minutes=1)),  # at risk
        _clock(t5["id"], due=now + timedelta(hours=2), warn=now + timedelta(hours=1)),  # fine
    )
    return {"old": old, "t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5}


def test_root_causes_match_the_hand_count(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    _desk(sd)
    now = START + timedelta(minutes=30)
    with sd.desk.database.session(read_only=True) as db:
        found = root_causes.report(db, now=now, **RANGE)

    def rows(dimension: root_causes.Dimension) -> list[tuple[str, int, int, int, int]]:
        return [(r.value, r.tickets, r.angry, r.escalated, r.breached) for r in found[dimension]]

    # billing: t1 angry, t2 escalated + breached; delivery: t3 and t5 angry; (none): t4.
    assert rows("category") == [("billing", 2, 1, 1, 1), ("delivery", 2, 2, 0, 0), ("(none)", 1, 0, 0, 0)]
    assert rows("channel") == [
        ("phone", 1, 0, 1, 1),
        ("email", 2, 2, 0, 0),  # ties on rates go to the row with more tickets
        ("chat", 1, 1, 0, 0),
        ("web", 1, 0, 0, 0),
    ]
    assert rows("tag") == [("callback", 1, 0, 1, 1), ("refund-policy", 2, 1, 1, 1)]
    # t3's anger came after its team move; t1's came before its reassignment, so it does not count.
    assert rows("hand-off") == [
        ("moved to another team", 1, 1, 0, 0),
        ("no hand-off", 3, 1, 1, 1),
        ("reassigned to another agent", 1, 0, 0, 0),
    ]
    assert found["category"][0].rate(1) == 50.0


def test_mood_shifts_per_agent_and_team(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    tickets = _desk(sd)
    with sd.desk.database.session(read_only=True) as db:
        agents, teams = mood.by_agent_and_team(db, **RANGE)
        moods = {
            ref: [m.analysis.mood for m in _customer_messages(db, t["id"])]
            for ref, t in tickets.items()
            if ref in ("t3", "t4", "t5")
        }
    # Contacts with two customer messages: t3 (Ada, Delivery), t4 (Bea, Delivery), t5 (Ada, Billing).
    ada = [(moods["t3"][0], moods["t3"][-1]), (moods["t5"][0], moods["t5"][-1])]
    by_name = {row.name: row for row in agents}
    assert set(by_name) == {"Ada Agent", "Bea Other"}
    assert by_name["Ada Agent"].contacts == 2
    assert by_name["Ada Agent"].start == round((ada[0][0] + ada[1][0]) / 2, 3)
    assert by_name["Ada Agent"].end == round((ada[0][1] + ada[1][1]) / 2, 3)
    assert by_name["Bea Other"].contacts == 1 and by_name["Bea Other"].change > 0
    team_rows = {row.name: (row.contacts, row.start, row.end) for row in teams}
    assert team_rows == {
        "Delivery": (
            2,
            round((moods["t3"][0] + moods["t4"][0]) / 2, 3),
            round((moods["t3"][1] + moods["t4"][1]) / 2, 3),
        ),
        "Billing": (1, round(moods["t5"][0], 3), round(moods["t5"][1], 3)),
    }
    assert [row.change for row in agents] == sorted((row.change for row in agents), reverse=True)
    assert (
        moods["t3"][0] > moods["t3"][1] and moods["t5"][0] < moods["t5"][1]
    )  # the fixture does what it says


def _customer_messages(db: Any, ticket_id: int) -> list[Any]:
    from sqlalchemy import select

    from calmdesk.tickets.models import Message

    query = (
        select(Message)
        .where(Message.ticket_id == ticket_id, Message.author_kind == "customer")
        .order_by(Message.created_at, Message.id)
    )
    return list(db.scalars(query))


def test_attention_lists_breached_then_at_risk_clocks_and_the_slots_start_empty(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    tickets = _desk(sd)
    now = START + timedelta(minutes=30)
    with sd.desk.database.session(read_only=True) as db:
        alerts = attention.breaches_and_risks(db, now=now)
        got = [(a.ticket.id, a.clock, a.state) for a in alerts]
        assert attention.escalations_awaiting_acknowledgement(db, now=now) == []
        assert attention.open_incidents(db, now=now) == []
        assert attention.callbacks_due(db, now=now) == []
        assert attention.satisfaction_ratings(db, **RANGE) == []
        assert attention.escalation_counts(db, **RANGE) == []
    # t2's clock was due at 09:05 (breached); t4's is in its warning window; t5's is fine.
    assert got == [
        (tickets["t2"]["id"], "resolution", "breached"),
        (tickets["t4"]["id"], "resolution", "at_risk"),
    ]
