"""Knowledge-base search quality: recall@5 and MRR, keyword-only against semantic and hybrid ranking.

Loads the demo desk's articles (calmdesk/demo/kb_articles*.py) into a fresh database,
then asks every question of bench/data/kb_questions.tsv (customer questions written
for this benchmark, each naming the article that answers it) three ways:

- keyword: SQLite FTS5 bm25 / PostgreSQL ts_rank_cd over title, tags and text;
- semantic: cosine of MiniLM vectors (stored at write time);
- hybrid: reciprocal rank fusion of both (what ``method=auto`` does in full analysis mode).

Prints recall@1, recall@5, MRR (over the top 10; a miss counts 0) and the median time
per query. Runs on SQLite, and on PostgreSQL when CALMDESK_TEST_POSTGRES_URL (default:
the local server) answers.

Run: ``.venv/bin/python bench/kb_search.py`` (``--sqlite-only`` to skip PostgreSQL).

Run on 2026-11-24 (2 shared cores): recall@5 keyword 0.944 (SQLite) / 0.951 (PostgreSQL),
semantic 0.965, hybrid 0.965; MRR@10 keyword 0.862 / 0.789, semantic 0.925, hybrid
0.909 / 0.893. The title:tags:text weights (2:1:1) were chosen on these same questions,
so the keyword figures are somewhat optimistic.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.exc import OperationalError

from calmdesk import migrate
from calmdesk.analysis.encoder import get_encoder
from calmdesk.auth.principal import SYSTEM
from calmdesk.db import Database
from calmdesk.demo.kb_articles import ARTICLES
from calmdesk.kb import search as kb_search
from calmdesk.kb import service as kb_service
from calmdesk.kb.schemas import ArticleCreate

QUESTIONS = Path(__file__).with_name("data") / "kb_questions.tsv"
DEPTH = 10
METHODS = (kb_search.Method.KEYWORD, kb_search.Method.SEMANTIC, kb_search.Method.HYBRID)


@dataclass(frozen=True)
class Scores:
    """Quality and speed of one method on one database."""

    recall_at_1: float
    recall_at_5: float
    mrr: float
    median_ms: float


def questions() -> list[tuple[str, str]]:
    """The (article key, question) pairs."""
    pairs = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, question = line.split("\t", 1)
            pairs.append((key, question.strip()))
    return pairs


def load(database: Database, encoder: kb_search.Encoder) -> dict[str, int]:
    """Writes the demo articles with their vectors; returns article ids by key."""
    ids = {}
    with database.unit_of_work() as db:
        for article in ARTICLES:
            article_in = ArticleCreate(
                title=article.title, body=article.body, tags=list(article.tags), is_published=True
            )
            ids[article.key] = kb_service.create(db, article_in=article_in, actor=SYSTEM, encoder=encoder).id
    return ids


def evaluate(
    database: Database,
    encoder: kb_search.Encoder,
    ids: dict[str, int],
    pairs: list[tuple[str, str]],
    method: kb_search.Method,
) -> Scores:
    """Asks every question with ``method`` and scores where the right article came."""
    ranks: list[int | None] = []
    times: list[float] = []
    with database.session(read_only=True) as db:
        for key, question in pairs:
            started = time.perf_counter()
            hits = kb_search.search(
                db, question=question, method=method, encoder=encoder, published_only=True, limit=DEPTH
            )
            times.append(time.perf_counter() - started)
            found = [hit.article_id for hit in hits]
            ranks.append(found.index(ids[key]) + 1 if ids[key] in found else None)
    count = len(pairs)
    return Scores(
        recall_at_1=sum(1 for r in ranks if r == 1) / count,
        recall_at_5=sum(1 for r in ranks if r is not None and r <= 5) / count,
        mrr=sum(1 / r for r in ranks if r is not None) / count,
        median_ms=statistics.median(times) * 1000,
    )


def run(url: str, encoder: kb_search.Encoder, pairs: list[tuple[str, str]]) -> dict[kb_search.Method, Scores]:
    """Migrates the database at ``url``, loads the articles and scores each method."""
    database = Database(url, pool_size=2)
    try:
        migrate.upgrade(database.engine)
        ids = load(database, encoder)
        get_encoder().encode(["warm-up"])
        return {method: evaluate(database, encoder, ids, pairs, method) for method in METHODS}
    finally:
        database.dispose()


def report(name: str, results: dict[kb_search.Method, Scores], pairs: int) -> None:
    """Prints one database's table."""
    print(f"\n{name}: {len(ARTICLES)} articles, {pairs} questions")
    print(f"  {'method':<10} {'recall@1':>9} {'recall@5':>9} {'MRR@10':>8} {'median ms':>10}")
    for method, scores in results.items():
        print(
            f"  {method.value:<10} {scores.recall_at_1:>9.3f} {scores.recall_at_5:>9.3f} "
            f"{scores.mrr:>8.3f} {scores.median_ms:>10.2f}"
        )


def main() -> None:
    """Runs the benchmark and prints its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args()
    pairs = questions()
    encoder = get_encoder()
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite (FTS5)", run(f"sqlite:///{folder}/kb.db", encoder, pairs), len(pairs))
    if args.sqlite_only:
        return
    from bench.api_throughput import postgres_database

    with ExitStack() as stack:
        try:
            url = stack.enter_context(postgres_database())
        except OperationalError as error:
            print(f"\nPostgreSQL skipped: not reachable ({error.orig})")
            return
        report("PostgreSQL (tsvector)", run(url, encoder, pairs), len(pairs))


if __name__ == "__main__":
    main()
