"""Knowledge-base endpoints: the desk reads and searches articles, supervisors and up write them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from calmdesk.api.deps import DbSession, SettingsDep, StaffContext, require
from calmdesk.api.http import check_if_match, commit_read, read_with_etag
from calmdesk.api.params import Cursor, Limit, Text
from calmdesk.auth.permissions import Permission
from calmdesk.config import Settings
from calmdesk.kb import search as kb_search
from calmdesk.kb import service as kb_service
from calmdesk.kb import suggestions
from calmdesk.kb.models import Article
from calmdesk.kb.schemas import (
    ArticleCreate,
    ArticleHit,
    ArticleRead,
    ArticleSummary,
    ArticleUpdate,
    Expert,
    SearchResult,
    TicketSuggestions,
)
from calmdesk.schemas import Page
from calmdesk.staff.schemas import StaffRef
from calmdesk.tickets import service as ticket_service
from calmdesk.validators import Slug

router = APIRouter(prefix="/articles", tags=["knowledge base"])
ticket_router = APIRouter(prefix="/tickets", tags=["knowledge base"])
Reader = Annotated[StaffContext, Depends(require(Permission.TICKETS_READ))]
Editor = Annotated[StaffContext, Depends(require(Permission.KB_MANAGE))]
Question = Annotated[str, Query(min_length=1, max_length=2000, description="the question, in any words")]
HitLimit = Annotated[int, Query(ge=1, le=50)]


def _url(settings: Settings, article_id: int) -> str:
    return settings.base_url.rstrip("/") + suggestions.article_path(article_id)


def _hit(settings: Settings, article: Article, hit: kb_search.Hit) -> ArticleHit:
    return ArticleHit(
        article=ArticleSummary.model_validate(article),
        score=round(hit.score, 6),
        keyword_rank=hit.keyword_rank,
        semantic_rank=hit.semantic_rank,
        url=_url(settings, article.id),
    )


@router.get("", response_model=Page[ArticleSummary])
def list_articles(
    db: DbSession,
    staff: Reader,
    tag: Slug | None = None,
    title: Text = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Page[ArticleSummary]:
    """Lists articles by title (drafts too, for those who may edit them)."""
    items, next_cursor = kb_service.get_all(
        db,
        published_only=not staff.can(Permission.KB_MANAGE),
        tag=tag,
        title=title,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[ArticleSummary.model_validate(a) for a in items], next_cursor=next_cursor)


@router.get("/search", response_model=SearchResult)
def search_articles(
    db: DbSession,
    settings: SettingsDep,
    staff: Reader,
    q: Question,
    method: kb_search.Method = kb_search.Method.AUTO,
    limit: HitLimit = 10,
) -> SearchResult:
    """Ranks articles for a question: by words, by meaning, or both fused (``auto``: the best available)."""
    encoder = kb_search.semantic_encoder() if method is not kb_search.Method.KEYWORD else None
    used, found = kb_service.search(
        db,
        question=q,
        method=method,
        published_only=not staff.can(Permission.KB_MANAGE),
        limit=limit,
        encoder=encoder,
    )
    return SearchResult(method=used.value, items=[_hit(settings, a, h) for a, h in found])


@router.post("", response_model=ArticleRead, status_code=201)
def create_article(
    article_in: ArticleCreate, db: DbSession, editor: Editor, response: Response
) -> ArticleRead:
    """Writes an article (supervisors and up); its owner defaults to the author."""
    article = kb_service.create(
        db, article_in=article_in, actor=editor.actor, encoder=kb_search.semantic_encoder()
    )
    response.headers["Location"] = f"/api/v1/articles/{article.id}"
    return commit_read(db, response, ArticleRead, article)


@router.get("/{article_id}", response_model=ArticleRead)
def read_article(article_id: int, db: DbSession, staff: Reader, response: Response) -> ArticleRead:
    """Returns one article with its safe HTML (drafts only for those who may edit them)."""
    article = kb_service.get_or_raise(
        db, article_id=article_id, published_only=not staff.can(Permission.KB_MANAGE)
    )
    return read_with_etag(response, ArticleRead, article)


@router.patch("/{article_id}", response_model=ArticleRead)
def update_article(
    article_id: int,
    article_in: ArticleUpdate,
    request: Request,
    db: DbSession,
    editor: Editor,
    response: Response,
) -> ArticleRead:
    """Changes an article (supervisors and up); send If-Match with the ETag you read."""
    article = kb_service.get_or_raise(db, article_id=article_id)
    check_if_match(request, article.version)
    kb_service.update(
        db, article=article, article_in=article_in, actor=editor.actor, encoder=kb_search.semantic_encoder()
    )
    return commit_read(db, response, ArticleRead, article)


@router.delete("/{article_id}", status_code=204)
def delete_article(article_id: int, request: Request, db: DbSession, editor: Editor) -> Response:
    """Deletes an article (supervisors and up); the audit log keeps its last text."""
    article = kb_service.get_or_raise(db, article_id=article_id)
    check_if_match(request, article.version)
    kb_service.delete(db, article=article, actor=editor.actor)
    db.commit()
    return Response(status_code=204)


@ticket_router.get("/{reference}/suggestions", response_model=TicketSuggestions)
def ticket_suggestions(
    reference: str, db: DbSession, settings: SettingsDep, _staff: Reader, limit: HitLimit = 5
) -> TicketSuggestions:
    """Articles most likely to solve the ticket, and the colleagues who know its subject."""
    ticket = ticket_service.get_by_reference_or_raise(db, reference=reference)
    found = suggestions.for_ticket(db, ticket=ticket, limit=limit, encoder=kb_search.semantic_encoder())
    return TicketSuggestions(
        ticket=ticket.reference,
        method=found.method.value,
        articles=[_hit(settings, a, h) for a, h in found.articles],
        experts=[
            Expert(
                staff=StaffRef.model_validate(person),
                score=round(evidence.score, 4),
                skills=evidence.skills,
                solved=[reference for reference, _ in evidence.solved],
            )
            for person, evidence in found.experts
        ],
    )
