"""The sliding-window lock-out after failed sign-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from calmdesk.auth.throttle import wait_before_next_try

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def minutes_ago(*minutes: float) -> list[datetime]:
    return [NOW - timedelta(minutes=m) for m in minutes]


def test_below_the_limit_a_try_is_allowed() -> None:
    assert wait_before_next_try(minutes_ago(1, 2, 3, 4), now=NOW, limit=5, window=WINDOW) is None


def test_at_the_limit_the_wait_lasts_until_the_oldest_counted_failure_leaves_the_window() -> None:
    wait = wait_before_next_try(minutes_ago(10, 4, 3, 2, 1), now=NOW, limit=5, window=WINDOW)
    assert wait == timedelta(minutes=5)


def test_failures_older_than_the_window_do_not_count() -> None:
    assert wait_before_next_try(minutes_ago(20, 16, 4, 3, 2, 1), now=NOW, limit=5, window=WINDOW) is None


def test_over_the_limit_the_wait_runs_until_the_count_drops_below_it() -> None:
    # Seven failures, limit five: the third-oldest must age out before a try is allowed.
    wait = wait_before_next_try(minutes_ago(14, 12, 9, 3, 2, 1, 0.5), now=NOW, limit=5, window=WINDOW)
    assert wait == timedelta(minutes=6)


@given(
    st.lists(st.integers(min_value=0, max_value=30 * 60), max_size=30),
    st.integers(min_value=1, max_value=10),
)
def test_after_the_wait_a_try_is_allowed_and_just_before_it_is_not(
    seconds_ago: list[int], limit: int
) -> None:
    failures = [NOW - timedelta(seconds=s) for s in seconds_ago]
    wait = wait_before_next_try(failures, now=NOW, limit=limit, window=WINDOW)
    recent = [at for at in failures if NOW - WINDOW < at <= NOW]
    assert (wait is None) == (len(recent) < limit)
    if wait is not None:
        later = NOW + wait
        assert wait_before_next_try(failures, now=later, limit=limit, window=WINDOW) is None
        if wait > timedelta(seconds=1):
            earlier = later - timedelta(seconds=1)
            assert wait_before_next_try(failures, now=earlier, limit=limit, window=WINDOW) is not None
