"""The demo company's support organisation: Harbourline's teams and the people in them.

Harbourline sells, delivers, installs and repairs home and commercial appliances
(washing machines, dishwashers, heat pumps, café coffee machines) in the UK and Ireland,
sells spare parts worldwide, and runs an online shop, an app and a partner API.
"""

from __future__ import annotations

from calmdesk.demo.records import DemoStaff, DemoTeam, Role

TEAMS: tuple[DemoTeam, ...] = (
    DemoTeam(
        "general",
        "General Support",
        ("general", "orders", "delivery", "account", "complaints"),
        "The front line: every new contact lands here first. Orders, deliveries, "
        "accounts and first-line complaints.",
    ),
    DemoTeam(
        "technical",
        "Technical Support",
        ("technical", "troubleshooting", "smart-home", "app", "api"),
        "Appliance faults and error codes, the Harbourline app, smart-home pairing "
        "and questions from partners on the API.",
    ),
    DemoTeam(
        "billing",
        "Billing",
        ("billing", "refunds", "payments", "invoices", "service-plans", "finance"),
        "Charges, refunds, invoices, finance agreements and Total Care plan payments.",
    ),
    DemoTeam(
        "administrative",
        "Administration",
        ("administrative", "scheduling", "contracts", "warranty", "cancellations"),
        "Contracts, warranty claims, cancellations and anything a technician on site "
        "cannot settle within their remit.",
    ),
    DemoTeam(
        "legal",
        "Legal & Compliance",
        ("legal", "privacy", "data-protection", "disputes", "claims"),
        "Legal threats and claims, ombudsman cases, personal-data requests and breaches "
        "(UK GDPR).",
    ),
    DemoTeam(
        "engineering",
        "Engineering",
        ("engineering", "outage", "incidents", "integrations", "payments-platform"),
        "Runs the shop, checkout, app back end and partner API; takes problems that hit "
        "many customers at once.",
    ),
    DemoTeam(
        "field_service",
        "Field Service",
        ("field-service", "installation", "repair", "appointments", "heat-pumps"),
        "Technicians and self-employed contractors who install, service and repair "
        "appliances at customers' homes and sites.",
    ),
)

_DOMAIN = "harbourline.example.com"  # .test addresses fail email validation


def _staff(
    key: str, name: str, local: str, role: Role, reports_to: str | None, *teams: str
) -> DemoStaff:
    return DemoStaff(key, name, f"{local}@{_DOMAIN}", role, reports_to, teams)


_SUPPORT_TEAMS = ("general", "technical", "billing", "administrative", "field_service")

# The chain of command runs agent -> supervisor -> manager -> Head of Operations;
# HR, legal and the admin sit beside it and answer to the Head of Operations.
STAFF: tuple[DemoStaff, ...] = (
    _staff("adaeze", "Adaeze Okafor", "adaeze.okafor", "head_of_operations", None),
    _staff("tomasz", "Tomasz Wójcik", "tomasz.wojcik", "manager", "adaeze", *_SUPPORT_TEAMS),
    _staff("eleanor", "Eleanor Whitfield", "eleanor.whitfield", "manager", "adaeze", "legal"),
    _staff("grace", "Grace Mwangi", "grace.mwangi", "hr_manager", "adaeze"),
    _staff("oliver", "Oliver Bennett", "oliver.bennett", "admin", "adaeze"),
    _staff(
        "priya", "Priya Raman", "priya.raman", "supervisor", "tomasz",
        "general", "billing", "administrative",
    ),
    _staff(
        "gareth", "Gareth Llewellyn", "gareth.llewellyn", "supervisor", "tomasz",
        "technical", "field_service", "engineering",
    ),
    _staff("sofia", "Sofia Márquez", "sofia.marquez", "agent", "priya", "general", "billing"),
    _staff("kwame", "Kwame Asante", "kwame.asante", "agent", "priya", "general"),
    _staff("mei_lin", "Mei Lin Tan", "meilin.tan", "agent", "priya", "billing"),
    _staff(
        "liam", "Liam O'Connor", "liam.oconnor", "agent", "priya", "general", "administrative"
    ),
    _staff("hannah", "Hannah Schmidt", "hannah.schmidt", "agent", "gareth", "technical"),
    _staff(
        "yusuf", "Yusuf Demir", "yusuf.demir", "agent", "gareth", "technical", "engineering"
    ),
    _staff("rahul", "Rahul Menon", "rahul.menon", "agent", "gareth", "engineering"),
    _staff("dmitri", "Dmitri Volkov", "dmitri.volkov", "agent", "gareth", "field_service"),
    _staff("aisha", "Aisha Bello", "aisha.bello", "agent", "gareth", "field_service"),
    # Self-employed: paid per hour of customer appointments, dispatched by field service.
    _staff("marek", "Marek Nowak", "marek.nowak", "contractor", "gareth", "field_service"),
    _staff("chloe", "Chloé Dubois", "chloe.dubois", "contractor", "gareth", "field_service"),
)
