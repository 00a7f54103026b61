"""The ticket page's escalation actions: escalate with a brief, acknowledge, and take over an abusive contact.

They call the same services as the API, so the form refuses exactly what the API refuses
(an incomplete brief, the wrong person acknowledging) and the audit log is the same.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.errors import AppError, InvalidRequest
from calmdesk.escalation import service as escalation_service
from calmdesk.escalation import takeover
from calmdesk.escalation.schemas import EscalationCreate
from calmdesk.tickets import service as ticket_service
from calmdesk.web.escalation_view import EscalateForm, escalation_panel
from calmdesk.web.forms import FORM_ERROR, FormErrors, errors_from_app_error, optional_int, parse
from calmdesk.web.rendering import render
from calmdesk.web.session import SignedForm, signed_form
from calmdesk.web.ticket_view import TicketForms, page_context

router = APIRouter(include_in_schema=False)
Writer = Annotated[SignedForm, Depends(signed_form(Permission.TICKETS_WRITE))]
FIELDS = (
    "kind",
    "reason_code",
    "reason",
    "to_staff_id",
    "to_team_id",
    "problem",
    "impact",
    "problem_goals",
    "people_goals",
    "notify_customer",
    "notice_text",
)


def _saved(reference: str, what: str) -> Response:
    return RedirectResponse(f"/tickets/{reference}?saved={what}", status_code=303)


def _refused(
    request: Request, db: Session, posted: SignedForm, reference: str, form: EscalateForm, status_code: int
) -> Response:
    """Re-shows the ticket page with the escalate form open, its values and errors; nothing was saved."""
    db.rollback()
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    context = page_context(db, ticket=ticket, session=posted.session, forms=TicketForms())
    context["panels"] = replace(context["panels"], escalations=escalation_panel(db, ticket=ticket, form=form))
    return render(request, "ticket/page.html", context, session=posted.session, status_code=status_code)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _data(posted: SignedForm) -> dict[str, Any]:
    kind = posted.text("kind") or "hierarchical"
    data: dict[str, Any] = {
        "kind": kind,
        "reason_code": posted.text("reason_code") or None,
        "reason": posted.text("reason"),
        "problem": posted.text("problem"),
        "impact": posted.text("impact"),
        "problem_goals": _lines(posted.text("problem_goals")),
        "people_goals": _lines(posted.text("people_goals")),
        "notify_customer": bool(posted.text("notify_customer")),
        "notice_text": posted.text("notice_text") or None,
    }
    if kind == "functional":
        data["to_team_id"] = optional_int(posted.text("to_team_id"))
    else:
        data["to_staff_id"] = optional_int(posted.text("to_staff_id"))
    return data


@router.post("/tickets/{reference}/escalate")
def escalate(
    request: Request, reference: str, db: DbSession, settings: SettingsDep, posted: Writer
) -> Response:
    """Escalates with the brief from the form; an incomplete brief comes back with its errors."""
    values = {name: posted.text(name) for name in FIELDS}
    escalation_in, errors = parse(EscalationCreate, _data(posted))
    if escalation_in is None:
        return _refused(request, db, posted, reference, EscalateForm(values, errors), 422)
    return _escalate(request, db, posted, reference, escalation_in, values, settings)


def _escalate(
    request: Request,
    db: Session,
    posted: SignedForm,
    reference: str,
    escalation_in: EscalationCreate,
    values: dict[str, str],
    settings: Settings,
) -> Response:
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    try:
        escalation_service.escalate(
            db,
            ticket=ticket,
            escalation_in=escalation_in,
            actor=posted.session.staff.actor,
            settings=settings,
            now=utcnow(),
        )
        db.commit()
    except AppError as error:
        errors = FormErrors()
        details = error.details if isinstance(error.details, list) else []
        for item in details:
            errors.add(str(item.get("field", FORM_ERROR)), str(item.get("message", "")).capitalize() + ".")
        if not errors:
            errors = errors_from_app_error(error)
        return _refused(request, db, posted, reference, EscalateForm(values, errors), error.status_code)
    return _saved(reference, "escalated")


@router.post("/tickets/{reference}/escalations/{escalation_id}/acknowledge")
def acknowledge(
    request: Request, reference: str, escalation_id: int, db: DbSession, settings: SettingsDep, posted: Writer
) -> Response:
    """The receiver acknowledges the brief from the ticket page."""
    escalation = escalation_service.get_or_raise(db, escalation_id=escalation_id, lock=True)
    try:
        escalation_service.acknowledge(
            db, escalation=escalation, actor=posted.session.staff.actor, settings=settings, now=utcnow()
        )
        db.commit()
    except AppError as error:
        form = EscalateForm(errors=errors_from_app_error(error))
        return _refused(request, db, posted, reference, form, error.status_code)
    return _saved(reference, "acknowledged")


@router.post("/tickets/{reference}/abuse/takeover")
def take_over(
    request: Request, reference: str, db: DbSession, settings: SettingsDep, posted: Writer
) -> Response:
    """A supervisor takes over an abusive contact, once calmdesk has offered it."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    try:
        takeover.take_over(
            db, ticket=ticket, actor=posted.session.staff.actor, settings=settings, now=utcnow()
        )
        db.commit()
    except AppError as error:
        form = EscalateForm(errors=errors_from_app_error(error))
        return _refused(request, db, posted, reference, form, error.status_code)
    return _saved(reference, "taken_over")


@router.post("/tickets/{reference}/escalations/{escalation_id}/outcome")
def record_outcome(
    request: Request, reference: str, escalation_id: int, db: DbSession, posted: Writer
) -> Response:
    """Whoever took the escalation in hand records what came of it."""
    escalation = escalation_service.get_or_raise(db, escalation_id=escalation_id, lock=True)
    outcome = posted.text("outcome")
    try:
        if not outcome:
            raise InvalidRequest("outcome_required", "Say what came of the escalation.")
        escalation_service.record_outcome(
            db, escalation=escalation, outcome=outcome, actor=posted.session.staff.actor, now=utcnow()
        )
        db.commit()
    except AppError as error:
        form = EscalateForm(errors=errors_from_app_error(error))
        return _refused(request, db, posted, reference, form, error.status_code)
    return _saved(reference, "outcome")
