"""The callback queue page in the console."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from calmdesk.clock import utcnow
from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.test_followup_surveys import resolved_ticket
from tests.integration.test_web_auth import csrf_of, signed_in


def link(ticket: dict[str, Any]) -> str:
    return f'href="/tickets/{ticket["reference"]}"'


def test_my_day_lists_my_callbacks_with_what_the_customer_last_heard(desk: Desk) -> None:
    client, agent = signed_in(desk)
    other = desk.account()
    mine = desk.new_ticket(agent, assignee_id=agent.id, subject="Boiler <b>still</b> cold")
    theirs = desk.new_ticket(other, assignee_id=other.id, subject="Someone else's boiler")
    for ticket, account in ((mine, agent), (theirs, other)):
        url = f"/api/v1/tickets/{ticket['reference']}"
        desk.client.post(
            f"{url}/messages", json={"body": "An engineer visits on Tuesday."}, headers=account.headers
        )
        desk.client.post(
            f"{url}/messages", json={"kind": "note", "body": "parts on back order"}, headers=account.headers
        )
        due = (utcnow() + timedelta(hours=2)).isoformat()
        made = desk.client.post(
            f"{url}/callbacks", json={"due_at": due, "note": "after the visit"}, headers=account.headers
        )
        assert made.status_code == 201, made.text
    page = client.get("/callbacks")
    assert page.status_code == 200
    assert 'href="/callbacks"' in page.text  # in the navigation
    assert link(mine) in page.text and link(theirs) not in page.text
    assert "Phone back: after the visit" in page.text and "An engineer visits on Tuesday." in page.text
    assert "parts on back order" not in page.text  # the last thing the customer was told, not a note
    assert "Boiler &lt;b&gt;still&lt;/b&gt; cold" in page.text
    everyone = client.get("/callbacks?who=all")
    assert link(theirs) in everyone.text
    callback_id = re.search(r'action="/callbacks/(\d+)/cancel"', page.text)
    assert callback_id is not None
    refused = client.post(
        f"/callbacks/{callback_id.group(1)}/cancel", data={"csrf_token": "forged"}, follow_redirects=False
    )
    assert refused.status_code == 403
    cancelled = client.post(
        f"/callbacks/{callback_id.group(1)}/cancel",
        data={"csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert cancelled.status_code == 303
    assert link(mine) not in client.get("/callbacks").text


def test_my_day_needs_a_desk_role(desk: Desk) -> None:
    contractor, _ = signed_in(desk, Role.CONTRACTOR)
    assert contractor.get("/callbacks").status_code == 403
    assert 'href="/callbacks"' not in contractor.get("/account").text


def test_callbacks_and_cadences_can_be_set_from_the_queue_page(desk: Desk) -> None:
    client, agent = signed_in(desk)
    ticket = desk.new_ticket(agent, assignee_id=agent.id)
    ref = ticket["reference"]
    page = client.get("/callbacks")
    csrf = csrf_of(page.text)
    soon = (utcnow() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    made = client.post(
        "/callbacks",
        data={"csrf_token": csrf, "reference": ref, "due_at": soon, "note": "after lunch"},
        follow_redirects=False,
    )
    assert made.status_code == 303 and made.headers["location"] == "/callbacks?done=scheduled"
    listed = client.get(made.headers["location"])
    assert "Callback promised" in listed.text and "Phone back: after lunch" in listed.text
    [callback] = desk.client.get(f"/api/v1/tickets/{ref}/callbacks", headers=agent.headers).json()
    assert callback["staff_id"] == agent.id and callback["note"] == "after lunch"
    past = (utcnow() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post("/callbacks", data={"csrf_token": csrf, "reference": ref, "due_at": past})
    assert refused.status_code == 422 and "future" in refused.text
    unknown = client.post("/callbacks", data={"csrf_token": csrf, "reference": "CD-999999", "due_at": soon})
    assert unknown.status_code == 404 and "CD-999999" in unknown.text
    cadence = client.post(
        "/callbacks/cadence",
        data={"csrf_token": csrf, "cadence_reference": ref, "hours": "1.5"},
        follow_redirects=False,
    )
    assert cadence.status_code == 303
    read = desk.client.get(f"/api/v1/tickets/{ref}/cadence", headers=agent.headers).json()
    assert read["source"] == "agent" and read["interval_minutes"] == 90
    silly = client.post(
        "/callbacks/cadence", data={"csrf_token": csrf, "cadence_reference": ref, "hours": "0.01"}
    )
    assert silly.status_code == 422 and "quarter of an hour" in silly.text
    assert (
        desk.client.get(f"/api/v1/tickets/{ref}/cadence", headers=agent.headers).json()["interval_minutes"]
        == 90
    )
    cleared = client.post(
        "/callbacks/cadence",
        data={"csrf_token": csrf, "cadence_reference": ref, "hours": ""},
        follow_redirects=False,
    )
    assert cleared.status_code == 303
    assert desk.client.get(f"/api/v1/tickets/{ref}/cadence", headers=agent.headers).json()["source"] == "none"


def test_supervisors_read_survey_results_in_the_console(desk: Desk) -> None:
    lead, supervisor = signed_in(desk, Role.SUPERVISOR)
    agent = desk.account(reports_to=supervisor.id)
    ticket, token = resolved_ticket(desk, agent)
    answer = {"rating": 2, "comment": "<script>alert(1)</script> nobody called back"}
    assert desk.client.post(f"/api/v1/surveys/public/{token}", json=answer).status_code == 200
    page = lead.get("/surveys")
    assert page.status_code == 200 and 'href="/surveys"' in page.text
    assert link(ticket) in page.text and "2 / 5" in page.text and "Reopened" in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; nobody called back" in page.text
    assert "<script>alert(1)" not in page.text
    happy, happy_token = resolved_ticket(desk, agent)
    assert desk.client.post(f"/api/v1/surveys/public/{happy_token}", json={"rating": 5}).status_code == 200
    assert link(happy) in lead.get("/surveys").text
    poor = lead.get("/surveys?poor=1")
    assert link(ticket) in poor.text and link(happy) not in poor.text
    client, _agent = signed_in(desk)
    assert client.get("/surveys").status_code == 403
    assert 'href="/surveys"' not in client.get("/callbacks").text
