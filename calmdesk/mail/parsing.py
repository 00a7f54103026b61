"""Parsing an email (pure): MIME → sender, threading headers, new text or HTML, and attachments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.errors import HeaderParseError
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from calmdesk.mail import loops, quoting, threads

# Labels that in practice mean windows-1252 (as browsers decode them, per the WHATWG).
_AS_CP1252 = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"})
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$|^[^@\s<>]+@localhost$")


class MalformedMail(ValueError):
    """The message cannot be read as an email a person sent (a permanent refusal)."""


@dataclass(frozen=True)
class RawAttachment:
    """A file from the message, before the store checks its type and size."""

    filename: str
    content_type: str
    data: bytes
    inline: bool


@dataclass(frozen=True)
class ParsedMail:
    """What calmdesk takes from one email."""

    message_id: str | None
    in_reply_to: list[str]
    references: list[str]
    sender: str
    sender_name: str
    recipients: list[str]
    subject: str
    text: str
    html: str | None
    attachments: list[RawAttachment] = field(default_factory=list)
    auto_reason: str | None = None
    is_forward: bool = False

    @property
    def thread_ids(self) -> list[str]:
        """Every Message-ID this one answers, nearest first."""
        return [*self.in_reply_to, *reversed(self.references)]


def _header(message: Message, name: str) -> str | None:
    try:
        value = message.get(name)
    except (HeaderParseError, ValueError, IndexError):
        return None
    return None if value is None else str(value)


def _raw_headers(message: Message) -> dict[str, str]:
    """Headers by lower-case name, unparsed (the first of each): for ids and flags, where
    decoding buys nothing and the header registry's parsing is most of the cost."""
    found: dict[str, str] = {}
    for name, value in message.raw_items():
        found.setdefault(name.lower(), " ".join(str(value).split()))
    return found


def decode_text(part: Message) -> str:
    """A text part's content as str, tolerant of wrong or unknown charset labels."""
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = (part.get_content_charset() or "us-ascii").lower()
    if charset in _AS_CP1252:
        charset = "cp1252"
    try:
        text = data.decode(charset, errors="replace")
    except LookupError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _filename(part: Message, index: int) -> str:
    name = part.get_filename()
    if name:
        return name.replace("/", "_").replace("\\", "_").strip()[:255] or f"attachment-{index}"
    subtype = part.get_content_subtype()
    return f"attachment-{index}.{subtype if subtype.isalnum() else 'bin'}"


def _walk(message: Message, chosen: set[int]) -> list[RawAttachment]:
    """Every non-body leaf part; a forwarded message (message/rfc822) is kept as one file."""
    found: list[RawAttachment] = []

    def visit(part: Message) -> None:
        if part.get_content_maintype() == "multipart":
            for child in part.get_payload() or []:
                if isinstance(child, Message):
                    visit(child)
            return
        if id(part) in chosen:
            return
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            data = (
                inner[0].as_bytes()
                if isinstance(inner, list) and inner and isinstance(inner[0], Message)
                else b""
            )
        else:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
        disposition = (part.get_content_disposition() or "").lower()
        found.append(
            RawAttachment(
                filename=_filename(part, len(found) + 1),
                content_type=part.get_content_type(),
                data=data,
                inline=disposition == "inline" or part.get("Content-ID") is not None,
            )
        )

    visit(message)
    return found


def _body_parts(message: EmailMessage) -> tuple[Message | None, Message | None]:
    try:
        plain = message.get_body(preferencelist=("plain",))
        rich = message.get_body(preferencelist=("html",))
    except (KeyError, ValueError):
        return None, None
    return plain, rich


def _sender(message: Message) -> tuple[str, str]:
    raw = _header(message, "From") or ""
    name, address = parseaddr(raw)
    address = address.strip().lower()
    if not _ADDRESS.match(address):
        raise MalformedMail(f"the From header holds no usable address: {raw[:100]!r}")
    return address, name.strip()


def parse_mail(raw: bytes, *, envelope_sender: str | None = None) -> ParsedMail:
    """Reads one email; raises MalformedMail when it has no sender or no readable structure."""
    if not raw.strip():
        raise MalformedMail("the message is empty")
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise MalformedMail("the message has no headers")
    sender, sender_name = _sender(message)
    subject = " ".join((_header(message, "Subject") or "").split())[:998]
    plain, rich = _body_parts(message)
    html = decode_text(rich) if rich is not None else None
    text = decode_text(plain) if plain is not None else ""
    forward = threads.is_forward(subject) or quoting.is_forwarded(text or html or "")
    headers = _raw_headers(message)
    in_reply_to = threads.message_ids(headers.get("in-reply-to"))
    references = threads.message_ids(headers.get("references"))
    if not forward and (in_reply_to or references or threads.is_reply_subject(subject)):
        text = quoting.trim_text(text) if text else text
        html = quoting.trim_html(html) if html else html
    chosen = {id(part) for part in (plain, rich) if part is not None}
    recipients = [
        address.lower()
        for _, address in getaddresses([_header(message, name) or "" for name in ("To", "Cc")])
        if address
    ]
    return ParsedMail(
        message_id=threads.one_message_id(headers.get("message-id")),
        in_reply_to=in_reply_to,
        references=references,
        sender=sender,
        sender_name=sender_name,
        recipients=recipients,
        subject=subject,
        text=text.strip(),
        html=html,
        attachments=_walk(message, chosen),
        auto_reason=loops.auto_reply_reason(
            lambda name: headers.get(name.lower()),
            sender=sender,
            envelope_sender=envelope_sender,
            content_type=message.get_content_type(),
        ),
        is_forward=forward,
    )
