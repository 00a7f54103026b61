"""Admin pages for business calendars, SLA policies, escalation chains and webhooks.

Each page lists what exists and offers a form to add one. The forms go through the same
schemas and services as the JSON API (``calmdesk.sla.config_service``,
``calmdesk.notify.webhooks``), so they accept and refuse the same things; a refusal is
shown next to the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from calmdesk.api.deps import DbSession
from calmdesk.auth.permissions import Permission
from calmdesk.errors import AppError, NotFound
from calmdesk.notify import webhooks as webhook_service
from calmdesk.notify.models import Channel as NotifyChannel
from calmdesk.notify.models import WebhookFormat
from calmdesk.notify.schemas import TOPICS
from calmdesk.sla import config_service
from calmdesk.sla.calendar import WEEKDAY_KEYS
from calmdesk.sla.clock import ClockKind
from calmdesk.staff.models import Staff, Team
from calmdesk.staff.roles import Role
from calmdesk.tickets.lifecycle import Channel, Priority
from calmdesk.web import config_forms
from calmdesk.web.forms import FormErrors, errors_from_app_error
from calmdesk.web.rendering import label, render
from calmdesk.web.session import ConsoleSession, SignedForm, console_user, signed_form

router = APIRouter(include_in_schema=False)
Admin = Annotated[ConsoleSession, Depends(console_user(Permission.CONFIG_MANAGE))]
AdminForm = Annotated[SignedForm, Depends(signed_form(Permission.CONFIG_MANAGE))]
# Service refusals that concern one field of these forms.
FIELD_OF = {
    "name_taken": "name",
    "calendar_not_found": "calendar_id",
    "chain_not_found": "escalation_chain_id",
    "default_policy_exists": "is_default",
    "team_not_found": "team_id",
    "team_has_chain": "team_id",
    "staff_member_not_found": "level_1_who",
}
NOTICES = {
    "calendars": "Calendar saved.",
    "policies": "Policy saved.",
    "chains": "Escalation chain saved.",
    "webhooks": "Webhook saved.",
}


def _choices(db: Session) -> dict[str, Any]:
    return {
        "weekdays": WEEKDAY_KEYS,
        "clock_kinds": list(ClockKind),
        "priority_options": [(p.value, label(p.value)) for p in reversed(Priority)],
        "channel_options": [(c.value, label(c.value)) for c in Channel],
        "calendars": config_service.get_calendars(db),
        "chains": config_service.get_chains(db),
        "teams": list(db.scalars(select(Team).order_by(Team.name))),
        "leaders": list(
            db.scalars(
                select(Staff)
                .where(Staff.is_active.is_(True), Staff.role.not_in((Role.AGENT, Role.CONTRACTOR)))
                .order_by(Staff.name)
            )
        ),
        "roles": [Role.SUPERVISOR, Role.MANAGER, Role.HEAD_OF_OPERATIONS, Role.HR_MANAGER],
        "notify_options": [(c.value, label(c.value)) for c in NotifyChannel],
        "formats": list(WebhookFormat),
        "topic_options": [(t, t) for t in TOPICS],
        "level_rows": range(1, config_forms.LEVEL_ROWS + 1),
    }


def _page(
    request: Request,
    db: Session,
    session: ConsoleSession,
    kind: str,
    *,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    secret: str = "",
    status_code: int = 200,
) -> Response:
    records: dict[str, Callable[[], list[Any]]] = {
        "calendars": lambda: config_service.get_calendars(db),
        "policies": lambda: config_service.get_policies(db),
        "chains": lambda: config_service.get_chains(db),
        "webhooks": lambda: webhook_service.get_all(db),
    }
    context = {
        **_choices(db),
        "kind": kind,
        "records": records[kind](),
        "values": values or {},
        "lists": {},
        "errors": errors or FormErrors(),
        "secret": secret,
        "notice": NOTICES[kind] if request.query_params.get("saved") and not secret else "",
    }
    return render(request, f"admin/{kind}.html", context, session=session, status_code=status_code)


def _with_lists(posted: SignedForm) -> dict[str, Any]:
    """The posted values, with every multi-valued field as a list (to re-tick checkboxes)."""
    values: dict[str, Any] = config_forms.values_of(posted.form)
    for key in posted.form:
        if (
            len(posted.form.getlist(key)) > 1
            or key in ("priorities", "channels", "topics")
            or key.endswith("_channels")
        ):
            values[key] = posted.form.getlist(key)
    return values


def _save(
    request: Request,
    db: Session,
    posted: SignedForm,
    kind: str,
    parsed: tuple[Any, FormErrors],
    create: Callable[[Any], Any],
) -> Response:
    item, errors = parsed
    values = _with_lists(posted)
    if item is None:
        return _page(request, db, posted.session, kind, values=values, errors=errors, status_code=422)
    try:
        created = create(item)
        db.flush()
        secret = str(getattr(created, "secret", "") or "") if kind == "webhooks" else ""
        db.commit()
    except AppError as error:
        db.rollback()
        errors = errors_from_app_error(error, field_of=FIELD_OF)
        return _page(
            request, db, posted.session, kind, values=values, errors=errors, status_code=error.status_code
        )
    if secret:
        # The signing secret is shown this once, so this answer is a page, not a redirect.
        return _page(request, db, posted.session, kind, secret=secret, status_code=201)
    return RedirectResponse(f"/admin/{kind}?saved=1", status_code=303)


@router.get("/admin/calendars")
def calendars_page(request: Request, db: DbSession, session: Admin) -> Response:
    """Business calendars, and a form to add one."""
    return _page(request, db, session, "calendars")


@router.post("/admin/calendars")
def create_calendar(request: Request, db: DbSession, posted: AdminForm) -> Response:
    """Adds a business calendar through config_service.create_calendar."""
    actor = posted.session.staff.actor
    parsed = config_forms.calendar_input(config_forms.values_of(posted.form))
    return _save(
        request,
        db,
        posted,
        "calendars",
        parsed,
        lambda item: config_service.create_calendar(db, calendar_in=item, actor=actor),
    )


@router.get("/admin/policies")
def policies_page(request: Request, db: DbSession, session: Admin) -> Response:
    """SLA policies in matching order, and a form to add one."""
    return _page(request, db, session, "policies")


@router.post("/admin/policies")
def create_policy(request: Request, db: DbSession, posted: AdminForm) -> Response:
    """Adds an SLA policy through config_service.create_policy."""
    actor = posted.session.staff.actor
    parsed = config_forms.policy_input(posted.form)
    return _save(
        request,
        db,
        posted,
        "policies",
        parsed,
        lambda item: config_service.create_policy(db, policy_in=item, actor=actor),
    )


@router.get("/admin/chains")
def chains_page(request: Request, db: DbSession, session: Admin) -> Response:
    """Escalation chains, and a form to add one."""
    return _page(request, db, session, "chains")


@router.post("/admin/chains")
def create_chain(request: Request, db: DbSession, posted: AdminForm) -> Response:
    """Adds an escalation chain through config_service.create_chain."""
    actor = posted.session.staff.actor
    parsed = config_forms.chain_input(posted.form)
    return _save(
        request,
        db,
        posted,
        "chains",
        parsed,
        lambda item: config_service.create_chain(db, chain_in=item, actor=actor),
    )


@router.get("/admin/webhooks")
def webhooks_page(request: Request, db: DbSession, session: Admin) -> Response:
    """Webhook endpoints, and a form to add one."""
    return _page(request, db, session, "webhooks")


@router.post("/admin/webhooks")
def create_webhook(request: Request, db: DbSession, posted: AdminForm) -> Response:
    """Adds a webhook endpoint; its signing secret is shown once."""
    actor = posted.session.staff.actor
    parsed = config_forms.webhook_input(posted.form)
    return _save(
        request,
        db,
        posted,
        "webhooks",
        parsed,
        lambda item: webhook_service.create(db, webhook_in=item, actor=actor),
    )


KIND_TEXT = {
    "calendars": "Business calendars",
    "policies": "SLA policies",
    "chains": "Escalation chains",
    "webhooks": "Webhooks",
}


def _record(db: Session, kind: str, record_id: int) -> Any:
    getters: dict[str, Callable[[], Any]] = {
        "calendars": lambda: config_service.get_calendar_or_raise(db, calendar_id=record_id),
        "policies": lambda: config_service.get_policy_or_raise(db, policy_id=record_id),
        "chains": lambda: config_service.get_chain_or_raise(db, chain_id=record_id),
        "webhooks": lambda: webhook_service.get_or_raise(db, webhook_id=record_id),
    }
    return getters[kind]()


def _update(db: Session, kind: str, record: Any, item: Any, posted: SignedForm) -> None:
    actor = posted.session.staff.actor
    if kind == "calendars":
        config_service.update_calendar(db, calendar=record, calendar_in=item, actor=actor)
    elif kind == "policies":
        config_service.update_policy(db, policy=record, policy_in=item, actor=actor)
    elif kind == "chains":
        config_service.update_chain(db, chain=record, chain_in=item, actor=actor)
    else:
        webhook_service.update(db, endpoint=record, webhook_in=item, actor=actor)


def _edit_page(
    request: Request,
    db: Session,
    session: ConsoleSession,
    kind: str,
    record: Any,
    *,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    stale: bool = False,
    status_code: int = 200,
) -> Response:
    context = {
        **_choices(db),
        "kind": kind,
        "kind_text": KIND_TEXT[kind],
        "record": record,
        "values": values if values is not None else config_forms.current_values(kind, record),
        "errors": errors or FormErrors(),
        "stale": stale,
    }
    return render(request, "admin/config_edit.html", context, session=session, status_code=status_code)


@router.get("/admin/{kind}/{record_id}")
def edit_page(request: Request, kind: str, record_id: int, db: DbSession, session: Admin) -> Response:
    """A form to change one calendar, policy, chain or webhook."""
    if kind not in KIND_TEXT:
        raise NotFound("page", kind)
    return _edit_page(request, db, session, kind, _record(db, kind, record_id))


@router.post("/admin/{kind}/{record_id}")
def update_record(request: Request, kind: str, record_id: int, db: DbSession, posted: AdminForm) -> Response:
    """Changes one calendar, policy, chain or webhook; refused if someone changed it first."""
    if kind not in KIND_TEXT:
        raise NotFound("page", kind)
    record = _record(db, kind, record_id)
    if posted.text("version") != str(record.version):
        return _edit_page(request, db, posted.session, kind, record, stale=True, status_code=409)
    values = _with_lists(posted)
    item, errors = config_forms.update_input(kind, posted.form, record)
    if item is None:
        return _edit_page(
            request, db, posted.session, kind, record, values=values, errors=errors, status_code=422
        )
    try:
        _update(db, kind, record, item, posted)
        db.commit()
    except AppError as error:
        db.rollback()
        record = _record(db, kind, record_id)
        errors = errors_from_app_error(error, field_of=FIELD_OF)
        return _edit_page(
            request,
            db,
            posted.session,
            kind,
            record,
            values=values,
            errors=errors,
            status_code=error.status_code,
        )
    return RedirectResponse(f"/admin/{kind}?saved=1", status_code=303)
