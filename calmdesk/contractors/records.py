"""What contractor pay is computed from: pay terms, appointments, upsells, pay periods.

Every rate and commission rule is effective-dated and kept forever, so a period is
always paid on the terms in force in it, however often it is recomputed. The rule
in force on a day is the one with the latest ``effective_from`` on or before it.

Pure values, no I/O: the database layer stores these and hands them to
:mod:`calmdesk.contractors.pay`. Instants are timezone-aware; days are local dates
in the contractor's time zone (see :mod:`calmdesk.contractors.pay`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from calmdesk.money import Money, parse_decimal, render

DEFAULT_HOURLY_RATE = Money(Decimal("13.75"), "GBP")
"""The starting rate from the contractor agreement: £13.75 per appointment hour."""

UK_TIME = ZoneInfo("Europe/London")
_MONTH_LABEL = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
_WEEK_LABEL = re.compile(r"(?P<year>\d{4})-W(?P<week>\d{2})")


class PayRuleError(ValueError):
    """Pay terms or records that cannot be paid (no rate in force, mixed currencies, ...)."""


@dataclass(frozen=True)
class HourlyRate:
    """An hourly rate in force from ``effective_from`` until the next rate starts."""

    effective_from: date
    rate: Money

    def __post_init__(self) -> None:
        if self.rate.amount <= 0:
            raise PayRuleError(f"hourly rate must be positive, got {self.rate}")


@dataclass(frozen=True)
class CommissionRule:
    """Commission on a confirmed upsell: a percentage of its value plus an optional fixed sum.

    ``category`` None makes it the default rule, used for any category without a rule
    of its own in force on the day.
    """

    effective_from: date
    percent: Decimal
    fixed_per_upsell: Money | None = None
    category: str | None = None

    def __post_init__(self) -> None:
        percent = parse_decimal(self.percent)
        if not Decimal(0) <= percent <= Decimal(100):
            raise PayRuleError(f"commission percent must be within 0..100, got {percent}")
        object.__setattr__(self, "percent", percent)
        if self.fixed_per_upsell is not None and self.fixed_per_upsell.amount < 0:
            raise PayRuleError("a fixed commission per upsell cannot be negative")
        if self.category is not None and not self.category.strip():
            raise PayRuleError("a commission category cannot be blank; use None for the default")

    def commission_on(self, value: Money) -> Money:
        """Returns the commission earned on an upsell of ``value`` (rounded once)."""
        earned = value.times(self.percent, per=100)
        return earned if self.fixed_per_upsell is None else earned + self.fixed_per_upsell

    def describe(self) -> str:
        """Describes the rule for a statement line, e.g. "5% + £2.00"."""
        text = f"{self.percent.normalize():f}%"
        return text if self.fixed_per_upsell is None else f"{text} + {render(self.fixed_per_upsell)}"


class CallOutBasis(StrEnum):
    """How a cancelled or no-show appointment is paid."""

    UNPAID = "unpaid"
    FIXED_AMOUNT = "fixed_amount"
    MINUTES_AT_RATE = "minutes_at_rate"


@dataclass(frozen=True)
class CallOutRule:
    """What a contractor is paid for an appointment that did not take place."""

    basis: CallOutBasis = CallOutBasis.UNPAID
    fixed_amount: Money | None = None
    minutes: int | None = None

    def __post_init__(self) -> None:
        wants_fixed = self.basis is CallOutBasis.FIXED_AMOUNT
        wants_minutes = self.basis is CallOutBasis.MINUTES_AT_RATE
        if wants_fixed != (self.fixed_amount is not None):
            raise PayRuleError("a fixed_amount is given exactly when the basis is fixed_amount")
        if wants_minutes != (self.minutes is not None):
            raise PayRuleError("minutes are given exactly when the basis is minutes_at_rate")
        if self.fixed_amount is not None and self.fixed_amount.amount <= 0:
            raise PayRuleError("a fixed call-out must be positive")
        if self.minutes is not None and (isinstance(self.minutes, bool) or self.minutes <= 0):
            raise PayRuleError("call-out minutes must be a positive whole number")

    @classmethod
    def unpaid(cls) -> CallOutRule:
        """Pays nothing for the appointment."""
        return cls()

    @classmethod
    def fixed(cls, amount: Money) -> CallOutRule:
        """Pays a fixed call-out amount."""
        return cls(CallOutBasis.FIXED_AMOUNT, fixed_amount=amount)

    @classmethod
    def minutes_at_rate(cls, minutes: int) -> CallOutRule:
        """Pays ``minutes`` at the hourly rate in force on the appointment's day."""
        return cls(CallOutBasis.MINUTES_AT_RATE, minutes=minutes)


