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
from calmdesk.followup.models import Callback, Survey, UpdateCadence
from calmdesk.idempotency import IdempotencyRecord
from calmdesk.incidents.models import Incident, IncidentTicket, TicketVector
from calmdesk.kb.models import Article, ArticleTag
from calmdesk.mail.models import MailAttachment, MailRecord
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
    "Article",
    "ArticleTag",
    "AuditEvent",
    "AuthToken",
    "Base",
    "CallOutRuleEntry",
    "Callback",
    "ClockRecord",
    "CommissionRuleEntry",
    "ContractorProfile",
    "Customer",
    "Escalation",
    "EscalationChain",
    "EscalationLevel",
    "HourlyRateEntry",
    "IdempotencyRecord",
    "Incident",
    "IncidentTicket",
    "IssuedLine",
    "IssuedStatement",
    "MailAttachment",
    "MailRecord",
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
    "Survey",
    "Team",
    "TeamSkill",
    "Ticket",
    "TicketSla",
    "TicketTag",
    "TicketVector",
    "TriageDecision",
    "TriageRule",
    "UpdateCadence",
    "Upsell",
    "WebhookEndpoint",
    "staff_teams",
]
