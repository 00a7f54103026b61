"""Shared set-up for the incident tests: outage reports from several customers, and a detection pass."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import select

from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.incidents import jobs
from calmdesk.incidents.detection import DetectResult
from calmdesk.notify.models import OutboxMessage
from calmdesk.staff.models import Team, TeamSkill, staff_teams
from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk

_serial = itertools.count(1)

OUTAGE = (
    (
        "Checkout fails with error 502 when I pay by card",
        "Every time I pay by card at checkout I get error 502.",
    ),
    (
        "Error 502 at checkout, card payment fails",
        "Checkout shows error 502 bad gateway when paying by card.",
    ),
    (
        "Card payment at checkout gives 502 error",
        "I tried to pay by card three times; checkout gives a 502 error.",
    ),
    ("Checkout error 502 - cannot pay", "Paying by card at checkout fails with a 502 error page."),
    (
        "502 error on checkout card payment",
        "The checkout page returns error 502 whenever I try to pay by card.",
    ),
)
UNRELATED = (
    ("Wrong colour sofa delivered", "I ordered the grey sofa and a green one turned up on Tuesday."),
    ("How do I change my address?", "We moved house last month; please update the delivery address."),
)


def report(
    desk: Desk, agent: Account, subject: str, body: str, *, email: str | None = None
) -> dict[str, Any]:
    """One customer's ticket about ``subject`` (a new customer unless ``email`` is given)."""
    n = next(_serial)
    customer = {"name": f"Reporter {n}", "email": email or f"reporter{n}@example.com"}
    return desk.new_ticket(agent, subject=subject, customer=customer, message={"body": body})


def detect(desk: Desk, **overrides: Any) -> DetectResult:
    """Runs one detection pass as the worker would."""
    settings = Settings(environment="test", database_url=desk.database.url, **overrides)
    return jobs.detect(desk.database, settings=settings, now=utcnow())


def engineer(desk: Desk) -> Account:
    """An agent in a team with the engineering skill."""
    account = desk.account(Role.AGENT, name="Eng Ineer")
    with desk.database.unit_of_work() as db:
        team = Team(name=f"Engineering {account.id}", skills=[TeamSkill(skill="engineering")])
        db.add(team)
        db.flush()
        db.execute(staff_teams.insert().values(staff_id=account.id, team_id=team.id))
    return account


def outbox(desk: Desk, topic: str) -> list[OutboxMessage]:
    """The queued notifications of one topic."""
    with desk.database.session(read_only=True) as db:
        return list(db.scalars(select(OutboxMessage).where(OutboxMessage.topic == topic)))
