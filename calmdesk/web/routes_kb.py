"""Knowledge-base pages: the desk lists, searches and reads articles; editors write them.

Published articles are also readable without signing in at ``/help/articles/{id}``: that is
the link agents insert into replies. Article bodies were rendered from Markdown and cleaned by
calmdesk.sanitize when saved (``calmdesk.kb.markdown``); :func:`article_html` is the one place
these pages mark that stored HTML as safe.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.auth.permissions import Permission
from calmdesk.errors import AppError
from calmdesk.kb import search as kb_search
from calmdesk.kb import service as kb_service
from calmdesk.kb.models import Article
from calmdesk.kb.schemas import ArticleCreate, ArticleUpdate
from calmdesk.kb.suggestions import article_path
from calmdesk.pagination import MAX_LIMIT
from calmdesk.web.forms import FormErrors, errors_from_app_error, optional_int, parse, split_list
from calmdesk.web.rendering import render
from calmdesk.web.session import ConsoleSession, SignedForm, console_user, signed_form
from calmdesk.web.ticket_view import assignable_staff

router = APIRouter(include_in_schema=False)
Reader = Annotated[ConsoleSession, Depends(console_user(Permission.TICKETS_READ))]
Editor = Annotated[ConsoleSession, Depends(console_user(Permission.KB_MANAGE))]
EditorForm = Annotated[SignedForm, Depends(signed_form(Permission.KB_MANAGE))]
FIELDS = ("title", "body", "tags", "reviewed_on", "owner_id", "is_published")
SEARCH_LIMIT = 20
ERROR_FIELDS = {"owner_not_found": "owner_id"}


def article_html(article: Article) -> Markup:
    """The article's stored HTML, rendered and cleaned by calmdesk.kb.markdown when it was saved."""
    return Markup(article.body_html)  # noqa: S704 - only kb_service writes it, always through clean_html


def _values(posted: SignedForm) -> dict[str, str]:
    values = {name: posted.text(name) for name in FIELDS}
    values["is_published"] = "on" if posted.text("is_published") else ""
    return values


def _data(values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": values["title"],
        "body": values["body"],
        "tags": split_list(values["tags"]),
        "reviewed_on": values["reviewed_on"] or None,
        "owner_id": optional_int(values["owner_id"]),
        "is_published": bool(values["is_published"]),
    }


def _current(article: Article) -> dict[str, str]:
    return {
        "title": article.title,
        "body": article.body_markdown,
        "tags": " ".join(article.tag_names),
        "reviewed_on": article.reviewed_on.isoformat() if article.reviewed_on else "",
        "owner_id": str(article.owner_id or ""),
        "is_published": "on" if article.is_published else "",
    }


def _form_page(
    request: Request,
    db: Session,
    session: ConsoleSession,
    *,
    article: Article | None,
    values: dict[str, str],
    errors: FormErrors | None = None,
    stale: bool = False,
    status_code: int = 200,
) -> Response:
    context = {
        "article": article,
        "values": values,
        "errors": errors or FormErrors(),
        "stale": stale,
        "owners": assignable_staff(db),
    }
    return render(request, "kb/edit.html", context, session=session, status_code=status_code)


@router.get("/kb")
def kb_page(request: Request, db: DbSession, session: Reader) -> Response:
    """Articles by title, or ranked for the words in ``q``."""
    question = request.query_params.get("q", "").strip()[:2000]
    published_only = not session.can(Permission.KB_MANAGE)
    method = ""
    if question:
        used, found = kb_service.search(
            db,
            question=question,
            method=kb_search.Method.AUTO,
            published_only=published_only,
            limit=SEARCH_LIMIT,
            encoder=kb_search.semantic_encoder(),
        )
        articles = [article for article, _ in found]
        method, more = used.value, False
    else:
        articles, cursor = kb_service.get_all(
            db, published_only=published_only, tag=None, title=None, cursor=None, limit=MAX_LIMIT
        )
        more = cursor is not None
    context = {
        "articles": articles,
        "q": question,
        "method": method,
        "more": more,
        "can_edit": session.can(Permission.KB_MANAGE),
        "notice": "Article saved." if request.query_params.get("saved") else "",
    }
    return render(request, "kb/list.html", context, session=session)


