"""The abusive-contact path of a ticket, read from its conversation (pure: no I/O).

Seed 002: when a customer becomes abusive, set a clear, respectful boundary; if need
be, involve the supervisor. On the desk that is three steps:

1. the first abusive customer message: calmdesk offers the agent a boundary statement;
2. an agent's reply that sets the boundary (the reply coach no longer misses one);
3. another abusive message after that boundary: calmdesk offers a supervisor takeover,
   which reassigns the ticket to the supervisor with a handoff brief.

The stage is derived from the messages every time, so nothing can drift out of step
with the conversation; the service records each offer in the audit log as it happens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class AbuseStage(StrEnum):
    """Where a ticket is on the abusive-contact path."""

    NONE = "none"
    BOUNDARY_OFFERED = "boundary_offered"
    BOUNDARY_SET = "boundary_set"
    TAKEOVER_OFFERED = "takeover_offered"
    TAKEN_OVER = "taken_over"


@dataclass(frozen=True)
class Turn:
    """A public conversation entry as the path needs it."""

    message_id: int
    author: Literal["customer", "agent"]
    is_abusive: bool = False
    sets_boundary: bool = False


@dataclass(frozen=True)
class AbusePath:
    """The stage, and the messages that brought the ticket there."""

    stage: AbuseStage
    first_abuse_id: int | None = None
    boundary_message_id: int | None = None
    takeover_message_id: int | None = None


def abuse_path(turns: Sequence[Turn], *, taken_over: bool = False) -> AbusePath:
    """Walks the conversation (oldest first) through the path's stages."""
    first_abuse = boundary = takeover = None
    for turn in turns:
        if turn.author == "customer" and turn.is_abusive:
            if first_abuse is None:
                first_abuse = turn.message_id
            elif boundary is not None and takeover is None:
                takeover = turn.message_id
        elif turn.author == "agent" and turn.sets_boundary and first_abuse is not None and boundary is None:
            boundary = turn.message_id
    if takeover is not None:
        stage = AbuseStage.TAKEN_OVER if taken_over else AbuseStage.TAKEOVER_OFFERED
    elif boundary is not None:
        stage = AbuseStage.BOUNDARY_SET
    elif first_abuse is not None:
        stage = AbuseStage.BOUNDARY_OFFERED
    else:
        stage = AbuseStage.NONE
    return AbusePath(stage, first_abuse, boundary, takeover)
