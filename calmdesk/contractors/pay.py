"""Contractor pay statements from appointments, upsells and adjustments (pure, no I/O).

The rules, in the words a contractor would ask about them:

* Hours: a completed appointment is paid on its actual duration, exactly
  (1 h 20 min is 1.333... h); only money is ever rounded.
* The day of an appointment is the local date (the profile's time zone) of its
  actual start if completed, else of its scheduled start. That day puts it in a
  period and picks its rate: an appointment is paid in full at the rate in force on
  the day it started, even if it runs past midnight.
* Rounding: each line is rounded once (:data:`calmdesk.money.ROUNDING`) from exact
  inputs. The agreement pays a day's hours times the rate (9 h x £13.75 = £123.75),
  while rounding appointments one by one can drift from that by up to half a penny
  each (27 jobs of 20 min: 27 x £4.58 = £123.66). So a day with several
  appointments gets a "day rounding" line of round(day hours x rate) minus the sum
  of its appointment lines when that is not zero: a day always pays its total
  hours times the rate, rounded once.
* Cancelled by the customer, or a no-show (the customer was not there, the
  contractor was): paid by the profile's call-out rule for that status (unpaid, a
  fixed amount, or N minutes at the day's rate), listed even when unpaid.
* Still "scheduled" in a period: not paid; listed in ``unsettled_refs`` so whoever
  issues the statement sees it is not final.
* Commission is earned on the local date an upsell is confirmed, under the rule in
  force that day. A refund claws back exactly that commission on the local date of
  the refund, in whatever period that is: an issued statement is never changed.
* Corrections to an issued period: :func:`adjustment_lines` turns the difference
  between its frozen lines and a recomputation into lines for a later statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from calmdesk.contractors.records import (
    Appointment,
    AppointmentStatus,
    HourlyRate,
    PayProfile,
    PayRuleError,
    Period,
    Upsell,
    UpsellStatus,
    check_no_overlaps,
)
from calmdesk.money import Money, render, total

US_PER_HOUR = 3_600_000_000


class LineKind(StrEnum):
    """What a pay-statement line pays for."""

    APPOINTMENT = "appointment"
    DAY_ROUNDING = "day_rounding"
    MISSED_APPOINTMENT = "missed_appointment"
    COMMISSION = "commission"
    CLAWBACK = "clawback"
    ADJUSTMENT = "adjustment"


WORK_KINDS = frozenset({LineKind.APPOINTMENT, LineKind.DAY_ROUNDING, LineKind.MISSED_APPOINTMENT})
COMMISSION_KINDS = frozenset({LineKind.COMMISSION, LineKind.CLAWBACK})
CSV_COLUMNS = (
    "contractor", "period", "kind", "date", "reference", "description",
    "duration", "hours", "rate", "amount", "currency",
)  # fmt: skip
"""The keys of every :meth:`PayStatement.to_rows` row, in export order."""


@dataclass(frozen=True)
class PayLine:
    """One line of a pay statement; ``key`` identifies it across recomputations."""

    kind: LineKind
    key: str
    day: date
    label: str
    amount: Money
    worked: timedelta | None = None
    rate: Money | None = None
    corrects: str | None = None

    @property
    def hours(self) -> Decimal | None:
        """Returns the exact hours worked on the line, if it pays for time."""
        return None if self.worked is None else _microseconds(self.worked) / Decimal(US_PER_HOUR)


@dataclass(frozen=True)
class PayStatement:
    """A contractor's pay for one period: immutable lines, subtotals and total."""

    contractor_ref: str
    period: Period
    currency: str
    lines: tuple[PayLine, ...]
    unsettled_refs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        keys = [line.key for line in self.lines]
        if len(set(keys)) != len(keys):
            raise PayRuleError(f"statement {self.period.label} has two lines with one key")
        if any(line.amount.currency != self.currency for line in self.lines):
            raise PayRuleError(f"every line of statement {self.period.label} is in {self.currency}")

    def subtotal(self, kinds: Iterable[LineKind]) -> Money:
        """Returns the sum of the lines of the given kinds."""
        wanted = frozenset(kinds)
        return total((line.amount for line in self.lines if line.kind in wanted), self.currency)

    @property
    def work_subtotal(self) -> Money:
        """Pay for appointments and missed-appointment call-outs."""
        return self.subtotal(WORK_KINDS)

    @property
    def commission_subtotal(self) -> Money:
        """Commission earned less commission clawed back."""
        return self.subtotal(COMMISSION_KINDS)

    @property
    def adjustment_subtotal(self) -> Money:
        """Corrections and other adjustments."""
        return self.subtotal({LineKind.ADJUSTMENT})

    @property
    def total(self) -> Money:
        """The amount payable: the sum of every (already rounded) line."""
        return total((line.amount for line in self.lines), self.currency)

    @property
    def worked(self) -> timedelta:
        """Total appointment time paid in the period."""
        return sum((line.worked for line in self.lines if line.worked), timedelta())

    def to_rows(self, *, include_totals: bool = True) -> list[dict[str, str]]:
        """Returns one dict of strings per line (then subtotals and total) for CSV export."""
        rows = [self._row(line.kind, line.key, line.label, line.amount, line) for line in self.lines]
        if include_totals:
            rows += [
                self._row("subtotal", "work", "appointments and call-outs", self.work_subtotal),
                self._row("subtotal", "commission", "commission less clawbacks", self.commission_subtotal),
                self._row("subtotal", "adjustments", "adjustments", self.adjustment_subtotal),
                self._row("total", "total", f"total, {render_duration(self.worked)} h", self.total),
            ]
        return rows

    def _row(
        self, kind: str, key: str, label: str, amount: Money, line: PayLine | None = None
    ) -> dict[str, str]:
        worked = None if line is None else line.worked
        rate = None if line is None else line.rate
        values = (
            self.contractor_ref,
            self.period.label,
            str(kind),
            "" if line is None else line.day.isoformat(),
            key,
            label,
            "" if worked is None else render_duration(worked),
            "" if worked is None else render_hours(worked),
            "" if rate is None else render(rate, "plain"),
            render(amount, "plain"),
            amount.currency,
        )
        return dict(zip(CSV_COLUMNS, values, strict=True))


