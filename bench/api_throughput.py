"""API throughput: ticket creation and listing under concurrent clients, on PostgreSQL and SQLite.

Starts a real ``calmdesk serve`` for each database, then drives it over HTTP from
``--concurrency`` clients (default 16) for ``--seconds`` per phase and prints
requests/s and p50/p95/p99 latency. Run: ``.venv/bin/python bench/api_throughput.py``.

The load comes from ``wrk`` (Debian package ``wrk``; ``make bench`` installs it) so the
load generator costs little of the two cores the server needs; without wrk the script
falls back to an asyncio httpx client, which costs the server noticeably more CPU.
It also reports the server's own CPU time per request, a figure that holds up better
than requests/s on a shared, noisy machine.

PostgreSQL comes from CALMDESK_TEST_POSTGRES_URL (default: the local server, database
``test``); the benchmark works in a throw-away database of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calmdesk import migrate
from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import SYSTEM
from calmdesk.db import Database
from calmdesk.staff.models import Staff

POSTGRES_URL = os.environ.get(
    "CALMDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@dataclass(frozen=True)
class Result:
    """One measured phase."""

    database: str
    phase: str
    requests: int
    errors: int
    seconds: float
    p50: float
    p95: float
    p99: float
    server_cpu_ms: float

    def row(self) -> str:
        """A table row."""
        return (
            f"| {self.database:<15} | {self.phase:<20} | {self.requests / self.seconds:>6.0f} | "
            f"{self.p50:>6.1f} | {self.p95:>6.1f} | {self.p99:>6.1f} | "
            f"{self.server_cpu_ms:>6.2f} | {self.errors:>6} |"
        )


@contextmanager
def postgres_database() -> Iterator[str]:
    """A throw-away PostgreSQL database, dropped afterwards."""
    admin_url = make_url(POSTGRES_URL)
    name = f"calmdesk_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(url: str) -> str:
    """Migrates the database and returns an API token for an agent."""
    database = Database(url, pool_size=1)
    migrate.upgrade(database.engine)
    with database.unit_of_work() as db:
        agent = Staff(name="Bench Agent", email="bench@example.com", role="agent", is_active=True)
        db.add(agent)
        db.flush()
        token = auth_service.create_api_token(db, staff=agent, name="bench", actor=SYSTEM).token
    database.dispose()
    return token


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and its children (uvicorn workers), from /proc."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    total = 0
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(url: str, workers: int, analysis: str) -> Iterator[tuple[str, int]]:
    """A running ``calmdesk serve`` with the given tone-analysis mode."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "CALMDESK_DATABASE_URL": url,
        "CALMDESK_ENVIRONMENT": "test",
        "CALMDESK_ANALYSIS_MODE": analysis,
    }
    command = [
        sys.executable,
        "-m",
        "calmdesk",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-migrate",
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


async def drive(
    base: str,
    token: str,
    *,
    concurrency: int,
    seconds: float,
    make_request: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]],
) -> tuple[int, int, float, list[float]]:
    """Runs ``concurrency`` httpx clients for ``seconds``; returns counts, elapsed time and latencies."""
    latencies: list[float] = []
    errors = 0
    counter = itertools.count()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as client:
        stop_at = time.perf_counter() + seconds

        async def one_client() -> None:
            nonlocal errors
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                response = await make_request(client, next(counter))
                latencies.append((time.perf_counter() - started) * 1000)
                if response.status_code >= 400:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return len(latencies), errors, elapsed, latencies


def create_ticket(client: httpx.AsyncClient, n: int) -> Awaitable[httpx.Response]:
    """POST one ticket with its first customer message (customers drawn from a pool of 500)."""
    return client.post(
        "/api/v1/tickets",
        json={
            "subject": f"Order {n} has not arrived",
            "customer": {"name": f"Customer {n % 500}", "email": f"customer{n % 500}@example.com"},
            "message": {"body": "I ordered a week ago and the tracking page has not moved since Monday."},
            "channel": "api",
            "priority": "normal",
        },
    )


