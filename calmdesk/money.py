"""Money in calmdesk: the one place that parses, rounds and renders amounts.

Why a ``Money`` value rather than bare ``Decimal`` plus a currency argument: a
contractor's profile, an upsell and a pay line each carry their currency, and a
value that holds both makes "add GBP to EUR" an error at the point it happens
instead of a silent wrong total three modules later.

Invariants of a ``Money``:

* the amount is a ``Decimal`` (never a float, never NaN or infinity);
* the amount is a whole number of the currency's minor unit (pennies for GBP).
  Parsing never rounds: "13.755 GBP" is refused. The only way from an exact,
  finer result (20 minutes at 13.75/h = 4.58333...) to ``Money`` is
  :func:`round_money`, which applies :data:`ROUNDING` once.

Rounding rule: :data:`ROUNDING` is half-up ("commercial" rounding, 4.125 -> 4.13),
the rule a contractor checking a statement with a calculator or spreadsheet
expects, and the usual rule on UK pay slips. Banker's rounding (half-even) only
differs on an exact half penny (18 minutes at 13.75 = 4.125: half-up 4.13,
half-even 4.12). Callers round each line once, from exact inputs, never a sum of
already-rounded or intermediate values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal

ROUNDING = ROUND_HALF_UP
"""The one rounding rule for money in calmdesk (see the module docstring)."""

# Enough digits that "amount x quantity / per" for any realistic pay line is exact
# whenever the true result terminates, so a true half penny is seen as one.
_PRECISION = 60

CURRENCY_MINOR_UNITS: dict[str, int] = {
    "GBP": 2,
    "EUR": 2,
    "USD": 2,
    "CHF": 2,
    "CAD": 2,
    "AUD": 2,
    "NZD": 2,
    "SEK": 2,
    "NOK": 2,
    "DKK": 2,
    "PLN": 2,
    "JPY": 0,
}
"""Supported ISO 4217 currencies and their minor-unit digits."""

_SYMBOLS: dict[str, str] = {"GBP": "£", "EUR": "€", "USD": "$"}
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_RENDERED_SYMBOL = re.compile(r"(?P<sign>-?)(?P<symbol>[£€$])(?P<number>(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)")
_RENDERED_CODE = re.compile(r"(?P<number>-?\d+(\.\d+)?) (?P<code>[A-Z]{3})")

RenderStyle = Literal["symbol", "code", "plain"]


class MoneyError(ValueError):
    """An amount or currency calmdesk refuses to treat as money."""


def parse_decimal(value: object) -> Decimal:
    """Returns ``value`` as an exact Decimal; refuses floats, bools and malformed text."""
    if isinstance(value, bool):
        raise MoneyError(f"{value!r} is not an amount")
    if isinstance(value, float):
        raise MoneyError(
            f"float {value!r} refused: floats cannot hold money exactly; "
            "pass a string such as '13.75' or a Decimal"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(f"{value} is not a finite amount")
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_NUMBER.fullmatch(text):
            raise MoneyError(f"{value!r} is not a plain decimal number such as '13.75'")
        return Decimal(text)
    raise MoneyError(f"{type(value).__name__} {value!r} is not an amount")


def _check_currency(currency: object) -> str:
    if not isinstance(currency, str) or currency not in CURRENCY_MINOR_UNITS:
        supported = ", ".join(sorted(CURRENCY_MINOR_UNITS))
        raise MoneyError(f"unsupported currency {currency!r} (supported: {supported})")
    return currency


def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-CURRENCY_MINOR_UNITS[currency])


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in whole minor units of one ISO 4217 currency."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        currency = _check_currency(self.currency)
        if not isinstance(self.amount, Decimal):
            parse_decimal(self.amount)  # raises the clear message for floats and others
            raise MoneyError(f"Money needs a Decimal amount, got {type(self.amount).__name__}")
        amount = parse_decimal(self.amount)
        quantum = _quantum(currency)
        normalised = amount.quantize(quantum, rounding=ROUNDING)
        if normalised != amount:
            raise MoneyError(
                f"{amount} {currency} is finer than the currency's minor unit; "
                "round it with money.round_money"
            )
        object.__setattr__(self, "amount", normalised)

    @classmethod
    def of(cls, value: object, currency: str) -> Money:
        """Parses an amount (string, Decimal or int, never float) in ``currency``."""
        if not isinstance(currency, str):
            raise MoneyError(f"currency must be an ISO code such as 'GBP', got {currency!r}")
        return cls(parse_decimal(value), currency.strip().upper())

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Returns nothing, in ``currency``."""
        return cls(Decimal(0), currency)

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same_currency(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same_currency(other).amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __str__(self) -> str:
        return render(self, "code")

    def is_zero(self) -> bool:
        """Tells whether the amount is exactly nothing."""
        return self.amount == 0

    def times(self, quantity: Decimal | int, per: Decimal | int = 1) -> Money:
        """Returns ``self x quantity / per`` computed exactly and rounded once."""
        if isinstance(quantity, float) or isinstance(per, float):
            raise MoneyError("float refused in money arithmetic; use Decimal")
        if per == 0:
            raise MoneyError("cannot divide money by zero")
        with localcontext() as exact:
            exact.prec = _PRECISION
            raw = self.amount * Decimal(quantity) / Decimal(per)
        return round_money(raw, self.currency)

    def _same_currency(self, other: Money) -> Money:
        if not isinstance(other, Money):
            raise MoneyError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise MoneyError(f"cannot combine {self.currency} with {other.currency}")
        return other


def round_money(raw: Decimal, currency: str) -> Money:
    """Rounds an exact amount to the currency's minor unit with :data:`ROUNDING`."""
    exact = parse_decimal(raw)
    return Money(exact.quantize(_quantum(_check_currency(currency)), rounding=ROUNDING), currency)


def total(amounts: Iterable[Money], currency: str) -> Money:
    """Adds amounts of one currency exactly (no rounding: each is already whole units)."""
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result


def render(money: Money, style: RenderStyle = "symbol") -> str:
    """Renders money for people ("£1,234.50"), for CSV ("1234.50") or with its code."""
    negative = "-" if money.amount < 0 else ""
    magnitude = abs(money.amount)
    if style == "plain":
        return f"{negative}{magnitude:f}"
    symbol = _SYMBOLS.get(money.currency)
    if style == "symbol" and symbol is not None:
        return f"{negative}{symbol}{magnitude:,f}"
    return f"{negative}{magnitude:f} {money.currency}"


def parse_money(text: str) -> Money:
    """Parses money as :func:`render` writes it: "£1,234.50", "-£4.58" or "123.75 GBP"."""
    if not isinstance(text, str):
        raise MoneyError(f"{type(text).__name__} {text!r} is not rendered money")
    cleaned = text.strip()
    if match := _RENDERED_SYMBOL.fullmatch(cleaned):
        currency = next(code for code, sym in _SYMBOLS.items() if sym == match["symbol"])
        number = match["number"].replace(",", "")
        return Money.of(f"{match['sign']}{number}", currency)
    if match := _RENDERED_CODE.fullmatch(cleaned):
        return Money.of(match["number"], match["code"])
    raise MoneyError(f"{text!r} is not money such as '£123.75' or '123.75 GBP'")
