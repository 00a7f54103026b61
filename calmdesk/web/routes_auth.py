"""Signing in and out of the console, and the front door."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.auth import service as auth_service
from calmdesk.auth import signin_guard
from calmdesk.auth.permissions import Permission, allows
from calmdesk.auth.signin_guard import SignInLimits
from calmdesk.clock import utcnow
from calmdesk.errors import NotAuthenticated, TooManyRequests
from calmdesk.staff.roles import Role
from calmdesk.web.rendering import render
from calmdesk.web.session import (
    ConsoleSession,
    CsrfRefused,
    PostedForm,
    SignedForm,
    SignInRequired,
    check_csrf,
    clear_session_cookie,
    csrf_token,
    current_session,
    set_session_cookie,
    set_signin_cookie,
    signed_form,
    signin_nonce,
)

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """A local path to go to after sign-in; anything that could leave the site becomes the inbox."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/inbox"
    return target


def _home_for(session: ConsoleSession) -> str:
    if session.can(Permission.TICKETS_READ):
        return "/inbox"
    if session.can(Permission.STAFF_MANAGE):
        return "/admin/staff"
    if session.can(Permission.PAY_OWN):
        return "/contractors"
    return "/account"


@router.get("/")
def front_door(request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """Sends staff to their inbox, everyone else to sign in."""
    try:
        session = current_session(request, db, settings)
    except SignInRequired:
        return RedirectResponse("/signin", status_code=303)
    return RedirectResponse(_home_for(session), status_code=303)


def _signin_page(
    request: Request, settings: SettingsDep, *, email: str = "", error: str = "", status_code: int = 200
) -> Response:
    nonce, fresh = signin_nonce(request)
    response = render(
        request,
        "signin.html",
        {"email": email, "error": error, "next": safe_next(request.query_params.get("next"))},
        csrf=csrf_token(settings, purpose="signin", secret=nonce),
        status_code=status_code,
    )
    if fresh:
        set_signin_cookie(response, settings, nonce)
    return response


@router.get("/signin")
def signin_form(request: Request, settings: SettingsDep) -> Response:
    """The sign-in form."""
    return _signin_page(request, settings)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + "."


@router.post("/signin")
def signin(request: Request, form: PostedForm, db: DbSession, settings: SettingsDep) -> Response:
    """Checks email and password, opens a session and sets its cookie."""
    email = str(form.get("email", "")).strip()
    nonce, fresh = signin_nonce(request)
    try:
        if fresh:
            raise CsrfRefused
        check_csrf(request, form, csrf_token(settings, purpose="signin", secret=nonce))
    except CsrfRefused:
        expired = "The sign-in form expired. Please try again."
        return _signin_page(request, settings, email=email, error=expired, status_code=403)
    password = str(form.get("password", ""))
    limits = SignInLimits.from_settings(settings)
    address = request.client.host if request.client else ""
    try:
        signin_guard.check_allowed(db, email=email, address=address, limits=limits, now=utcnow())
        issued = auth_service.login(
            db, email=email, password=password, ttl=timedelta(hours=settings.session_ttl_hours)
        )
    except TooManyRequests as error:
        response = _signin_page(
            request, settings, email=email, error=_sentence(error.message), status_code=429
        )
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    except NotAuthenticated as error:
        signin_guard.record_failure(db, email=email, address=address, limits=limits, now=utcnow())
        db.commit()  # the failure must count even though the sign-in fails
        return _signin_page(request, settings, email=email, error=_sentence(error.message), status_code=401)
    signin_guard.clear_failures(db, email=email)
    db.commit()
    target = safe_next(str(form.get("next", "")))
    staff = issued.record.staff
    if target == "/inbox" and not allows(Role(staff.role), Permission.TICKETS_READ):
        target = "/"  # the front door knows where a contractor's work is
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, settings, issued.token)
    return response


@router.post("/signout")
def signout(
    db: DbSession,
    settings: SettingsDep,
    posted: Annotated[SignedForm, Depends(signed_form(Permission.OWN_ACCOUNT))],
) -> Response:
    """Ends the session: the token is revoked, not just forgotten by the browser."""
    staff = posted.session.staff
    record = auth_service.get_token_or_raise(db, token_id=staff.token_id)
    auth_service.revoke_token(db, record=record, actor=staff.actor)
    db.commit()
    response = RedirectResponse("/signin", status_code=303)
    clear_session_cookie(response, settings)
    return response


@router.get("/account")
def account(session: Annotated[ConsoleSession, Depends(current_session)], request: Request) -> Response:
    """A signed-in staff member's own page (contractors' appointments and pay will live here)."""
    return render(request, "account.html", session=session)
