"""Threading keys (pure): Message-ID lists, calmdesk's own signed Message-IDs, references in subjects."""

from __future__ import annotations

import hashlib
import hmac
import re

_ID = re.compile(r"<([^<>\s]{1,490})>")
_OURS = re.compile(r"^<cd\.(\d{1,18})\.([0-9a-f]{20})\.([0-9a-f]{12})@[^<>\s]+>$")
_REPLY_PREFIX = re.compile(r"^\s*((re|aw|sv|antw|réf|ref)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_FORWARD_PREFIX = re.compile(r"^\s*(fwd?|tr|wg)\s*:", re.IGNORECASE)


def message_ids(header: str | None) -> list[str]:
    """The ``<id>`` values in a Message-ID, In-Reply-To or References header, in order."""
    if not header:
        return []
    return [f"<{value}>" for value in _ID.findall(header)]


def one_message_id(header: str | None) -> str | None:
    """The first ``<id>`` of a header, or None when it holds none."""
    found = message_ids(header)
    return found[0] if found else None


def _signature(secret: str, ticket_id: int, digest: str) -> str:
    return hmac.new(secret.encode(), f"{ticket_id}.{digest}".encode(), hashlib.sha256).hexdigest()[:12]


def make_message_id(*, ticket_id: int, dedupe_key: str, secret: str, domain: str) -> str:
    """The fixed Message-ID of one outbound customer email: same outbox row, same id.

    It names the ticket and is signed with the server's key, so a reply's In-Reply-To leads
    back to the ticket even for mail queued by other code, and cannot be forged to reach
    somebody else's ticket.
    """
    digest = hashlib.sha256(dedupe_key.encode()).hexdigest()[:20]
    return f"<cd.{ticket_id}.{digest}.{_signature(secret, ticket_id, digest)}@{domain}>"


def ticket_of_message_id(value: str, *, secret: str) -> int | None:
    """The ticket id inside one of calmdesk's own Message-IDs, if the signature holds."""
    match = _OURS.match(value)
    if match is None:
        return None
    ticket_id, digest, signature = int(match.group(1)), match.group(2), match.group(3)
    if not hmac.compare_digest(signature, _signature(secret, ticket_id, digest)):
        return None
    return ticket_id


def reference_in_subject(subject: str, *, prefix: str) -> int | None:
    """The ticket id of a reference such as ``[CD-1042]`` or ``CD-1042`` in a subject line."""
    match = re.search(rf"(?<![A-Za-z0-9]){re.escape(prefix)}-(\d{{1,18}})(?![0-9])", subject, re.IGNORECASE)
    return int(match.group(1)) if match else None


def is_forward(subject: str) -> bool:
    """True for subjects such as ``Fwd: …`` or ``FW: …``."""
    return bool(_FORWARD_PREFIX.match(subject))


def is_reply_subject(subject: str) -> bool:
    """True for subjects such as ``Re: …`` or ``AW: …``."""
    return bool(_REPLY_PREFIX.match(subject))


def strip_reply_prefix(subject: str) -> str:
    """The subject without its ``Re:`` prefixes (for a new ticket's subject)."""
    return _REPLY_PREFIX.sub("", subject).strip()


def outbound_subject(subject: str, reference: str) -> str:
    """The subject of an email to the customer, carrying the ticket reference once."""
    if reference.lower() in subject.lower():
        return subject
    return f"{subject} [{reference}]"


def domain_of(address: str) -> str:
    """The domain part of an address (``localhost`` when it has none)."""
    _, _, domain = address.rpartition("@")
    return domain.strip(" >").lower() or "localhost"
