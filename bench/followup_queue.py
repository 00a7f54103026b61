"""Callback-queue read time against a large desk, on PostgreSQL.

Fills a throw-away PostgreSQL database with open tickets spread over 200 agents
(set-based ``INSERT … SELECT generate_series``): each ticket has one public agent reply,
half an agent-set cadence and half a running SLA periodic-update clock, with due times
spread over 30 days; one ticket in five has a promised callback. Then times the queue
the console and ``GET /api/v1/callbacks`` read: one agent's next 12 hours, and
everyone's (the first 200 lines). Prints the median and p95 of 30 reads per size.

Run: ``.venv/bin/python bench/followup_queue.py`` (``--sizes 10000`` for a quick run).
PostgreSQL comes from CALMDESK_TEST_POSTGRES_URL (default: the local server).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api_throughput import postgres_database
from calmdesk import migrate
from calmdesk.clock import utcnow
from calmdesk.db import Database
from calmdesk.followup import queue

AGENTS = 200
READS = 30
STAMP = "now(), now(), 1"


def configure(database: Database) -> tuple[int, int]:
    """Agents and one customer; returns the first agent's id and the customer's."""
    with database.engine.begin() as sql:
        sql.execute(
            text(
                "INSERT INTO staff (name, email, role, is_active, created_at, updated_at, version) "
                f"SELECT 'Agent ' || g, 'agent' || g || '@bench.example.com', 'agent', true, {STAMP} "
                "FROM generate_series(1, :n) g"
            ),
            {"n": AGENTS},
        )
        first_agent = int(sql.execute(text("SELECT min(id) FROM staff")).scalar_one())
        customer = int(
            sql.execute(
                text(
                    "INSERT INTO customers (name, email, phone, tier, timezone, notes, "
                    "created_at, updated_at, version) VALUES ('Chris', 'chris@example.com', "
                    f"'+44 1632 960000', 'standard', 'UTC', '', {STAMP}) RETURNING id"
                )
            ).scalar_one()
        )
    return first_agent, customer


def grow(database: Database, *, first_agent: int, customer: int, have: int, to: int) -> None:
    """Adds open tickets ``have+1 … to`` with a reply, a cadence or a clock, and some callbacks."""
    params = {"f": have + 1, "l": to, "a": first_agent, "n": AGENTS, "c": customer}
    spread = "now() - interval '1 day' + random() * interval '30 days'"
    series = "FROM generate_series(CAST(:f AS integer), CAST(:l AS integer)) g"
    statements = (
        "INSERT INTO tickets (id, subject, status, priority, severity, channel, customer_id, "
        "assignee_id, version, created_at, updated_at) SELECT g, 'Bench ticket ' || g, 'open', "
        f"'normal', 3, 'email', :c, :a + (g % :n), 1, now() - interval '2 days', now() {series}",
        "INSERT INTO messages (ticket_id, kind, author_kind, author_staff_id, channel, is_internal, "
        "body_text, created_at) SELECT g, 'reply', 'agent', :a + (g % :n), 'email', false, "
        "'We have ordered the part for ticket ' || g || ' and will update you when it ships.', "
        f"now() - interval '1 day' {series}",
        "INSERT INTO followup_cadences (ticket_id, interval_minutes, set_at, last_update_at, "
        f"next_due_at) SELECT g, 240, now(), now() - interval '1 day', {spread} {series} WHERE g % 2 = 0",
        "INSERT INTO ticket_sla_clocks (ticket_id, kind, cycle, state, target_seconds, "
        "used_microseconds, started_at, running_since, due_at) SELECT g, 'periodic_update', 1, "
        f"'running', 14400, 0, now(), now(), {spread} {series} WHERE g % 2 = 1",
        "INSERT INTO followup_callbacks (ticket_id, due_at, note, state, created_at) "
        f"SELECT g, {spread}, 'call back', 'open', now() {series} WHERE g % 5 = 0",
    )
    with database.engine.begin() as sql:
        for statement in statements:
            sql.execute(text(statement), params)
        sql.execute(text("ANALYZE"))


def timed(database: Database, *, assignee_id: int | None) -> tuple[float, float, int]:
    """Median and p95 milliseconds of the queue read, and how many lines it returned."""
    samples: list[float] = []
    lines = 0
    for _ in range(READS):
        with database.session(read_only=True) as db:
            now = utcnow()
            started = time.perf_counter()
            entries = queue.load(db, assignee_id=assignee_id, due_before=now + timedelta(hours=12), now=now)
            samples.append((time.perf_counter() - started) * 1000)
            lines = len(entries)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], lines


def main() -> None:
    """Runs the benchmark and prints a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    with postgres_database() as url:
        database = Database(url, pool_size=2)
        migrate.upgrade(database.engine)
        first_agent, customer = configure(database)
        have = 0
        print(f"{'open tickets':>12}  {'queue':<22} {'lines':>5}  {'median ms':>9}  {'p95 ms':>7}")
        for size in sorted(args.sizes):
            grow(database, first_agent=first_agent, customer=customer, have=have, to=size)
            have = size
            for label, assignee in (("one agent, 12 h", first_agent), ("everyone, 12 h (200)", None)):
                median, p95, lines = timed(database, assignee_id=assignee)
                print(f"{size:>12}  {label:<22} {lines:>5}  {median:>9.1f}  {p95:>7.1f}")
        database.dispose()


if __name__ == "__main__":
    main()
