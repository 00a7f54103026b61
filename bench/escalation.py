"""What escalation costs: drafting a brief, triaging a new ticket, and passing up unacknowledged escalations.

1. Brief drafting. Loads the demo desk into a throw-away SQLite file and times
   ``GET /api/v1/tickets/{ref}/brief`` (read the conversation and earlier tickets,
   extract offers, draft, suggest the team and its load, draft the notice) on each
   demo ticket that has an escalation; prints the median and the slowest.
2. Triage on ticket creation. Times ``POST /api/v1/tickets`` with no triage rule and
   with 20 active rules (one routing by least load), to show what the triage hook adds.
3. Re-escalation. Makes 1,000 escalations overdue and times one worker sweep that
   passes them all one rung up (claims, inserts, audit entries, notifications).

Run: ``.venv/bin/python bench/escalation.py`` (SQLite; ``--postgres`` to use the test server too).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("CALMDESK_ANALYSIS_MODE", "fast")

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from calmdesk import migrate
from calmdesk.app import create_app
from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.demo import loader
from calmdesk.escalation import jobs
from calmdesk.escalation.models import Escalation
from calmdesk.staff.models import Staff, Team


def _median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def run(url: str) -> None:
    """Runs the three measurements on the database at ``url`` (migrated and demo-loaded here)."""
    database = Database(url, pool_size=4)
    migrate.upgrade(database.engine)
    with database.unit_of_work() as db:
        loader.load(db)
        head = db.scalars(select(Staff).where(Staff.role == "head_of_operations")).one()
        token = auth_service.create_api_token(db, staff=head, name="bench", actor=SYSTEM).token
        admin = db.scalars(select(Staff).where(Staff.role == "admin")).first()
        assert admin is not None
        admin_token = auth_service.create_api_token(db, staff=admin, name="bench", actor=SYSTEM).token
        team_id = db.scalars(select(Team.id).order_by(Team.id)).first()
    settings = Settings(environment="test", database_url=url)
    client = TestClient(create_app(settings, database=database))
    headers = {"Authorization": f"Bearer {token}"}
    with database.session(read_only=True) as db:
        references = sorted({e.ticket_reference for e in db.scalars(select(Escalation)).unique()})
    samples: list[float] = []
    for reference in references:
        samples += _timed(partial(client.get, f"/api/v1/tickets/{reference}/brief", headers=headers), 5)
    print(f"brief draft, {len(references)} demo tickets x5: {_median_ms(samples)}")

    body = {"subject": "Where is my refund?", "customer_id": 1, "message": {"body": "Where is my refund?"}}

    def create() -> None:
        assert client.post("/api/v1/tickets", json=body, headers=headers).status_code == 201

    print(f"create ticket, no triage rule:  {_median_ms(_timed(create, 50))}")
    for n in range(20):
        rule = {
            "name": f"rule {n}",
            "position": n,
            "conditions": {"keywords": [f"word{n}"]},
            "priority": "high",
        }
        if n == 19:
            rule = {
                "name": "refunds",
                "position": 99,
                "conditions": {"keywords": ["refund"]},
                "team_id": team_id,
            }
        admin_headers = {"Authorization": f"Bearer {admin_token}"}
        assert client.post("/api/v1/triage/rules", json=rule, headers=admin_headers).status_code == 201
    print(f"create ticket, 20 triage rules: {_median_ms(_timed(create, 50))}")

    with database.unit_of_work() as db:
        template = db.scalars(select(Escalation).where(Escalation.to_staff_id.is_not(None))).unique().first()
        assert template is not None
        for _ in range(1000):
            overdue = Escalation(
                ticket_id=template.ticket_id,
                kind=template.kind,
                reason_code=template.reason_code,
                to_staff_id=template.to_staff_id,
                from_staff_id=template.from_staff_id,
                problem="p",
                problem_goals=["g"],
                people_goals=["g"],
                ack_due_at=utcnow() - timedelta(minutes=1),
            )
            db.add(overdue)
        db.execute(update(Escalation).where(Escalation.id == template.id).values(ack_due_at=None))
    started = time.perf_counter()
    passed = jobs.sweep(database, settings=settings, now=utcnow())
    print(f"re-escalation sweep: {passed} passed up in {time.perf_counter() - started:.2f} s")
    database.dispose()


def main() -> None:
    """Runs the benchmark on SQLite (and PostgreSQL with --postgres)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="also run on the PostgreSQL test server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite")
        run(f"sqlite:///{folder}/bench.db")
    if args.postgres:
        from bench.api_throughput import postgres_database

        with postgres_database() as url:
            print("PostgreSQL")
            run(url)


if __name__ == "__main__":
    main()
