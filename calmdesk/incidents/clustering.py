"""Where a new ticket belongs among recent similar ones, and the words an incident starts with (pure).

A ticket joins the incident its closest similar tickets are already part of: linked
straight away while the incident is only proposed (the count a supervisor sees rises),
offered to agents as a suggestion once the incident is confirmed, and quietly kept
with a dismissed one so the same fault is not proposed again and again. Failing that,
when enough *different* customers wrote about the same thing, a new incident is proposed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from calmdesk.incidents import textvec

# Cosine similarity at which two tickets count as the same problem, per vector model, from
# bench/incidents.py's sweep and the demo's hand-written outage reports (MiniLM puts
# those at 0.4-0.7 to each other: a higher bar would miss real incidents told freely).
EMBEDDING_THRESHOLD = 0.60
TFIDF_THRESHOLD = 0.45
MIN_CUSTOMERS = 3  # distinct customers, the new one included, before an incident is proposed
# An incident is a burst: similar tickets in the window must be this many times what the
# background rate (such tickets in the days before) would bring anyway.
BURST_RATIO = 3.0
# The supervisors hear again when a proposed incident's count reaches one of these.
COUNT_MILESTONES = (5, 10, 25, 50, 100, 250, 500, 1000)


class IncidentStatus(StrEnum):
    """Where an incident is in its life: proposed → open (confirmed) → resolved, or dismissed."""

    PROPOSED = "proposed"
    OPEN = "open"
    DISMISSED = "dismissed"
    RESOLVED = "resolved"


ACTIVE = frozenset({IncidentStatus.PROPOSED, IncidentStatus.OPEN})


class LinkState(StrEnum):
    """How a ticket stands to an incident."""

    LINKED = "linked"
    SUGGESTED = "suggested"  # matched after confirmation: an agent decides


class Action(StrEnum):
    """What to do with a newly placed ticket."""

    NONE = "none"
    JOIN = "join"  # link to a proposed incident; its count rises
    SUGGEST = "suggest"  # offer to agents for linking to an open incident
    ABSORB = "absorb"  # keep with a dismissed incident, silently
    PROPOSE = "propose"  # a new incident with this ticket and its neighbours


@dataclass(frozen=True)
class Neighbour:
    """A recent ticket similar to the new one, with the incident it is linked to, if any."""

    ticket_id: int
    customer_id: int
    score: float
    incident_id: int | None = None
    incident_status: str | None = None


@dataclass(frozen=True)
class Placement:
    """The decision for one new ticket."""

    action: Action
    incident_id: int | None = None
    ticket_ids: tuple[int, ...] = ()  # for PROPOSE: the neighbours to link beside the new ticket
    score: float = 0.0


_BY_STATUS = {
    IncidentStatus.PROPOSED: Action.JOIN,
    IncidentStatus.OPEN: Action.SUGGEST,
    IncidentStatus.DISMISSED: Action.ABSORB,
}


def threshold_for(model: str) -> float:
    """The similarity at which two tickets of this vector model describe the same problem."""
    return TFIDF_THRESHOLD if model == textvec.TFIDF_MODEL else EMBEDDING_THRESHOLD


def expected_in_window(background: int, *, window_hours: float, background_hours: float) -> float:
    """How many similar tickets the background rate brings in one window."""
    span = background_hours - window_hours
    return background * window_hours / span if span > 0 else 0.0


def place(
    *,
    customer_id: int,
    neighbours: Sequence[Neighbour],
    min_customers: int = MIN_CUSTOMERS,
    expected: float = 0.0,
) -> Placement:
    """Decides where a new ticket from ``customer_id`` goes, given its similar recent tickets.

    ``expected`` is how many similar tickets would arrive in the window anyway (from
    ``expected_in_window``): a common request that many customers make every day is no
    incident, however alike the tickets read.
    """
    others = [n for n in neighbours if n.customer_id != customer_id]
    in_incidents = [n for n in others if n.incident_id is not None and n.incident_status in _BY_STATUS]
    if in_incidents:
        best = max(in_incidents, key=lambda n: n.score)
        status = IncidentStatus(str(best.incident_status))
        return Placement(_BY_STATUS[status], best.incident_id, (), best.score)
    free = [n for n in others if n.incident_id is None]
    customers = {n.customer_id for n in free}
    burst = len(free) + 1 >= BURST_RATIO * (expected + 1.0)
    if free and len(customers) + 1 >= min_customers and burst:
        ordered = sorted(free, key=lambda n: -n.score)
        return Placement(Action.PROPOSE, None, tuple(n.ticket_id for n in ordered), ordered[0].score)
    return Placement(Action.NONE)


def draft_title(subjects: Sequence[str]) -> str:
    """The subject that shares the most words with the others: the fault in one customer's words."""
    if not subjects:
        return "Possible incident"
    bags = [set(textvec.terms(subject)) for subject in subjects]

    def shared(index: int) -> tuple[int, int]:
        overlap = sum(len(bags[index] & bag) for other, bag in enumerate(bags) if other != index)
        return overlap, -len(subjects[index])

    best = max(range(len(subjects)), key=shared)
    return subjects[best].strip()[:300] or "Possible incident"


def draft_update(title: str) -> str:
    """A first draft of the update every linked ticket's customer receives on resolution."""
    return (
        "Hello,\n\n"
        f"We're writing about your request. The problem behind it ({title}) affected a number "
        "of our customers, and our engineers have now fixed it. We're sorry for the "
        "inconvenience and thank you for your patience while we worked on it.\n\n"
        "Everything should work normally again. Could you try once more and let us know "
        "whether it now works for you?"
    )


def reached_milestone(before: int, after: int) -> int | None:
    """The count milestone crossed going from ``before`` to ``after`` linked tickets, if any."""
    crossed = [m for m in COUNT_MILESTONES if before < m <= after]
    return crossed[-1] if crossed else None
