"""The escalation desk's vocabulary (pure: no I/O)."""

from __future__ import annotations

from enum import StrEnum


class EscalationKind(StrEnum):
    """Where a ticket goes: across to a team by skill, or up the chain (HR for staff conduct)."""

    FUNCTIONAL = "functional"  # outside the agent's expertise: a team with the skill
    HIERARCHICAL = "hierarchical"  # beyond the agent's authority: a higher rung


class EscalationReason(StrEnum):
    """Why a ticket is escalated (with free text beside it)."""

    POLICY_EXCEPTION = "policy_exception"
    BEYOND_AUTHORITY = "beyond_authority"
    MANAGER_REQUESTED = "manager_requested"
    ABUSIVE_CONTACT = "abusive_contact"
    REPEATED_FAILURE = "repeated_failure"
    LEGAL_OR_REGULATORY_RISK = "legal_or_regulatory_risk"
    NEEDS_EXPERTISE = "needs_expertise"  # a functional escalation's usual reason
    STAFF_CONDUCT = "staff_conduct"  # a complaint about a member of staff: the HR manager


class EscalationOrigin(StrEnum):
    """What started an escalation."""

    AGENT = "agent"  # a person escalated it with a brief
    ABUSE_TAKEOVER = "abuse_takeover"  # a supervisor took over an abusive contact
    RE_ESCALATION = "re_escalation"  # nobody acknowledged the one before it in time


class EscalationState(StrEnum):
    """Where an escalation is: waiting for its receiver, taken in hand, or passed further up."""

    AWAITING = "awaiting_acknowledgement"
    ACKNOWLEDGED = "acknowledged"
    RE_ESCALATED = "re_escalated"


class ExceptionKind(StrEnum):
    """A policy exception someone senior may grant."""

    REFUND_BEYOND_POLICY = "refund_beyond_policy"
    GOODWILL_CREDIT = "goodwill_credit"
    FEE_WAIVER = "fee_waiver"
    FREE_REPLACEMENT = "free_replacement"
    OTHER = "other"


class ExceptionState(StrEnum):
    """A policy exception's decision."""

    REQUESTED = "requested"
    APPROVED = "approved"
    DECLINED = "declined"


class Assignment(StrEnum):
    """How a triage rule picks the person within its team."""

    LEAST_LOAD = "least_load"
    ROUND_ROBIN = "round_robin"


_ROLE_LABELS = {"head_of_operations": "Head of Operations", "hr_manager": "HR manager"}


def role_label(role: str) -> str:
    """A role as it reads in a sentence: "supervisor", "Head of Operations", "HR manager"."""
    return _ROLE_LABELS.get(role, role.replace("_", " "))
