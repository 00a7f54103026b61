"""Recognising mail no person wrote (pure): auto-replies, bounces, lists. They never open tickets.

Follows RFC 3834 (``Auto-Submitted``), the de-facto ``Precedence`` and Microsoft headers,
and RFC 3464/6522 delivery reports.
"""

from __future__ import annotations

from collections.abc import Callable

_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
_BOUNCE_SENDERS = frozenset({"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"})
_MICROSOFT_AUTO = ("all", "oof", "autoreply")


def auto_reply_reason(
    header: Callable[[str], str | None], *, sender: str | None, envelope_sender: str | None, content_type: str
) -> str | None:
    """Why a message is machine-sent (a short reason for the log), or None for a person's mail.

    ``header`` returns a header's value (None when absent); ``envelope_sender`` is MAIL FROM
    ("" for the null sender bounces use), None when not known.
    """
    auto_submitted = (header("Auto-Submitted") or "").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = (header("Precedence") or "").strip().lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    if header("X-Autoreply") or header("X-Autorespond"):
        return "X-Autoreply"
    suppress = (header("X-Auto-Response-Suppress") or "").lower()
    if any(word in suppress for word in _MICROSOFT_AUTO):
        return "X-Auto-Response-Suppress"
    if header("List-Id") or header("List-Unsubscribe"):
        return "mailing list"
    if content_type.lower() == "multipart/report":
        return "delivery report"
    if envelope_sender == "":
        return "null envelope sender (a bounce)"
    for address in (sender, envelope_sender):
        if address and address.split("@")[0].lower() in _BOUNCE_SENDERS:
            return f"bounce from {address}"
    return None
