"""Role assignments: who holds which role in which scope (R8, R12-R14, R22, R29, R30)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, pg_enum, uuid_pk
from iacs.domain.enums import Role, RoleStatus


class RoleAssignment(Base):
    __tablename__ = "role_assignments"
    __table_args__ = (
        # R8: exactly one active Security Official per organization.
        Index(
            "uq_role_assignments_active_security_official",
            "organization_id",
            unique=True,
            postgresql_where=text("role = 'SECURITY_OFFICIAL' AND status = 'ACTIVE'"),
        ),
        # R22: the single role of individual practitioner - one active practice per person.
        Index(
            "uq_role_assignments_active_practitioner",
            "user_id",
            unique=True,
            postgresql_where=text("role = 'INDIVIDUAL_PRACTITIONER' AND status = 'ACTIVE'"),
        ),
        # R14 is a constraint trigger of migration 0005 (role_assignments_r14): no active SO or BSO and active
        # UGA of one person in one organization; the ORM does not model triggers.
        # A person holds a role in one scope at most once while it is active.
        Index(
            "uq_role_assignments_active_scope",
            "user_id",
            "role",
            "organization_id",
            "user_group_id",
            "company_id",
            "application_id",
            unique=True,
            postgresql_where=text("status = 'ACTIVE'"),
            postgresql_nulls_not_distinct=True,
        ),
        Index("ix_role_assignments_user_status", "user_id", "status"),
        Index(
            "ix_role_assignments_certify_by", "certify_by", postgresql_where=text("status IN ('ACTIVE', 'SUSPENDED')")
        ),
        CheckConstraint("(status = 'SUSPENDED') = (suspended_at IS NOT NULL)", name="suspended_at_iff_suspended"),
        Index(
            "ix_role_assignments_ends_at",
            "ends_at",
            postgresql_where=text("ends_at IS NOT NULL AND status IN ('ACTIVE', 'SUSPENDED')"),
        ),
        Index(
            "ix_role_assignments_organization_role",
            "organization_id",
            "role",
            postgresql_where=text("status = 'ACTIVE'"),
        ),
        Index(
            "ix_role_assignments_group_role",
            "user_group_id",
            "role",
            postgresql_where=text("status = 'ACTIVE'"),
        ),
        Index(
            "ix_role_assignments_company_role",
            "company_id",
            "role",
            postgresql_where=text("status = 'ACTIVE'"),
        ),
        # R25: no role without its request, except the help desk (R33: created from the command line).
        CheckConstraint("role = 'HELP_DESK' OR request_id IS NOT NULL", name="request_required"),
        CheckConstraint("(status = 'REVOKED') = (ended_at IS NOT NULL)", name="ended_at_iff_revoked"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    role: Mapped[Role] = mapped_column(pg_enum(Role, "role"))
    status: Mapped[RoleStatus] = mapped_column(
        pg_enum(RoleStatus, "role_status"), server_default=RoleStatus.ACTIVE.value
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    user_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_groups.id"))
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("surrogate_companies.id"))
    application_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("applications.id"))
    request_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("access_requests.id"), index=True)
    granted_at: Mapped[datetime]
    granted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    certify_by: Mapped[datetime | None]  # R30
    # R30: reminders sent for the current due date (1: 30 days before, 2: 7 days before); reset on certifying.
    certification_reminders: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))
    suspended_at: Mapped[datetime | None]
    certified_at: Mapped[datetime | None]
    certified_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    end_reason: Mapped[str | None] = mapped_column(String(2000))
    # R40: the role ends by itself at this date (the job runner ends it; its holder is told 7 days before)
    ends_at: Mapped[datetime | None]
    end_reminded_at: Mapped[datetime | None]
