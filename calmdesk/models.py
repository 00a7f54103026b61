"""Imports every table so the metadata (and Alembic) sees the whole schema."""

from calmdesk.audit.models import AuditEvent
from calmdesk.auth.models import AuthToken, PortalLink
from calmdesk.contractors.models import (
    Appointment,
    CallOutRuleEntry,
    CommissionRuleEntry,
    ContractorProfile,
    HourlyRateEntry,
    IssuedLine,
    IssuedStatement,
    PayAdjustment,
    Upsell,
)
from calmdesk.customers.models import Customer
from calmdesk.db import Base
from calmdesk.escalation.models import (
    Escalation,
    PolicyException,
    RoundRobinCursor,
    TriageDecision,
    TriageRule,
)
from calmdesk.idempotency import IdempotencyRecord
from calmdesk.notify.models import OutboxMessage, StaffNotification, WebhookEndpoint
from calmdesk.sla.models import (
    ClockRecord,
    EscalationChain,
    EscalationLevel,
    SlaCalendar,
    SlaEvent,
    SlaPolicy,
    SlaTarget,
    TicketSla,
)
from calmdesk.staff.models import Staff, Team, TeamSkill, staff_teams
from calmdesk.tickets.models import Message, Ticket, TicketTag
from calmdesk.tone.models import MessageAnalysis

__all__ = [
    "Appointment",
    "AuditEvent",
    "AuthToken",
    "Base",
    "CallOutRuleEntry",
    "ClockRecord",
    "CommissionRuleEntry",
    "ContractorProfile",
    "Customer",
    "Escalation",
    "EscalationChain",
    "EscalationLevel",
    "HourlyRateEntry",
    "IdempotencyRecord",
    "IssuedLine",
    "IssuedStatement",
    "Message",
    "MessageAnalysis",
    "OutboxMessage",
    "PayAdjustment",
    "PolicyException",
    "PortalLink",
    "RoundRobinCursor",
    "SlaCalendar",
    "SlaEvent",
    "SlaPolicy",
    "SlaTarget",
    "Staff",
    "StaffNotification",
    "Team",
    "TeamSkill",
    "Ticket",
    "TicketSla",
    "TicketTag",
    "TriageDecision",
    "TriageRule",
    "Upsell",
    "WebhookEndpoint",
    "staff_teams",
]
