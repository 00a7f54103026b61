"""Errors a person can act on: each carries an HTTP status, a machine code and a message."""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """Base of calmdesk's expected errors; the API renders them as JSON."""

    status_code = 400

    def __init__(self, code: str, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class InvalidRequest(AppError):
    """The request is well-formed but its content cannot be accepted."""

    status_code = 422


class NotAuthenticated(AppError):
    """No valid credential was presented."""

    status_code = 401


class Forbidden(AppError):
    """The caller is known but may not do this."""

    status_code = 403


class NotFound(AppError):
    """The thing asked for does not exist (or is not visible to the caller)."""

    status_code = 404

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what}_not_found", f"no {what.replace('_', ' ')} {key!s}")


class Conflict(AppError):
    """The request clashes with the current state (a duplicate, an illegal transition)."""

    status_code = 409


class PreconditionFailed(AppError):
    """An If-Match precondition failed: somebody changed the record first."""

    status_code = 412


class PayloadTooLarge(AppError):
    """The request body is over the configured limit."""

    status_code = 413


class TooManyRequests(AppError):
    """The caller must wait before trying again; ``retry_after`` says how many seconds."""

    status_code = 429

    def __init__(self, code: str, message: str, *, retry_after: int) -> None:
        super().__init__(code, message, details={"retry_after_seconds": retry_after})
        self.retry_after = retry_after
