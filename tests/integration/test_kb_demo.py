"""The demo desk's knowledge base: 30+ published, owned articles that answer its own tickets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from calmdesk.config import get_settings
from calmdesk.demo import loader
from calmdesk.kb.models import Article
from calmdesk.staff.roles import Role
from calmdesk.tickets.models import Ticket
from tests.integration.conftest import Desk

# Demo ticket subject -> the start of the title of the article that solves it.
FIRST = {
    "Washing machine showing E21": "AquaPro 9: error E21",
    "Thermostat won't reconnect after new router": "HearthLink thermostat offline",
    "Heat pump keeps losing pressure": "ThermaNest heat pump",
    "missed delivery AGAIN": "Missed a delivery",
    "App logs me out every 5 minutes": "Harbourline app keeps",
    "Sign-in codes never arrive on my Canadian number": "Sign-in codes",
    "[PartsHub integration] 429 on catalogue sync": "Partner API: rate limits",
    "Cancelled Total Care but charged two more months": "Cancelling a Total Care plan",
    "Invoices without my VAT ID": "Invoices: VAT numbers",
    "I've been sent someone else's invoice": "A customer received someone else's",
    "Both sterilisation-room dishwashers showing E24": "CleanSweep dishwashers: error E24",
    "Discount code WELCOME10 not applied": "Discount code not accepted",
}
# Known weaknesses, where a product name outweighs the problem: "HearthLink thermostat" pulls
# the thermostat articles above the refund one in both rankings, and on PostgreSQL "fridge"
# pulls the FrostLine article above the damaged-delivery one. They make the panel, not the top.
IN_PANEL = {
    "Refund for returned thermostat not received": "Refunds: how long",
    "Fridge delivered with a dented door": "Appliance delivered damaged",
}


@pytest.fixture
def full_analysis(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The demo desk's default: the MiniLM encoder runs, so articles get vectors."""
    monkeypatch.setenv("CALMDESK_ANALYSIS_MODE", "full")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_the_demo_articles_load_and_answer_the_demo_tickets(desk: Desk, full_analysis: None) -> None:
    with desk.database.unit_of_work() as db:
        loader.load(db)
    with desk.database.session(read_only=True) as db:
        articles = list(db.scalars(select(Article)))
        references = {
            t.subject: t.reference
            for t in db.scalars(select(Ticket).where(Ticket.subject.in_([*FIRST, *IN_PANEL])))
        }
    assert len(articles) >= 30
    assert all(a.is_published and a.owner_id is not None and a.reviewed_on for a in articles)
    assert all(a.body_text and "<script" not in a.body_html and a.embedding for a in articles)
    assert set(references) == {*FIRST, *IN_PANEL}
    agent = desk.account(Role.AGENT)
    for subject, reference in references.items():
        found = desk.client.get(f"/api/v1/tickets/{reference}/suggestions", headers=agent.headers).json()
        assert found["method"] == "hybrid" and found["experts"], subject
        titles = [hit["article"]["title"] for hit in found["articles"]]
        if subject in FIRST:
            assert titles[0].startswith(FIRST[subject]), (subject, titles)
        else:
            assert any(title.startswith(IN_PANEL[subject]) for title in titles[:5]), (subject, titles)
