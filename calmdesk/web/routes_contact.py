"""The public contact form: a customer opens a ticket and gets the private link to follow it.

Spam protection needs no third-party service: a honeypot field people never see (bots
fill it and get a thank-you page while nothing is stored), a signed timestamp (a form sent
back faster than a person types, or days later, is refused), and a limit on requests an
hour from one address. The page needs no JavaScript (the CSP forbids inline scripts).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from fastapi import APIRouter, Request
from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from calmdesk.api.deps import DbSession, SettingsDep
from calmdesk.auth import service as auth_service
from calmdesk.auth.principal import SYSTEM, Actor
from calmdesk.clock import utcnow
from calmdesk.config import Settings
from calmdesk.customers import service as customer_service
from calmdesk.customers.models import Customer
from calmdesk.customers.schemas import CustomerCreate
from calmdesk.mail import outbound
from calmdesk.schemas import InputModel
from calmdesk.tickets import service as ticket_service
from calmdesk.tickets.lifecycle import Channel
from calmdesk.tickets.models import Ticket
from calmdesk.tickets.schemas import MAX_BODY_CHARS, FirstMessage, TicketCreate
from calmdesk.validators import Email, Name
from calmdesk.web.forms import FORM_ERROR, FormErrors, parse
from calmdesk.web.rendering import render
from calmdesk.web.session import PostedForm

router = APIRouter(include_in_schema=False)
HONEYPOT = "website"
FIELDS = ("name", "email", "subject", "message")


class ContactForm(InputModel):
    """What the contact form asks for."""

    name: Name
    email: Email
    subject: str = Field(min_length=1, max_length=300)
    message: str = Field(min_length=1, max_length=MAX_BODY_CHARS)


def _signature(settings: Settings, stamp: str) -> str:
    key = settings.secret_key.get_secret_value().encode()
    return hmac.new(key, f"contact\x00{stamp}".encode(), hashlib.sha256).hexdigest()[:32]


def form_stamp(settings: Settings, now: datetime) -> str:
    """The signed time the form was served, sent back with it."""
    stamp = str(int(now.timestamp()))
    return f"{stamp}.{_signature(settings, stamp)}"


def stamp_problem(settings: Settings, value: str, now: datetime) -> str | None:
    """Why a returned stamp is refused (forged, too fast, too old), or None when it is fine."""
    stamp, _, signature = value.partition(".")
    if not stamp.isdigit() or not hmac.compare_digest(signature, _signature(settings, stamp)):
        return "This form has expired. Please check your message and send it again."
    elapsed = now.timestamp() - int(stamp)
    if elapsed < settings.contact_min_seconds:
        return "That was very quick. Please check your message and send it again."
    if elapsed > settings.contact_max_age_hours * 3600:
        return "This form has expired. Please check your message and send it again."
    return None


def recent_requests(db: Session, *, email: str, now: datetime) -> int:
    """How many web tickets this address opened in the last hour."""
    query = (
        select(func.count())
        .select_from(Ticket)
        .join(Customer, Ticket.customer_id == Customer.id)
        .where(Customer.email == email.lower(), Ticket.channel == Channel.WEB)
        .where(Ticket.created_at > now - timedelta(hours=1))
    )
    return int(db.scalar(query) or 0)


def _form(
    request: Request,
    settings: Settings,
    *,
    values: dict[str, str],
    errors: FormErrors,
    status_code: int = 200,
) -> Response:
    context = {
        "values": values,
        "errors": errors,
        "stamp": form_stamp(settings, utcnow()),
        "honeypot": HONEYPOT,
    }
    return render(request, "contact/page.html", context, status_code=status_code)


@router.get("/contact")
def contact_page(request: Request, settings: SettingsDep) -> Response:
    """The public form to open a request."""
    return _form(request, settings, values=dict.fromkeys(FIELDS, ""), errors=FormErrors())


@router.post("/contact")
def contact_submit(request: Request, form: PostedForm, db: DbSession, settings: SettingsDep) -> Response:
    """Opens a ticket from the form and shows the customer their private link."""
    values = {name: str(form.get(name) or "").strip() for name in FIELDS}
    now = utcnow()
    if str(form.get(HONEYPOT) or "").strip():
        return render(request, "contact/sent.html", {"portal_url": None, "reference": None})
    errors = FormErrors()
    problem = stamp_problem(settings, str(form.get("stamp") or ""), now)
    if problem is not None:
        errors.add(FORM_ERROR, problem)
        return _form(request, settings, values=values, errors=errors, status_code=422)
    contact, errors = parse(ContactForm, values)
    if contact is None:
        return _form(request, settings, values=values, errors=errors, status_code=422)
    if recent_requests(db, email=contact.email, now=now) >= settings.contact_rate_per_address:
        errors.add(
            FORM_ERROR,
            "We already have several requests from this address in the last hour. "
            "We will answer them by email; please use the link in our emails to add to them.",
        )
        return _form(request, settings, values=values, errors=errors, status_code=429)
    customer = customer_service.get_or_create(
        db, customer_in=CustomerCreate(name=contact.name, email=contact.email), actor=SYSTEM
    )
    ticket = ticket_service.create(
        db,
        ticket_in=TicketCreate(
            subject=contact.subject,
            customer_id=customer.id,
            message=FirstMessage(body=contact.message),
            channel=Channel.WEB,
        ),
        actor=Actor(kind="customer", id=customer.id),
    )
    _link, token = auth_service.create_portal_link(
        db, ticket=ticket, ttl=timedelta(days=settings.portal_link_ttl_days), actor=SYSTEM
    )
    url = outbound.portal_url(settings, token)
    if settings.mail_acknowledge:
        outbound.send_acknowledgement(db, ticket=ticket, portal_url=url, now=now)
    reference = ticket.reference
    db.commit()
    return render(request, "contact/sent.html", {"portal_url": url, "reference": reference}, status_code=201)
