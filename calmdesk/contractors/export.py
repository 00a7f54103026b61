"""Pay statements for payroll (CSV) and for the contractor (HTML, and PDF made from it).

The PDF is rendered from the same HTML by xhtml2pdf (pure Python on ReportLab), with
the Bitstream Vera font that ReportLab ships embedded, so it looks the same on every
machine. Names are user input: the template escapes everything, the renderer may read
nothing but that font (no network, no other files), and a character the font lacks is
written as its closest plain letter (ő as o) rather than as a blank box.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import reportlab  # type: ignore[import-untyped]
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from calmdesk.contractors import pay
from calmdesk.contractors.statement_service import ROUNDING_NOTE, StatementView
from calmdesk.money import render

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONT_FACES = (
    {"path": FONT_DIR / "Vera.ttf", "weight": "normal"},
    {"path": FONT_DIR / "VeraBd.ttf", "weight": "bold"},
)
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = frozenset({"contractor", "reference", "description"})


class ExportError(RuntimeError):
    """A statement could not be rendered."""


def _cell(column: str, value: str) -> str:
    # A spreadsheet runs a cell starting with "=" as a formula: never let a name do that.
    if column in _TEXT_COLUMNS and value.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def statements_csv(statements: Iterable[pay.PayStatement]) -> str:
    """Returns one CSV for payroll: every line of each statement, then its subtotals and total."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=pay.CSV_COLUMNS)
    writer.writeheader()
    for statement in statements:
        for row in statement.to_rows():
            writer.writerow({column: _cell(column, value) for column, value in row.items()})
    return buffer.getvalue()


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("calmdesk.contractors", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _context(view: StatementView, *, now: datetime, timezone: str, for_pdf: bool) -> dict[str, Any]:
    statement = view.statement
    zone = ZoneInfo(timezone)
    issued_at = None if view.issued_at is None else view.issued_at.astimezone(zone)
    return {
        "font_faces": FONT_FACES if for_pdf else (),
        "contractor_name": view.contractor_name,
        "contractor_ref": statement.contractor_ref,
        "period": statement.period.label,
        "period_start": _long_date(statement.period.start),
        "period_end": _long_date(statement.period.end),
        "status": view.status,
        "issued_at": "" if issued_at is None else f"{_long_date(issued_at.date())} {issued_at:%H:%M %Z}",
        "computed_on": _long_date(now.astimezone(zone).date()),
        "currency": statement.currency,
        "lines": [
            {
                "day": f"{line.day:%a} {line.day.day} {line.day:%b}",
                "description": line.label,
                "duration": "" if line.worked is None else pay.render_duration(line.worked),
                "hours": "" if line.worked is None else pay.render_hours(line.worked),
                "rate": "" if line.rate is None else render(line.rate),
                "amount": render(line.amount),
            }
            for line in statement.lines
        ],
        "work_subtotal": render(statement.work_subtotal),
        "commission_subtotal": render(statement.commission_subtotal),
        "adjustment_subtotal": render(statement.adjustment_subtotal),
        "total": render(statement.total),
        "worked": pay.render_duration(statement.worked),
        "unsettled": list(statement.unsettled_refs),
        "rounding": ROUNDING_NOTE,
    }


def statement_html(
    view: StatementView, *, now: datetime, timezone: str = "Europe/London", for_pdf: bool = False
) -> str:
    """Renders a statement as a standalone HTML page (names escaped)."""
    template = _environment().get_template("pay_statement.html")
    return template.render(_context(view, now=now, timezone=timezone, for_pdf=for_pdf))


@lru_cache(maxsize=1)
def _font_code_points() -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile  # type: ignore[import-untyped]

    return frozenset(TTFontFile(str(FONT_DIR / "Vera.ttf")).charToGlyph)


def fit_to_font(text: str) -> str:
    """Replaces characters the PDF font cannot draw with their base letters (or "?")."""
    known = _font_code_points()
    fitted = []
    for char in text:
        if ord(char) in known or char in "\n\r\t":
            fitted.append(char)
            continue
        base = [c for c in unicodedata.normalize("NFKD", char) if ord(c) in known]
        fitted.append("".join(base) or "?")
    return "".join(fitted)


def statement_pdf(view: StatementView, *, now: datetime, timezone: str = "Europe/London") -> bytes:
    """Renders a statement as an A4 PDF a contractor can keep."""
    from xhtml2pdf import pisa  # type: ignore[import-untyped]
    from xhtml2pdf.config.resources import ResourceAccessPolicy  # type: ignore[import-untyped]

    html = fit_to_font(statement_html(view, now=now, timezone=timezone, for_pdf=True))
    policy = ResourceAccessPolicy.server(base_dir=FONT_DIR, allow_remote=False)
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=policy)
    if result.err:
        raise ExportError(f"the PDF of {view.statement.period.label} could not be rendered")
    return output.getvalue()
