"""The console's session cookie, its link to the existing sign-in sessions, and CSRF tokens.

The cookie holds the very session token ``auth_service.login`` issues (``cds_…``): there is
one credential store, and signing out revokes the token like the API's ``/auth/logout``.
Every form carries a CSRF token derived from that secret with the server's key, so it
needs no storage, works across processes and dies with the session. Forms shown before
sign-in bind their token to a random pre-session cookie instead; the portal binds it to
the portal link.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.datastructures import FormData

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext
from calmdesk.auth import service as auth_service
from calmdesk.auth.permissions import Permission
from calmdesk.config import Settings
from calmdesk.errors import Forbidden, NotAuthenticated

SESSION_COOKIE = "calmdesk_session"
SIGNIN_COOKIE = "calmdesk_signin"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_FORM_FIELDS = 200


class SignInRequired(Exception):
    """The console needs a signed-in staff member; the error pages send people to sign in."""


class CsrfRefused(Forbidden):
    """A form came without the token of the page calmdesk served."""

    def __init__(self) -> None:
        super().__init__(
            "csrf_failed",
            "This form has expired or did not come from this calmdesk page. Reload the page and try again.",
        )


def secure_cookies(settings: Settings) -> bool:
    """Cookies are ``Secure`` whenever calmdesk is reached over https."""
    return settings.base_url.lower().startswith("https://")


def csrf_token(settings: Settings, *, purpose: str, secret: str) -> str:
    """The CSRF token for forms bound to ``secret`` (a session token, nonce or portal token)."""
    key = settings.secret_key.get_secret_value().encode()
    return hmac.new(key, f"{purpose}\x00{secret}".encode(), hashlib.sha256).hexdigest()


def check_csrf(request: Request, form: FormData, expected: str) -> None:
    """Refuses the request unless its form field or HTMX header carries ``expected``."""
    field = form.get(CSRF_FIELD)
    for presented in (field if isinstance(field, str) else None, request.headers.get(CSRF_HEADER)):
        if presented and hmac.compare_digest(presented.encode(), expected.encode()):
            return
    raise CsrfRefused


def set_session_cookie(response: Response, settings: Settings, token: str) -> None:
    """Hands the browser its session: HttpOnly, SameSite=Lax, Secure over https."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_ttl_hours * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(settings),
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    """Tells the browser to forget its session."""
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookies(settings)
    )


def signin_nonce(request: Request) -> tuple[str, bool]:
    """The pre-session nonce the sign-in form is bound to, and whether it is new."""
    current = request.cookies.get(SIGNIN_COOKIE)
    if current and 20 <= len(current) <= 100:
        return current, False
    return secrets.token_urlsafe(24), True


def set_signin_cookie(response: Response, settings: Settings, nonce: str) -> None:
    """Stores the sign-in form's nonce for an hour."""
    response.set_cookie(
        SIGNIN_COOKIE,
        nonce,
        max_age=3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(settings),
    )


@dataclass(frozen=True)
class ConsoleSession:
    """The staff member behind the session cookie, and the CSRF token their forms carry."""

    staff: StaffContext
    csrf: str

    @property
    def staff_id(self) -> int:
        """The signed-in staff member's id."""
        return self.staff.staff_id

    def can(self, permission: Permission) -> bool:
        """True when the staff member's role carries ``permission``."""
        return self.staff.can(permission)


def current_session(request: Request, db: DbSession, settings: SettingsDep) -> ConsoleSession:
    """The signed-in staff member, or SignInRequired (the error pages redirect to sign-in)."""
    token = request.cookies.get(SESSION_COOKIE, "")
    # Only sign-in sessions ride in cookies; an API token pasted into one is not accepted.
    if not token.startswith(f"{auth_service.SESSION_PREFIX}_"):
        raise SignInRequired
    try:
        credential = auth_service.authenticate(db, token=token)
    except NotAuthenticated as error:
        raise SignInRequired from error
    return ConsoleSession(
        staff=StaffContext(credential), csrf=csrf_token(settings, purpose="session", secret=token)
    )


def console_user(permission: Permission) -> Callable[[ConsoleSession], ConsoleSession]:
    """A dependency: the signed-in staff member, if their role carries ``permission``."""

    def check(session: Annotated[ConsoleSession, Depends(current_session)]) -> ConsoleSession:
        if not session.can(permission):
            raise Forbidden("forbidden", "Your role does not give you access to this page.")
        return session

    check.__name__ = f"console_{permission.name.lower()}"
    return check


async def read_form(request: Request) -> FormData:
    """The posted form; plain fields only (the console uploads no files)."""
    return await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)


PostedForm = Annotated[FormData, Depends(read_form)]


@dataclass(frozen=True)
class SignedForm:
    """A posted form whose CSRF token matched the poster's session."""

    session: ConsoleSession
    form: FormData

    def text(self, name: str) -> str:
        """The field's value as stripped text ('' when absent)."""
        value = self.form.get(name)
        return value.strip() if isinstance(value, str) else ""


def signed_form(permission: Permission) -> Callable[..., SignedForm]:
    """A dependency for POSTs: a signed-in staff member with ``permission`` and a valid CSRF token."""

    allowed = Depends(console_user(permission))

    # A default, not an annotation: string annotations cannot see this function's locals.
    def check(request: Request, form: PostedForm, session: ConsoleSession = allowed) -> SignedForm:
        check_csrf(request, form, session.csrf)
        return SignedForm(session=session, form=form)

    check.__name__ = f"signed_form_{permission.name.lower()}"
    return check
