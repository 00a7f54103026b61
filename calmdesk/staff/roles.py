"""Staff roles and their rank in the hierarchical escalation chain."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a staff member does in calmdesk."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    HEAD_OF_OPERATIONS = "head_of_operations"
    HR_MANAGER = "hr_manager"
    ADMIN = "admin"
    CONTRACTOR = "contractor"


# Rank on the way up: agent → supervisor → manager → Head of Operations. The HR manager
# sits beside the chain (staff-conduct cases), at a manager's authority.
RANK: dict[Role, int] = {
    Role.CONTRACTOR: 0,
    Role.AGENT: 1,
    Role.SUPERVISOR: 2,
    Role.MANAGER: 3,
    Role.HR_MANAGER: 3,
    Role.HEAD_OF_OPERATIONS: 4,
    Role.ADMIN: 0,
}
