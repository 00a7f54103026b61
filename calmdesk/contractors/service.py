"""Contractors' pay terms and who may see which contractor. Callers own the transaction.

Who sees whom (the "reach"):

* a contractor sees only themself;
* a supervisor or manager sees the contractors whose reports-to chain leads up to
  them (a contractor reporting to a supervisor who reports to a manager is seen by
  both);
* the Head of Operations and admins see every contractor.

A contractor someone may not see is answered with 404, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.contractors import records
from calmdesk.contractors.models import (
    CallOutRuleEntry,
    CommissionRuleEntry,
    ContractorProfile,
    HourlyRateEntry,
    IssuedStatement,
    PayAdjustment,
)
from calmdesk.contractors.schemas import (
    AdjustmentCreate,
    CallOutRuleCreate,
    CommissionRuleCreate,
    ContractorCreate,
    RateCreate,
)
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.money import Money, MoneyError
from calmdesk.pagination import SortKey, paginate, split_page
from calmdesk.staff.models import Staff
from calmdesk.staff.roles import Role

NAME_SORT = SortKey("name", Staff.name, descending=False)


@dataclass(frozen=True)
class Reach:
    """The contractors one signed-in person may see, and those they may manage."""

    viewer_id: int
    sees_self: bool
    managed: frozenset[int] | None  # None: every contractor

    def sees(self, contractor_id: int) -> bool:
        """Tells whether the viewer may see this contractor's records."""
        return (self.sees_self and contractor_id == self.viewer_id) or self.manages(contractor_id)

    def manages(self, contractor_id: int) -> bool:
        """Tells whether the viewer may change this contractor's records."""
        return self.managed is None or contractor_id in self.managed

    def visible_ids(self) -> frozenset[int] | None:
        """Every contractor id the viewer sees, or None for all of them."""
        if self.managed is None:
            return None
        return self.managed | ({self.viewer_id} if self.sees_self else frozenset())


def reporting_line(db: Session, *, manager_id: int) -> frozenset[int]:
    """Returns the contractors whose reports-to chain leads up to ``manager_id``."""
    found: set[int] = set()
    seen, frontier = {manager_id}, {manager_id}
    while frontier:
        rows = db.execute(select(Staff.id, Staff.role).where(Staff.reports_to_id.in_(frontier))).all()
        frontier = {staff_id for staff_id, _ in rows} - seen
        seen |= frontier
        found |= {staff_id for staff_id, role in rows if role == Role.CONTRACTOR}
    return frozenset(found)


def reach_for(db: Session, *, viewer_id: int, own: bool, manage: bool, everyone: bool) -> Reach:
    """Builds the viewer's reach from what their role allows."""
    if manage and everyone:
        return Reach(viewer_id, sees_self=own, managed=None)
    managed = reporting_line(db, manager_id=viewer_id) if manage else frozenset()
    return Reach(viewer_id, sees_self=own, managed=managed)


def get_or_raise(db: Session, *, contractor_id: int, reach: Reach) -> ContractorProfile:
    """Returns a contractor the viewer may see, or raises NotFound."""
    profile = db.get(ContractorProfile, contractor_id) if reach.sees(contractor_id) else None
    if profile is None:
        raise NotFound("contractor", contractor_id)
    return profile


def get_for_update(db: Session, *, contractor_id: int) -> ContractorProfile:
    """Locks the contractor's profile so their appointments and statements change one at a time."""
    profile = db.get(ContractorProfile, contractor_id, with_for_update=True, populate_existing=True)
    if profile is None:
        raise NotFound("contractor", contractor_id)
    return profile


def get_by_email(db: Session, *, email: str) -> ContractorProfile | None:
    """Returns the contractor with this sign-in address, if any."""
    query = select(ContractorProfile).join(Staff).where(Staff.email == email.strip().lower())
    return db.scalars(query).one_or_none()


def get_all(
    db: Session, *, reach: Reach, cursor: str | None, limit: int
) -> tuple[list[ContractorProfile], str | None]:
    """Lists the contractors the viewer sees, by name."""
    query = select(ContractorProfile).join(ContractorProfile.staff)
    visible = reach.visible_ids()
    if visible is not None:
        query = query.where(ContractorProfile.staff_id.in_(visible))
    rows = db.scalars(
        paginate(query, sort=NAME_SORT, id_column=ContractorProfile.staff_id, cursor=cursor, limit=limit)
    ).all()
    return split_page(rows, limit=limit, sort=NAME_SORT, key_of=lambda p: (p.staff.name, p.staff_id))


def local_today(profile: ContractorProfile, now: datetime) -> date:
    """Returns the date it is for the contractor at ``now``."""
    return now.astimezone(ZoneInfo(profile.timezone)).date()


