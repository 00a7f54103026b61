"""Refusals with the right SMTP code, and nothing half-stored when a message fails."""

from __future__ import annotations

import os
import smtplib
import time

import pytest

from calmdesk.customers.models import Customer
from calmdesk.mail import ingest as ingest_module
from calmdesk.mail.attachments import sweep_unreferenced
from calmdesk.mail.listener import store_for
from calmdesk.mail.models import MailAttachment, MailRecord
from calmdesk.notify.models import OutboxMessage
from calmdesk.tickets.models import Message, Ticket
from tests.integration import mail_fixtures
from tests.integration.mail_fixtures import MESSAGES, MailDesk, compose

mail_desk = mail_fixtures.mail_desk


def _nothing_stored(mail_desk: MailDesk) -> None:
    for model in (Ticket, Message, Customer, MailRecord, MailAttachment, OutboxMessage):
        assert mail_desk.count(model) == 0, model.__name__


def test_mail_for_an_address_the_desk_does_not_serve_is_refused_permanently(mail_desk: MailDesk) -> None:
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        mail_desk.send(compose(), mail_from="jane@example.com", to="someone-else@desk.example.com")
    [(code, _)] = refused.value.recipients.values()
    assert code == 550
    _nothing_stored(mail_desk)


def test_an_oversized_message_is_refused_with_552(mail_desk: MailDesk) -> None:
    huge = compose(body="x" * 70 + ("\n" + "y" * 70) * 1200)  # ~85 KiB over a 64 KiB limit
    with pytest.raises((smtplib.SMTPSenderRefused, smtplib.SMTPDataError)) as refused:
        mail_desk.send(huge, mail_from="jane@example.com")
    assert refused.value.smtp_code == 552
    _nothing_stored(mail_desk)


@pytest.mark.parametrize(
    "raw",
    [
        b"Subject: who sent this?\r\n\r\nno From header\r\n",
        b"From: not an address\r\nSubject: x\r\n\r\nbody\r\n",
    ],
)
def test_a_message_without_a_usable_sender_is_refused_permanently(mail_desk: MailDesk, raw: bytes) -> None:
    with pytest.raises(smtplib.SMTPDataError) as refused:
        mail_desk.send(raw, mail_from="jane@example.com")
    assert refused.value.smtp_code == 550
    _nothing_stored(mail_desk)


def test_a_sender_over_the_hourly_limit_is_asked_to_retry_later(mail_desk: MailDesk) -> None:
    for n in range(3):  # the fixture allows 3 an hour
        mail_desk.send(
            compose(subject=f"Problem {n}", message_id=f"<m{n}@example.com>"), mail_from="jane@example.com"
        )
    with pytest.raises(smtplib.SMTPDataError) as deferred:
        mail_desk.send(
            compose(subject="Problem 4", message_id="<m4@example.com>"), mail_from="jane@example.com"
        )
    assert deferred.value.smtp_code == 451
    assert len(mail_desk.tickets()) == 3
    mail_desk.send(compose(sender="Tom <tom@example.net>", subject="Other"), mail_from="tom@example.net")
    assert len(mail_desk.tickets()) == 4  # the limit is per sender


def test_a_failure_mid_ingest_stores_nothing_and_leaves_only_a_sweepable_blob(
    mail_desk: MailDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(ingest_module, "_acknowledge", broken)
    with pytest.raises(smtplib.SMTPDataError) as deferred:
        mail_desk.send((MESSAGES / "inline_image.eml").read_bytes(), mail_from="priya@example.org")
    assert deferred.value.smtp_code == 451  # temporary: the sender's server tries again
    _nothing_stored(mail_desk)
    store = store_for(mail_desk.settings)
    blobs = [p for p in store.root.glob("*/*/*") if p.is_file()]
    assert len(blobs) == 2  # the png and the pdf, written before the rollback
    with mail_desk.database.session(read_only=True) as db:
        assert sweep_unreferenced(db, store, written_before=time.time() - 3600) == []  # too young to sweep
        old = time.time() - 7200
        for blob in blobs:
            os.utime(blob, (old, old))
        assert sorted(sweep_unreferenced(db, store, written_before=time.time() - 3600)) == sorted(
            b.name for b in blobs
        )
    assert not any(p.is_file() for p in store.root.glob("*/*/*"))


def test_accepted_attachments_are_listed_and_stored_by_content_hash(mail_desk: MailDesk) -> None:
    mail_desk.send((MESSAGES / "inline_image.eml").read_bytes(), mail_from="priya@example.org")
    [ticket] = mail_desk.tickets()
    with mail_desk.database.session(read_only=True) as db:
        files = {a.filename: a for a in db.query(MailAttachment).all()}
    assert set(files) == {"hinge.png", "receipt.pdf"}  # fix.exe is not an allowed type
    store = store_for(mail_desk.settings)
    png = files["hinge.png"]
    assert png.is_inline and png.content_type == "image/png"
    assert store.read(png.sha256).startswith(b"\x89PNG")
    assert store.path_of(png.sha256).name == png.sha256
    assert mail_desk.messages(ticket.id)[0].id == png.message_id


def test_staff_list_and_download_a_tickets_files(mail_desk: MailDesk) -> None:
    mail_desk.send((MESSAGES / "inline_image.eml").read_bytes(), mail_from="priya@example.org")
    [ticket] = mail_desk.tickets()
    agent = mail_desk.desk.account()
    url = f"/api/v1/tickets/{ticket.reference}/attachments"
    listed = mail_desk.desk.client.get(url, headers=agent.headers)
    assert listed.status_code == 200
    files = {item["filename"]: item for item in listed.json()}
    assert set(files) == {"hinge.png", "receipt.pdf"}
    pdf = mail_desk.desk.client.get(f"{url}/{files['receipt.pdf']['id']}", headers=agent.headers)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="receipt.pdf"'
    other = mail_desk.desk.new_ticket(agent)
    elsewhere = f"/api/v1/tickets/{other['reference']}/attachments/{files['receipt.pdf']['id']}"
    assert mail_desk.desk.client.get(elsewhere, headers=agent.headers).status_code == 404
