"""The dashboard page: who may open it, and that it shows the insights' numbers and chart data."""

from __future__ import annotations

import html
import json
import re

from calmdesk.staff.roles import Role
from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import SlaDesk
from tests.integration.test_insights import _desk
from tests.integration.test_web_auth import browser, sign_in

sla_desk = sla_fixtures.sla_desk


def _charts(page: str) -> dict[str, dict[str, object]]:
    found = re.findall(r"<canvas id=\"chart-([\w-]+)\"[^>]*data-chart='([^']*)'", page)
    return {name: json.loads(html.unescape(data)) for name, data in found}


def test_supervisors_see_the_dashboard_and_agents_do_not(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    tickets = _desk(sd)
    sd.at(30)
    agent = browser(sd.desk)
    sign_in(agent, sd.agent)
    assert agent.get("/dashboard").status_code == 403
    assert 'href="/dashboard"' not in agent.get("/inbox").text

    lead = browser(sd.desk)
    sign_in(lead, sd.supervisor)
    page = lead.get("/dashboard").text
    assert '<a href="/dashboard" aria-current="page">Dashboard</a>' in page
    attention = page[page.index('id="attention"') : page.index('id="awaiting-ack"')]
    assert attention.index(tickets["t2"]["reference"]) < attention.index(tickets["t4"]["reference"])
    assert tickets["t5"]["reference"] not in attention
    assert "None waiting." in page and "None open." in page and "None due." in page

    charts = _charts(page)
    assert set(charts) >= {
        "mood_agents",
        "mood_teams",
        "cause-category",
        "cause-channel",
        "cause-tag",
        "cause-hand-off",
    }
    category = charts["cause-category"]
    assert category["labels"] == ["billing", "delivery", "(none)"]
    series = {s["label"]: s["data"] for s in category["series"]}  # type: ignore[attr-defined]
    # Within 30 days billing also holds the angry ticket opened two days earlier: 2 of 3 angry.
    assert series == {
        "Anger %": [66.7, 100.0, 0.0],
        "Escalation %": [33.3, 0.0, 0.0],
        "Breach %": [33.3, 0.0, 0.0],
    }
    assert sorted(charts["mood_agents"]["labels"]) == ["Ada Agent", "Bea Other"]  # type: ignore[call-overload]
    assert '<td data-label="Name">Ada Agent</td><td class="num" data-label="Contacts">2</td>' in page
    assert lead.get("/dashboard", params={"days": "7"}).status_code == 200

    manager = browser(sd.desk)
    sign_in(manager, sd.desk.account(Role.HR_MANAGER))
    assert manager.get("/dashboard").status_code == 200  # audit readers too