@dataclass(frozen=True)
class PayProfile:
    """One contractor's pay terms, with the full history of rates and commission rules."""

    contractor_ref: str
    rates: tuple[HourlyRate, ...]
    currency: str = "GBP"
    commission_rules: tuple[CommissionRule, ...] = ()
    cancelled_by_customer: CallOutRule = CallOutRule()
    no_show: CallOutRule = CallOutRule()
    timezone: tzinfo = UK_TIME

    def __post_init__(self) -> None:
        Money.zero(self.currency)  # refuses an unsupported currency
        if not self.rates:
            raise PayRuleError(f"contractor {self.contractor_ref} has no hourly rate")
        amounts = [rate.rate for rate in self.rates]
        amounts += [rule.fixed_per_upsell for rule in self.commission_rules if rule.fixed_per_upsell]
        amounts += [
            rule.fixed_amount
            for rule in (self.cancelled_by_customer, self.no_show)
            if rule.fixed_amount is not None
        ]
        if any(amount.currency != self.currency for amount in amounts):
            raise PayRuleError(f"every rate and fixed amount must be in {self.currency}")
        days = [rate.effective_from for rate in self.rates]
        if len(set(days)) != len(days):
            raise PayRuleError("two hourly rates start on the same day")
        rule_keys = [(_category_key(r.category), r.effective_from) for r in self.commission_rules]
        if len(set(rule_keys)) != len(rule_keys):
            raise PayRuleError("two commission rules for one category start on the same day")
        by_day = tuple(sorted(self.rates, key=lambda rate: rate.effective_from))
        object.__setattr__(self, "rates", by_day)
        object.__setattr__(self, "commission_rules", tuple(self.commission_rules))

    def rate_on(self, day: date) -> HourlyRate:
        """Returns the hourly rate in force on ``day``."""
        in_force = [rate for rate in self.rates if rate.effective_from <= day]
        if not in_force:
            raise PayRuleError(f"no hourly rate in force on {day} for {self.contractor_ref}")
        return in_force[-1]

    def commission_rule_on(self, category: str, day: date) -> CommissionRule | None:
        """Returns the category's rule in force on ``day``, else the default rule, else None."""
        for wanted in (_category_key(category), None):
            in_force = [
                rule
                for rule in self.commission_rules
                if _category_key(rule.category) == wanted and rule.effective_from <= day
            ]
            if in_force:
                return max(in_force, key=lambda rule: rule.effective_from)
        return None


def _category_key(category: str | None) -> str | None:
    # "Warranty" and "warranty " must not silently fall back to the default rule.
    return None if category is None else category.strip().casefold()


def default_profile(contractor_ref: str, *, since: date) -> PayProfile:
    """Returns a profile at the default £13.75 per hour from ``since``, no commission."""
    return PayProfile(contractor_ref, rates=(HourlyRate(since, DEFAULT_HOURLY_RATE),))


@dataclass(frozen=True)
class Period:
    """A pay period: ``start`` to ``end`` inclusive, labelled "2026-11" or "2026-W47"."""

    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PayRuleError(f"period {self.label} ends before it starts")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Returns a calendar month."""
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}")

    @classmethod
    def iso_week(cls, year: int, week: int) -> Period:
        """Returns an ISO week, Monday to Sunday."""
        monday = date.fromisocalendar(year, week, 1)
        return cls(monday, monday + timedelta(days=6), f"{year:04d}-W{week:02d}")

    @classmethod
    def parse(cls, label: str) -> Period:
        """Returns the period a label such as "2026-11" or "2026-W47" names."""
        try:
            if match := _MONTH_LABEL.fullmatch(label):
                return cls.month(int(match["year"]), int(match["month"]))
            if match := _WEEK_LABEL.fullmatch(label):
                return cls.iso_week(int(match["year"]), int(match["week"]))
        except ValueError as error:
            raise PayRuleError(f"{label!r} names no real period: {error}") from error
        raise PayRuleError(f"{label!r} is not a period label such as '2026-11' or '2026-W47'")

    def contains(self, day: date) -> bool:
        """Tells whether ``day`` falls within the period."""
        return self.start <= day <= self.end


class AppointmentStatus(StrEnum):
    """Where a customer appointment stands."""

    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    CANCELLED_BY_CUSTOMER = "cancelled_by_customer"
    NO_SHOW = "no_show"  # the customer was not there; the contractor was


@dataclass(frozen=True)
class Appointment:
    """A contractor's customer appointment, scheduled and (once done) actual times."""

    ref: str
    customer_label: str
    scheduled_start: datetime
    scheduled_end: datetime
    status: AppointmentStatus = AppointmentStatus.SCHEDULED
    actual_start: datetime | None = None
    actual_end: datetime | None = None

    def __post_init__(self) -> None:
        moments = (self.scheduled_start, self.scheduled_end, self.actual_start, self.actual_end)
        if any(m is not None and (m.tzinfo is None or m.utcoffset() is None) for m in moments):
            raise PayRuleError(f"appointment {self.ref}: times must be timezone-aware")
        if self.scheduled_end <= self.scheduled_start:
            raise PayRuleError(f"appointment {self.ref} is scheduled to end before it starts")
        if (self.actual_start is None) != (self.actual_end is None):
            raise PayRuleError(f"appointment {self.ref} needs both an actual start and end")
        if self.actual_start and self.actual_end and self.actual_end <= self.actual_start:
            raise PayRuleError(f"appointment {self.ref} actually ended before it started")
        if self.status is AppointmentStatus.COMPLETED and self.actual_start is None:
            raise PayRuleError(f"completed appointment {self.ref} has no actual times")

    @property
    def started_at(self) -> datetime:
        """The actual start of a completed appointment, else its scheduled start."""
        if self.status is AppointmentStatus.COMPLETED and self.actual_start is not None:
            return self.actual_start
        return self.scheduled_start

    @property
    def worked(self) -> timedelta:
        """The actual time spent, zero when there is none."""
        if self.actual_start is None or self.actual_end is None:
            return timedelta()
        return self.actual_end - self.actual_start

    @property
    def occupied(self) -> tuple[datetime, datetime] | None:
        """The contractor's time it takes (actual, else scheduled); None once cancelled."""
        if self.status is AppointmentStatus.CANCELLED_BY_CUSTOMER:
            return None  # the slot was freed for other work
        if self.actual_start is not None and self.actual_end is not None:
            return self.actual_start, self.actual_end
        return self.scheduled_start, self.scheduled_end


