"""The incident pages: supervisors confirm and resolve, agents read and link, forms are signed."""

from __future__ import annotations

from calmdesk.incidents import cache
from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.incident_desk import OUTAGE, UNRELATED, detect, report
from tests.integration.test_web_auth import csrf_of, signed_in


def _proposed(desk: Desk) -> tuple[int, list[str]]:
    cache.clear()
    agent = desk.account()
    references = [report(desk, agent, subject, body)["reference"] for subject, body in OUTAGE[:3]]
    return detect(desk).proposed[0], references


def test_a_supervisor_confirms_and_resolves_from_the_page(desk: Desk) -> None:
    incident_id, references = _proposed(desk)
    client, _supervisor = signed_in(desk, Role.SUPERVISOR)
    listing = client.get("/incidents")
    assert listing.status_code == 200 and f'href="/incidents/{incident_id}"' in listing.text
    page = client.get(f"/incidents/{incident_id}")
    assert all(reference in page.text for reference in references)
    assert "Confirm and tell engineering" in page.text
    token = csrf_of(page.text)
    confirmed = client.post(
        f"/incidents/{incident_id}/confirm",
        data={"csrf_token": token, "title": "Checkout 502s"},
        follow_redirects=False,
    )
    assert confirmed.status_code == 303
    page = client.get(confirmed.headers["location"])
    assert "Incident confirmed" in page.text and "Checkout 502s" in page.text
    assert "Resolve and update 3 customers" in page.text
    resolved = client.post(
        f"/incidents/{incident_id}/resolve",
        data={
            "csrf_token": token,
            "update": "Fixed. Does checkout work for you now?",
            "ticket_status": "resolved",
        },
        follow_redirects=False,
    )
    assert resolved.status_code == 303
    again = client.post(
        f"/incidents/{incident_id}/resolve",
        data={"csrf_token": token, "update": "Fixed again?", "ticket_status": "resolved"},
    )
    assert again.status_code == 409 and "only open incidents can be resolved" in again.text


def test_agents_see_no_decision_forms_and_cannot_post_them(desk: Desk) -> None:
    incident_id, _ = _proposed(desk)
    client, agent = signed_in(desk)
    page = client.get(f"/incidents/{incident_id}")
    assert page.status_code == 200
    assert "Confirm and tell engineering" not in page.text and "Link ticket" in page.text
    token = csrf_of(page.text)
    refused = client.post(f"/incidents/{incident_id}/confirm", data={"csrf_token": token})
    assert refused.status_code == 403
    extra = report(desk, agent, *UNRELATED[0])["reference"]
    linked = client.post(
        f"/incidents/{incident_id}/link", data={"csrf_token": token, "ticket": extra}, follow_redirects=False
    )
    assert linked.status_code == 303
    twice = client.post(f"/incidents/{incident_id}/link", data={"csrf_token": token, "ticket": extra})
    assert twice.status_code == 409 and "already linked" in twice.text
    unsigned = client.post(f"/incidents/{incident_id}/link", data={"ticket": extra})
    assert unsigned.status_code in (400, 403)


def test_the_ticket_page_offers_to_link_a_lookalike_ticket(desk: Desk) -> None:
    incident_id, references = _proposed(desk)
    client, agent = signed_in(desk)
    fresh = report(desk, agent, *OUTAGE[4])["reference"]
    ticket_page = client.get(f"/tickets/{fresh}")
    assert f'hx-get="/incidents/for-ticket/{fresh}"' in ticket_page.text
    hint = client.get(f"/incidents/for-ticket/{fresh}")
    assert hint.status_code == 200
    assert f'action="/incidents/{incident_id}/link"' in hint.text and "Link this ticket" in hint.text
    linked_hint = client.get(f"/incidents/for-ticket/{references[0]}")
    assert "This ticket is linked." in linked_hint.text
    unrelated = report(desk, agent, *UNRELATED[1])["reference"]
    assert "panel--incidents" not in client.get(f"/incidents/for-ticket/{unrelated}").text
