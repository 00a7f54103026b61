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

Wired in so far: tone badges, the coach, SLA clocks, the playbook and the inbox signals
(``calmdesk.web.live_panels``), escalations, suggested articles with subject-matter experts,
and updates and callbacks (``panels/followup.html``, ``calmdesk.web.followup_view``). The
dashboard (``routes_dashboard.py``) reads ``calmdesk.insights.attention``: escalations awaiting
acknowledgement, escalation counts, open incidents, callbacks due, satisfaction ratings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.kb.suggestions import panel_articles, panel_experts
from calmdesk.tickets.models import Message, Ticket
from calmdesk.web import live_panels


@dataclass(frozen=True)
class NavItem:
    """One entry of the console's top navigation."""

    label: str
    href: str
    permission: Permission
    also: tuple[Permission, ...] = ()  # any of these opens the entry too


# The dashboard joins here once it exists, e.g. NavItem("Dashboard", "/dashboard", Permission.AUDIT_READ).
NAV: tuple[NavItem, ...] = (
    NavItem("Inbox", "/inbox", Permission.TICKETS_READ),
    NavItem("Callbacks", "/callbacks", Permission.TICKETS_READ),
    NavItem("Knowledge base", "/kb", Permission.TICKETS_READ),
    NavItem("Incidents", "/incidents", Permission.TICKETS_READ),
    NavItem("Surveys", "/surveys", Permission.SLA_REPORTS),
    NavItem("Dashboard", "/dashboard", Permission.SLA_REPORTS, also=(Permission.AUDIT_READ,)),
    NavItem("Staff", "/admin/staff", Permission.STAFF_MANAGE),
    NavItem("Teams", "/admin/teams", Permission.TEAMS_MANAGE),
    NavItem("Roles", "/admin/roles", Permission.STAFF_MANAGE),
    NavItem("Contractors", "/contractors", Permission.PAY_MANAGE, also=(Permission.PAY_OWN,)),
)


@dataclass(frozen=True)
class TicketPanels:
    """The data each ticket-page panel shows; empty until its feature is wired in."""

    tone: dict[int, Any] = field(default_factory=dict)  # message id → tone reading
    coach: Any = None
    sla: Any = None
    escalations: Any = None  # calmdesk.web.escalation_view.EscalationPanel
    articles: Sequence[Any] = ()
    playbook: Any = None  # de-escalation techniques for the situation at hand
    followup: Any = None  # calmdesk.web.followup_view.FollowupPanel
    experts: Sequence[Any] = ()  # calmdesk.kb.suggestions.PanelExpert, beside the articles


def ticket_panels(db: Session, *, ticket: Ticket, messages: Sequence[Message]) -> TicketPanels:
    """Gathers the ticket page's panel data from the features that are wired in."""
    # Imported here: calmdesk.web's own import of the routes reaches this module first.
    from calmdesk.web.escalation_view import escalation_panel
    from calmdesk.web.followup_view import followup_panel

    articles = panel_articles(db, ticket=ticket)
    return TicketPanels(
        tone=live_panels.tone_by_message(messages),
        coach=live_panels.coach_box(messages=messages),
        sla=live_panels.sla_panel(db, ticket=ticket, now=utcnow()),
        escalations=escalation_panel(db, ticket=ticket),
        articles=articles,
        playbook=live_panels.playbook_panel(db, ticket=ticket, messages=messages),
        followup=followup_panel(db, ticket=ticket, now=utcnow()),
        experts=panel_experts(db, ticket=ticket, articles=articles),
    )


def inbox_signals(db: Session, *, tickets: Sequence[Ticket], now: datetime | None = None) -> dict[int, Any]:
    """Urgency signals per inbox row: SLA state and time left, the customer's mood, and why."""
    return live_panels.inbox_signals(db, tickets=tickets, now=now or utcnow())
