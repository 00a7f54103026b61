"""Money: exact parsing, one rounding rule, one way to render."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calmdesk.money import (
    CURRENCY_MINOR_UNITS,
    ROUNDING,
    Money,
    MoneyError,
    parse_decimal,
    parse_money,
    render,
    round_money,
    total,
)


def gbp(text: str) -> Money:
    return Money.of(text, "GBP")


@pytest.mark.parametrize("value", [13.75, 0.1, 9.0, float("nan")])
def test_floats_are_refused_with_a_clear_message(value: float) -> None:
    with pytest.raises(MoneyError, match="float"):
        parse_decimal(value)
    with pytest.raises(MoneyError, match="float"):
        Money.of(value, "GBP")
    with pytest.raises(MoneyError, match="float"):
        Money(value, "GBP")  # type: ignore[arg-type]


def test_money_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="float"):
        Money.of(13.75, "GBP")


@pytest.mark.parametrize(
    "text",
    ["", " ", "13.75.1", "1e3", "1_000", "£13.75", "13,75", "NaN", "Infinity", ".5", "5.", "--1"],
)
def test_malformed_amounts_are_refused(text: str) -> None:
    with pytest.raises(MoneyError, match="plain decimal"):
        parse_decimal(text)


@pytest.mark.parametrize("value", [True, None, [1], b"13.75"])
def test_non_amounts_are_refused(value: object) -> None:
    with pytest.raises(MoneyError):
        parse_decimal(value)


def test_non_finite_decimals_are_refused() -> None:
    with pytest.raises(MoneyError, match="finite"):
        parse_decimal(Decimal("Infinity"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("13.75", "13.75"), (" -4.5 ", "-4.5"), ("+7", "7"), (12, "12"), (Decimal("0.10"), "0.10")],
)
def test_plain_amounts_parse_exactly(value: object, expected: str) -> None:
    assert parse_decimal(value) == Decimal(expected)


def test_money_refuses_amounts_finer_than_the_minor_unit() -> None:
    with pytest.raises(MoneyError, match="finer than"):
        gbp("13.755")
    with pytest.raises(MoneyError, match="finer than"):
        Money.of("1.5", "JPY")


def test_money_normalises_to_the_minor_unit() -> None:
    assert str(gbp("13.7").amount) == "13.70"
    assert str(Money.of("1200", "JPY").amount) == "1200"
    assert gbp("13.7") == gbp("13.70")


def test_currency_must_be_supported() -> None:
    with pytest.raises(MoneyError, match="unsupported currency"):
        Money.of("1", "XYZ")
    with pytest.raises(MoneyError, match="unsupported currency"):
        Money(Decimal(1), "gbp")
    assert Money.of("1", " gbp ").currency == "GBP"


def test_arithmetic_is_exact_and_refuses_mixed_currencies() -> None:
    assert gbp("0.10") + gbp("0.20") == gbp("0.30")
    assert gbp("1.00") - gbp("4.58") == gbp("-3.58")
    assert -gbp("4.58") == gbp("-4.58")
    with pytest.raises(MoneyError, match="GBP with EUR"):
        _ = gbp("1") + Money.of("1", "EUR")
    assert total([gbp("4.58")] * 3, "GBP") == gbp("13.74")
    assert total([], "EUR") == Money.zero("EUR")


def test_rounding_rule_is_half_up() -> None:
    assert ROUNDING == ROUND_HALF_UP


def test_twenty_minutes_at_the_default_rate() -> None:
    rate = gbp("13.75")
    assert rate.times(20, per=60) == gbp("4.58")  # 4.58333...: half-up and half-even agree


def test_an_exact_half_penny_is_where_bankers_rounding_differs() -> None:
    rate = gbp("13.75")
    exact = rate.amount * 18 / 60  # 18 minutes
    assert exact == Decimal("4.125")
    assert rate.times(18, per=60) == gbp("4.13")
    assert exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN) == Decimal("4.12")


def test_times_divides_last_so_a_true_half_penny_is_seen() -> None:
    # 700 s at 12.06/h is exactly 2.345; dividing first gives 2.34499... and 2.34.
    assert gbp("12.06").times(700, per=3600) == gbp("2.35")


def test_times_refuses_floats_and_zero_divisors() -> None:
    with pytest.raises(MoneyError, match="float"):
        gbp("1").times(0.5)  # type: ignore[arg-type]
    with pytest.raises(MoneyError, match="zero"):
        gbp("1").times(1, per=0)


def test_round_money_is_the_only_rounding_step() -> None:
    assert round_money(Decimal("123.745"), "GBP") == gbp("123.75")
    assert round_money(Decimal("-0.005"), "GBP") == gbp("-0.01")
    assert round_money(Decimal("99.5"), "JPY") == Money.of("100", "JPY")


@pytest.mark.parametrize(
    ("money", "style", "expected"),
    [
        (Money.of("123.75", "GBP"), "symbol", "£123.75"),
        (Money.of("123.75", "GBP"), "code", "123.75 GBP"),
        (Money.of("1234.5", "GBP"), "symbol", "£1,234.50"),
        (Money.of("1234.5", "GBP"), "plain", "1234.50"),
        (Money.of("-4.58", "GBP"), "symbol", "-£4.58"),
        (Money.of("-4.58", "GBP"), "code", "-4.58 GBP"),
        (Money.of("-0", "GBP"), "plain", "0.00"),
        (Money.of("20", "EUR"), "symbol", "€20.00"),
        (Money.of("1200", "JPY"), "symbol", "1200 JPY"),
    ],
)
def test_render(money: Money, style: str, expected: str) -> None:
    assert render(money, style) == expected  # type: ignore[arg-type]


def test_str_is_the_code_form() -> None:
    assert str(gbp("123.75")) == "123.75 GBP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£123.75", Money.of("123.75", "GBP")),
        (" -£4.58 ", Money.of("-4.58", "GBP")),
        ("£1,234.50", Money.of("1234.50", "GBP")),
        ("123.75 GBP", Money.of("123.75", "GBP")),
        ("$3", Money.of("3", "USD")),
    ],
)
def test_parse_money_reads_rendered_money(text: str, expected: Money) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["£1,23.00", "123.75GBP", "£-4", "GBP 123.75", "£4.555", "123.75 XYZ", "12"])
def test_parse_money_refuses_anything_else(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_money(text)


@given(
    minor_units=st.integers(min_value=-(10**12), max_value=10**12),
    currency=st.sampled_from(sorted(CURRENCY_MINOR_UNITS)),
    style=st.sampled_from(["symbol", "code"]),
)
def test_render_and_parse_round_trip(minor_units: int, currency: str, style: str) -> None:
    money = Money(Decimal(minor_units).scaleb(-CURRENCY_MINOR_UNITS[currency]), currency)
    assert parse_money(render(money, style)) == money  # type: ignore[arg-type]
