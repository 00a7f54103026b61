"""Tone responses and the analysis endpoints' requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from calmdesk.schemas import InputModel, OutputModel

MAX_TEXT = 20_000


class MessageAnalysisRead(OutputModel):
    """What the tone analyser read in a stored customer message."""

    model_version: str
    anger: float
    abuse: float
    complaint: float
    escalation_risk: float
    mood: float
    is_angry: bool
    is_abusive: bool
    is_complaint: bool
    signals: list[dict[str, Any]]
    analysed_at: datetime


class AnalyseMessageRequest(InputModel):
    """A customer message to read."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    fast: bool = Field(default=False, description="lexicon-only: much faster, less accurate")


class TurnIn(InputModel):
    """One earlier turn of the conversation."""

    author: Literal["customer", "agent"]
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class CoachRequest(InputModel):
    """An agent's draft, with the conversation it answers (given, or read from a ticket)."""

    draft: str = Field(min_length=1, max_length=MAX_TEXT)
    conversation: list[TurnIn] = Field(default_factory=list, max_length=200)
    ticket: str | None = Field(
        default=None, description="a ticket reference: coach against its public thread"
    )
