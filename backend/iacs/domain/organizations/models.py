"""Organizations: providers, individual practitioners' practices and contractors (R6-R11, R22)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, created_at_column, pg_enum, uuid_pk
from iacs.domain.enums import Community, OrganizationKind, OrganizationStatus, ProviderType


class Organization(Base):
    __tablename__ = "organizations"
    __table_args__ = (
        # R6: each facility is its own organization, but one (TIN, NPI) pair is one organization.
        UniqueConstraint("tin", "npi", name="uq_organizations_tin_npi"),
        # R22: one practice per practitioner NPI.
        Index(
            "uq_organizations_practitioner_npi",
            "npi",
            unique=True,
            postgresql_where=text("kind = 'INDIVIDUAL_PRACTITIONER'"),
        ),
        CheckConstraint("npi ~ '^[0-9]{10}$'", name="npi_digits"),
        CheckConstraint("tin IS NULL OR tin ~ '^[0-9]{9}$'", name="tin_digits"),
        CheckConstraint("zip ~ '^[0-9]{5}(-[0-9]{4})?$'", name="zip_format"),
        CheckConstraint("state ~ '^[A-Z]{2}$'", name="state_format"),
        CheckConstraint("kind = 'INDIVIDUAL_PRACTITIONER' OR tin IS NOT NULL", name="tin_required"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    legal_business_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganizationKind] = mapped_column(pg_enum(OrganizationKind, "organization_kind"))
    provider_type: Mapped[ProviderType] = mapped_column(pg_enum(ProviderType, "provider_type"))
    community: Mapped[Community] = mapped_column(
        pg_enum(
            Community,
            "community",
        ),
        index=True,
    )
    npi: Mapped[str] = mapped_column(String(10), index=True)
    tin: Mapped[str | None] = mapped_column(String(9))
    ptan: Mapped[str | None] = mapped_column(String(20))
    address_line1: Mapped[str] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(2))
    zip: Mapped[str] = mapped_column(String(10))
    status: Mapped[OrganizationStatus] = mapped_column(
        pg_enum(OrganizationStatus, "organization_status"), server_default=OrganizationStatus.PENDING.value
    )
    is_demo: Mapped[bool] = mapped_column(server_default=text("false"))
    created_at: Mapped[datetime] = created_at_column()
    decided_at: Mapped[datetime | None]
