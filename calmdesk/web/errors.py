"""HTML error pages for the console; the JSON API keeps its JSON errors.

The API's handlers stay registered: each is wrapped so that a request to a console path
gets a page (or a redirect to sign in) and every other request gets the original answer.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response

from calmdesk.errors import AppError
from calmdesk.web.rendering import render
from calmdesk.web.security import is_console_path
from calmdesk.web.session import SignInRequired

log = logging.getLogger("calmdesk.web")

Handler = Callable[[Request, Exception], Awaitable[Response] | Response]

TITLES = {
    400: "That request did not make sense",
    403: "You don't have access to this",
    404: "Page not found",
    405: "That doesn't work here",
    409: "That clashes with a recent change",
    412: "Someone changed this first",
    413: "That was too much to send at once",
    422: "That could not be accepted",
    500: "Something went wrong on our side",
}
DEFAULT_MESSAGES = {
    403: "Your role does not give you access to this page.",
    404: "There is nothing at this address. It may have moved, or the link may be mistyped.",
    500: "calmdesk hit an unexpected error; nothing was saved. The details are in the server log.",
}


def sign_in_url(request: Request) -> str:
    """Where to send someone who must sign in: back to this page afterwards, for plain GETs."""
    if request.method != "GET":
        return "/signin"
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/signin?next={quote(target, safe='')}"


def sign_in_redirect(request: Request) -> Response:
    """Redirects to sign-in; HTMX requests get ``HX-Redirect`` so the whole page moves."""
    url = sign_in_url(request)
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def error_page(request: Request, status_code: int, message: str | None = None) -> Response:
    """A plain HTML error page with a way back."""
    return render(
        request,
        "error.html",
        {
            "status_code": status_code,
            "title": TITLES.get(status_code, "Something went wrong"),
            "message": message or DEFAULT_MESSAGES.get(status_code, ""),
        },
        status_code=status_code,
    )


def _console_or(original: Handler, page: Callable[[Request, Exception], Response]) -> Handler:
    async def handle(request: Request, error: Exception) -> Response:
        if is_console_path(request.url.path):
            return page(request, error)
        answer = original(request, error)
        return await answer if isinstance(answer, Awaitable) else answer

    return handle


def _app_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, AppError)
    if error.status_code == 401:
        return sign_in_redirect(request)
    return error_page(request, error.status_code, error.message)


def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    status = error.status_code
    detail = str(error.detail) if status not in DEFAULT_MESSAGES else None
    return error_page(request, status, detail)


def _stale(request: Request, _error: Exception) -> Response:
    return error_page(
        request, 409, "Someone changed this record while you were working on it. Reload and try again."
    )


def _integrity(request: Request, error: Exception) -> Response:
    log.warning("integrity error: %s", getattr(error, "orig", error))
    return error_page(request, 409, "That clashes with existing data; nothing was saved.")


def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("unhandled error on a console page", exc_info=error)
    return error_page(request, 500)


def install_html_errors(app: FastAPI) -> None:
    """Serves console errors as pages; API errors are left to the handlers already installed."""

    async def _json_only(_request: Request, error: Exception) -> Response:
        raise error

    pages: dict[type[Exception], Callable[[Request, Exception], Response]] = {
        AppError: _app_error,
        StarletteHTTPException: _http_error,
        RequestValidationError: lambda request, _error: error_page(request, 422),
        StaleDataError: _stale,
        IntegrityError: _integrity,
        Exception: _unexpected,
    }
    for kind, page in pages.items():
        original = app.exception_handlers.get(kind, _json_only)
        app.add_exception_handler(kind, _console_or(original, page))

    async def _sign_in(request: Request, _error: Exception) -> Response:
        return sign_in_redirect(request)

    app.add_exception_handler(SignInRequired, _sign_in)
