"""``calmdesk analyze`` and ``calmdesk coach``: the tone analyser and reply coach on the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from calmdesk.analysis import (
    CoachReport,
    MessageReport,
    Span,
    Turn,
    analyze_message,
    analyze_messages,
    coach_reply,
)

# Lines are analysed in chunks: big enough to batch the model well, small enough to stream.
JSONL_CHUNK = 256
_SIGNAL_STYLE = {"harm_threat": "bold white on red", "insult": "bold red", "profanity": "red"}
_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


class OutputFormat(StrEnum):
    """How a report is written."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


def _highlighted(text: str, spans: list[tuple[Span, str]]) -> Text:
    rendered = Text(text)
    for span, style in spans:
        rendered.stylize(style, span.start, span.end)
    return rendered


def _bar(value: float, *, signed: bool = False) -> str:
    filled = round(abs(value) * 10) if signed else round(value * 10)
    return "█" * filled + "·" * (10 - filled)


def render_message_report(console: Console, text: str, report: MessageReport) -> None:
    """Prints a readable report: the text with evidence highlighted, scores, flags, signals."""
    spans = [(span, _SIGNAL_STYLE.get(s.kind, "bold yellow")) for s in report.signals for span in s.spans]
    console.print(_highlighted(text, spans))
    console.print()
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("score")
    table.add_column("value", justify="right")
    table.add_column("")
    table.add_column("flag")
    flags = {"anger": report.is_angry, "abuse": report.is_abusive, "complaint": report.is_complaint}
    for name in ("anger", "abuse", "complaint", "escalation_risk"):
        value = getattr(report, name)
        flag = flags.get(name)
        table.add_row(name, f"{value:.2f}", _bar(value), "" if flag is None else ("YES" if flag else "no"))
    table.add_row("mood", f"{report.mood:+.2f}", _bar(report.mood, signed=True), "")
    console.print(table)
    if report.signals:
        console.print("\n[bold]signals[/]")
        for signal in report.signals:
            evidence = escape(", ".join(f"“{span.text}”" for span in signal.spans))
            console.print(f"  {signal.kind:<17} {signal.weight:.2f}  {evidence}")
    else:
        console.print("\nno escalation signals")
    console.print(f"[dim]model {report.model_version}[/]")


def render_coach_report(console: Console, draft: str, report: CoachReport) -> None:
    """Prints the draft with findings highlighted, then findings, missing elements, suggestions."""
    spans = [(f.span, _SEVERITY_STYLE[f.severity]) for f in report.findings if f.span is not None]
    console.print(_highlighted(draft, spans))
    console.print()
    if report.findings:
        console.print("[bold]findings[/]")
        for finding in report.findings:
            where = escape(f"“{finding.span.text}”") if finding.span else ""
            style = _SEVERITY_STYLE[finding.severity]
            console.print(f"  [{style}]{finding.severity:<6}[/] {finding.rule_id}: {where}")
            console.print(f"         {escape(finding.principle)}\n         → {escape(finding.suggestion)}")
    else:
        console.print("[green]no findings in the draft[/]")
    if report.missing:
        console.print("\n[bold]missing[/]")
        for finding in report.missing:
            style = _SEVERITY_STYLE[finding.severity]
            console.print(f"  [{style}]{finding.rule_id}[/]: {escape(finding.principle)}")
            console.print(f"         → {escape(finding.suggestion)}")
    console.print("\n[bold]suggested wording[/]")
    for suggestion in report.suggestions:
        console.print(f"  [bold]{suggestion.kind}[/]: {escape(suggestion.text)}")


def _lines(handle: TextIO) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in handle:
        chunk.append(line.rstrip("\r\n"))
        if len(chunk) >= JSONL_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _open(path: str) -> TextIO:
    return sys.stdin if path == "-" else open(path, encoding="utf-8")


def _read(path: Path) -> str:
    return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")


def analyze(
    source: Annotated[
        str,
        typer.Argument(help="the message text; with --format jsonl a FILE (one message a line, - for stdin)"),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="text (readable), json, or jsonl for files")
    ] = OutputFormat.TEXT,
    fast: Annotated[
        bool, typer.Option("--fast", help="lexicon-only path: much faster, less accurate")
    ] = False,
) -> None:
    """Reads the tone of a customer message: scores, mood, escalation signals with evidence."""
    if output_format is OutputFormat.JSONL:
        try:
            handle = _open(source)
        except OSError as error:
            typer.echo(f"error: cannot read {source}: {error.strerror}", err=True)
            raise typer.Exit(code=2) from None
        with handle:
            for chunk in _lines(handle):
                for text, report in zip(chunk, analyze_messages(chunk, fast=fast), strict=True):
                    row = {"text": text, **report.to_dict()}
                    typer.echo(json.dumps(row, ensure_ascii=False))
        return
    report = analyze_message(source, fast=fast)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps({"text": source, **report.to_dict()}, ensure_ascii=False, indent=2))
    else:
        render_message_report(Console(), source, report)


def coach(
    draft: Annotated[Path, typer.Option("--draft", help="file with the agent's draft reply (- for stdin)")],
    customer: Annotated[
        Path | None, typer.Option("--customer", help="file with the customer's latest message")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="text (readable) or json")
    ] = OutputFormat.TEXT,
) -> None:
    """Coaches a draft reply: what to change, what is missing, and wording to insert."""
    try:
        draft_text = _read(draft)
        customer_text = _read(customer) if customer is not None else ""
    except OSError as error:
        typer.echo(f"error: cannot read {error.filename}: {error.strerror}", err=True)
        raise typer.Exit(code=2) from None
    conversation = (Turn("customer", customer_text),) if customer_text.strip() else ()
    report = coach_reply(draft_text, conversation=conversation)
    if output_format is OutputFormat.TEXT:
        render_coach_report(Console(), draft_text, report)
    else:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    """Adds ``analyze`` and ``coach`` to the ``calmdesk`` command."""
    app.command("analyze")(analyze)
    app.command("coach")(coach)
