"""The callback queue's arithmetic (pure: no I/O, no clock; ``now`` is an argument).

Two things put a customer in the queue: a progress update that falls due (the ticket's
cadence) and a callback an agent promised at a chosen time. A public reply or a logged
call satisfies the update; a logged call also makes the callbacks that were due by then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# A call a little before the promised time still keeps the promise.
CALL_EARLY_GRACE = timedelta(hours=2)
EXCERPT_CHARS = 160
MIN_INTERVAL_MINUTES = 15
MAX_INTERVAL_MINUTES = 60 * 24 * 30


class DueKind(StrEnum):
    """Why someone is in the queue."""

    UPDATE = "update"  # the cadence says they are owed news
    CALLBACK = "callback"  # an agent promised to phone them at this time


class CadenceSource(StrEnum):
    """Where a ticket's cadence comes from."""

    AGENT = "agent"
    SLA_POLICY = "sla_policy"
    NONE = "none"


@dataclass(frozen=True)
class DueItem:
    """One person to phone or write to: what is owed, when, and by whom."""

    kind: DueKind
    ticket_id: int
    due_at: datetime
    assignee_id: int | None
    callback_id: int | None = None
    note: str = ""


def next_update_due(*, last_update_at: datetime | None, since: datetime, interval_minutes: int) -> datetime:
    """When the next progress update is owed: one interval after the last one (or after ``since``)."""
    anchor = last_update_at if last_update_at is not None and last_update_at > since else since
    return anchor + timedelta(minutes=interval_minutes)


def is_overdue(due_at: datetime, now: datetime) -> bool:
    """True when the promised time has passed."""
    return due_at <= now


def order_queue(items: Iterable[DueItem]) -> list[DueItem]:
    """Orders the queue by due time; at the same time a promised callback comes before an update."""
    return sorted(items, key=lambda item: (item.due_at, item.kind is not DueKind.CALLBACK, item.ticket_id))


def callbacks_kept_by_call(
    open_callbacks: Sequence[tuple[int, datetime]], *, call_at: datetime, grace: timedelta = CALL_EARLY_GRACE
) -> list[int]:
    """The ids of open callbacks a call at ``call_at`` keeps: those due by then, or shortly after."""
    return [callback_id for callback_id, due_at in open_callbacks if due_at <= call_at + grace]


_SPACE = re.compile(r"\s+")


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a message on one line, cut at a word boundary with an ellipsis."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"
