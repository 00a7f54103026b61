"""The ticket page's live parts: the reply coach on each pause in typing, and the SLA panel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from calmdesk.api.deps import DbSession
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.tickets import conversation
from calmdesk.tickets import service as ticket_service
from calmdesk.web import live_panels
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, SignedForm, console_user, signed_form
from calmdesk.web.ticket_view import THREAD_LIMIT

router = APIRouter(include_in_schema=False)
Reader = Annotated[ConsoleSession, Depends(console_user(Permission.TICKETS_READ))]
Writer = Annotated[SignedForm, Depends(signed_form(Permission.TICKETS_WRITE))]
MAX_DRAFT = 20_000  # characters coached; a longer draft is coached on its start


@router.post("/tickets/{reference}/coach")
def coach(request: Request, reference: str, db: DbSession, posted: Writer) -> Response:
    """The coach panel for the draft in the reply box (HTMX swaps it in as the agent types)."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    messages, _ = conversation.get_all(
        db, ticket=ticket, include_internal=False, cursor=None, limit=THREAD_LIMIT
    )
    box = live_panels.coach_box(messages=messages, draft=posted.text("body")[:MAX_DRAFT])
    return render(request, "panels/coach.html", {"coach": box, "ticket": ticket}, session=posted.session)


@router.get("/tickets/{reference}/sla-panel")
def sla_panel(request: Request, reference: str, db: DbSession, session: Reader) -> Response:
    """The SLA panel alone, for its periodic refresh."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    panel = live_panels.sla_panel(db, ticket=ticket, now=utcnow())
    return render(request, "panels/sla_clocks.html", {"sla": panel, "ticket": ticket}, session=session)
