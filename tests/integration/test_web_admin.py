"""Admin pages: staff, teams and roles, for admins only, with errors next to the field."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from calmdesk.audit.models import AuditEvent
from calmdesk.staff.models import Staff, Team
from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.test_web_auth import csrf_of, signed_in, version_of

ADMIN_PAGES = ("/admin", "/admin/staff", "/admin/teams", "/admin/roles")


@pytest.mark.parametrize("role", [Role.AGENT, Role.SUPERVISOR, Role.HEAD_OF_OPERATIONS, Role.CONTRACTOR])
def test_everyone_but_admins_gets_the_403_page(desk: Desk, role: Role) -> None:
    client, _account = signed_in(desk, role)
    token = csrf_of(client.get("/account").text)
    for path in ADMIN_PAGES:
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 403, path
        assert answer.headers["content-type"].startswith("text/html")
        assert "You don't have access to this" in html.unescape(answer.text)
    refused = client.post("/admin/teams", data={"csrf_token": token, "name": "Shadow team"})
    assert refused.status_code == 403
    with desk.database.session() as db:
        assert db.scalars(select(Team).where(Team.name == "Shadow team")).first() is None


def test_an_admin_adds_a_team_after_fixing_the_fields_the_form_points_at(desk: Desk) -> None:
    client, admin = signed_in(desk, Role.ADMIN)
    page = client.get("/admin/teams")
    token = csrf_of(page.text)
    invalid = client.post(
        "/admin/teams",
        data={"csrf_token": token, "name": "", "skills": "billing Refunds!", "description": "x"},
    )
    assert invalid.status_code == 422
    assert 'id="name-error">Required.' in invalid.text
    assert re.search(r'id="skills-error">Use 1-50 lowercase letters', invalid.text)
    assert 'aria-describedby="skills-hint skills-error"' in invalid.text
    assert 'value="billing Refunds!"' in invalid.text  # what was typed is kept
    created = client.post(
        "/admin/teams",
        data={"csrf_token": token, "name": "Billing", "skills": "billing, refunds", "description": "Money"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    listed = client.get(created.headers["location"])
    assert "Team saved." in listed.text and "refunds" in listed.text
    duplicate = client.post("/admin/teams", data={"csrf_token": token, "name": "Billing"})
    assert duplicate.status_code == 409 and 'id="name-error">Team' in duplicate.text
    with desk.database.session() as db:
        team = db.scalars(select(Team).where(Team.name == "Billing")).one()
        assert team.skill_names == ["billing", "refunds"]
        audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "team.created")).one()
        assert audit.actor_id == admin.id


def test_a_team_edit_based_on_an_old_version_is_refused(desk: Desk) -> None:
    client, admin = signed_in(desk, Role.ADMIN)
    team = desk.client.post("/api/v1/teams", json={"name": "Legal"}, headers=admin.headers).json()
    form = client.get(f"/admin/teams/{team['id']}")
    moved = desk.client.patch(
        f"/api/v1/teams/{team['id']}", json={"description": "Contracts"}, headers=admin.headers
    )
    assert moved.status_code == 200
    stale = client.post(
        f"/admin/teams/{team['id']}",
        data={"csrf_token": csrf_of(form.text), "version": version_of(form.text), "name": "Lawyers"},
    )
    assert stale.status_code == 409 and "Someone changed this team" in stale.text
    fresh = client.post(
        f"/admin/teams/{team['id']}",
        data={
            "csrf_token": csrf_of(form.text),
            "version": version_of(stale.text),
            "name": "Lawyers",
            "skills": "legal",
        },
        follow_redirects=False,
    )
    assert fresh.status_code == 303
    read = desk.client.get(f"/api/v1/teams/{team['id']}", headers=admin.headers).json()
    assert read["name"] == "Lawyers" and read["skills"] == ["legal"]


def test_an_admin_adds_and_changes_staff_with_errors_next_to_the_fields(desk: Desk) -> None:
    client, admin = signed_in(desk, Role.ADMIN)
    lead = desk.account(Role.SUPERVISOR)
    team = desk.client.post("/api/v1/teams", json={"name": "Technical"}, headers=admin.headers).json()
    page = client.get("/admin/staff")
    token = csrf_of(page.text)
    base = {"csrf_token": token, "name": "Tomás Ruiz", "role": "agent", "team_ids": [str(team["id"])]}
    bad = client.post("/admin/staff", data={**base, "email": "not-an-address", "password": "short"})
    assert bad.status_code == 422 and 'id="email-error">' in bad.text
    short = client.post("/admin/staff", data={**base, "email": "tomas@example.com", "password": "short"})
    assert short.status_code == 422 and 'id="password-error">A password needs at least 10' in short.text
    taken = client.post("/admin/staff", data={**base, "email": lead.email})
    assert taken.status_code == 409 and 'id="email-error">A staff member already uses' in taken.text
    created = client.post(
        "/admin/staff",
        data={**base, "email": "tomas@example.com", "password": "a long password", "reports_to_id": lead.id},
        follow_redirects=False,
    )
    assert created.status_code == 303
    with desk.database.session() as db:
        tomas = db.scalars(select(Staff).where(Staff.email == "tomas@example.com")).one()
        assert tomas.reports_to_id == lead.id and [t.id for t in tomas.teams] == [team["id"]]
    form = client.get(f"/admin/staff/{tomas.id}")
    assert "Tomás Ruiz" in form.text
    # Making the supervisor report to Tomás would close a loop in the chain.
    lead_form = client.get(f"/admin/staff/{lead.id}")
    loop = client.post(
        f"/admin/staff/{lead.id}",
        data={
            "csrf_token": token,
            "version": version_of(lead_form.text),
            "name": "Lead",
            "email": lead.email,
            "role": "supervisor",
            "is_active": "on",
            "reports_to_id": str(tomas.id),
        },
    )
    assert loop.status_code == 422 and 'id="reports_to_id-error">That reports-to link' in loop.text
    disabled = client.post(
        f"/admin/staff/{tomas.id}",
        data={
            "csrf_token": token,
            "version": version_of(form.text),
            "name": "Tomás Ruiz",
            "email": "tomas@example.com",
            "role": "supervisor",
        },
        follow_redirects=False,
    )
    assert disabled.status_code == 303
    read = desk.client.get(f"/api/v1/staff/{tomas.id}", headers=admin.headers).json()
    assert read["role"] == "supervisor" and read["is_active"] is False and read["teams"] == []
    assert read["reports_to_id"] is None


def test_the_roles_page_shows_the_permission_table(desk: Desk) -> None:
    client, _admin = signed_in(desk, Role.ADMIN)
    page = client.get("/admin/roles")
    assert page.status_code == 200
    rows = re.findall(r"<code>([a-z_:]+)</code>", page.text)
    assert "staff:manage" in rows and "tickets:write" in rows
    manage_row = page.text.split("<code>staff:manage</code>")[1].split("</tr>")[0]
    # Only the admin column (the 6th role) holds a tick for managing staff.
    assert manage_row.count('aria-label="yes"') == 1
