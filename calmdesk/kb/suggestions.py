"""What may solve a ticket: articles ranked for its subject and first message, and experts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from calmdesk.kb import experts
from calmdesk.kb import search as kb_search
from calmdesk.kb import service as kb_service
from calmdesk.kb.models import Article
from calmdesk.staff.models import Staff
from calmdesk.tickets.models import Ticket

# The first customer message says what is wrong; later ones drift into logistics.
QUESTION_CHARS = 2000
ARTICLE_TAGS_FOR_SKILLS = 2


@dataclass(frozen=True)
class Suggestions:
    """Articles and experts for one ticket, and how the articles were ranked."""

    method: kb_search.Method
    articles: list[tuple[Article, kb_search.Hit]]
    experts: list[tuple[Staff, experts.ExpertEvidence]]


def ticket_question(db: Session, *, ticket: Ticket) -> str:
    """The text a ticket is matched by: its subject and its first customer message."""
    first = experts.first_customer_texts(db, [ticket.id]).get(ticket.id, "")
    return f"{ticket.subject}\n{first}"[:QUESTION_CHARS]


def articles_for(
    db: Session, *, ticket: Ticket, limit: int = 5, encoder: kb_search.Encoder | None = None
) -> tuple[kb_search.Method, list[tuple[Article, kb_search.Hit]]]:
    """The published articles most likely to solve ``ticket``, best first."""
    return kb_service.search(
        db,
        question=ticket_question(db, ticket=ticket),
        method=kb_search.Method.AUTO,
        published_only=True,
        limit=limit,
        encoder=encoder,
    )


def for_ticket(
    db: Session, *, ticket: Ticket, limit: int = 5, encoder: kb_search.Encoder | None = None
) -> Suggestions:
    """Articles and subject-matter experts for ``ticket``."""
    question = ticket_question(db, ticket=ticket)
    method, found = kb_service.search(
        db,
        question=question,
        method=kb_search.Method.AUTO,
        published_only=True,
        limit=limit,
        encoder=encoder,
    )
    tags = [tag for article, _ in found[:ARTICLE_TAGS_FOR_SKILLS] for tag in article.tag_names]
    people = experts.find(db, ticket=ticket, question=question, article_tags=tags, limit=limit)
    return Suggestions(method=method, articles=found, experts=people)


@dataclass(frozen=True)
class PanelArticle:
    """An article as the ticket page's panel shows it, with the path of its customer link."""

    id: int
    title: str
    tags: list[str]
    path: str  # the page prefixes the desk's configured base URL


def panel_articles(db: Session, *, ticket: Ticket, limit: int = 5) -> list[PanelArticle]:
    """The ticket page's suggested articles, each with the path customers can open."""
    _, found = articles_for(db, ticket=ticket, limit=limit, encoder=kb_search.semantic_encoder())
    return [PanelArticle(a.id, a.title, a.tag_names, article_path(a.id)) for a, _ in found]


def article_path(article_id: int) -> str:
    """Where a published article can be read without signing in (the link sent to customers)."""
    return f"/help/articles/{article_id}"


@dataclass(frozen=True)
class PanelExpert:
    """A subject-matter expert as the ticket page's panel shows them, with why."""

    name: str
    role: str
    skills: list[str]
    solved: list[str]  # references of similar tickets they resolved


def panel_experts(
    db: Session, *, ticket: Ticket, articles: Sequence[PanelArticle], limit: int = 3
) -> list[PanelExpert]:
    """The staff most likely to know the answer, other than the ticket's own assignee."""
    question = ticket_question(db, ticket=ticket)
    tags = [tag for article in articles[:ARTICLE_TAGS_FOR_SKILLS] for tag in article.tags]
    found = experts.find(db, ticket=ticket, question=question, article_tags=tags, limit=limit + 1)
    return [
        PanelExpert(staff.name, staff.role, evidence.skills, [reference for reference, _ in evidence.solved])
        for staff, evidence in found
        if staff.id != ticket.assignee_id
    ][:limit]
