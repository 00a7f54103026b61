"""The ticket page: the conversation, replies and notes, logged calls, and the ticket's fields.

Every change goes through the same services as the API (``conversation.add_staff_entry``,
``ticket_service.update``), so validation and the audit log are the same. Each form
carries the ticket's ``version``: a form based on an older version is refused with
"someone changed this ticket" instead of overwriting the newer state.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.auth import service as auth_service
from calmdesk.auth.permissions import Permission
from calmdesk.errors import AppError, Forbidden
from calmdesk.mail import files as mail_files
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.models import MessageKind, Ticket
from calmdesk.tickets.schemas import MessageCreate, TicketUpdate
from calmdesk.web.forms import FORM_ERROR, FormErrors, errors_from_app_error, optional_int, parse
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, SignedForm, console_user, signed_form
from calmdesk.web.ticket_view import TicketForms, page_context

router = APIRouter(include_in_schema=False)
Reader = Annotated[ConsoleSession, Depends(console_user(Permission.TICKETS_READ))]
Writer = Annotated[SignedForm, Depends(signed_form(Permission.TICKETS_WRITE))]
TICKET_FIELDS = ("status", "priority", "assignee_id", "team_id")
# Service refusals on this page concern the ticket's fields, not the admin forms' ones.
TICKET_ERROR_FIELDS = {"team_not_found": "team_id", "staff_member_not_found": "assignee_id"}


def _page(
    request: Request,
    db: Session,
    *,
    ticket: Ticket,
    session: ConsoleSession,
    forms: TicketForms | None = None,
    notice: str = "",
    status_code: int = 200,
) -> Response:
    context = page_context(db, ticket=ticket, session=session, forms=forms or TicketForms(), notice=notice)
    return render(request, "ticket/page.html", context, session=session, status_code=status_code)


def _saved(ticket: Ticket, what: str) -> Response:
    return RedirectResponse(f"/tickets/{ticket.reference}?saved={what}", status_code=303)


def _is_stale(posted: SignedForm, ticket: Ticket) -> bool:
    version = posted.text("version")
    return not version.isdigit() or int(version) != ticket.version


def _refused(
    request: Request, db: Session, posted: SignedForm, reference: str, forms: TicketForms, status_code: int
) -> Response:
    """Re-shows the page with the refused form's values and errors; nothing was saved."""
    db.rollback()
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return _page(request, db, ticket=ticket, session=posted.session, forms=forms, status_code=status_code)


@router.get("/tickets/{reference}")
def ticket_page(request: Request, reference: str, db: DbSession, session: Reader) -> Response:
    """One ticket: its conversation, the reply box and its fields."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return _page(request, db, ticket=ticket, session=session, notice=request.query_params.get("saved", ""))


@router.get("/tickets/{reference}/attachments/{attachment_id}")
def download_attachment(
    reference: str, attachment_id: int, db: DbSession, settings: SettingsDep, _session: Reader
) -> Response:
    """A file that came with one of the ticket's emails, always as a download."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return mail_files.download(
        settings, mail_files.get_on_ticket(db, ticket=ticket, attachment_id=attachment_id)
    )


