"""What each role may do. Every API route names the permission it needs."""

from __future__ import annotations

from enum import StrEnum

from calmdesk.staff.roles import Role


class Permission(StrEnum):
    """One thing a staff member may be allowed to do."""

    TICKETS_READ = "tickets:read"
    TICKETS_WRITE = "tickets:write"
    INTERNAL_NOTES = "tickets:internal_notes"
    CUSTOMERS_READ = "customers:read"
    CUSTOMERS_WRITE = "customers:write"
    STAFF_READ = "staff:read"
    STAFF_MANAGE = "staff:manage"
    TEAMS_READ = "teams:read"
    TEAMS_MANAGE = "teams:manage"
    CONFIG_MANAGE = "config:manage"
    AUDIT_READ = "audit:read"
    TOKENS_MANAGE_ALL = "tokens:manage_all"
    OWN_ACCOUNT = "account:own"
    APPOINTMENTS_OWN = "appointments:own"
    APPOINTMENTS_MANAGE = "appointments:manage"
    PAY_OWN = "pay:own"
    PAY_MANAGE = "pay:manage"
    CONTRACTORS_ALL = "contractors:all"
    SLA_READ = "sla:read"
    SLA_REPORTS = "sla:reports"
    KB_MANAGE = "kb:manage"
    INCIDENTS_MANAGE = "incidents:manage"


P = Permission
_DESK_WORK = frozenset(
    {
        P.OWN_ACCOUNT,
        P.TICKETS_READ,
        P.TICKETS_WRITE,
        P.INTERNAL_NOTES,
        P.CUSTOMERS_READ,
        P.CUSTOMERS_WRITE,
        P.STAFF_READ,
        P.TEAMS_READ,
        P.SLA_READ,
    }
)
_LEADERSHIP = _DESK_WORK | {P.AUDIT_READ, P.SLA_REPORTS}
# Supervisors and managers run the contractors in their reporting line (whose reports-to
# chain leads up to them); the Head of Operations and admins run every contractor.
_CONTRACTOR_LEADS = frozenset({P.APPOINTMENTS_MANAGE, P.PAY_MANAGE})
# Supervisors and up write and publish knowledge-base articles (the whole desk reads them),
# and confirm, dismiss and resolve incidents (agents read them and link tickets).
_FLOOR_LEADS = frozenset({P.KB_MANAGE, P.INCIDENTS_MANAGE})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.AGENT: _DESK_WORK,
    Role.SUPERVISOR: _LEADERSHIP | _CONTRACTOR_LEADS | _FLOOR_LEADS,
    Role.MANAGER: _LEADERSHIP | _CONTRACTOR_LEADS | _FLOOR_LEADS,
    Role.HEAD_OF_OPERATIONS: _LEADERSHIP | _CONTRACTOR_LEADS | {P.CONTRACTORS_ALL} | _FLOOR_LEADS,
    Role.HR_MANAGER: _LEADERSHIP,
    Role.ADMIN: frozenset(Permission),
    # Contractors sign in for their own appointments and pay statements only.
    Role.CONTRACTOR: frozenset({P.OWN_ACCOUNT, P.APPOINTMENTS_OWN, P.PAY_OWN}),
}


def allows(role: Role, permission: Permission) -> bool:
    """True when ``role`` carries ``permission``."""
    return permission in ROLE_PERMISSIONS[role]
