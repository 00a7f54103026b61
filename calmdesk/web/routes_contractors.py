"""The contractors' console page: appointments and pay statements, with their CSV and PDF.

Who sees whom is the contractors domain's "reach" (``calmdesk.contractors.access``): a
contractor only themself, a supervisor or manager the contractors in their reporting
line, the Head of Operations and admins everyone. A contractor outside the viewer's
reach answers 404, as the API does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from fastapi.routing import APIRouter
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.contractors import appointment_service, export, records
from calmdesk.contractors import service as contractor_service
from calmdesk.contractors import statement_service as statements
from calmdesk.contractors.access import appointment_reach, pay_reach
from calmdesk.contractors.models import Appointment, ContractorProfile, IssuedStatement
from calmdesk.errors import Forbidden
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, current_session

router = APIRouter(include_in_schema=False)
PAGE_PERMISSIONS = (
    Permission.PAY_OWN,
    Permission.PAY_MANAGE,
    Permission.APPOINTMENTS_OWN,
    Permission.APPOINTMENTS_MANAGE,
)
APPOINTMENT_LIMIT = 300
ISSUED_LIMIT = 24


def _viewer(session: Annotated[ConsoleSession, Depends(current_session)]) -> ConsoleSession:
    if not any(session.can(permission) for permission in PAGE_PERMISSIONS):
        raise Forbidden("forbidden", "Your role does not give you access to contractors' pay.")
    return session


Viewer = Annotated[ConsoleSession, Depends(_viewer)]


@dataclass(frozen=True)
class PeriodNav:
    """The period shown and its neighbours (months step by month, weeks by week)."""

    current: records.Period
    previous: str
    following: str


def period_nav(period: records.Period) -> PeriodNav:
    """The labels of the periods before and after ``period``."""
    if "W" in period.label:
        before, after = period.start - timedelta(days=7), period.start + timedelta(days=7)
        year_b, week_b, _ = before.isocalendar()
        year_a, week_a, _ = after.isocalendar()
        return PeriodNav(period, f"{year_b:04d}-W{week_b:02d}", f"{year_a:04d}-W{week_a:02d}")
    before = period.start - timedelta(days=1)
    after = period.end + timedelta(days=1)
    return PeriodNav(period, f"{before:%Y-%m}", f"{after:%Y-%m}")


def local_window(period: records.Period, timezone: str) -> tuple[datetime, datetime]:
    """The UTC instants at which the period starts and ends in the contractor's time zone."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(period.start, time(), zone).astimezone(UTC)
    end = datetime.combine(period.end + timedelta(days=1), time(), zone).astimezone(UTC)
    return start, end


def _profile(db: DbSession, session: ConsoleSession, contractor_id: int) -> ContractorProfile:
    # The pay reach decides who is visible; both reaches agree on contractors for every role.
    return contractor_service.get_or_raise(
        db, contractor_id=contractor_id, reach=pay_reach(db, session.staff)
    )


def _period(profile: ContractorProfile, label: str) -> records.Period:
    if label:
        return statements.parse_period(label)
    today: date = contractor_service.local_today(profile, utcnow())
    return records.Period.month(today.year, today.month)


@router.get("/contractors")
def contractors_page(request: Request, db: DbSession, session: Viewer) -> Response:
    """The contractors you may see; a contractor goes straight to their own page."""
    reach = pay_reach(db, session.staff)
    profiles, more = contractor_service.get_all(db, reach=reach, cursor=None, limit=200)
    if session.can(Permission.PAY_OWN) and not session.can(Permission.PAY_MANAGE):
        return RedirectResponse(f"/contractors/{session.staff_id}", status_code=303)
    context = {"profiles": profiles, "more": more is not None}
    return render(request, "contractors/list.html", context, session=session)


@router.get("/contractors/{contractor_id}")
def contractor_page(request: Request, contractor_id: int, db: DbSession, session: Viewer) -> Response:
    """One contractor's appointments and pay statement for a period (this month by default)."""
    profile = _profile(db, session, contractor_id)
    period = _period(profile, request.query_params.get("period", "").strip())
    starts_from, starts_before = local_window(period, profile.timezone)
    appointments: list[Appointment] = []
    if session.can(Permission.APPOINTMENTS_OWN) or session.can(Permission.APPOINTMENTS_MANAGE):
        criteria = appointment_service.AppointmentFilter(
            contractor_id=profile.staff_id, starts_from=starts_from, starts_before=starts_before
        )
        appointments, _ = appointment_service.get_all(
            db,
            reach=appointment_reach(db, session.staff),
            criteria=criteria,
            sort="scheduled_start",
            cursor=None,
            limit=APPOINTMENT_LIMIT,
        )
    view = statements.get(db, profile=profile, period=period)
    issued: list[IssuedStatement]
    issued, _ = statements.get_all_issued(db, contractor_id=profile.staff_id, cursor=None, limit=ISSUED_LIMIT)
    context = {
        "profile": profile,
        "nav": period_nav(period),
        "appointments": appointments,
        "zone": ZoneInfo(profile.timezone),
        "view": view,
        "issued": issued,
        "is_own": profile.staff_id == session.staff_id,
        "rounding": statements.ROUNDING_NOTE,
    }
    return render(request, "contractors/page.html", context, session=session)


def _download(body: str | bytes, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}
    return Response(content=body, media_type=media_type, headers=headers)


@router.get("/contractors/{contractor_id}/statements/{period}/csv")
def statement_csv(contractor_id: int, period: str, db: DbSession, session: Viewer) -> Response:
    """The period's statement as CSV, as payroll reads it."""
    profile = _profile(db, session, contractor_id)
    view = statements.get(db, profile=profile, period=statements.parse_period(period))
    filename = f"pay-statement-{contractor_id}-{view.statement.period.label}.csv"
    return _download(export.statements_csv([view.statement]), "text/csv; charset=utf-8", filename)


@router.get("/contractors/{contractor_id}/statements/{period}/pdf")
def statement_pdf(contractor_id: int, period: str, db: DbSession, session: Viewer) -> Response:
    """The period's statement as a PDF (marked DRAFT until issued)."""
    profile = _profile(db, session, contractor_id)
    view = statements.get(db, profile=profile, period=statements.parse_period(period))
    pdf = export.statement_pdf(view, now=utcnow(), timezone=profile.timezone)
    filename = f"pay-statement-{contractor_id}-{view.statement.period.label}.pdf"
    return _download(pdf, "application/pdf", filename)
