"""Wording the agent can insert, fitted to what the customer's message shows.

Every suggestion calms and informs; none pressures or sells. ``[brackets]`` mark facts only
the agent knows (a time, a name), which the coach never invents.
"""

from __future__ import annotations

import re

from calmdesk.analysis.types import MessageReport, Suggestion

_OPENERS: dict[str, str] = {
    "harm_threat": "I want to help you with this, and I need our conversation to stay safe for everyone.",
    "legal_threat": "I understand you're considering legal action, and that's your right. "
    "I'd like to see what I can put right for you now.",
    "regulator": "I understand you're thinking of taking this to the regulator or ombudsman; "
    "you're entitled to, and I'll make sure you have our final answer and reference.",
    "public_exposure": "I can see how let down you feel, and I'd like the chance to put this right.",
    "cancel_or_switch": "I understand you're thinking of leaving us, and I'd like to put this right first.",
    "manager_demand": "I understand you'd like someone senior to look at this, and I'll make sure they have "
    "the full story so you don't have to repeat it.",
    "repeated_contact": "I'm sorry you've had to contact us about this again; that shouldn't have happened, "
    "and I'll see it through with you.",
    "deadline": "I can see this is time-sensitive for you, so I'll focus on what can be done in time.",
}
_GENERAL_OPENER = "I can see why this is frustrating, and I'm sorry for the inconvenience it has caused."
_COMPLAINT_OPENER = "Thank you for telling us about this; I'm sorry it didn't go the way you expected."

_TOPICS = [
    "refund",
    "order",
    "delivery",
    "parcel",
    "package",
    "bill",
    "invoice",
    "charge",
    "payment",
    "account",
    "subscription",
    "contract",
    "password",
    "login",
    "broadband",
    "internet",
    "connection",
    "phone",
    "line",
    "router",
    "device",
    "appointment",
    "engineer",
    "repair",
    "installation",
    "booking",
    "reservation",
    "flight",
    "ticket",
    "card",
    "claim",
    "policy",
    "plan",
    "service",
    "meter",
]
_MY_THING = re.compile(r"\b(?:my|our)\s+((?:[a-z]+\s+){0,2}?(?:" + "|".join(_TOPICS) + r")s?)\b", re.I)
_ANY_TOPIC = re.compile(r"\b(?:the|a|an|this)\s+(" + "|".join(_TOPICS) + r")s?\b", re.I)

_ESCALATION_TARGET: tuple[tuple[str, str, str], ...] = (
    ("harm_threat", "my supervisor", "our conversation needs a senior colleague"),
    ("legal_threat", "our complaints team", "you've mentioned legal action, which they handle"),
    (
        "regulator",
        "our complaints team",
        "they prepare the final response a regulator or ombudsman will ask for",
    ),
    ("manager_demand", "my supervisor", "you've asked for someone senior, and they can approve what I can't"),
)


def empathy_openers(report: MessageReport) -> list[Suggestion]:
    """Empathy statements for the strongest signals (at most three), or a general one."""
    ranked = sorted((s for s in report.signals if s.kind in _OPENERS), key=lambda s: -s.weight)
    texts = [_OPENERS[s.kind] for s in ranked[:3]]
    if not texts:
        texts = [_COMPLAINT_OPENER if report.is_complaint and not report.is_angry else _GENERAL_OPENER]
    return [Suggestion("empathy_opener", text) for text in texts]


def topic_of(customer_text: str) -> str | None:
    """The thing the message is about, seen from the agent's side ("my refund" -> "your refund")."""
    mine = _MY_THING.search(customer_text)
    if mine:
        return "your " + mine.group(1).lower()
    other = _ANY_TOPIC.search(customer_text)
    return f"the {other.group(1).lower()}" if other else None


def restatement(customer_text: str, report: MessageReport) -> Suggestion:
    """A scaffold to restate the problem in the agent's words (never copying the customer's)."""
    clauses = [f"this is about {topic}" if (topic := topic_of(customer_text)) else "[what it is about]"]
    clauses.append("[what went wrong, in your own words]")
    if report.signal("repeated_contact"):
        clauses.append("you've had to contact us more than once")
    if deadline := report.signal("deadline"):
        clauses.append(f"it needs sorting {_when(deadline.spans[0].text)}")
    body = ", ".join(clauses[:-1]) + " and " + clauses[-1]
    return Suggestion("restatement", f"So that I'm sure I have this right: {body}. Is that correct?")


def _when(deadline_text: str) -> str:
    lowered = deadline_text.lower()
    return lowered if lowered.startswith(("by ", "within ")) else "urgently"


def boundary(report: MessageReport) -> Suggestion:
    """A respectful limit with a clear choice and consequence (seed 003's wording, fitted)."""
    if report.signal("harm_threat"):
        text = (
            "I'm going to pause our conversation here, because threats towards our staff aren't "
            "something I can continue with. Your case stays open, and [my supervisor] will contact "
            "you by [time] about the next steps."
        )
    else:
        text = (
            "I understand you're upset, and I want to help you sort this out. I can do that best "
            "if we keep this conversation respectful; if the language continues I'll need to end "
            "this conversation and ask [my supervisor] to contact you. Shall we carry on?"
        )
    return Suggestion("boundary", text)


def escalation_notice(report: MessageReport) -> Suggestion:
    """Tells the customer why, to whom, what happens next and when they will hear."""
    to_whom, why = "[team]", "it needs [skill or authority] that [team] has"
    for kind, target, reason in _ESCALATION_TARGET:
        if report.signal(kind):
            to_whom, why = target, reason
            break
    text = (
        f"I'm passing your case to {to_whom} because {why}. I've given them the full history, "
        "so you won't need to repeat yourself. They will [next step], and you'll hear from them "
        "by [time]. Is that all right with you?"
    )
    return Suggestion("escalation_notice", text)


def closing_question(customer_text: str) -> Suggestion:
    """A closed question that asks for agreement, so the conversation doesn't stay open-ended."""
    topic = topic_of(customer_text)
    ask = (
        f"Does that plan work for you, and is there anything else about {topic} I can put right today?"
        if topic
        else "Does that plan work for you?"
    )
    return Suggestion("closing_question", ask)
