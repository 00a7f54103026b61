"""The customer's survey page through a real HTTP server (uvicorn on a loopback port) with httpx."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
from pydantic import SecretStr
from sqlalchemy import select, update

from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.clock import utcnow
from calmdesk.db import Database
from calmdesk.followup.models import Survey
from calmdesk.notify.models import OutboxMessage
from calmdesk.staff import service as staff_service
from calmdesk.staff.roles import Role
from calmdesk.staff.schemas import StaffCreate
from tests.integration.conftest import live_server  # noqa: F401 - the uvicorn fixture

SECRET_NOTE = "internal: customer is a known chargeback risk"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _staff(database: Database, role: Role, email: str, reports_to: int | None = None) -> tuple[int, str]:
    with database.unit_of_work() as db:
        staff = staff_service.create(
            db,
            staff_in=StaffCreate(
                name=f"{role.value.title()} Person",
                email=email,
                role=role,
                reports_to_id=reports_to,
                password=SecretStr("correct horse battery"),
            ),
            actor=SYSTEM,
        )
        return staff.id, auth_service.create_api_token(db, staff=staff, name="e2e", actor=SYSTEM).token


def _resolved_ticket(client: httpx.Client, headers: dict[str, str], agent_id: int, n: int) -> dict[str, Any]:
    ticket = client.post(
        "/api/v1/tickets",
        json={
            "subject": f"Router {n} keeps dropping the line",
            "customer": {"name": f"Casey {n}", "email": f"casey{n}@example.com"},
            "message": {"body": "The internet drops every evening, please help."},
            "channel": "email",
            "assignee_id": agent_id,
        },
        headers=headers,
    )
    assert ticket.status_code == 201, ticket.text
    url = f"/api/v1/tickets/{ticket.json()['reference']}/messages"
    assert client.post(url, json={"kind": "note", "body": SECRET_NOTE}, headers=headers).status_code == 201
    done = client.post(
        url,
        json={"body": "We replaced the line card; it should hold now.", "status": "resolved"},
        headers=headers,
    )
    assert done.status_code == 201, done.text
    return dict(ticket.json())


def _token(database: Database, ticket_id: int) -> str:
    with database.session(read_only=True) as db:
        row = db.scalars(
            select(OutboxMessage).where(
                OutboxMessage.topic == "survey.invite", OutboxMessage.ticket_id == ticket_id
            )
        ).one()
    match = re.search(r"/survey/(cdv_[A-Za-z0-9_-]+)", row.payload["text"])
    assert match is not None
    return match.group(1)


def test_survey_page_over_http(live_server: str, database: Database) -> None:  # noqa: F811 - the fixture
    supervisor_id, _ = _staff(database, Role.SUPERVISOR, "lead@desk.example.com")
    agent_id, token = _staff(database, Role.AGENT, "agent@desk.example.com", reports_to=supervisor_id)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=live_server, timeout=10) as client:
        ticket = _resolved_ticket(client, headers, agent_id, 1)
        survey_token = _token(database, ticket["id"])
        page = client.get(f"/survey/{survey_token}")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert ticket["subject"] in page.text and "We replaced the line card" in page.text
        assert "The internet drops every evening" in page.text
        # Internal notes never reach the customer's page.
        assert "chargeback" not in page.text and SECRET_NOTE not in page.text
        csrf = _CSRF.search(page.text)
        assert csrf is not None
        form_url = f"/survey/{survey_token}"

        forged = client.post(form_url, data={"rating": "1", "comment": "forged"})
        assert forged.status_code == 403
        missing = client.post(form_url, data={"csrf_token": csrf.group(1), "comment": "no rating"})
        assert missing.status_code == 422 and "Choose a rating" in missing.text

        sent = client.post(
            form_url, data={"csrf_token": csrf.group(1), "rating": "1", "comment": "Still <b>dropping</b>."}
        )
        assert sent.status_code == 303 and sent.headers["location"] == "/survey/thanks?reopened=1"
        thanks = client.get(sent.headers["location"])
        assert thanks.status_code == 200 and "reopened your request" in thanks.text

        # A low rating reopened the ticket and alerted the agent's supervisor in-app.
        state = client.get(f"/api/v1/tickets/{ticket['reference']}", headers=headers).json()
        assert state["status"] == "open"
        with database.session(read_only=True) as db:
            alerts = db.execute(
                select(OutboxMessage.channel, OutboxMessage.staff_id).where(
                    OutboxMessage.topic == "survey.poor_rating"
                )
            ).all()
            [survey] = db.scalars(select(Survey)).all()
        assert [tuple(a) for a in alerts] == [("in_app", supervisor_id)]
        assert survey.rating == 1 and survey.comment == "Still <b>dropping</b>."

        # The link is used up: reading or answering again is refused with a clear page.
        reused = client.get(form_url)
        assert reused.status_code == 410 and "already been answered" in reused.text
        assert "We replaced the line card" not in reused.text
        again = client.post(form_url, data={"csrf_token": csrf.group(1), "rating": "5"})
        assert again.status_code == 410
        with database.session(read_only=True) as db:
            assert db.scalar(select(Survey.rating)) == 1


def test_expired_and_unknown_survey_links_over_http(live_server: str, database: Database) -> None:  # noqa: F811
    agent_id, token = _staff(database, Role.AGENT, "agent2@desk.example.com")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=live_server, timeout=10) as client:
        ticket = _resolved_ticket(client, headers, agent_id, 2)
        survey_token = _token(database, ticket["id"])
        assert client.get(f"/survey/{survey_token}").status_code == 200
        with database.unit_of_work() as db:
            db.execute(update(Survey).values(expires_at=utcnow() - timedelta(minutes=1)))
        expired = client.get(f"/survey/{survey_token}")
        assert expired.status_code == 410 and "has expired" in expired.text
        assert ticket["subject"] not in expired.text and "line card" not in expired.text
        late = client.post(f"/survey/{survey_token}", data={"rating": "5"})
        assert late.status_code == 410
        unknown = client.get("/survey/cdv_not-a-real-token")
        assert unknown.status_code == 404 and "text/html" in unknown.headers["content-type"]
        api = client.get(f"/api/v1/surveys/public/{survey_token}")
        assert api.status_code == 410 and api.json()["error"]["code"] == "survey_expired"
