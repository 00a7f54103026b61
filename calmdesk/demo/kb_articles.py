"""The demo desk's knowledge base: Harbourline's articles, written through the knowledge-base service."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from calmdesk.auth.principal import SYSTEM
from calmdesk.demo import kb_articles_products, kb_articles_service
from calmdesk.demo.kb_records import DemoArticle
from calmdesk.demo.staff import STAFF
from calmdesk.kb import search as kb_search
from calmdesk.kb import service as kb_service
from calmdesk.kb.schemas import ArticleCreate
from calmdesk.staff.models import Staff

ARTICLES: tuple[DemoArticle, ...] = (*kb_articles_products.ARTICLES, *kb_articles_service.ARTICLES)


def load_articles(db: Session, *, now: datetime) -> int:
    """Adds the demo articles, owned by the demo staff, reviewed over the last months."""
    emails = {person.key: person.email.lower() for person in STAFF}
    rows = db.execute(select(Staff.email, Staff.id).where(Staff.email.in_(list(emails.values()))))
    owners = {row.email: row.id for row in rows}
    encoder = kb_search.semantic_encoder()
    for index, article in enumerate(ARTICLES):
        article_in = ArticleCreate(
            title=article.title,
            body=article.body,
            tags=list(article.tags),
            owner_id=owners.get(emails.get(article.owner_key, "")),
            # Spread over about seven months, so the list shows which articles are due a review.
            reviewed_on=(now - timedelta(days=(index * 37) % 210)).date(),
            is_published=True,
        )
        kb_service.create(db, article_in=article_in, actor=SYSTEM, encoder=encoder)
    return len(ARTICLES)
