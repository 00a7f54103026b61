"""The analyser and the reply coach over HTTP, for any staff tool."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from calmdesk import analysis
from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.auth.permissions import Permission
from calmdesk.errors import InvalidRequest
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.models import AuthorKind
from calmdesk.tone.schemas import AnalyseMessageRequest, CoachRequest

router = APIRouter(prefix="/analysis", tags=["analysis"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
THREAD_LIMIT = 200


@router.post("/message")
def analyse_message(request: AnalyseMessageRequest, _staff: Reader) -> dict[str, Any]:
    """Reads a customer message: scores, mood, flags, and signals with their evidence."""
    return analysis.analyze_message(request.text, fast=request.fast).to_dict()


@router.post("/reply")
def coach_reply(request: CoachRequest, db: DbSession, _staff: Reader) -> dict[str, Any]:
    """Coaches a draft reply: findings with spans, what is missing, and wording to insert."""
    if request.ticket is not None and request.conversation:
        raise InvalidRequest("ambiguous_conversation", "give either conversation or ticket, not both")
    turns = [analysis.Turn(author=turn.author, text=turn.text) for turn in request.conversation]
    if request.ticket is not None:
        ticket = ticket_service.get_by_reference_or_raise(db, reference=request.ticket)
        messages, _ = conversation.get_all(
            db, ticket=ticket, include_internal=False, cursor=None, limit=THREAD_LIMIT
        )
        turns = [
            analysis.Turn(
                author="customer" if m.author_kind == AuthorKind.CUSTOMER else "agent", text=m.body_text
            )
            for m in messages
            if m.author_kind != AuthorKind.SYSTEM
        ]
    last_customer = next((t.text for t in reversed(turns) if t.author == "customer"), None)
    report = analysis.analyze_message(last_customer) if last_customer else None
    return analysis.coach_reply(request.draft, conversation=turns, customer_report=report).to_dict()
