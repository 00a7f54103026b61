"""The demo desk's self-employed contractors: pay terms, a month of appointments, upsells.

Plain data, fixed at import: days are counted back from the day the demo is loaded,
times are local (Europe/London). The loader (:mod:`calmdesk.demo.contractor_loader`)
books the work through the real services, issues the statements of the periods that
have ended, then makes two late changes so the open statement shows a clawback and a
correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PayFrequency = Literal["month", "week"]
Outcome = Literal["completed", "cancelled_by_customer", "no_show"]


@dataclass(frozen=True)
class DemoCommission:
    """A commission rule (category None: every other category)."""

    percent: str
    category: str | None = None
    fixed_per_upsell: str | None = None


@dataclass(frozen=True)
class DemoContractor:
    """A contractor's terms and working pattern."""

    staff_key: str
    pays: PayFrequency
    starting_rate: str
    # A rise from the 1st of the month the demo is loaded in: last month is paid at the old rate.
    rate_this_month: str | None
    commission: tuple[DemoCommission, ...]
    cancelled_call_out_minutes: int | None
    no_show_call_out: str | None
    working_days: tuple[int, ...]  # Monday = 0
    # Each working day books these (start hour, start minute, minutes) slots in turn.
    slots: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class DemoSale:
    """A product a contractor offers on a visit."""

    product: str
    category: str
    value: str


CONTRACTORS: tuple[DemoContractor, ...] = (
    DemoContractor(
        staff_key="marek",
        pays="month",
        starting_rate="13.75",
        rate_this_month="14.25",
        commission=(
            DemoCommission("5"),
            DemoCommission("10", "warranty", "2.00"),
            DemoCommission("8", "parts"),
        ),
        cancelled_call_out_minutes=30,
        no_show_call_out="15.00",
        working_days=(0, 1, 2, 3, 4, 5),
        slots=((8, 0, 120), (10, 30, 90), (13, 0, 150), (16, 0, 60)),
    ),
    DemoContractor(
        staff_key="chloe",
        pays="week",
        starting_rate="13.75",
        rate_this_month=None,
        commission=(DemoCommission("5"), DemoCommission("12", "service-plan")),
        cancelled_call_out_minutes=None,
        no_show_call_out=None,
        working_days=(1, 2, 3, 4, 5),
        slots=((6, 30, 90), (9, 0, 120), (12, 0, 45), (13, 15, 105), (15, 30, 80)),
    ),
)

CUSTOMER_KEYS: tuple[str, ...] = (
    "amara_nwosu", "luca_ferraro", "margaret_doyle", "samuel_osei", "peter_mills",
    "kirsty_mcleod", "tom_whitaker", "anjali_desai", "lucy_chambers", "hamish_grant",
    "emily_carter", "mohammed_al_sayed", "harpreet_sandhu", "daniel_price", "gary_pritchard",
    "kofi_mensah", "leila_karimi", "beatriz_santos",
)  # fmt: skip
"""Households and businesses the contractors visit, in turn."""

SALES: tuple[DemoSale, ...] = (
    DemoSale("Total Care extended warranty, 3 years", "warranty", "149.00"),
    DemoSale("Limescale filter cartridge (pack of 4)", "parts", "38.50"),
    DemoSale("Annual service plan", "service-plan", "96.00"),
    DemoSale("Replacement inlet hose, braided", "parts", "24.99"),
    DemoSale("Heat-pump performance check", "service-plan", "65.00"),
)

DAYS_BACK = 35
"""How many days of past work the demo holds: always a few days of the month before."""
DAYS_AHEAD = 3
"""How many days of booked (still scheduled) work lie ahead."""
EVERY_NTH_CANCELLED = 13
EVERY_NTH_NO_SHOW = 17
EVERY_NTH_SOLD = 4
PENDING_WITHIN_DAYS = 3
"""Sales this recent are still awaiting confirmation."""
LATE_LOGGED_MINUTES = 25
"""A visit in an issued period that ran longer than logged, corrected after it was issued."""
ADJUSTMENT = ("Van mileage allowance", "18.40")
"""A one-off payment on the open statement of the month-paid contractor."""
