"""Inbound email throughput: messages/s from SMTP in to ticket stored and analysed.

Starts a real ``calmdesk mail`` process on a throw-away database (SQLite file and
PostgreSQL) for each tone-analysis mode, and sends it customer emails from several
concurrent SMTP clients (Python's smtplib over loopback). calmdesk answers 250 only
after the message's transaction has committed (customer, ticket, analysed first
message, SLA clocks, acknowledgement with a portal link queued in the outbox), so the
time until the last 250 is the end-to-end figure. Each email is a new ticket from its
own sender with a realistic, mildly upset body. Several runs per configuration; the
table shows the median. Target: >= 50 messages/s.

Run: ``.venv/bin/python bench/mail_ingest.py`` (``--databases sqlite --analysis fast``
for a quick run). PostgreSQL comes from CALMDESK_TEST_POSTGRES_URL (default: local).
"""

from __future__ import annotations

import argparse
import json
import os
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api_throughput import cpu_seconds, postgres_database
from calmdesk import migrate, models  # noqa: F401 - registers every table
from calmdesk.db import Database
from calmdesk.tickets.models import Ticket
from calmdesk.tone.models import MessageAnalysis

DESK = "support@bench.example.com"
COMMAND = [sys.executable, "-m", "calmdesk", "mail"]
BODY = (
    "Hello, I ordered a desk lamp (order {n}) and it arrived with the shade cracked.\n"
    "This is the second time this month and frankly I'm getting fed up. Could you send a\n"
    "replacement, or refund me? I have photos if you need them.\n\nThanks,\nCustomer {n}\n"
)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def email_bytes(run: int, n: int) -> bytes:
    """One customer's new request."""
    message = EmailMessage()
    message["From"] = f"Customer {n} <bench{run}-{n}@example.com>"
    message["To"] = DESK
    message["Subject"] = f"Lamp arrived broken, order {n}"
    message["Message-ID"] = f"<bench-{run}-{n}@example.com>"
    message.set_content(BODY.format(n=n))
    return bytes(message).replace(b"\n", b"\r\n")


def send_batch(port: int, run: int, numbers: list[int]) -> None:
    """Sends emails over one SMTP connection, as one sending server would."""
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        for n in numbers:
            client.sendmail(f"bench{run}-{n}@example.com", [DESK], email_bytes(run, n))


def start_listener(url: str, mode: str, data_dir: str, processes: int) -> tuple[subprocess.Popen[bytes], int]:
    """A ``calmdesk mail`` process for ``url``, reading tone in ``mode``."""
    port = free_port()
    env = {
        **os.environ,
        "CALMDESK_DATABASE_URL": url,
        "CALMDESK_ANALYSIS_MODE": mode,
        "CALMDESK_DATA_DIR": data_dir,
        "CALMDESK_MAIL_ADDRESSES": json.dumps([DESK]),
        "CALMDESK_MAIL_RATE_PER_SENDER": "1000000",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    log = Path(data_dir) / f"mail-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*COMMAND, "--port", str(port), "--log-level", "warning", "--processes", str(processes)],
            env=env,
            stdout=out,
            stderr=out,
        )
    deadline = time.monotonic() + 120
    while "listening" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"calmdesk mail did not start: {log.read_text()}")
        time.sleep(0.1)
    return process, port


def measure(
    url: str, mode: str, *, messages: int, runs: int, clients: int, processes: int
) -> tuple[list[float], list[float]]:
    """Messages/s and listener CPU ms per message of each run, for one database and analysis mode."""
    database = Database(url, pool_size=1)
    migrate.upgrade(database.engine)
    rates, cpu_ms = [], []
    with tempfile.TemporaryDirectory() as data_dir:
        process, port = start_listener(url, mode, data_dir, processes)
        try:
            time.sleep(2.0 if processes > 1 else 0.0)  # the sibling processes bind the port too
            warm = [list(range(10))[i::clients] for i in range(clients)]  # imports, the model, connections
            with ThreadPoolExecutor(max_workers=clients) as pool:
                list(pool.map(send_batch, [port] * clients, [-1] * clients, warm))
            for run in range(runs):
                shares = [list(range(messages))[i::clients] for i in range(clients)]
                began, cpu_before = time.perf_counter(), cpu_seconds(process.pid)
                with ThreadPoolExecutor(max_workers=clients) as pool:
                    list(pool.map(send_batch, [port] * clients, [run] * clients, shares))
                rates.append(messages / (time.perf_counter() - began))
                cpu_ms.append((cpu_seconds(process.pid) - cpu_before) * 1000 / messages)
        finally:
            process.terminate()
            process.wait(timeout=30)
    with database.session(read_only=True) as db:
        tickets = db.scalar(select(func.count()).select_from(Ticket))
        analysed = db.scalar(select(func.count()).select_from(MessageAnalysis))
    database.dispose()
    expected = messages * runs + 10
    if tickets != expected or analysed != expected:
        raise RuntimeError(f"expected {expected} tickets and analyses, found {tickets} and {analysed}")
    return rates, cpu_ms


def main() -> None:
    """Runs every configuration and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200, help="emails per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4, help="concurrent SMTP connections")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--analysis", default="fast,full")
    parser.add_argument("--pg-processes", default="1,2", help="listener processes to try on PostgreSQL")
    args = parser.parse_args()
    print(
        f"{args.messages} emails a run, {args.runs} runs, {args.clients} SMTP clients; load {os.getloadavg()}"
    )
    print("| database | listeners | tone analysis | messages/s (median) | runs | CPU ms/message (median) |")
    print("| --- | ---: | --- | ---: | --- | ---: |")
    configurations = [
        (name, processes)
        for name in args.databases.split(",")
        for processes in ([1] if name == "sqlite" else [int(n) for n in args.pg_processes.split(",")])
    ]
    for name, processes in configurations:
        for mode in args.analysis.split(","):
            if name == "sqlite":
                with tempfile.TemporaryDirectory() as folder:
                    rates, cpu_ms = measure(
                        f"sqlite:///{folder}/bench.db",
                        mode,
                        messages=args.messages,
                        runs=args.runs,
                        clients=args.clients,
                        processes=1,
                    )
            else:
                with postgres_database() as url:
                    rates, cpu_ms = measure(
                        url,
                        mode,
                        messages=args.messages,
                        runs=args.runs,
                        clients=args.clients,
                        processes=processes,
                    )
            shown = ", ".join(f"{rate:.0f}" for rate in rates)
            cpu = statistics.median(cpu_ms)
            rate = statistics.median(rates)
            print(f"| {name} | {processes} | {mode} | {rate:.0f} | {shown} | {cpu:.1f} |", flush=True)


if __name__ == "__main__":
    main()
