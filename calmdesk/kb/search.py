"""Finding articles: full-text (SQLite FTS5 / PostgreSQL tsvector), semantic (MiniLM), and both fused.

The full-text indexes are built by the knowledge-base migration, not by the models, so
the schema test leaves them out (see :func:`is_search_index`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import numpy as np
import numpy.typing as npt
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from calmdesk.analysis.encoder import EMBEDDING_DIM
from calmdesk.config import get_settings
from calmdesk.kb import ranking
from calmdesk.kb.models import Article

FloatMatrix = npt.NDArray[np.float32]
# How deep each list goes before fusion; well past the few hits a person reads.
CANDIDATES = 50
# Below this cosine an article is unrelated to the question (MiniLM puts unrelated
# support texts around 0.0-0.15); it is left out of the semantic list.
SEMANTIC_FLOOR = 0.15
# Title, tags and text weigh 2:1:1 in both engines: the title names the product, but
# weighing it far above the text let a product name outrank the problem asked about
# (bench/kb_search.py: recall@1 0.75 at 10:4:1, 0.81 at 2:1:1 on SQLite).
_SQLITE = text(
    "SELECT a.id, bm25(kb_articles_fts, 2.0, 1.0, 1.0) AS rank "
    "FROM kb_articles_fts JOIN kb_articles AS a ON a.id = kb_articles_fts.rowid "
    "WHERE kb_articles_fts MATCH :query AND (a.is_published OR NOT :published_only) "
    "ORDER BY rank, a.id LIMIT :limit"
)
# The same weighted document as the GIN index of migration 0008, word for word. Only these
# constants are interpolated into the SQL below; the query text is a bound parameter.
DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, tags_text), 'B') || "
    "setweight(to_tsvector('english'::regconfig, body_text), 'C')"
)
_POSTGRES = text(
    f"SELECT id, ts_rank_cd('{{0.1, 0.4, 0.4, 0.8}}'::float4[], {DOCUMENT}, query, 1) AS rank "  # noqa: S608
    "FROM kb_articles, to_tsquery('english'::regconfig, :query) AS query "
    f"WHERE ({DOCUMENT}) @@ query AND (is_published OR NOT :published_only) "
    "ORDER BY rank DESC, id LIMIT :limit"
)


class Method(StrEnum):
    """How to rank: words only, meaning only, both fused, or the best the desk can do now."""

    KEYWORD = "keyword"
    SEMANTIC = "semantic"
    HYBRID = "hybrid"
    AUTO = "auto"


class Encoder(Protocol):
    """What search needs of calmdesk.analysis.encoder.SentenceEncoder."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Embeds texts as unit-length rows."""
        ...


@dataclass(frozen=True)
class Hit:
    """One article found, with its fused score and its place in each list (None: not in it)."""

    article_id: int
    score: float
    keyword_rank: int | None
    semantic_rank: int | None


def is_search_index(name: str | None) -> bool:
    """True for the full-text tables and indexes migration 0008 builds outside the models."""
    return bool(name) and (str(name).startswith("kb_articles_fts") or name == "ix_kb_articles_search")


def semantic_encoder() -> Encoder | None:
    """The MiniLM encoder when analysis runs in full mode and the model is installed, else None."""
    if get_settings().analysis_mode != "full":
        return None
    from calmdesk.analysis.encoder import EncoderUnavailableError, get_encoder

    try:
        return get_encoder()
    except EncoderUnavailableError:
        return None


def embedding_text(article: Article) -> str:
    """What an article's vector is made from: the title first (the model reads 128 tokens)."""
    return f"{article.title}\n{article.tags_text}\n{article.body_text}"


def to_bytes(vector: npt.NDArray[np.float32]) -> bytes:
    """A vector as stored in ``Article.embedding``."""
    return np.asarray(vector, dtype="<f4").tobytes()


def keyword_ranking(
    db: Session, *, words: Sequence[str], published_only: bool, limit: int = CANDIDATES
) -> list[tuple[int, float]]:
    """Article ids matching any of ``words``, best first, with the engine's score (higher is better)."""
    if not words:
        return []
    params = {"published_only": published_only, "limit": limit}
    if db.get_bind().dialect.name == "sqlite":
        rows = db.execute(_SQLITE, {**params, "query": ranking.fts5_query(words)}).all()
        return [(int(row[0]), -float(row[1])) for row in rows]
    query = ranking.tsquery(words)
    if not query:
        return []
    rows = db.execute(_POSTGRES, {**params, "query": query}).all()
    return [(int(row[0]), float(row[1])) for row in rows]


def semantic_ranking(
    db: Session, *, question: str, encoder: Encoder, published_only: bool, limit: int = CANDIDATES
) -> list[tuple[int, float]]:
    """Article ids by the cosine of their vector to the question's, best first, above the floor."""
    query = select(Article.id, Article.embedding, Article.embedding_model)
    if published_only:
        query = query.where(Article.is_published.is_(True))
    rows = db.execute(query.order_by(Article.id)).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    vectors = np.zeros((len(rows), EMBEDDING_DIM), dtype=np.float32)
    # Articles written while the model was off (or by another model) are embedded now, in memory.
    missing = [
        i for i, row in enumerate(rows) if row.embedding is None or row.embedding_model != encoder.model_id
    ]
    stale = set(missing)
    for i, row in enumerate(rows):
        if row.embedding is not None and i not in stale:
            vectors[i] = np.frombuffer(row.embedding, dtype="<f4")
    if missing:
        articles = {
            a.id: a for a in db.scalars(select(Article).where(Article.id.in_([ids[i] for i in missing])))
        }
        vectors[missing] = encoder.encode([embedding_text(articles[ids[i]]) for i in missing])
    asked = encoder.encode([question])[0]
    ranked = ranking.cosine_ranking(asked, ids, vectors, limit=limit)
    return [(article_id, score) for article_id, score in ranked if score >= SEMANTIC_FLOOR]


def search(
    db: Session,
    *,
    question: str,
    method: Method,
    encoder: Encoder | None,
    published_only: bool,
    limit: int,
) -> list[Hit]:
    """Ranks articles for ``question``; semantic methods need an ``encoder``."""
    if method is Method.AUTO:
        method = Method.HYBRID if encoder is not None else Method.KEYWORD
    keyword: list[int] = []
    semantic: list[int] = []
    if method in (Method.KEYWORD, Method.HYBRID):
        words = ranking.query_words(question)
        keyword = [i for i, _ in keyword_ranking(db, words=words, published_only=published_only)]
    if method in (Method.SEMANTIC, Method.HYBRID):
        if encoder is None:
            raise ValueError("semantic ranking needs the encoder")
        semantic = [
            i
            for i, _ in semantic_ranking(
                db, question=question, encoder=encoder, published_only=published_only
            )
        ]
    keyword_at = {article_id: rank for rank, article_id in enumerate(keyword, start=1)}
    semantic_at = {article_id: rank for rank, article_id in enumerate(semantic, start=1)}
    fused = ranking.fuse([keyword, semantic])[:limit]
    return [Hit(i, score, keyword_at.get(i), semantic_at.get(i)) for i, score in fused]
