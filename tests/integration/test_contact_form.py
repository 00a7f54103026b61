"""The public contact form: a ticket and a private link for people, nothing for bots."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import time_machine

from calmdesk.customers.models import Customer
from calmdesk.notify.models import OutboxMessage
from calmdesk.tickets.models import Ticket
from tests.integration.conftest import Desk

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
FORM = {
    "name": "Grace Ho",
    "email": "Grace@Example.com",
    "subject": "Charged twice for my order",
    "message": "I was charged twice for order 8812. Please refund one of them.",
}


def _stamp(desk: Desk) -> str:
    page = desk.client.get("/contact")
    assert page.status_code == 200
    assert "<script" not in page.text  # the CSP allows no inline scripts; the page needs none
    match = re.search(r'name="stamp" value="([^"]+)"', page.text)
    assert match is not None
    return match.group(1)


def _count(desk: Desk, model: type[object]) -> int:
    with desk.database.session(read_only=True) as db:
        return db.query(model).count()


def test_a_person_opens_a_ticket_and_gets_the_private_link(desk: Desk) -> None:
    with time_machine.travel(START, tick=False):
        stamp = _stamp(desk)
    with time_machine.travel(START + timedelta(seconds=40), tick=False):
        sent = desk.client.post("/contact", data={**FORM, "stamp": stamp, "website": ""})
    assert sent.status_code == 201, sent.text
    assert sent.headers["cache-control"] == "no-store"
    link = re.search(r'href="(http[^"]+/portal/(cdp_[^"]+))"', sent.text)
    assert link is not None
    with desk.database.session(read_only=True) as db:
        [ticket] = db.query(Ticket).all()
        assert ticket.channel == "web"
        assert ticket.customer.email == "grace@example.com"
        assert ticket.reference in sent.text
    portal = desk.client.get(f"/api/v1/portal/{link.group(2)}")
    assert portal.status_code == 200
    assert portal.json()["messages"][0]["body_text"].startswith("I was charged twice")
    with desk.database.session(read_only=True) as db:
        [ack] = db.query(OutboxMessage).all()
        assert ack.channel == "customer" and ack.payload["to"] == "grace@example.com"


def test_a_filled_honeypot_gets_a_thank_you_and_stores_nothing(desk: Desk) -> None:
    with time_machine.travel(START, tick=False):
        stamp = _stamp(desk)
    with time_machine.travel(START + timedelta(seconds=40), tick=False):
        sent = desk.client.post("/contact", data={**FORM, "stamp": stamp, "website": "http://spam.example"})
    assert sent.status_code == 200
    assert "/portal/" not in sent.text
    assert _count(desk, Ticket) == 0 and _count(desk, Customer) == 0


def test_a_form_sent_back_too_fast_too_late_or_forged_is_refused(desk: Desk) -> None:
    with time_machine.travel(START, tick=False):
        stamp = _stamp(desk)
    for moment, used in (
        (START + timedelta(seconds=1), stamp),
        (START + timedelta(days=2), stamp),
        (START + timedelta(seconds=40), stamp.split(".")[0] + ".forged"),
        (START + timedelta(seconds=40), ""),
    ):
        with time_machine.travel(moment, tick=False):
            refused = desk.client.post("/contact", data={**FORM, "stamp": used})
        assert refused.status_code == 422, (moment, used)
        assert "send it again" in refused.text
        assert FORM["message"] in refused.text  # the visitor's words are kept
    assert _count(desk, Ticket) == 0


def test_invalid_fields_are_shown_next_to_the_field(desk: Desk) -> None:
    with time_machine.travel(START, tick=False):
        stamp = _stamp(desk)
    with time_machine.travel(START + timedelta(seconds=40), tick=False):
        refused = desk.client.post("/contact", data={**FORM, "email": "not-an-address", "stamp": stamp})
    assert refused.status_code == 422
    assert 'id="email-error"' in refused.text
    assert _count(desk, Ticket) == 0


def test_one_address_is_limited_per_hour(desk: Desk) -> None:
    for n in range(6):
        with time_machine.travel(START + timedelta(minutes=n), tick=False):
            stamp = _stamp(desk)
        with time_machine.travel(START + timedelta(minutes=n, seconds=30), tick=False):
            answer = desk.client.post("/contact", data={**FORM, "subject": f"Problem {n}", "stamp": stamp})
        assert answer.status_code == (201 if n < 5 else 429), (n, answer.status_code)
    assert _count(desk, Ticket) == 5
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        stamp = _stamp(desk)
    with time_machine.travel(START + timedelta(hours=2, seconds=30), tick=False):
        later = desk.client.post("/contact", data={**FORM, "stamp": stamp})
    assert later.status_code == 201
