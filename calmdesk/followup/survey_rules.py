"""Rules for satisfaction surveys (pure: no I/O, no clock; ``now`` is an argument)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

SURVEY_TTL = timedelta(days=14)
POOR_RATING = 2  # this or lower reopens the ticket and alerts the supervisor
MIN_RATING, MAX_RATING = 1, 5


class LinkState(StrEnum):
    """What a survey link can still do."""

    LIVE = "live"
    ANSWERED = "answered"
    EXPIRED = "expired"


def link_state(*, expires_at: datetime, answered_at: datetime | None, now: datetime) -> LinkState:
    """A link is used up once answered, and dead after it expires."""
    if answered_at is not None:
        return LinkState.ANSWERED
    if expires_at <= now:
        return LinkState.EXPIRED
    return LinkState.LIVE


def is_poor(rating: int) -> bool:
    """True for a rating that must reopen the ticket and reach the supervisor."""
    return MIN_RATING <= rating <= POOR_RATING


def mood_word(mood: float | None) -> str:
    """The tone analyser's mood (-1 upset … +1 pleased) in a word a supervisor reads at a glance."""
    if mood is None:
        return "unknown"
    if mood <= -0.5:
        return "upset"
    if mood < -0.1:
        return "unhappy"
    if mood <= 0.2:
        return "neutral"
    return "pleased"
