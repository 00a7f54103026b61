"""``calmdesk incidents``: run incident detection once, and list the incidents, from the command line."""

from __future__ import annotations

from typing import Annotated

import typer

incidents_app = typer.Typer(help="Incidents: many customers, one fault.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Adds ``calmdesk incidents`` to the ``calmdesk`` command."""
    app.add_typer(incidents_app, name="incidents")


@incidents_app.command("detect")
def detect() -> None:
    """Reads every ticket not read yet and proposes incidents (the worker does this continuously)."""
    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.clock import utcnow
    from calmdesk.config import get_settings
    from calmdesk.db import Database
    from calmdesk.incidents import jobs

    settings = get_settings()
    database = Database(settings.database_url, pool_size=1)
    try:
        result = jobs.detect(database, settings=settings, now=utcnow())
    finally:
        database.dispose()
    typer.echo(
        f"read {result.read} tickets: {len(result.proposed)} incidents proposed, "
        f"{result.joined} tickets joined proposals, {result.suggested} suggested for open incidents"
    )


@incidents_app.command("list")
def list_incidents(
    status: Annotated[list[str] | None, typer.Option(help="proposed, open, dismissed or resolved")] = None,
) -> None:
    """Lists incidents, most recently active first (by default the proposed and open ones)."""
    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.config import get_settings
    from calmdesk.db import Database
    from calmdesk.incidents import service

    settings = get_settings()
    database = Database(settings.database_url, pool_size=1)
    try:
        with database.session(read_only=True) as db:
            for incident in service.get_all(db, statuses=status or ["proposed", "open"], limit=200):
                typer.echo(
                    f"{incident.id:>6}  {incident.status:<9} {incident.ticket_count:>5} tickets  "
                    f"first seen {incident.first_seen_at:%Y-%m-%d %H:%M}  {incident.title}"
                )
    finally:
        database.dispose()
