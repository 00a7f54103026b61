"""Shortcuts for contractor tests: contractors with pay terms, customers, appointments, upsells."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk

_serial = itertools.count(1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A UTC instant on ``day``; UK time is UTC or UTC+1, so hours up to 22 stay on that local day."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


class ContractorDesk:
    """The desk, driven by an admin who sets up contractors and books their work."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.client = desk.client
        self.admin = desk.account(Role.ADMIN)
        self._customer_id: int | None = None

    def contractor(
        self, *, reports_to: int | None = None, rate: str = "13.75", since: str = "2026-01-01", name: str = ""
    ) -> Account:
        """A contractor account with pay terms (a rate from ``since``)."""
        account = self.desk.account(Role.CONTRACTOR, reports_to=reports_to, name=name or None)
        body = {"staff_id": account.id, "hourly_rate": rate, "rate_effective_from": since}
        response = self.client.post("/api/v1/contractors", json=body, headers=self.admin.headers)
        assert response.status_code == 201, response.text
        return account

    def customer(self, name: str | None = None) -> int:
        """A customer's id (one shared customer unless a name is given)."""
        if name is None and self._customer_id is not None:
            return self._customer_id
        n = next(_serial)
        body = {"name": name or f"Household {n}", "email": f"household{n}@example.com"}
        response = self.client.post("/api/v1/customers", json=body, headers=self.admin.headers)
        assert response.status_code == 201, response.text
        if name is None:
            self._customer_id = response.json()["id"]
        return int(response.json()["id"])

    def book(
        self,
        contractor: Account,
        start: datetime,
        worked: timedelta,
        *,
        status: str = "completed",
        customer_id: int | None = None,
        expect: int = 201,
    ) -> dict[str, Any]:
        """Books an appointment as scheduled; completed ones ran exactly to plan."""
        body: dict[str, Any] = {
            "contractor_id": contractor.id,
            "customer_id": customer_id or self.customer(),
            "scheduled_start": start.isoformat(),
            "scheduled_end": (start + worked).isoformat(),
            "status": status,
        }
        if status == "completed":
            body |= {"actual_start": body["scheduled_start"], "actual_end": body["scheduled_end"]}
        response = self.client.post("/api/v1/appointments", json=body, headers=self.admin.headers)
        assert response.status_code == expect, response.text
        return dict(response.json())

    def statement(self, contractor: Account, period: str, *, as_: Account | None = None) -> dict[str, Any]:
        """The period's statement as JSON (read by the admin unless told)."""
        url = f"/api/v1/contractors/{contractor.id}/statements/{period}"
        response = self.client.get(url, headers=(as_ or self.admin).headers)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def issue(self, contractor: Account, period: str, *, expect: int = 201) -> dict[str, Any]:
        """Issues the period's statement."""
        url = f"/api/v1/contractors/{contractor.id}/statements"
        response = self.client.post(url, json={"period": period}, headers=self.admin.headers)
        assert response.status_code == expect, response.text
        return dict(response.json())

    def upsell(self, appointment: dict[str, Any], value: str, category: str = "warranty") -> dict[str, Any]:
        """Records an upsell on an appointment (pending)."""
        body = {"product": f"{category} cover", "category": category, "value": value}
        url = f"/api/v1/appointments/{appointment['id']}/upsells"
        response = self.client.post(url, json=body, headers=self.admin.headers)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def settle(self, upsell: dict[str, Any], status: str) -> dict[str, Any]:
        """Confirms or refunds an upsell as the admin."""
        url = f"/api/v1/appointments/{upsell['appointment_id']}/upsells/{upsell['id']}"
        response = self.client.patch(url, json={"status": status}, headers=self.admin.headers)
        assert response.status_code == 200, response.text
        return dict(response.json())
