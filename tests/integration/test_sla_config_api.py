"""Admins configure calendars, policies and chains; readable refusals; the compliance report."""

from __future__ import annotations

from typing import Any

from tests.integration import sla_fixtures
from tests.integration.sla_fixtures import ALWAYS_OPEN, SlaDesk

sla_desk = sla_fixtures.sla_desk


def request(sla_desk: SlaDesk, method: str, path: str, body: Any = None, **headers: str) -> Any:
    return sla_desk.desk.client.request(
        method, f"/api/v1/sla{path}", json=body, headers={**sla_desk.admin.headers, **headers}
    )


def test_calendars_are_validated_and_kept_in_their_plain_form(sla_desk: SlaDesk) -> None:
    bad = request(
        sla_desk, "POST", "/calendars", {"name": "Mars", "definition": {"time_zone": "Mars/Olympus"}}
    )
    assert bad.status_code == 422
    assert "unknown time zone 'Mars/Olympus'" in bad.json()["error"]["message"]
    overlapping = {"time_zone": "UTC", "weekly": {"mon": ["09:00-13:00", "12:00-17:00"]}}
    refused = request(sla_desk, "POST", "/calendars", {"name": "Overlap", "definition": overlapping})
    assert refused.status_code == 422 and "overlap" in refused.json()["error"]["message"]
    created = request(sla_desk, "POST", "/calendars", {"name": "Office", "definition": ALWAYS_OPEN})
    assert created.status_code == 201
    calendar = created.json()
    assert calendar["definition"]["weekly"]["sun"] == ["00:00-24:00"]
    stale = request(
        sla_desk, "PATCH", f"/calendars/{calendar['id']}", {"name": "Late"}, **{"If-Match": '"9"'}
    )
    assert stale.status_code == 412
    renamed = request(sla_desk, "PATCH", f"/calendars/{calendar['id']}", {"name": "Day and night"})
    assert renamed.status_code == 200 and renamed.json()["version"] == 2
    duplicate = request(sla_desk, "POST", "/calendars", {"name": "Day and night", "definition": ALWAYS_OPEN})
    assert duplicate.status_code == 409


def test_a_calendar_in_use_cannot_be_deleted(sla_desk: SlaDesk) -> None:
    policy = sla_desk.configure(targets=[{"kind": "resolution", "minutes": 60}])
    in_use = request(sla_desk, "DELETE", f"/calendars/{policy['calendar_id']}")
    assert in_use.status_code == 409 and in_use.json()["error"]["code"] == "calendar_in_use"
    assert request(sla_desk, "DELETE", f"/policies/{policy['id']}").status_code == 204
    assert request(sla_desk, "DELETE", f"/calendars/{policy['calendar_id']}").status_code == 204
    assert request(sla_desk, "GET", f"/calendars/{policy['calendar_id']}").status_code == 404


def test_policy_targets_are_checked_and_replaced_whole(sla_desk: SlaDesk) -> None:
    policy = sla_desk.configure(targets=[{"kind": "first_response", "minutes": 60}])
    both_rules = {"kind": "resolution", "minutes": 60, "warn_percent": 50, "warn_minutes_before": 10}
    refused = request(sla_desk, "PATCH", f"/policies/{policy['id']}", {"targets": [both_rules]})
    assert refused.status_code == 422
    twice = [{"kind": "resolution", "minutes": 60}, {"kind": "resolution", "minutes": 90}]
    assert request(sla_desk, "PATCH", f"/policies/{policy['id']}", {"targets": twice}).status_code == 422
    unknown = request(sla_desk, "PATCH", f"/policies/{policy['id']}", {"calendar_id": 999})
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "calendar_not_found"
    replaced = request(
        sla_desk,
        "PATCH",
        f"/policies/{policy['id']}",
        {"targets": [{"kind": "resolution", "minutes": 240, "warn_minutes_before": 30}]},
    )
    assert replaced.status_code == 200
    assert replaced.json()["targets"] == [
        {"kind": "resolution", "minutes": 240, "warn_percent": None, "warn_minutes_before": 30}
    ]


def test_naming_a_new_default_retires_the_old_one(sla_desk: SlaDesk) -> None:
    first = sla_desk.configure(name="First", targets=[{"kind": "resolution", "minutes": 60}])
    second = sla_desk.configure(name="Second", targets=[{"kind": "resolution", "minutes": 90}])
    listed = {p["name"]: p["is_default"] for p in request(sla_desk, "GET", "/policies").json()}
    assert listed == {"First": False, "Second": True}
    assert request(sla_desk, "GET", f"/policies/{first['id']}").json()["version"] == 2
    assert second["is_default"]


