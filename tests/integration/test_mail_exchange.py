"""Email in and out over real SMTP on loopback: new tickets, threaded replies, customer mail."""

from __future__ import annotations

import smtplib

from calmdesk.clock import utcnow
from calmdesk.customers.models import Customer
from calmdesk.mail import listener
from calmdesk.mail.models import MailRecord
from calmdesk.notify import service as notify_service
from calmdesk.notify.models import OutboxMessage
from calmdesk.notify.service import Notice
from calmdesk.staff.roles import Role
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.reference import format_reference
from tests.integration import mail_fixtures
from tests.integration.mail_fixtures import DESK_ADDRESS, MESSAGES, MailDesk, compose, free_port

mail_desk = mail_fixtures.mail_desk


def test_an_email_opens_a_ticket_and_the_customer_gets_its_reference(mail_desk: MailDesk) -> None:
    mail_desk.send(compose(message_id="<first@example.com>"), mail_from="jane@example.com")
    [ticket] = mail_desk.tickets()
    assert ticket.channel == "email"
    assert ticket.subject == "My lamp arrived broken"
    assert ticket.customer.email == "jane@example.com"
    assert ticket.customer.name == "Jane Doe"
    [message] = mail_desk.messages(ticket.id)
    assert message.author_kind == "customer"
    assert message.body_text.startswith("The box was crushed")
    assert message.analysis is not None  # read like any other customer message

    assert mail_desk.deliver().delivered == 1
    [ack] = mail_desk.sink.received
    assert mail_desk.sink.recipients == [["jane@example.com"]]
    assert f"[{ticket.reference}]" in str(ack["Subject"])
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["In-Reply-To"] == "<first@example.com>"
    assert ack["Reply-To"] == "support@desk.example.com"
    body = ack.get_body(preferencelist=("plain",))
    assert body is not None
    assert "/portal/cdp_" in body.get_content()


def test_a_staff_reply_is_emailed_threaded_and_the_answer_comes_back_to_the_ticket(
    mail_desk: MailDesk,
) -> None:
    mail_desk.send(compose(message_id="<first@example.com>"), mail_from="jane@example.com")
    [ticket] = mail_desk.tickets()
    agent = mail_desk.desk.account(Role.AGENT, name="Sam Okafor")
    url = f"/api/v1/tickets/{ticket.reference}/messages"
    note = mail_desk.desk.client.post(
        url, json={"kind": "note", "body": "check stock"}, headers=agent.headers
    )
    assert note.status_code == 201
    reply = mail_desk.desk.client.post(
        url, json={"body": "Sorry about that, a new lamp ships today."}, headers=agent.headers
    )
    assert reply.status_code == 201, reply.text
    mail_desk.deliver()
    sent = [m for m in mail_desk.sink.received if m["Auto-Submitted"] is None]
    assert len(sent) == 1  # the reply; the internal note never leaves the desk
    [email_reply] = sent
    assert str(email_reply["Subject"]) == f"Re: My lamp arrived broken [{ticket.reference}]"
    assert email_reply["In-Reply-To"] == "<first@example.com>"
    assert "<first@example.com>" in str(email_reply["References"])
    text = email_reply.get_body(preferencelist=("plain",))
    assert text is not None and "a new lamp ships today" in text.get_content()
    assert "Sam" in text.get_content() and "Okafor" not in text.get_content()
    ours = str(email_reply["Message-ID"])

    answer = compose(
        subject="Re: My lamp arrived broken",  # no reference: the header alone must thread it
        body=(
            "Thank you!\n\n"
            "On Tue, 24 Nov 2026 at 09:00, Support <support@desk.example.com> wrote:\n"
            "> Sorry about that"
        ),
        message_id="<second@example.com>",
        in_reply_to=ours,
    )
    mail_desk.send(answer, mail_from="jane@example.com")
    assert len(mail_desk.tickets()) == 1
    thread = mail_desk.messages(ticket.id)
    assert [m.author_kind for m in thread] == ["customer", "agent", "agent", "customer"]
    assert thread[-1].body_text == "Thank you!"
    assert thread[-1].channel == "email"

    # A resend of the same outbox row carries the same Message-ID.
    with mail_desk.database.session(read_only=True) as db:
        recorded = db.query(MailRecord).filter(MailRecord.header_message_id == ours).one()
        assert recorded.direction == "out" and recorded.ticket_id == ticket.id


def test_the_reference_in_the_subject_threads_only_for_the_tickets_own_customer(mail_desk: MailDesk) -> None:
    mail_desk.send(compose(), mail_from="jane@example.com")
    [ticket] = mail_desk.tickets()
    follow_up = compose(subject=f"Still broken [{ticket.reference}]", body="Any news?")
    mail_desk.send(follow_up, mail_from="jane@example.com")
    stranger = compose(sender="Mallory <mallory@example.net>", subject=f"Re: [{ticket.reference}]", body="hi")
    mail_desk.send(stranger, mail_from="mallory@example.net")
    tickets = mail_desk.tickets()
    assert len(tickets) == 2
    assert [m.body_text for m in mail_desk.messages(ticket.id)][-1] == "Any news?"
    assert tickets[1].customer.email == "mallory@example.net"


