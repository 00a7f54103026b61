"""The ticket page's follow-up panel (cadence and callbacks) and its subject-matter experts."""

from __future__ import annotations

import re
from datetime import timedelta

from calmdesk.clock import utcnow
from calmdesk.followup.models import Callback, UpdateCadence
from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.kb_fixtures import write_all
from tests.integration.test_web_auth import browser, sign_in, signed_in


def _panel(page: str, start: str, end: str) -> str:
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


def test_the_ticket_page_shows_the_cadence_and_the_callbacks_still_owed(desk: Desk) -> None:
    client, agent = signed_in(desk)
    caller = desk.account(name="Cal Caller")
    ticket = desk.new_ticket(agent, subject="Line drops at night", assignee_id=agent.id)
    quiet = desk.new_ticket(agent, subject="Nothing promised")
    now = utcnow()
    with desk.database.unit_of_work() as db:
        db.add_all(
            [
                UpdateCadence(
                    ticket_id=ticket["id"], interval_minutes=240, next_due_at=now - timedelta(hours=1)
                ),
                Callback(
                    ticket_id=ticket["id"], due_at=now - timedelta(minutes=30), note="After the engineer"
                ),
                Callback(
                    ticket_id=ticket["id"],
                    due_at=now + timedelta(hours=3),
                    note="Check the line",
                    staff_id=caller.id,
                ),
                Callback(
                    ticket_id=ticket["id"],
                    due_at=now + timedelta(hours=1),
                    note="Withdrawn",
                    state="cancelled",
                ),
                Callback(
                    ticket_id=ticket["id"], due_at=now - timedelta(hours=2), note="Already rang", state="done"
                ),
            ]
        )
    page = client.get(f"/tickets/{ticket['reference']}").text
    panel = _panel(page, 'id="followup-panel"', "</section>")
    assert "An update every 4 h, chosen by an agent." in panel
    assert 'Next update <span class="sla-badge sla--breached">overdue</span> since' in panel
    owed = re.findall(r"<li[^>]*>(.*?)</li>", panel, flags=re.S)
    assert len(owed) == 2
    assert ">Overdue</span>" in owed[0] and "the assignee: After the engineer" in owed[0]
    assert "Overdue" not in owed[1] and "Cal Caller: Check the line" in owed[1]
    assert "Withdrawn" not in panel and "Already rang" not in panel

    other = _panel(client.get(f"/tickets/{quiet['reference']}").text, 'id="followup-panel"', "</section>")
    assert "No update cadence" in other and "No callback promised." in other


def test_the_suggested_articles_panel_names_the_subject_matter_experts(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    write_all(desk, admin)
    team = desk.client.post(
        "/api/v1/teams",
        json={"name": "Appliance fixers", "skills": ["washing-machine"]},
        headers=admin.headers,
    ).json()
    fixer = desk.account(name="Fixer Fiona")
    desk.client.patch(f"/api/v1/staff/{fixer.id}", json={"team_ids": [team["id"]]}, headers=admin.headers)
    solver = desk.account(name="Solver Sam")
    old = desk.new_ticket(
        admin,
        subject="Washer stuck on E21",
        message={"body": "Error E21 again, the drum is full of water and won't drain."},
    )
    done = desk.client.patch(
        f"/api/v1/tickets/{old['reference']}",
        json={"assignee_id": solver.id, "status": "resolved"},
        headers=admin.headers,
    )
    assert done.status_code == 200, done.text
    agent = desk.account(name="Ann Assignee")
    ticket = desk.new_ticket(
        admin,
        subject="E21 on my washing machine",
        message={"body": "It stops mid-cycle with E21 and water sits in the drum."},
        assignee_id=agent.id,
    )
    client = browser(desk)
    sign_in(client, agent)
    page = client.get(f"/tickets/{ticket['reference']}").text
    panel = _panel(page, 'data-panel="articles"', "</section>")
    experts = _panel(panel, 'id="experts-heading"', "</ul>")
    assert "Fixer Fiona" in experts and "washing-machine" in experts
    assert "Solver Sam" in experts and f'<a href="/tickets/{old["reference"]}" class="ref">' in experts
    # The ticket's own assignee is not offered as an expert on it, even when they would fit.
    desk.client.patch(f"/api/v1/staff/{agent.id}", json={"team_ids": [team["id"]]}, headers=admin.headers)
    again = _panel(client.get(f"/tickets/{ticket['reference']}").text, 'id="experts-heading"', "</ul>")
    assert "Fixer Fiona" in again and "Ann Assignee" not in again
    assert again.count('class="expert"') == experts.count('class="expert"')