def _money(amount: object, currency: str, what: str) -> Money:
    try:
        return Money.of(amount, currency)
    except MoneyError as error:
        raise InvalidRequest("invalid_amount", f"{what}: {error}") from None


def _audit(db: Session, actor: Actor, action: str, contractor_id: int, after: Mapping[str, object]) -> None:
    audit_service.record(
        db, actor=actor, action=action, entity_type="contractor", entity_id=contractor_id, after=after
    )


def create(
    db: Session, *, contractor_in: ContractorCreate, actor: Actor, reach: Reach, now: datetime
) -> ContractorProfile:
    """Sets up pay terms for a staff member whose role is contractor."""
    staff = db.get(Staff, contractor_in.staff_id) if reach.manages(contractor_in.staff_id) else None
    if staff is None:
        raise NotFound("staff_member", contractor_in.staff_id)
    if staff.role != Role.CONTRACTOR:
        raise InvalidRequest("not_a_contractor", f"{staff.name} is a {staff.role}, not a contractor")
    if db.get(ContractorProfile, staff.id) is not None:
        raise Conflict("contractor_exists", f"{staff.name} already has pay terms")
    rate = _money(contractor_in.hourly_rate, contractor_in.currency, "hourly_rate")
    profile = ContractorProfile(staff_id=staff.id, currency=rate.currency, timezone=contractor_in.timezone)
    profile.staff = staff
    db.add(profile)
    db.flush()
    since = contractor_in.rate_effective_from or local_today(profile, now)
    db.add(HourlyRateEntry(contractor_id=staff.id, effective_from=since, hourly_rate=rate.amount))
    db.flush()
    db.refresh(profile)
    _audit(
        db,
        actor,
        "contractor.created",
        staff.id,
        {"currency": profile.currency, "timezone": profile.timezone, "hourly_rate": str(rate.amount)},
    )
    return profile


def add_rate(
    db: Session, *, profile: ContractorProfile, rate_in: RateCreate, actor: Actor
) -> HourlyRateEntry:
    """Adds an hourly rate from a date on (a past date means back pay on the next statement)."""
    rate = _money(rate_in.hourly_rate, profile.currency, "hourly_rate")
    if rate.amount <= 0:
        raise InvalidRequest("invalid_amount", "an hourly rate must be positive")
    if any(entry.effective_from == rate_in.effective_from for entry in profile.rates):
        raise Conflict("rate_exists", f"a rate already starts on {rate_in.effective_from}")
    entry = HourlyRateEntry(
        contractor_id=profile.staff_id, effective_from=rate_in.effective_from, hourly_rate=rate.amount
    )
    db.add(entry)
    db.flush()
    db.refresh(profile, ["rates"])
    _audit(
        db,
        actor,
        "contractor.rate_added",
        profile.staff_id,
        {"effective_from": entry.effective_from.isoformat(), "hourly_rate": str(rate.amount)},
    )
    return entry


def add_commission_rule(
    db: Session, *, profile: ContractorProfile, rule_in: CommissionRuleCreate, actor: Actor
) -> CommissionRuleEntry:
    """Adds a commission rule for a category (or the default) from a date on."""
    fixed = rule_in.fixed_per_upsell
    if fixed is not None:
        fixed = _money(fixed, profile.currency, "fixed_per_upsell").amount
    try:
        records.CommissionRule(rule_in.effective_from, rule_in.percent, None, rule_in.category)
    except records.PayRuleError as error:
        raise InvalidRequest("invalid_commission_rule", str(error)) from None
    if fixed is not None and fixed < 0:
        raise InvalidRequest("invalid_amount", "a fixed commission per upsell cannot be negative")
    clash = [
        r
        for r in profile.commission_rules
        if r.category == rule_in.category and r.effective_from == rule_in.effective_from
    ]
    if clash:
        what = rule_in.category or "the default"
        raise Conflict("rule_exists", f"a rule for {what} already starts on {rule_in.effective_from}")
    entry = CommissionRuleEntry(
        contractor_id=profile.staff_id,
        effective_from=rule_in.effective_from,
        category=rule_in.category,
        percent=rule_in.percent,
        fixed_per_upsell=fixed,
    )
    db.add(entry)
    db.flush()
    db.refresh(profile, ["commission_rules"])
    after = {"category": entry.category, "percent": str(entry.percent), "fixed_per_upsell": str(fixed)}
    _audit(db, actor, "contractor.commission_rule_added", profile.staff_id, after)
    return entry


