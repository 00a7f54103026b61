"""The callback queue's arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from calmdesk.followup.cadence import (
    CALL_EARLY_GRACE,
    DueItem,
    DueKind,
    callbacks_kept_by_call,
    excerpt,
    is_overdue,
    next_update_due,
    order_queue,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_the_next_update_is_one_interval_after_the_last_one() -> None:
    assert next_update_due(last_update_at=T0, since=T0 - HOUR, interval_minutes=90) == T0 + 1.5 * HOUR
    # Nothing said yet, or only before the cadence was set: count from when it was set.
    assert next_update_due(last_update_at=None, since=T0, interval_minutes=60) == T0 + HOUR
    assert next_update_due(last_update_at=T0 - 5 * HOUR, since=T0, interval_minutes=60) == T0 + HOUR


def test_due_at_the_promised_instant_is_overdue() -> None:
    assert is_overdue(T0, T0) and is_overdue(T0, T0 + HOUR) and not is_overdue(T0 + HOUR, T0)


def test_the_queue_is_ordered_by_time_with_promised_calls_first_on_a_tie() -> None:
    update_late = DueItem(DueKind.UPDATE, 1, T0 + HOUR, None)
    update_now = DueItem(DueKind.UPDATE, 2, T0, 7)
    call_now = DueItem(DueKind.CALLBACK, 3, T0, 7, callback_id=9)
    assert order_queue([update_late, update_now, call_now]) == [call_now, update_now, update_late]


def test_a_call_keeps_callbacks_due_by_then_or_shortly_after() -> None:
    callbacks = [
        (1, T0 - HOUR),
        (2, T0 + CALL_EARLY_GRACE),
        (3, T0 + CALL_EARLY_GRACE + timedelta(seconds=1)),
    ]
    assert callbacks_kept_by_call(callbacks, call_at=T0) == [1, 2]
    assert callbacks_kept_by_call([], call_at=T0) == []


def test_an_excerpt_is_one_line_cut_at_a_word() -> None:
    assert excerpt("  Hello,\n\n  we are   on it.  ") == "Hello, we are on it."
    long = "word " * 100
    cut = excerpt(long, limit=40)
    assert len(cut) <= 40 and cut.endswith("…") and not cut.endswith(" …")
    assert cut[:-1].split() == ["word"] * len(cut[:-1].split())
    assert excerpt("x" * 50, limit=20) == "x" * 19 + "…"
