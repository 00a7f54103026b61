"""The lock-out after repeated failed sign-ins, per account and per client address.

Failures are rows (``sign_in_failures``), so every server process and worker sees the
same count. A failure is committed on its own, even though the sign-in itself fails;
rows older than the window are deleted as new failures arrive, so the table stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from calmdesk.auth.models import SignInFailure
from calmdesk.auth.throttle import wait_before_next_try
from calmdesk.config import Settings
from calmdesk.errors import TooManyRequests

# One address may try several accounts (a shared office), so it gets more room than one account.
ADDRESS_FACTOR = 4


@dataclass(frozen=True)
class SignInLimits:
    """How many failures are allowed within what window."""

    max_failures: int
    window: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> SignInLimits:
        """The limits configured for this desk."""
        return cls(settings.signin_max_failures, timedelta(minutes=settings.signin_lockout_minutes))


def _key(email: str) -> str:
    return email.strip().lower()[:320]


def check_allowed(db: Session, *, email: str, address: str, limits: SignInLimits, now: datetime) -> None:
    """Raises TooManyRequests while the account or the address is locked out."""
    since = now - limits.window
    by_email = db.scalars(
        select(SignInFailure.failed_at).where(
            SignInFailure.email == _key(email), SignInFailure.failed_at > since
        )
    ).all()
    by_address = db.scalars(
        select(SignInFailure.failed_at).where(
            SignInFailure.address == address[:64], SignInFailure.failed_at > since
        )
    ).all()
    waits = [
        wait_before_next_try(by_email, now=now, limit=limits.max_failures, window=limits.window),
        wait_before_next_try(
            by_address, now=now, limit=limits.max_failures * ADDRESS_FACTOR, window=limits.window
        ),
    ]
    longest = max((wait for wait in waits if wait is not None), default=None)
    if longest is not None:
        minutes = max(1, -(-int(longest.total_seconds()) // 60))
        raise TooManyRequests(
            "sign_in_locked",
            f"too many failed sign-ins; try again in {minutes} minute{'s' if minutes != 1 else ''}, "
            "or ask an admin to reset your password",
            retry_after=int(longest.total_seconds()),
        )


def record_failure(db: Session, *, email: str, address: str, limits: SignInLimits, now: datetime) -> None:
    """Counts one failed sign-in and forgets failures that have left the window."""
    db.execute(delete(SignInFailure).where(SignInFailure.failed_at <= now - limits.window))
    db.add(SignInFailure(email=_key(email), address=address[:64], failed_at=now))
    db.flush()


def clear_failures(db: Session, *, email: str) -> None:
    """A successful sign-in wipes the account's failures (the address keeps its own)."""
    db.execute(delete(SignInFailure).where(SignInFailure.email == _key(email)))
