"""The demo desk's content as plain data: the interface the demo loader turns into rows.

Everything here is fixed at import (no randomness, no clock): times are relative to
when the demo is loaded (``opened_days_ago``, ``hours_after_open``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from calmdesk.demo import (
    conversations_account,
    conversations_billing,
    conversations_complaints,
    conversations_delivery,
    conversations_field_service,
    conversations_html,
    conversations_outage,
    conversations_recurring,
    conversations_technical,
)
from calmdesk.demo.customers import CUSTOMERS
from calmdesk.demo.records import (
    Channel,
    DemoCustomer,
    DemoStaff,
    DemoTeam,
    DemoTicket,
    DemoTurn,
    Mood,
    Priority,
    Role,
    Status,
    Tier,
)
from calmdesk.demo.staff import STAFF, TEAMS

__all__ = [
    "CUSTOMERS",
    "DEMO_PASSWORD",
    "NOTABLE_TICKETS",
    "STAFF",
    "TEAMS",
    "TICKETS",
    "Channel",
    "DemoCustomer",
    "DemoStaff",
    "DemoTeam",
    "DemoTicket",
    "DemoTurn",
    "Mood",
    "Priority",
    "Role",
    "Status",
    "Tier",
]

# Published on purpose: `calmdesk demo` prints it, and it only opens the demo accounts.
DEMO_PASSWORD: str = "calmdesk-demo"  # noqa: S105

# Oldest first, so ticket references grow with time as they would on a real desk.
TICKETS: tuple[DemoTicket, ...] = tuple(
    sorted(
        (
            *conversations_outage.TICKETS,
            *conversations_billing.TICKETS,
            *conversations_html.TICKETS,
            *conversations_delivery.TICKETS,
            *conversations_technical.TICKETS,
            *conversations_field_service.TICKETS,
            *conversations_account.TICKETS,
            *conversations_complaints.TICKETS,
            *conversations_recurring.TICKETS,
        ),
        key=lambda ticket: -ticket.opened_days_ago,
    )
)


def _positions(*tickets: DemoTicket) -> tuple[int, ...]:
    return tuple(TICKETS.index(ticket) for ticket in tickets)


NOTABLE_TICKETS: Mapping[str, tuple[int, ...]] = MappingProxyType(
    {
        "checkout_outage": _positions(*conversations_outage.CHECKOUT_OUTAGE),
        "staff_conduct": _positions(conversations_complaints.STAFF_CONDUCT_COMPLAINT),
        "legal_threat": _positions(conversations_complaints.LEGAL_THREAT),
        "privacy_request": _positions(conversations_account.PRIVACY_REQUEST),
        "personal_data_breach": _positions(conversations_account.MISDIRECTED_INVOICE),
        "threat_to_staff": _positions(conversations_account.THREAT_TO_STAFF),
        "html_email": _positions(conversations_html.HTML_INVOICE_EMAIL),
        "html_fault_report": _positions(conversations_html.HTML_FAULT_REPORT),
        "xss_email": _positions(conversations_html.XSS_EMAIL),
    }
)
"""Positions in ``TICKETS`` of the tickets later features are demonstrated on."""
