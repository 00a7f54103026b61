"""Raising a ticket's priority from the tone of a new customer message (pure: no I/O).

Rules map a *trigger* to the lowest priority the ticket should then have. Triggers are
the analyser's signal kinds (``harm_threat``, ``legal_threat`` …), its flags
``is_abusive`` / ``is_angry``, and ``high_risk`` (escalation risk at or above a
threshold). Triage only ever raises: an agent's own choice of a higher priority stays,
and a calm message never lowers anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calmdesk.analysis import SIGNAL_KINDS, MessageReport
from calmdesk.tickets.lifecycle import PRIORITY_RANK

FLAG_TRIGGERS = ("is_abusive", "is_angry", "high_risk")
TRIGGERS = frozenset(SIGNAL_KINDS) | frozenset(FLAG_TRIGGERS)

DEFAULT_HIGH_RISK = 0.75  # the default table is calmdesk.config.Settings.tone_priority_rules


@dataclass(frozen=True)
class PriorityRaise:
    """A decision to raise priority, and the triggers that made it."""

    priority: str
    because: tuple[str, ...]


def check_rules(rules: Mapping[str, str]) -> dict[str, str]:
    """Validates a rule table: known triggers, known priorities."""
    unknown = sorted(set(rules) - TRIGGERS)
    if unknown:
        raise ValueError(f"unknown tone triggers {unknown}; use signal kinds or {', '.join(FLAG_TRIGGERS)}")
    bad = sorted(p for p in rules.values() if p not in PRIORITY_RANK)
    if bad:
        raise ValueError(f"unknown priorities {bad}; use one of {', '.join(PRIORITY_RANK)}")
    return dict(rules)


def triggers_of(report: MessageReport, *, high_risk: float) -> set[str]:
    """The triggers a message sets off."""
    found = {signal.kind for signal in report.signals}
    if report.is_abusive:
        found.add("is_abusive")
    if report.is_angry:
        found.add("is_angry")
    if report.escalation_risk >= high_risk:
        found.add("high_risk")
    return found


def priority_raise(
    report: MessageReport, *, current: str, rules: Mapping[str, str], high_risk: float = DEFAULT_HIGH_RISK
) -> PriorityRaise | None:
    """The priority a message calls for, when it is above the current one; else None."""
    fired = sorted(trigger for trigger in triggers_of(report, high_risk=high_risk) if trigger in rules)
    if not fired:
        return None
    wanted = max((rules[trigger] for trigger in fired), key=PRIORITY_RANK.__getitem__)
    if PRIORITY_RANK[wanted] <= PRIORITY_RANK[current]:
        return None
    because = tuple(trigger for trigger in fired if rules[trigger] == wanted)
    return PriorityRaise(priority=wanted, because=because)
