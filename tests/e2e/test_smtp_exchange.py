"""`calmdesk mail` and `calmdesk worker` as real processes: a customer's mail in, the desk's mail out."""

from __future__ import annotations

import json
import os
import smtplib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from pydantic import SecretStr
from sqlalchemy import select

from calmdesk.auth.principal import SYSTEM, Actor
from calmdesk.db import Database
from calmdesk.staff import service as staff_service
from calmdesk.staff.roles import Role
from calmdesk.staff.schemas import StaffCreate
from calmdesk.tickets import conversation
from calmdesk.tickets.models import Message, MessageKind, Ticket
from calmdesk.tickets.schemas import MessageCreate
from tests.e2e.conftest import CLI, _free_port
from tests.integration.mail_fixtures import DESK_ADDRESS, Sink, compose


@pytest.fixture
def mail_process(db_url: str, tmp_path: Path) -> Iterator[tuple[int, Sink, dict[str, str]]]:
    """`calmdesk mail` on a free port, with an SMTP sink standing in for the outside world."""
    sink = Sink()
    sink_port = _free_port()
    sink_controller = Controller(sink, hostname="127.0.0.1", port=sink_port)
    sink_controller.start()
    port = _free_port()
    env = {
        **os.environ,
        "CALMDESK_DATABASE_URL": db_url,
        "CALMDESK_ENVIRONMENT": "test",
        "CALMDESK_DATA_DIR": str(tmp_path / "data"),
        "CALMDESK_MAIL_ADDRESSES": json.dumps([DESK_ADDRESS]),
        "CALMDESK_SMTP_HOST": "127.0.0.1",
        "CALMDESK_SMTP_PORT": str(sink_port),
        "CALMDESK_SMTP_FROM": DESK_ADDRESS,
    }
    log_path = tmp_path / "mail.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*CLI, "mail", "--port", str(port), "--log-level", "warning"], env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 60
        while "listening" not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"calmdesk mail did not start: {log_path.read_text()}")
            time.sleep(0.1)
        yield port, sink, env
    finally:
        process.terminate()
        process.wait(timeout=30)
        sink_controller.stop()


def _worker_once(env: dict[str, str]) -> None:
    run = subprocess.run([*CLI, "worker", "--once"], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_mail_in_ticket_reply_out_and_the_answer_threads_back(
    mail_process: tuple[int, Sink, dict[str, str]], db_url: str
) -> None:
    port, sink, env = mail_process
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("jane@example.com", [DESK_ADDRESS], compose(message_id="<one@example.com>"))
    database = Database(db_url, pool_size=2)
    try:
        with database.unit_of_work() as db:
            ticket = db.scalars(select(Ticket)).unique().one()
            reference = ticket.reference
            agent = staff_service.create(
                db,
                staff_in=StaffCreate(
                    name="Sam Okafor",
                    email="sam@desk.example.com",
                    role=Role.AGENT,
                    password=SecretStr("x" * 12),
                ),
                actor=SYSTEM,
            )
            conversation.add_staff_entry(
                db,
                ticket=ticket,
                message_in=MessageCreate(kind=MessageKind.REPLY, body="A new lamp ships today."),
                actor=Actor(kind="staff", id=agent.id, role=Role.AGENT),
            )
        _worker_once(env)
        subjects = sorted(str(m["Subject"]) for m in sink.received)
        assert subjects == [
            f"Re: My lamp arrived broken [{reference}]",
            f"We have your request: My lamp arrived broken [{reference}]",
        ]
        reply = next(m for m in sink.received if str(m["Subject"]).startswith("Re:"))
        assert reply["In-Reply-To"] == "<one@example.com>"
        answer = compose(
            subject="Re: My lamp arrived broken", body="Great, thanks!", in_reply_to=reply["Message-ID"]
        )
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("jane@example.com", [DESK_ADDRESS], answer)
        with database.session(read_only=True) as db:
            bodies = list(db.scalars(select(Message.body_text).order_by(Message.id)))
            assert len(db.scalars(select(Ticket)).unique().all()) == 1
        assert bodies[-1] == "Great, thanks!"
    finally:
        database.dispose()
