"""Drafting the handoff brief from a ticket's conversation (pure: no I/O).

The brief is the escalation's "police report" (seed 001): the problem, its impact on
the customer, what was already offered, the customer's mood at the start and at the
latest message (how much damage the contact has done), the earlier interactions, and
the two sets of goals. calmdesk drafts everything it can read from the conversation;
the goals are the escalating agent's own words, so they are only suggested here, and
:func:`missing_parts` refuses a brief without them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from calmdesk.analysis import MessageReport
from calmdesk.escalation.offers import AgentEntry, Offer, extract_offers

MAX_PROBLEM_CHARS = 400
Author = Literal["customer", "agent", "call", "note"]

# Signals whose sentences are demands or threats: they belong to the impact, not the problem.
_DEMANDS = frozenset(
    {"legal_threat", "regulator", "public_exposure", "cancel_or_switch", "manager_demand", "harm_threat"}
)
_ABUSE = frozenset({"insult", "profanity"})
_IMPACT_PHRASES: dict[str, str] = {
    "legal_threat": "threatens legal action",
    "regulator": "mentions a regulator or ombudsman",
    "public_exposure": "threatens to go public (reviews, press or social media)",
    "cancel_or_switch": "threatens to cancel or leave",
    "manager_demand": "asks for someone senior",
    "repeated_contact": "has had to chase",
    "deadline": "has set a deadline",
    "harm_threat": "has threatened staff",
}
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear\s+[\w' -]{1,40}?|good\s+(?:morning|afternoon|evening)|to\s+whom[^,.]*)[,.!:]?\s+",
    re.I,
)
_SIGN_OFF = re.compile(r"^(?:thanks|thank\s+you|regards|kind\s+regards|best|cheers|many\s+thanks)\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|(?=\n)|$)")
_MONEY = re.compile(r"[£€$]\s?\d[\d,]*(?:\.\d{1,2})?")


@dataclass(frozen=True)
class Contact:
    """One conversation entry as the brief reads it; customer messages carry their tone."""

    message_id: int | None
    author: Author
    text: str
    at: datetime
    author_name: str | None = None
    report: MessageReport | None = None
    channel: str = ""


@dataclass(frozen=True)
class TicketFacts:
    """What the brief says about the ticket itself."""

    reference: str
    subject: str
    category: str | None
    priority: str
    customer_name: str


@dataclass(frozen=True)
class EarlierTicket:
    """Another ticket of the same customer."""

    reference: str
    subject: str
    status: str
    opened_at: datetime
    channel: str


@dataclass(frozen=True)
class Interaction:
    """One contact with the customer: when, by which channel, what it was."""

    at: datetime
    channel: str
    what: str
    reference: str

    def to_dict(self) -> dict[str, Any]:
        """Returns the interaction as a JSON-ready dict."""
        return {
            "at": self.at.isoformat(),
            "channel": self.channel,
            "what": self.what,
            "reference": self.reference,
        }


_WHAT = {"customer": "customer wrote", "agent": "reply", "call": "phone call"}


@dataclass(frozen=True)
class BriefDraft:
    """What calmdesk drafts; the agent completes it with the goals."""

    problem: str
    impact: str
    offers: tuple[Offer, ...]
    mood_at_start: float | None
    mood_at_end: float | None
    interactions: tuple[Interaction, ...]
    suggested_problem_goals: tuple[str, ...] = field(default=())
    suggested_people_goals: tuple[str, ...] = field(default=())


def mood_label(mood: float | None, *, abusive: bool = False) -> str:
    """A mood score (-1..1) in the words the desk uses: abusive, angry, frustrated, calm, pleased."""
    if abusive:
        return "abusive"
    if mood is None:
        return "not read"
    if mood <= -0.5:
        return "angry"
    if mood <= -0.15:
        return "frustrated"
    if mood < 0.35:
        return "calm"
    return "pleased"


def _sentences(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().strip()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _problem_sentences(contact: Contact) -> list[str]:
    """The sentences of a message that describe the problem: no greeting, sign-off, demand or insult."""
    demands = [
        (span.start, span.end)
        for signal in (contact.report.signals if contact.report else ())
        if signal.kind in _DEMANDS | _ABUSE
        for span in signal.spans
    ]
    kept: list[str] = []
    for start, end, sentence in _sentences(contact.text):
        if any(s < end and start < e for s, e in demands):
            continue
        sentence = _GREETING.sub("", sentence).strip()
        if len(sentence.split()) < 4 or _SIGN_OFF.match(sentence):
            continue
        kept.append(sentence)
    return kept


def problem_statement(ticket: TicketFacts, contacts: Sequence[Contact]) -> str:
    """The subject and, in the first contact's own words, what is wrong (at most two sentences)."""
    first = next((c for c in contacts if c.author in ("customer", "call")), None)
    detail = " ".join(_problem_sentences(first)[:2]) if first else ""
    subject = ticket.subject.strip().rstrip(".")
    text = f"{subject}. {detail}" if detail else f"{subject}."
    return text if len(text) <= MAX_PROBLEM_CHARS else text[: MAX_PROBLEM_CHARS - 1].rstrip() + "…"


def _evidence(reports: Sequence[MessageReport], kind: str) -> str | None:
    for report in reports:
        signal = report.signal(kind)
        if signal and signal.spans:
            return signal.spans[0].text
    return None


