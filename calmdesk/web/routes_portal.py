"""The customer's page: their one ticket's public thread and a reply form, reached by their link.

The link's token is the credential (``auth_service.ticket_for_portal_token``): unknown,
expired and revoked links all look like a missing page. Internal notes, logged calls'
details and staff surnames never reach this page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import Actor
from calmdesk.config import Settings
from calmdesk.errors import AppError
from calmdesk.tickets import conversation
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.tickets.models import AuthorKind, Message, Ticket
from calmdesk.tickets.schemas import CustomerMessageCreate
from calmdesk.web.forms import FormErrors, errors_from_app_error, parse
from calmdesk.web.rendering import message_html, render
from calmdesk.web.session import PostedForm, check_csrf, csrf_token

router = APIRouter(include_in_schema=False)
PUBLIC_LIMIT = 500


@dataclass(frozen=True)
class PublicEntry:
    """One message as the customer sees it."""

    author: str
    from_customer: bool
    text: str
    html: Markup | None
    created_at: datetime


def public_entry(message: Message) -> PublicEntry:
    """A thread entry as the customer sees it on their pages."""
    if message.author_kind == AuthorKind.CUSTOMER:
        author = "You"
    elif message.author_staff is not None:
        # The first name of the person helping, never internal details.
        author = f"{message.author_staff.name.split()[0]} (support team)"
    else:
        author = "Support team"
    return PublicEntry(
        author=author,
        from_customer=message.author_kind == AuthorKind.CUSTOMER,
        text=message.body_text,
        html=message_html(message),
        created_at=message.created_at,
    )


def _page(
    request: Request,
    db: Session,
    settings: Settings,
    *,
    token: str,
    ticket: Ticket,
    draft: str = "",
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    messages, _ = conversation.get_all(
        db, ticket=ticket, include_internal=False, cursor=None, limit=PUBLIC_LIMIT
    )
    context = {
        "ticket": ticket,
        "entries": [public_entry(m) for m in messages],
        "is_closed": ticket.status == TicketStatus.CLOSED,
        "draft": draft,
        "errors": errors or FormErrors(),
        "sent": request.query_params.get("sent") == "1",
        "action": f"/portal/{token}",
    }
    csrf = csrf_token(settings, purpose="portal", secret=token)
    return render(request, "portal/page.html", context, csrf=csrf, status_code=status_code)


@router.get("/portal/{token}")
def portal_page(request: Request, token: str, db: DbSession, settings: SettingsDep) -> Response:
    """The customer's ticket: the public conversation and, while it is open, a reply form."""
    ticket = auth_service.ticket_for_portal_token(db, token=token)
    return _page(request, db, settings, token=token, ticket=ticket)


@router.post("/portal/{token}")
def portal_reply(
    request: Request, token: str, form: PostedForm, db: DbSession, settings: SettingsDep
) -> Response:
    """Adds the customer's reply to their ticket."""
    ticket = auth_service.ticket_for_portal_token(db, token=token)
    check_csrf(request, form, csrf_token(settings, purpose="portal", secret=token))
    body = str(form.get("body", "")).strip()
    if not body:
        errors = FormErrors()
        errors.add("body", "Write your message before sending.")
        return _page(request, db, settings, token=token, ticket=ticket, errors=errors, status_code=422)
    message_in, errors = parse(CustomerMessageCreate, {"body": body})
    if message_in is None:
        return _page(
            request, db, settings, token=token, ticket=ticket, draft=body, errors=errors, status_code=422
        )
    actor = Actor(kind="customer", id=ticket.customer_id)
    try:
        conversation.add_customer_message(
            db, ticket=ticket, message_in=message_in, channel="web", actor=actor
        )
        db.commit()
    except AppError as error:
        db.rollback()
        ticket = auth_service.ticket_for_portal_token(db, token=token)
        return _page(
            request,
            db,
            settings,
            token=token,
            ticket=ticket,
            draft=body,
            errors=errors_from_app_error(error, field_of={error.code: "body"}),
            status_code=error.status_code,
        )
    return RedirectResponse(f"/portal/{token}?sent=1", status_code=303)
