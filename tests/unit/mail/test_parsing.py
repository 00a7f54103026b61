"""Real-world message shapes parse into the right sender, threading keys, new text and files."""

from __future__ import annotations

from pathlib import Path

import pytest

from calmdesk.mail.parsing import MalformedMail, ParsedMail, parse_mail
from calmdesk.sanitize import clean_html, html_to_text

MESSAGES = Path(__file__).with_name("messages")


def _parse(name: str, *, envelope_sender: str | None = None) -> ParsedMail:
    return parse_mail((MESSAGES / name).read_bytes(), envelope_sender=envelope_sender)


def test_gmail_reply_keeps_only_the_new_words() -> None:
    mail = _parse("gmail_reply.eml")
    assert mail.sender == "jane.doe@gmail.example.com"
    assert mail.sender_name == "Jane Doe"
    assert mail.message_id == "<CAJx9Lq3Vb2=kLm0p@mail.gmail.example.com>"
    assert mail.in_reply_to == ["<cd.12.aaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbb@desk.example.com>"]
    assert (
        mail.text == "Thanks — the replacement lamp still hasn't shipped though.\nCan you check the courier?"
    )
    assert mail.html is not None
    shown = html_to_text(clean_html(mail.html))
    assert "courier" in shown
    assert "replacement is on its way" not in shown
    assert "wrote" not in shown
    assert mail.auto_reason is None
    assert mail.attachments == []


def test_outlook_reply_in_windows_1252_is_decoded_and_trimmed() -> None:
    mail = _parse("outlook_reply_cp1252.eml")
    assert mail.subject == "RE: Invoice 2211 charged twice [CD-40]"
    assert "That\u2019s not good enough \u2013 I was charged £45.00 twice" in mail.text
    assert "billing team" not in mail.text
    assert "________" not in mail.text
    assert mail.html is not None
    shown = html_to_text(clean_html(mail.html))
    assert "That\u2019s not good enough \u2013 I was charged £45.00 twice" in shown
    assert "billing team" not in shown


def test_latin1_label_with_windows_quotes_decodes_like_a_browser() -> None:
    mail = _parse("latin1_plain.eml")
    assert mail.sender_name == "Renée Lefèvre"
    assert mail.subject == "Problème de livraison"
    assert mail.text == "Bonjour, le colis nétait pas là. Il est “perdu” depuis 3 jours.\nMerci, Renée"
    assert mail.html is None


def test_inline_image_and_attachments_are_found() -> None:
    mail = _parse("inline_image.eml")
    files = {a.filename: a for a in mail.attachments}
    assert set(files) == {"hinge.png", "receipt.pdf", "fix.exe"}
    assert files["hinge.png"].inline is True
    assert files["hinge.png"].content_type == "image/png"
    assert files["hinge.png"].data.startswith(b"\x89PNG")
    assert files["receipt.pdf"].inline is False
    assert files["receipt.pdf"].data.startswith(b"%PDF")
    assert mail.html is not None and "<script>" in mail.html  # raw here; sanitised when stored
    assert "<script>" not in clean_html(mail.html)


def test_forwarded_mail_is_kept_whole() -> None:
    mail = _parse("forwarded.eml")
    assert mail.is_forward is True
    assert "Nobody came." in mail.text
    assert "Your engineer will visit on Saturday" in mail.text


def test_apple_mail_reply_is_trimmed_in_text_and_html() -> None:
    mail = _parse("apple_reply.eml")
    assert mail.text == "It dropped again at 2pm, three times in an hour."
    assert mail.html is not None
    assert "restart the router" not in html_to_text(clean_html(mail.html))
    assert "three times" in html_to_text(clean_html(mail.html))


@pytest.mark.parametrize(
    ("name", "envelope_sender", "reason"),
    [
        ("bounce.eml", "", "delivery report"),
        ("bounce.eml", "mailer-daemon@mx.example.com", "delivery report"),
        ("out_of_office.eml", "jane.doe@gmail.example.com", "Auto-Submitted: auto-replied"),
    ],
)
def test_machine_mail_is_recognised(name: str, envelope_sender: str, reason: str) -> None:
    assert (_parse(name, envelope_sender=envelope_sender).auto_reason or "").startswith(reason)


def test_a_persons_mail_is_not_machine_mail() -> None:
    assert _parse("forwarded.eml", envelope_sender="tom@example.net").auto_reason is None


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"this is not an email at all",
        b"Subject: no sender\r\n\r\nhello\r\n",
        b"From: nobody\r\nSubject: bad sender\r\n\r\nhello\r\n",
    ],
)
def test_unusable_messages_are_malformed(raw: bytes) -> None:
    with pytest.raises(MalformedMail):
        parse_mail(raw)


def test_a_message_forwarded_as_an_attachment_is_kept_as_one_file() -> None:
    mail = _parse("forwarded_as_attachment.eml")
    assert mail.text == "The booking email is attached."
    [attached] = mail.attachments
    assert attached.filename == "booking.eml"
    assert attached.content_type == "message/rfc822"
    inner = parse_mail(attached.data)
    assert inner.message_id == "<booking-77@harbourline.example.com>"
    assert inner.text == "Your engineer will visit on Saturday."
    assert mail.in_reply_to == []  # the inner message's headers are not the outer one's
