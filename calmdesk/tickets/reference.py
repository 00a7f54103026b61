"""Human ticket references such as ``CD-1042``."""

from __future__ import annotations

import re

from calmdesk.config import get_settings
from calmdesk.errors import NotFound

_REFERENCE = re.compile(r"^([A-Za-z]{1,8})-(\d{1,18})$")


def format_reference(ticket_id: int) -> str:
    """Returns the reference people use for a ticket id."""
    return f"{get_settings().ticket_prefix}-{ticket_id}"


def parse_reference(reference: str) -> int:
    """Returns the ticket id in a reference, or raises NotFound for anything else."""
    match = _REFERENCE.match(reference.strip())
    if match is None or match.group(1).upper() != get_settings().ticket_prefix:
        raise NotFound("ticket", reference)
    return int(match.group(2))