def impact_statement(
    contacts: Sequence[Contact], earlier: Sequence[EarlierTicket], mood_at_start: float | None
) -> str:
    """How the problem weighs on the customer and on the desk, from the conversation's tone and facts."""
    customer = [c for c in contacts if c.author == "customer"]
    reports = [c.report for c in customer if c.report is not None]
    calls = sum(1 for c in contacts if c.author == "call")
    parts: list[str] = []
    contact_words = [f"{len(customer)} written message{'s' if len(customer) != 1 else ''}"]
    if calls:
        contact_words.append(f"{calls} logged call{'s' if calls != 1 else ''}")
    parts.append(f"Contacts so far: {' and '.join(contact_words)}.")
    if reports:
        latest = reports[-1]
        start = mood_label(mood_at_start, abusive=reports[0].is_abusive)
        end = mood_label(latest.mood, abusive=latest.is_abusive)
        parts.append(f"Mood: {start} at the start, {end} at the latest message.")
    found = [
        f'{phrase} ("{quote}")'
        for kind, phrase in _IMPACT_PHRASES.items()
        if (quote := _evidence(reports, kind)) is not None
    ]
    if any(r.is_abusive for r in reports):
        found.append("has used abusive language towards staff")
    if found:
        parts.append("The customer " + "; ".join(found) + ".")
    amounts = sorted({m.group() for c in customer for m in _MONEY.finditer(c.text)})
    if amounts:
        parts.append(f"Sums the customer mentions: {', '.join(amounts)}.")
    if earlier:
        listed = ", ".join(f"{t.reference} ({t.status})" for t in earlier[:5])
        parts.append(f"Earlier tickets: {listed}.")
    return " ".join(parts)


def suggested_goals(
    ticket: TicketFacts, contacts: Sequence[Contact], offers: Sequence[Offer]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Prompts for the problem goals and the people goals; the agent writes the real ones."""
    reports = [c.report for c in contacts if c.author == "customer" and c.report is not None]
    problem = [f"Agree a concrete fix for: {ticket.subject.strip()}, with a date the customer accepts."]
    if offers:
        problem.append(
            "Confirm what was already offered ("
            + ", ".join(o.label for o in offers)
            + ") is delivered, and offer no less."
        )
    if (deadline := _evidence(reports, "deadline")) is not None:
        problem.append(f'Answer before the customer\'s deadline ("{deadline}").')
    people = ["The customer has told the story once and hears it restated correctly."]
    if any(r.is_abusive for r in reports):
        people.append("The conversation stays respectful; the customer accepts the boundary.")
    elif any(r.is_angry for r in reports):
        people.append("The customer is calm enough to agree the settlement.")
    if _evidence(reports, "manager_demand") is not None:
        people.append("The customer knows someone with authority now owns the case.")
    people.append("The customer trusts that the promised next update will come on time.")
    return tuple(problem), tuple(people)


def interactions(
    ticket: TicketFacts, contacts: Sequence[Contact], earlier: Sequence[EarlierTicket]
) -> tuple[Interaction, ...]:
    """Every contact with the customer, oldest first: earlier tickets, this ticket's messages and calls."""
    listed = [
        Interaction(t.opened_at, t.channel, f"earlier ticket: {t.subject} ({t.status})", t.reference)
        for t in earlier
    ]
    for contact in contacts:
        if contact.author == "note":
            continue  # internal: not a contact with the customer
        who = f" ({contact.author_name})" if contact.author_name and contact.author != "customer" else ""
        listed.append(Interaction(contact.at, contact.channel, _WHAT[contact.author] + who, ticket.reference))
    return tuple(sorted(listed, key=lambda i: i.at))


def draft_brief(
    ticket: TicketFacts, contacts: Sequence[Contact], earlier: Sequence[EarlierTicket]
) -> BriefDraft:
    """Drafts the brief from the conversation so far (oldest entry first)."""
    said = [
        AgentEntry(c.message_id, c.author_name, c.text, c.at)
        for c in contacts
        if c.author in ("agent", "call")
    ]
    offers = extract_offers(said)
    moods = [c.report.mood for c in contacts if c.author == "customer" and c.report is not None]
    mood_at_start = moods[0] if moods else None
    problem_goals, people_goals = suggested_goals(ticket, contacts, offers)
    return BriefDraft(
        problem=problem_statement(ticket, contacts),
        impact=impact_statement(contacts, earlier, mood_at_start),
        offers=offers,
        mood_at_start=mood_at_start,
        mood_at_end=moods[-1] if moods else None,
        interactions=interactions(ticket, contacts, earlier),
        suggested_problem_goals=problem_goals,
        suggested_people_goals=people_goals,
    )


def clean_lines(lines: Sequence[str]) -> list[str]:
    """Goals as the agent wrote them, without blank lines or stray whitespace."""
    return [line.strip() for line in lines if line and line.strip()]


def missing_parts(
    *, problem: str, impact: str, problem_goals: Sequence[str], people_goals: Sequence[str]
) -> dict[str, str]:
    """What a brief still lacks before it can be handed over, by field (empty when complete)."""
    missing: dict[str, str] = {}
    if not problem.strip():
        missing["problem"] = "say what the problem is"
    if not impact.strip():
        missing["impact"] = "say what the problem means for the customer"
    if not clean_lines(problem_goals):
        missing["problem_goals"] = "write what the next call must settle (at least one problem goal)"
    if not clean_lines(people_goals):
        missing["people_goals"] = (
            "write how the customer should feel when it is settled (at least one people goal)"
        )
    return missing
