"""``calmdesk mail``: the SMTP listener that turns email into tickets and replies."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
from types import FrameType
from typing import Annotated

import typer


def mail(
    host: Annotated[str | None, typer.Option(help="address to listen on (default: the setting)")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on (default: the setting)")] = None,
    processes: Annotated[
        int, typer.Option(min=1, max=64, help="listener processes sharing the port (PostgreSQL)")
    ] = 1,
    shared_port: Annotated[bool, typer.Option(hidden=True, help="bind with SO_REUSEPORT")] = False,
    log_level: Annotated[str, typer.Option(help="logging level")] = "info",
) -> None:
    """Runs the SMTP listener for the desk's addresses until stopped (Ctrl+C or SIGTERM)."""
    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.config import get_settings
    from calmdesk.db import Database
    from calmdesk.mail import listener

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    database = Database(settings.database_url, pool_size=4)
    bind_host = host or settings.mail_listen_host
    bind_port = settings.mail_listen_port if port is None else port
    if processes > 1 and settings.is_sqlite:
        typer.echo("error: several listener processes need PostgreSQL; SQLite takes one writer", err=True)
        raise typer.Exit(code=1)
    shared = shared_port or processes > 1
    controller = listener.start(database, settings, host=bind_host, port=bind_port, shared_port=shared)
    # The same command with the same settings, bound to the same port: nothing from outside.
    sibling_command = [
        sys.executable,
        "-m",
        "calmdesk",
        "mail",
        "--host",
        bind_host,
        "--port",
        str(bind_port),
    ]
    sibling_command += ["--shared-port", "--log-level", log_level]
    siblings = [subprocess.Popen(sibling_command) for _ in range(processes - 1)]  # noqa: S603
    stop = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        logging.getLogger("calmdesk.mail").info("signal %d: stopping the listener", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    # One line a supervisor (or a test) can wait for: the port is open from here on.
    typer.echo(f"calmdesk mail listening on {bind_host}:{bind_port} for {', '.join(settings.mail_addresses)}")
    try:
        stop.wait()
    finally:
        for sibling in siblings:
            sibling.terminate()
        controller.stop()
        database.dispose()
        for sibling in siblings:
            sibling.wait(timeout=30)


def register(app: typer.Typer) -> None:
    """Adds ``mail`` to the ``calmdesk`` command."""
    app.command("mail")(mail)
