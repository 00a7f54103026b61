"""The web console: server-rendered pages (Jinja2 + vendored HTMX) for staff and customers.

``install_console(app)`` adds the pages, the static files, the HTML error pages and the
Content-Security-Policy to the FastAPI app; the JSON API under ``/api/v1`` is untouched.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from calmdesk.web import (
    routes_admin_config,
    routes_admin_staff,
    routes_admin_teams,
    routes_auth,
    routes_contact,
    routes_contractors,
    routes_dashboard,
    routes_escalation,
    routes_followup,
    routes_inbox,
    routes_incidents,
    routes_kb,
    routes_portal,
    routes_ticket,
    routes_ticket_live,
)
from calmdesk.web.errors import install_html_errors
from calmdesk.web.security import ContentSecurityPolicy

STATIC_DIR = Path(__file__).parent / "static"


def install_console(app: FastAPI) -> None:
    """Mounts the console's pages and static files on ``app``, with HTML errors and the CSP."""
    for module in (
        routes_auth,
        routes_inbox,
        routes_ticket,
        routes_escalation,
        routes_admin_staff,
        routes_admin_teams,
        routes_portal,
        routes_contractors,
        routes_ticket_live,
        routes_contact,
        routes_followup,
        routes_kb,
        routes_incidents,
        routes_dashboard,
        routes_admin_config,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_html_errors(app)
    app.add_middleware(ContentSecurityPolicy)
