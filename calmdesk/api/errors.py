"""Every error leaves as JSON: ``{"error": {"code", "message", "details"}}``, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from calmdesk.errors import AppError, TooManyRequests

log = logging.getLogger("calmdesk.api")

_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The JSON shape of every calmdesk error."""
    return {"error": {"code": code, "message": message, "details": details}}


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(part) for part in loc if part not in ("body",)]
    return ".".join(parts) or "body"


def _validation_message(errors: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    details = []
    for error in errors:
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        if error.get("type") == "extra_forbidden":
            message = "unknown field (check the spelling; see /docs for the fields this accepts)"
        details.append({"field": _where(tuple(error.get("loc", ()))), "message": message})
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:5])
    return f"the request is not valid: {summary}", details


def install_error_handlers(app: FastAPI) -> None:
    """Registers the handlers that turn exceptions into calmdesk's JSON errors."""

    @app.exception_handler(AppError)
    async def _app_error(_request: Request, error: AppError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status_code == 401 else None
        if isinstance(error, TooManyRequests):
            headers = {"Retry-After": str(error.retry_after)}
        return JSONResponse(
            error_body(error.code, error.message, error.details),
            status_code=error.status_code,
            headers=headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        message, details = _validation_message(list(error.errors()))
        return JSONResponse(error_body("validation_failed", message, details), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(error.status_code, "http_error")
        return JSONResponse(
            error_body(code, str(error.detail)), status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(StaleDataError)
    async def _stale(_request: Request, _error: StaleDataError) -> JSONResponse:
        message = "the record was changed by someone else while you wrote; fetch it again and retry"
        return JSONResponse(error_body("stale_version", message), status_code=412)

    @app.exception_handler(IntegrityError)
    async def _integrity(_request: Request, error: IntegrityError) -> JSONResponse:
        log.warning("integrity error: %s", error.orig)
        message = (
            "the change clashes with existing data (a duplicate or a missing reference); nothing was saved"
        )
        return JSONResponse(error_body("conflict", message), status_code=409)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=error)
        message = "calmdesk hit an unexpected error; nothing was saved. The details are in the server log."
        return JSONResponse(error_body("internal_error", message), status_code=500)
