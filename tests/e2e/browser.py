"""Fixtures for the console's browser tests: Debian's headless Chromium driven by Playwright.

Playwright never downloads a browser here: it drives ``/usr/bin/chromium`` (``make test``
installs it). Under ``CI=true`` a missing Chromium fails the browser tests loudly;
elsewhere they are skipped with a message. Screenshots land in ``docs/screenshots/``
when ``CALMDESK_UPDATE_SCREENSHOTS=1`` (from the SQLite run), otherwise in the test's
temporary directory, so an ordinary test run leaves the working tree as it was.
"""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from calmdesk.app import create_app
from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.staff import service as staff_service
from calmdesk.staff.roles import Role
from calmdesk.staff.schemas import StaffCreate, TeamCreate

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

CHROMIUM = os.environ.get("CALMDESK_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PASSWORD = "correct horse battery"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
UPDATE_SCREENSHOTS = os.environ.get("CALMDESK_UPDATE_SCREENSHOTS") == "1"
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 400, "height": 800}
_serial = itertools.count(1)


def _unavailable(message: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"{message} (CI=true: the console's browser tests must run)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium per test process."""
    if not Path(CHROMIUM).is_file():
        _unavailable(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (make test does)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing: install the dev extra (requirements/dev.lock)")
    # Assertions wait for HTMX swaps; on a loaded shared machine 5 s (the default) was seen to fall short.
    expect.set_options(timeout=15_000)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@dataclass(frozen=True)
class Account:
    """A staff member with a password and an API token."""

    id: int
    name: str
    email: str
    role: Role
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """Authorization headers for the API."""
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Tab:
    """A browser page and what went wrong in it: console errors, page errors, dialogs."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self, *, allow: tuple[str, ...] = ()) -> None:
        """No dialog opened, no script failed, nothing (e.g. the CSP) complained in the console."""
        assert self.dialogs == [], self.dialogs
        assert self.page_errors == [], self.page_errors
        unexpected = [m for m in self.console_errors if not any(a in m for a in allow)]
        assert unexpected == [], unexpected


class ConsoleDesk:
    """The real app served by uvicorn, with shortcuts to staff it and open tabs on it."""

    def __init__(self, url: str, database: Database, browser: Browser, shots: Path) -> None:
        self.url = url
        self.database = database
        self.browser = browser
        self.shots = shots
        self.api = httpx.Client(base_url=url, timeout=20)
        self._contexts: list[Any] = []

    def close(self) -> None:
        """Closes the tabs and the API client."""
        for context in self._contexts:
            context.close()
        self.api.close()

    def team(self, name: str, skills: tuple[str, ...] = ()) -> int:
        """Creates a team and returns its id."""
        with self.database.unit_of_work() as db:
            team = staff_service.create_team(
                db, team_in=TeamCreate(name=name, skills=list(skills)), actor=SYSTEM
            )
            return team.id

    def account(
        self, role: Role = Role.AGENT, *, name: str | None = None, team_ids: tuple[int, ...] = ()
    ) -> Account:
        """Creates a staff member who can sign in, with an API token."""
        n = next(_serial)
        name = name or f"{role.value.replace('_', ' ').title()} {n}"
        email = f"{role.value}{n}@desk.example.com"
        with self.database.unit_of_work() as db:
            staff = staff_service.create(
                db,
                staff_in=StaffCreate(
                    name=name, email=email, role=role, team_ids=list(team_ids), password=SecretStr(PASSWORD)
                ),
                actor=SYSTEM,
            )
            issued = auth_service.create_api_token(db, staff=staff, name="browser tests", actor=SYSTEM)
            return Account(id=staff.id, name=name, email=email, role=role, token=issued.token)

    def new_ticket(self, account: Account, **overrides: Any) -> dict[str, Any]:
        """Opens a ticket through the API; priority is pinned afterwards (triage may raise it)."""
        n = next(_serial)
        priority = overrides.pop("priority", "normal")
        body: dict[str, Any] = {
            "subject": f"Order {n} arrived damaged",
            "customer": {"name": f"Customer {n}", "email": f"customer{n}@example.com"},
            "message": {"body": "The box was crushed and the lamp inside is broken."},
            "channel": "email",
            "priority": priority,
        }
        body.update(overrides)
        created = self.api.post("/api/v1/tickets", json=body, headers=account.headers)
        assert created.status_code == 201, created.text
        ticket = dict(created.json())
        if ticket["priority"] != priority:
            ticket = self.patch_ticket(account, ticket["reference"], priority=priority)
        return ticket

    def patch_ticket(self, account: Account, reference: str, **changes: Any) -> dict[str, Any]:
        """Changes a ticket through the API (with its current ETag)."""
        current = self.api.get(f"/api/v1/tickets/{reference}", headers=account.headers)
        answer = self.api.patch(
            f"/api/v1/tickets/{reference}",
            json=changes,
            headers={**account.headers, "If-Match": current.headers["etag"]},
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def add_message(self, account: Account, reference: str, **message: Any) -> None:
        """Adds a reply, note or call through the API."""
        answer = self.api.post(f"/api/v1/tickets/{reference}/messages", json=message, headers=account.headers)
        assert answer.status_code == 201, answer.text

    def ticket(self, account: Account, reference: str) -> dict[str, Any]:
        """Reads a ticket through the API."""
        return dict(self.api.get(f"/api/v1/tickets/{reference}", headers=account.headers).json())

    def messages(self, account: Account, reference: str) -> list[dict[str, Any]]:
        """Reads a ticket's conversation through the API."""
        answer = self.api.get(f"/api/v1/tickets/{reference}/messages", headers=account.headers)
        return list(answer.json()["items"])

    def portal_link(self, account: Account, reference: str) -> str:
        """Creates the customer's link to a ticket and returns its URL."""
        answer = self.api.post(f"/api/v1/tickets/{reference}/portal-links", headers=account.headers)
        assert answer.status_code == 201, answer.text
        return str(answer.json()["url"])

    def tab(self, viewport: dict[str, int] | None = None) -> Tab:
        """A fresh browser context (no cookies) and page that records every problem."""
        context = self.browser.new_context(viewport=viewport or DESKTOP, base_url=self.url)  # type: ignore[arg-type]
        self._contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        tab = Tab(page=page)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                tab.console_errors.append(message.text)

        def on_dialog(dialog: Dialog) -> None:
            tab.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
        page.on("dialog", on_dialog)
        return tab

    def sign_in(self, tab: Tab, account: Account) -> None:
        """Signs in through the form and waits for the first page."""
        page = tab.page
        page.goto("/signin")
        page.get_by_label("Email").fill(account.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/signin" not in url)

    def screenshot(self, tab: Tab, name: str, *, full_page: bool = False) -> Path:
        """Saves a small PNG of the page (into docs/screenshots when updating them)."""
        target = SCREENSHOTS if UPDATE_SCREENSHOTS and self.database.dialect == "sqlite" else self.shots
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"{name}.png"
        # caret="initial": hiding the caret leaves style="" on inputs, which the CSP then reports.
        tab.page.screenshot(path=str(path), full_page=full_page, caret="initial")
        _shrink(path)
        return path


def _shrink(path: Path) -> None:
    """Stores the screenshot with a 256-colour palette: a fraction of the size, same look."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def console_desk(database: Database, chromium: Browser, tmp_path: Path) -> Iterator[ConsoleDesk]:
    """The app on a real uvicorn in a thread, with links built for its own address."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app(Settings(environment="test", database_url=database.url, base_url=url), database=database)
    app.state.inbox_refresh_seconds = 1  # the inbox polls every second here instead of every 15
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the console test server did not start")
        time.sleep(0.05)
    desk = ConsoleDesk(url, database, chromium, tmp_path / "screenshots")
    try:
        yield desk
    finally:
        desk.close()
        server.should_exit = True
        thread.join(timeout=10)