def render_duration(worked: timedelta) -> str:
    """Renders a duration as "h:mm", with ":ss" when there are seconds."""
    sign, seconds = ("-", -worked) if worked < timedelta() else ("", worked)
    hours, rest = divmod(seconds // timedelta(seconds=1), 3600)
    minutes, seconds_left = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}" + (f":{seconds_left:02d}" if seconds_left else "")


def render_hours(worked: timedelta) -> str:
    """Renders decimal hours to two places, for reading only (money uses exact hours)."""
    hours = _microseconds(worked) / Decimal(US_PER_HOUR)
    return f"{hours.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def compute_statement(
    profile: PayProfile,
    period: Period,
    appointments: Iterable[Appointment],
    *,
    upsells: Iterable[Upsell] = (),
    adjustments: Iterable[PayLine] = (),
) -> PayStatement:
    """Computes a contractor's statement for ``period`` from all their records."""
    appointments, upsells = tuple(appointments), tuple(upsells)
    _refuse_shared_refs([appointment.ref for appointment in appointments], "appointments")
    _refuse_shared_refs([upsell.ref for upsell in upsells], "upsells")
    check_no_overlaps(appointments)
    extra = tuple(adjustments)
    if any(line.kind is not LineKind.ADJUSTMENT for line in extra):
        raise PayRuleError("only adjustment lines can be passed in as adjustments")
    in_period = [a for a in appointments if period.contains(_local_day(a.started_at, profile))]
    in_period.sort(key=lambda appointment: appointment.started_at)
    unsettled = tuple(a.ref for a in in_period if a.status is AppointmentStatus.SCHEDULED)
    lines = _work_lines(profile, [a for a in in_period if a.ref not in unsettled])
    lines += _commission_lines(profile, period, upsells)
    return PayStatement(profile.contractor_ref, period, profile.currency, tuple(lines) + extra, unsettled)


def _work_lines(profile: PayProfile, appointments: list[Appointment]) -> list[PayLine]:
    by_day: dict[date, list[Appointment]] = defaultdict(list)
    for appointment in appointments:
        by_day[_local_day(appointment.started_at, profile)].append(appointment)
    lines: list[PayLine] = []
    for day, on_day in by_day.items():
        rate = profile.rate_on(day)
        completed = [a for a in on_day if a.status is AppointmentStatus.COMPLETED]
        day_lines = [_appointment_line(a, day, rate) for a in completed]
        lines += day_lines
        if len(completed) > 1:
            day_worked = sum((a.worked for a in completed), timedelta())
            day_pay = rate.rate.times(_microseconds(day_worked), per=US_PER_HOUR)
            drift = day_pay - total((line.amount for line in day_lines), profile.currency)
            if not drift.is_zero():
                label = (
                    f"day rounding: {render_duration(day_worked)} h at {render(rate.rate)}"
                    f" = {render(day_pay)}"
                )
                key = f"day_rounding:{day}"
                lines.append(PayLine(LineKind.DAY_ROUNDING, key, day, label, drift, rate=rate.rate))
        missed = [a for a in on_day if a.status is not AppointmentStatus.COMPLETED]
        lines += [_missed_line(profile, a, day, rate) for a in missed]
    return lines


def _appointment_line(appointment: Appointment, day: date, rate: HourlyRate) -> PayLine:
    worked = appointment.worked
    amount = rate.rate.times(_microseconds(worked), per=US_PER_HOUR)
    label = f"{appointment.ref} {appointment.customer_label}".strip()
    key = f"appointment:{appointment.ref}"
    return PayLine(LineKind.APPOINTMENT, key, day, label, amount, worked=worked, rate=rate.rate)


