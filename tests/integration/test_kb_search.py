"""Article search on both databases: full-text ranking, the index following writes, semantic and hybrid."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from calmdesk.config import get_settings
from calmdesk.staff.roles import Role
from tests.integration.conftest import Account, Desk
from tests.integration.kb_fixtures import write, write_all


@pytest.fixture
def full_analysis(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Runs the MiniLM encoder, as a desk in the default full analysis mode does."""
    monkeypatch.setenv("CALMDESK_ANALYSIS_MODE", "full")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _search(desk: Desk, who: Account, q: str, method: str = "auto") -> dict[str, object]:
    response = desk.client.get(
        "/api/v1/articles/search", params={"q": q, "method": method}, headers=who.headers
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _ids(result: dict[str, object]) -> list[int]:
    items = result["items"]
    assert isinstance(items, list)
    return [item["article"]["id"] for item in items]


def test_keyword_search_puts_the_right_article_first(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    ids = write_all(desk, supervisor)
    questions = {
        "my washer shows E21 and there is water left in the drum": "e21",
        "how many days until the refund reaches my card?": "refund",
        "the driver missed me, can I choose another delivery day": "delivery",
        "forgot my password and the reset email never came": "password",
        "pressure gauge on the heat pump is under 1 bar again": "heatpump",
    }
    for question, key in questions.items():
        result = _search(desk, agent, question)
        assert result["method"] == "keyword"  # tests run with CALMDESK_ANALYSIS_MODE=fast
        assert _ids(result)[0] == ids[key], (question, result)
        first = result["items"][0]  # type: ignore[index]
        assert first["keyword_rank"] == 1 and first["semantic_rank"] is None
        assert first["url"].endswith(f"/help/articles/{ids[key]}")
    assert _search(desk, agent, "xylophone quasar")["items"] == []
    # Punctuation and search-syntax characters are words, never syntax errors.
    assert _search(desk, agent, 'E21 "drain" OR (pump) * NEAR -filter:')["items"]


def test_the_index_follows_updates_deletes_and_publication(desk: Desk) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    article = write(desk, supervisor, "password", published=False)
    url = f"/api/v1/articles/{article['id']}"
    assert _search(desk, agent, "reset password")["items"] == []
    assert _ids(_search(desk, supervisor, "reset password")) == [article["id"]]
    desk.client.patch(url, json={"is_published": True}, headers=supervisor.headers)
    assert _ids(_search(desk, agent, "reset password")) == [article["id"]]
    desk.client.patch(
        url,
        json={"title": "Two-step sign-in codes", "body": "Codes come by text message.", "tags": ["mfa"]},
        headers=supervisor.headers,
    )
    assert _search(desk, agent, "reset password")["items"] == []
    assert _ids(_search(desk, agent, "text message codes")) == [article["id"]]
    assert _ids(_search(desk, agent, "mfa")) == [article["id"]]  # tags are searched too
    desk.client.delete(url, headers=supervisor.headers)
    assert _search(desk, agent, "text message codes")["items"] == []


def test_semantic_methods_are_refused_while_the_model_is_off(desk: Desk) -> None:
    agent = desk.account()
    for method in ("semantic", "hybrid"):
        response = desk.client.get(
            "/api/v1/articles/search", params={"q": "refund", "method": method}, headers=agent.headers
        )
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "semantic_search_unavailable"


def test_full_mode_stores_vectors_and_fuses_meaning_with_words(desk: Desk, full_analysis: None) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    ids = write_all(desk, supervisor)
    stored = desk.client.get(f"/api/v1/articles/{ids['refund']}", headers=agent.headers).json()
    assert stored["has_embedding"] is True
    # No word in common with the article, only meaning.
    paraphrase = "I posted the kettle to you, when will the cash come through?"
    assert ids["refund"] not in _ids(_search(desk, agent, paraphrase, "keyword"))
    semantic = _search(desk, agent, paraphrase, "semantic")
    assert semantic["method"] == "semantic" and _ids(semantic)[0] == ids["refund"]
    hybrid = _search(desk, agent, paraphrase)
    assert hybrid["method"] == "hybrid" and _ids(hybrid)[0] == ids["refund"]
    top = hybrid["items"][0]  # type: ignore[index]
    assert top["semantic_rank"] == 1
    # Both lists agreeing beats either alone.
    both = _search(desk, agent, "washing machine E21 water not draining")
    assert _ids(both)[0] == ids["e21"]
    assert both["items"][0]["keyword_rank"] == 1 and both["items"][0]["semantic_rank"] == 1  # type: ignore[index]


def test_articles_written_without_the_model_are_still_found_by_meaning(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    supervisor = desk.account(Role.SUPERVISOR)
    agent = desk.account()
    ids = write_all(desk, supervisor)  # fast mode: no vectors stored
    assert (
        desk.client.get(f"/api/v1/articles/{ids['heatpump']}", headers=agent.headers).json()["has_embedding"]
        is False
    )
    monkeypatch.setenv("CALMDESK_ANALYSIS_MODE", "full")
    get_settings.cache_clear()
    try:
        result = _search(
            desk, agent, "the boiler-style gauge keeps falling and the radiators need refilling", "semantic"
        )
    finally:
        get_settings.cache_clear()
    assert _ids(result)[0] == ids["heatpump"]


def test_vectors_missing_from_fast_mode_can_be_stored_later(desk: Desk, full_analysis: None) -> None:
    from sqlalchemy import select

    from calmdesk.analysis.encoder import get_encoder
    from calmdesk.kb import service as kb_service
    from calmdesk.kb.models import Article

    supervisor = desk.account(Role.SUPERVISOR)
    ids = write_all(desk, supervisor)
    with desk.database.unit_of_work() as db:
        for article in db.scalars(select(Article)):
            article.embedding = None
    with desk.database.unit_of_work() as db:
        assert kb_service.embed_missing(db, encoder=get_encoder()) == len(ids)
    with desk.database.unit_of_work() as db:
        assert kb_service.embed_missing(db, encoder=get_encoder()) == 0
        assert all(a.embedding is not None for a in db.scalars(select(Article)))
