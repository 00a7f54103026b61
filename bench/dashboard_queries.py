"""How long the console's read-heavy views take on the demo desk (SQLite, or PostgreSQL by URL).

    .venv/bin/python bench/dashboard_queries.py [--url postgresql+psycopg://…/empty_db]

Loads the Harbourline demo (115 tickets) into an empty database, then prints the
median and worst of 7 runs for each piece the supervisor dashboard, the inbox and the
ticket page compute: breaches now, SLA compliance, mood shifts, root causes, inbox
urgency order with its signals, the attention lists (escalations awaiting acknowledgement,
escalation counts, open incidents, callbacks due, ratings), and one ticket page's panels.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from calmdesk import migrate  # noqa: E402
from calmdesk.clock import utcnow  # noqa: E402
from calmdesk.db import Database  # noqa: E402
from calmdesk.demo import loader  # noqa: E402
from calmdesk.insights import attention, mood, root_causes  # noqa: E402
from calmdesk.kb.suggestions import panel_experts  # noqa: E402
from calmdesk.sla import report  # noqa: E402
from calmdesk.staff.models import Staff  # noqa: E402
from calmdesk.tickets import conversation  # noqa: E402
from calmdesk.tickets.models import Ticket  # noqa: E402
from calmdesk.web import inbox, panels  # noqa: E402


def timed(name: str, work: Callable[[], object], runs: int = 7) -> None:
    """Prints the median and worst wall time of ``runs`` calls."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    print(f"| {name} | {statistics.median(seconds) * 1000:.1f} | {max(seconds) * 1000:.1f} |")


def main() -> None:
    """Loads the demo and times each view."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    database = Database(url, pool_size=2)
    migrate.upgrade(database.engine)
    with database.unit_of_work() as db:
        loader.load(db)
    now = utcnow()
    start, end = now - timedelta(days=90), now + timedelta(seconds=1)
    with database.session(read_only=True) as db:
        tickets = db.scalar(select(func.count()).select_from(Ticket))
        staff_id = db.scalars(select(Staff.id).where(Staff.role == "agent")).first()
        assert staff_id is not None
        busiest = db.scalars(select(Ticket).order_by(Ticket.id.desc())).first()
        assert busiest is not None
        print(f"{database.dialect}, {tickets} tickets (the demo desk)\n")
        print("| view | median ms | worst ms |\n| --- | --- | --- |")
        timed("breaches and risks now", lambda: attention.breaches_and_risks(db, now=now))
        timed(
            "SLA compliance by team",
            lambda: report.compliance(db, group_by="team", start=start, end=end, now=now),
        )
        timed("mood shift per agent and team", lambda: mood.by_agent_and_team(db, start=start, end=end))
        timed("root causes (4 dimensions)", lambda: root_causes.report(db, start=start, end=end, now=now))
        timed(
            "escalations awaiting acknowledgement",
            lambda: attention.escalations_awaiting_acknowledgement(db, now=now),
        )
        timed(
            "escalation counts by kind and reason",
            lambda: attention.escalation_counts(db, start=start, end=end),
        )
        timed("open incidents", lambda: attention.open_incidents(db, now=now))
        timed("callbacks due (desk-wide queue)", lambda: attention.callbacks_due(db, now=now))
        timed("satisfaction ratings", lambda: attention.satisfaction_ratings(db, start=start, end=end))
        criteria = inbox.InboxFilter(scope="all", status="all")

        def inbox_page() -> None:
            page = inbox.load(db, criteria=criteria, staff_id=staff_id, now=now)
            panels.inbox_signals(db, tickets=page.tickets, now=now)

        timed("inbox: 100 most urgent + signals", inbox_page)

        def ticket_page() -> None:
            messages, _ = conversation.get_all(
                db, ticket=busiest, include_internal=True, cursor=None, limit=500
            )
            panels.ticket_panels(db, ticket=busiest, messages=messages)

        timed("ticket page panels (tone, SLA, playbook, follow-ups, articles, experts)", ticket_page)
        timed("  of which: subject-matter experts", lambda: panel_experts(db, ticket=busiest, articles=[]))
    database.dispose()


if __name__ == "__main__":
    main()
