"""Survey links and ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from calmdesk.followup.survey_rules import LinkState, is_poor, link_state, mood_word

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_link_is_live_until_answered_or_expired() -> None:
    later = T0 + timedelta(days=1)
    assert link_state(expires_at=later, answered_at=None, now=T0) is LinkState.LIVE
    assert link_state(expires_at=later, answered_at=T0, now=T0) is LinkState.ANSWERED
    assert link_state(expires_at=T0, answered_at=None, now=T0) is LinkState.EXPIRED
    # Answered wins over expired: the customer is told they already answered.
    assert link_state(expires_at=T0, answered_at=T0, now=later) is LinkState.ANSWERED


@pytest.mark.parametrize(
    ("rating", "poor"), [(1, True), (2, True), (3, False), (4, False), (5, False), (0, False)]
)
def test_one_and_two_are_poor(rating: int, poor: bool) -> None:
    assert is_poor(rating) is poor


def test_mood_words() -> None:
    assert [mood_word(m) for m in (None, -0.9, -0.3, 0.0, 0.6)] == [
        "unknown",
        "upset",
        "unhappy",
        "neutral",
        "pleased",
    ]
