"""Follow-up pages: the agent's callback queue ("my day") and the customer's survey page.

The survey page is public: the link's token is the credential, its form carries a CSRF
token bound to that link (as the portal does), and a used or expired link shows a page
that says so, with status 410. The page shows the ticket's public thread and nothing else.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.errors import AppError
from calmdesk.followup import queue, service, surveys
from calmdesk.followup.models import Survey
from calmdesk.followup.schemas import CadenceSet, CallbackCreate
from calmdesk.followup.survey_rules import POOR_RATING, is_poor, mood_word
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.models import Ticket
from calmdesk.web.forms import FormErrors, errors_from_app_error, parse
from calmdesk.web.rendering import render
from calmdesk.web.routes_portal import PUBLIC_LIMIT, public_entry
from calmdesk.web.session import (
    ConsoleSession,
    PostedForm,
    SignedForm,
    check_csrf,
    console_user,
    csrf_token,
    signed_form,
)

router = APIRouter(include_in_schema=False)
Reader = Annotated[ConsoleSession, Depends(console_user(Permission.TICKETS_READ))]
Writer = Annotated[SignedForm, Depends(signed_form(Permission.TICKETS_WRITE))]
Leader = Annotated[ConsoleSession, Depends(console_user(Permission.SLA_REPORTS))]
RESULTS_LIMIT = 100
HORIZONS = {
    "4": timedelta(hours=4),
    "12": timedelta(hours=12),
    "24": timedelta(hours=24),
    "72": timedelta(hours=72),
}
CALLBACK_FIELDS = {
    "ticket_not_found": "reference",
    "ticket_done": "reference",
    "callback_in_past": "due_at",
}
CADENCE_FIELDS = {"ticket_not_found": "cadence_reference", "ticket_closed": "cadence_reference"}
RATINGS = (
    (5, "5 - Excellent"),
    (4, "4 - Good"),
    (3, "3 - All right"),
    (2, "2 - Poor"),
    (1, "1 - Very poor"),
)


def _my_day(
    request: Request,
    db: Session,
    session: ConsoleSession,
    *,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    who = request.query_params.get("who", "me")
    who = who if who in ("me", "all") else "me"
    hours = request.query_params.get("hours", "12")
    hours = hours if hours in HORIZONS else "12"
    now = utcnow()
    entries = queue.load(
        db,
        assignee_id=session.staff_id if who == "me" else None,
        due_before=now + HORIZONS[hours],
        now=now,
    )
    context = {
        "entries": entries,
        "who": who,
        "hours": hours,
        "horizons": list(HORIZONS),
        "errors": errors or FormErrors(),
        "values": values or {},
        "done": request.query_params.get("done", ""),
    }
    return render(request, "followup/my_day.html", context, session=session, status_code=status_code)


@router.get("/callbacks")
def my_day(request: Request, db: DbSession, session: Reader) -> Response:
    """Who I must phone or write to, and when, with what they last heard from us."""
    return _my_day(request, db, session)


def _due_at(value: str) -> str:
    # The console shows UTC everywhere, so a time typed without a zone is UTC.
    value = value.strip()
    return f"{value}+00:00" if value and "+" not in value and not value.endswith("Z") else value


@router.post("/callbacks")
def schedule_callback(request: Request, db: DbSession, posted: Writer) -> Response:
    """Promises a customer a phone call at a chosen time."""
    values = {name: posted.text(name) for name in ("reference", "due_at", "note")}
    callback_in, errors = parse(CallbackCreate, {"due_at": _due_at(values["due_at"]), "note": values["note"]})
    if callback_in is None:
        return _my_day(request, db, posted.session, errors=errors, values=values, status_code=422)
    try:
        ticket = ticket_service.get_by_reference_or_raise(db, reference=values["reference"])
        service.schedule_callback(
            db,
            ticket=ticket,
            due_at=callback_in.due_at,
            staff_id=posted.session.staff_id,
            note=callback_in.note,
            actor=posted.session.staff.actor,
            now=utcnow(),
        )
        db.commit()
    except AppError as error:
        db.rollback()
        problems = errors_from_app_error(error, field_of=CALLBACK_FIELDS)
        return _my_day(
            request, db, posted.session, errors=problems, values=values, status_code=error.status_code
        )
    return RedirectResponse("/callbacks?done=scheduled", status_code=303)


@router.post("/callbacks/cadence")
def set_cadence(request: Request, db: DbSession, posted: Writer) -> Response:
    """Sets how often a customer hears from us (blank hours: back to the SLA policy)."""
    values = {name: posted.text(name) for name in ("cadence_reference", "hours")}
    errors = FormErrors()
    minutes: int | None = None
    if values["hours"]:
        try:
            minutes = round(float(values["hours"].replace(",", ".")) * 60)
        except ValueError:
            errors.add("hours", "Give the hours as a number, e.g. 4 or 0.5.")
    cadence_in = None if errors else parse(CadenceSet, {"interval_minutes": minutes})[0]
    if cadence_in is None:
        errors.add("hours", "Choose between a quarter of an hour and 720 hours (30 days).")
        return _my_day(request, db, posted.session, errors=errors, values=values, status_code=422)
    try:
        ticket = ticket_service.get_by_reference_or_raise(db, reference=values["cadence_reference"])
        service.set_cadence(
            db,
            ticket=ticket,
            interval_minutes=cadence_in.interval_minutes,
            actor=posted.session.staff.actor,
            now=utcnow(),
        )
        db.commit()
    except AppError as error:
        db.rollback()
        problems = errors_from_app_error(error, field_of=CADENCE_FIELDS)
        return _my_day(
            request, db, posted.session, errors=problems, values=values, status_code=error.status_code
        )
    return RedirectResponse("/callbacks?done=cadence", status_code=303)


@router.post("/callbacks/{callback_id}/cancel")
def cancel_callback(callback_id: int, db: DbSession, posted: Writer) -> Response:
    """Withdraws a promised callback from the queue."""
    service.cancel_callback(db, callback_id=callback_id, actor=posted.session.staff.actor, now=utcnow())
    db.commit()
    return RedirectResponse("/callbacks?done=cancelled", status_code=303)


@router.get("/surveys")
def survey_results(request: Request, db: DbSession, session: Leader) -> Response:
    """Survey results for supervisors: poor ratings first to act on, each beside the mood it ended on."""
    poor_only = request.query_params.get("poor") == "1"
    items, _ = surveys.get_all(
        db, answered=True, rating_max=POOR_RATING if poor_only else None, cursor=None, limit=RESULTS_LIMIT
    )
    context = {"results": items, "poor_only": poor_only, "mood_word": mood_word}
    return render(request, "followup/results.html", context, session=session)


def _survey_csrf(settings: Settings, token: str) -> str:
    return csrf_token(settings, purpose="survey", secret=token)


def _gone(request: Request, error: surveys.SurveyLinkGone) -> Response:
    context = {"message": error.message, "answered": error.code == "survey_answered"}
    return render(request, "followup/link_gone.html", context, status_code=410)


def _survey_page(
    request: Request,
    db: Session,
    settings: Settings,
    *,
    token: str,
    survey: Survey,
    errors: FormErrors | None = None,
    comment: str = "",
    status_code: int = 200,
) -> Response:
    ticket = db.get(Ticket, survey.ticket_id)
    assert ticket is not None
    messages, _ = conversation.get_all(
        db, ticket=ticket, include_internal=False, cursor=None, limit=PUBLIC_LIMIT
    )
    context = {
        "ticket": ticket,
        "survey": survey,
        "entries": [public_entry(m) for m in messages],
        "ratings": RATINGS,
        "errors": errors or FormErrors(),
        "comment": comment,
        "action": f"/survey/{token}",
    }
    return render(
        request, "followup/survey.html", context, csrf=_survey_csrf(settings, token), status_code=status_code
    )


@router.get("/survey/thanks")
def survey_thanks(request: Request) -> Response:
    """Where an answered survey lands (the link itself is used up by then)."""
    reopened = request.query_params.get("reopened") == "1"
    return render(request, "followup/thanks.html", {"reopened": reopened})


@router.get("/survey/{token}")
def survey_page(request: Request, token: str, db: DbSession, settings: SettingsDep) -> Response:
    """The customer's survey, with their ticket's public conversation."""
    try:
        survey = surveys.survey_for_token(db, token=token, now=utcnow())
    except surveys.SurveyLinkGone as error:
        return _gone(request, error)
    return _survey_page(request, db, settings, token=token, survey=survey)


@router.post("/survey/{token}")
def survey_answer(
    request: Request, token: str, form: PostedForm, db: DbSession, settings: SettingsDep
) -> Response:
    """Records the customer's one answer."""
    try:
        survey = surveys.survey_for_token(db, token=token, now=utcnow())
    except surveys.SurveyLinkGone as error:
        return _gone(request, error)
    check_csrf(request, form, _survey_csrf(settings, token))
    raw_rating = form.get("rating")
    comment = str(form.get("comment") or "").strip()
    errors = FormErrors()
    rating = (
        int(raw_rating) if isinstance(raw_rating, str) and raw_rating in {"1", "2", "3", "4", "5"} else None
    )
    if rating is None:
        errors.add("rating", "Choose a rating from 1 (very poor) to 5 (excellent).")
    if len(comment) > surveys.MAX_COMMENT_CHARS:
        errors.add("comment", f"Please keep the comment under {surveys.MAX_COMMENT_CHARS} characters.")
    if rating is None or errors:
        return _survey_page(
            request, db, settings, token=token, survey=survey, errors=errors, comment=comment, status_code=422
        )
    try:
        answered = surveys.answer(
            db, token=token, rating=rating, comment=comment, now=utcnow(), base_url=settings.base_url
        )
        reopened = answered.reopened
        db.commit()
    except surveys.SurveyLinkGone as error:
        db.rollback()
        return _gone(request, error)
    except AppError:
        db.rollback()
        raise
    suffix = "?reopened=1" if reopened else ("?poor=1" if is_poor(rating) else "")
    return RedirectResponse(f"/survey/thanks{suffix}", status_code=303)
