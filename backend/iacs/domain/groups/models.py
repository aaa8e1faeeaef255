"""User groups of an organization: provider groups and surrogate groups (R12, R13, R16, R18)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, created_at_column, pg_enum, uuid_pk
from iacs.domain.enums import UserGroupKind


class UserGroup(Base):
    __tablename__ = "user_groups"
    __table_args__ = (
        # R18: at most one surrogate user group per (company, provider organization).
        Index(
            "uq_user_groups_surrogate_company_organization",
            "company_id",
            "organization_id",
            unique=True,
            postgresql_where=text("kind = 'SURROGATE'"),
        ),
        Index("uq_user_groups_organization_name", "organization_id", text("lower(name)"), unique=True),
        CheckConstraint("(kind = 'SURROGATE') = (company_id IS NOT NULL)", name="surrogate_has_company"),
        CheckConstraint("char_length(name) BETWEEN 1 AND 120", name="name_length"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"), index=True)
    kind: Mapped[UserGroupKind] = mapped_column(pg_enum(UserGroupKind, "user_group_kind"))
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("surrogate_companies.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = created_at_column()