def test_auto_replies_and_bounces_open_nothing_and_get_no_answer(mail_desk: MailDesk) -> None:
    mail_desk.send((MESSAGES / "out_of_office.eml").read_bytes(), mail_from="jane.doe@gmail.example.com")
    mail_desk.send((MESSAGES / "bounce.eml").read_bytes(), mail_from="")
    mail_desk.send(compose(extra={"Precedence": "bulk"}), mail_from="news@example.com")
    own = compose(sender="Support <support@desk.example.com>", subject="Re: [CD-1] hello")
    mail_desk.send(own, mail_from="support@desk.example.com")  # our own mail come back: a loop
    assert mail_desk.tickets() == []
    assert mail_desk.count(Customer) == 0
    assert mail_desk.count(OutboxMessage) == 0


def test_a_redelivered_message_is_stored_once(mail_desk: MailDesk) -> None:
    raw = compose(message_id="<same@example.com>")
    mail_desk.send(raw, mail_from="jane@example.com")
    mail_desk.send(raw, mail_from="jane@example.com")
    [ticket] = mail_desk.tickets()
    assert len(mail_desk.messages(ticket.id)) == 1


def test_real_world_shapes_arrive_as_clean_messages(mail_desk: MailDesk) -> None:
    for name, sender in (
        ("outlook_reply_cp1252.eml", "mark.brennan@contoso.example.com"),
        ("latin1_plain.eml", "renee@example.fr"),
        ("inline_image.eml", "priya@example.org"),
        ("forwarded.eml", "tom@example.net"),
    ):
        mail_desk.send((MESSAGES / name).read_bytes(), mail_from=sender)
    outlook, latin, inline, forwarded = mail_desk.tickets()
    assert outlook.subject == "Invoice 2211 charged twice [CD-40]"
    [first] = mail_desk.messages(outlook.id)
    assert "£45.00 twice" in first.body_text and "billing team" not in first.body_text
    assert mail_desk.messages(latin.id)[0].body_text.startswith("Bonjour, le colis nétait pas là.")
    assert latin.customer.name == "Renée Lefèvre"
    [photo] = mail_desk.messages(inline.id)
    assert photo.body_html is not None and "<script" not in photo.body_html
    assert "fix.exe" in photo.body_text and "not accepted" in photo.body_text
    assert "Your engineer will visit" in mail_desk.messages(forwarded.id)[0].body_text
    assert format_reference(outlook.id) == outlook.reference


def test_a_customer_row_written_by_other_code_is_sent_threaded_and_its_answer_comes_back(
    mail_desk: MailDesk,
) -> None:
    mail_desk.send(compose(message_id="<first@example.com>"), mail_from="jane@example.com")
    [ticket] = mail_desk.tickets()
    notice = Notice(
        dedupe_key=f"escalation:notice:{ticket.id}",
        channel="customer",
        topic="escalation.notice",
        ticket_id=ticket.id,
        payload={
            "to": "jane@example.com",
            "name": "Jane Doe",
            "subject": "We have passed your case to a manager",
            "text": "A manager will call you today.",
            "message_id": None,
        },
    )
    with mail_desk.database.unit_of_work() as db:
        assert notify_service.enqueue(db, notices=[notice], now=utcnow()) == 1
    mail_desk.deliver()
    [sent] = [m for m in mail_desk.sink.received if m["Auto-Submitted"] == "auto-generated"]
    assert str(sent["Subject"]) == f"We have passed your case to a manager [{ticket.reference}]"
    assert sent["In-Reply-To"] == "<first@example.com>"
    answer = compose(subject="Re: thanks", body="OK, I will wait.", in_reply_to=str(sent["Message-ID"]))
    mail_desk.send(answer, mail_from="jane@example.com")
    assert len(mail_desk.tickets()) == 1  # found by the signed Message-ID alone
    assert mail_desk.messages(ticket.id)[-1].body_text == "OK, I will wait."


def test_listeners_sharing_a_port_each_store_what_they_receive(mail_desk: MailDesk) -> None:
    port = free_port()
    first = listener.start(
        mail_desk.database, mail_desk.settings, host="127.0.0.1", port=port, shared_port=True
    )
    second = listener.start(
        mail_desk.database, mail_desk.settings, host="127.0.0.1", port=port, shared_port=True
    )
    try:
        for n in range(6):
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                raw = compose(sender=f"C{n} <c{n}@example.com>", subject=f"Problem {n}")
                client.sendmail(f"c{n}@example.com", [DESK_ADDRESS], raw)
    finally:
        first.stop()
        second.stop()
    assert sorted(t.subject for t in mail_desk.tickets()) == [f"Problem {n}" for n in range(6)]


def test_mail_about_a_closed_ticket_opens_a_new_one(mail_desk: MailDesk) -> None:
    mail_desk.send(compose(message_id="<first@example.com>"), mail_from="jane@example.com")
    [ticket] = mail_desk.tickets()
    with mail_desk.database.unit_of_work() as db:
        stored = db.get(Ticket, ticket.id)
        assert stored is not None
        stored.status = "closed"
    again = compose(
        subject=f"Re: My lamp arrived broken [{ticket.reference}]", in_reply_to="<first@example.com>"
    )
    mail_desk.send(again, mail_from="jane@example.com")
    old, new = mail_desk.tickets()
    assert len(mail_desk.messages(old.id)) == 1
    assert new.customer.id == old.customer.id
    assert new.subject == f"My lamp arrived broken [{ticket.reference}]"
