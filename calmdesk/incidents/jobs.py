"""Incident detection as the worker runs it: one short transaction per batch of new tickets."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.incidents import detection, vectors
from calmdesk.incidents.detection import DetectResult

log = logging.getLogger("calmdesk.incidents")


def detect(database: Database, *, settings: Settings, now: datetime, batches: int = 20) -> DetectResult:
    """Reads every new ticket (in batches) and proposes incidents; returns the totals."""
    vectoriser = vectors.for_mode(settings.analysis_mode)
    total = DetectResult()
    for _ in range(batches):
        with database.unit_of_work() as db:
            step = detection.detect(
                db,
                vectoriser=vectoriser,
                now=now,
                window=timedelta(hours=settings.incident_window_hours),
                background=timedelta(hours=settings.incident_background_hours),
                base_url=settings.base_url,
                min_customers=settings.incident_min_customers,
            )
        total.read += step.read
        total.proposed += step.proposed
        total.joined += step.joined
        total.suggested += step.suggested
        total.absorbed += step.absorbed
        total.notified += step.notified
        if step.read == 0:
            break
    if total.proposed:
        log.info("proposed %d incidents from %d new tickets", len(total.proposed), total.read)
    return total
