"""Appointment hours into pay: the seed's example, rates over time, rounding, missed visits."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from zoneinfo import ZoneInfo

import pytest

from calmdesk.contractors.pay import (
    CSV_COLUMNS,
    LineKind,
    PayLine,
    PayStatement,
    compute_statement,
    render_duration,
)
from calmdesk.contractors.records import (
    DEFAULT_HOURLY_RATE,
    Appointment,
    AppointmentStatus,
    CallOutRule,
    PayRuleError,
    Period,
    default_profile,
)
from calmdesk.money import Money
from tests.unit.contractors.helpers import CONTRACTOR, at, completed, gbp, missed, profile

NOV = Period.month(2026, 11)
DAY = date(2026, 11, 12)


def jobs_back_to_back(durations: list[timedelta], start: datetime) -> list[Appointment]:
    appointments = []
    for number, worked in enumerate(durations):
        appointments.append(completed(f"APT-{number}", start, worked))
        start += worked
    return appointments


def kinds(statement: PayStatement, kind: LineKind) -> list[PayLine]:
    return [line for line in statement.lines if line.kind is kind]


def test_default_rate_is_the_agreements_13_75_gbp() -> None:
    assert Money(Decimal("13.75"), "GBP") == DEFAULT_HOURLY_RATE
    assert default_profile(CONTRACTOR, since=DAY).rate_on(DAY).rate == DEFAULT_HOURLY_RATE


def test_one_nine_hour_job_pays_123_75() -> None:
    statement = compute_statement(
        default_profile(CONTRACTOR, since=DAY), NOV, [completed("APT-1", at(DAY, 8), timedelta(hours=9))]
    )
    assert statement.total.amount == Decimal("123.75")
    assert statement.total.currency == "GBP"
    assert statement.work_subtotal == statement.total
    assert statement.worked == timedelta(hours=9)
    assert [line.hours for line in statement.lines] == [Decimal(9)]


@pytest.mark.parametrize(
    "minutes",
    [
        [120, 210, 80, 130],  # lines 27.50 + 48.13 + 18.33 + 29.79, no rounding line needed
        [20] * 27,  # 27 x 4.58 = 123.66: the day rounding line adds 0.09
        [15] * 36,  # 36 x 3.44 = 123.84: the day rounding line takes 0.09 back
        [45, 45, 90, 30, 200, 130],
    ],
)
def test_several_jobs_adding_to_nine_hours_pay_123_75(minutes: list[int]) -> None:
    durations = [timedelta(minutes=m) for m in minutes]
    assert sum(durations, timedelta()) == timedelta(hours=9)
    appointments = jobs_back_to_back(durations, at(DAY, 8))
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, appointments)
    assert statement.total.amount == Decimal("123.75")
    for line, worked in zip(kinds(statement, LineKind.APPOINTMENT), durations, strict=True):
        assert line.amount == gbp("13.75").times(worked // timedelta(seconds=1), per=3600)
    drift = kinds(statement, LineKind.DAY_ROUNDING)
    lines_sum = sum(line.amount.amount for line in kinds(statement, LineKind.APPOINTMENT))
    assert [line.amount.amount for line in drift] == (
        [Decimal("123.75") - lines_sum] if lines_sum != Decimal("123.75") else []
    )


def test_day_rounding_line_reads_well() -> None:
    appointments = jobs_back_to_back([timedelta(minutes=20)] * 27, at(DAY, 8))
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, appointments)
    (line,) = kinds(statement, LineKind.DAY_ROUNDING)
    assert line.amount == gbp("0.09")
    assert line.label == "day rounding: 9:00 h at £13.75 = £123.75"
    assert line.day == DAY


def test_each_day_is_rounded_on_its_own() -> None:
    day_two = DAY + timedelta(days=1)
    appointments = jobs_back_to_back([timedelta(minutes=20)] * 3, at(DAY, 8))
    appointments += [completed("APT-X", at(day_two, 8), timedelta(minutes=20))]
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, appointments)
    # Day one: 1 h = 13.75 (3 x 4.58 = 13.74 + 0.01); day two: one job, 4.58.
    assert [(line.day, line.amount) for line in kinds(statement, LineKind.DAY_ROUNDING)] == [
        (DAY, gbp("0.01"))
    ]
    assert statement.total == gbp("18.33")


def test_hours_are_exact_and_only_money_is_rounded() -> None:
    job = completed("APT-1", at(DAY, 9), timedelta(hours=1, minutes=20))
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, [job])
    (line,) = statement.lines
    assert line.hours == Decimal(4800) / Decimal(3600)
    assert line.amount == gbp("18.33")  # 13.75 x 4/3 = 18.3333...
    row = statement.to_rows()[0]
    assert (row["duration"], row["hours"], row["rate"], row["amount"]) == (
        "1:20",
        "1.33",
        "13.75",
        "18.33",
    )


def test_twenty_minutes_pay_4_58_and_eighteen_minutes_show_the_half_penny_rule() -> None:
    twenty = completed("APT-1", at(DAY, 9), timedelta(minutes=20))
    eighteen = completed("APT-2", at(DAY + timedelta(days=1), 9), timedelta(minutes=18))
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, [twenty, eighteen])
    assert [line.amount for line in statement.lines] == [gbp("4.58"), gbp("4.13")]
    # Banker's rounding would pay 4.12 for the 18 minutes (13.75 x 0.3 = 4.125 exactly).
    banker = (Decimal("13.75") * Decimal("0.3")).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    assert banker == Decimal("4.12")


def test_rate_change_inside_a_period_pays_each_appointment_at_its_days_rate() -> None:
    terms = profile((date(2026, 1, 1), "13.75"), (date(2026, 11, 16), "14.50"))
    before = completed("APT-1", at(date(2026, 11, 13), 9), timedelta(hours=2))
    overnight = completed("APT-2", at(date(2026, 11, 15), 23), timedelta(hours=2))
    after = completed("APT-3", at(date(2026, 11, 20), 9), timedelta(hours=2))
    statement = compute_statement(terms, NOV, [before, overnight, after])
    assert [(line.key, line.rate, line.amount) for line in statement.lines] == [
        ("appointment:APT-1", gbp("13.75"), gbp("27.50")),
        ("appointment:APT-2", gbp("13.75"), gbp("27.50")),  # started before the change
        ("appointment:APT-3", gbp("14.50"), gbp("29.00")),
    ]
    october = compute_statement(
        terms, Period.month(2026, 10), [completed("APT-0", at(date(2026, 10, 5), 9), timedelta(hours=2))]
    )
    assert october.total == gbp("27.50")  # an old period keeps its old rate


def test_no_rate_in_force_is_an_error() -> None:
    terms = profile((date(2026, 11, 16), "14.50"))
    with pytest.raises(PayRuleError, match="no hourly rate in force on 2026-11-13"):
        compute_statement(terms, NOV, [completed("APT-1", at(date(2026, 11, 13), 9), timedelta(hours=1))])


def test_the_day_is_the_contractors_local_date() -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    late = completed("APT-1", datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC")), timedelta(hours=1))
    terms = default_profile(CONTRACTOR, since=date(2026, 1, 1))
    assert compute_statement(terms, Period.month(2026, 6), [late]).lines == ()
    (line,) = compute_statement(terms, Period.month(2026, 7), [late]).lines
    assert line.day == date(2026, 7, 1)


def test_an_appointment_belongs_to_the_period_it_started_in() -> None:
    job = completed("APT-1", at(date(2026, 11, 30), 23), timedelta(hours=3))
    terms = default_profile(CONTRACTOR, since=date(2026, 1, 1))
    assert compute_statement(terms, NOV, [job]).total == gbp("41.25")
    assert compute_statement(terms, Period.month(2026, 12), [job]).lines == ()


def test_actual_times_are_paid_not_scheduled_ones() -> None:
    late_and_long = Appointment(
        "APT-1",
        "Mrs Okafor",
        at(DAY, 9),
        at(DAY, 10),
        AppointmentStatus.COMPLETED,
        at(DAY, 9, 10),
        at(DAY, 11, 10),
    )
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, [late_and_long])
    assert statement.total == gbp("27.50")


CANCELLED = AppointmentStatus.CANCELLED_BY_CUSTOMER
NO_SHOW = AppointmentStatus.NO_SHOW


@pytest.mark.parametrize("status", [CANCELLED, NO_SHOW])
@pytest.mark.parametrize(
    ("rule", "expected", "how"),
    [
        (CallOutRule.unpaid(), "0.00", "unpaid"),
        (CallOutRule.fixed(gbp("20")), "20.00", "call-out £20.00"),
        (CallOutRule.minutes_at_rate(30), "6.88", "call-out 30 min at £13.75"),  # 6.875 half-up
    ],
)
def test_missed_appointments_follow_the_rule_for_their_status(
    status: AppointmentStatus, rule: CallOutRule, expected: str, how: str
) -> None:
    other = CallOutRule.fixed(gbp("99"))
    terms = profile(
        cancelled_by_customer=rule if status is CANCELLED else other,
        no_show=rule if status is NO_SHOW else other,
    )
    statement = compute_statement(terms, NOV, [missed("APT-9", at(DAY, 9), status)])
    (line,) = statement.lines
    assert line.kind is LineKind.MISSED_APPOINTMENT
    assert line.amount == gbp(expected)
    assert line.worked is None
    assert how in line.label
    assert statement.worked == timedelta()
    assert statement.total == gbp(expected)


def test_call_out_minutes_use_the_rate_of_the_appointments_day() -> None:
    terms = profile(
        (date(2026, 1, 1), "13.75"),
        (date(2026, 11, 16), "15.00"),
        no_show=CallOutRule.minutes_at_rate(30),
    )
    early = missed("APT-1", at(date(2026, 11, 13), 9), NO_SHOW)
    late = missed("APT-2", at(date(2026, 11, 17), 9), NO_SHOW)
    statement = compute_statement(terms, NOV, [early, late])
    assert [line.amount for line in statement.lines] == [gbp("6.88"), gbp("7.50")]


def test_missed_appointments_are_not_part_of_day_rounding() -> None:
    appointments = jobs_back_to_back([timedelta(minutes=20)] * 2, at(DAY, 8))
    appointments.append(missed("APT-9", at(DAY, 14), NO_SHOW))
    terms = profile(no_show=CallOutRule.minutes_at_rate(20))
    statement = compute_statement(terms, NOV, appointments)
    # 40 min = 9.1666.. -> 9.17 = 4.58 + 4.58 + 0.01; the no-show's own 4.58 stays apart.
    assert [line.amount for line in statement.lines] == [
        gbp("4.58"),
        gbp("4.58"),
        gbp("0.01"),
        gbp("4.58"),
    ]


def test_scheduled_appointments_are_not_paid_but_flagged() -> None:
    upcoming = missed("APT-5", at(DAY, 9), AppointmentStatus.SCHEDULED)
    done = completed("APT-6", at(DAY, 11), timedelta(hours=1))
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, [upcoming, done])
    assert statement.unsettled_refs == ("APT-5",)
    assert [line.key for line in statement.lines] == ["appointment:APT-6"]


def test_week_period_takes_only_its_days() -> None:
    week = Period.iso_week(2026, 47)  # 16..22 November
    jobs = [completed(f"APT-{d}", at(date(2026, 11, d), 9), timedelta(hours=1)) for d in (15, 16, 22, 23)]
    statement = compute_statement(default_profile(CONTRACTOR, since=date(2026, 1, 1)), week, jobs)
    assert [line.key for line in statement.lines] == ["appointment:APT-16", "appointment:APT-22"]


def test_two_appointments_with_one_reference_are_refused() -> None:
    jobs = [
        completed("APT-1", at(DAY, 9), timedelta(hours=1)),
        completed("APT-1", at(DAY, 11), timedelta(hours=1)),
    ]
    with pytest.raises(PayRuleError, match="share one reference"):
        compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, jobs)


def test_rows_for_csv_export() -> None:
    jobs = [
        completed("APT-1", at(DAY, 9), timedelta(minutes=20), customer="Mrs Okafor"),
        completed("APT-2", at(DAY, 10), timedelta(minutes=40, seconds=5), customer="Mr Lind"),
    ]
    statement = compute_statement(default_profile(CONTRACTOR, since=DAY), NOV, jobs)
    rows = statement.to_rows()
    assert all(list(row) == list(CSV_COLUMNS) for row in rows)
    assert all(isinstance(value, str) for row in rows for value in row.values())
    first = rows[0]
    assert first == {
        "contractor": CONTRACTOR,
        "period": "2026-11",
        "kind": "appointment",
        "date": "2026-11-12",
        "reference": "appointment:APT-1",
        "description": "APT-1 Mrs Okafor",
        "duration": "0:20",
        "hours": "0.33",
        "rate": "13.75",
        "amount": "4.58",
        "currency": "GBP",
    }
    assert rows[1]["duration"] == "0:40:05"
    assert [(row["kind"], row["reference"], row["amount"]) for row in rows[-4:]] == [
        ("subtotal", "work", str(statement.work_subtotal.amount)),
        ("subtotal", "commission", "0.00"),
        ("subtotal", "adjustments", "0.00"),
        ("total", "total", str(statement.total.amount)),
    ]
    # 1:00:05 at 13.75 = 13.769..., so the day pays 13.77 whatever the lines round to.
    assert statement.total == gbp("13.77")
    assert rows[-1]["description"] == "total, 1:00:05 h"
    assert len(statement.to_rows(include_totals=False)) == len(statement.lines)


def test_render_duration() -> None:
    assert render_duration(timedelta(hours=9)) == "9:00"
    assert render_duration(timedelta(hours=26, minutes=5, seconds=9)) == "26:05:09"
    assert render_duration(-timedelta(minutes=30)) == "-0:30"
