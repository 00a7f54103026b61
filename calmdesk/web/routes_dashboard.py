"""The supervisor dashboard: what needs attention now, SLA compliance, mood shifts, root causes.

Charts are drawn by the vendored Chart.js from ``data-chart`` attributes (JSON the
template escapes); every chart has a table with the same numbers beside it, for screen
readers and for anyone who wants the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from calmdesk.api.deps import DbSession
from calmdesk.auth.permissions import Permission
from calmdesk.clock import utcnow
from calmdesk.errors import Forbidden
from calmdesk.insights import attention, mood, root_causes
from calmdesk.insights.attention import EscalationCount, RatingCount
from calmdesk.insights.mood import MoodShift
from calmdesk.insights.root_causes import RootCauseRow
from calmdesk.sla import report
from calmdesk.sla.schemas import ComplianceReport
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, current_session

router = APIRouter(include_in_schema=False)
RANGES = (7, 30, 90)
DEFAULT_DAYS = 30
ROOT_CAUSE_ROWS = 8


def _supervisor(session: Annotated[ConsoleSession, Depends(current_session)]) -> ConsoleSession:
    if not (session.can(Permission.SLA_REPORTS) or session.can(Permission.AUDIT_READ)):
        raise Forbidden("forbidden", "The dashboard is for supervisors, managers and admins.")
    return session


Supervisor = Annotated[ConsoleSession, Depends(_supervisor)]


def compliance_chart(compliance: ComplianceReport) -> dict[str, Any]:
    """A stacked bar chart of clock cycles met in time, breached and still running."""
    return {
        "type": "bar",
        "stacked": True,
        "labels": [row.key.replace("_", " ") for row in compliance.rows],
        "series": [
            {"label": "Met in time", "data": [row.met_in_time for row in compliance.rows], "color": "ok"},
            {"label": "Breached", "data": [row.breached for row in compliance.rows], "color": "bad"},
            {"label": "Running", "data": [row.running for row in compliance.rows], "color": "neutral"},
        ],
    }


def mood_chart(shifts: Sequence[MoodShift]) -> dict[str, Any]:
    """Grouped bars of the average mood at the start and end of contacts (-1..1)."""
    return {
        "type": "bar",
        "range": [-1, 1],
        "labels": [row.name for row in shifts],
        "series": [
            {"label": "Mood at start", "data": [row.start for row in shifts], "color": "neutral"},
            {"label": "Mood at end", "data": [row.end for row in shifts], "color": "accent"},
        ],
    }


def root_cause_chart(rows: Sequence[RootCauseRow]) -> dict[str, Any]:
    """Horizontal bars of the anger, escalation and breach rates (%) of each row."""
    return {
        "type": "bar",
        "horizontal": True,
        "range": [0, 100],
        "labels": [row.value for row in rows],
        "series": [
            {"label": "Anger %", "data": [row.rate(row.angry) for row in rows], "color": "warn"},
            {"label": "Escalation %", "data": [row.rate(row.escalated) for row in rows], "color": "accent"},
            {"label": "Breach %", "data": [row.rate(row.breached) for row in rows], "color": "bad"},
        ],
    }


def escalation_chart(counts: Sequence[EscalationCount]) -> dict[str, Any]:
    """Stacked bars of escalations per reason, one colour per kind (across, up)."""
    reasons = list(dict.fromkeys(row.reason for row in counts))
    kinds = sorted({row.kind for row in counts})
    colours = {"functional": "accent", "hierarchical": "warn"}
    by_key = {(row.kind, row.reason): row.count for row in counts}
    return {
        "type": "bar",
        "stacked": True,
        "labels": [reason.replace("_", " ") for reason in reasons],
        "series": [
            {
                "label": kind.capitalize(),
                "data": [by_key.get((kind, reason), 0) for reason in reasons],
                "color": colours.get(kind, "neutral"),
            }
            for kind in kinds
        ],
    }


def ratings_chart(ratings: Sequence[RatingCount]) -> dict[str, Any]:
    """Bars of how many answered surveys gave each score."""
    return {
        "type": "bar",
        "labels": [f"{row.score} of 5" for row in ratings],
        "series": [{"label": "Surveys answered", "data": [row.count for row in ratings], "color": "ok"}],
    }


@router.get("/dashboard")
def dashboard(request: Request, db: DbSession, session: Supervisor) -> Response:
    """Breaches and risks now, then the period's compliance, mood shifts and root causes."""
    asked = request.query_params.get("days", "")
    days = int(asked) if asked.isdigit() and int(asked) in RANGES else DEFAULT_DAYS
    now = utcnow()
    start, end = now - timedelta(days=days), now + timedelta(seconds=1)
    by_target = report.compliance(db, group_by="target", start=start, end=end, now=now)
    by_team = report.compliance(db, group_by="team", start=start, end=end, now=now)
    agents, teams = mood.by_agent_and_team(db, start=start, end=end)
    causes = root_causes.report(db, start=start, end=end, now=now)
    escalation_counts = attention.escalation_counts(db, start=start, end=end)
    ratings = attention.satisfaction_ratings(db, start=start, end=end)
    context = {
        "days": days,
        "ranges": RANGES,
        "alerts": attention.breaches_and_risks(db, now=now),
        "awaiting_ack": attention.escalations_awaiting_acknowledgement(db, now=now),
        "incidents": attention.open_incidents(db, now=now),
        "escalation_counts": escalation_counts,
        "callbacks": attention.callbacks_due(db, now=now),
        "ratings": ratings,
        "by_target": by_target,
        "by_team": by_team,
        "agents": agents,
        "teams": teams,
        "causes": {dimension: rows[:ROOT_CAUSE_ROWS] for dimension, rows in causes.items()},
        "charts": {
            "compliance_target": compliance_chart(by_target),
            "compliance_team": compliance_chart(by_team),
            "mood_agents": mood_chart(agents),
            "mood_teams": mood_chart(teams),
            "escalations": escalation_chart(escalation_counts),
            "ratings": ratings_chart(ratings),
            **{
                f"cause_{dimension}": root_cause_chart(rows[:ROOT_CAUSE_ROWS])
                for dimension, rows in causes.items()
            },
        },
    }
    return render(request, "dashboard/page.html", context, session=session)
