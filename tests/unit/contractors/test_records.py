"""Pay terms and records refuse what cannot be paid: overlaps, bad times, mixed currencies."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from calmdesk.contractors.pay import compute_statement
from calmdesk.contractors.records import (
    Appointment,
    AppointmentStatus,
    CallOutBasis,
    CallOutRule,
    CommissionRule,
    HourlyRate,
    OverlappingAppointmentsError,
    PayProfile,
    PayRuleError,
    Period,
    Upsell,
    UpsellStatus,
    check_no_overlaps,
    find_overlaps,
)
from calmdesk.money import Money, MoneyError
from tests.unit.contractors.helpers import CONTRACTOR, at, completed, gbp, missed, profile

DAY = date(2026, 11, 12)
HOUR = timedelta(hours=1)


def test_overlapping_appointments_are_refused_and_named() -> None:
    first = completed("APT-1", at(DAY, 9), 2 * HOUR)
    second = completed("APT-2", at(DAY, 10), HOUR)
    third = completed("APT-3", at(DAY, 10, 30), HOUR)
    (a, b, c) = find_overlaps([third, first, second])
    assert (a.first_ref, a.second_ref, a.start, a.end) == ("APT-1", "APT-2", at(DAY, 10), at(DAY, 11))
    assert (b.first_ref, b.second_ref) == ("APT-1", "APT-3")
    assert (c.first_ref, c.second_ref, c.start, c.end) == ("APT-2", "APT-3", at(DAY, 10, 30), at(DAY, 11))
    with pytest.raises(OverlappingAppointmentsError, match="APT-1 and APT-2") as raised:
        compute_statement(profile(), Period.month(2026, 11), [first, second])
    assert [(o.first_ref, o.second_ref) for o in raised.value.overlaps] == [("APT-1", "APT-2")]


def test_touching_appointments_are_fine() -> None:
    appointments = [completed("APT-1", at(DAY, 9), HOUR), completed("APT-2", at(DAY, 10), HOUR)]
    assert find_overlaps(appointments) == ()
    check_no_overlaps(appointments)


def test_a_cancelled_slot_can_be_rebooked_but_a_no_show_holds_it() -> None:
    cancelled = missed("APT-1", at(DAY, 9), AppointmentStatus.CANCELLED_BY_CUSTOMER)
    no_show = missed("APT-2", at(DAY, 9), AppointmentStatus.NO_SHOW)
    rebooked = completed("APT-3", at(DAY, 9, 30), HOUR)
    assert find_overlaps([cancelled, rebooked]) == ()
    assert [(o.first_ref, o.second_ref) for o in find_overlaps([no_show, rebooked])] == [("APT-2", "APT-3")]


def test_overlap_uses_actual_times_once_known() -> None:
    ran_late = Appointment(
        "APT-1", "c", at(DAY, 9), at(DAY, 10), AppointmentStatus.COMPLETED, at(DAY, 9), at(DAY, 10, 15)
    )
    next_one = completed("APT-2", at(DAY, 10), HOUR)
    assert [o.end for o in find_overlaps([ran_late, next_one])] == [at(DAY, 10, 15)]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Appointment("A", "c", datetime(2026, 11, 12, 9), at(DAY, 10)), "timezone-aware"),
        (lambda: Appointment("A", "c", at(DAY, 10), at(DAY, 10)), "scheduled to end before"),
        (
            lambda: Appointment("A", "c", at(DAY, 9), at(DAY, 10), AppointmentStatus.COMPLETED),
            "no actual times",
        ),
        (lambda: Appointment("A", "c", at(DAY, 9), at(DAY, 10), actual_start=at(DAY, 9)), "both an actual"),
        (
            lambda: Appointment(
                "A", "c", at(DAY, 9), at(DAY, 10), AppointmentStatus.COMPLETED, at(DAY, 9), at(DAY, 8)
            ),
            "actually ended before",
        ),
    ],
)
def test_appointments_refuse_impossible_times(build, message: str) -> None:
    with pytest.raises(PayRuleError, match=message):
        build()


@pytest.mark.parametrize(
    ("status", "confirmed_at", "refunded_at"),
    [
        (UpsellStatus.PENDING, at(DAY, 9), None),
        (UpsellStatus.CONFIRMED, None, None),
        (UpsellStatus.CONFIRMED, at(DAY, 9), at(DAY, 10)),
        (UpsellStatus.REFUNDED, at(DAY, 9), None),
    ],
)
def test_upsell_status_and_timestamps_agree(status, confirmed_at, refunded_at) -> None:
    with pytest.raises(PayRuleError, match="wrong timestamps"):
        Upsell("UP-1", "kit", "warranty", gbp("10"), status, confirmed_at, refunded_at)


def test_upsell_refuses_refund_before_confirmation_and_non_positive_values() -> None:
    with pytest.raises(PayRuleError, match="refunded before it was confirmed"):
        Upsell("UP-1", "kit", "w", gbp("10"), UpsellStatus.REFUNDED, at(DAY, 10), at(DAY, 9))
    with pytest.raises(PayRuleError, match="positive value"):
        Upsell("UP-1", "kit", "w", gbp("0"))
    with pytest.raises(PayRuleError, match="timezone-aware"):
        Upsell("UP-1", "kit", "w", gbp("1"), UpsellStatus.CONFIRMED, datetime(2026, 11, 12, 9))


def test_float_money_is_refused_everywhere_money_enters() -> None:
    with pytest.raises(MoneyError, match="float"):
        HourlyRate(DAY, Money(13.75, "GBP"))  # type: ignore[arg-type]
    with pytest.raises(MoneyError, match="float"):
        Upsell("UP-1", "kit", "w", Money.of(49.99, "GBP"))


def test_profile_refuses_mixed_currencies_and_duplicate_start_days() -> None:
    with pytest.raises(PayRuleError, match="in GBP"):
        PayProfile(CONTRACTOR, (HourlyRate(DAY, Money.of("15", "EUR")),))
    with pytest.raises(PayRuleError, match="in GBP"):
        profile(no_show=CallOutRule.fixed(Money.of("15", "EUR")))
    with pytest.raises(PayRuleError, match="same day"):
        profile((DAY, "13.75"), (DAY, "14.00"))
    with pytest.raises(PayRuleError, match="same day"):
        profile(
            commission_rules=(
                CommissionRule(DAY, Decimal(5), category="Warranty"),
                CommissionRule(DAY, Decimal(6), category="warranty"),
            )
        )
    with pytest.raises(PayRuleError, match="no hourly rate"):
        PayProfile(CONTRACTOR, ())
    with pytest.raises(MoneyError, match="unsupported currency"):
        PayProfile(CONTRACTOR, (HourlyRate(DAY, gbp("13.75")),), currency="XXX")


def test_a_profile_in_another_currency_pays_in_it() -> None:
    eur = PayProfile(CONTRACTOR, (HourlyRate(DAY, Money.of("16", "EUR")),), currency="EUR")
    statement = compute_statement(eur, Period.month(2026, 11), [completed("APT-1", at(DAY, 9), 3 * HOUR)])
    assert statement.total == Money.of("48", "EUR")
    assert statement.to_rows()[0]["currency"] == "EUR"


def test_rates_are_kept_in_date_order_whatever_order_they_arrive_in() -> None:
    terms = profile((date(2026, 11, 16), "14.50"), (date(2026, 1, 1), "13.75"))
    assert terms.rate_on(date(2026, 11, 15)).rate == gbp("13.75")
    assert terms.rate_on(date(2026, 11, 16)).rate == gbp("14.50")
    assert terms.rate_on(date(2030, 1, 1)).rate == gbp("14.50")


@pytest.mark.parametrize(
    "build",
    [
        lambda: CallOutRule(CallOutBasis.FIXED_AMOUNT),
        lambda: CallOutRule(CallOutBasis.MINUTES_AT_RATE),
        lambda: CallOutRule(CallOutBasis.UNPAID, minutes=30),
        lambda: CallOutRule.fixed(gbp("0")),
        lambda: CallOutRule.minutes_at_rate(0),
        lambda: HourlyRate(DAY, gbp("0")),
        lambda: CommissionRule(DAY, Decimal(5), gbp("-1")),
        lambda: CommissionRule(DAY, Decimal(5), category="  "),
    ],
)
def test_rules_refuse_nonsense(build) -> None:
    with pytest.raises(PayRuleError):
        build()


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-W47", date(2026, 11, 16), date(2026, 11, 22)),
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3)),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),
    ],
)
def test_period_labels(label: str, start: date, end: date) -> None:
    period = Period.parse(label)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.contains(start) and period.contains(end)
    assert not period.contains(start - timedelta(days=1))
    assert not period.contains(end + timedelta(days=1))


@pytest.mark.parametrize("label", ["2026-13", "2026-00", "2025-W53", "2026-W00", "2026-11-01", "November"])
def test_period_labels_that_name_no_period_are_refused(label: str) -> None:
    with pytest.raises(PayRuleError, match=label):
        Period.parse(label)


def test_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(PayRuleError, match="ends before"):
        Period(date(2026, 11, 2), date(2026, 11, 1), "odd")
