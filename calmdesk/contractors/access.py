"""Route guards for contractor work: a permission gate, then the caller's reach over contractors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from calmdesk.api.deps import StaffContext, current_staff
from calmdesk.auth.permissions import Permission
from calmdesk.contractors import service as contractor_service
from calmdesk.errors import Forbidden


def require_any(*permissions: Permission) -> Callable[[StaffContext], StaffContext]:
    """A dependency that lets the request through if the role carries any of ``permissions``."""

    def check(context: Annotated[StaffContext, Depends(current_staff)]) -> StaffContext:
        if not any(context.can(permission) for permission in permissions):
            needed = " or ".join(permission.value for permission in permissions)
            raise Forbidden(
                "forbidden", f"a {context.credential.role} may not do this (needs permission {needed})"
            )
        return context

    check.__name__ = "require_" + "_or_".join(permission.name.lower() for permission in permissions)
    return check


def pay_reach(db: Session, staff: StaffContext) -> contractor_service.Reach:
    """Whose pay terms and statements the caller sees and manages."""
    return contractor_service.reach_for(
        db,
        viewer_id=staff.staff_id,
        own=staff.can(Permission.PAY_OWN),
        manage=staff.can(Permission.PAY_MANAGE),
        everyone=staff.can(Permission.CONTRACTORS_ALL),
    )


def appointment_reach(db: Session, staff: StaffContext) -> contractor_service.Reach:
    """Whose appointments the caller sees and manages."""
    return contractor_service.reach_for(
        db,
        viewer_id=staff.staff_id,
        own=staff.can(Permission.APPOINTMENTS_OWN),
        manage=staff.can(Permission.APPOINTMENTS_MANAGE),
        everyone=staff.can(Permission.CONTRACTORS_ALL),
    )


PayViewer = Annotated[StaffContext, Depends(require_any(Permission.PAY_OWN, Permission.PAY_MANAGE))]
PayManager = Annotated[StaffContext, Depends(require_any(Permission.PAY_MANAGE))]
AppointmentViewer = Annotated[
    StaffContext, Depends(require_any(Permission.APPOINTMENTS_OWN, Permission.APPOINTMENTS_MANAGE))
]
AppointmentManager = Annotated[StaffContext, Depends(require_any(Permission.APPOINTMENTS_MANAGE))]
