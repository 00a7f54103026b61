"""Contractor endpoints: pay terms, one-off adjustments, pay statements and the payroll export.

A contractor sees only their own; supervisors and managers the contractors in their
reporting line; the Head of Operations and admins every contractor. Anyone else's
contractor answers 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import JSONResponse

from calmdesk.api.deps import DbSession
from calmdesk.api.http import commit_read, created_response
from calmdesk.api.params import Cursor, Limit
from calmdesk.clock import utcnow
from calmdesk.contractors import export
from calmdesk.contractors import service as contractor_service
from calmdesk.contractors import statement_service as statements
from calmdesk.contractors.access import PayManager, PayViewer, pay_reach
from calmdesk.contractors.models import ContractorProfile
from calmdesk.contractors.schemas import (
    AdjustmentCreate,
    AdjustmentRead,
    CallOutRuleCreate,
    CallOutRuleRead,
    CommissionRuleCreate,
    CommissionRuleRead,
    ContractorCreate,
    ContractorRead,
    PeriodLabel,
    RateCreate,
    RateRead,
    StatementIssue,
    StatementRead,
    StatementSummary,
)
from calmdesk.errors import NotFound
from calmdesk.idempotency import fingerprint, run_once
from calmdesk.schemas import Page

router = APIRouter(prefix="/contractors", tags=["contractors"])
payroll_router = APIRouter(prefix="/payroll", tags=["contractors"])
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="retry-safe key: a retry returns the first result"),
]
_CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "CSV, one row per line, then subtotals and total"}
}
_PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "an A4 PDF statement"}
}


def _managed(db: DbSession, staff: PayManager, contractor_id: int) -> ContractorProfile:
    reach = pay_reach(db, staff)
    if not reach.manages(contractor_id):
        raise NotFound("contractor", contractor_id)
    return contractor_service.get_or_raise(db, contractor_id=contractor_id, reach=reach)


def _statement(db: DbSession, staff: PayViewer, contractor_id: int, period: str) -> statements.StatementView:
    profile = contractor_service.get_or_raise(db, contractor_id=contractor_id, reach=pay_reach(db, staff))
    return statements.get(db, profile=profile, period=statements.parse_period(period))


@router.get("", response_model=Page[ContractorRead])
def list_contractors(
    db: DbSession, staff: PayViewer, cursor: Cursor = None, limit: Limit = 50
) -> Page[ContractorRead]:
    """Lists the contractors you may see (a contractor: only themself), by name."""
    items, next_cursor = contractor_service.get_all(
        db, reach=pay_reach(db, staff), cursor=cursor, limit=limit
    )
    return Page(items=[ContractorRead.model_validate(p) for p in items], next_cursor=next_cursor)


@router.post("", response_model=ContractorRead, status_code=201)
def create_contractor(
    contractor_in: ContractorCreate, db: DbSession, staff: PayManager, response: Response
) -> ContractorRead:
    """Sets up pay terms for a staff member whose role is contractor (default £13.75/h)."""
    profile = contractor_service.create(
        db, contractor_in=contractor_in, actor=staff.actor, reach=pay_reach(db, staff), now=utcnow()
    )
    response.headers["Location"] = f"/api/v1/contractors/{profile.staff_id}"
    return commit_read(db, response, ContractorRead, profile)


@router.get("/{contractor_id}", response_model=ContractorRead)
def read_contractor(contractor_id: int, db: DbSession, staff: PayViewer) -> ContractorRead:
    """Returns a contractor's pay terms with their whole history."""
    profile = contractor_service.get_or_raise(db, contractor_id=contractor_id, reach=pay_reach(db, staff))
    return ContractorRead.model_validate(profile)


@router.post("/{contractor_id}/rates", response_model=RateRead, status_code=201)
def add_rate(
    contractor_id: int, rate_in: RateCreate, db: DbSession, staff: PayManager, response: Response
) -> RateRead:
    """Adds an hourly rate from a date on; earlier days keep the rates they had."""
    profile = _managed(db, staff, contractor_id)
    entry = contractor_service.add_rate(db, profile=profile, rate_in=rate_in, actor=staff.actor)
    return commit_read(db, response, RateRead, entry)


@router.post("/{contractor_id}/commission-rules", response_model=CommissionRuleRead, status_code=201)
def add_commission_rule(
    contractor_id: int, rule_in: CommissionRuleCreate, db: DbSession, staff: PayManager, response: Response
) -> CommissionRuleRead:
    """Adds a commission rule for upsells of a category (or every category) from a date on."""
    profile = _managed(db, staff, contractor_id)
    entry = contractor_service.add_commission_rule(db, profile=profile, rule_in=rule_in, actor=staff.actor)
    return commit_read(db, response, CommissionRuleRead, entry)


@router.post("/{contractor_id}/call-out-rules", response_model=CallOutRuleRead, status_code=201)
def add_call_out_rule(
    contractor_id: int, rule_in: CallOutRuleCreate, db: DbSession, staff: PayManager, response: Response
) -> CallOutRuleRead:
    """Sets how cancelled or no-show appointments are paid in periods starting on or after its date."""
    profile = _managed(db, staff, contractor_id)
    entry = contractor_service.add_call_out_rule(db, profile=profile, rule_in=rule_in, actor=staff.actor)
    return commit_read(db, response, CallOutRuleRead, entry)


