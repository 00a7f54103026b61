"""``calmdesk incidents detect`` and ``calmdesk incidents list`` against a real database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from calmdesk.cli import app
from calmdesk.config import get_settings
from calmdesk.incidents import cache
from tests.integration.conftest import Desk
from tests.integration.incident_desk import OUTAGE, report


@pytest.fixture
def cli_env(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Points the CLI's settings at the test database."""
    monkeypatch.setenv("CALMDESK_DATABASE_URL", desk.database.url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_detect_proposes_and_list_shows_it(desk: Desk, cli_env: None) -> None:
    cache.clear()
    agent = desk.account()
    for subject, body in OUTAGE[:3]:
        report(desk, agent, subject, body)
    runner = CliRunner()
    detected = runner.invoke(app, ["incidents", "detect"])
    assert detected.exit_code == 0, detected.output
    assert "read 3 tickets: 1 incidents proposed" in detected.output
    listed = runner.invoke(app, ["incidents", "list"])
    assert listed.exit_code == 0, listed.output
    assert "proposed" in listed.output and "3 tickets" in listed.output
    assert runner.invoke(app, ["incidents", "list", "--status", "resolved"]).output == ""
