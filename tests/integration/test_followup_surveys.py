"""Satisfaction surveys after resolution: the invitation, the one-time link, poor ratings."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import time_machine
from sqlalchemy import select

from calmdesk.clock import utcnow
from calmdesk.followup.models import Survey
from calmdesk.notify.models import OutboxMessage
from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk

ANGRY = "This is ridiculous, I am furious. Third time I've asked and still nothing works!"


def invitations(desk: Desk) -> list[OutboxMessage]:
    with desk.database.session(read_only=True) as db:
        query = select(OutboxMessage).where(OutboxMessage.topic == "survey.invite").order_by(OutboxMessage.id)
        return list(db.scalars(query))


def token_of(row: OutboxMessage) -> str:
    match = re.search(r"/survey/(cdv_[A-Za-z0-9_-]+)", row.payload["text"])
    assert match is not None, row.payload["text"]
    return match.group(1)


def resolved_ticket(desk: Desk, agent: Account, **overrides: Any) -> tuple[dict[str, Any], str]:
    ticket = desk.new_ticket(agent, assignee_id=agent.id, **overrides)
    url = f"/api/v1/tickets/{ticket['reference']}"
    assert (
        desk.client.post(
            f"{url}/messages",
            json={"kind": "note", "body": "customer is a chargeback risk"},
            headers=agent.headers,
        ).status_code
        == 201
    )
    done = desk.client.post(
        f"{url}/messages",
        json={"body": "A new lamp is on its way.", "status": "resolved"},
        headers=agent.headers,
    )
    assert done.status_code == 201, done.text
    return ticket, token_of(invitations(desk)[-1])


def test_resolving_emails_a_survey_whose_link_shows_only_the_public_thread(desk: Desk) -> None:
    agent = desk.account()
    ticket, token = resolved_ticket(desk, agent)
    [invite] = invitations(desk)
    assert invite.channel == "customer" and invite.ticket_id == ticket["id"] and invite.staff_id is None
    assert invite.payload["to"] == ticket["customer"]["email"]
    assert invite.payload["name"] == ticket["customer"]["name"] and invite.payload["message_id"] is None
    assert ticket["subject"] in invite.payload["subject"]
    assert invite.dedupe_key.startswith("survey.invite:")
    with desk.database.session(read_only=True) as db:
        [survey] = db.scalars(select(Survey)).all()
        # Only the hash is stored, never the token itself.
        assert len(survey.token_hash) == 64 and token not in survey.token_hash
    view = desk.client.get(f"/api/v1/surveys/public/{token}")
    assert view.status_code == 200, view.text
    body = view.json()
    assert body["reference"] == ticket["reference"] and body["status"] == "resolved"
    assert [m["author_kind"] for m in body["messages"]] == ["customer", "agent"]
    assert "chargeback" not in view.text
    assert set(body) == {"reference", "subject", "status", "expires_at", "messages"}


def test_the_link_takes_one_answer_then_refuses(desk: Desk) -> None:
    agent = desk.account()
    ticket, token = resolved_ticket(desk, agent)
    url = f"/api/v1/surveys/public/{token}"
    answered = desk.client.post(url, json={"rating": 5, "comment": "  Lovely\x00 service\x07  "})
    assert answered.status_code == 200 and answered.json() == {"rating": 5, "reopened": False}
    again = desk.client.post(url, json={"rating": 1, "comment": "changed my mind"})
    assert again.status_code == 410 and again.json()["error"]["code"] == "survey_answered"
    assert desk.client.get(url).status_code == 410
    state = desk.client.get(f"/api/v1/tickets/{ticket['reference']}", headers=agent.headers).json()
    assert state["status"] == "resolved"
    with desk.database.session(read_only=True) as db:
        [survey] = db.scalars(select(Survey)).all()
        # Kept as plain text (escaped wherever it is shown), with control characters dropped.
        assert survey.rating == 5 and survey.comment == "Lovely service"


def test_a_poor_rating_reopens_the_ticket_and_alerts_the_agents_supervisor(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    desk.account(Role.SUPERVISOR)  # another team's supervisor hears nothing
    agent = desk.account(reports_to=supervisor.id)
    ticket, token = resolved_ticket(desk, agent, message={"body": ANGRY})
    answered = desk.client.post(
        f"/api/v1/surveys/public/{token}", json={"rating": 2, "comment": "Not fixed."}
    )
    assert answered.status_code == 200 and answered.json()["reopened"] is True
    state = desk.client.get(f"/api/v1/tickets/{ticket['reference']}", headers=agent.headers).json()
    assert state["status"] == "open"
    with desk.database.session(read_only=True) as db:
        alerts = db.scalars(select(OutboxMessage).where(OutboxMessage.topic == "survey.poor_rating")).all()
        assert [(a.channel, a.staff_id, a.ticket_id) for a in alerts] == [
            ("in_app", supervisor.id, ticket["id"])
        ]
        assert "2/5" in alerts[0].payload["title"] and "Not fixed." in alerts[0].payload["body"]
    results = desk.client.get("/api/v1/surveys", params={"rating_max": 2}, headers=supervisor.headers)
    assert results.status_code == 200, results.text
    [result] = results.json()["items"]
    assert result["ticket"] == ticket["reference"] and result["rating"] == 2 and result["reopened"] is True
    # The rating is kept beside how the customer felt at the end of the last contact.
    assert result["mood_at_end"] is not None and result["mood_at_end"] < 0
    assert result["mood"] in ("upset", "unhappy") and result["agent_id"] == agent.id
    assert desk.client.get("/api/v1/surveys", headers=agent.headers).status_code == 403


def test_expired_and_guessed_links_open_nothing(desk: Desk) -> None:
    agent = desk.account()
    _, token = resolved_ticket(desk, agent)
    assert desk.client.get("/api/v1/surveys/public/cdv_guess").status_code == 404
    assert desk.client.get(f"/api/v1/surveys/public/{token[:-1]}x").status_code in (404, 410)
    with time_machine.travel(utcnow() + timedelta(days=15)):
        gone = desk.client.get(f"/api/v1/surveys/public/{token}")
        assert gone.status_code == 410 and gone.json()["error"]["code"] == "survey_expired"
        late = desk.client.post(f"/api/v1/surveys/public/{token}", json={"rating": 4})
        assert late.status_code == 410
    with desk.database.session(read_only=True) as db:
        assert db.scalars(select(Survey.rating)).all() == [None]


def test_resolving_again_retires_the_older_link(desk: Desk) -> None:
    agent = desk.account()
    ticket, first = resolved_ticket(desk, agent)
    url = f"/api/v1/tickets/{ticket['reference']}"
    for status in ("open", "resolved"):
        assert desk.client.patch(url, json={"status": status}, headers=agent.headers).status_code == 200
    second = token_of(invitations(desk)[-1])
    assert second != first and len(invitations(desk)) == 2
    assert desk.client.get(f"/api/v1/surveys/public/{first}").status_code == 410
    assert desk.client.get(f"/api/v1/surveys/public/{second}").status_code == 200
    # An out-of-range rating is refused and leaves the link usable.
    assert desk.client.post(f"/api/v1/surveys/public/{second}", json={"rating": 6}).status_code == 422
    assert desk.client.post(f"/api/v1/surveys/public/{second}", json={"rating": 4}).status_code == 200


def test_a_customer_without_an_email_address_gets_no_survey(desk: Desk) -> None:
    agent = desk.account()
    ticket = desk.new_ticket(
        agent, customer={"name": "Phone Only", "phone": "+44 1632 960111"}, channel="phone"
    )
    url = f"/api/v1/tickets/{ticket['reference']}"
    assert desk.client.patch(url, json={"status": "resolved"}, headers=agent.headers).status_code == 200
    assert invitations(desk) == []
    with desk.database.session(read_only=True) as db:
        assert db.scalars(select(Survey)).all() == []
