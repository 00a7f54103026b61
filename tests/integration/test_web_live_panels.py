"""The ticket page's tone badges, SLA clocks and live coach, and the inbox's urgency order."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import SlaDesk
from tests.integration.test_web_auth import browser, csrf_of, sign_in

CALM = "Hello, could you tell me when my order ships? Thanks!"
ANGRY = (
    "This is the third time I have written and it is STILL not fixed. "
    "I am furious, this is completely unacceptable!"
)
ABUSIVE = "You useless idiots, you are a bunch of clowns and I am sick of you."
sla_desk = sla_fixtures.sla_desk
FIRST_HOUR = {"kind": "first_response", "minutes": 60, "warn_percent": 75}


def _agent_browser(sd: SlaDesk) -> TestClient:
    client = browser(sd.desk)
    assert sign_in(client, sd.agent).status_code == 303
    return client


def _refs(html: str) -> list[str]:
    return re.findall(r'<a href="/tickets/(CD-\d+)">', html)


def test_the_inbox_puts_breached_and_angry_first_and_says_why(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    sd.configure(targets=[FIRST_HOUR])
    calm = sd.ticket(subject="When does it ship", message={"body": CALM})["reference"]  # due 60, warn 45
    sd.at(40)
    angry = sd.ticket(subject="Still broken", message={"body": ANGRY})["reference"]  # due 100, warn 85
    sd.at(45)
    angry_high = sd.ticket(subject="Broken again", message={"body": ANGRY}, priority="high")["reference"]
    sd.at(65)
    # Hand count at minute 65: calm is breached (4) + calm (0) = 4; angry_high runs (1) + angry (2) +
    # high (1) = 4, due later than calm; angry runs (1) + angry (2) = 3.
    client = _agent_browser(sd)
    page = client.get("/inbox").text
    assert _refs(page) == [calm, angry_high, angry]
    assert "Urgency 4: SLA breached 5 min ago (+4); customer calm (+0); normal priority (+0)." in page
    assert "Urgency 3: SLA due in 35 min (+1); customer angry (+2); normal priority (+0)." in page
    assert 'class="priority-normal sla-row--breached"' in page
    assert '<span class="mood-badge mood--angry">Angry</span>' in page
    assert "How is urgency worked out?" in page


def test_the_ticket_page_shows_tone_evidence_and_counting_clocks(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    sd.configure(targets=[FIRST_HOUR])
    reference = sd.ticket(subject="Still broken", message={"body": ANGRY})["reference"]
    sd.at(50)
    page = _agent_browser(sd).get(f"/tickets/{reference}").text
    assert '<span class="tone-badge tone--angry"' in page
    assert "<summary>Why angry?</summary>" in page
    assert '<mark title="has had to contact us again">third time</mark>' in page
    assert '<li class="clock clock--at_risk">' in page
    assert "data-countdown>in 10 min</time>" in page
    assert f'hx-get="/tickets/{reference}/sla-panel"' in page
    assert 'id="pause-advice"' not in page  # angry, not abusive
    sd.at(61)
    panel = _agent_browser(sd).get(f"/tickets/{reference}/sla-panel").text
    assert '<li class="clock clock--breached">' in panel and "1 min ago" in panel


def test_the_coach_reads_the_draft_and_offers_wording_and_a_pause_after_abuse(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    reference = sd.ticket(subject="Rude", message={"body": ABUSIVE})["reference"]
    client = _agent_browser(sd)
    page = client.get(f"/tickets/{reference}").text
    assert 'id="pause-advice"' in page and "Take a short pause before you answer" in page
    assert f'hx-post="/tickets/{reference}/coach"' in page
    token = csrf_of(page)

    refused = client.post(f"/tickets/{reference}/coach", data={"body": "Calm down."})
    assert refused.status_code == 403  # no CSRF token
    coached = client.post(
        f"/tickets/{reference}/coach",
        data={"body": "Calm down, you are wrong."},
        headers={"X-CSRF-Token": token, "HX-Request": "true"},
    )
    assert coached.status_code == 200
    html = coached.text
    assert '<mark title="tells to calm down">Calm down</mark>' in html
    assert 'data-replace="Calm down" data-with="I can hear how frustrating this has been."' in html
    assert 'data-insert="' in html  # suggested wording, e.g. the boundary statement
    assert 'id="pause-advice"' in html

    clean = client.post(
        f"/tickets/{reference}/coach", data={"body": ""}, headers={"X-CSRF-Token": token}
    ).text
    assert "data-replace" not in clean and 'id="pause-advice"' in clean
