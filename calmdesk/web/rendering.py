"""Rendering console pages: one autoescaping Jinja2 environment and the filters it offers.

Customer text reaches templates in two forms only: plain text, which autoescape
escapes, and ``body_html``, which ``calmdesk.sanitize.clean_html`` cleaned before it was
stored. :func:`message_html` is the single place that marks the latter as safe; no
template uses ``|safe``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.responses import Response

from calmdesk.auth.permissions import Permission
from calmdesk.clock import ensure_utc, utcnow
from calmdesk.contractors.pay import render_hours
from calmdesk.money import Money
from calmdesk.money import render as render_money
from calmdesk.tickets.models import Message
from calmdesk.web.panels import NAV, NavItem
from calmdesk.web.session import CSRF_FIELD, CSRF_HEADER, ConsoleSession

HTML_HEADERS = {
    # Pages show customer data: never keep them in shared caches or the back-forward cache.
    "Cache-Control": "no-store",
    "Vary": "Cookie, HX-Request, HX-Target",
}


def label(value: object) -> str:
    """A vocabulary value as people read it: ``pending_customer`` → ``Pending customer``."""
    text = str(value or "").replace("_", " ")
    return text[:1].upper() + text[1:]


def when(moment: datetime | None) -> str:
    """An instant as an unambiguous UTC string, e.g. ``12 May 2025, 14:03 UTC``."""
    if moment is None:
        return ""
    moment = ensure_utc(moment)
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


def age(moment: datetime | None, now: datetime) -> str:
    """How long ago ``moment`` was, coarsely: ``just now``, ``5 min``, ``3 h``, ``2 d``."""
    if moment is None:
        return ""
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 48 * 3600:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def duration(seconds: int | None) -> str:
    """A call's length: ``9 min 5 s``, ``45 s``, ``1 h 2 min``."""
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def longdate(day: date) -> str:
    """A day written out: ``3 November 2026``."""
    return f"{day.day} {day:%B %Y}"


def shortdate(day: date) -> str:
    """A day in a table: ``Tue 3 Nov``."""
    return f"{day:%a} {day.day} {day:%b}"


def local(moment: datetime, zone: tzinfo, pattern: str = "%a %d %b, %H:%M") -> str:
    """An instant in a contractor's own time zone (appointments are local work)."""
    return ensure_utc(moment).astimezone(zone).strftime(pattern)


def money(amount: Money) -> str:
    """Money as people read it, through calmdesk.money's one renderer."""
    return render_money(amount)


def hours(worked: timedelta) -> str:
    """Hours worked, as pay statements show them."""
    return render_hours(worked)


def message_html(message: Message) -> Markup | None:
    """The message's stored HTML, cleaned by calmdesk.sanitize before it was stored, or None."""
    if not message.body_html:
        return None
    # Safe by construction: conversation.append stores only clean_html() output.
    return Markup(message.body_html)  # noqa: S704 - the one trusted, pre-sanitised source


def nav_items(session: ConsoleSession | None) -> list[NavItem]:
    """The navigation entries the signed-in staff member may open."""
    if session is None:
        return []
    return [item for item in NAV if any(session.can(p) for p in (item.permission, *item.also))]


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("calmdesk.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(label=label, when=when, age=age, duration=duration)
    env.filters.update(longdate=longdate, shortdate=shortdate, local=local, money=money, hours=hours)
    env.globals.update(
        message_html=message_html,
        nav_items=nav_items,
        Permission=Permission,
        CSRF_FIELD=CSRF_FIELD,
        CSRF_HEADER=CSRF_HEADER,
    )
    return env


templates = Jinja2Templates(env=_environment())


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    session: ConsoleSession | None = None,
    csrf: str = "",
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """Renders a console template with the signed-in staff member (if any) and their CSRF token."""
    page: dict[str, Any] = {
        "me": session.staff.credential if session else None,
        "session": session,
        "csrf_token": session.csrf if session else csrf,
        "now": utcnow(),
        "is_admin": bool(session and session.can(Permission.STAFF_MANAGE)),
    }
    page.update(context or {})
    return templates.TemplateResponse(
        request, name, page, status_code=status_code, headers={**HTML_HEADERS, **(headers or {})}
    )
