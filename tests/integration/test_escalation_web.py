"""The ticket page's escalation panel: the drafted brief, the escalate form, the receiver's banner."""

from __future__ import annotations

from fastapi.testclient import TestClient

from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk
from tests.integration.test_web_auth import browser, csrf_of, sign_in


def _signed_in(desk: Desk, account: Account) -> TestClient:
    client = browser(desk)
    assert sign_in(client, account).status_code == 303
    return client


def test_an_agent_escalates_from_the_ticket_page_and_only_the_receiver_acknowledges(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR, name="Sam Supervisor")
    agent = desk.account(Role.AGENT, reports_to=supervisor.id, name="Ada Agent")
    reference = desk.new_ticket(agent, subject="Lamp arrived broken", assignee_id=agent.id)["reference"]
    agent_browser, supervisor_browser = _signed_in(desk, agent), _signed_in(desk, supervisor)
    page = agent_browser.get(f"/tickets/{reference}")
    assert page.status_code == 200 and "Escalate this ticket" in page.text
    assert "Lamp arrived broken. The box was crushed" in page.text  # the drafted problem
    form = {
        "csrf_token": csrf_of(page.text),
        "kind": "hierarchical",
        "reason_code": "beyond_authority",
        "problem": "Lamp arrived broken",
        "impact": "The customer has no lamp",
        "notify_customer": "on",
    }
    refused = agent_browser.post(f"/tickets/{reference}/escalate", data=form)
    assert refused.status_code == 422
    assert "at least one problem goal" in refused.text and "at least one people goal" in refused.text
    assert 'value="beyond_authority" selected' in refused.text  # what the agent chose is kept
    form |= {
        "problem_goals": "Replacement lamp by Friday",
        "people_goals": "Customer trusts the Friday promise",
    }
    sent = agent_browser.post(f"/tickets/{reference}/escalate", data=form, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    after = agent_browser.get(sent.headers["location"])
    assert "Escalated with the brief" in after.text and "Awaiting acknowledgement" in after.text
    assert "Escalated to you" not in after.text  # the agent is not the receiver

    banner = supervisor_browser.get(f"/tickets/{reference}")
    assert "Escalated to you by Ada Agent" in banner.text
    assert "Replacement lamp by Friday" in banner.text and "Your call plan" in banner.text
    escalation_id = banner.text.split('id="escalation-brief-')[1].split('"')[0]
    url = f"/tickets/{reference}/escalations/{escalation_id}/acknowledge"
    wrong = agent_browser.post(url, data={"csrf_token": csrf_of(after.text)})
    assert wrong.status_code == 403 and "nobody can acknowledge on their behalf" in wrong.text
    done = supervisor_browser.post(url, data={"csrf_token": csrf_of(banner.text)}, follow_redirects=False)
    assert done.status_code == 303
    again = supervisor_browser.get(f"/tickets/{reference}")
    assert "Escalated to you" not in again.text and "Acknowledged by Sam Supervisor" in again.text
    outcome_url = f"/tickets/{reference}/escalations/{escalation_id}/outcome"
    recorded = supervisor_browser.post(
        outcome_url,
        data={"csrf_token": csrf_of(again.text), "outcome": "Replacement sent"},
        follow_redirects=False,
    )
    assert recorded.status_code == 303
    assert "Outcome: Replacement sent" in supervisor_browser.get(f"/tickets/{reference}").text
