"""Which SLA policy a ticket falls under (pure: no I/O).

Policies are tried in order of ``position`` (then id); the first whose conditions
all hold wins. A condition is a list of accepted values for one ticket fact; a
missing or empty list accepts anything. When none matches, the default policy
applies, if there is one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Condition key -> the ticket fact it tests.
CONDITION_FACTS: Mapping[str, str] = {
    "priorities": "priority",
    "tiers": "tier",
    "channels": "channel",
    "categories": "category",
    "team_ids": "team_id",
}


@dataclass(frozen=True)
class TicketFacts:
    """What policy conditions can test about a ticket."""

    priority: str
    tier: str
    channel: str
    category: str | None
    team_id: int | None


@dataclass(frozen=True)
class PolicyRule:
    """A policy as the matcher sees it."""

    policy_id: int
    position: int
    conditions: Mapping[str, Sequence[Any]]
    is_default: bool = False


def matches(conditions: Mapping[str, Sequence[Any]], facts: TicketFacts) -> bool:
    """Tells whether every stated condition accepts the ticket's facts."""
    for key, accepted in conditions.items():
        if key not in CONDITION_FACTS:
            raise ValueError(f"unknown policy condition {key!r}")
        if accepted and getattr(facts, CONDITION_FACTS[key]) not in accepted:
            return False
    return True


def choose_policy(rules: Iterable[PolicyRule], facts: TicketFacts) -> int | None:
    """Returns the id of the policy that applies to a ticket with ``facts``, or None."""
    ordered = sorted(rules, key=lambda rule: (rule.position, rule.policy_id))
    for rule in ordered:
        if not rule.is_default and matches(rule.conditions, facts):
            return rule.policy_id
    return next((rule.policy_id for rule in ordered if rule.is_default), None)
