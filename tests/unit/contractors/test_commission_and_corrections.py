"""Upsell commission, clawback after an issued statement, and corrections as adjustments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from calmdesk.contractors.pay import LineKind, PayLine, adjustment_lines, compute_statement
from calmdesk.contractors.records import (
    CommissionRule,
    PayRuleError,
    Period,
    Upsell,
    UpsellStatus,
)
from calmdesk.money import Money, MoneyError
from tests.unit.contractors.helpers import at, completed, confirmed, gbp, profile, refunded

NOV, DEC = Period.month(2026, 11), Period.month(2026, 12)
RULES = (
    CommissionRule(date(2026, 1, 1), Decimal("5")),
    CommissionRule(date(2026, 1, 1), Decimal("10"), gbp("2.00"), category="Warranty"),
)


def terms(*rules: CommissionRule):
    return profile(commission_rules=rules or RULES)


def test_confirmed_upsell_earns_the_categorys_commission() -> None:
    upsell = confirmed("UP-1", "149.99", at(date(2026, 11, 3), 10), category=" warranty ")
    (line,) = compute_statement(terms(), NOV, [], upsells=[upsell]).lines
    assert line.kind is LineKind.COMMISSION
    assert line.amount == gbp("17.00")  # 10% of 149.99 = 14.999 -> 15.00, + 2.00
    assert line.label == "commission UP-1 product UP-1 (warranty): 10% + £2.00 of £149.99"
    assert line.day == date(2026, 11, 3)


def test_a_category_without_a_rule_takes_the_default_rule() -> None:
    upsell = confirmed("UP-2", "12.50", at(date(2026, 11, 3), 10), category="filters")
    (line,) = compute_statement(terms(), NOV, [], upsells=[upsell]).lines
    assert line.amount == gbp("0.63")  # 5% of 12.50 = 0.625, half-up


def test_no_rule_means_no_commission_line() -> None:
    category_only = CommissionRule(date(2026, 1, 1), Decimal("10"), category="warranty")
    upsell = confirmed("UP-2", "12.50", at(date(2026, 11, 3), 10), category="filters")
    assert compute_statement(terms(category_only), NOV, [], upsells=[upsell]).lines == ()


def test_pending_upsells_earn_nothing() -> None:
    pending = Upsell("UP-3", "filter", "filters", gbp("40"))
    assert compute_statement(terms(), NOV, [], upsells=[pending]).lines == ()


def test_commission_rules_are_effective_dated() -> None:
    rules = (*RULES, CommissionRule(date(2026, 11, 15), Decimal("8"), category="warranty"))
    early = confirmed("UP-1", "100", at(date(2026, 11, 14), 23, 59))
    late = confirmed("UP-2", "100", at(date(2026, 11, 15), 0, 0))
    lines = compute_statement(terms(*rules), NOV, [], upsells=[early, late]).lines
    assert [line.amount for line in lines] == [gbp("12.00"), gbp("8.00")]


def test_refund_after_the_statement_was_issued_is_clawed_back_in_the_later_period() -> None:
    upsell = confirmed("UP-1", "200", at(date(2026, 11, 20), 15))
    job = completed("APT-1", at(date(2026, 11, 20), 9), timedelta(hours=4))
    issued_november = compute_statement(terms(), NOV, [job], upsells=[upsell])
    assert issued_november.commission_subtotal == gbp("22.00")
    assert issued_november.total == gbp("77.00")

    # The customer gets a refund on 4 December; the commission rule also changed on 1 December.
    later_rules = (*RULES, CommissionRule(date(2026, 12, 1), Decimal("1"), category="warranty"))
    now_refunded = refunded(upsell, at(date(2026, 12, 4), 11))
    december = compute_statement(terms(*later_rules), DEC, [job], upsells=[now_refunded])
    (clawback,) = december.lines
    assert clawback.kind is LineKind.CLAWBACK
    assert clawback.amount == gbp("-22.00")  # exactly what was paid, not today's rule
    assert clawback.day == date(2026, 12, 4)
    assert december.total == gbp("-22.00")

    # The issued November statement stays right: recomputing it changes nothing.
    november_again = compute_statement(terms(*later_rules), NOV, [job], upsells=[now_refunded])
    assert november_again.lines == issued_november.lines
    assert adjustment_lines(issued_november, november_again) == ()


def test_confirmed_and_refunded_in_one_period_shows_both_lines() -> None:
    upsell = refunded(confirmed("UP-1", "50", at(date(2026, 11, 2), 9)), at(date(2026, 11, 9), 9))
    statement = compute_statement(terms(), NOV, [], upsells=[upsell])
    assert [(line.kind, line.amount) for line in statement.lines] == [
        (LineKind.COMMISSION, gbp("7.00")),
        (LineKind.CLAWBACK, gbp("-7.00")),
    ]
    assert statement.commission_subtotal == Money.zero("GBP")


def test_refunded_before_confirmation_earns_and_claws_back_nothing() -> None:
    upsell = Upsell(
        "UP-1", "kit", "warranty", gbp("50"), UpsellStatus.REFUNDED, None, at(date(2026, 11, 9), 9)
    )
    assert compute_statement(terms(), NOV, [], upsells=[upsell]).lines == ()


def test_upsell_in_another_currency_is_refused() -> None:
    upsell = Upsell(
        "UP-1", "kit", "warranty", Money.of("50", "EUR"), UpsellStatus.CONFIRMED, at(date(2026, 11, 9), 9)
    )
    with pytest.raises(PayRuleError, match="EUR"):
        compute_statement(terms(), NOV, [], upsells=[upsell])


def test_two_upsells_with_one_reference_are_refused() -> None:
    upsell = confirmed("UP-1", "50", at(date(2026, 11, 2), 9))
    with pytest.raises(PayRuleError, match="two upsells share one reference"):
        compute_statement(terms(), NOV, [], upsells=[upsell, upsell])


def test_commission_percent_refuses_floats_and_out_of_range() -> None:
    with pytest.raises(MoneyError, match="float"):
        CommissionRule(date(2026, 1, 1), 5.0)  # type: ignore[arg-type]
    with pytest.raises(PayRuleError, match=r"0\.\.100"):
        CommissionRule(date(2026, 1, 1), Decimal("120"))


def test_a_correction_to_an_issued_period_becomes_an_adjustment_next_period() -> None:
    day = date(2026, 11, 12)
    job = completed("APT-1", at(day, 9), timedelta(hours=2), customer="Mrs Okafor")
    issued = compute_statement(profile(), NOV, [job])
    assert issued.total == gbp("27.50")

    # The visit actually ran 2 h 30; and a forgotten 1 h visit is logged late.
    fixed = replace(job, actual_end=at(day, 11, 30), scheduled_end=at(day, 11, 30))
    forgotten = completed("APT-2", at(day, 14), timedelta(hours=1))
    recomputed = compute_statement(profile(), NOV, [fixed, forgotten])
    corrections = adjustment_lines(issued, recomputed)
    assert [(c.key, c.corrects, c.amount) for c in corrections] == [
        ("correction:2026-11:appointment:APT-1", "appointment:APT-1", gbp("6.88")),
        ("correction:2026-11:appointment:APT-2", "appointment:APT-2", gbp("13.75")),
    ]
    assert corrections[0].label == ("correction to 2026-11: APT-1 Mrs Okafor (was £27.50, now £34.38)")
    assert all(c.kind is LineKind.ADJUSTMENT for c in corrections)

    december = compute_statement(profile(), DEC, [fixed, forgotten], adjustments=corrections)
    assert december.adjustment_subtotal == gbp("20.63")
    assert december.total == gbp("20.63")
    assert december.work_subtotal == Money.zero("GBP")

    # Recomputing again does not pay the same correction twice.
    assert adjustment_lines(issued, recomputed, already_corrected=corrections) == ()


def test_a_line_that_disappears_is_corrected_to_nothing() -> None:
    job = completed("APT-1", at(date(2026, 11, 12), 9), timedelta(hours=2))
    issued = compute_statement(profile(), NOV, [job])
    recomputed = compute_statement(profile(), NOV, [])  # logged against the wrong contractor
    (correction,) = adjustment_lines(issued, recomputed)
    assert correction.amount == gbp("-27.50")
    assert correction.label.endswith("(was £27.50, now £0.00)")


def test_corrections_compare_one_contractor_and_one_period() -> None:
    issued = compute_statement(profile(), NOV, [])
    with pytest.raises(PayRuleError, match="one contractor and period"):
        adjustment_lines(issued, compute_statement(profile(), DEC, []))


def test_only_adjustment_lines_are_accepted_as_adjustments() -> None:
    stray = PayLine(LineKind.COMMISSION, "commission:UP-1", date(2026, 12, 1), "x", gbp("5"))
    with pytest.raises(PayRuleError, match="only adjustment lines"):
        compute_statement(profile(), DEC, [], adjustments=[stray])


def test_a_manual_adjustment_is_carried_into_the_total() -> None:
    bonus = PayLine(
        LineKind.ADJUSTMENT, "adjustment:kit-allowance", date(2026, 12, 1), "kit allowance", gbp("15")
    )
    statement = compute_statement(profile(), DEC, [], adjustments=[bonus])
    assert statement.total == gbp("15.00")
    assert statement.lines == (bonus,)
