"""Escalation signals in a customer message, each with its evidence spans.

The patterns live in :mod:`calmdesk.analysis.signal_rules`; this module runs them, adds
the token-based signals (shouting, insults aimed at a person, profanity) and merges the
evidence into one :class:`~calmdesk.analysis.types.Signal` a kind.
"""

from __future__ import annotations

import re

from calmdesk.analysis import lexical
from calmdesk.analysis.lexicons import GRATITUDE_WORDS, INSULT_WORDS
from calmdesk.analysis.signal_rules import EXCLAIMED, RULES, SHOUT_HINT, sentence_of, triggered_kinds
from calmdesk.analysis.types import Signal, Span

_I = re.IGNORECASE

BASE_WEIGHT: dict[str, float] = {rule.kind: rule.weight for rule in RULES} | {
    "shouting": 0.3,
    "profanity": 0.2,
}


def _span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def _evidence(match: re.Match[str]) -> tuple[int, int]:
    """The part of a match to highlight: its ``evidence`` group when the pattern has one."""
    if "evidence" in match.re.groupindex and match.group("evidence") is not None:
        return match.span("evidence")
    return match.span()


def _combined(text: str, kind: str, spans: list[Span]) -> Signal:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            merged[-1] = _span(text, merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    ordered = tuple(merged)
    weight = min(1.0, BASE_WEIGHT[kind] * (1 + 0.25 * (len(ordered) - 1)))
    return Signal(kind, weight, ordered)


def _shouting(text: str, scanned: lexical.Scan) -> list[Span]:
    spans: list[Span] = []
    if SHOUT_HINT.search(text):  # only then can a word be in capitals: offsets are needed
        run: list[lexical.Token] = []
        for token in [*scanned.tokens, None]:
            if token is not None and lexical.is_shouted(token):
                run.append(token)
                continue
            letters = sum(c.isalpha() for t in run for c in t.raw)
            if len(run) >= 2 or (run and letters >= 4):
                spans.append(_span(text, run[0].start, run[-1].end))
            run = []
    if "!" in text:
        spans += [_span(text, m.start(), m.end()) for m in EXCLAIMED.finditer(text)]
    kept = []
    for span in spans:
        sentence = sentence_of(text, span.start, span.end)
        if GRATITUDE_WORDS.isdisjoint(lexical.scan(sentence).norms):
            kept.append(span)
    return kept


def _again(text: str) -> list[Span]:
    """ "again" counts as repeated contact only beside a complaint, never after thanks."""
    spans = []
    for match in re.finditer(r"\bagain\b", text, _I):
        sentence = sentence_of(text, match.start(), match.end()).lower()
        if re.search(
            r"\b(?:thanks?|thank\s+you|order|buy|use|recommend|visit|shop)\b[^.!?]*\bagain\b", sentence
        ):
            continue
        if re.search(
            r"\b(?:not|no|wrong|broken|failed|fails|down|late|charged|missing|same|still|"
            r"happened|problem|issue|error|cut\s+off|disconnected|nothing)\b",
            sentence,
        ):
            spans.append(_span(text, match.start(), match.end()))
    return spans


def find_signals(text: str, scanned: lexical.Scan | None = None) -> tuple[Signal, ...]:
    """Returns the escalation signals in ``text``, in ``SIGNAL_KINDS`` order."""
    from calmdesk.analysis.types import SIGNAL_KINDS

    if scanned is None:
        scanned = lexical.scan(text)
    # Curly apostrophes become straight ones (same length, so offsets still point into ``text``).
    plain = text.replace("\u2019", "'")
    lowered = " ".join(plain.lower().split())  # for the trigger pre-checks only
    found: dict[str, list[Span]] = {}
    triggered = triggered_kinds(lowered)
    for rule in RULES:
        if rule.kind not in triggered:
            continue  # the pattern cannot match without one of its words: skip the full regex
        for match in rule.pattern.finditer(plain):
            if not any(reject(plain, match) for reject in rule.rejects):
                start, end = _evidence(match)
                found.setdefault(rule.kind, []).append(_span(text, start, end))
    if "again" in lowered and (again := _again(plain)):
        found.setdefault("repeated_contact", []).extend(_span(text, s.start, s.end) for s in again)
    if (SHOUT_HINT.search(text) or "!" in text) and (shouting := _shouting(text, scanned)):
        found["shouting"] = shouting
    if not INSULT_WORDS.isdisjoint(scanned.norms):
        tokens = scanned.tokens
        for first, last in lexical.insult_at_person(tokens):
            found.setdefault("insult", []).append(_span(text, tokens[first].start, tokens[last].end))
    if scanned.profane:
        found["profanity"] = [_span(text, t.start, t.end) for t in scanned.profane]
    return tuple(_combined(text, kind, found[kind]) for kind in SIGNAL_KINDS if kind in found)
