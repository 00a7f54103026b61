"""The outbound customer email carries the threading headers and the ticket reference."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from calmdesk.mail.headers import Thread, build_customer_email

PAYLOAD: dict[str, object] = {
    "to": "jane@example.com",
    "name": "Jane Doe",
    "subject": "Re: Lamp arrived broken",
    "text": "A new lamp ships today.",
    "message_id": 7,
}
THREAD = Thread(
    message_id="<cd.1.x@desk>", in_reply_to="<first@example.com>", references=("<first@example.com>",)
)


def _build(topic: str, thread: Thread = THREAD) -> EmailMessage:
    return build_customer_email(
        payload=PAYLOAD,
        topic=topic,
        reference="CD-1",
        thread=thread,
        sender="Support <support@desk.example.com>",
        reply_to="support@desk.example.com",
        delivery_key="customer:reply:7",
        sent_at=datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
    )


def test_a_reply_threads_and_names_the_ticket() -> None:
    message = _build("ticket.reply")
    assert str(message["Subject"]) == "Re: Lamp arrived broken [CD-1]"
    assert message["To"] == "Jane Doe <jane@example.com>"
    assert message["Message-ID"] == "<cd.1.x@desk>"
    assert message["In-Reply-To"] == "<first@example.com>"
    assert message["References"] == "<first@example.com>"
    assert message["Reply-To"] == "support@desk.example.com"
    assert message["Auto-Submitted"] is None  # a person wrote it


def test_mail_calmdesk_writes_itself_is_marked_automatic() -> None:
    assert _build("ticket.acknowledged")["Auto-Submitted"] == "auto-replied"
    assert _build("escalation.notice")["Auto-Submitted"] == "auto-generated"


def test_the_first_email_of_a_thread_has_no_in_reply_to() -> None:
    message = _build("survey.invite", Thread(message_id="<cd.1.y@desk>", in_reply_to=None, references=()))
    assert message["In-Reply-To"] is None
    assert message["References"] is None
