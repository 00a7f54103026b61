"""Builders for contractor pay tests: plain values, UTC instants in winter unless told."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from calmdesk.contractors.records import (
    Appointment,
    AppointmentStatus,
    HourlyRate,
    PayProfile,
    Upsell,
    UpsellStatus,
)
from calmdesk.money import Money

CONTRACTOR = "CON-7"


def gbp(text: str) -> Money:
    return Money.of(text, "GBP")


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)


def completed(ref: str, start: datetime, worked: timedelta, customer: str = "") -> Appointment:
    """An appointment that ran exactly as scheduled."""
    end = start + worked
    return Appointment(
        ref, customer or f"customer of {ref}", start, end, AppointmentStatus.COMPLETED, start, end
    )


def missed(ref: str, start: datetime, status: AppointmentStatus) -> Appointment:
    return Appointment(ref, f"customer of {ref}", start, start + timedelta(hours=1), status)


def profile(*rates: tuple[date, str], **terms: object) -> PayProfile:
    hourly = tuple(HourlyRate(day, gbp(amount)) for day, amount in rates) or (
        HourlyRate(date(2026, 1, 1), gbp("13.75")),
    )
    return PayProfile(CONTRACTOR, hourly, **terms)  # type: ignore[arg-type]


def confirmed(ref: str, value: str, when: datetime, category: str = "warranty") -> Upsell:
    return Upsell(ref, f"product {ref}", category, gbp(value), UpsellStatus.CONFIRMED, when)


def refunded(upsell: Upsell, when: datetime) -> Upsell:
    return replace(upsell, status=UpsellStatus.REFUNDED, refunded_at=when)
