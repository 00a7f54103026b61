"""The one clock calmdesk reads the time from.

Every "now" in calmdesk comes from :func:`utcnow`, so tests travel in time with
``time-machine`` instead of sleeping, and pure-core code takes ``now`` as an argument.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Returns the current instant as a timezone-aware UTC datetime."""
    return datetime.now(UTC)


def ensure_utc(moment: datetime) -> datetime:
    """Returns ``moment`` in UTC; refuses naive datetimes, whose zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: calmdesk needs timezone-aware instants")
    return moment.astimezone(UTC)
