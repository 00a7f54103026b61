"""Staff, teams and the skills that route functional escalations."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calmdesk.db import Base
from calmdesk.model_mixins import Timestamped, Versioned

staff_teams = Table(
    "staff_teams",
    Base.metadata,
    Column("staff_id", ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Staff(Versioned, Timestamped, Base):
    """Someone who works the desk: agent, supervisor, manager, admin or contractor."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(32), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    reports_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))

    reports_to: Mapped[Staff | None] = relationship(remote_side="Staff.id", lazy="raise")
    teams: Mapped[list[Team]] = relationship(
        secondary=staff_teams, back_populates="members", lazy="select", order_by="Team.name"
    )


class Team(Versioned, Timestamped, Base):
    """A group of staff with skills, e.g. billing or engineering."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")

    skills: Mapped[list[TeamSkill]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="TeamSkill.skill"
    )
    members: Mapped[list[Staff]] = relationship(secondary=staff_teams, back_populates="teams", lazy="raise")

    @property
    def skill_names(self) -> list[str]:
        """The team's skills as plain slugs."""
        return [entry.skill for entry in self.skills]


class TeamSkill(Base):
    """One skill a team covers (a lowercase slug such as ``billing``)."""

    __tablename__ = "team_skills"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    skill: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)
