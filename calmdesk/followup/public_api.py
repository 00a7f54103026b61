"""The customer's survey link as JSON: their ticket's public thread and a one-time answer."""

from __future__ import annotations

from fastapi import APIRouter

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.clock import utcnow
from calmdesk.followup import surveys
from calmdesk.followup.schemas import PublicSurvey, SurveyAnswer, SurveyAnswered
from calmdesk.tickets import conversation
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.portal_api import PUBLIC_PAGE, public_message

router = APIRouter(prefix="/surveys/public", tags=["customer survey"])


@router.get("/{survey_token}", response_model=PublicSurvey)
def read_survey(survey_token: str, db: DbSession) -> PublicSurvey:
    """The survey's ticket and its public thread (no internal notes); 410 once used or expired."""
    survey = surveys.survey_for_token(db, token=survey_token, now=utcnow())
    ticket = db.get(Ticket, survey.ticket_id)
    assert ticket is not None
    messages, _ = conversation.get_all(
        db, ticket=ticket, include_internal=False, cursor=None, limit=PUBLIC_PAGE
    )
    return PublicSurvey(
        reference=ticket.reference,
        subject=ticket.subject,
        status=ticket.status,
        expires_at=survey.expires_at,
        messages=[public_message(m) for m in messages],
    )


@router.post("/{survey_token}", response_model=SurveyAnswered)
def answer_survey(
    survey_token: str, answer_in: SurveyAnswer, db: DbSession, settings: SettingsDep
) -> SurveyAnswered:
    """Records the rating (1 to 5) and comment once; 1 or 2 reopens the ticket and alerts the supervisor."""
    survey = surveys.answer(
        db,
        token=survey_token,
        rating=answer_in.rating,
        comment=answer_in.comment,
        now=utcnow(),
        base_url=settings.base_url,
    )
    result = SurveyAnswered(rating=answer_in.rating, reopened=survey.reopened)
    db.commit()
    return result
