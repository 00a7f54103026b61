"""Properties of pay statements over generated appointments and upsells."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from calmdesk.contractors.pay import LineKind, compute_statement
from calmdesk.contractors.records import (
    Appointment,
    AppointmentStatus,
    CallOutRule,
    CommissionRule,
    Period,
    Upsell,
    UpsellStatus,
    default_profile,
)
from calmdesk.money import Money, parse_money, round_money
from tests.unit.contractors.helpers import CONTRACTOR, at, completed, gbp, profile

NOV = Period.month(2026, 11)
NOV_START = at(date(2026, 11, 1), 0)
PROFILE = profile(
    (date(2026, 1, 1), "13.75"),
    (date(2026, 11, 16), "14.21"),
    commission_rules=(
        CommissionRule(date(2026, 1, 1), Decimal("5")),
        CommissionRule(date(2026, 11, 10), Decimal("7.5"), gbp("1.25"), category="warranty"),
    ),
    cancelled_by_customer=CallOutRule.fixed(gbp("10")),
    no_show=CallOutRule.minutes_at_rate(25),
)
FAST = settings(max_examples=60, deadline=None)


@FAST
@given(st.lists(st.integers(min_value=1, max_value=9 * 3600 - 1), max_size=40, unique=True))
def test_any_split_of_a_nine_hour_day_pays_123_75(cuts: list[int]) -> None:
    """However the day's 9 hours are cut into back-to-back jobs, the day pays 9 x 13.75."""
    bounds = [0, *sorted(cuts), 9 * 3600]
    start = at(date(2026, 11, 12), 7)
    jobs = [
        completed(f"APT-{i}", start + timedelta(seconds=a), timedelta(seconds=b - a))
        for i, (a, b) in enumerate(pairwise(bounds))
    ]
    statement = compute_statement(default_profile(CONTRACTOR, since=date(2026, 1, 1)), NOV, jobs)
    assert statement.total == Money(Decimal("123.75"), "GBP")
    assert statement.worked == timedelta(hours=9)
    for line, job in zip(statement.lines, jobs, strict=False):
        exact = Decimal("13.75") * Decimal(job.worked // timedelta(seconds=1)) / 3600
        assert line.amount == round_money(exact, "GBP")  # each appointment line rounded alone


statuses = st.sampled_from(list(AppointmentStatus))


@st.composite
def month_of_work(draw: st.DrawFn) -> tuple[list[Appointment], list[Upsell]]:
    """Non-overlapping appointments and upsells scattered over November and December."""
    appointments: list[Appointment] = []
    moment = NOV_START
    for number in range(draw(st.integers(min_value=0, max_value=25))):
        moment += timedelta(minutes=draw(st.integers(min_value=0, max_value=4000)))
        length = timedelta(seconds=draw(st.integers(min_value=60, max_value=6 * 3600)))
        status = draw(statuses)
        actual = (moment, moment + length) if status is AppointmentStatus.COMPLETED else (None, None)
        appointments.append(Appointment(f"APT-{number}", "c", moment, moment + length, status, *actual))
        moment += length
    upsells: list[Upsell] = []
    for number in range(draw(st.integers(min_value=0, max_value=8))):
        value = Money(Decimal(draw(st.integers(min_value=1, max_value=100_000))) / 100, "GBP")
        confirmed_at = NOV_START + timedelta(minutes=draw(st.integers(0, 60 * 24 * 45)))
        category = draw(st.sampled_from(["warranty", "filters"]))
        if draw(st.booleans()):
            refunded_at = confirmed_at + timedelta(minutes=draw(st.integers(0, 60 * 24 * 30)))
            upsell = Upsell(
                f"UP-{number}", "p", category, value, UpsellStatus.REFUNDED, confirmed_at, refunded_at
            )
        else:
            upsell = Upsell(f"UP-{number}", "p", category, value, UpsellStatus.CONFIRMED, confirmed_at)
        upsells.append(upsell)
    return appointments, upsells


@FAST
@given(month_of_work())
def test_total_is_the_sum_of_the_rounded_lines_as_exported(work) -> None:
    appointments, upsells = work
    statement = compute_statement(PROFILE, NOV, appointments, upsells=upsells)
    rows = statement.to_rows()
    line_rows = [row for row in rows if row["kind"] not in ("subtotal", "total")]
    assert len(line_rows) == len(statement.lines)
    exported = sum((Decimal(row["amount"]) for row in line_rows), Decimal(0))
    assert Decimal(rows[-1]["amount"]) == exported == statement.total.amount
    for row in line_rows:  # every amount is already whole pennies: the sum never rounds
        assert Decimal(row["amount"]) == Decimal(row["amount"]).quantize(Decimal("0.01"))
    subtotals = [Decimal(row["amount"]) for row in rows if row["kind"] == "subtotal"]
    assert sum(subtotals) == statement.total.amount
    assert parse_money(f"{statement.total.amount} GBP") == statement.total


@FAST
@given(month_of_work(), st.integers(min_value=1, max_value=29))
def test_splitting_a_period_in_two_never_changes_the_pay(work, split_after: int) -> None:
    """Lines are rounded per appointment and per day, so a split at a day boundary is exact."""
    appointments, upsells = work
    first = Period(date(2026, 11, 1), date(2026, 11, split_after), "first")
    second = Period(date(2026, 11, split_after + 1), date(2026, 11, 30), "second")
    whole = compute_statement(PROFILE, NOV, appointments, upsells=upsells)
    parts = [compute_statement(PROFILE, p, appointments, upsells=upsells) for p in (first, second)]
    assert parts[0].total + parts[1].total == whole.total
    assert sorted(line.key for part in parts for line in part.lines) == sorted(
        line.key for line in whole.lines
    )


@FAST
@given(month_of_work())
def test_every_day_pays_its_hours_times_its_rate_rounded_once(work) -> None:
    appointments, _ = work
    statement = compute_statement(PROFILE, NOV, appointments)
    days = {line.day for line in statement.lines}
    for day in days:
        worked = sum(
            (line.worked for line in statement.lines if line.day == day and line.worked),
            timedelta(),
        )
        paid = sum(
            (
                line.amount.amount
                for line in statement.lines
                if line.day == day and line.kind in (LineKind.APPOINTMENT, LineKind.DAY_ROUNDING)
            ),
            Decimal(0),
        )
        rate = PROFILE.rate_on(day).rate.amount
        exact = rate * Decimal(worked // timedelta(microseconds=1)) / Decimal(3_600_000_000)
        assert paid == round_money(exact, "GBP").amount
