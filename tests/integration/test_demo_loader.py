"""The demo desk loads on both databases and can be worked through the API."""

from __future__ import annotations

from sqlalchemy import func, select

from calmdesk.demo import content, loader
from calmdesk.tickets.models import Message, Ticket
from tests.integration.conftest import Desk


def test_the_demo_desk_loads_and_its_people_can_sign_in(desk: Desk) -> None:
    with desk.database.unit_of_work() as db:
        assert not loader.has_tickets(db)
        summary = loader.load(db)
    assert summary.tickets == len(content.TICKETS) and summary.customers == len(content.CUSTOMERS)
    with desk.database.session(read_only=True) as db:
        assert db.scalar(select(func.count()).select_from(Ticket)) == len(content.TICKETS)
        assert db.scalar(select(func.count()).select_from(Message)) == sum(
            len(t.turns) for t in content.TICKETS
        )
        assert loader.has_tickets(db)
    supervisor = next(p for p in content.STAFF if p.role == "supervisor")
    login = desk.client.post(
        "/api/v1/auth/login", json={"email": supervisor.email, "password": content.DEMO_PASSWORD}
    )
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    listed = desk.client.get("/api/v1/tickets", params={"limit": 200}, headers=headers).json()["items"]
    assert len(listed) == len(content.TICKETS)
    statuses = {t["status"] for t in listed}
    assert {"new", "open", "resolved"} <= statuses
    html_ticket = next(t for t in content.TICKETS if any(turn.is_html for turn in t.turns))
    found = next(t for t in listed if t["subject"] == html_ticket.subject)
    thread = desk.client.get(f"/api/v1/tickets/{found['reference']}/messages", headers=headers).json()[
        "items"
    ]
    assert all("<script" not in (m["body_html"] or "") for m in thread)
