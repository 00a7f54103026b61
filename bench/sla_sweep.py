"""SLA sweep cost and breach-to-delivery latency on PostgreSQL.

1. Sweep cost. Fills a throw-away PostgreSQL database with 10k, 100k and 1M open
   tickets (set-based ``INSERT … SELECT generate_series``; two running clocks each,
   next checks spread over 30 days), makes 1,000 of them due (breached), and times
   one sweep that claims them, fires breach and level 1 for each and queues their
   notifications (4,000 outbox rows). Several sweeps per size, a fresh 1,000 each
   time; the table shows the median, and an empty sweep (nothing due) beside it.
   Target: <= 1 s at 1M and a 1M/10k ratio <= 2.
2. Breach-to-delivery latency. With the largest size loaded, starts a real
   ``calmdesk worker`` (default poll interval) and a webhook receiver on loopback,
   lets 1,000 clocks breach (spread over 10 s, then all at one instant) and measures
   from each breach instant to the signed webhook's arrival. Target: p99 <= 5 s.

Run: ``.venv/bin/python bench/sla_sweep.py`` (``--sizes 10000 100000`` for a quick run).
PostgreSQL comes from CALMDESK_TEST_POSTGRES_URL (default: the local server).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api_throughput import postgres_database
from calmdesk import migrate
from calmdesk.config import Settings
from calmdesk.db import Database
from calmdesk.sla import jobs as sla_jobs

DUE = 1000
ALWAYS = {
    "time_zone": "UTC",
    "weekly": {d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
}


def configure(database: Database, webhook_url: str) -> dict[str, int]:
    """Staff, a customer, a 24/7 calendar, a two-level chain, a default policy, a webhook endpoint."""
    with database.engine.begin() as sql:

        def one(statement: str, **params: Any) -> int:
            return int(sql.execute(text(statement + " RETURNING id"), params).scalar_one())

        stamp = "now(), now(), 1"
        manager = one(
            f"INSERT INTO staff (name, email, role, is_active, created_at, updated_at, version) "
            f"VALUES ('Mina', 'mina@bench.example.com', 'manager', true, {stamp})"
        )
        supervisor = one(
            f"INSERT INTO staff (name, email, role, is_active, reports_to_id, created_at, updated_at, "
            f"version) VALUES ('Sam', 'sam@bench.example.com', 'supervisor', true, :m, {stamp})",
            m=manager,
        )
        agent = one(
            f"INSERT INTO staff (name, email, role, is_active, reports_to_id, created_at, updated_at, "
            f"version) VALUES ('Ada', 'ada@bench.example.com', 'agent', true, :s, {stamp})",
            s=supervisor,
        )
        customer = one(
            f"INSERT INTO customers (name, email, tier, timezone, notes, created_at, updated_at, version) "
            f"VALUES ('Chris', 'chris@example.com', 'standard', 'UTC', '', {stamp})"
        )
        calendar = one(
            f"INSERT INTO sla_calendars (name, definition, created_at, updated_at, version) "
            f"VALUES ('Always', :d, {stamp})",
            d=json.dumps(ALWAYS),
        )
        chain = one(
            f"INSERT INTO escalation_chains (name, created_at, updated_at, version) VALUES ('Leads', {stamp})"
        )
        sql.execute(
            text(
                "INSERT INTO escalation_levels (chain_id, level, role, delay_minutes, channels) VALUES "
                "(:c, 1, 'supervisor', 0, '[\"in_app\", \"webhook\"]'), "
                "(:c, 2, 'manager', 30, '[\"in_app\"]')"
            ),
            {"c": chain},
        )
        policy = one(
            f"INSERT INTO sla_policies (name, position, is_default, is_active, conditions, calendar_id, "
            f"escalation_chain_id, created_at, updated_at, version) "
            f"VALUES ('Standard', 100, true, true, '{{}}', :cal, :chain, {stamp})",
            cal=calendar,
            chain=chain,
        )
        sql.execute(
            text(
                "INSERT INTO sla_targets (policy_id, kind, minutes, warn_percent) VALUES "
                "(:p, 'first_response', 60, 75), (:p, 'resolution', 480, 75)"
            ),
            {"p": policy},
        )
        one(
            f"INSERT INTO webhook_endpoints (name, url, secret, body_format, topics, is_active, created_at, "
            f"updated_at, version) VALUES ('bench', :u, :s, 'json', "
            f'\'["sla.breached", "sla.escalated"]\', true, {stamp})',
            u=webhook_url,
            s="b" * 32,
        )
    return {"agent": agent, "customer": customer, "policy": policy}


def grow(database: Database, ids: dict[str, int], *, to: int) -> None:
    """Adds open tickets, each with running first-response and resolution clocks, up to ``to``."""
    with database.engine.begin() as sql:
        have = int(sql.execute(text("SELECT count(*) FROM tickets")).scalar_one())
        if have >= to:
            return
        first, last = have + 1, to
        sql.execute(
            text(
                "INSERT INTO tickets (subject, status, priority, severity, channel, customer_id, "
                "assignee_id, version, created_at, updated_at) "
                "SELECT 'Bench ticket ' || g, 'open', 'normal', 3, 'email', "
                ":c, :a, 1, now(), now() FROM generate_series(CAST(:f AS integer), CAST(:l AS integer)) g"
            ),
            {"c": ids["customer"], "a": ids["agent"], "f": first, "l": last},
        )
        # Next checks spread over the coming 30 days: open tickets that are not due.
        sql.execute(
            text(
                "INSERT INTO ticket_sla (ticket_id, policy_id, next_check_at, check_failures) "
                "SELECT id, :p, now() + interval '1 hour' + random() * interval '30 days', 0 "
                "FROM tickets WHERE id BETWEEN :f AND :l"
            ),
            {"p": ids["policy"], "f": first, "l": last},
        )
        sql.execute(
            text(
                "INSERT INTO ticket_sla_clocks (ticket_id, kind, cycle, state, target_seconds, "
                "used_microseconds, started_at, running_since, due_at, warning_at) "
                "SELECT s.ticket_id, k.kind, 1, 'running', k.seconds, 0, now(), now(), "
                "s.next_check_at + interval '15 minutes', s.next_check_at "
                "FROM ticket_sla s CROSS JOIN (VALUES ('first_response', 3600), ('resolution', 28800)) "
                "AS k(kind, seconds) WHERE s.ticket_id BETWEEN :f AND :l"
            ),
            {"f": first, "l": last},
        )
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as sql:
        sql.execute(text("VACUUM ANALYZE tickets, ticket_sla, ticket_sla_clocks"))


def make_due(database: Database, *, count: int, breach_at: list[datetime] | None = None) -> list[int]:
    """Picks ``count`` tickets not yet breached and makes their first response breach (now, or as given)."""
    with database.engine.begin() as sql:
        chosen = [
            int(row[0])
            for row in sql.execute(
                text(
                    "SELECT ticket_id FROM ticket_sla_clocks WHERE kind = 'first_response' "
                    "AND breached_at IS NULL AND due_at > now() + interval '1 hour' "
                    "ORDER BY random() LIMIT :n"
                ),
                {"n": count},
            )
        ]
        now = datetime.now(UTC)
        instants = breach_at or [now - timedelta(seconds=5)] * len(chosen)
        rows = [{"t": t, "due": due} for t, due in zip(chosen, instants, strict=False)]
        sql.execute(
            text(
                "UPDATE ticket_sla_clocks SET due_at = :due, warning_at = :due - interval '15 minutes' "
                "WHERE ticket_id = :t AND kind = 'first_response'"
            ),
            rows,
        )
        sql.execute(
            text(
                "UPDATE ticket_sla SET next_check_at = :due + interval '1 microsecond' WHERE ticket_id = :t"
            ),
            rows,
        )
    return chosen


class ServerCpu:
    """CPU seconds used by the PostgreSQL backends serving a Database (the server is local)."""

    def __init__(self, database: Database) -> None:
        self.pids: set[int] = set()

        @event.listens_for(database.engine, "connect")
        def _note_backend(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pids.add(int(cursor.fetchone()[0]))

        database.engine.dispose()  # reconnect, so every backend is noted

    def seconds(self) -> float:
        """Total user and system CPU time of the noted backends so far."""
        total = 0
        for pid in self.pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")


def time_sweeps(
    database: Database, settings: Settings, repeats: int, server: ServerCpu
) -> tuple[list[float], list[float], list[float], int]:
    """Times sweeps with 1,000 due, and empty sweeps; returns seconds, CPU seconds and steps fired."""
    busy, idle, cpu, fired = [], [], [], 0
    for _ in range(repeats):
        make_due(database, count=DUE)
        started, client_cpu, server_cpu = time.perf_counter(), time.process_time(), server.seconds()
        result = sla_jobs.sweep(database, settings=settings, now=datetime.now(UTC))
        busy.append(time.perf_counter() - started)
        cpu.append(time.process_time() - client_cpu + server.seconds() - server_cpu)
        assert result.checked == DUE, result
        fired = result.fired
        started = time.perf_counter()
        empty = sla_jobs.sweep(database, settings=settings, now=datetime.now(UTC))
        idle.append(time.perf_counter() - started)
        assert empty.checked == 0, empty
    return busy, idle, cpu, fired


RECEIVER = r"""
import json, sys, time