def _save_entry(
    request: Request,
    db: Session,
    posted: SignedForm,
    reference: str,
    *,
    data: dict[str, Any],
    values: dict[str, str],
    form: str,
    rename: dict[str, str] | None = None,
    problems: FormErrors | None = None,
) -> Response:
    """Adds a reply, note or call through conversation.add_staff_entry, or re-shows the form."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)

    def refuse(errors: FormErrors, status_code: int, stale: str = "") -> Response:
        forms = TicketForms(stale=stale)
        setattr(forms, form, values)
        setattr(forms, f"{form}_errors", errors)
        return _refused(request, db, posted, reference, forms, status_code)

    if _is_stale(posted, ticket):
        return refuse(FormErrors(), 409, stale=form)
    errors = problems or FormErrors()
    if not values.get("body"):
        errors.add("body", "Write something before sending.")
    message_in, schema_errors = parse(MessageCreate, data, rename=rename)
    for name, message in schema_errors.by_field.items():
        # A form-wide "needs a body / a duration" would repeat what is already next to a field.
        if not (name == FORM_ERROR and errors):
            errors.add(name, message)
    if errors or message_in is None:
        return refuse(errors, 422)
    try:
        conversation.add_staff_entry(
            db, ticket=ticket, message_in=message_in, actor=posted.session.staff.actor
        )
        db.commit()
    except AppError as error:
        return refuse(errors_from_app_error(error), error.status_code)
    except StaleDataError:
        return refuse(FormErrors(), 409, stale=form)
    return _saved(ticket, message_in.kind.value)


@router.post("/tickets/{reference}/reply")
def reply(request: Request, reference: str, db: DbSession, posted: Writer) -> Response:
    """Sends a reply to the customer or adds an internal note, optionally changing the status."""
    values = {name: posted.text(name) for name in ("kind", "body", "status")}
    kind = values["kind"] or MessageKind.REPLY.value
    if kind == MessageKind.NOTE and not posted.session.can(Permission.INTERNAL_NOTES):
        raise Forbidden("forbidden", "Your role may not write internal notes.")
    if kind not in (MessageKind.REPLY, MessageKind.NOTE):
        kind = "unknown"  # the schema refuses it with a readable message
    data = {"kind": kind, "body": values["body"] or None, "status": values["status"] or None}
    return _save_entry(request, db, posted, reference, data=data, values=values, form="reply")


def _seconds(minutes: str) -> int | None:
    """A duration typed in minutes ('9', '9.5', '9,5') as seconds; ValueError if it is not one."""
    if not minutes:
        return None
    value = float(minutes.replace(",", "."))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(minutes)
    return round(value * 60)


@router.post("/tickets/{reference}/call")
def log_call(request: Request, reference: str, db: DbSession, posted: Writer) -> Response:
    """Logs a phone call: direction, duration, number, outcome and notes."""
    names = ("direction", "minutes", "phone_number", "outcome", "body", "status")
    values = {name: posted.text(name) for name in names}
    problems = FormErrors()
    try:
        seconds = _seconds(values["minutes"])
    except ValueError:
        seconds = None
        problems.add("minutes", "Give the duration in minutes, e.g. 9 or 9.5.")
    if not values["minutes"]:
        problems.add("minutes", "How long was the call? Give the minutes, e.g. 9 or 9.5.")
    if not values["direction"]:
        problems.add("direction", "Who phoned whom? Choose inbound or outbound.")
    data = {
        "kind": MessageKind.CALL.value,
        "body": values["body"] or None,
        "status": values["status"] or None,
        "call_direction": values["direction"] or None,
        "call_duration_seconds": seconds,
        "call_outcome": values["outcome"] or None,
        "phone_number": values["phone_number"] or None,
    }
    rename = {"call_direction": "direction", "call_duration_seconds": "minutes", "call_outcome": "outcome"}
    return _save_entry(
        request,
        db,
        posted,
        reference,
        data=data,
        values=values,
        form="call",
        rename=rename,
        problems=problems,
    )


@router.post("/tickets/{reference}/fields")
def change_fields(request: Request, reference: str, db: DbSession, posted: Writer) -> Response:
    """Changes status, priority, assignee and team through ticket_service.update."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    if _is_stale(posted, ticket):
        return _refused(request, db, posted, reference, TicketForms(stale="ticket"), 409)
    wanted: dict[str, Any] = {
        "status": posted.text("status") or ticket.status,
        "priority": posted.text("priority") or ticket.priority,
        "assignee_id": optional_int(posted.text("assignee_id")),
        "team_id": optional_int(posted.text("team_id")),
    }
    changes = {name: value for name, value in wanted.items() if value != getattr(ticket, name)}
    if not changes:
        return _saved(ticket, "unchanged")
    ticket_in, errors = parse(TicketUpdate, changes)
    if ticket_in is None:
        return _refused(request, db, posted, reference, TicketForms(ticket_errors=errors), 422)
    try:
        ticket_service.update(db, ticket=ticket, ticket_in=ticket_in, actor=posted.session.staff.actor)
        db.commit()
    except AppError as error:
        errors = errors_from_app_error(error, field_of=TICKET_ERROR_FIELDS)
        return _refused(request, db, posted, reference, TicketForms(ticket_errors=errors), error.status_code)
    except StaleDataError:
        return _refused(request, db, posted, reference, TicketForms(stale="ticket"), 409)
    return _saved(ticket, "ticket")


@router.post("/tickets/{reference}/portal-link")
def create_portal_link(
    request: Request, reference: str, db: DbSession, settings: SettingsDep, posted: Writer
) -> Response:
    """Creates the customer's private link to this ticket and shows it this once."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    _link, token = auth_service.create_portal_link(
        db, ticket=ticket, ttl=timedelta(days=settings.portal_link_ttl_days), actor=posted.session.staff.actor
    )
    db.commit()
    forms = TicketForms(portal_url=f"{settings.base_url.rstrip('/')}/portal/{token}")
    return _page(request, db, ticket=ticket, session=posted.session, forms=forms)
