"""``calmdesk pay``: contractors' pay statements and the payroll export on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from calmdesk.money import render

if TYPE_CHECKING:
    from calmdesk.contractors.statement_service import StatementView

pay_app = typer.Typer(help="Contractors' pay statements.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)

Period = Annotated[str, typer.Option(help="a month (2026-11) or an ISO week (2026-W47)")]
CsvFile = Annotated[Path | None, typer.Option("--csv", help="also write the statement as CSV here")]


def register(app: typer.Typer) -> None:
    """Adds ``calmdesk pay`` to the ``calmdesk`` command."""
    app.add_typer(pay_app, name="pay")


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code=1)


def _print(view: StatementView) -> None:
    from calmdesk.contractors.pay import render_duration, render_hours
    from calmdesk.contractors.statement_service import ROUNDING_NOTE

    statement = view.statement
    state = "issued" if view.issued_at else "[bold yellow]DRAFT[/] (not final until issued)"
    console.print(
        f"[bold]{view.contractor_name}[/] <{statement.contractor_ref}>  {statement.period.label}  {state}"
    )
    table = Table(box=None, header_style="bold")
    for column, justify in (("date", "left"), ("line", "left"), ("time", "right"), ("hours", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    table.add_column("rate", justify="right")
    table.add_column("amount", justify="right")
    for line in statement.lines:
        table.add_row(
            line.day.isoformat(),
            line.label,
            "" if line.worked is None else render_duration(line.worked),
            "" if line.worked is None else render_hours(line.worked),
            "" if line.rate is None else render(line.rate),
            render(line.amount),
        )
    console.print(table)
    console.print(f"appointments and call-outs  {render(statement.work_subtotal):>12}")
    console.print(f"commission less clawbacks   {render(statement.commission_subtotal):>12}")
    console.print(f"adjustments                 {render(statement.adjustment_subtotal):>12}")
    console.print(f"[bold]total payable               {render(statement.total):>12}[/]")
    if statement.unsettled_refs:
        console.print(f"still only scheduled: {', '.join(statement.unsettled_refs)}")
    console.print(f"[dim]{ROUNDING_NOTE}[/]")


@pay_app.command("statement")
def statement(
    contractor: Annotated[str, typer.Option(help="the contractor's sign-in email")],
    period: Period,
    issue: Annotated[
        bool, typer.Option("--issue", help="issue (freeze) the statement of an ended period")
    ] = False,
    csv_file: CsvFile = None,
    pdf_file: Annotated[
        Path | None, typer.Option("--pdf", help="also write the statement as PDF here")
    ] = None,
) -> None:
    """Shows a contractor's statement for a period (a draft until issued); can issue it and export it."""
    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.auth.principal import SYSTEM
    from calmdesk.clock import utcnow
    from calmdesk.config import get_settings
    from calmdesk.contractors import export, statement_service
    from calmdesk.contractors import service as contractor_service
    from calmdesk.db import Database
    from calmdesk.errors import AppError

    database = Database(get_settings().database_url, pool_size=2)
    now = utcnow()
    try:
        with database.unit_of_work() as db:
            profile = contractor_service.get_by_email(db, email=contractor)
            if profile is None:
                raise _fail(f"no contractor with pay terms uses {contractor}")
            wanted = statement_service.parse_period(period)
            if issue:
                view = statement_service.issue(db, profile=profile, period=wanted, actor=SYSTEM, now=now)
            else:
                view = statement_service.get(db, profile=profile, period=wanted)
            timezone = profile.timezone
    except AppError as error:
        raise _fail(error.message) from None
    finally:
        database.dispose()
    _print(view)
    if csv_file is not None:
        csv_file.write_text(export.statements_csv([view.statement]), encoding="utf-8", newline="")
        console.print(f"CSV written to {csv_file}")
    if pdf_file is not None:
        pdf_file.write_bytes(export.statement_pdf(view, now=now, timezone=timezone))
        console.print(f"PDF written to {pdf_file}")


@pay_app.command("payroll")
def payroll(period: Period, csv_file: CsvFile = None) -> None:
    """Prints (or writes as CSV) every contractor's issued statement for a period."""
    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.config import get_settings
    from calmdesk.contractors import export, statement_service
    from calmdesk.contractors.service import Reach
    from calmdesk.db import Database
    from calmdesk.errors import AppError

    database = Database(get_settings().database_url, pool_size=2)
    everyone = Reach(viewer_id=0, sees_self=False, managed=None)
    try:
        with database.session(read_only=True) as db:
            views = statement_service.payroll(
                db, period=statement_service.parse_period(period), reach=everyone
            )
    except AppError as error:
        raise _fail(error.message) from None
    finally:
        database.dispose()
    body = export.statements_csv(view.statement for view in views)
    if csv_file is None:
        typer.echo(body, nl=False)
    else:
        csv_file.write_text(body, encoding="utf-8", newline="")
        console.print(f"{len(views)} issued statements written to {csv_file}")
