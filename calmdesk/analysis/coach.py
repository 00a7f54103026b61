"""The reply coach: checks an agent's draft against calmdesk's de-escalation principles.

Apologies (seeds 002 and 004 disagree, and this is how calmdesk reconciles them). Seed 002
says "don't be afraid to apologise: an apology is not an admission of fault", with the
example "sorry for the inconvenience this misunderstanding caused you". Seed 004 says
"don't apologise on behalf of the company early in the conversation: you won't know who is
at fault; if the facts warrant it, apologise and accept that we made a mistake". Both hold
once two kinds of apology are told apart:

* an apology for the customer's experience ("I'm sorry for the inconvenience", "I'm sorry
  you've had to chase this") is always welcome, counts as empathy, and is suggested from
  the first reply (seed 002);
* an admission of fault or liability ("this is our fault", "we made a mistake", "we take
  full responsibility") is flagged as ``premature_fault`` until the facts are established:
  until the draft or an earlier agent turn says the agent has checked ("I've looked into
  it", "our records show"). After that the coach stays silent and the agent owns the mistake
  without blaming anyone (seeds 003 and 004).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from calmdesk.analysis import suggestions
from calmdesk.analysis.coach_rules import (
    ACTION,
    BOUNDARY,
    CLOSED_QUESTION,
    DRAFT_RULES,
    EMPATHY,
    FACTS_ESTABLISHED,
    PROMISE_BACKED,
    RESTATEMENT,
    TIME,
)
from calmdesk.analysis.signal_rules import sentence_of
from calmdesk.analysis.types import (
    CoachReport,
    Finding,
    MessageReport,
    Severity,
    Span,
    Suggestion,
    Turn,
)

# This many identical words in a row, copied from the customer, is parroting, not paraphrase.
PARROT_WORDS = 7
_WORD = re.compile(r"[A-Za-z0-9']+")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")

_MISSING: dict[str, tuple[str, str]] = {
    "missing_empathy": (
        "An upset customer needs to hear that you understand how they feel before they can hear a solution.",
        "Open with an empathy statement (see the suggested openers).",
    ),
    "missing_restatement": (
        "Restating the problem in your own words shows you listened and lets the customer correct you.",
        'Add a restatement: "So that I\'m sure I have this right: …".',
    ),
    "missing_next_steps": (
        "Concrete next steps with a time give the customer something to hold on to, "
        "instead of a vague promise.",
        'Say what you will do and by when: "I\'ll [action] and update you by [time]."',
    ),
    "missing_closing_question": (
        "Don't leave a gap: end with a closed question that asks for the customer's agreement.",
        'End with a yes/no question, e.g. "Does that plan work for you?"',
    ),
    "missing_boundary": (
        "When a customer is abusive, set a clear, respectful limit with a choice instead of arguing back.",
        "Add the suggested boundary statement.",
    ),
}


def coach_reply(
    draft: str,
    *,
    conversation: Sequence[Turn] = (),
    customer_report: MessageReport | None = None,
) -> CoachReport:
    """Checks ``draft`` (the agent's reply) against the conversation so far, oldest turn first."""
    original, draft = draft, draft.replace("\u2019", "'")  # same length, so offsets still hold
    customer_text = _last_customer_text(conversation)
    if customer_report is None and customer_text:
        from calmdesk.analysis.analyzer import analyze_message

        customer_report = analyze_message(customer_text)
    agent_history = " ".join(t.text for t in conversation if t.author == "agent")
    findings = _draft_findings(draft, agent_history)
    findings += _parroting(draft, customer_text)
    findings = [_respan(f, original) for f in findings]
    findings.sort(key=lambda f: (f.span.start if f.span else -1, f.rule_id))
    missing = _missing(draft, customer_report)
    offered = _suggestions(customer_text, customer_report)
    return CoachReport(tuple(findings), tuple(missing), tuple(offered))


def _last_customer_text(conversation: Sequence[Turn]) -> str:
    """The customer's latest message (their consecutive turns joined)."""
    texts: list[str] = []
    for turn in reversed(conversation):
        if turn.author == "customer":
            texts.insert(0, turn.text)
        elif texts:
            break
    return "\n".join(texts)


def _respan(finding: Finding, draft: str) -> Finding:
    """Points the finding's evidence at the caller's own text (curly apostrophes and all)."""
    if finding.span is None:
        return finding
    span = Span(finding.span.start, finding.span.end, draft[finding.span.start : finding.span.end])
    return Finding(finding.rule_id, finding.severity, span, finding.principle, finding.suggestion)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " ,;:.!?\n\t":
        start += 1
    while end > start and text[end - 1] in " ,;:\n\t":
        end -= 1
    return Span(start, end, text[start:end])


def _draft_findings(draft: str, agent_history: str) -> list[Finding]:
    facts_known = bool(FACTS_ESTABLISHED.search(draft) or FACTS_ESTABLISHED.search(agent_history))
    findings = []
    for rule in DRAFT_RULES:
        if rule.rule_id == "premature_fault" and facts_known:
            continue
        for match in rule.pattern.finditer(draft):
            if rule.rule_id == "unbacked_promise" and PROMISE_BACKED.search(
                sentence_of(draft, match.start(), match.end())
            ):
                continue
            span = _trimmed(draft, match.start(), match.end())
            findings.append(Finding(rule.rule_id, rule.severity, span, rule.principle, rule.suggestion))
    return findings


def _parroting(draft: str, customer_text: str) -> list[Finding]:
    """Flags a run of PARROT_WORDS or more words copied verbatim from the customer's message."""
    if not customer_text:
        return []
    theirs = [w.group().lower() for w in _WORD.finditer(customer_text)]
    grams = {tuple(theirs[i : i + PARROT_WORDS]) for i in range(len(theirs) - PARROT_WORDS + 1)}
    mine = list(_WORD.finditer(draft))
    words = [m.group().lower() for m in mine]
    findings: list[Finding] = []
    i = 0
    while i <= len(words) - PARROT_WORDS:
        if tuple(words[i : i + PARROT_WORDS]) not in grams:
            i += 1
            continue
        end = i + PARROT_WORDS
        while end < len(words) and tuple(words[end - PARROT_WORDS + 1 : end + 1]) in grams:
            end += 1
        span = Span(mine[i].start(), mine[end - 1].end(), draft[mine[i].start() : mine[end - 1].end()])
        findings.append(
            Finding(
                "parrots_customer",
                "low",
                span,
                "Repeating the customer's words back verbatim sounds robotic; "
                "paraphrasing shows you understood.",
                "Say it in your own words (see the restatement scaffold).",
            )
        )
        i = end
    return findings


def _missing(draft: str, report: MessageReport | None) -> list[Finding]:
    if report is None:
        return []
    absent: list[str] = []
    if report.is_upset:
        if not EMPATHY.search(draft):
            absent.append("missing_empathy")
        if not RESTATEMENT.search(draft):
            absent.append("missing_restatement")
        if not any(ACTION.search(s) and TIME.search(s) for s in _SENTENCE.findall(draft)):
            absent.append("missing_next_steps")
        sentences = [s.strip() for s in _SENTENCE.findall(draft) if s.strip()]
        if not sentences or not CLOSED_QUESTION.search(sentences[-1]):
            absent.append("missing_closing_question")
    if (report.is_abusive or report.signal("harm_threat")) and not BOUNDARY.search(draft):
        absent.append("missing_boundary")
    severity: Severity = "high" if report.is_abusive else "medium"
    return [
        Finding(rule_id, "high" if rule_id == "missing_boundary" else severity, None, *_MISSING[rule_id])
        for rule_id in absent
    ]


def _suggestions(customer_text: str, report: MessageReport | None) -> list[Suggestion]:
    if report is None:
        return [suggestions.closing_question("")]
    offered = suggestions.empathy_openers(report)
    offered.append(suggestions.restatement(customer_text, report))
    if report.is_abusive or report.signal("harm_threat"):
        offered.append(suggestions.boundary(report))
    offered.append(suggestions.escalation_notice(report))
    offered.append(suggestions.closing_question(customer_text))
    return offered
