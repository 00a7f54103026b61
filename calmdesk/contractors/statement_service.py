"""Pay statements: drafts computed from the records, issued ones frozen. Callers own the transaction.

How a statement is made:

* A draft is computed by the pure core (:mod:`calmdesk.contractors.pay`) from the
  contractor's appointments, upsells and one-off adjustments in the period.
* It also carries corrections: every statement issued for an earlier period is
  recomputed from today's records, and any difference from what was issued (a
  visit logged late, a back-dated rate, a corrected time) becomes an adjustment line
  here; corrections already carried by another issued statement are not repeated.
* Issuing stores the lines and totals as they are. The database refuses to change
  them afterwards. A period can be issued once it has ended in the contractor's
  time zone, once, and not if it overlaps a period already issued (a weekly and a
  monthly statement would pay the same days twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.contractors import appointment_service, pay, records, upsell_service
from calmdesk.contractors import service as contractor_service
from calmdesk.contractors.models import ContractorProfile, IssuedLine, IssuedStatement, PayAdjustment
from calmdesk.errors import Conflict, InvalidRequest
from calmdesk.money import ROUNDING, Money
from calmdesk.pagination import SortKey, paginate, split_page

_RULE = ROUNDING.lower().removeprefix("round_").replace("_", "-")
ROUNDING_NOTE = (
    f"each line is rounded once to the minor unit ({_RULE}); "
    "hours are paid exactly; a day with several appointments pays its total hours times the rate"
)
ISSUE_SORT = SortKey("-id", IssuedStatement.id, descending=True)
# Local days can sit up to 14 hours either side of UTC: a two-day margin catches every
# record of the period, and the pure core keeps exactly those whose local day is in it.
_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class StatementView:
    """A statement and who and when issued it (None for a draft)."""

    contractor_id: int
    contractor_name: str
    statement: pay.PayStatement
    issued_at: datetime | None = None
    issued_by_id: int | None = None

    @property
    def status(self) -> str:
        """``issued`` or ``draft``."""
        return "draft" if self.issued_at is None else "issued"


def parse_period(label: str) -> records.Period:
    """Returns the period a label names, or raises a 422 a person can act on."""
    try:
        return records.Period.parse(label)
    except records.PayRuleError as error:
        raise InvalidRequest("invalid_period", str(error)) from None


def _window(period: records.Period) -> tuple[datetime, datetime]:
    start = datetime.combine(period.start, time.min, tzinfo=UTC) - _MARGIN
    return start, datetime.combine(period.end, time.max, tzinfo=UTC) + _MARGIN


def frozen(issued: IssuedStatement) -> pay.PayStatement:
    """Returns an issued statement exactly as it was issued."""
    currency = issued.currency
    lines = tuple(
        pay.PayLine(
            kind=pay.LineKind(line.kind),
            key=line.key,
            day=line.day,
            label=line.label,
            amount=Money(line.amount, currency),
            worked=None
            if line.worked_microseconds is None
            else timedelta(microseconds=line.worked_microseconds),
            rate=None if line.rate is None else Money(line.rate, currency),
            corrects=line.corrects,
        )
        for line in issued.lines
    )
    period = records.Period(issued.period_start, issued.period_end, issued.period_label)
    return pay.PayStatement(issued.contractor_ref, period, currency, lines, tuple(issued.unsettled_refs))


def _micro(microseconds: int) -> timedelta:
    return timedelta(microseconds=microseconds)


def _compute(
    db: Session, profile: ContractorProfile, period: records.Period, adjustments: list[pay.PayLine]
) -> pay.PayStatement:
    window = _window(period)
    try:
        return pay.compute_statement(
            contractor_service.pay_profile(profile, period=period),
            period,
            appointment_service.for_pay(db, contractor_id=profile.staff_id, window=window),
            upsells=upsell_service.for_pay(db, contractor_id=profile.staff_id, window=window),
            adjustments=adjustments,
        )
    except records.PayRuleError as error:
        raise InvalidRequest("cannot_compute_pay", f"{period.label}: {error}") from None


def _one_off_lines(db: Session, profile: ContractorProfile, period: records.Period) -> list[pay.PayLine]:
    query = select(PayAdjustment).where(
        PayAdjustment.contractor_id == profile.staff_id,
        PayAdjustment.day.between(period.start, period.end),
    )
    return [
        pay.PayLine(
            pay.LineKind.ADJUSTMENT, f"adjustment:{a.id}", a.day, a.description, Money(a.amount, a.currency)
        )
        for a in db.scalars(query.order_by(PayAdjustment.day, PayAdjustment.id))
    ]


def _issued(db: Session, contractor_id: int) -> list[IssuedStatement]:
    query = select(IssuedStatement).where(IssuedStatement.contractor_id == contractor_id)
    return list(db.scalars(query.order_by(IssuedStatement.period_start)))


def _corrections(db: Session, profile: ContractorProfile, period: records.Period) -> list[pay.PayLine]:
    issued = [frozen(row) for row in _issued(db, profile.staff_id)]
    carried = [line for statement in issued for line in statement.lines if line.corrects is not None]
    corrections: list[pay.PayLine] = []
    for was in issued:
        if was.period.end >= period.start:
            continue
        own = [line for line in was.lines if line.kind is pay.LineKind.ADJUSTMENT]
        now = _compute(db, profile, was.period, own)
        prefix = f"correction:{was.period.label}:"
        earlier = [line for line in carried if line.key.startswith(prefix)]
        corrections += pay.adjustment_lines(was, now, already_corrected=earlier)
    return corrections


def draft(db: Session, *, profile: ContractorProfile, period: records.Period) -> pay.PayStatement:
    """Computes the period's statement from today's records, with corrections to issued periods."""
    adjustments = _one_off_lines(db, profile, period) + _corrections(db, profile, period)
    return _compute(db, profile, period, adjustments)


def get_issued(db: Session, *, contractor_id: int, period_label: str) -> IssuedStatement | None:
    """Returns the issued statement of a period, if it was issued."""
    query = select(IssuedStatement).where(
        IssuedStatement.contractor_id == contractor_id, IssuedStatement.period_label == period_label
    )
    return db.scalars(query).one_or_none()


def view_of(issued: IssuedStatement) -> StatementView:
    """Returns an issued statement with its issue details."""
    return StatementView(
        issued.contractor_id, issued.contractor_name, frozen(issued), issued.issued_at, issued.issued_by_id
    )


def get(db: Session, *, profile: ContractorProfile, period: records.Period) -> StatementView:
    """Returns the issued statement of a period, else a draft computed now."""
    issued = get_issued(db, contractor_id=profile.staff_id, period_label=period.label)
    if issued is not None:
        return view_of(issued)
    return StatementView(profile.staff_id, profile.name, draft(db, profile=profile, period=period))


def issue(
    db: Session, *, profile: ContractorProfile, period: records.Period, actor: Actor, now: datetime
) -> StatementView:
    """Freezes the statement of an ended period; later changes go to later statements."""
    profile = contractor_service.get_for_update(db, contractor_id=profile.staff_id)
    today = contractor_service.local_today(profile, now)
    if period.end >= today:
        raise Conflict(
            "period_not_ended",
            f"{period.label} ends on {period.end}; issue it from {period.end + timedelta(days=1)} on",
        )
    for other in _issued(db, profile.staff_id):
        if other.period_start <= period.end and other.period_end >= period.start:
            code = "statement_issued" if other.period_label == period.label else "period_overlaps"
            raise Conflict(code, f"{profile.name}'s statement for {other.period_label} is already issued")
    statement = draft(db, profile=profile, period=period)
    row = IssuedStatement(
        contractor_id=profile.staff_id,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        contractor_ref=statement.contractor_ref,
        contractor_name=profile.name,
        currency=statement.currency,
        work_subtotal=statement.work_subtotal.amount,
        commission_subtotal=statement.commission_subtotal.amount,
        adjustment_subtotal=statement.adjustment_subtotal.amount,
        total=statement.total.amount,
        worked_microseconds=statement.worked // timedelta(microseconds=1),
        unsettled_refs=list(statement.unsettled_refs),
        issued_at=now,
        issued_by_id=actor.id if actor.kind == "staff" else None,
        lines=[_line_row(position, line) for position, line in enumerate(statement.lines)],
    )
    db.add(row)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="pay_statement.issued",
        entity_type="pay_statement",
        entity_id=row.id,
        after={
            "contractor_id": profile.staff_id,
            "period": period.label,
            "total": str(statement.total.amount),
            "currency": statement.currency,
            "lines": len(statement.lines),
        },
    )
    return view_of(row)


def _line_row(position: int, line: pay.PayLine) -> IssuedLine:
    return IssuedLine(
        position=position,
        kind=line.kind.value,
        key=line.key,
        day=line.day,
        label=line.label,
        amount=line.amount.amount,
        worked_microseconds=None if line.worked is None else line.worked // timedelta(microseconds=1),
        rate=None if line.rate is None else line.rate.amount,
        corrects=line.corrects,
    )


def get_all_issued(
    db: Session, *, contractor_id: int, cursor: str | None, limit: int
) -> tuple[list[IssuedStatement], str | None]:
    """Lists a contractor's issued statements, the last issued first."""
    query = select(IssuedStatement).where(IssuedStatement.contractor_id == contractor_id)
    rows = db.scalars(
        paginate(query, sort=ISSUE_SORT, id_column=IssuedStatement.id, cursor=cursor, limit=limit)
    ).all()
    return split_page(rows, limit=limit, sort=ISSUE_SORT, key_of=lambda s: (s.id, s.id))


def payroll(db: Session, *, period: records.Period, reach: contractor_service.Reach) -> list[StatementView]:
    """Returns the statements issued for a period, for every contractor the viewer sees."""
    query = select(IssuedStatement).where(IssuedStatement.period_label == period.label)
    visible = reach.visible_ids()
    if visible is not None:
        query = query.where(IssuedStatement.contractor_id.in_(visible))
    rows = db.scalars(query.order_by(IssuedStatement.contractor_name, IssuedStatement.id))
    return [view_of(row) for row in rows]
