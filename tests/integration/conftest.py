"""An API client on a real database, and a helper that staffs the desk."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from calmdesk.app import create_app
from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.staff import service as staff_service
from calmdesk.staff.roles import Role
from calmdesk.staff.schemas import StaffCreate

PASSWORD = "correct horse battery"
_serial = itertools.count(1)


@dataclass(frozen=True)
class Account:
    """A staff member with a working API token."""

    id: int
    email: str
    role: Role
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """Authorization headers for this account."""
        return {"Authorization": f"Bearer {self.token}"}


class Desk:
    """The API under test, plus shortcuts to set up staff and tickets."""

    def __init__(self, client: TestClient, database: Database) -> None:
        self.client = client
        self.database = database

    def account(
        self, role: Role = Role.AGENT, *, reports_to: int | None = None, name: str | None = None
    ) -> Account:
        """Creates a staff member with a password and an API token."""
        n = next(_serial)
        email = f"{role.value}{n}@desk.example.com"
        with self.database.unit_of_work() as db:
            staff = staff_service.create(
                db,
                staff_in=StaffCreate(
                    name=name or f"{role.value.title()} {n}",
                    email=email,
                    role=role,
                    reports_to_id=reports_to,
                    password=SecretStr(PASSWORD),
                ),
                actor=SYSTEM,
            )
            issued = auth_service.create_api_token(db, staff=staff, name="tests", actor=SYSTEM)
            return Account(id=staff.id, email=email, role=role, token=issued.token)

    def new_ticket(self, account: Account, **overrides: Any) -> dict[str, Any]:
        """Opens a ticket through the API and returns its JSON."""
        n = next(_serial)
        body: dict[str, Any] = {
            "subject": f"Order {n} arrived damaged",
            "customer": {"name": f"Customer {n}", "email": f"customer{n}@example.com"},
            "message": {"body": "The box was crushed and the lamp inside is broken."},
            "channel": "email",
        }
        body.update(overrides)
        response = self.client.post("/api/v1/tickets", json=body, headers=account.headers)
        assert response.status_code == 201, response.text
        return dict(response.json())


@pytest.fixture
def desk(database: Database) -> Iterator[Desk]:
    """A calmdesk app on the test database, driven through FastAPI's test client."""
    settings = Settings(environment="test", database_url=database.url, max_body_bytes=64 * 1024)
    app = create_app(settings, database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Desk(client, database)


@pytest.fixture
def live_server(database: Database) -> Iterator[str]:
    """The app served by a real uvicorn on a free loopback port, in a thread."""
    import socket
    import threading
    import time

    import httpx
    import uvicorn

    settings = Settings(environment="test", database_url=database.url)
    app = create_app(settings, database=database)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    else:
        raise RuntimeError("the test server did not start")
    yield url
    server.should_exit = True
    thread.join(timeout=10)
