"""The ticket page's tone badges, SLA clocks and live coach, and the inbox's urgency order."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.integration import sla_fixtures
from tests.integration.contractor_desk import ContractorDesk
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


def test_the_playbook_fits_the_setting_and_the_customer(sla_desk: SlaDesk) -> None:
    sd = sla_desk
    written = sd.ticket(subject="Rude", message={"body": ABUSIVE})["reference"]
    phoned = sd.ticket(subject="Calm call", message={"body": CALM}, channel="phone")["reference"]
    visited = sd.ticket(subject="Engineer visit", message={"body": ANGRY})["reference"]
    cd = ContractorDesk(sd.desk)
    technician = cd.contractor()
    body = {
        "contractor_id": technician.id,
        "customer_id": cd.customer(),
        "ticket_reference": visited,
        "scheduled_start": "2024-11-12T10:00:00+00:00",
        "scheduled_end": "2024-11-12T11:00:00+00:00",
    }
    booked = sd.desk.client.post("/api/v1/appointments", json=body, headers=cd.admin.headers)
    assert booked.status_code == 201, booked.text
    client = _agent_browser(sd)

    def playbook(reference: str) -> str:
        page = client.get(f"/tickets/{reference}").text
        start = page.index('id="playbook"')
        return page[start : page.index("</section>", start)]

    abusive = playbook(written)
    assert "In writing (email, chat, web) · abusive message" in abusive
    assert abusive.index("Pause before you answer") < abusive.index("Set a calm limit, with a choice")
    assert "Read your reply as they will" in abusive
    calm = playbook(phoned)
    assert "On the phone</p>" in calm and "Set a calm limit" not in calm.split("playbook-other")[0]
    assert "Let them tell the whole story" in calm
    field = playbook(visited)
    assert "Face to face (field visit) · customer upset" in field
    first_list = field.split("playbook-other")[0]
    for title in ("Move to a semi-private space", "Keep a respectful distance", "Neutral body language"):
        assert title in first_list
    assert "Allow silence and time to decide" in first_list
