"""Each ticket's suggestions: the articles most likely to solve it and the colleagues who know the subject."""

from __future__ import annotations

from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.kb_fixtures import write_all


def test_a_ticket_gets_its_articles_and_experts_by_skill_and_by_solved_tickets(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    ids = write_all(desk, admin)
    team = desk.client.post(
        "/api/v1/teams",
        json={"name": "Appliance fixers", "skills": ["washing-machine", "repair"]},
        headers=admin.headers,
    ).json()
    billing = desk.client.post(
        "/api/v1/teams", json={"name": "Money", "skills": ["refunds"]}, headers=admin.headers
    ).json()
    fixer = desk.account(name="Fixer Fiona")
    desk.client.patch(f"/api/v1/staff/{fixer.id}", json={"team_ids": [team["id"]]}, headers=admin.headers)
    refunder = desk.account(name="Refund Rory")
    desk.client.patch(
        f"/api/v1/staff/{refunder.id}", json={"team_ids": [billing["id"]]}, headers=admin.headers
    )
    solver = desk.account(name="Solver Sam")
    for subject, body, who in (
        ("Washer stuck on E21", "Error E21 again, the drum is full of water and won't drain.", solver),
        ("Refund still missing", "My refund for the returned kettle has not arrived.", refunder),
    ):
        old = desk.new_ticket(admin, subject=subject, message={"body": body})
        moved = desk.client.patch(
            f"/api/v1/tickets/{old['reference']}",
            json={"assignee_id": who.id, "status": "resolved"},
            headers=admin.headers,
        )
        assert moved.status_code == 200, moved.text
    ticket = desk.new_ticket(
        admin,
        subject="E21 on my washing machine",
        message={"body": "It stops mid-cycle with E21 and water sits in the drum."},
    )
    agent = desk.account()
    response = desk.client.get(f"/api/v1/tickets/{ticket['reference']}/suggestions", headers=agent.headers)
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["method"] == "keyword"
    assert found["articles"][0]["article"]["id"] == ids["e21"]
    experts = {e["staff"]["name"]: e for e in found["experts"]}
    # Fiona's team covers the washing-machine tag of the best article; Sam fixed the same fault.
    assert "washing-machine" in experts["Fixer Fiona"]["skills"]
    assert experts["Solver Sam"]["solved"] and experts["Solver Sam"]["skills"] == []
    assert "Refund Rory" not in experts  # neither his skills nor his solved ticket fit
    assert next(iter(experts)) in ("Fixer Fiona", "Solver Sam")


def test_suggestions_skip_drafts_and_unknown_tickets(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    draft = desk.client.post(
        "/api/v1/articles",
        json={
            "title": "Washing machine E21 draining",
            "body": "Clean the pump filter.",
            "is_published": False,
        },
        headers=supervisor.headers,
    )
    assert draft.status_code == 201
    ticket = desk.new_ticket(supervisor, subject="E21 washing machine", message={"body": "E21 draining"})
    found = desk.client.get(f"/api/v1/tickets/{ticket['reference']}/suggestions", headers=supervisor.headers)
    assert found.json()["articles"] == []
    missing = desk.client.get("/api/v1/tickets/CD-999999/suggestions", headers=supervisor.headers)
    assert missing.status_code == 404
