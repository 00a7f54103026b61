"""Incident requests and responses."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from calmdesk.customers.schemas import CustomerRef
from calmdesk.incidents import clustering
from calmdesk.incidents.models import Incident, IncidentTicket
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.staff.schemas import StaffRef

MAX_UPDATE = 20_000


class IncidentSummary(OutputModel):
    """An incident in a list."""

    id: int
    title: str
    status: Literal["proposed", "open", "dismissed", "resolved"]
    ticket_count: int = Field(description="tickets linked (suggestions not counted)")
    first_seen_at: datetime
    last_seen_at: datetime
    confirmed_at: datetime | None
    dismissed_at: datetime | None
    resolved_at: datetime | None


class IncidentTicketRead(OutputModel):
    """A ticket linked to, or suggested for, an incident."""

    reference: str
    id: int
    subject: str
    status: str
    customer: CustomerRef
    opened_at: datetime
    state: Literal["linked", "suggested"]
    similarity: float | None
    linked_at: datetime

    @classmethod
    def of(cls, link: IncidentTicket) -> IncidentTicketRead:
        """Builds the row from a link and its ticket."""
        ticket = link.ticket
        return cls(
            reference=ticket.reference,
            id=ticket.id,
            subject=ticket.subject,
            status=ticket.status,
            customer=CustomerRef.model_validate(ticket.customer),
            opened_at=ticket.created_at,
            state=link.state,
            similarity=link.similarity,
            linked_at=link.created_at,
        )


class IncidentRead(IncidentSummary):
    """One incident with its tickets, the suggestions waiting for an agent, and the update draft."""

    confirmed_by: StaffRef | None
    resolved_by: StaffRef | None
    dismiss_reason: str | None
    resolution_update: str | None
    tickets: list[IncidentTicketRead]
    suggested: list[IncidentTicketRead] = Field(description="matched since confirmation: link or ignore")
    draft_update: str = Field(description="a first draft of the update sent to every customer on resolution")

    @classmethod
    def of(cls, incident: Incident, links: list[IncidentTicket]) -> IncidentRead:
        """Builds the response from an incident and its links."""
        rows = [IncidentTicketRead.of(link) for link in links]
        summary = IncidentSummary.model_validate(incident).model_dump()
        return cls(
            **summary,
            confirmed_by=StaffRef.model_validate(incident.confirmed_by) if incident.confirmed_by else None,
            resolved_by=StaffRef.model_validate(incident.resolved_by) if incident.resolved_by else None,
            dismiss_reason=incident.dismiss_reason,
            resolution_update=incident.resolution_update,
            tickets=[row for row in rows if row.state == "linked"],
            suggested=[row for row in rows if row.state == "suggested"],
            draft_update=clustering.draft_update(incident.title),
        )


class IncidentConfirm(InputModel):
    """Confirming a proposed incident, optionally with a clearer title."""

    title: str | None = Field(default=None, min_length=1, max_length=300)


class IncidentDismiss(InputModel):
    """Dismissing an incident: why these tickets are not one problem."""

    reason: str | None = Field(default=None, max_length=500)


class IncidentLinkCreate(InputModel):
    """A ticket to link to an incident."""

    ticket: str = Field(min_length=1, max_length=40, description="a ticket reference, e.g. CD-1042")


class IncidentResolve(InputModel):
    """Resolving an incident: the one update every linked ticket's customer receives."""

    update: str = Field(min_length=1, max_length=MAX_UPDATE)
    ticket_status: Literal["resolved", "pending_customer"] = Field(
        default="resolved", description="where each linked ticket moves (if its lifecycle allows)"
    )


class TicketUpdated(OutputModel):
    """What resolution did to one linked ticket."""

    reference: str
    status_before: str
    status: str
    message_id: int | None = Field(description="the update posted; null when the ticket was closed")


class IncidentResolved(OutputModel):
    """The resolved incident and the update posted on each of its tickets."""

    incident: IncidentRead
    tickets: list[TicketUpdated]


class TicketIncidentSuggestion(OutputModel):
    """An active incident a ticket belongs to or resembles."""

    incident: IncidentSummary
    score: float
    state: Literal["linked", "suggested", "similar"]