def add_call_out_rule(
    db: Session, *, profile: ContractorProfile, rule_in: CallOutRuleCreate, actor: Actor
) -> CallOutRuleEntry:
    """Sets how cancelled or no-show appointments are paid from a date on."""
    fixed = rule_in.fixed_amount
    try:
        records.CallOutRule(
            rule_in.basis,
            None if fixed is None else _money(fixed, profile.currency, "fixed_amount"),
            rule_in.minutes,
        )
    except records.PayRuleError as error:
        raise InvalidRequest("invalid_call_out_rule", str(error)) from None
    if any(
        r.applies_to == rule_in.applies_to and r.effective_from == rule_in.effective_from
        for r in profile.call_out_rules
    ):
        raise Conflict(
            "rule_exists", f"a {rule_in.applies_to} rule already starts on {rule_in.effective_from}"
        )
    entry = CallOutRuleEntry(contractor_id=profile.staff_id, **rule_in.model_dump())
    db.add(entry)
    db.flush()
    db.refresh(profile, ["call_out_rules"])
    _audit(db, actor, "contractor.call_out_rule_added", profile.staff_id, rule_in.model_dump(mode="json"))
    return entry


def issued_covering(db: Session, *, contractor_id: int, day: date) -> IssuedStatement | None:
    """Returns the issued statement whose period holds ``day``, if any."""
    query = select(IssuedStatement).where(
        IssuedStatement.contractor_id == contractor_id,
        IssuedStatement.period_start <= day,
        IssuedStatement.period_end >= day,
    )
    return db.scalars(query.limit(1)).first()


def add_adjustment(
    db: Session, *, profile: ContractorProfile, adjustment_in: AdjustmentCreate, actor: Actor
) -> PayAdjustment:
    """Adds a one-off amount to the statement of the period holding its day (not an issued one)."""
    amount = _money(adjustment_in.amount, profile.currency, "amount")
    if amount.is_zero():
        raise InvalidRequest("invalid_amount", "an adjustment of nothing changes nothing")
    issued = issued_covering(db, contractor_id=profile.staff_id, day=adjustment_in.day)
    if issued is not None:
        raise Conflict(
            "period_issued",
            f"the statement for {issued.period_label} is issued and frozen; date the adjustment "
            "in a period that is still open",
        )
    adjustment = PayAdjustment(
        contractor_id=profile.staff_id,
        day=adjustment_in.day,
        description=adjustment_in.description,
        amount=amount.amount,
        currency=profile.currency,
        created_by_id=actor.id if actor.kind == "staff" else None,
    )
    db.add(adjustment)
    db.flush()
    _audit(db, actor, "contractor.adjustment_added", profile.staff_id, adjustment_in.model_dump(mode="json"))
    return adjustment


def get_adjustments(db: Session, *, profile: ContractorProfile) -> list[PayAdjustment]:
    """Lists the contractor's one-off adjustments, newest day first."""
    query = select(PayAdjustment).where(PayAdjustment.contractor_id == profile.staff_id)
    return list(db.scalars(query.order_by(PayAdjustment.day.desc(), PayAdjustment.id.desc())))


def pay_profile(profile: ContractorProfile, *, period: records.Period) -> records.PayProfile:
    """Returns the pure pay terms for ``period``.

    Rates and commission rules apply day by day. A call-out rule applies to whole
    periods: the one in force on the period's first day pays every missed
    appointment in it, so a change takes effect from the next period that starts.
    """
    currency = profile.currency
    rates = tuple(records.HourlyRate(r.effective_from, Money(r.hourly_rate, currency)) for r in profile.rates)
    rules = tuple(
        records.CommissionRule(
            r.effective_from,
            r.percent,
            None if r.fixed_per_upsell is None else Money(r.fixed_per_upsell, currency),
            r.category,
        )
        for r in profile.commission_rules
    )
    return records.PayProfile(
        contractor_ref=profile.email,
        rates=rates,
        currency=currency,
        commission_rules=rules,
        cancelled_by_customer=_call_out_on(profile, "cancelled_by_customer", period.start),
        no_show=_call_out_on(profile, "no_show", period.start),
        timezone=ZoneInfo(profile.timezone),
    )


def _call_out_on(profile: ContractorProfile, applies_to: str, day: date) -> records.CallOutRule:
    in_force = [r for r in profile.call_out_rules if r.applies_to == applies_to and r.effective_from <= day]
    if not in_force:
        return records.CallOutRule.unpaid()
    rule = max(in_force, key=lambda r: (r.effective_from, r.id))
    fixed = None if rule.fixed_amount is None else Money(rule.fixed_amount, profile.currency)
    return records.CallOutRule(records.CallOutBasis(rule.basis), fixed, rule.minutes)
