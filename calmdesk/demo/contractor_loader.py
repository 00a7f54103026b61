"""Loads the demo contractors through the real services: terms, a month of work, issued statements.

Called by the demo loader once staff and customers exist (in its transaction)::

    load_contractors(db, {member.email: member for member in staff.values()}, customers, now=now)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from calmdesk.auth.principal import SYSTEM
from calmdesk.clock import utcnow
from calmdesk.contractors import appointment_service, records, statement_service, upsell_service
from calmdesk.contractors import service as contractor_service
from calmdesk.contractors.models import Appointment, ContractorProfile, Upsell
from calmdesk.contractors.schemas import (
    AdjustmentCreate,
    AppointmentCreate,
    AppointmentUpdate,
    CallOutRuleCreate,
    CommissionRuleCreate,
    ContractorCreate,
    RateCreate,
    UpsellCreate,
    UpsellUpdate,
)
from calmdesk.customers.models import Customer
from calmdesk.demo import content
from calmdesk.demo import contractors as demo
from calmdesk.staff.models import Staff

UK = ZoneInfo("Europe/London")
EVERYONE = contractor_service.Reach(viewer_id=0, sees_self=False, managed=None)
_NOTES = {
    "completed": "Done and tested with the customer; old part taken away.",
    "cancelled_by_customer": "Customer rang dispatch to cancel on the morning.",
    "no_show": "Nobody home; card left, photo of the door taken, dispatch told.",
    "scheduled": "",
}


@dataclass(frozen=True)
class ContractorDemoSummary:
    """What was loaded for the contractors, and how they sign in."""

    contractors: int
    appointments: int
    upsells: int
    statements: int
    sign_ins: tuple[tuple[str, str], ...]  # (name, email)

    def describe(self) -> str:
        """A short report for the terminal."""
        lines = [
            f"contractors: {self.contractors}, with {self.appointments} appointments, "
            f"{self.upsells} upsells and {self.statements} issued pay statements"
        ]
        lines += [f"  {'contractor':<20} {name:<24} {email}" for name, email in self.sign_ins]
        return "\n".join(lines)


@dataclass
class _Tally:
    appointments: int = 0
    upsells: int = 0
    statements: int = 0


def load_contractors(
    db: Session,
    staff_by_email: Mapping[str, Staff],
    customers: Mapping[str, Customer],
    *,
    now: datetime | None = None,
) -> ContractorDemoSummary:
    """Adds the demo contractors' pay terms, work and statements (in the caller's transaction)."""
    now = now or utcnow()
    emails = {person.key: person.email.lower() for person in content.STAFF}
    tally, sign_ins = _Tally(), []
    for terms in demo.CONTRACTORS:
        staff = staff_by_email[emails[terms.staff_key]]
        profile = _terms(db, terms, staff, now)
        booked = _work(db, terms, profile, customers, now, tally)
        issued = _issue_ended_periods(db, terms, profile, now)
        tally.statements += len(issued)
        _late_changes(db, terms, profile, booked, issued, now)
        sign_ins.append((staff.name, staff.email))
    db.flush()
    return ContractorDemoSummary(
        len(demo.CONTRACTORS), tally.appointments, tally.upsells, tally.statements, tuple(sign_ins)
    )


def _terms(db: Session, terms: demo.DemoContractor, staff: Staff, now: datetime) -> ContractorProfile:
    today = now.astimezone(UK).date()
    since = today - timedelta(days=demo.DAYS_BACK + 365)
    contractor_in = ContractorCreate(
        staff_id=staff.id, hourly_rate=Decimal(terms.starting_rate), rate_effective_from=since
    )
    profile = contractor_service.create(
        db, contractor_in=contractor_in, actor=SYSTEM, reach=EVERYONE, now=now
    )
    if terms.rate_this_month is not None:
        rise = RateCreate(hourly_rate=Decimal(terms.rate_this_month), effective_from=today.replace(day=1))
        contractor_service.add_rate(db, profile=profile, rate_in=rise, actor=SYSTEM)
    for rule in terms.commission:
        fixed = None if rule.fixed_per_upsell is None else Decimal(rule.fixed_per_upsell)
        rule_in = CommissionRuleCreate(
            effective_from=since,
            category=rule.category,
            percent=Decimal(rule.percent),
            fixed_per_upsell=fixed,
        )
        contractor_service.add_commission_rule(db, profile=profile, rule_in=rule_in, actor=SYSTEM)
    if terms.cancelled_call_out_minutes is not None:
        cancelled = CallOutRuleCreate(
            applies_to="cancelled_by_customer",
            effective_from=since,
            basis=records.CallOutBasis.MINUTES_AT_RATE,
            minutes=terms.cancelled_call_out_minutes,
        )
        contractor_service.add_call_out_rule(db, profile=profile, rule_in=cancelled, actor=SYSTEM)
    if terms.no_show_call_out is not None:
        no_show = CallOutRuleCreate(
            applies_to="no_show",
            effective_from=since,
            basis=records.CallOutBasis.FIXED_AMOUNT,
            fixed_amount=Decimal(terms.no_show_call_out),
        )
        contractor_service.add_call_out_rule(db, profile=profile, rule_in=no_show, actor=SYSTEM)
    return profile


def _outcome(n: int, offset: int) -> str:
    if offset < 0:
        return "scheduled"
    if n % demo.EVERY_NTH_CANCELLED == 0:
        return "cancelled_by_customer"
    if n % demo.EVERY_NTH_NO_SHOW == 0:
        return "no_show"
    return "completed"


def _work(
    db: Session,
    terms: demo.DemoContractor,
    profile: ContractorProfile,
    customers: Mapping[str, Customer],
    now: datetime,
    tally: _Tally,
) -> list[Appointment]:
    today = now.astimezone(UK).date()
    booked: list[Appointment] = []
    n = 0
    for offset in range(demo.DAYS_BACK, -demo.DAYS_AHEAD - 1, -1):
        day = today - timedelta(days=offset)
        if offset == 0 or day.weekday() not in terms.working_days:
            continue  # today's jobs would be half done: the demo shows whole days
        for hour, minute, minutes in terms.slots:
            n += 1
            start = datetime.combine(day, time(hour, minute), tzinfo=UK).astimezone(UTC)
            end = start + timedelta(minutes=minutes)
            status = _outcome(n, offset)
            done = status == "completed"
            customer = customers[demo.CUSTOMER_KEYS[(n * 7) % len(demo.CUSTOMER_KEYS)]]
            appointment_in = AppointmentCreate(
                contractor_id=profile.staff_id,
                customer_id=customer.id,
                scheduled_start=start,
                scheduled_end=end,
                status=records.AppointmentStatus(status),
                # People run a little late and a little over or under: -10 to +10 minutes.
                actual_start=start + timedelta(minutes=5 * (n % 3)) if done else None,
                actual_end=end + timedelta(minutes=5 * (n % 5 - 2)) if done else None,
                job_notes=_NOTES[status],
            )
            appointment = appointment_service.create(
                db, appointment_in=appointment_in, actor=SYSTEM, reach=EVERYONE, now=now
            )
            booked.append(appointment)
            tally.appointments += 1
            if done and n % demo.EVERY_NTH_SOLD == 0:
                _sell(db, appointment, demo.SALES[(n // demo.EVERY_NTH_SOLD) % len(demo.SALES)], offset)
                tally.upsells += 1
    return booked


def _sell(db: Session, appointment: Appointment, sale: demo.DemoSale, offset: int) -> None:
    upsell_in = UpsellCreate(product=sale.product, category=sale.category, value=Decimal(sale.value))
    upsell = upsell_service.create(db, appointment=appointment, upsell_in=upsell_in, actor=SYSTEM)
    if offset > demo.PENDING_WITHIN_DAYS and appointment.actual_end is not None:
        confirmed_at = appointment.actual_end + timedelta(hours=2)
        confirm = UpsellUpdate(status=records.UpsellStatus.CONFIRMED)
        upsell_service.update(
            db, upsell=upsell, upsell_in=confirm, actor=SYSTEM, may_settle=True, now=confirmed_at
        )


def _ended_periods(terms: demo.DemoContractor, today: date) -> list[records.Period]:
    if terms.pays == "month":
        last_month = today.replace(day=1) - timedelta(days=1)
        return [records.Period.month(last_month.year, last_month.month)]
    first = today - timedelta(days=demo.DAYS_BACK)
    periods = []
    monday = first - timedelta(days=first.weekday())
    while monday + timedelta(days=6) < today:
        year, week, _ = monday.isocalendar()
        periods.append(records.Period.iso_week(year, week))
        monday += timedelta(days=7)
    return periods


def _issue_ended_periods(
    db: Session, terms: demo.DemoContractor, profile: ContractorProfile, now: datetime
) -> list[records.Period]:
    periods = _ended_periods(terms, now.astimezone(UK).date())
    for period in periods:
        statement_service.issue(db, profile=profile, period=period, actor=SYSTEM, now=now)
    return periods


def _late_changes(
    db: Session,
    terms: demo.DemoContractor,
    profile: ContractorProfile,
    booked: list[Appointment],
    issued: list[records.Period],
    now: datetime,
) -> None:
    """After issuing: a visit logged too short (a correction) and a refund (a clawback)."""
    in_issued = [
        a for a in booked if a.actual_end and any(p.contains(_local_day(a.actual_end)) for p in issued)
    ]
    last_slot = time(*terms.slots[-1][:2])
    late = next((a for a in in_issued if a.scheduled_start.astimezone(UK).time() == last_slot), None)
    if late is not None and late.actual_end is not None:
        longer = AppointmentUpdate(actual_end=late.actual_end + timedelta(minutes=demo.LATE_LOGGED_MINUTES))
        appointment_service.update(
            db, appointment=late, appointment_in=longer, actor=SYSTEM, reach=EVERYONE, now=now
        )
    sold = [u for a in in_issued for u in upsell_service.get_all(db, appointment=a)]
    refund = next((u for u in sold if _confirmed_in(u, issued)), None)
    if refund is not None:
        back = UpsellUpdate(status=records.UpsellStatus.REFUNDED)
        upsell_service.update(db, upsell=refund, upsell_in=back, actor=SYSTEM, may_settle=True, now=now)
    if terms.pays == "month":
        what, amount = demo.ADJUSTMENT
        today = now.astimezone(UK).date()
        adjustment = AdjustmentCreate(day=today, description=what, amount=Decimal(amount))
        contractor_service.add_adjustment(db, profile=profile, adjustment_in=adjustment, actor=SYSTEM)


def _local_day(moment: datetime) -> date:
    return moment.astimezone(UK).date()


def _confirmed_in(upsell: Upsell, periods: list[records.Period]) -> bool:
    confirmed = upsell.confirmed_at
    return confirmed is not None and any(p.contains(_local_day(confirmed)) for p in periods)
