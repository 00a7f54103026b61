"""Knowledge-base articles over the API: writing, reading, role checks, If-Match and safe Markdown."""

from __future__ import annotations

from html.parser import HTMLParser

from sqlalchemy import select

from calmdesk.audit.models import AuditEvent
from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.kb_fixtures import write

XSS_BODY = """# Fix

<script>alert('x')</script>

[click me](javascript:alert(1)) and [also](JAVASCRIPT:alert(2)) and [data](data:text/html;base64,PHNjcmlwdD4=)

<img src=x onerror=alert(3)>

![pic](javascript:alert(4))

<a href="javascript:alert(5)" onclick="alert(6)">raw link</a>

[fine](https://help.example.com/e21 "ok")
"""


class _Tags(HTMLParser):
    """Collects every tag and attribute of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_supervisors_write_articles_and_the_desk_reads_the_published_ones(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    article = write(desk, supervisor, "e21", reviewed_on="2026-11-01")
    assert article["owner"]["id"] == supervisor.id and article["version"] == 1
    assert article["tags"] == ["error-codes", "technical", "washing-machine"]
    assert "<ol>" in article["body_html"] and "<li>Switch off.</li>" in article["body_html"]
    draft = write(desk, supervisor, "refund", published=False)
    read = desk.client.get(f"/api/v1/articles/{article['id']}", headers=agent.headers)
    assert read.status_code == 200 and read.headers["ETag"] == '"1"'
    assert read.json()["reviewed_on"] == "2026-11-01"
    # Drafts are invisible to the desk until published; their editors see them.
    assert desk.client.get(f"/api/v1/articles/{draft['id']}", headers=agent.headers).status_code == 404
    assert desk.client.get(f"/api/v1/articles/{draft['id']}", headers=supervisor.headers).status_code == 200
    listed = desk.client.get("/api/v1/articles", headers=agent.headers).json()["items"]
    assert [a["id"] for a in listed] == [article["id"]]
    everything = desk.client.get("/api/v1/articles", headers=supervisor.headers).json()["items"]
    assert {a["id"] for a in everything} == {article["id"], draft["id"]}
    tagged = desk.client.get("/api/v1/articles?tag=refunds", headers=supervisor.headers).json()["items"]
    assert [a["id"] for a in tagged] == [draft["id"]]


def test_agents_may_not_write_and_hr_may_only_read(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    article = write(desk, supervisor, "e21")
    for role in (Role.AGENT, Role.HR_MANAGER):
        caller = desk.account(role)
        body = {"title": "Mine", "body": "text"}
        refused = desk.client.post("/api/v1/articles", json=body, headers=caller.headers)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        patch = desk.client.patch(
            f"/api/v1/articles/{article['id']}", json={"title": "Changed"}, headers=caller.headers
        )
        assert patch.status_code == 403
        assert desk.client.get(f"/api/v1/articles/{article['id']}", headers=caller.headers).status_code == 200
    contractor = desk.account(Role.CONTRACTOR)
    assert desk.client.get("/api/v1/articles", headers=contractor.headers).status_code == 403


def test_a_stale_if_match_is_refused_and_changes_are_audited(desk: Desk) -> None:
    manager = desk.account(Role.MANAGER)
    article = write(desk, manager, "delivery")
    url = f"/api/v1/articles/{article['id']}"
    first = desk.client.patch(
        url,
        json={"title": "Missed delivery: booking a new day"},
        headers={**manager.headers, "If-Match": '"1"'},
    )
    assert first.status_code == 200 and first.json()["version"] == 2 and first.headers["ETag"] == '"2"'
    stale = desk.client.patch(
        url, json={"title": "Lost edit"}, headers={**manager.headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "stale_version"
    assert (
        desk.client.get(url, headers=manager.headers).json()["title"] == "Missed delivery: booking a new day"
    )
    tags_only = desk.client.patch(url, json={"tags": ["delivery", "drivers"]}, headers=manager.headers)
    assert tags_only.json()["version"] == 3 and tags_only.json()["tags"] == ["delivery", "drivers"]
    gone = desk.client.delete(url, headers={**manager.headers, "If-Match": '"2"'})
    assert gone.status_code == 412
    assert desk.client.delete(url, headers={**manager.headers, "If-Match": '"3"'}).status_code == 204
    assert desk.client.get(url, headers=manager.headers).status_code == 404
    with desk.database.session(read_only=True) as db:
        actions = db.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "article").order_by(AuditEvent.id)
        ).all()
    assert actions == ["article.created", "article.updated", "article.updated", "article.deleted"]


def test_bad_input_is_refused_with_reasons(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    cases = [
        {"title": "x", "body": "b"},
        {"title": "Fine title", "body": ""},
        {"title": "Fine title", "body": "b", "tags": ["Not A Slug!"]},
        {"title": "Fine title", "body": "b", "colour": "red"},
        {"title": "Fine title", "body": "b", "owner_id": 999_999},
    ]
    for body in cases:
        response = desk.client.post("/api/v1/articles", json=body, headers=admin.headers)
        assert response.status_code == 422, (body, response.text)
    article = write(desk, admin, "refund")
    nulled = desk.client.patch(
        f"/api/v1/articles/{article['id']}", json={"title": None}, headers=admin.headers
    )
    assert nulled.status_code == 422


def test_markdown_never_lets_a_script_through(desk: Desk) -> None:
    admin = desk.account(Role.ADMIN)
    article = desk.client.post(
        "/api/v1/articles", json={"title": "Hostile article", "body": XSS_BODY}, headers=admin.headers
    ).json()
    parser = _Tags()
    parser.feed(article["body_html"])
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names and "img" not in names
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    assert (
        "a",
        {"href": "https://help.example.com/e21", "title": "ok", "rel": "noopener noreferrer nofollow"},
    ) in [(tag, attrs) for tag, attrs in parser.tags]
    # The author's source is kept as written, so an editor can see and fix it.
    assert article["body"] == XSS_BODY.strip()