@dataclass(frozen=True)
class Overlap:
    """Two appointments of one contractor that take the same time."""

    first_ref: str
    second_ref: str
    start: datetime
    end: datetime


class OverlappingAppointmentsError(PayRuleError):
    """One contractor cannot be paid twice for the same time."""

    def __init__(self, overlaps: tuple[Overlap, ...]) -> None:
        self.overlaps = overlaps
        pairs = ", ".join(f"{o.first_ref} and {o.second_ref}" for o in overlaps)
        super().__init__(f"overlapping appointments: {pairs}")


def find_overlaps(appointments: Iterable[Appointment]) -> tuple[Overlap, ...]:
    """Returns every pair of appointments that overlap; touching end to start is fine."""
    spans = sorted((span[0], span[1], a.ref) for a in appointments if (span := a.occupied) is not None)
    found: list[Overlap] = []
    running: list[tuple[datetime, datetime, str]] = []
    for start, end, ref in spans:
        running = [span for span in running if span[1] > start]
        found += [Overlap(other, ref, start, min(end, other_end)) for _, other_end, other in running]
        running.append((start, end, ref))
    return tuple(found)


def check_no_overlaps(appointments: Iterable[Appointment]) -> None:
    """Raises :class:`OverlappingAppointmentsError` naming any overlapping appointments."""
    overlaps = find_overlaps(appointments)
    if overlaps:
        raise OverlappingAppointmentsError(overlaps)


class UpsellStatus(StrEnum):
    """Where an upsell stands; commission follows confirmation and refund."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REFUNDED = "refunded"


@dataclass(frozen=True)
class Upsell:
    """A product a contractor sold on an appointment, earning commission once confirmed."""

    ref: str
    product: str
    category: str
    value: Money
    status: UpsellStatus = UpsellStatus.PENDING
    confirmed_at: datetime | None = None
    refunded_at: datetime | None = None

    def __post_init__(self) -> None:
        moments = [m for m in (self.confirmed_at, self.refunded_at) if m is not None]
        if any(m.tzinfo is None or m.utcoffset() is None for m in moments):
            raise PayRuleError(f"upsell {self.ref}: times must be timezone-aware")
        if self.value.amount <= 0:
            raise PayRuleError(f"upsell {self.ref} must have a positive value")
        confirmed, refunded = self.confirmed_at is not None, self.refunded_at is not None
        expected = {
            UpsellStatus.PENDING: not confirmed and not refunded,
            UpsellStatus.CONFIRMED: confirmed and not refunded,
            UpsellStatus.REFUNDED: refunded,  # refunded before confirmation earns nothing
        }
        if not expected[self.status]:
            raise PayRuleError(f"upsell {self.ref} is {self.status} with the wrong timestamps")
        if self.confirmed_at and self.refunded_at and self.refunded_at < self.confirmed_at:
            raise PayRuleError(f"upsell {self.ref} was refunded before it was confirmed")
