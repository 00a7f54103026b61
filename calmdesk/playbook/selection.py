"""Choosing the playbook's techniques for a situation: pure, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from calmdesk.playbook.techniques import TECHNIQUES, Condition, Setting, Technique

# Signal kinds of the tone analyser that make a condition hold.
SIGNAL_CONDITIONS: dict[str, Condition] = {
    "repeated_contact": "repeated_contact",
    "manager_demand": "manager_demand",
    "legal_threat": "legal_or_regulator",
    "regulator": "legal_or_regulator",
    "cancel_or_switch": "cancel_or_switch",
    "insult": "abusive",
    "harm_threat": "abusive",
}
# Channels spoken aloud; everything else is written. Field visits are decided by the caller.
SPOKEN_CHANNELS = {"phone": "phone"}
MAX_SHOWN = 10


@dataclass(frozen=True)
class Situation:
    """What the agent faces: the setting and what the customer's last message showed."""

    setting: Setting
    upset: bool = False
    abusive: bool = False
    signals: frozenset[str] = frozenset()

    @property
    def conditions(self) -> frozenset[Condition]:
        """The conditions that hold in this situation ("always" always does)."""
        found: set[Condition] = {"always"}
        if self.upset or self.abusive:
            found.add("upset")
        if self.abusive:
            found.add("abusive")
        found |= {SIGNAL_CONDITIONS[s] for s in self.signals if s in SIGNAL_CONDITIONS}
        return frozenset(found)


@dataclass(frozen=True)
class Chosen:
    """A technique and why it is shown."""

    technique: Technique
    because: tuple[Condition, ...]


def setting_for(*, channel: str, field_visit: bool) -> Setting:
    """The setting of a contact: face to face on a field visit, else by its channel."""
    if field_visit:
        return "face_to_face"
    return "phone" if channel in SPOKEN_CHANNELS else "written"


def choose(situation: Situation, techniques: Iterable[Technique] = TECHNIQUES) -> list[Chosen]:
    """The techniques for a situation: those its conditions call for first, then the basics.

    Within each group the playbook's own order is kept (it runs from self-control to
    closing the conversation); at most ``MAX_SHOWN`` are returned.
    """
    holding = situation.conditions
    specific: list[Chosen] = []
    basics: list[Chosen] = []
    for technique in techniques:
        if situation.setting not in technique.settings:
            continue
        because = tuple(sorted((technique.when & holding) - {"always"}))
        if because:
            specific.append(Chosen(technique, because))
        elif "always" in technique.when:
            basics.append(Chosen(technique, ()))
    return (specific + basics)[:MAX_SHOWN]