ARRIVALS = open(sys.argv[2], "a", buffering=1)


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    arrived = time.time()
    document = json.loads(body)
    data = document["data"]
    ARRIVALS.write(f'{document["topic"]} {data["ticket_id"]} {data["occurred_at"]} {arrived}\n')
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


import uvicorn

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", http="httptools")
"""


class Receiver:
    """A webhook receiver (uvicorn, in its own process) writing each arrival's time to a file."""

    def __init__(self, workdir: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.arrivals = workdir / "arrivals.txt"
        self.arrivals.touch()
        script = workdir / "receiver.py"
        script.write_text(RECEIVER)
        self.process = subprocess.Popen([sys.executable, str(script), str(port), str(self.arrivals)])
        self.url = f"http://127.0.0.1:{port}/breaches"
        self.expected: set[int] = set()  # the tickets whose breaches are being timed

    def latencies(self) -> list[float]:
        """Breach-to-arrival seconds of the expected tickets' breach webhooks so far."""
        seen: dict[int, float] = {}
        for line in self.arrivals.read_text().splitlines():
            topic, ticket_id, occurred_at, arrived = line.split(" ")
            if topic == "sla.breached" and int(ticket_id) in self.expected:
                breached = datetime.fromisoformat(occurred_at).timestamp()
                seen.setdefault(int(ticket_id), float(arrived) - breached)
        return list(seen.values())

    def close(self) -> None:
        """Stops the receiver."""
        self.process.terminate()
        self.process.wait(timeout=10)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_latency(url: str, database: Database, receiver: Receiver, *, spread: float) -> dict[str, float]:
    """Lets 1,000 clocks breach over ``spread`` seconds under a running worker; returns latency figures."""
    receiver.expected.clear()
    with database.engine.begin() as sql:
        # Notifications queued by the sweep measurements are not part of this one.
        sql.execute(text("UPDATE notification_outbox SET state = 'delivered' WHERE state = 'pending'"))
    env = {**os.environ, "CALMDESK_DATABASE_URL": url, "CALMDESK_ENVIRONMENT": "development"}
    log = open(os.devnull, "w")  # noqa: SIM115 - closed below
    worker = subprocess.Popen([sys.executable, "-m", "calmdesk", "worker"], env=env, stdout=log, stderr=log)
    try:
        time.sleep(8)  # the worker's start-up (imports) is not part of the latency
        start = datetime.now(UTC) + timedelta(seconds=2)
        instants = [start + timedelta(seconds=spread * n / DUE) for n in range(DUE)]
        receiver.expected.update(make_due(database, count=DUE, breach_at=instants))
        deadline = time.monotonic() + spread + 120
        while len(receiver.latencies()) < DUE and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    values = receiver.latencies()
    return {
        "received": len(values),
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "p99": percentile(values, 0.99),
        "max": max(values),
    }


def main() -> None:
    """Runs both measurements and prints the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=5, help="sweeps measured per size")
    parser.add_argument("--no-latency", action="store_true", help="skip the breach-to-delivery part")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    workdir = Path(tempfile.mkdtemp(prefix="sla-bench-"))
    receiver = Receiver(workdir)
    with postgres_database() as url:
        database = Database(url, pool_size=4)
        migrate.upgrade(database.engine)
        ids = configure(database, receiver.url)
        settings = Settings(environment="development", database_url=url)
        server = ServerCpu(database)
        grow(database, ids, to=min(args.sizes))
        make_due(database, count=100)
        sla_jobs.sweep(database, settings=settings, now=datetime.now(UTC))  # warm-up: compiles the queries
        rows = []
        for size in sorted(args.sizes):
            started = time.perf_counter()
            grow(database, ids, to=size)
            loaded = time.perf_counter() - started
            busy, idle, cpu, fired = time_sweeps(database, settings, args.repeats, server)
            cpu_median = statistics.median(cpu)
            rows.append(
                (
                    size,
                    statistics.median(busy),
                    min(busy),
                    max(busy),
                    statistics.median(idle),
                    fired,
                    cpu_median,
                )
            )
            median = statistics.median(busy)
            print(f"  {size:>9,} open tickets loaded in {loaded:.0f} s; sweep median {median:.3f} s")
        print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)\n")
        print("| open tickets | due | sweep median s | min s | max s | CPU s (worker+db) | empty s | steps |")
        print("|-------------:|----:|---------------:|------:|------:|------------------:|--------:|------:|")
        for size, median, low, high, empty, fired, cpu_median in rows:
            print(
                f"| {size:>12,} | {DUE} | {median:>14.3f} | {low:>5.3f} | {high:>5.3f} "
                f"| {cpu_median:>17.3f} | {empty:>7.4f} | {fired:>5} |"
            )
        print("\nCPU s: the sweep's own CPU time plus its PostgreSQL backend's (from /proc), median;")
        print("on a shared machine it says more about the cost than the wall time does.")
        if len(rows) > 1:
            wall_ratio, cpu_ratio = rows[-1][1] / rows[0][1], rows[-1][6] / rows[0][6]
            print(f"\nratio largest/smallest: {wall_ratio:.2f} (wall), {cpu_ratio:.2f} (CPU)")
        if not args.no_latency:
            print("\n| breaches (1,000)        | received | p50 s | p95 s | p99 s | max s |")
            print("|-------------------------|---------:|------:|------:|------:|------:|")
            for label, spread in (("spread over 10 s", 10.0), ("all at one instant", 0.0)):
                figures = measure_latency(url, database, receiver, spread=spread)
                print(
                    f"| {label:<23} | {figures['received']:>8} | {figures['p50']:>5.2f} "
                    f"| {figures['p95']:>5.2f} | {figures['p99']:>5.2f} | {figures['max']:>5.2f} |",
                    flush=True,
                )
            print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        database.dispose()
    receiver.close()


if __name__ == "__main__":
    main()
