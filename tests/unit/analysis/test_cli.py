"""``calmdesk analyze`` and ``calmdesk coach`` through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from calmdesk.commands.analysis import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    cli = typer.Typer()
    register(cli)
    return cli


def test_analyze_prints_a_readable_report_with_evidence(app: typer.Typer) -> None:
    result = runner.invoke(app, ["analyze", "This is the third time I've asked. Get me a manager!!!"])
    assert result.exit_code == 0, result.output
    assert "escalation_risk" in result.output
    assert "repeated_contact" in result.output
    assert "“third time”" in result.output
    assert "manager_demand" in result.output


def test_analyze_json_for_one_message(app: typer.Typer) -> None:
    result = runner.invoke(app, ["analyze", "--format", "json", "I'll take you to court."])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["signals"][0]["kind"] == "legal_threat"
    assert 0.0 <= data["escalation_risk"] <= 1.0


@pytest.mark.parametrize("fast", [False, True])
def test_analyze_jsonl_file_writes_one_object_a_line(app: typer.Typer, tmp_path: Path, fast: bool) -> None:
    messages = ["Thanks, all sorted!", "WHERE IS MY REFUND?!", "You useless idiots.", ""]
    source = tmp_path / "messages.txt"
    source.write_text("\n".join(messages) + "\n", encoding="utf-8")
    args = ["analyze", "--format", "jsonl", str(source)] + (["--fast"] if fast else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [row["text"] for row in rows] == messages
    required = {
        "anger",
        "abuse",
        "complaint",
        "escalation_risk",
        "mood",
        "is_angry",
        "is_abusive",
        "is_complaint",
        "signals",
    }
    assert all(required <= set(row) for row in rows)
    assert rows[1]["signals"][0]["kind"] == "shouting"
    assert rows[0]["anger"] < rows[1]["anger"]
    assert rows[0]["model_version"].endswith("+lexicon-only") == fast


def test_analyze_jsonl_missing_file_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "--format", "jsonl", str(tmp_path / "absent.txt")])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_coach_reads_draft_and_customer_files(app: typer.Typer, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    customer = tmp_path / "customer.txt"
    draft.write_text("Calm down. As I already said, it's our policy.", encoding="utf-8")
    customer.write_text("This is the THIRD time!!! Where is my refund?", encoding="utf-8")
    result = runner.invoke(app, ["coach", "--draft", str(draft), "--customer", str(customer)])
    assert result.exit_code == 0, result.output
    for rule_id in ("tells_to_calm_down", "argues_or_point_scores", "policy_as_weapon", "missing_empathy"):
        assert rule_id in result.output
    assert "suggested wording" in result.output
    assert "[time]" in result.output  # placeholders are printed, not swallowed as markup


def test_coach_json_without_customer(app: typer.Typer, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("You are wrong.", encoding="utf-8")
    result = runner.invoke(app, ["coach", "--draft", str(draft), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["findings"][0]["rule_id"] == "says_customer_wrong"
    assert data["missing"] == []


def test_coach_missing_draft_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["coach", "--draft", str(tmp_path / "absent.txt")])
    assert result.exit_code == 2
    assert "cannot read" in result.output