def list_tickets(client: httpx.AsyncClient, _n: int) -> Awaitable[httpx.Response]:
    """GET the first page (50) of new tickets, newest activity first."""
    return client.get("/api/v1/tickets", params={"limit": 50, "status": "new"})


PHASES = {"create ticket": ("create", create_ticket), "list 50 tickets": ("list", list_tickets)}
WRK_SCRIPT = Path(__file__).with_name("wrk") / "calmdesk.lua"


def run_phase(base: str, token: str, phase: str, args: argparse.Namespace) -> dict[str, float]:
    """Drives one phase with wrk (or httpx); returns requests, seconds, errors and percentiles."""
    wrk_name, make_request = PHASES[phase]
    if shutil.which("wrk") and not args.httpx:
        command = [
            "wrk",
            "-t",
            "2",
            "-c",
            str(args.concurrency),
            "-d",
            f"{args.seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(WRK_SCRIPT),
            base,
        ]
        env = {**os.environ, "CALMDESK_PHASE": wrk_name, "CALMDESK_TOKEN": token}
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
        line = next(line for line in output.splitlines() if line.startswith("WRK_RESULT "))
        return dict(json.loads(line.removeprefix("WRK_RESULT ")))
    count, errors, elapsed, latencies = asyncio.run(
        drive(base, token, concurrency=args.concurrency, seconds=args.seconds, make_request=make_request)
    )
    ordered = sorted(latencies)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]

    return {
        "requests": count,
        "seconds": elapsed,
        "errors": errors,
        "p50": statistics.median(ordered),
        "p95": pick(95),
        "p99": pick(99),
    }


def measure(name: str, url: str, args: argparse.Namespace, workers: int) -> list[Result]:
    """Measures creation and listing without tone analysis, then creation with each mode asked for."""
    token = prepare(url)
    results = []
    plan = [("off", list(PHASES))] + [(mode, ["create ticket"]) for mode in args.analysis if mode != "off"]
    for mode, phases in plan:
        with server(url, workers, mode) as (base, pid):
            asyncio.run(
                drive(base, token, concurrency=args.concurrency, seconds=2, make_request=create_ticket)
            )
            for phase in phases:
                cpu_before = cpu_seconds(pid)
                figures = run_phase(base, token, phase, args)
                cpu_ms = 1000 * (cpu_seconds(pid) - cpu_before) / max(1, figures["requests"])
                label = phase if mode == "off" else f"{phase} +{mode}"
                results.append(
                    Result(
                        f"{name} x{workers}",
                        label,
                        int(figures["requests"]),
                        int(figures["errors"]),
                        figures["seconds"],
                        figures["p50"],
                        figures["p95"],
                        figures["p99"],
                        cpu_ms,
                    )
                )
    return results


def main() -> None:
    """Runs the benchmark and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured phase")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="calmdesk web processes on PostgreSQL")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="measure one database")
    parser.add_argument("--httpx", action="store_true", help="use the Python client even if wrk is installed")
    parser.add_argument(
        "--analysis",
        type=lambda text: [mode.strip() for mode in text.split(",") if mode.strip()],
        default=["full"],
        help="tone-analysis modes to measure creation with, besides off (comma-separated: fast,full)",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results: list[Result] = []
    if args.only in (None, "postgresql"):
        with postgres_database() as url:
            results += measure("postgresql", url, args, args.workers)
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as folder:
            results += measure("sqlite", f"sqlite:///{folder}/bench.db", args, 1)
    client = "httpx" if args.httpx or not shutil.which("wrk") else "wrk"
    print(
        f"\n{args.concurrency} concurrent clients ({client}), {args.seconds} s a phase, "
        f"{os.cpu_count()} cores, "
        f"load average at the start: {load_before:.1f}\n"
    )
    print("| database        | phase                |  req/s | p50 ms | p95 ms | p99 ms | cpu ms | errors |")
    print("|-----------------|----------------------|-------:|-------:|-------:|-------:|-------:|-------:|")
    for result in results:
        print(result.row())
    print("\ncpu ms: the server processes' CPU time per request (from /proc), less sensitive to noise.")


if __name__ == "__main__":
    main()
