"""The demo articles and the benchmark's questions fit together."""

from __future__ import annotations

from pathlib import Path

from calmdesk.demo.kb_articles import ARTICLES
from calmdesk.kb import markdown
from calmdesk.kb.schemas import ArticleCreate

QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "data" / "kb_questions.tsv"


def test_there_are_thirty_or_more_valid_articles_with_unique_keys() -> None:
    assert len(ARTICLES) >= 30
    assert len({a.key for a in ARTICLES}) == len(ARTICLES)
    assert len({a.title for a in ARTICLES}) == len(ARTICLES)
    for article in ARTICLES:
        ArticleCreate(title=article.title, body=article.body, tags=list(article.tags))
        assert len(markdown.plain_text(markdown.render(article.body))) > 200, article.key


def test_the_benchmark_asks_over_a_hundred_questions_about_known_articles() -> None:
    keys = {a.key for a in ARTICLES}
    titles = {a.title.lower() for a in ARTICLES}
    pairs = [
        line.split("\t", 1)
        for line in QUESTIONS.read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert len(pairs) >= 100
    assert {key for key, _ in pairs} <= keys
    assert keys <= {key for key, _ in pairs}  # every article is asked about
    assert not any(question.strip().lower() in titles for _, question in pairs)
    assert len({question for _, question in pairs}) == len(pairs)
