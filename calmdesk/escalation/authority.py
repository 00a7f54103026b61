"""Who may receive an escalation and who may grant a policy exception (pure: no I/O).

The chain runs agent → supervisor → manager → Head of Operations (``staff.roles.RANK``);
the HR manager sits beside it at a manager's rank and takes staff-conduct cases.
A policy exception is granted by someone of a higher rank than the person who asked
for it, and never by that person (four eyes). Admins configure the desk; they do not
grant exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calmdesk.staff.roles import RANK, Role

# Who grants exceptions: the chain itself. HR and admins sit beside it and grant none.
APPROVERS = frozenset({Role.SUPERVISOR, Role.MANAGER, Role.HEAD_OF_OPERATIONS})
# How far up a reporting line calmdesk looks before giving up (a loop is refused on save anyway).
MAX_HOPS = 12


@dataclass(frozen=True)
class Person:
    """A staff member as the chain sees them."""

    id: int
    name: str
    role: str
    reports_to_id: int | None
    is_active: bool = True

    @property
    def rank(self) -> int:
        """The person's rank in the chain (0 for roles outside it)."""
        try:
            return RANK[Role(self.role)]
        except ValueError:
            return 0


@dataclass(frozen=True)
class Refusal:
    """Why someone may not do something: a code, a message, and the HTTP status."""

    code: str
    message: str
    status: int = 403


def next_rung(
    directory: Mapping[int, Person], start_id: int, *, above_rank: int | None = None
) -> Person | None:
    """The nearest active person up ``start_id``'s reporting line who outranks them (or ``above_rank``)."""
    start = directory.get(start_id)
    if start is None:
        return None
    floor = start.rank if above_rank is None else above_rank
    current = start
    for _ in range(MAX_HOPS):
        if current.reports_to_id is None:
            return None
        boss = directory.get(current.reports_to_id)
        if boss is None:
            return None
        if boss.is_active and boss.rank > floor:
            return boss
        current = boss
    return None


def receiver_refusal(escalator: Person, receiver: Person) -> Refusal | None:
    """Why ``receiver`` cannot take a hierarchical escalation from ``escalator`` (None: they can)."""
    if not receiver.is_active:
        return Refusal("receiver_inactive", f"{receiver.name} is not active on the desk", 422)
    if receiver.id == escalator.id:
        return Refusal("receiver_is_escalator", "you cannot escalate a ticket to yourself", 422)
    # HR sits beside the chain: anyone may bring it a staff-conduct case.
    if receiver.role != Role.HR_MANAGER and receiver.rank <= escalator.rank:
        return Refusal(
            "receiver_not_senior",
            f"{receiver.name} ({receiver.role.replace('_', ' ')}) is not above you in the chain; "
            "escalate to a supervisor, manager or the Head of Operations",
            422,
        )
    return None


def approval_refusal(approver: Person, requester: Person | None) -> Refusal | None:
    """Why ``approver`` may not grant an exception ``requester`` asked for (None: they may)."""
    if requester is not None and approver.id == requester.id:
        return Refusal(
            "own_exception", "you cannot approve an exception you asked for; someone senior must decide it"
        )
    if approver.role not in APPROVERS:
        return Refusal(
            "not_an_approver", "policy exceptions are granted by a supervisor, manager or Head of Operations"
        )
    if requester is not None and approver.rank <= requester.rank:
        return Refusal(
            "approver_not_senior",
            f"an exception {requester.name} asked for needs someone of a higher rank than theirs to grant it",
        )
    return None
