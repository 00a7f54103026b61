"""The agent inbox page and the list partial HTMX refreshes every 15 seconds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from starlette.responses import Response

from calmdesk.api.deps import DbSession
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.staff.models import Team
from calmdesk.tickets.lifecycle import Priority, TicketStatus
from calmdesk.web import inbox, panels
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, console_user

router = APIRouter(include_in_schema=False)
Reader = Annotated[ConsoleSession, Depends(console_user(Permission.TICKETS_READ))]
LIST_TARGET = "ticket-list"
REFRESH_SECONDS = 15
URGENCY_HELP = (
    "Most urgent first. Each ticket scores points: SLA breached +4, at risk (in its warning window) +3, "
    "clock running +1; customer angry +2, upset +1 (the mood of their latest message); "
    "urgent priority +2, high +1. "
    "Equal scores: the soonest SLA deadline first, then priority, then the oldest ticket."
)


def _wants_list_only(request: Request) -> bool:
    # The filter form and the poll swap only the list; history restores need the whole page.
    return (
        request.headers.get("hx-request") == "true"
        and request.headers.get("hx-target") == LIST_TARGET
        and request.headers.get("hx-history-restore-request") != "true"
    )


@router.get("/inbox")
def inbox_page(request: Request, db: DbSession, session: Reader) -> Response:
    """My tickets and my teams', most urgent first, with filters and search."""
    criteria = inbox.InboxFilter.from_params(request.query_params)
    now = utcnow()
    page = inbox.load(db, criteria=criteria, staff_id=session.staff_id, now=now)
    context = {
        "criteria": criteria,
        "page": page,
        "signals": panels.inbox_signals(db, tickets=page.tickets, now=now),
        "urgency_help": URGENCY_HELP,
        "list_url": "/inbox" + (f"?{q}" if (q := criteria.query_string()) else ""),
        # Browser tests shorten the poll through app.state instead of waiting 15 s.
        "refresh_seconds": getattr(request.app.state, "inbox_refresh_seconds", REFRESH_SECONDS),
        "statuses": list(TicketStatus),
        "priorities": list(Priority),
        "teams": list(db.scalars(select(Team).order_by(Team.name))),
        "limit": inbox.INBOX_LIMIT,
    }
    name = "inbox/_list.html" if _wants_list_only(request) else "inbox/page.html"
    return render(request, name, context, session=session)
