"""A ticket's SLA clocks, acknowledging a breach, and the compliance report."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from calmdesk.api.deps import DbSession, StaffContext, require
from calmdesk.auth.permissions import Permission
from calmdesk.clock import ensure_utc, utcnow
from calmdesk.errors import InvalidRequest
from calmdesk.sla import report as sla_report
from calmdesk.sla import ticket_sla
from calmdesk.sla.clock import ClockKind
from calmdesk.sla.schemas import ComplianceReport, SlaEventRead, TicketSlaRead
from calmdesk.tickets import service as ticket_service

router = APIRouter(tags=["sla"])
Reader = Annotated[StaffContext, Depends(require(Permission.SLA_READ))]
Writer = Annotated[StaffContext, Depends(require(Permission.TICKETS_WRITE))]
Reporter = Annotated[StaffContext, Depends(require(Permission.SLA_REPORTS))]


@router.get("/tickets/{reference}/sla", response_model=TicketSlaRead)
def read_ticket_sla(reference: str, db: DbSession, _staff: Reader) -> TicketSlaRead:
    """Shows each SLA clock of a ticket: due at, remaining, paused, met or breached and by how much."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    return ticket_sla.read(db, ticket=ticket, now=utcnow())


@router.post(
    "/tickets/{reference}/sla/{clock_kind}/acknowledge", response_model=SlaEventRead, status_code=201
)
def acknowledge_breach(reference: str, clock_kind: ClockKind, db: DbSession, staff: Writer) -> SlaEventRead:
    """Acknowledges a clock's breach: the escalation stops climbing, and who did it is recorded."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    event = ticket_sla.acknowledge(db, ticket=ticket, kind=clock_kind, actor=staff.actor, now=utcnow())
    db.flush()
    result = SlaEventRead.model_validate(event)
    db.commit()
    return result


@router.get("/sla/report", response_model=ComplianceReport)
def compliance_report(
    db: DbSession,
    _staff: Reporter,
    start: Annotated[datetime, Query(description="clock cycles started at or after (ISO 8601 with zone)")],
    end: Annotated[datetime, Query(description="... and before this instant")],
    group_by: Annotated[sla_report.GroupBy, Query()] = "target",
) -> ComplianceReport:
    """SLA compliance per target, team or agent: met in time, breached, still running."""
    return sla_report.compliance(db, group_by=group_by, start=_aware(start), end=_aware(end), now=utcnow())


def _aware(moment: datetime) -> datetime:
    try:
        return ensure_utc(moment)
    except ValueError:
        raise InvalidRequest(
            "naive_datetime", "give start and end with a time zone, e.g. 2024-11-01T00:00Z"
        ) from None
