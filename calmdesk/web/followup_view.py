"""The ticket page's follow-up panel: how often the customer hears from us, and callbacks promised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from calmdesk.followup import service
from calmdesk.followup.cadence import CadenceSource, is_overdue
from calmdesk.followup.models import Callback, CallbackState
from calmdesk.followup.service import CadenceView
from calmdesk.tickets.models import Ticket


@dataclass(frozen=True)
class PanelCallback:
    """A callback still owed, as the panel lists it."""

    due_at: datetime
    note: str
    who: str | None  # None: whoever the ticket is assigned to
    overdue: bool


@dataclass(frozen=True)
class FollowupPanel:
    """The ticket's update cadence and its open callbacks."""

    cadence: CadenceView
    update_overdue: bool
    callbacks: list[PanelCallback]

    @property
    def cadence_text(self) -> str:
        """The cadence in a sentence: who set it and how often."""
        minutes = self.cadence.interval_minutes
        if self.cadence.source == CadenceSource.NONE or minutes is None:
            return "No update cadence: set one if the customer is waiting on us."
        every = f"{minutes // 60} h" if minutes % 60 == 0 else f"{minutes} min"
        if self.cadence.source == CadenceSource.AGENT:
            return f"An update every {every}, chosen by an agent."
        return f"An update every {every} of business time, from the SLA policy."


def _panel_callback(callback: Callback, now: datetime) -> PanelCallback:
    who = callback.staff.name if callback.staff is not None else None
    return PanelCallback(callback.due_at, callback.note, who, is_overdue(callback.due_at, now))


def followup_panel(db: Session, *, ticket: Ticket, now: datetime) -> FollowupPanel:
    """The cadence (agent's or SLA policy's) and the open callbacks of ``ticket``, soonest first."""
    cadence = service.get_cadence(db, ticket=ticket)
    owed = [c for c in service.get_callbacks(db, ticket=ticket) if c.state == CallbackState.OPEN]
    due = cadence.next_due_at
    return FollowupPanel(
        cadence=cadence,
        update_overdue=due is not None and is_overdue(due, now),
        callbacks=[_panel_callback(c, now) for c in owed],
    )
