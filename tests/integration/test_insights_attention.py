"""The dashboard's attention lists and period figures against a hand-made desk.

Escalations waiting for acknowledgement, escalations by kind and reason (also in the
root-cause view), open incidents, the callbacks and updates due, and satisfaction ratings.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from calmdesk.demo import loader
from calmdesk.escalation.models import Escalation
from calmdesk.followup.models import Callback, Survey, UpdateCadence
from calmdesk.incidents.models import Incident
from calmdesk.insights import attention, root_causes
from tests.integration import sla_fixtures
from tests.integration.conftest import Desk
from tests.integration.sla_fixtures import START, SlaDesk
from tests.integration.test_web_auth import browser, sign_in
from tests.integration.test_web_dashboard import _charts

sla_desk = sla_fixtures.sla_desk
CALM = "Hello, could you tell me when my order ships? Thanks!"
NOW = START + timedelta(hours=2)
RANGE = {"start": START - timedelta(hours=1), "end": START + timedelta(days=1)}


def _escalation(
    ticket_id: int,
    kind: str,
    reason: str,
    state: str,
    *,
    created: datetime,
    ack_due: datetime | None,
    **to: Any,
) -> Escalation:
    return Escalation(
        ticket_id=ticket_id,
        kind=kind,
        reason_code=reason,
        state=state,
        problem="The refund is beyond policy.",
        problem_goals=["Refund decided"],
        people_goals=["Customer feels heard"],
        ack_due_at=ack_due,
        created_at=created,
        updated_at=created,
        **to,
    )


def _incident(title: str, status: str, last_seen: datetime) -> Incident:
    return Incident(title=title, status=status, first_seen_at=START, last_seen_at=last_seen, ticket_count=2)


def _survey(ticket_id: int, rating: int | None, answered: datetime | None) -> Survey:
    token = hashlib.sha256(f"{ticket_id}-{rating}-{answered}".encode()).hexdigest()
    return Survey(
        ticket_id=ticket_id,
        token_hash=token,
        expires_at=NOW + timedelta(days=7),
        rating=rating,
        answered_at=answered,
    )


def _desk(sd: SlaDesk) -> dict[str, Any]:
    """Five tickets and, around them, the rows each list should (or should not) show."""
    team = sd.post("/api/v1/teams", {"name": "Billing"})["id"]
    t1 = sd.ticket(subject="t1", message={"body": CALM}, category="billing")
    t2 = sd.ticket(subject="t2", message={"body": CALM}, category="billing")
    t3 = sd.ticket(subject="t3", message={"body": CALM}, category="delivery")
    t4 = sd.ticket(subject="t4", message={"body": CALM})
    t5 = sd.ticket(subject="t5", message={"body": CALM}, category="delivery")
    ids = [t["id"] for t in (t1, t2, t3, t4, t5)]
    lead = {"to_staff_id": sd.supervisor.id}
    rows: dict[str, Any] = {
        # Waiting, and past the time the worker passes it up: first, marked overdue.
        "e1": _escalation(
            ids[0],
            "hierarchical",
            "beyond_authority",
            "awaiting_acknowledgement",
            created=NOW - timedelta(minutes=35),
            ack_due=NOW - timedelta(minutes=5),
            **lead,
        ),
        "e2": _escalation(
            ids[1],
            "functional",
            "needs_expertise",
            "awaiting_acknowledgement",
            created=NOW - timedelta(minutes=10),
            ack_due=NOW + timedelta(minutes=20),
            to_team_id=team,
        ),
        "e3": _escalation(
            ids[2],
            "hierarchical",
            "beyond_authority",
            "acknowledged",
            created=NOW - timedelta(minutes=20),
            ack_due=None,
            **lead,
        ),
        "e4": _escalation(
            ids[3],
            "hierarchical",
            "beyond_authority",
            "re_escalated",
            created=NOW - timedelta(minutes=25),
            ack_due=None,
            **lead,
        ),
        # Waiting with no deadline: after those that have one.
        "e5": _escalation(
            ids[3],
            "functional",
            "needs_expertise",
            "awaiting_acknowledgement",
            created=NOW - timedelta(minutes=1),
            ack_due=None,
            to_team_id=team,
        ),
        # Raised two days before the range: not counted there.
        "e6": _escalation(
            ids[2],
            "functional",
            "legal_or_regulatory_risk",
            "acknowledged",
            created=START - timedelta(days=2),
            ack_due=None,
            to_team_id=team,
        ),
        "i1": _incident("Old outage", "open", NOW - timedelta(hours=1)),
        "i2": _incident("Maybe a fault", "proposed", NOW - timedelta(minutes=5)),
        "i3": _incident("Payments down", "open", NOW - timedelta(minutes=10)),
        "i4": _incident("Fixed one", "resolved", NOW),
        "i5": _incident("Not a fault", "dismissed", NOW),
    }
    rows["callbacks"] = [
        Callback(ticket_id=ids[0], due_at=NOW - timedelta(minutes=10), note="Ring after the visit"),  # due
        Callback(ticket_id=ids[1], due_at=NOW + timedelta(hours=1), note="Later"),  # not yet
        Callback(ticket_id=ids[2], due_at=NOW - timedelta(minutes=30), state="done"),  # kept
        UpdateCadence(ticket_id=ids[3], interval_minutes=60, next_due_at=NOW - timedelta(minutes=1)),
    ]
    rows["surveys"] = [
        _survey(ids[0], 5, NOW - timedelta(minutes=3)),
        _survey(ids[1], 5, NOW - timedelta(minutes=2)),
        _survey(ids[2], 2, NOW - timedelta(minutes=1)),
        _survey(ids[3], 4, START - timedelta(days=3)),  # answered before the range
        _survey(ids[4], None, None),  # sent, not answered
    ]
    with sd.desk.database.unit_of_work() as db:
        for value in rows.values():
            db.add_all(value if isinstance(value, list) else [value])
    return {"ids": ids, "tickets": (t1, t2, t3, t4, t5)}


def test_escalations_awaiting_acknowledgement_and_counts(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    ids = _desk(sd)["ids"]
    with sd.desk.database.session(read_only=True) as db:
        waiting = attention.escalations_awaiting_acknowledgement(db, now=NOW)
        got = [(w.ticket.id, w.escalation.reason_code, w.overdue) for w in waiting]
        receivers = [w.escalation.to_staff_id for w in waiting]
        counts = attention.escalation_counts(db, **RANGE)
        wider = attention.escalation_counts(db, start=START - timedelta(days=3), end=RANGE["end"])
    assert got == [
        (ids[0], "beyond_authority", True),
        (ids[1], "needs_expertise", False),
        (ids[3], "needs_expertise", False),
    ]
    assert receivers == [sd.supervisor.id, None, None]
    assert [(c.kind, c.reason, c.count) for c in counts] == [
        ("hierarchical", "beyond_authority", 3),
        ("functional", "needs_expertise", 2),
    ]
    assert ("functional", "legal_or_regulatory_risk", 1) in [(c.kind, c.reason, c.count) for c in wider]


def test_root_causes_count_escalations_raised_by_people(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    _desk(sd)
    with sd.desk.database.session(read_only=True) as db:
        found = root_causes.report(db, now=NOW, **RANGE)
    rows = {r.value: (r.tickets, r.escalated) for r in found["category"]}
    # billing: t1, t2 escalated; delivery: t3 escalated (twice), t5 not; (none): t4.
    assert rows == {"billing": (2, 2), "delivery": (2, 1), "(none)": (1, 1)}


def test_open_incidents_confirmed_first_then_proposed(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    _desk(sd)
    with sd.desk.database.session(read_only=True) as db:
        titles = [(i.title, i.status) for i in attention.open_incidents(db, now=NOW)]
    assert titles == [("Payments down", "open"), ("Old outage", "open"), ("Maybe a fault", "proposed")]


def test_callbacks_due_are_the_desk_wide_queue_up_to_now(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    ids = _desk(sd)["ids"]
    with sd.desk.database.session(read_only=True) as db:
        due = attention.callbacks_due(db, now=NOW)
        got = [(e.kind.value, e.ticket.id, e.overdue, e.note) for e in due]
    assert got == [
        ("callback", ids[0], True, "Ring after the visit"),
        ("update", ids[3], True, ""),
    ]


def test_satisfaction_ratings_per_score(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    _desk(sd)
    with sd.desk.database.session(read_only=True) as db:
        ratings = [(r.score, r.count) for r in attention.satisfaction_ratings(db, **RANGE)]
        before = attention.satisfaction_ratings(
            db, start=START - timedelta(days=10), end=START - timedelta(days=5)
        )
    assert ratings == [(1, 0), (2, 1), (3, 0), (4, 0), (5, 2)]
    assert before == []


def test_the_dashboard_shows_each_list_and_chart(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    tickets = _desk(sd)["tickets"]
    sd.at(120)
    lead = browser(sd.desk)
    sign_in(lead, sd.supervisor)
    page = lead.get("/dashboard").text

    def card(start: str, end: str) -> str:
        return page[page.index(f'id="{start}"') : page.index(f'id="{end}"')]

    waiting = card("awaiting-ack", "open-incidents")
    assert [waiting.index(tickets[n]["reference"]) for n in (0, 1, 3)] == sorted(
        waiting.index(tickets[n]["reference"]) for n in (0, 1, 3)
    )
    assert tickets[2]["reference"] not in waiting and waiting.count(">overdue</span>") == 1
    incidents = card("open-incidents", "callbacks-due")
    assert incidents.index("Payments down") < incidents.index("Old outage") < incidents.index("Maybe a fault")
    assert "Fixed one" not in incidents and "Not a fault" not in incidents
    callbacks = card("callbacks-due", "sla-heading")
    assert "Ring after the visit" in callbacks and "Later" not in callbacks
    assert tickets[3]["reference"] in callbacks and tickets[1]["reference"] not in callbacks
    charts = _charts(page)
    # The page's 30 days also hold e6, raised two days before the fixture's start.
    assert charts["escalations"]["labels"] == [
        "beyond authority",
        "needs expertise",
        "legal or regulatory risk",
    ]
    series = {s["label"]: s["data"] for s in charts["escalations"]["series"]}  # type: ignore[attr-defined]
    assert series == {"Functional": [0, 2, 1], "Hierarchical": [3, 0, 0]}
    # ... and the 4 answered three days before it.
    assert charts["ratings"]["series"][0]["data"] == [0, 1, 0, 1, 2]  # type: ignore[index]
    assert (
        '<td data-label="Reason">Beyond authority</td><td class="num" data-label="Escalations">3</td>' in page
    )


def test_the_demo_desk_fills_every_list(desk: Desk) -> None:
    with desk.database.unit_of_work() as db:
        loader.load(db)
    now = datetime.now().astimezone()
    span = {"start": now - timedelta(days=30), "end": now + timedelta(seconds=1)}
    with desk.database.session(read_only=True) as db:
        assert attention.escalations_awaiting_acknowledgement(db, now=now)
        assert attention.escalation_counts(db, **span)
        assert attention.open_incidents(db, now=now)
        assert attention.callbacks_due(db, now=now)
        assert sum(r.count for r in attention.satisfaction_ratings(db, **span)) > 0
        causes = root_causes.report(db, now=now, **span)
    assert any(row.escalated for row in causes["category"])
