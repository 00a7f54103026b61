"""How long a sign-in must wait after repeated failures (pure: the caller supplies the failures).

A sliding window: once ``limit`` failures fall inside the last ``window``, sign-in is
refused until the oldest of those leaves the window. The check runs before the password
is verified, so a guesser learns nothing and costs the server no argon2 work.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta


def wait_before_next_try(
    failures: Sequence[datetime], *, now: datetime, limit: int, window: timedelta
) -> timedelta | None:
    """How long until another try is allowed, or None when it is allowed now."""
    recent = sorted(at for at in failures if now - window < at <= now)
    if len(recent) < limit:
        return None
    # The try becomes allowed when enough failures have aged out to drop below the limit.
    release_at = recent[len(recent) - limit] + window
    return max(release_at - now, timedelta(seconds=1))
