"""Shared set-up for the SLA and notification tests: a configured desk, a clock to travel, a worker."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import func, select

from calmdesk.config import Settings
from calmdesk.notify.models import OutboxMessage
from calmdesk.sla.calendar import WEEKDAY_KEYS
from calmdesk.sla.models import SlaEvent
from calmdesk.staff.roles import Role
from calmdesk.worker import Worker
from tests.integration.conftest import Account, Desk

# Monday 11 November 2024, 09:00 UTC (09:00 in London too: GMT).
START = datetime(2024, 11, 11, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
ALWAYS_OPEN = {"time_zone": "UTC", "weekly": {key: ["00:00-24:00"] for key in WEEKDAY_KEYS}}
LONDON_OFFICE = {
    "time_zone": "Europe/London",
    "weekly": {key: ["09:00-17:30"] for key in WEEKDAY_KEYS[:5]},
    "holidays": {"country": "GB", "subdivision": "ENG"},
}


@dataclass
class SlaDesk:
    """A desk with an admin, a supervisor over an agent, a manager, and SLA configuration helpers."""

    desk: Desk
    admin: Account
    manager: Account
    supervisor: Account
    agent: Account
    traveller: time_machine.Traveller

    def at(self, minutes: float) -> datetime:
        """Moves the clock to ``minutes`` after START and returns that instant."""
        moment = START + timedelta(minutes=minutes)
        self.traveller.move_to(moment)
        return moment

    def post(self, path: str, body: dict[str, Any], account: Account | None = None) -> dict[str, Any]:
        """POSTs as ``account`` (default: the admin) and returns the created JSON."""
        response = self.desk.client.post(path, json=body, headers=(account or self.admin).headers)
        assert response.status_code in (200, 201), response.text
        return dict(response.json())

    def configure(
        self,
        *,
        targets: list[dict[str, Any]],
        levels: list[dict[str, Any]] | None = None,
        calendar: dict[str, Any] | None = None,
        name: str = "Standard",
        conditions: dict[str, Any] | None = None,
        position: int = 100,
        is_default: bool = True,
    ) -> dict[str, Any]:
        """Creates a calendar, an optional chain and a policy through the admin API."""
        calendar_row = self.post(
            "/api/v1/sla/calendars", {"name": f"{name} hours", "definition": calendar or ALWAYS_OPEN}
        )
        chain_id = None
        if levels is not None:
            chain_id = self.post("/api/v1/sla/chains", {"name": f"{name} chain", "levels": levels})["id"]
        return self.post(
            "/api/v1/sla/policies",
            {
                "name": name,
                "position": position,
                "is_default": is_default,
                "conditions": conditions or {},
                "calendar_id": calendar_row["id"],
                "escalation_chain_id": chain_id,
                "targets": targets,
            },
        )

    def ticket(self, **overrides: Any) -> dict[str, Any]:
        """Opens a ticket assigned to the agent (unless overridden)."""
        return self.desk.new_ticket(self.agent, **{"assignee_id": self.agent.id, **overrides})

    def sla(self, reference: str) -> dict[str, Any]:
        """Reads the ticket's SLA."""
        response = self.desk.client.get(f"/api/v1/tickets/{reference}/sla", headers=self.agent.headers)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def clock(self, reference: str, kind: str) -> dict[str, Any]:
        """One clock of the ticket's SLA."""
        return next(c for c in self.sla(reference)["clocks"] if c["kind"] == kind)

    def patch_ticket(self, reference: str, body: dict[str, Any]) -> dict[str, Any]:
        """Changes a ticket as the agent."""
        response = self.desk.client.patch(
            f"/api/v1/tickets/{reference}", json=body, headers=self.agent.headers
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    def reply(self, reference: str, **body: Any) -> None:
        """Posts a public reply (or another staff entry) as the agent."""
        response = self.desk.client.post(
            f"/api/v1/tickets/{reference}/messages",
            json={"body": "Thanks, we are on it.", **body},
            headers=self.agent.headers,
        )
        assert response.status_code == 201, response.text

    def settings(self, **overrides: Any) -> Settings:
        """Settings for a worker on this desk's database."""
        values: dict[str, Any] = {"environment": "test", "database_url": self.desk.database.url}
        return Settings(**{**values, **overrides})

    def worker(self, **overrides: Any) -> Worker:
        """A worker on this desk's database (close it after use)."""
        return Worker(self.desk.database, self.settings(**overrides), rand=lambda: 0.0)

    def events(self) -> list[tuple[str, str, int, str, int]]:
        """Every SLA event as (ticket reference, clock, cycle, event, level), in insertion order."""
        with self.desk.database.session(read_only=True) as db:
            rows = db.execute(
                select(
                    SlaEvent.ticket_id, SlaEvent.clock_kind, SlaEvent.cycle, SlaEvent.event, SlaEvent.level
                ).order_by(SlaEvent.id)
            ).all()
        return [(f"CD-{t}", k, c, e, lv) for t, k, c, e, lv in rows]

    def outbox_count(self) -> int:
        """How many notifications were queued."""
        with self.desk.database.session(read_only=True) as db:
            return int(db.scalar(select(func.count()).select_from(OutboxMessage)) or 0)

    def notifications(self, account: Account) -> list[dict[str, Any]]:
        """The account's in-app notifications, newest first."""
        response = self.desk.client.get("/api/v1/notifications", headers=account.headers)
        assert response.status_code == 200, response.text
        return list(response.json()["items"])


@pytest.fixture
def sla_desk(desk: Desk) -> Iterator[SlaDesk]:
    """A staffed desk whose clock stands still at START until a test moves it."""
    with time_machine.travel(START, tick=False) as traveller:
        admin = desk.account(Role.ADMIN)
        manager = desk.account(Role.MANAGER, name="Mina Manager")
        supervisor = desk.account(Role.SUPERVISOR, reports_to=manager.id, name="Sam Supervisor")
        agent = desk.account(Role.AGENT, reports_to=supervisor.id, name="Ada Agent")
        yield SlaDesk(desk, admin, manager, supervisor, agent, traveller)