def test_chains_take_roles_or_named_people_with_rising_delays(sla_desk: SlaDesk) -> None:
    neither = request(sla_desk, "POST", "/chains", {"name": "x", "levels": [{"delay_minutes": 0}]})
    assert neither.status_code == 422
    falling = [{"role": "supervisor", "delay_minutes": 60}, {"role": "manager", "delay_minutes": 30}]
    assert request(sla_desk, "POST", "/chains", {"name": "x", "levels": falling}).status_code == 422
    nobody = request(sla_desk, "POST", "/chains", {"name": "x", "levels": [{"staff_id": 999}]})
    assert nobody.status_code == 422 and nobody.json()["error"]["code"] == "staff_member_not_found"
    levels = [
        {"role": "supervisor", "channels": ["in_app", "email"]},
        {"staff_id": sla_desk.manager.id, "delay_minutes": 60, "channels": ["webhook"]},
    ]
    created = request(sla_desk, "POST", "/chains", {"name": "Leads", "levels": levels})
    assert created.status_code == 201, created.text
    assert [(lv["level"], lv["role"], lv["staff_id"], lv["channels"]) for lv in created.json()["levels"]] == [
        (1, "supervisor", None, ["email", "in_app"]),
        (2, None, sla_desk.manager.id, ["webhook"]),
    ]
    shorter = request(sla_desk, "PATCH", f"/chains/{created.json()['id']}", {"levels": [{"role": "manager"}]})
    assert shorter.status_code == 200 and len(shorter.json()["levels"]) == 1


def test_a_team_has_at_most_one_chain(sla_desk: SlaDesk) -> None:
    team = sla_desk.post("/api/v1/teams", {"name": "Billing", "skills": ["billing"]})
    body = {"name": "Billing leads", "team_id": team["id"], "levels": [{"role": "supervisor"}]}
    assert request(sla_desk, "POST", "/chains", body).status_code == 201
    again = request(sla_desk, "POST", "/chains", {**body, "name": "Other"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "team_has_chain"


def test_the_compliance_report_counts_met_breached_and_running_per_group(sla_desk: SlaDesk) -> None:
    sla_desk.configure(
        targets=[{"kind": "first_response", "minutes": 60}, {"kind": "resolution", "minutes": 480}]
    )
    team = sla_desk.post("/api/v1/teams", {"name": "Returns", "skills": ["returns"]})
    on_time = sla_desk.ticket(team_id=team["id"])["reference"]
    late = sla_desk.ticket()["reference"]
    sla_desk.ticket(assignee_id=None)  # still running, nobody's
    sla_desk.at(30)
    sla_desk.reply(on_time)
    sla_desk.at(90)
    sla_desk.reply(late)
    params = {"start": "2024-11-11T00:00:00Z", "end": "2024-11-12T00:00:00Z"}
    headers = sla_desk.supervisor.headers
    by_target = sla_desk.desk.client.get("/api/v1/sla/report", params=params, headers=headers).json()
    rows = {row["key"]: row for row in by_target["rows"]}
    assert rows["first_response"] == {
        "key": "first_response",
        "clocks": 3,
        "met_in_time": 1,
        "breached": 2,  # one answered late, one still unanswered after its hour
        "running": 0,
        "compliance_percent": 33.3,
    }
    assert rows["resolution"]["running"] == 3 and rows["resolution"]["compliance_percent"] is None
    by_team = sla_desk.desk.client.get(
        "/api/v1/sla/report", params={**params, "group_by": "team"}, headers=headers
    ).json()
    assert {row["key"]: row["met_in_time"] for row in by_team["rows"]} == {"(no team)": 0, "Returns": 1}
    by_agent = sla_desk.desk.client.get(
        "/api/v1/sla/report", params={**params, "group_by": "agent"}, headers=headers
    ).json()
    assert {row["key"]: row["clocks"] for row in by_agent["rows"]} == {"(unassigned)": 2, "Ada Agent": 4}
    outside = sla_desk.desk.client.get(
        "/api/v1/sla/report",
        params={"start": "2024-11-12T00:00:00Z", "end": "2024-11-13T00:00:00Z"},
        headers=headers,
    ).json()
    assert outside["rows"] == []
    naive = sla_desk.desk.client.get(
        "/api/v1/sla/report",
        params={"start": "2024-11-11T00:00:00", "end": "2024-11-12T00:00:00"},
        headers=headers,
    )
    assert naive.status_code == 422
    agents = sla_desk.desk.client.get("/api/v1/sla/report", params=params, headers=sla_desk.agent.headers)
    assert agents.status_code == 403
