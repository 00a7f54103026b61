"""Triage rules for new tickets and picking the person within a team (pure: no I/O).

Every active rule whose conditions all hold applies, in position order. A field one
rule has set is not changed by a later one, a field the ticket's creator chose is
left alone, and priority is only ever raised. Each decision carries the rule and the
conditions that made it, so the desk can say why a ticket went where it went.

Conditions (a missing or empty one matches anything): ``channels``, ``categories``,
``priorities``, ``tiers``, ``severities``, ``keywords`` (any of them in the subject or
the first message), ``tone`` (any of the tone triggers: the analyser's signal kinds,
``is_abusive``, ``is_angry``, ``is_complaint``, ``high_risk``) and ``min_risk``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from calmdesk.tickets.lifecycle import PRIORITY_RANK

CONDITION_KEYS = (
    "channels",
    "categories",
    "priorities",
    "tiers",
    "severities",
    "keywords",
    "tone",
    "min_risk",
)
LIST_CONDITIONS = {
    "channels": "channel",
    "categories": "category",
    "priorities": "priority",
    "tiers": "tier",
    "severities": "severity",
}


@dataclass(frozen=True)
class TriageFacts:
    """What rules test about a new ticket."""

    channel: str
    category: str | None
    priority: str
    severity: int
    tier: str
    text: str  # the subject and the first message
    tone: frozenset[str] = frozenset()
    risk: float | None = None


@dataclass(frozen=True)
class RuleSpec:
    """A triage rule as the evaluation needs it."""

    id: int
    name: str
    conditions: Mapping[str, Any]
    priority: str | None = None
    severity: int | None = None
    category: str | None = None
    team_id: int | None = None
    assignment: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """One field a rule set, and why."""

    field: str
    value: Any
    rule_id: int
    rule_name: str
    because: tuple[str, ...]


@dataclass(frozen=True)
class TriageOutcome:
    """The decisions of every matching rule, and the assignment strategy to apply, if any."""

    decisions: tuple[Decision, ...] = ()
    assignment: Decision | None = None
    tags: tuple[Decision, ...] = ()

    @property
    def rule_ids(self) -> list[int]:
        """The ids of the rules that decided something, in order."""
        seen: list[int] = []
        for decision in (*self.decisions, *self.tags, *((self.assignment,) if self.assignment else ())):
            if decision.rule_id not in seen:
                seen.append(decision.rule_id)
        return seen

    def explain(self) -> str:
        """One line per decision: what was set, by which rule, because of what."""
        lines = [
            f"{d.field} → {d.value} by rule '{d.rule_name}' because {' and '.join(d.because)}"
            for d in (*self.decisions, *self.tags)
        ]
        if self.assignment is not None:
            a = self.assignment
            lines.append(
                f"assignee by {a.value} in the team, rule '{a.rule_name}' because {' and '.join(a.because)}"
            )
        return "\n".join(lines)


def _keyword_found(text: str, keyword: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(keyword.lower())}(?!\w)", text) is not None


def conditions_met(conditions: Mapping[str, Any], facts: TriageFacts) -> tuple[bool, tuple[str, ...]]:
    """Whether every condition holds, and the reasons in words when they do."""
    reasons: list[str] = []
    for key, attribute in LIST_CONDITIONS.items():
        wanted = conditions.get(key) or []
        if not wanted:
            continue
        value = getattr(facts, attribute)
        if value not in wanted:
            return False, ()
        reasons.append(f"{attribute} is {value}")
    keywords = [str(k) for k in conditions.get("keywords") or []]
    if keywords:
        text = facts.text.lower()
        hits = [k for k in keywords if _keyword_found(text, k)]
        if not hits:
            return False, ()
        reasons.append("the message mentions " + ", ".join(f"'{k}'" for k in hits))
    tone = [str(t) for t in conditions.get("tone") or []]
    if tone:
        fired = sorted(set(tone) & facts.tone)
        if not fired:
            return False, ()
        reasons.append("the tone shows " + ", ".join(fired))
    min_risk = conditions.get("min_risk")
    if min_risk is not None:
        if facts.risk is None or facts.risk < float(min_risk):
            return False, ()
        reasons.append(f"escalation risk {facts.risk:.2f} ≥ {float(min_risk):.2f}")
    return True, tuple(reasons) or ("it matches every ticket",)


def evaluate(
    rules: Iterable[RuleSpec], facts: TriageFacts, *, has_team: bool, has_assignee: bool
) -> TriageOutcome:
    """Applies the matching rules in order: first setter wins, priority and severity only rise."""
    decided: dict[str, Decision] = {}
    tags: list[Decision] = []
    assignment: Decision | None = None
    priority, severity = facts.priority, facts.severity
    team_decided = has_team
    for rule in rules:
        matched, because = conditions_met(rule.conditions, facts)
        if not matched:
            continue
        if rule.priority is not None and PRIORITY_RANK[rule.priority] > PRIORITY_RANK[priority]:
            priority = rule.priority
            decided["priority"] = Decision("priority", rule.priority, rule.id, rule.name, because)
        if rule.severity is not None and rule.severity < severity:  # 1 is the worst
            severity = rule.severity
            decided["severity"] = Decision("severity", rule.severity, rule.id, rule.name, because)
        if rule.category is not None and facts.category is None and "category" not in decided:
            decided["category"] = Decision("category", rule.category, rule.id, rule.name, because)
        if rule.team_id is not None and not team_decided:
            decided["team_id"] = Decision("team_id", rule.team_id, rule.id, rule.name, because)
            team_decided = True
        if rule.assignment and not has_assignee and assignment is None and team_decided:
            assignment = Decision("assignee_id", rule.assignment, rule.id, rule.name, because)
        for tag in rule.tags:
            if all(t.value != tag for t in tags):
                tags.append(Decision("tag", tag, rule.id, rule.name, because))
    ordered = tuple(
        decided[name] for name in ("priority", "severity", "category", "team_id") if name in decided
    )
    return TriageOutcome(ordered, assignment, tuple(tags))


def least_loaded(candidates: Sequence[int], loads: Mapping[int, int]) -> int | None:
    """The candidate with the fewest open tickets; ties go to the first in ``candidates``."""
    if not candidates:
        return None
    return min(candidates, key=lambda staff_id: (loads.get(staff_id, 0), candidates.index(staff_id)))


def round_robin(candidates: Sequence[int], last: int | None) -> int | None:
    """The candidate after ``last`` in id order, wrapping round (the first when none came before)."""
    ordered = sorted(candidates)
    if not ordered:
        return None
    if last is None:
        return ordered[0]
    return next((staff_id for staff_id in ordered if staff_id > last), ordered[0])
