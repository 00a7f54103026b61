"""Operations on knowledge-base articles. Callers own the transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.clock import utcnow
from calmdesk.errors import InvalidRequest, NotFound
from calmdesk.kb import markdown
from calmdesk.kb import search as kb_search
from calmdesk.kb.models import Article, ArticleTag
from calmdesk.kb.schemas import ArticleCreate, ArticleUpdate
from calmdesk.pagination import SortKey, paginate, split_page
from calmdesk.staff.models import Staff

AUDITED = ("title", "body_markdown", "tag_names", "owner_id", "reviewed_on", "is_published")
TITLE_SORT = SortKey("title", Article.title, descending=False)


def get(db: Session, *, article_id: int) -> Article | None:
    """Returns the article with this id, if any."""
    return db.get(Article, article_id)


def get_or_raise(db: Session, *, article_id: int, published_only: bool = False) -> Article:
    """Returns the article (only a published one if ``published_only``) or raises NotFound."""
    article = get(db, article_id=article_id)
    if article is None or (published_only and not article.is_published):
        raise NotFound("article", article_id)
    return article


def get_many(db: Session, *, article_ids: list[int]) -> dict[int, Article]:
    """Loads articles by id."""
    if not article_ids:
        return {}
    return {a.id: a for a in db.scalars(select(Article).where(Article.id.in_(article_ids)))}


def _check_owner(db: Session, owner_id: int) -> None:
    owner = db.get(Staff, owner_id)
    if owner is None or not owner.is_active:
        raise InvalidRequest("owner_not_found", f"no active staff member {owner_id} to own the article")


def _set_body(article: Article, body: str) -> None:
    article.body_markdown = body
    article.body_html = markdown.render(body)
    article.body_text = markdown.plain_text(article.body_html)


def _set_tags(article: Article, tags: list[str]) -> None:
    wanted = sorted(set(tags))
    kept = {tag.name: tag for tag in article.tags}
    article.tags = [kept.get(name) or ArticleTag(name=name) for name in wanted]
    article.tags_text = " ".join(name.replace("-", " ").replace("_", " ") for name in wanted)


def _embed(article: Article, encoder: kb_search.Encoder | None) -> None:
    """Stores the article's vector now, or clears a stale one so search embeds it on the fly."""
    if encoder is None:
        article.embedding = None
        article.embedding_model = None
        return
    article.embedding = kb_search.to_bytes(encoder.encode([kb_search.embedding_text(article)])[0])
    article.embedding_model = encoder.model_id


def create(
    db: Session, *, article_in: ArticleCreate, actor: Actor, encoder: kb_search.Encoder | None = None
) -> Article:
    """Writes a new article: renders its Markdown safely and stores its vector when it can."""
    owner_id = article_in.owner_id if article_in.owner_id is not None else actor.id
    if owner_id is not None:
        _check_owner(db, owner_id)
    article = Article(
        title=article_in.title,
        owner_id=owner_id,
        reviewed_on=article_in.reviewed_on,
        is_published=article_in.is_published,
    )
    _set_body(article, article_in.body)
    _set_tags(article, article_in.tags)
    _embed(article, encoder)
    db.add(article)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="article.created",
        entity_type="article",
        entity_id=article.id,
        after=audit_service.snapshot(article, AUDITED),
    )
    return article


def update(
    db: Session,
    *,
    article: Article,
    article_in: ArticleUpdate,
    actor: Actor,
    encoder: kb_search.Encoder | None = None,
) -> Article:
    """Changes the given fields; the rendering, the index and the vector follow the text."""
    changes: dict[str, Any] = article_in.model_dump(exclude_unset=True)
    for field in ("title", "body", "tags", "is_published"):
        if field in changes and changes[field] is None:
            raise InvalidRequest("field_required", f"{field} cannot be null")
    if changes.get("owner_id") is not None:
        _check_owner(db, changes["owner_id"])
    before = audit_service.snapshot(article, AUDITED)
    if "title" in changes:
        article.title = changes["title"]
    if "body" in changes:
        _set_body(article, changes["body"])
    if "tags" in changes:
        _set_tags(article, changes["tags"])
    for field in ("owner_id", "reviewed_on", "is_published"):
        if field in changes:
            setattr(article, field, changes[field])
    old, new = audit_service.changed(before, audit_service.snapshot(article, AUDITED))
    if new:
        if {"title", "body_markdown", "tag_names"} & new.keys():
            _embed(article, encoder)
        # Bump the version even when only the tag rows changed.
        article.updated_at = utcnow()
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="article.updated",
            entity_type="article",
            entity_id=article.id,
            before=old,
            after=new,
        )
    return article


def delete(db: Session, *, article: Article, actor: Actor) -> None:
    """Removes an article; the audit log keeps what it said."""
    audit_service.record(
        db,
        actor=actor,
        action="article.deleted",
        entity_type="article",
        entity_id=article.id,
        before=audit_service.snapshot(article, AUDITED),
    )
    db.delete(article)
    db.flush()


def get_all(
    db: Session,
    *,
    published_only: bool,
    tag: str | None,
    title: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Article], str | None]:
    """Lists articles by title, filtered by tag and words in the title."""
    query = select(Article)
    if published_only:
        query = query.where(Article.is_published.is_(True))
    if tag:
        query = query.where(Article.tags.any(ArticleTag.name == tag))
    if title:
        query = query.where(or_(*(Article.title.ilike(f"%{part}%") for part in title.split()[:8])))
    rows = db.scalars(
        paginate(query, sort=TITLE_SORT, id_column=Article.id, cursor=cursor, limit=limit)
    ).all()
    return split_page(rows, limit=limit, sort=TITLE_SORT, key_of=lambda a: (a.title, a.id))


def search(
    db: Session,
    *,
    question: str,
    method: kb_search.Method,
    published_only: bool,
    limit: int,
    encoder: kb_search.Encoder | None,
) -> tuple[kb_search.Method, list[tuple[Article, kb_search.Hit]]]:
    """Ranks articles for a question; ``auto`` fuses meaning and words when the model runs."""
    if method in (kb_search.Method.SEMANTIC, kb_search.Method.HYBRID) and encoder is None:
        raise InvalidRequest(
            "semantic_search_unavailable",
            "semantic ranking needs the analysis model (CALMDESK_ANALYSIS_MODE=full); "
            "use method=keyword or method=auto",
        )
    used = method
    if method is kb_search.Method.AUTO:
        used = kb_search.Method.HYBRID if encoder is not None else kb_search.Method.KEYWORD
    hits = kb_search.search(
        db, question=question, method=used, encoder=encoder, published_only=published_only, limit=limit
    )
    articles = get_many(db, article_ids=[hit.article_id for hit in hits])
    return used, [(articles[hit.article_id], hit) for hit in hits if hit.article_id in articles]


def embed_missing(db: Session, *, encoder: kb_search.Encoder) -> int:
    """Stores vectors for articles written while the model was off (or by another model)."""
    stale = list(
        db.scalars(
            select(Article).where(
                or_(Article.embedding.is_(None), Article.embedding_model != encoder.model_id)
            )
        )
    )
    for article in stale:
        _embed(article, encoder)
    db.flush()
    return len(stale)
