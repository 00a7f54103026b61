"""The worker: the timed work of the desk, run by `calmdesk worker` (or inside `calmdesk serve`).

Two loops run side by side: the SLA sweep, which sleeps until the earliest next
check falls due (at most ``worker_poll_seconds``), and the delivery of due
notifications (woken by the sweep when it queued some, otherwise polling). Every
step is a short transaction with its own time limit; a step that
fails is logged and the loop goes on (failed rows keep their failure). Several
workers can run side by side on PostgreSQL: they claim rows with
``FOR UPDATE SKIP LOCKED`` and every step has a unique key in the database.
:meth:`Worker.run_once` runs one sweep and then delivery to exhaustion, for tests
and ``calmdesk worker --once``.
Incident detection runs in a third loop of :meth:`Worker.run` (``calmdesk incidents detect`` runs it once).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from calmdesk import housekeeping
from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.escalation import jobs as escalation_jobs
from calmdesk.incidents import jobs as incident_jobs
from calmdesk.notify.delivery import Deliverer, DeliveryResult
from calmdesk.sla import jobs as sla_jobs
from calmdesk.sla.jobs import SweepResult

log = logging.getLogger("calmdesk.worker")
MIN_SLEEP = 0.05


@dataclass
class PassReport:
    """What one pass of the worker did."""

    sweep: SweepResult = field(default_factory=SweepResult)
    delivery: DeliveryResult = field(default_factory=DeliveryResult)
    re_escalated: int = 0
    errors: int = 0


class Worker:
    """One worker's loop over the desk's timed jobs."""

    def __init__(self, database: Database, settings: Settings, *, rand: Callable[[], float] | None = None):
        self.database = database
        self.settings = settings
        self.deliverer = Deliverer(database, settings, **({"rand": rand} if rand else {}))

    def run_once(self) -> PassReport:
        """Runs one pass: the SLA sweep, then notification delivery until nothing more is due."""
        report = PassReport()
        try:
            report.sweep = sla_jobs.sweep(self.database, settings=self.settings, now=utcnow())
        except Exception:
            log.exception("the SLA sweep failed; it is retried on the next pass")
            report.errors += 1
        try:
            report.re_escalated = escalation_jobs.sweep(self.database, settings=self.settings, now=utcnow())
        except Exception:
            log.exception("passing up unacknowledged escalations failed; it is retried on the next pass")
            report.errors += 1
        try:
            report.delivery = self._deliver_all()
        except Exception:
            log.exception("notification delivery failed; it is retried on the next pass")
            report.errors += 1
        return report

    def _deliver_all(self) -> DeliveryResult:
        total = DeliveryResult()
        for _ in range(50):  # bounded: a steady stream must not starve the sweep
            step = self.deliverer.run()
            total.claimed += step.claimed
            total.delivered += step.delivered
            total.retried += step.retried
            total.dead += step.dead
            if step.claimed == 0:
                break
        return total

    def run(self, stop: threading.Event) -> None:
        """Runs the sweep and delivery loops until ``stop`` is set; each finishes the step in hand.

        The two loops run side by side (delivery on a second thread), so notifications
        from one sweep batch go out while the next is checked; a sweep that queued
        something wakes the delivery loop at once instead of after a poll interval.
        """
        log.info(
            "worker started (poll every %.2fs, %s)", self.settings.worker_poll_seconds, self.database.dialect
        )
        wake = threading.Event()
        delivery = threading.Thread(
            target=self._delivery_loop, args=(stop, wake), name="calmdesk-delivery", daemon=True
        )
        delivery.start()
        # Detection embeds text (tens of ms a ticket with the model): its own loop keeps
        # it from delaying a due SLA check.
        incidents = threading.Thread(
            target=self._incident_loop, args=(stop, wake), name="calmdesk-incidents", daemon=True
        )
        incidents.start()
        try:
            self._sweep_loop(stop, wake)
        finally:
            wake.set()
            delivery.join(timeout=60)
            incidents.join(timeout=60)
        log.info("worker stopped")

    def _sweep_loop(self, stop: threading.Event, wake: threading.Event) -> None:
        next_tidy = time.monotonic()
        while not stop.is_set():
            if time.monotonic() >= next_tidy:
                next_tidy = time.monotonic() + self.settings.housekeeping_minutes * 60
                self._tidy()
            try:
                result = sla_jobs.sweep(self.database, settings=self.settings, now=utcnow())
            except Exception:
                log.exception("the SLA sweep failed; it is retried after the poll interval")
            else:
                if result.queued:
                    wake.set()
                if result.fired:
                    log.info("checked %d tickets, fired %d steps", result.checked, result.fired)
            try:
                if escalation_jobs.sweep(self.database, settings=self.settings, now=utcnow()):
                    wake.set()
            except Exception:
                log.exception("passing up unacknowledged escalations failed; it is retried after the poll")
            stop.wait(self._until_next_check())

    def _tidy(self) -> None:
        try:
            housekeeping.tidy(self.database, settings=self.settings, now=utcnow())
        except Exception:
            log.exception("housekeeping failed; it is retried at the next interval")

    def _until_next_check(self) -> float:
        """Seconds to sleep: until the next check falls due, at most the poll interval."""
        poll = self.settings.worker_poll_seconds
        try:
            due = sla_jobs.next_due_at(self.database)
        except Exception:
            log.exception("could not read the next check time; polling")
            return poll
        if due is None:
            return poll
        # A little after the instant itself (a clock breaches just after its deadline), and
        # never a busy loop when a due ticket is held by another worker.
        return min(poll, max((due - utcnow()).total_seconds() + 0.005, MIN_SLEEP))

    def _delivery_loop(self, stop: threading.Event, wake: threading.Event) -> None:
        while not stop.is_set():
            wake.clear()  # before the step: a sweep that queues during it is not missed
            try:
                result = self.deliverer.run()
            except Exception:
                log.exception("notification delivery failed; it is retried after the poll interval")
                result = DeliveryResult()
            if result.claimed:
                log.info(
                    "delivered %d notifications (%d to retry, %d dead)",
                    result.delivered,
                    result.retried,
                    result.dead,
                )
                continue
            wake.wait(self.settings.worker_poll_seconds)

    def _incident_loop(self, stop: threading.Event, wake: threading.Event) -> None:
        while not stop.is_set():
            try:
                result = incident_jobs.detect(self.database, settings=self.settings, now=utcnow())
            except Exception:
                log.exception("incident detection failed; it is retried after the poll interval")
            else:
                if result.notified:
                    wake.set()
            stop.wait(self.settings.worker_poll_seconds)

    def close(self) -> None:
        """Releases the worker's sending threads and connections."""
        self.deliverer.close()


def start_in_background(settings: Settings) -> Callable[[], None]:
    """Starts a worker on its own thread and database pool; returns the function that stops it."""
    database = Database(settings.database_url, pool_size=2)
    worker = Worker(database, settings)
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), name="calmdesk-worker", daemon=True)
    thread.start()

    def stop_worker() -> None:
        stop.set()
        thread.join(timeout=30)
        worker.close()
        database.dispose()

    return stop_worker
