"""The plain, frozen values the analyser and the reply coach return (JSON-ready via ``to_dict``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# Signal kinds found in customer messages; the API lists them as they are, in this order.
SIGNAL_KINDS: tuple[str, ...] = (
    "manager_demand",  # asks for a manager, supervisor or someone senior
    "legal_threat",  # lawyer, sue, court, small claims
    "regulator",  # regulator, ombudsman, trading standards, consumer body
    "public_exposure",  # press, reviews, social media
    "cancel_or_switch",  # cancelling, closing the account, going to a competitor
    "repeated_contact",  # "third time", "still not", "again"
    "deadline",  # deadline or urgency
    "shouting",  # capitals, repeated "!"
    "harm_threat",  # threats of harm to staff
    "insult",  # name-calling aimed at a person (evidence for the abuse score)
    "profanity",  # swearing (evidence for the abuse score)
)

# Coach rules that fire on something written in the draft.
DRAFT_RULE_IDS: tuple[str, ...] = (
    "says_customer_wrong",
    "argues_or_point_scores",
    "condescending_tone",
    "absolute_refusal",
    "tells_to_calm_down",
    "blames_someone",
    "policy_as_weapon",
    "unbacked_promise",
    "premature_fault",
    "parrots_customer",
)
# Coach rules that fire on something missing from a draft to an upset or abusive customer.
MISSING_RULE_IDS: tuple[str, ...] = (
    "missing_empathy",
    "missing_restatement",
    "missing_next_steps",
    "missing_closing_question",
    "missing_boundary",
)
RULE_IDS: tuple[str, ...] = DRAFT_RULE_IDS + MISSING_RULE_IDS

SEVERITIES: tuple[str, ...] = ("low", "medium", "high")
SUGGESTION_KINDS: tuple[str, ...] = (
    "empathy_opener",
    "restatement",
    "boundary",
    "escalation_notice",
    "closing_question",
)

Severity = Literal["low", "medium", "high"]
Author = Literal["customer", "agent"]


# An escalation risk at or above this counts as "upset" even without anger (e.g. a calm legal threat).
UPSET_RISK = 0.5


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: ``text[start:end]`` of the analysed text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Returns the span as a JSON-ready dict."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Signal:
    """An escalation signal of one ``kind`` with its weight (0..1) and evidence spans."""

    kind: str
    weight: float
    spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        """Returns the signal as a JSON-ready dict."""
        return {
            "kind": self.kind,
            "weight": round(self.weight, 4),
            "spans": [span.to_dict() for span in self.spans],
        }


@dataclass(frozen=True, slots=True)
class MessageReport:
    """The tone of one customer message: scores in 0..1, ``mood`` in -1..1, signals, flags."""

    anger: float
    abuse: float
    complaint: float
    escalation_risk: float
    mood: float
    is_angry: bool
    is_abusive: bool
    is_complaint: bool
    signals: tuple[Signal, ...]
    model_version: str

    @property
    def is_upset(self) -> bool:
        """True when the coach should check the reply for empathy, restatement and next steps."""
        return self.is_angry or self.is_abusive or self.escalation_risk >= UPSET_RISK

    def signal(self, kind: str) -> Signal | None:
        """Returns the signal of ``kind``, if the message has one."""
        return next((s for s in self.signals if s.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        """Returns the report as a JSON-ready dict."""
        return {
            "anger": round(self.anger, 4),
            "abuse": round(self.abuse, 4),
            "complaint": round(self.complaint, 4),
            "escalation_risk": round(self.escalation_risk, 4),
            "mood": round(self.mood, 4),
            "is_angry": self.is_angry,
            "is_abusive": self.is_abusive,
            "is_complaint": self.is_complaint,
            "signals": [signal.to_dict() for signal in self.signals],
            "model_version": self.model_version,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One coach finding: the rule, how much it matters, where (None when something is missing)."""

    rule_id: str
    severity: Severity
    span: Span | None
    principle: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        """Returns the finding as a JSON-ready dict."""
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "span": None if self.span is None else self.span.to_dict(),
            "principle": self.principle,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Wording the agent can insert into the reply; ``[brackets]`` mark what they must fill in."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Returns the suggestion as a JSON-ready dict."""
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class CoachReport:
    """The coach's view of a draft: what to change, what is missing, and wording to insert."""

    findings: tuple[Finding, ...]
    missing: tuple[Finding, ...]
    suggestions: tuple[Suggestion, ...]

    def to_dict(self) -> dict[str, Any]:
        """Returns the report as a JSON-ready dict."""
        return {
            "findings": [finding.to_dict() for finding in self.findings],
            "missing": [finding.to_dict() for finding in self.missing],
            "suggestions": [suggestion.to_dict() for suggestion in self.suggestions],
        }


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of the conversation so far, oldest first."""

    author: Author
    text: str