def _missed_line(profile: PayProfile, appointment: Appointment, day: date, rate: HourlyRate) -> PayLine:
    missed = appointment.status is AppointmentStatus.NO_SHOW
    rule = profile.no_show if missed else profile.cancelled_by_customer
    why = "customer no-show" if missed else "cancelled by customer"
    shown_rate: Money | None = None
    if rule.fixed_amount is not None:
        amount, how = rule.fixed_amount, f"call-out {render(rule.fixed_amount)}"
    elif rule.minutes is not None:
        amount = rate.rate.times(rule.minutes, per=60)
        how, shown_rate = f"call-out {rule.minutes} min at {render(rate.rate)}", rate.rate
    else:
        amount, how = Money.zero(profile.currency), "unpaid"
    label = f"{appointment.ref} {appointment.customer_label} ({why}: {how})"
    key = f"missed:{appointment.ref}"
    return PayLine(LineKind.MISSED_APPOINTMENT, key, day, label, amount, rate=shown_rate)


def _commission_lines(profile: PayProfile, period: Period, upsells: tuple[Upsell, ...]) -> list[PayLine]:
    events: list[tuple[datetime, PayLine]] = []
    for upsell in upsells:
        if upsell.value.currency != profile.currency:
            raise PayRuleError(
                f"upsell {upsell.ref} is in {upsell.value.currency}, pay is in {profile.currency}"
            )
        if upsell.confirmed_at is None:
            continue  # never confirmed: nothing earned, nothing to claw back
        earned_on = _local_day(upsell.confirmed_at, profile)
        rule = profile.commission_rule_on(upsell.category, earned_on)
        if rule is None:
            continue
        commission = rule.commission_on(upsell.value)
        what = f"{upsell.ref} {upsell.product} ({upsell.category.strip()}): {rule.describe()} of "
        what += render(upsell.value)
        if period.contains(earned_on) and not commission.is_zero():
            key, label = f"commission:{upsell.ref}", f"commission {what}"
            events.append(
                (upsell.confirmed_at, PayLine(LineKind.COMMISSION, key, earned_on, label, commission))
            )
        refunded_at = upsell.refunded_at
        if upsell.status is UpsellStatus.REFUNDED and refunded_at is not None:
            refunded_on = _local_day(refunded_at, profile)
            if period.contains(refunded_on) and not commission.is_zero():
                key, label = f"clawback:{upsell.ref}", f"refunded, commission clawed back {what}"
                events.append((refunded_at, PayLine(LineKind.CLAWBACK, key, refunded_on, label, -commission)))
    events.sort(key=lambda event: event[0])
    return [line for _, line in events]


def adjustment_lines(
    issued: PayStatement,
    recomputed: PayStatement,
    *,
    already_corrected: Iterable[PayLine] = (),
) -> tuple[PayLine, ...]:
    """Returns correction lines, for a later statement, that bring ``issued`` to ``recomputed``.

    ``recomputed`` must be computed with the same adjustments ``issued`` carried;
    ``already_corrected`` holds earlier corrections of this period, not to repeat them.
    """
    same = (issued.contractor_ref, issued.period, issued.currency)
    if same != (recomputed.contractor_ref, recomputed.period, recomputed.currency):
        raise PayRuleError("a correction compares two statements of one contractor and period")
    label_of = {line.key: line for line in (*recomputed.lines, *issued.lines)}
    before: dict[str, Money] = {line.key: line.amount for line in issued.lines}
    for correction in already_corrected:
        if correction.corrects is None:
            raise PayRuleError(f"{correction.key} is not a correction")
        before[correction.corrects] = (
            before.get(correction.corrects, Money.zero(issued.currency)) + correction.amount
        )
    after = {line.key: line.amount for line in recomputed.lines}
    label = issued.period.label
    corrections = []
    for key in dict.fromkeys([*before, *after]):
        was = before.get(key, Money.zero(issued.currency))
        now = after.get(key, Money.zero(issued.currency))
        if (now - was).is_zero():
            continue
        line = label_of.get(key)
        day = issued.period.end if line is None else line.day
        what = key if line is None else line.label
        text = f"correction to {label}: {what} (was {render(was)}, now {render(now)})"
        corrections.append(
            PayLine(LineKind.ADJUSTMENT, f"correction:{label}:{key}", day, text, now - was, corrects=key)
        )
    return tuple(corrections)


def _refuse_shared_refs(refs: list[str], what: str) -> None:
    if len(set(refs)) != len(refs):
        raise PayRuleError(f"two {what} share one reference")


def _local_day(moment: datetime, profile: PayProfile) -> date:
    return moment.astimezone(profile.timezone).date()


def _microseconds(span: timedelta) -> int:
    return span // timedelta(microseconds=1)
