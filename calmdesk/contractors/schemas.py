"""Contractor, appointment, upsell and pay-statement requests and responses.

Money travels as strings ("123.75") beside a currency code, never as JSON numbers,
which cannot hold every amount exactly.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AwareDatetime, Field, PlainSerializer, PlainValidator, WithJsonSchema

from calmdesk.contractors.pay import PayLine, render_duration, render_hours
from calmdesk.contractors.records import AppointmentStatus, CallOutBasis, UpsellStatus
from calmdesk.money import MoneyError, parse_decimal, render
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.validators import Slug, TimeZoneName

if TYPE_CHECKING:
    from calmdesk.contractors.statement_service import StatementView

_AMOUNT_SCHEMA = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "examples": ["13.75"]}


def _decimal_text(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return parse_decimal(value)
    if not isinstance(value, str):
        raise ValueError('send amounts as strings such as "13.75": JSON numbers can lose pennies')
    try:
        return parse_decimal(value)
    except MoneyError as error:
        raise ValueError(str(error)) from None


def _plain(value: Decimal) -> str:
    return f"{value:f}"


AmountIn = Annotated[
    Decimal,
    PlainValidator(_decimal_text),
    PlainSerializer(_plain, return_type=str, when_used="json"),
    WithJsonSchema(_AMOUNT_SCHEMA),
]
"""An amount in a request: a decimal string; its minor unit is checked against the currency."""
AmountOut = Annotated[Decimal, PlainSerializer(_plain, return_type=str), WithJsonSchema(_AMOUNT_SCHEMA)]
"""An amount in a response: rendered as a plain decimal string such as "13.75"."""
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. GBP")]
PeriodLabel = Annotated[
    str, Field(pattern=r"^\d{4}-(\d{2}|W\d{2})$", description="a month (2026-11) or ISO week (2026-W47)")
]
MissedStatus = Literal["cancelled_by_customer", "no_show"]


class ContractorCreate(InputModel):
    """Pay terms for a staff member whose role is contractor; starts at the agreement's £13.75/h."""

    staff_id: int
    currency: Currency = "GBP"
    timezone: TimeZoneName = "Europe/London"
    hourly_rate: AmountIn = Decimal("13.75")
    rate_effective_from: date | None = Field(default=None, description="default: today")


class RateCreate(InputModel):
    """A new hourly rate from a date on; earlier periods keep their rates."""

    hourly_rate: AmountIn
    effective_from: date


class CommissionRuleCreate(InputModel):
    """Commission on confirmed upsells of a category (none: every category without a rule)."""

    effective_from: date
    category: Slug | None = None
    percent: AmountIn = Field(description="percentage of the upsell's value, 0 to 100")
    fixed_per_upsell: AmountIn | None = None


class CallOutRuleCreate(InputModel):
    """How appointments cancelled by the customer, or no-shows, are paid from a date on."""

    applies_to: MissedStatus
    effective_from: date
    basis: CallOutBasis
    fixed_amount: AmountIn | None = None
    minutes: int | None = Field(default=None, ge=1, le=24 * 60)


class AdjustmentCreate(InputModel):
    """A one-off amount, plus or minus, paid in the period that holds ``day``."""

    day: date
    description: str = Field(min_length=1, max_length=300)
    amount: AmountIn


class RateRead(OutputModel):
    """An hourly rate and the day it took effect."""

    effective_from: date
    hourly_rate: AmountOut


class CommissionRuleRead(OutputModel):
    """A commission rule and the day it took effect."""

    id: int
    effective_from: date
    category: str | None
    percent: AmountOut
    fixed_per_upsell: AmountOut | None


class CallOutRuleRead(OutputModel):
    """A call-out rule and the day it took effect."""

    id: int
    applies_to: str
    effective_from: date
    basis: str
    fixed_amount: AmountOut | None
    minutes: int | None


class ContractorRef(OutputModel):
    """A contractor as shown inside another record."""

    id: int
    name: str


class ContractorRead(ContractorRef):
    """A contractor's pay terms with their whole history."""

    email: str
    currency: str
    timezone: str
    rates: list[RateRead]
    commission_rules: list[CommissionRuleRead]
    call_out_rules: list[CallOutRuleRead]
    created_at: datetime


class AdjustmentRead(OutputModel):
    """A one-off adjustment."""

    id: int
    day: date
    description: str
    amount: AmountOut
    currency: str
    created_by_id: int | None
    created_at: datetime


class AppointmentCreate(InputModel):
    """A customer appointment for a contractor; a past one may be logged with its outcome."""

    contractor_id: int
    customer_id: int
    ticket_reference: str | None = Field(default=None, max_length=30, description="e.g. CD-1042")
    scheduled_start: AwareDatetime
    scheduled_end: AwareDatetime
    status: AppointmentStatus = AppointmentStatus.SCHEDULED
    actual_start: AwareDatetime | None = None
    actual_end: AwareDatetime | None = None
    job_notes: str = Field(default="", max_length=10_000)


