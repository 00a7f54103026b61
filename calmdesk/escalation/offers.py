"""What the desk has already offered the customer, read from agents' messages (pure: no I/O).

The handoff brief must say what was offered, so the next person neither offers less
nor repeats a promise. An offer is a clause of an agent's reply or call notes that
names one of :data:`OFFER_KINDS` *and* reads as a commitment: an amount, or "I've",
"we'll", "offered", "agreed", "promised" … . "Refunds take up to 14 days" names a refund
but offers nothing; "we can't refund that part" is a refusal, not an offer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

_I = re.IGNORECASE | re.VERBOSE


class OfferKind(StrEnum):
    """Something a customer can be offered to put a problem right."""

    REFUND = "refund"
    DISCOUNT = "discount"
    CREDIT = "credit"
    REPLACEMENT = "replacement"
    CALLBACK = "callback"
    ENGINEER_VISIT = "engineer_visit"


OFFER_KINDS: tuple[str, ...] = tuple(kind.value for kind in OfferKind)
LABELS: dict[str, str] = {
    "refund": "refund",
    "discount": "discount",
    "credit": "account credit",
    "replacement": "replacement",
    "callback": "call back",
    "engineer_visit": "engineer visit",
}

_PRONOUN = r"(?:you|her|him|them|the\s+customer)"
_PATTERNS: dict[OfferKind, re.Pattern[str]] = {
    OfferKind.REFUND: re.compile(r"\brefund(?:s|ed|ing)?\b | \bmoney\s+back\b | \breimburs\w*", _I),
    OfferKind.DISCOUNT: re.compile(r"\bdiscount\w*\b | \b\d+(?:\.\d+)?\s?%\s+off\b | \bprice\s+match\w*", _I),
    OfferKind.CREDIT: re.compile(
        r"\bcredit(?:s|ed)?\b(?!\s+(?:card|check|score|rating|limit|agreement|history|note))"
        r" | \bgoodwill\s+(?:gesture|payment)\b",
        _I,
    ),
    OfferKind.REPLACEMENT: re.compile(
        r"\breplace(?:ment|d|s)?\b | \bnew\s+(?:one|machine|unit|appliance|fridge|washer|dishwasher)\b", _I
    ),
    OfferKind.CALLBACK: re.compile(
        rf"\b(?:call|phone|ring)\s+{_PRONOUN}\s+back\b | \bcall[\s-]?backs?\b"
        rf" | \b(?:i|we|they|he|she)(?:'ll|'d|\s+will|\s+would|\s+shall)\s+(?:\w+\s+){{0,2}}"
        rf"(?:call|phone|ring)\s+{_PRONOUN}\b",
        _I,
    ),
    OfferKind.ENGINEER_VISIT: re.compile(
        r"\b(?:engineer|technician)s?\b (?=[^.!?]*\b(?:visit\w*|book\w*|send|sent|come|coming|call[\s-]?out"
        r"|inspect\w*|attend\w*|appointment|slot|within|tomorrow|today)\b)"
        r" | \b(?:visit|inspection|call[\s-]?out)\b (?=[^.!?]*\b(?:engineer|technician)s?\b)",
        _I,
    ),
}
# A clause offers something when it carries an amount or reads as a commitment.
_COMMITMENT = re.compile(
    r"""\b(?:i|we|they)(?:'ve|'ll|'d|\s+have|\s+will|\s+can|\s+could|\s+would|\s+shall)\b
    | \boffer\w* | \bagree\w* | \bapprov\w* | \bpromis\w* | \bissued\b | \barrang\w* | \bbook(?:ed|ing)\b
    | \bwill\s+be\b | \bis\s+on\s+your\b | \bas\s+agreed\b | \bgoodwill\b""",
    _I,
)
_REFUSAL = re.compile(
    r"""\b(?:can'?t|cannot|can\s+not|unable|won'?t|will\s+not|not\s+able|isn'?t\s+possible|not\s+possible
    | don'?t\s+offer|do\s+not\s+offer|no\s+longer|never)\b""",
    _I,
)
_AMOUNT = re.compile(
    r"[£€$]\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?k\b)? | \b\d+(?:\.\d+)?\s?%"
    r" | \b\d[\d,]*(?:\.\d{2})?\s+(?:pounds|euros|dollars|quid)\b",
    _I,
)
# "Call back within 2 hours" names no sum of money: only money offers carry an amount.
_NO_AMOUNT = frozenset({OfferKind.CALLBACK, OfferKind.ENGINEER_VISIT, OfferKind.REPLACEMENT})
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_CLAUSE = re.compile(r"[;]|,\s+(?:but|and|plus|so|although|though)\s+|\s+but\s+", re.I)


@dataclass(frozen=True)
class AgentEntry:
    """One staff entry the customer saw or heard: a reply, or a call's notes."""

    message_id: int | None
    author_name: str | None
    text: str
    at: datetime | None = None


@dataclass(frozen=True)
class Offer:
    """One thing offered, where it was said, and the amount when one was named."""

    kind: str
    amount: str | None
    evidence: str
    message_id: int | None = None
    offered_by: str | None = None
    at: datetime | None = None

    @property
    def label(self) -> str:
        """The offer as people say it: "£50 account credit", "call back"."""
        name = LABELS.get(self.kind, self.kind)
        return f"{self.amount} {name}" if self.amount else name

    def to_dict(self) -> dict[str, Any]:
        """Returns the offer as a JSON-ready dict."""
        return {
            "kind": self.kind,
            "amount": self.amount,
            "label": self.label,
            "evidence": self.evidence,
            "message_id": self.message_id,
            "offered_by": self.offered_by,
            "at": self.at.isoformat() if self.at else None,
        }


def _clauses(sentence: str) -> list[str]:
    return [part.strip() for part in _CLAUSE.split(sentence) if part and part.strip()]


def offers_in_text(text: str) -> list[tuple[str, str | None, str]]:
    """The offers in one text, in order, as (kind, amount or None, the sentence that makes it)."""
    found: list[tuple[str, str | None, str]] = []
    for sentence_match in _SENTENCE.finditer(text):
        sentence = sentence_match.group().strip()
        for clause in _clauses(sentence):
            if _REFUSAL.search(clause):
                continue
            amounts = list(_AMOUNT.finditer(clause))
            if not amounts and _COMMITMENT.search(clause) is None:
                continue
            for kind, pattern in _PATTERNS.items():
                named = pattern.search(clause)
                if named is None:
                    continue
                amount = None
                if amounts and kind not in _NO_AMOUNT:
                    nearest = min(amounts, key=lambda m: abs(m.start() - named.start()))
                    amount = nearest.group().strip()
                found.append((kind.value, amount, sentence))
    return found


def extract_offers(entries: Iterable[AgentEntry]) -> tuple[Offer, ...]:
    """Every distinct offer in the agents' entries, oldest first (a repeat of the same offer is kept once)."""
    seen: set[tuple[str, str | None]] = set()
    offers: list[Offer] = []
    for entry in entries:
        for kind, amount, sentence in offers_in_text(entry.text):
            key = (kind, amount)
            if key in seen:
                continue
            seen.add(key)
            offers.append(Offer(kind, amount, sentence, entry.message_id, entry.author_name, entry.at))
    return tuple(offers)
