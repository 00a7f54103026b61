"""The knowledge base in the console: the ticket panel, the /kb pages, and the public article link."""

from __future__ import annotations

import re

from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.kb_fixtures import write, write_all
from tests.integration.test_web_auth import csrf_of, signed_in, version_of

_PANEL_IDS = re.compile(r'<li data-article-id="(\d+)">')


def test_the_ticket_page_suggests_articles_with_a_link_to_insert(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    ids = write_all(desk, supervisor)
    client, agent = signed_in(desk)
    ticket = desk.new_ticket(
        agent, subject="Heat pump gauge under 1 bar", message={"body": "I keep topping up the pressure."}
    )
    page = client.get(f"/tickets/{ticket['reference']}")
    assert page.status_code == 200
    assert "Suggested articles" in page.text
    found = [int(i) for i in _PANEL_IDS.findall(page.text)]
    assert found[0] == ids["heatpump"]
    assert f'data-kb-insert="http://127.0.0.1:8000/help/articles/{ids["heatpump"]}"' in page.text
    assert '<script src="/static/kb.js" defer></script>' in page.text
    assert client.get("/static/kb.js").status_code == 200
    # Nothing matches: no panel at all.
    other = desk.new_ticket(agent, subject="Xylophone", message={"body": "quasar zebra"})
    assert "Suggested articles" not in client.get(f"/tickets/{other['reference']}").text


def test_the_desk_lists_searches_and_reads_articles(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    ids = write_all(desk, supervisor)
    draft = write(desk, supervisor, "refund", published=False, title="Draft about refunds")
    client, _agent = signed_in(desk)
    listing = client.get("/kb")
    assert listing.status_code == 200 and "Rearranging a missed delivery" in listing.text
    assert "Draft about refunds" not in listing.text and "New article" not in listing.text
    search = client.get("/kb", params={"q": "driver missed me, new delivery day"})
    first = re.search(r'<a href="/kb/(\d+)">', search.text.split('id="kb-articles"')[1])
    assert first is not None and int(first.group(1)) == ids["delivery"]
    article = client.get(f"/kb/{ids['e21']}")
    assert "<li>Clean the pump filter" in article.text and "/help/articles/" in article.text
    assert client.get(f"/kb/{draft['id']}").status_code == 404
    assert client.get(f"/kb/{ids['e21']}/edit").status_code == 403
    assert client.get("/kb/new").status_code == 403


def test_editors_write_and_change_articles_and_stale_forms_are_refused(desk: Desk) -> None:
    client, supervisor = signed_in(desk, Role.SUPERVISOR)
    form = client.get("/kb/new")
    assert form.status_code == 200
    created = client.post(
        "/kb/new",
        data={
            "csrf_token": csrf_of(form.text),
            "title": "Descaling the Barista One",
            "body": "1. Empty the tank\n2. Add descaler\n\n<script>alert(1)</script>",
            "tags": "barista-one, descaling",
            "reviewed_on": "2026-11-20",
            "owner_id": str(supervisor.id),
            "is_published": "on",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303, created.text
    url = created.headers["location"].split("?")[0]
    page = client.get(url)
    assert "<li>Add descaler</li>" in page.text and "<script>alert" not in page.text
    article_id = int(url.rsplit("/", 1)[1])
    editor = client.get(f"{url}/edit")
    version = version_of(editor.text)
    token = csrf_of(editor.text)
    changed = {
        "csrf_token": token,
        "version": version,
        "title": "Descaling a Barista One",
        "body": "Monthly.",
    }
    assert client.post(f"{url}/edit", data=changed, follow_redirects=False).status_code == 303
    stale = client.post(f"{url}/edit", data={**changed, "title": "Lost"}, follow_redirects=False)
    assert stale.status_code == 409 and "Someone changed this article" in stale.text
    bad = client.post(
        f"{url}/edit", data={"csrf_token": token, "version": str(int(version) + 1), "title": "x", "body": "b"}
    )
    assert bad.status_code == 422
    public = desk.client.get(f"/help/articles/{article_id}")
    # Unpublished by the last form (no checkbox): customers can no longer open it.
    assert public.status_code == 404
    api = desk.client.get(f"/api/v1/articles/{article_id}", headers=supervisor.headers).json()
    assert api["title"] == "Descaling a Barista One" and api["is_published"] is False


def test_customers_read_published_articles_by_their_link_only(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    published = write(desk, supervisor, "e21")
    draft = write(desk, supervisor, "refund", published=False)
    page = desk.client.get(f"/help/articles/{published['id']}")
    assert page.status_code == 200 and "Clean the pump filter" in page.text
    assert "Sign out" not in page.text and "<script" not in page.text
    assert "content-security-policy" in page.headers
    assert desk.client.get(f"/help/articles/{draft['id']}").status_code == 404
    assert desk.client.get("/help/articles/999999").status_code == 404