@router.get("/{contractor_id}/adjustments", response_model=list[AdjustmentRead])
def list_adjustments(contractor_id: int, db: DbSession, staff: PayViewer) -> list[AdjustmentRead]:
    """Lists a contractor's one-off adjustments, newest first."""
    profile = contractor_service.get_or_raise(db, contractor_id=contractor_id, reach=pay_reach(db, staff))
    return [AdjustmentRead.model_validate(a) for a in contractor_service.get_adjustments(db, profile=profile)]


@router.post("/{contractor_id}/adjustments", response_model=AdjustmentRead, status_code=201)
def add_adjustment(
    contractor_id: int,
    adjustment_in: AdjustmentCreate,
    request: Request,
    db: DbSession,
    staff: PayManager,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Adds a one-off amount to the open period holding its day. Safe to retry with an Idempotency-Key."""

    def perform() -> tuple[int, object]:
        profile = _managed(db, staff, contractor_id)
        adjustment = contractor_service.add_adjustment(
            db, profile=profile, adjustment_in=adjustment_in, actor=staff.actor
        )
        db.flush()
        return 201, AdjustmentRead.model_validate(adjustment).model_dump(mode="json")

    result = run_once(
        db,
        principal=staff.actor.principal_key,
        key=idempotency_key,
        perform=perform,
        request_hash=fingerprint("POST", request.url.path, adjustment_in.model_dump(mode="json")),
    )
    return created_response(result)


@router.get("/{contractor_id}/statements", response_model=Page[StatementSummary])
def list_statements(
    contractor_id: int, db: DbSession, staff: PayViewer, cursor: Cursor = None, limit: Limit = 50
) -> Page[StatementSummary]:
    """Lists a contractor's issued statements, the last issued first."""
    profile = contractor_service.get_or_raise(db, contractor_id=contractor_id, reach=pay_reach(db, staff))
    items, next_cursor = statements.get_all_issued(
        db, contractor_id=profile.staff_id, cursor=cursor, limit=limit
    )
    return Page(items=[StatementSummary.model_validate(s) for s in items], next_cursor=next_cursor)


@router.post("/{contractor_id}/statements", response_model=StatementRead, status_code=201)
def issue_statement(
    contractor_id: int, statement_in: StatementIssue, db: DbSession, staff: PayManager, response: Response
) -> StatementRead:
    """Issues (freezes) the statement of an ended period; later changes go to later statements."""
    profile = _managed(db, staff, contractor_id)
    period = statements.parse_period(statement_in.period)
    view = statements.issue(db, profile=profile, period=period, actor=staff.actor, now=utcnow())
    db.commit()
    response.headers["Location"] = f"/api/v1/contractors/{contractor_id}/statements/{period.label}"
    return StatementRead.from_view(view, rounding=statements.ROUNDING_NOTE)


@router.get("/{contractor_id}/statements/{period}", response_model=StatementRead)
def read_statement(contractor_id: int, period: PeriodLabel, db: DbSession, staff: PayViewer) -> StatementRead:
    """Returns a period's statement: as issued, or a draft computed from today's records."""
    view = _statement(db, staff, contractor_id, period)
    return StatementRead.from_view(view, rounding=statements.ROUNDING_NOTE)


@router.get("/{contractor_id}/statements/{period}/csv", response_class=Response, responses=_CSV)
def statement_csv(contractor_id: int, period: PeriodLabel, db: DbSession, staff: PayViewer) -> Response:
    """Returns a period's statement as CSV."""
    view = _statement(db, staff, contractor_id, period)
    filename = f"pay-statement-{contractor_id}-{view.statement.period.label}.csv"
    return _download(export.statements_csv([view.statement]), "text/csv; charset=utf-8", filename)


@router.get("/{contractor_id}/statements/{period}/pdf", response_class=Response, responses=_PDF)
def statement_pdf(contractor_id: int, period: PeriodLabel, db: DbSession, staff: PayViewer) -> Response:
    """Returns a period's statement as a PDF (marked DRAFT until issued)."""
    profile = contractor_service.get_or_raise(db, contractor_id=contractor_id, reach=pay_reach(db, staff))
    view = statements.get(db, profile=profile, period=statements.parse_period(period))
    pdf = export.statement_pdf(view, now=utcnow(), timezone=profile.timezone)
    filename = f"pay-statement-{contractor_id}-{view.statement.period.label}.pdf"
    return _download(pdf, "application/pdf", filename)


@payroll_router.get("/{period}/csv", response_class=Response, responses=_CSV)
def payroll_csv(period: PeriodLabel, db: DbSession, staff: PayManager) -> Response:
    """Returns every issued statement of a period (of the contractors you manage) as one CSV."""
    views = statements.payroll(db, period=statements.parse_period(period), reach=pay_reach(db, staff))
    body = export.statements_csv(view.statement for view in views)
    return _download(body, "text/csv; charset=utf-8", f"payroll-{period}.csv")


def _download(body: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        content=body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
