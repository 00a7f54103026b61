"""The callback queue page in the console."""

from __future__ import annotations

import re
from datetime import timedelta

from calmdesk.clock import utcnow
from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.test_web_auth import csrf_of, signed_in


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
    assert mine["reference"] in page.text and theirs["reference"] not in page.text
    assert "Phone back: after the visit" in page.text and "An engineer visits on Tuesday." in page.text
    assert "parts on back order" not in page.text  # the last thing the customer was told, not a note
    assert "Boiler &lt;b&gt;still&lt;/b&gt; cold" in page.text
    everyone = client.get("/callbacks?who=all")
    assert theirs["reference"] in everyone.text
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
    assert mine["reference"] not in client.get("/callbacks").text


def test_my_day_needs_a_desk_role(desk: Desk) -> None:
    contractor, _ = signed_in(desk, Role.CONTRACTOR)
    assert contractor.get("/callbacks").status_code == 403
    assert 'href="/callbacks"' not in contractor.get("/account").text