@router.get("/kb/new")
def new_article_page(request: Request, db: DbSession, session: Editor) -> Response:
    """A form for a new article."""
    return _form_page(request, db, session, article=None, values={"owner_id": str(session.staff_id)})


@router.post("/kb/new")
def create_article(request: Request, db: DbSession, posted: EditorForm) -> Response:
    """Saves a new article through kb_service.create."""
    values = _values(posted)
    article_in, errors = parse(ArticleCreate, _data(values))
    if article_in is None:
        return _form_page(
            request, db, posted.session, article=None, values=values, errors=errors, status_code=422
        )
    try:
        article = kb_service.create(
            db, article_in=article_in, actor=posted.session.staff.actor, encoder=kb_search.semantic_encoder()
        )
        db.commit()
    except AppError as error:
        db.rollback()
        errors = errors_from_app_error(error, field_of=ERROR_FIELDS)
        return _form_page(
            request,
            db,
            posted.session,
            article=None,
            values=values,
            errors=errors,
            status_code=error.status_code,
        )
    return RedirectResponse(f"/kb/{article.id}?saved=1", status_code=303)


def _readable(db: Session, session: ConsoleSession, article_id: int) -> Article:
    return kb_service.get_or_raise(
        db, article_id=article_id, published_only=not session.can(Permission.KB_MANAGE)
    )


@router.get("/kb/{article_id}")
def article_page(
    request: Request, article_id: int, db: DbSession, settings: SettingsDep, session: Reader
) -> Response:
    """One article, with the link to send customers."""
    article = _readable(db, session, article_id)
    context = {
        "article": article,
        "body": article_html(article),
        "public_url": settings.base_url.rstrip("/") + article_path(article.id),
        "can_edit": session.can(Permission.KB_MANAGE),
        "notice": "Article saved." if request.query_params.get("saved") else "",
    }
    return render(request, "kb/article.html", context, session=session)


@router.get("/kb/{article_id}/edit")
def edit_article_page(request: Request, article_id: int, db: DbSession, session: Editor) -> Response:
    """A form to change one article."""
    article = kb_service.get_or_raise(db, article_id=article_id)
    return _form_page(request, db, session, article=article, values=_current(article))


@router.post("/kb/{article_id}/edit")
def update_article(request: Request, article_id: int, db: DbSession, posted: EditorForm) -> Response:
    """Changes an article; refused if someone saved it since the form was opened."""
    article = kb_service.get_or_raise(db, article_id=article_id)
    values = _values(posted)
    if posted.text("version") != str(article.version):
        return _form_page(
            request,
            db,
            posted.session,
            article=article,
            values=_current(article),
            stale=True,
            status_code=409,
        )
    article_in, errors = parse(ArticleUpdate, _data(values))
    if article_in is None:
        return _form_page(
            request, db, posted.session, article=article, values=values, errors=errors, status_code=422
        )
    try:
        kb_service.update(
            db,
            article=article,
            article_in=article_in,
            actor=posted.session.staff.actor,
            encoder=kb_search.semantic_encoder(),
        )
        db.commit()
    except AppError as error:
        db.rollback()
        article = kb_service.get_or_raise(db, article_id=article_id)
        errors = errors_from_app_error(error, field_of=ERROR_FIELDS)
        return _form_page(
            request,
            db,
            posted.session,
            article=article,
            values=values,
            errors=errors,
            status_code=error.status_code,
        )
    except StaleDataError:
        db.rollback()
        article = kb_service.get_or_raise(db, article_id=article_id)
        return _form_page(
            request,
            db,
            posted.session,
            article=article,
            values=_current(article),
            stale=True,
            status_code=409,
        )
    return RedirectResponse(f"/kb/{article.id}?saved=1", status_code=303)


@router.get("/help/articles/{article_id}")
def public_article(request: Request, article_id: int, db: DbSession) -> Response:
    """A published article for anyone with the link (what agents send to customers)."""
    article = kb_service.get_or_raise(db, article_id=article_id, published_only=True)
    return render(request, "kb/public.html", {"article": article, "body": article_html(article)})
