"""The FastAPI application factory: nothing is built at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from sqlalchemy import text

import calmdesk
from calmdesk import models  # noqa: F401 - registers every table
from calmdesk.api.errors import install_error_handlers
from calmdesk.api.middleware import BodySizeLimit, SecurityHeaders
from calmdesk.audit.api import router as audit_router
from calmdesk.auth.api import router as auth_router
from calmdesk.config import Settings, get_settings
from calmdesk.contractors.api import payroll_router
from calmdesk.contractors.api import router as contractor_router
from calmdesk.contractors.appointment_api import router as appointment_router
from calmdesk.customers.api import router as customer_router
from calmdesk.db import Database
from calmdesk.escalation.abuse_api import router as abuse_router
from calmdesk.escalation.api import router as escalation_router
from calmdesk.escalation.policy_api import router as policy_exception_router
from calmdesk.escalation.rules_api import router as triage_router
from calmdesk.followup.api import router as followup_router
from calmdesk.followup.public_api import router as survey_public_router
from calmdesk.incidents.api import router as incident_router
from calmdesk.kb.api import router as article_router
from calmdesk.kb.api import ticket_router as kb_ticket_router
from calmdesk.mail.api import router as mail_router
from calmdesk.notify.api import router as notify_router
from calmdesk.sla.api import router as sla_router
from calmdesk.sla.config_api import router as sla_config_router
from calmdesk.staff.api import staff_router, team_router
from calmdesk.tickets.api import router as ticket_router
from calmdesk.tickets.calls_api import router as calls_router
from calmdesk.tickets.portal_api import router as portal_router
from calmdesk.tone.api import router as tone_router
from calmdesk.web import install_console

log = logging.getLogger("calmdesk")


def _health_router() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/health")
    def health(request: Request) -> dict[str, str]:
        """Says whether calmdesk and its database answer."""
        database: Database = request.app.state.database
        with database.session(read_only=True) as session:
            session.execute(text("SELECT 1"))
        return {"status": "ok", "version": calmdesk.__version__, "database": database.dialect}

    return router


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    """Builds the calmdesk web application for ``settings`` (default: from the environment)."""
    settings = settings or get_settings()
    owns_database = database is None
    if database is None:
        database = Database(settings.database_url, pool_size=settings.db_pool_size, echo=settings.sql_echo)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_database:
            app.state.database.dispose()

    app = FastAPI(
        title="calmdesk",
        version=calmdesk.__version__,
        description="An escalation desk for customer-support teams.",
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.database = database
    install_error_handlers(app)
    api = APIRouter(prefix="/api/v1")
    for router in (
        _health_router(),
        auth_router,
        customer_router,
        staff_router,
        team_router,
        ticket_router,
        portal_router,
        audit_router,
        contractor_router,
        appointment_router,
        payroll_router,
        sla_router,
        sla_config_router,
        notify_router,
        tone_router,
        calls_router,
        mail_router,
        followup_router,
        survey_public_router,
        article_router,
        kb_ticket_router,
        incident_router,
        escalation_router,
        policy_exception_router,
        triage_router,
        abuse_router,
    ):
        api.include_router(router)
    app.include_router(api)
    install_console(app)  # the web console's pages, static files, HTML errors and CSP
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
