"""Operations on staff and teams. Callers own the transaction."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth import secrets
from calmdesk.auth.principal import Actor
from calmdesk.clock import utcnow
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.pagination import SortKey, paginate, split_page
from calmdesk.staff.models import Staff, Team, TeamSkill, staff_teams
from calmdesk.staff.schemas import StaffCreate, StaffUpdate, TeamCreate, TeamUpdate

STAFF_AUDITED = ("name", "email", "role", "is_active", "reports_to_id", "team_ids")
TEAM_AUDITED = ("name", "description", "skill_names")
STAFF_SORT = SortKey("name", Staff.name, descending=False)
TEAM_SORT = SortKey("name", Team.name, descending=False)


def _snapshot(staff: Staff) -> dict[str, object]:
    data = audit_service.snapshot(staff, STAFF_AUDITED[:-1])
    data["team_ids"] = sorted(team.id for team in staff.teams)
    return data


def get(db: Session, *, staff_id: int) -> Staff | None:
    """Returns the staff member with this id, if any."""
    return db.get(Staff, staff_id)


def get_or_raise(db: Session, *, staff_id: int) -> Staff:
    """Returns the staff member with this id or raises NotFound."""
    staff = get(db, staff_id=staff_id)
    if staff is None:
        raise NotFound("staff_member", staff_id)
    return staff


def get_by_email(db: Session, *, email: str) -> Staff | None:
    """Returns the staff member with this address (case-insensitive), if any."""
    return db.scalars(select(Staff).where(Staff.email == email.lower())).one_or_none()


def _teams(db: Session, team_ids: list[int]) -> list[Team]:
    teams = list(db.scalars(select(Team).where(Team.id.in_(team_ids))))
    missing = sorted(set(team_ids) - {team.id for team in teams})
    if missing:
        raise InvalidRequest("team_not_found", f"no team with id {', '.join(map(str, missing))}")
    return teams


def _check_manager(db: Session, staff: Staff, manager_id: int | None) -> None:
    """Refuses a reports-to link that is unknown or would make the chain a loop."""
    seen = {staff.id}
    current = manager_id
    while current is not None:
        if current in seen:
            raise InvalidRequest("reporting_loop", "that reports-to link would make the chain a loop")
        seen.add(current)
        manager = get(db, staff_id=current)
        if manager is None:
            raise InvalidRequest("staff_member_not_found", f"no staff member {current} to report to")
        current = manager.reports_to_id


def _check_password(password: str) -> str:
    if len(password) < secrets.MIN_PASSWORD_LENGTH:
        raise InvalidRequest(
            "password_too_short", f"a password needs at least {secrets.MIN_PASSWORD_LENGTH} characters"
        )
    return secrets.hash_password(password)


def create(db: Session, *, staff_in: StaffCreate, actor: Actor) -> Staff:
    """Creates a staff member."""
    if get_by_email(db, email=staff_in.email) is not None:
        raise Conflict("staff_email_taken", f"a staff member already uses {staff_in.email}")
    staff = Staff(name=staff_in.name, email=staff_in.email, role=staff_in.role, is_active=True)
    if staff_in.password is not None:
        staff.password_hash = _check_password(staff_in.password.get_secret_value())
    staff.teams = _teams(db, staff_in.team_ids)
    db.add(staff)
    db.flush()
    if staff_in.reports_to_id is not None:
        _check_manager(db, staff, staff_in.reports_to_id)
        staff.reports_to_id = staff_in.reports_to_id
        db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="staff.created",
        entity_type="staff",
        entity_id=staff.id,
        after=_snapshot(staff),
    )
    return staff


def update(db: Session, *, staff: Staff, staff_in: StaffUpdate, actor: Actor) -> Staff:
    """Changes the given fields of a staff member."""
    changes = staff_in.model_dump(exclude_unset=True, exclude={"password", "team_ids"})
    for field in ("name", "email", "role", "is_active"):
        if field in changes and changes[field] is None:
            raise InvalidRequest("field_required", f"{field} cannot be null")
    if "email" in changes:
        holder = get_by_email(db, email=changes["email"])
        if holder is not None and holder.id != staff.id:
            raise Conflict("staff_email_taken", f"a staff member already uses {changes['email']}")
    if "reports_to_id" in changes:
        _check_manager(db, staff, changes["reports_to_id"])
    before = _snapshot(staff)
    for field, value in changes.items():
        setattr(staff, field, value)
    if staff_in.team_ids is not None:
        staff.teams = _teams(db, staff_in.team_ids)
    password_changed = staff_in.password is not None
    if staff_in.password is not None:
        staff.password_hash = _check_password(staff_in.password.get_secret_value())
    old, new = audit_service.changed(before, _snapshot(staff))
    if password_changed:
        old["password"], new["password"] = "(set)", "(changed)"
    if new:
        # Bump the version even when only team links changed.
        staff.updated_at = utcnow()
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="staff.updated",
            entity_type="staff",
            entity_id=staff.id,
            before=old,
            after=new,
        )
    return staff


def get_all(
    db: Session,
    *,
    role: str | None,
    team_id: int | None,
    active: bool | None,
    q: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Staff], str | None]:
    """Lists staff by name, filtered by role, team, active flag and text."""
    query = select(Staff)
    if role:
        query = query.where(Staff.role == role)
    if team_id is not None:
        query = query.join(staff_teams).where(staff_teams.c.team_id == team_id)
    if active is not None:
        query = query.where(Staff.is_active == active)
    if q:
        query = query.where(or_(Staff.name.ilike(f"%{q}%"), Staff.email.ilike(f"%{q}%")))
    rows = db.scalars(paginate(query, sort=STAFF_SORT, id_column=Staff.id, cursor=cursor, limit=limit)).all()
    return split_page(rows, limit=limit, sort=STAFF_SORT, key_of=lambda s: (s.name, s.id))


def get_team(db: Session, *, team_id: int) -> Team | None:
    """Returns the team with this id, if any."""
    return db.get(Team, team_id)


def get_team_or_raise(db: Session, *, team_id: int) -> Team:
    """Returns the team with this id or raises NotFound."""
    team = get_team(db, team_id=team_id)
    if team is None:
        raise NotFound("team", team_id)
    return team


def _ensure_team_name_free(db: Session, name: str, *, exclude_id: int | None = None) -> None:
    holder = db.scalars(select(Team).where(Team.name == name)).one_or_none()
    if holder is not None and holder.id != exclude_id:
        raise Conflict("team_name_taken", f"team {holder.id} is already called {name!r}")


def create_team(db: Session, *, team_in: TeamCreate, actor: Actor) -> Team:
    """Creates a team."""
    _ensure_team_name_free(db, team_in.name)
    team = Team(name=team_in.name, description=team_in.description)
    team.skills = [TeamSkill(skill=skill) for skill in sorted(set(team_in.skills))]
    db.add(team)
    db.flush()
    audit_service.record(
        db,
        actor=actor,
        action="team.created",
        entity_type="team",
        entity_id=team.id,
        after=audit_service.snapshot(team, TEAM_AUDITED),
    )
    return team


def update_team(db: Session, *, team: Team, team_in: TeamUpdate, actor: Actor) -> Team:
    """Changes the given fields of a team."""
    changes = team_in.model_dump(exclude_unset=True, exclude={"skills"})
    if any(value is None for value in changes.values()):
        raise InvalidRequest("field_required", "name and description cannot be null")
    if "name" in changes:
        _ensure_team_name_free(db, changes["name"], exclude_id=team.id)
    before = audit_service.snapshot(team, TEAM_AUDITED)
    for field, value in changes.items():
        setattr(team, field, value)
    if team_in.skills is not None:
        wanted = sorted(set(team_in.skills))
        kept = {entry.skill: entry for entry in team.skills}
        team.skills = [kept.get(skill) or TeamSkill(skill=skill) for skill in wanted]
    old, new = audit_service.changed(before, audit_service.snapshot(team, TEAM_AUDITED))
    if new:
        team.updated_at = utcnow()
        db.flush()
        audit_service.record(
            db,
            actor=actor,
            action="team.updated",
            entity_type="team",
            entity_id=team.id,
            before=old,
            after=new,
        )
    return team


def get_teams(
    db: Session, *, skill: str | None, cursor: str | None, limit: int
) -> tuple[list[Team], str | None]:
    """Lists teams by name, optionally those covering a skill."""
    query = select(Team)
    if skill:
        query = query.where(Team.skills.any(TeamSkill.skill == skill))
    rows = db.scalars(paginate(query, sort=TEAM_SORT, id_column=Team.id, cursor=cursor, limit=limit)).all()
    return split_page(rows, limit=limit, sort=TEAM_SORT, key_of=lambda t: (t.name, t.id))
