"""The demo desk has a callback queue and answered surveys, good and bad."""

from __future__ import annotations

from calmdesk.demo import content, loader
from calmdesk.demo.followups import ANSWERS, CALLBACKS
from tests.integration.conftest import Desk


def test_the_demo_has_a_callback_queue_and_surveys(desk: Desk) -> None:
    with desk.database.unit_of_work() as db:
        loader.load(db)
    supervisor = next(p for p in content.STAFF if p.role == "supervisor")
    login = desk.client.post(
        "/api/v1/auth/login", json={"email": supervisor.email, "password": content.DEMO_PASSWORD}
    )
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    results = desk.client.get("/api/v1/surveys", params={"answered": True, "limit": 100}, headers=headers)
    assert results.status_code == 200, results.text
    answered = results.json()["items"]
    assert len(answered) == len(ANSWERS)
    ratings = sorted(s["rating"] for s in answered)
    assert ratings[0] <= 2 and ratings[-1] == 5
    poor = [s for s in answered if s["rating"] <= 2]
    assert len(poor) == 2 and all(s["reopened"] for s in poor)
    for survey in poor:
        ticket = desk.client.get(f"/api/v1/tickets/{survey['ticket']}", headers=headers).json()
        assert ticket["status"] == "open"
    # The mood the last contact ended on is kept beside the rating (where the customer wrote).
    good = [s for s in answered if s["rating"] >= 4]
    assert any(s["mood_at_end"] is not None for s in poor) and any(s["mood_at_end"] is not None for s in good)
    pending = desk.client.get("/api/v1/surveys", params={"answered": False}, headers=headers).json()["items"]
    assert len(pending) == 2
    queue = desk.client.get("/api/v1/callbacks", params={"assignee": "all"}, headers=headers)
    assert queue.status_code == 200, queue.text
    items = queue.json()["items"]
    callbacks = [i for i in items if i["kind"] == "callback"]
    assert len(callbacks) == sum(1 for hours, _ in CALLBACKS if hours <= 12)
    assert any(i["overdue"] for i in callbacks)
    assert any(i["kind"] == "update" and i["last_told"] is not None for i in items)