class AppointmentUpdate(InputModel):
    """Fields to change; a contractor may change only the outcome (status, actual times, notes)."""

    contractor_id: int | None = None
    customer_id: int | None = None
    ticket_reference: str | None = Field(default=None, max_length=30)
    scheduled_start: AwareDatetime | None = None
    scheduled_end: AwareDatetime | None = None
    status: AppointmentStatus | None = None
    actual_start: AwareDatetime | None = None
    actual_end: AwareDatetime | None = None
    job_notes: str | None = Field(default=None, max_length=10_000)


class CustomerName(OutputModel):
    """The customer an appointment is for."""

    id: int
    name: str


class AppointmentRead(OutputModel):
    """An appointment."""

    id: int
    reference: str
    contractor: ContractorRef
    customer: CustomerName
    ticket_reference: str | None
    scheduled_start: datetime
    scheduled_end: datetime
    actual_start: datetime | None
    actual_end: datetime | None
    status: str
    job_notes: str
    version: int
    created_at: datetime
    updated_at: datetime


class UpsellCreate(InputModel):
    """A product sold on an appointment; it earns commission once confirmed."""

    product: str = Field(min_length=1, max_length=200)
    category: Slug
    value: AmountIn
    currency: Currency | None = Field(default=None, description="default: the contractor's currency")


class UpsellUpdate(InputModel):
    """Confirm or refund an upsell (pay managers), or correct a pending one."""

    product: str | None = Field(default=None, min_length=1, max_length=200)
    category: Slug | None = None
    value: AmountIn | None = None
    status: UpsellStatus | None = None


class UpsellRead(OutputModel):
    """An upsell."""

    id: int
    reference: str
    appointment_id: int
    product: str
    category: str
    value: AmountOut
    currency: str
    status: str
    confirmed_at: datetime | None
    refunded_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime


class StatementIssue(InputModel):
    """Issue (freeze) the statement of a period that has ended."""

    period: PeriodLabel


class StatementLineRead(OutputModel):
    """One pay-statement line; amounts are decimal strings in the statement's currency."""

    kind: str
    key: str
    day: date
    description: str
    duration: str | None = Field(description="h:mm worked, for appointment lines")
    hours: str | None = Field(description="decimal hours, for reading only (pay uses exact time)")
    rate: str | None
    amount: str
    corrects: str | None

    @classmethod
    def from_line(cls, line: PayLine) -> StatementLineRead:
        """Renders one pay line."""
        return cls(
            kind=line.kind.value,
            key=line.key,
            day=line.day,
            description=line.label,
            duration=None if line.worked is None else render_duration(line.worked),
            hours=None if line.worked is None else render_hours(line.worked),
            rate=None if line.rate is None else render(line.rate, "plain"),
            amount=render(line.amount, "plain"),
            corrects=line.corrects,
        )


class StatementSummary(OutputModel):
    """An issued statement in a list."""

    period: str = Field(validation_alias="period_label")
    period_start: date
    period_end: date
    currency: str
    total: AmountOut
    issued_at: datetime


class StatementRead(OutputModel):
    """A pay statement: a draft computed now, or an issued one exactly as issued."""

    contractor_id: int
    contractor_name: str
    contractor_ref: str
    period: str
    period_start: date
    period_end: date
    status: Literal["draft", "issued"]
    issued_at: datetime | None
    issued_by_id: int | None
    currency: str
    lines: list[StatementLineRead]
    work_subtotal: str
    commission_subtotal: str
    adjustment_subtotal: str
    total: str
    worked: str
    unsettled: list[str] = Field(description="appointments in the period still only scheduled")
    rounding: str

    @classmethod
    def from_view(cls, view: StatementView, *, rounding: str) -> StatementRead:
        """Renders a draft or issued statement."""
        statement = view.statement
        return cls(
            contractor_id=view.contractor_id,
            contractor_name=view.contractor_name,
            contractor_ref=statement.contractor_ref,
            period=statement.period.label,
            period_start=statement.period.start,
            period_end=statement.period.end,
            status="draft" if view.issued_at is None else "issued",
            issued_at=view.issued_at,
            issued_by_id=view.issued_by_id,
            currency=statement.currency,
            lines=[StatementLineRead.from_line(line) for line in statement.lines],
            work_subtotal=render(statement.work_subtotal, "plain"),
            commission_subtotal=render(statement.commission_subtotal, "plain"),
            adjustment_subtotal=render(statement.adjustment_subtotal, "plain"),
            total=render(statement.total, "plain"),
            worked=render_duration(statement.worked),
            unsettled=list(statement.unsettled_refs),
            rounding=rounding,
        )
