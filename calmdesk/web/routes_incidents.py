"""The supervisors' incident pages: proposed and open incidents, confirm or dismiss, link, resolve.

Every change goes through ``calmdesk.incidents.service``, as the API's do, so the rules,
refusals and the audit log are the same; a refusal is shown on the page beside the form.
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
from calmdesk.errors import AppError
from calmdesk.incidents import clustering, service, suggestions, vectors
from calmdesk.incidents.clustering import IncidentStatus, LinkState
from calmdesk.incidents.schemas import IncidentResolve
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.lifecycle import TicketStatus
from calmdesk.web.forms import FormErrors, errors_from_app_error, parse
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, SignedForm, console_user, signed_form

router = APIRouter(include_in_schema=False)
Reader = Annotated[ConsoleSession, Depends(console_user(Permission.TICKETS_READ))]
Linker = Annotated[SignedForm, Depends(signed_form(Permission.TICKETS_WRITE))]
Lead = Annotated[SignedForm, Depends(signed_form(Permission.INCIDENTS_MANAGE))]
NOTICES = {
    "confirmed": "Incident confirmed; the engineering team has been told.",
    "dismissed": "Incident dismissed.",
    "linked": "Ticket linked.",
    "unlinked": "Ticket unlinked.",
    "resolved": "Incident resolved; the update was posted on every linked ticket.",
}
RESOLVE_OPTIONS = [("resolved", "Resolved"), ("pending_customer", "Waiting on the customer")]


@router.get("/incidents")
def incidents_page(request: Request, db: DbSession, session: Reader) -> Response:
    """Proposed and open incidents, and the latest closed ones."""
    active = service.get_all(db, statuses=[IncidentStatus.PROPOSED, IncidentStatus.OPEN], limit=100)
    done = service.get_all(db, statuses=[IncidentStatus.RESOLVED, IncidentStatus.DISMISSED], limit=20)
    context = {"active": active, "done": done}
    return render(request, "incidents/list.html", context, session=session)


def _detail(
    request: Request,
    db: Session,
    session: ConsoleSession,
    incident_id: int,
    *,
    errors: FormErrors | None = None,
    update: str | None = None,
    status_code: int = 200,
) -> Response:
    incident = service.get_or_raise(db, incident_id=incident_id)
    links = service.links(db, incident=incident)
    context = {
        "incident": incident,
        "linked": [link for link in links if link.state == LinkState.LINKED],
        "suggested": [link for link in links if link.state == LinkState.SUGGESTED],
        "errors": errors or FormErrors(),
        "update": update if update is not None else clustering.draft_update(incident.title),
        "resolve_options": RESOLVE_OPTIONS,
        "can_manage": session.can(Permission.INCIDENTS_MANAGE),
        "can_link": session.can(Permission.TICKETS_WRITE),
        "notice": NOTICES.get(request.query_params.get("done", ""), ""),
    }
    return render(request, "incidents/detail.html", context, session=session, status_code=status_code)


@router.get("/incidents/{incident_id}")
def incident_page(incident_id: int, request: Request, db: DbSession, session: Reader) -> Response:
    """One incident: its tickets, the suggestions waiting, and what can be done next."""
    return _detail(request, db, session, incident_id)


@router.get("/incidents/for-ticket/{reference}")
def ticket_hint(
    reference: str, request: Request, db: DbSession, session: Reader, settings: SettingsDep
) -> Response:
    """The ticket page's partial: the incidents this ticket is part of or looks like."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    found = suggestions.for_ticket(
        db,
        ticket=ticket,
        vectoriser=vectors.for_mode(settings.analysis_mode),
        now=utcnow(),
        window=timedelta(hours=max(settings.incident_window_hours, settings.incident_background_hours)),
    )
    context = {"ticket": ticket, "found": found, "can_link": session.can(Permission.TICKETS_WRITE)}
    return render(request, "incidents/_ticket_hint.html", context, session=session)


def _done(incident_id: int, what: str) -> Response:
    return RedirectResponse(f"/incidents/{incident_id}?done={what}", status_code=303)


def _refused(
    request: Request, db: Session, posted: SignedForm, incident_id: int, error: AppError
) -> Response:
    db.rollback()
    errors = errors_from_app_error(error)
    return _detail(request, db, posted.session, incident_id, errors=errors, status_code=error.status_code)


@router.post("/incidents/{incident_id}/confirm")
def confirm(
    incident_id: int, request: Request, db: DbSession, posted: Lead, settings: SettingsDep
) -> Response:
    """Confirms a proposed incident."""
    try:
        incident = service.get_or_raise(db, incident_id=incident_id)
        title = posted.text("title")[:300] or None
        actor = posted.session.staff.actor
        service.confirm(
            db, incident=incident, title=title, actor=actor, now=utcnow(), base_url=settings.base_url
        )
        db.commit()
    except AppError as error:
        return _refused(request, db, posted, incident_id, error)
    return _done(incident_id, "confirmed")


@router.post("/incidents/{incident_id}/dismiss")
def dismiss(incident_id: int, request: Request, db: DbSession, posted: Lead) -> Response:
    """Dismisses an incident."""
    try:
        incident = service.get_or_raise(db, incident_id=incident_id)
        reason = posted.text("reason")[:500] or None
        service.dismiss(db, incident=incident, reason=reason, actor=posted.session.staff.actor, now=utcnow())
        db.commit()
    except AppError as error:
        return _refused(request, db, posted, incident_id, error)
    return _done(incident_id, "dismissed")


@router.post("/incidents/{incident_id}/link")
def link(incident_id: int, request: Request, db: DbSession, posted: Linker) -> Response:
    """Links a ticket (typed in, or a suggestion taken up)."""
    try:
        incident = service.get_or_raise(db, incident_id=incident_id)
        ticket = ticket_service.get_by_reference_or_raise(db, reference=posted.text("ticket"))
        service.link(db, incident=incident, ticket=ticket, actor=posted.session.staff.actor, now=utcnow())
        db.commit()
    except AppError as error:
        return _refused(request, db, posted, incident_id, error)
    return _done(incident_id, "linked")


@router.post("/incidents/{incident_id}/unlink")
def unlink(incident_id: int, request: Request, db: DbSession, posted: Linker) -> Response:
    """Takes a ticket or a suggestion off the incident."""
    try:
        incident = service.get_or_raise(db, incident_id=incident_id)
        ticket = ticket_service.get_by_reference_or_raise(db, reference=posted.text("ticket"))
        service.unlink(db, incident=incident, ticket=ticket, actor=posted.session.staff.actor)
        db.commit()
    except AppError as error:
        return _refused(request, db, posted, incident_id, error)
    return _done(incident_id, "unlinked")


@router.post("/incidents/{incident_id}/resolve")
def resolve(incident_id: int, request: Request, db: DbSession, posted: Lead) -> Response:
    """Resolves the incident with one update to every linked ticket's customer."""
    resolve_in, errors = parse(
        IncidentResolve, {"update": posted.text("update"), "ticket_status": posted.text("ticket_status")}
    )
    if resolve_in is None:
        return _detail(request, db, posted.session, incident_id, errors=errors, update=posted.text("update"))
    try:
        incident = service.get_or_raise(db, incident_id=incident_id)
        service.resolve(
            db,
            incident=incident,
            update=resolve_in.update,
            ticket_status=TicketStatus(resolve_in.ticket_status),
            actor=posted.session.staff.actor,
            now=utcnow(),
        )
        db.commit()
    except AppError as error:
        return _refused(request, db, posted, incident_id, error)
    return _done(incident_id, "resolved")
