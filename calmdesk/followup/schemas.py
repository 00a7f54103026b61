"""Follow-up requests and responses: cadences, callbacks, the queue, surveys."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, Field

from calmdesk.followup.cadence import MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, CadenceSource, DueKind
from calmdesk.schemas import InputModel, OutputModel
from calmdesk.tickets.schemas import PublicMessageRead


class CadenceSet(InputModel):
    """How often the customer must hear from us; null returns to the SLA policy's cadence."""

    interval_minutes: Annotated[int, Field(ge=MIN_INTERVAL_MINUTES, le=MAX_INTERVAL_MINUTES)] | None


class CadenceRead(OutputModel):
    """A ticket's progress-update cadence and when the next update is due."""

    ticket: str
    source: CadenceSource
    interval_minutes: int | None
    last_update_at: datetime | None
    next_due_at: datetime | None


class CallbackCreate(InputModel):
    """A promise to phone the customer at a chosen time."""

    due_at: AwareDatetime
    staff_id: int | None = Field(default=None, description="who phones; default: the ticket's assignee")
    note: str = Field(default="", max_length=300)


class CallbackRead(OutputModel):
    """A scheduled callback."""

    id: int
    ticket_id: int
    staff_id: int | None
    due_at: datetime
    note: str
    state: str
    created_at: datetime
    closed_at: datetime | None
    call_message_id: int | None


class LastToldRead(OutputModel):
    """The last public thing the customer heard from us."""

    at: datetime
    kind: str
    excerpt: str
    by: str | None


class QueueEntryRead(OutputModel):
    """Someone to phone or write to."""

    kind: DueKind
    due_at: datetime
    overdue: bool
    ticket: str
    subject: str
    status: str
    priority: str
    customer_name: str
    contact: str
    assignee_id: int | None
    assignee_name: str | None
    callback_id: int | None
    note: str
    last_told: LastToldRead | None


class CallbackQueue(OutputModel):
    """The callback queue up to a time."""

    due_before: datetime
    items: list[QueueEntryRead]


class SurveyRead(OutputModel):
    """A survey result for supervisors: the rating beside the mood the last contact ended on."""

    id: int
    ticket: str
    subject: str
    customer_name: str
    agent_id: int | None
    agent_name: str | None
    created_at: datetime
    expires_at: datetime
    answered_at: datetime | None
    rating: int | None
    comment: str | None
    mood_at_end: float | None
    mood: str
    reopened: bool


class SurveyAnswer(InputModel):
    """The customer's answer."""

    rating: Annotated[int, Field(ge=1, le=5)]
    comment: str | None = Field(default=None, max_length=4000)


class PublicSurvey(OutputModel):
    """What a survey link shows: the question and the ticket's public thread, nothing else."""

    reference: str
    subject: str
    status: str
    expires_at: datetime
    messages: list[PublicMessageRead]


class SurveyAnswered(OutputModel):
    """The answer was recorded."""

    rating: int
    reopened: bool
