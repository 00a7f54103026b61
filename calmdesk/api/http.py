"""Small HTTP helpers: ETags and If-Match, JSON answers with headers."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from calmdesk.errors import PreconditionFailed
from calmdesk.idempotency import IdempotentResult

ReadT = TypeVar("ReadT", bound=BaseModel)


def etag(version: int) -> str:
    """The entity tag of a record at ``version``."""
    return f'"{version}"'


def check_if_match(request: Request, version: int) -> None:
    """Refuses the write with 412 when the client's If-Match names another version."""
    header = request.headers.get("if-match")
    if header is None or header.strip() == "*":
        return
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if etag(version) not in wanted:
        raise PreconditionFailed(
            "stale_version",
            f"the record changed since you read it (now version {version}); "
            "fetch it again, re-apply your change and retry",
            details={"current_version": version},
        )


def created_response(result: IdempotentResult, *, location: str | None = None) -> JSONResponse:
    """Answers a (possibly replayed) creation with its stored status and body."""
    headers = {"Idempotent-Replayed": "true" if result.replayed else "false"}
    body: Any = result.body
    if isinstance(body, dict) and isinstance(body.get("version"), int):
        headers["ETag"] = etag(body["version"])
    if location is not None:
        headers["Location"] = location
    return JSONResponse(status_code=result.status_code, content=body, headers=headers)


def commit_read(db: Session, response: Response, read_model: type[ReadT], record: object) -> ReadT:
    """Flushes, reads the record as ``read_model``, commits once, and sets the ETag."""
    db.flush()
    result = read_model.model_validate(record)
    db.commit()
    version = getattr(result, "version", None)
    if isinstance(version, int):
        response.headers["ETag"] = etag(version)
    return result


def read_with_etag(response: Response, read_model: type[ReadT], record: object) -> ReadT:
    """Reads the record as ``read_model`` and sets the ETag."""
    result = read_model.model_validate(record)
    version = getattr(result, "version", None)
    if isinstance(version, int):
        response.headers["ETag"] = etag(version)
    return result
