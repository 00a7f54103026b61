"""Where later features plug into the console's pages.

Each panel is a template partial under ``templates/panels/`` that renders nothing until
its feature hands it data. A feature fills in its data function here and its partial;
the page layouts already place every panel:

- tone badge on each customer message: ``panels/tone_badge.html`` (``tone``, by message
  id), from the ``calmdesk.analysis`` tone analyser;
- reply coach beside the reply box: ``panels/coach.html`` (``coach``), from the reply
  coach, fed live by an HTMX endpoint that reads the draft;
- SLA clocks: ``panels/sla_clocks.html`` (``sla``), from ``calmdesk.sla``;
- escalation history and brief: ``panels/escalations.html`` (``escalations``);
- suggested articles: ``panels/suggested_articles.html`` (``articles``), from the
  knowledge base;
- urgency signals on each inbox row: ``panels/inbox_signals.html`` (``signals``, by
  ticket id): SLA time left and the customer's anger; the inbox order itself is
  ``calmdesk.web.inbox.urgency_order``;
- dashboard charts: a ``NavItem`` in ``NAV`` below and a ``routes_dashboard.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from calmdesk.auth.permissions import Permission
from calmdesk.kb.suggestions import panel_articles
from calmdesk.tickets.models import Message, Ticket


@dataclass(frozen=True)
class NavItem:
    """One entry of the console's top navigation."""

    label: str
    href: str
    permission: Permission


# The dashboard joins here once it exists, e.g. NavItem("Dashboard", "/dashboard", Permission.AUDIT_READ).
NAV: tuple[NavItem, ...] = (
    NavItem("Inbox", "/inbox", Permission.TICKETS_READ),
    NavItem("Knowledge base", "/kb", Permission.TICKETS_READ),
    NavItem("Staff", "/admin/staff", Permission.STAFF_MANAGE),
    NavItem("Teams", "/admin/teams", Permission.TEAMS_MANAGE),
    NavItem("Roles", "/admin/roles", Permission.STAFF_MANAGE),
)


@dataclass(frozen=True)
class TicketPanels:
    """The data each ticket-page panel shows; empty until its feature is wired in."""

    tone: dict[int, Any] = field(default_factory=dict)  # message id → tone reading
    coach: Any = None
    sla: Any = None
    escalations: Sequence[Any] = ()
    articles: Sequence[Any] = ()


def ticket_panels(db: Session, *, ticket: Ticket, messages: Sequence[Message]) -> TicketPanels:
    """Gathers the ticket page's panel data (nothing yet: the features are still being built)."""
    del messages  # used by the features as they arrive
    return TicketPanels(articles=panel_articles(db, ticket=ticket))


def inbox_signals(db: Session, *, tickets: Sequence[Ticket]) -> dict[int, Any]:
    """Urgency signals per inbox row (SLA time left, anger); none yet."""
    del db, tickets
    return {}
