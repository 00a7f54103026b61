"""Admins' operations on calendars, policies and escalation chains. Callers own the transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from calmdesk.audit import service as audit_service
from calmdesk.auth.principal import Actor
from calmdesk.errors import Conflict, InvalidRequest, NotFound
from calmdesk.sla.models import EscalationChain, EscalationLevel, SlaCalendar, SlaPolicy, SlaTarget
from calmdesk.sla.schemas import (
    CalendarCreate,
    CalendarUpdate,
    ChainCreate,
    ChainUpdate,
    LevelIn,
    PolicyCreate,
    PolicyUpdate,
    TargetIn,
)
from calmdesk.staff.models import Staff, Team


def _audit(db: Session, actor: Actor, action: str, entity: str, entity_id: int, after: Any) -> None:
    audit_service.record(db, actor=actor, action=action, entity_type=entity, entity_id=entity_id, after=after)


def _name_free(db: Session, model: Any, name: str, exclude_id: int | None = None) -> None:
    holder = db.scalars(select(model).where(model.name == name)).one_or_none()
    if holder is not None and holder.id != exclude_id:
        raise Conflict("name_taken", f"{name!r} is already the name of {model.__tablename__} {holder.id}")


# -- calendars ---------------------------------------------------------------------------


def get_calendars(db: Session) -> list[SlaCalendar]:
    """Lists calendars by name."""
    return list(db.scalars(select(SlaCalendar).order_by(SlaCalendar.name)))


def get_calendar_or_raise(db: Session, *, calendar_id: int) -> SlaCalendar:
    """Returns a calendar or raises NotFound."""
    calendar = db.get(SlaCalendar, calendar_id)
    if calendar is None:
        raise NotFound("calendar", calendar_id)
    return calendar


def create_calendar(db: Session, *, calendar_in: CalendarCreate, actor: Actor) -> SlaCalendar:
    """Creates a business calendar."""
    _name_free(db, SlaCalendar, calendar_in.name)
    calendar = SlaCalendar(name=calendar_in.name, definition=calendar_in.definition)
    db.add(calendar)
    db.flush()
    _audit(db, actor, "sla.calendar_created", "sla_calendar", calendar.id, calendar_in.model_dump())
    return calendar


def update_calendar(
    db: Session, *, calendar: SlaCalendar, calendar_in: CalendarUpdate, actor: Actor
) -> SlaCalendar:
    """Changes a calendar; running clocks use it from their next change on."""
    changes = calendar_in.model_dump(exclude_unset=True, exclude_none=True)
    if "name" in changes:
        _name_free(db, SlaCalendar, changes["name"], calendar.id)
    for name, value in changes.items():
        setattr(calendar, name, value)
    db.flush()
    _audit(db, actor, "sla.calendar_updated", "sla_calendar", calendar.id, changes)
    return calendar


def delete_calendar(db: Session, *, calendar: SlaCalendar, actor: Actor) -> None:
    """Deletes a calendar no policy uses."""
    if db.scalar(select(exists().where(SlaPolicy.calendar_id == calendar.id))):
        raise Conflict(
            "calendar_in_use", f"calendar {calendar.name!r} is used by a policy; change that first"
        )
    _audit(db, actor, "sla.calendar_deleted", "sla_calendar", calendar.id, {"name": calendar.name})
    db.delete(calendar)
    db.flush()


# -- policies ----------------------------------------------------------------------------


def get_policies(db: Session) -> list[SlaPolicy]:
    """Lists policies in matching order."""
    return list(db.scalars(select(SlaPolicy).order_by(SlaPolicy.position, SlaPolicy.id)))


def get_policy_or_raise(db: Session, *, policy_id: int) -> SlaPolicy:
    """Returns a policy or raises NotFound."""
    policy = db.get(SlaPolicy, policy_id)
    if policy is None:
        raise NotFound("policy", policy_id)
    return policy


def _targets(targets: list[TargetIn]) -> list[SlaTarget]:
    return [
        SlaTarget(
            kind=t.kind.value,
            minutes=t.minutes,
            warn_percent=t.warn_percent,
            warn_minutes_before=t.warn_minutes_before,
        )
        for t in targets
    ]


def _check_policy_refs(db: Session, calendar_id: int | None, chain_id: int | None) -> None:
    if calendar_id is not None and db.get(SlaCalendar, calendar_id) is None:
        raise InvalidRequest("calendar_not_found", f"no calendar {calendar_id}")
    if chain_id is not None and db.get(EscalationChain, chain_id) is None:
        raise InvalidRequest("chain_not_found", f"no escalation chain {chain_id}")


def _only_default(db: Session, policy: SlaPolicy) -> None:
    # One default at a time: naming a new default retires the old one.
    if policy.is_default:
        db.execute(
            update(SlaPolicy)
            .where(SlaPolicy.is_default.is_(True), SlaPolicy.id != policy.id)
            .values(is_default=False, version=SlaPolicy.version + 1)
            .execution_options(synchronize_session="fetch")
        )


def create_policy(db: Session, *, policy_in: PolicyCreate, actor: Actor) -> SlaPolicy:
    """Creates a policy; tickets match it from their next change on."""
    _name_free(db, SlaPolicy, policy_in.name)
    _check_policy_refs(db, policy_in.calendar_id, policy_in.escalation_chain_id)
    policy = SlaPolicy(
        name=policy_in.name,
        position=policy_in.position,
        is_default=policy_in.is_default,
        is_active=policy_in.is_active,
        conditions=policy_in.conditions.model_dump(mode="json"),
        calendar_id=policy_in.calendar_id,
        escalation_chain_id=policy_in.escalation_chain_id,
        targets=_targets(policy_in.targets),
    )
    db.add(policy)
    db.flush()
    _only_default(db, policy)
    _audit(db, actor, "sla.policy_created", "sla_policy", policy.id, policy_in.model_dump(mode="json"))
    return policy


def update_policy(db: Session, *, policy: SlaPolicy, policy_in: PolicyUpdate, actor: Actor) -> SlaPolicy:
    """Changes a policy; ``targets`` replaces them all."""
    changes = policy_in.model_dump(mode="json", exclude_unset=True)
    for name in ("name", "position", "is_default", "is_active", "conditions", "calendar_id", "targets"):
        if name in changes and changes[name] is None:
            raise InvalidRequest("field_required", f"{name} cannot be null")
    if policy_in.name is not None:
        _name_free(db, SlaPolicy, policy_in.name, policy.id)
    _check_policy_refs(db, policy_in.calendar_id, policy_in.escalation_chain_id)
    for name, value in changes.items():
        if name == "targets":
            policy.targets = _targets(policy_in.targets or [])
        else:
            setattr(policy, name, value)
    db.flush()
    _only_default(db, policy)
    _audit(db, actor, "sla.policy_updated", "sla_policy", policy.id, changes)
    return policy


def delete_policy(db: Session, *, policy: SlaPolicy, actor: Actor) -> None:
    """Deletes a policy; its tickets are matched again at their next change."""
    _audit(db, actor, "sla.policy_deleted", "sla_policy", policy.id, {"name": policy.name})
    db.delete(policy)
    db.flush()


# -- escalation chains -------------------------------------------------------------------


def get_chains(db: Session) -> list[EscalationChain]:
    """Lists escalation chains by name."""
    return list(db.scalars(select(EscalationChain).order_by(EscalationChain.name)))


def get_chain_or_raise(db: Session, *, chain_id: int) -> EscalationChain:
    """Returns a chain or raises NotFound."""
    chain = db.get(EscalationChain, chain_id)
    if chain is None:
        raise NotFound("escalation_chain", chain_id)
    return chain


def _levels(db: Session, levels: list[LevelIn]) -> list[EscalationLevel]:
    for spec in levels:
        if spec.staff_id is not None and db.get(Staff, spec.staff_id) is None:
            raise InvalidRequest("staff_member_not_found", f"no staff member {spec.staff_id}")
    return [
        EscalationLevel(
            level=number,
            role=spec.role.value if spec.role else None,
            staff_id=spec.staff_id,
            delay_minutes=spec.delay_minutes,
            channels=sorted({channel.value for channel in spec.channels}),
        )
        for number, spec in enumerate(levels, start=1)
    ]


def _team_free(db: Session, team_id: int | None, exclude_id: int | None = None) -> None:
    if team_id is None:
        return
    if db.get(Team, team_id) is None:
        raise InvalidRequest("team_not_found", f"no team {team_id}")
    holder = db.scalars(select(EscalationChain).where(EscalationChain.team_id == team_id)).one_or_none()
    if holder is not None and holder.id != exclude_id:
        raise Conflict("team_has_chain", f"team {team_id} already uses chain {holder.name!r}")


def create_chain(db: Session, *, chain_in: ChainCreate, actor: Actor) -> EscalationChain:
    """Creates an escalation chain."""
    _name_free(db, EscalationChain, chain_in.name)
    _team_free(db, chain_in.team_id)
    chain = EscalationChain(name=chain_in.name, team_id=chain_in.team_id, levels=_levels(db, chain_in.levels))
    db.add(chain)
    db.flush()
    _audit(db, actor, "sla.chain_created", "escalation_chain", chain.id, chain_in.model_dump(mode="json"))
    return chain


def update_chain(
    db: Session, *, chain: EscalationChain, chain_in: ChainUpdate, actor: Actor
) -> EscalationChain:
    """Changes a chain; ``levels`` replaces them all."""
    changes = chain_in.model_dump(mode="json", exclude_unset=True)
    if chain_in.name is not None:
        _name_free(db, EscalationChain, chain_in.name, chain.id)
        chain.name = chain_in.name
    if "team_id" in changes:
        _team_free(db, chain_in.team_id, chain.id)
        chain.team_id = chain_in.team_id
    if chain_in.levels is not None:
        chain.levels = []
        db.flush()  # the old rungs go before the new ones take their numbers
        chain.levels = _levels(db, chain_in.levels)
    db.flush()
    _audit(db, actor, "sla.chain_updated", "escalation_chain", chain.id, changes)
    return chain


def delete_chain(db: Session, *, chain: EscalationChain, actor: Actor) -> None:
    """Deletes a chain; policies that named it fall back to their tickets' team chains."""
    _audit(db, actor, "sla.chain_deleted", "escalation_chain", chain.id, {"name": chain.name})
    db.delete(chain)
    db.flush()
