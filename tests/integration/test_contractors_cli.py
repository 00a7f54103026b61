"""``calmdesk pay statement`` and ``calmdesk pay payroll`` against a real database."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calmdesk.cli import app
from calmdesk.config import get_settings
from tests.integration.conftest import Desk
from tests.integration.contractor_desk import ContractorDesk, at


@pytest.fixture
def cli_env(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Points the CLI's settings at the test database."""
    monkeypatch.setenv("CALMDESK_DATABASE_URL", desk.database.url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_pay_statement_shows_issues_and_exports(desk: Desk, cli_env: None, tmp_path: Path) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor(name="Marek Nowak")
    for start in (8, 13):
        cd.book(marek, at(date(2026, 10, 14), start), timedelta(hours=4, minutes=30))
    runner = CliRunner()

    shown = runner.invoke(
        app, ["pay", "statement", "--contractor", marek.email.upper(), "--period", "2026-10"]
    )
    assert shown.exit_code == 0, shown.output
    assert "DRAFT" in shown.output and "£123.75" in shown.output and "Marek Nowak" in shown.output

    csv_file, pdf_file = tmp_path / "marek.csv", tmp_path / "marek.pdf"
    exports = ["--csv", str(csv_file), "--pdf", str(pdf_file)]
    issued = runner.invoke(
        app, ["pay", "statement", "--contractor", marek.email, "--period", "2026-10", "--issue", *exports]
    )
    assert issued.exit_code == 0, issued.output
    assert "DRAFT" not in issued.output
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    assert next(row for row in rows if row["kind"] == "total")["amount"] == "123.75"
    assert pdf_file.read_bytes().startswith(b"%PDF-")
    assert cd.statement(marek, "2026-10")["status"] == "issued"

    again = runner.invoke(
        app, ["pay", "statement", "--contractor", marek.email, "--period", "2026-10", "--issue"]
    )
    assert again.exit_code == 1 and "already issued" in again.output

    payroll = runner.invoke(app, ["pay", "payroll", "--period", "2026-10"])
    assert payroll.exit_code == 0, payroll.output
    totals = [row for row in csv.DictReader(io.StringIO(payroll.output)) if row["kind"] == "total"]
    assert [(row["contractor"], row["amount"]) for row in totals] == [(marek.email, "123.75")]


def test_pay_statement_refuses_unknown_contractors_and_periods(desk: Desk, cli_env: None) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    runner = CliRunner()
    unknown = runner.invoke(
        app, ["pay", "statement", "--contractor", "nobody@example.com", "--period", "2026-10"]
    )
    assert unknown.exit_code == 1 and "no contractor" in unknown.output
    bad_period = runner.invoke(app, ["pay", "statement", "--contractor", marek.email, "--period", "2026-13"])
    assert bad_period.exit_code == 1 and "2026-13" in bad_period.output
