"""The progress-update cadence and the callback queue, through the API."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from calmdesk.followup.models import Callback
from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import START, SlaDesk

sla_desk = sla_fixtures.sla_desk
UPDATE_4H = {"kind": "periodic_update", "minutes": 240, "warn_percent": 75}
FIRST_HOUR = {"kind": "first_response", "minutes": 60, "warn_percent": 75}


def queue(
    sla_desk: SlaDesk, *, hours: float, assignee: str = "me", account: Any = None
) -> list[dict[str, Any]]:
    due_before = (START + timedelta(hours=hours)).isoformat()
    response = sla_desk.desk.client.get(
        "/api/v1/callbacks",
        params={"assignee": assignee, "due_before": due_before},
        headers=(account or sla_desk.agent).headers,
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def set_cadence(sla_desk: SlaDesk, reference: str, minutes: int | None) -> dict[str, Any]:
    response = sla_desk.desk.client.put(
        f"/api/v1/tickets/{reference}/cadence",
        json={"interval_minutes": minutes},
        headers=sla_desk.agent.headers,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_an_agent_cadence_puts_the_customer_in_the_queue_and_a_reply_moves_it(sla_desk: SlaDesk) -> None:
    ticket = sla_desk.ticket()
    ref = ticket["reference"]
    assert queue(sla_desk, hours=24) == []
    cadence = set_cadence(sla_desk, ref, 120)
    assert cadence["source"] == "agent" and at(cadence["next_due_at"]) == START + timedelta(hours=2)
    assert queue(sla_desk, hours=1) == []
    [entry] = queue(sla_desk, hours=3)
    assert entry["kind"] == "update" and entry["ticket"] == ref and entry["overdue"] is False
    assert entry["assignee_id"] == sla_desk.agent.id and entry["last_told"] is None
    sla_desk.at(150)
    assert queue(sla_desk, hours=3)[0]["overdue"] is True
    # An internal note is no news to the customer; a public reply is.
    sla_desk.reply(ref, kind="note", body="waiting on the courier's claim form")
    assert at(queue(sla_desk, hours=3)[0]["due_at"]) == START + timedelta(hours=2)
    sla_desk.reply(ref, body="The courier has your claim; a replacement ships on Monday.")
    assert queue(sla_desk, hours=4) == []
    [entry] = queue(sla_desk, hours=5)
    assert at(entry["due_at"]) == START + timedelta(minutes=150 + 120)
    assert entry["last_told"]["excerpt"].startswith("The courier has your claim")
    assert entry["last_told"]["kind"] == "reply" and entry["last_told"]["by"] == "Ada Agent"
    # Back to the policy: there is none, so the ticket leaves the queue.
    assert set_cadence(sla_desk, ref, None)["source"] == "none"
    assert queue(sla_desk, hours=48) == []


def test_the_sla_policy_sets_the_default_cadence(sla_desk: SlaDesk) -> None:
    sla_desk.configure(targets=[FIRST_HOUR, UPDATE_4H])
    ref = sla_desk.ticket()["reference"]
    cadence = sla_desk.desk.client.get(
        f"/api/v1/tickets/{ref}/cadence", headers=sla_desk.agent.headers
    ).json()
    assert cadence["source"] == "sla_policy" and cadence["interval_minutes"] == 240
    assert at(cadence["next_due_at"]) == START + timedelta(hours=4)
    [entry] = queue(sla_desk, hours=5)
    assert entry["kind"] == "update" and at(entry["due_at"]) == START + timedelta(hours=4)
    sla_desk.at(60)
    sla_desk.reply(
        ref,
        kind="call",
        body="Phoned: explained the delay.",
        call_direction="outbound",
        call_duration_seconds=300,
    )
    [entry] = queue(sla_desk, hours=6)
    assert at(entry["due_at"]) == START + timedelta(hours=5)
    assert entry["last_told"]["kind"] == "call" and "explained the delay" in entry["last_told"]["excerpt"]
    # The agent's own cadence replaces the policy's.
    set_cadence(sla_desk, ref, 30)
    [entry] = queue(sla_desk, hours=6)
    assert at(entry["due_at"]) == START + timedelta(minutes=90)
    # Waiting on the customer owes them no update.
    sla_desk.patch_ticket(ref, {"status": "pending_customer"})
    assert queue(sla_desk, hours=24) == []


def test_a_scheduled_callback_is_in_the_queue_until_a_call_is_logged(sla_desk: SlaDesk) -> None:
    ref = sla_desk.ticket()["reference"]
    client = sla_desk.desk.client
    due = (START + timedelta(hours=3)).isoformat()
    made = client.post(
        f"/api/v1/tickets/{ref}/callbacks",
        json={"due_at": due, "note": "after the engineer's visit"},
        headers=sla_desk.agent.headers,
    )
    assert made.status_code == 201, made.text
    [entry] = queue(sla_desk, hours=4)
    assert entry["kind"] == "callback" and entry["callback_id"] == made.json()["id"]
    assert entry["note"] == "after the engineer's visit" and entry["assignee_name"] == "Ada Agent"
    # A public reply is an update but does not keep a promise to phone.
    sla_desk.reply(ref, body="We will phone you this afternoon.")
    assert [e["kind"] for e in queue(sla_desk, hours=4)] == ["callback"]
    sla_desk.at(170)
    sla_desk.reply(
        ref,
        kind="call",
        body="Called back as promised.",
        call_direction="outbound",
        call_duration_seconds=240,
    )
    assert queue(sla_desk, hours=4) == []
    [callback] = client.get(f"/api/v1/tickets/{ref}/callbacks", headers=sla_desk.agent.headers).json()
    assert callback["state"] == "done" and callback["call_message_id"] is not None


def test_a_call_long_before_a_later_callback_does_not_keep_it(sla_desk: SlaDesk) -> None:
    ref = sla_desk.ticket()["reference"]
    client = sla_desk.desk.client
    for hours in (1, 30):
        due = (START + timedelta(hours=hours)).isoformat()
        assert (
            client.post(
                f"/api/v1/tickets/{ref}/callbacks", json={"due_at": due}, headers=sla_desk.agent.headers
            ).status_code
            == 201
        )
    sla_desk.reply(ref, kind="call", body="Quick call.", call_direction="outbound", call_duration_seconds=60)
    states = [
        c["state"]
        for c in client.get(f"/api/v1/tickets/{ref}/callbacks", headers=sla_desk.agent.headers).json()
    ]
    assert states == ["done", "open"]


def test_the_queue_is_per_person_and_a_cancelled_callback_leaves_it(sla_desk: SlaDesk) -> None:
    client = sla_desk.desk.client
    mine = sla_desk.ticket()["reference"]
    theirs = sla_desk.ticket(assignee_id=sla_desk.supervisor.id)["reference"]
    due = (START + timedelta(hours=1)).isoformat()
    for ref in (mine, theirs):
        assert (
            client.post(
                f"/api/v1/tickets/{ref}/callbacks", json={"due_at": due}, headers=sla_desk.agent.headers
            ).status_code
            == 201
        )
    assert [e["ticket"] for e in queue(sla_desk, hours=2)] == [mine]
    assert [e["ticket"] for e in queue(sla_desk, hours=2, account=sla_desk.supervisor)] == [theirs]
    assert {e["ticket"] for e in queue(sla_desk, hours=2, assignee="all")} == {mine, theirs}
    # The agent can take the supervisor's callback by name.
    handed = client.post(
        f"/api/v1/tickets/{theirs}/callbacks",
        json={"due_at": due, "staff_id": sla_desk.agent.id},
        headers=sla_desk.supervisor.headers,
    ).json()
    assert [e["ticket"] for e in queue(sla_desk, hours=2)] == [mine, theirs]
    cancelled = client.post(f"/api/v1/callbacks/{handed['id']}/cancel", headers=sla_desk.agent.headers)
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert (
        client.post(f"/api/v1/callbacks/{handed['id']}/cancel", headers=sla_desk.agent.headers).status_code
        == 409
    )
    assert [e["ticket"] for e in queue(sla_desk, hours=2)] == [mine]


def test_callbacks_refuse_the_past_and_done_tickets(sla_desk: SlaDesk) -> None:
    client = sla_desk.desk.client
    ref = sla_desk.ticket()["reference"]
    url = f"/api/v1/tickets/{ref}/callbacks"
    past = client.post(
        url, json={"due_at": (START - timedelta(minutes=5)).isoformat()}, headers=sla_desk.agent.headers
    )
    assert past.status_code == 422 and "future" in past.json()["error"]["message"]
    naive = client.post(url, json={"due_at": "2024-11-11T12:00:00"}, headers=sla_desk.agent.headers)
    assert naive.status_code == 422
    sla_desk.patch_ticket(ref, {"status": "resolved"})
    done = client.post(
        url, json={"due_at": (START + timedelta(hours=1)).isoformat()}, headers=sla_desk.agent.headers
    )
    assert done.status_code == 409 and "reopen" in done.json()["error"]["message"]
    with sla_desk.desk.database.session(read_only=True) as db:
        assert db.scalars(select(Callback)).all() == []
    too_often = client.put(
        f"/api/v1/tickets/{ref}/cadence", json={"interval_minutes": 1}, headers=sla_desk.agent.headers
    )
    assert too_often.status_code == 422
