"""``calmdesk worker``: the SLA sweep and notification delivery, on their own process."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Annotated

import typer


def worker(
    poll_seconds: Annotated[
        float | None, typer.Option(help="seconds between passes when idle (default: the setting)")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="run one pass and exit")] = False,
    log_level: Annotated[str, typer.Option(help="logging level")] = "info",
) -> None:
    """Runs the timed work: SLA warnings, breaches and escalations, and notification delivery."""
    from calmdesk import models  # noqa: F401 - registers every table
    from calmdesk.config import get_settings
    from calmdesk.db import Database
    from calmdesk.worker import Worker

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per webhook is noise
    settings = get_settings()
    if poll_seconds is not None:
        settings = settings.model_copy(update={"worker_poll_seconds": poll_seconds})
    database = Database(settings.database_url, pool_size=4)
    runner = Worker(database, settings)
    stop = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        logging.getLogger("calmdesk.worker").info("signal %d: finishing the pass in hand", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        if once:
            report = runner.run_once()
            typer.echo(
                f"checked {report.sweep.checked} tickets, fired {report.sweep.fired} steps, "
                f"delivered {report.delivery.delivered} notifications"
            )
        else:
            runner.run(stop)
    finally:
        runner.close()
        database.dispose()


def register(app: typer.Typer) -> None:
    """Adds ``worker`` to the ``calmdesk`` command."""
    app.command("worker")(worker)
