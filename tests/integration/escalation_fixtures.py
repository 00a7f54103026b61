"""A staffed desk for the escalation tests: an agent under a supervisor under a manager, HR, and teams."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from calmdesk.audit.models import AuditEvent
from calmdesk.notify.models import OutboxMessage
from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk

GOALS = {
    "problem_goals": ["Agree a replacement lamp delivered by Friday"],
    "people_goals": ["The customer feels heard and trusts the Friday promise"],
}


@dataclass
class EscalationDesk:
    """The desk and its people."""

    desk: Desk
    admin: Account
    head: Account
    manager: Account
    supervisor: Account
    agent: Account
    hr: Account

    def ticket(self, **overrides: Any) -> str:
        """Opens a ticket assigned to the agent and returns its reference."""
        body = {"assignee_id": self.agent.id, **overrides}
        return str(self.desk.new_ticket(self.agent, **body)["reference"])

    def post(self, path: str, body: dict[str, Any] | None, account: Account) -> Any:
        """POSTs as ``account`` and returns the response."""
        return self.desk.client.post(f"/api/v1{path}", json=body, headers=account.headers)

    def get(self, path: str, account: Account, **params: Any) -> Any:
        """GETs as ``account`` and returns the JSON (asserting 200)."""
        response = self.desk.client.get(f"/api/v1{path}", params=params, headers=account.headers)
        assert response.status_code == 200, response.text
        return response.json()

    def reply(self, reference: str, body: str, account: Account | None = None) -> None:
        """A public reply on the ticket."""
        answer = self.post(f"/tickets/{reference}/messages", {"body": body}, account or self.agent)
        assert answer.status_code == 201, answer.text

    def customer_writes(self, reference: str, body: str) -> None:
        """The customer writes through their portal link."""
        link = self.post(f"/tickets/{reference}/portal-links", None, self.agent).json()
        answer = self.desk.client.post(f"/api/v1/portal/{link['token']}/messages", json={"body": body})
        assert answer.status_code == 201, answer.text

    def audit_actions(self, ticket_id: int) -> list[str]:
        """The audit log's actions on a ticket, oldest first."""
        with self.desk.database.session(read_only=True) as db:
            query = (
                select(AuditEvent.action)
                .where(AuditEvent.entity_type == "ticket", AuditEvent.entity_id == ticket_id)
                .order_by(AuditEvent.id)
            )
            return list(db.scalars(query))

    def queued(self, staff_id: int) -> list[str]:
        """The titles of notifications queued for a staff member, oldest first."""
        with self.desk.database.session(read_only=True) as db:
            query = select(OutboxMessage).where(OutboxMessage.staff_id == staff_id).order_by(OutboxMessage.id)
            return [str(row.payload["title"]) for row in db.scalars(query)]

    def team(self, name: str, skills: list[str], members: list[Account]) -> int:
        """Creates a team and puts ``members`` in it."""
        created = self.desk.client.post(
            "/api/v1/teams", json={"name": name, "skills": skills}, headers=self.admin.headers
        )
        assert created.status_code == 201, created.text
        team_id = int(created.json()["id"])
        for member in members:
            current = self.desk.client.get(f"/api/v1/staff/{member.id}", headers=self.admin.headers)
            teams = [t["id"] for t in current.json()["teams"]] + [team_id]
            patched = self.desk.client.patch(
                f"/api/v1/staff/{member.id}",
                json={"team_ids": teams},
                headers={**self.admin.headers, "If-Match": current.headers["etag"]},
            )
            assert patched.status_code == 200, patched.text
        return team_id


@pytest.fixture
def esc_desk(desk: Desk) -> EscalationDesk:
    """The desk's people: agent → supervisor → manager → Head of Operations, and an HR manager."""
    admin = desk.account(Role.ADMIN)
    head = desk.account(Role.HEAD_OF_OPERATIONS, name="Hana Head")
    manager = desk.account(Role.MANAGER, reports_to=head.id, name="Mina Manager")
    supervisor = desk.account(Role.SUPERVISOR, reports_to=manager.id, name="Sam Supervisor")
    agent = desk.account(Role.AGENT, reports_to=supervisor.id, name="Ada Agent")
    hr = desk.account(Role.HR_MANAGER, reports_to=head.id, name="Rita Resources")
    return EscalationDesk(desk, admin, head, manager, supervisor, agent, hr)
