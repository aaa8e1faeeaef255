"""Surrogate companies: billing companies and other outside contractors (R16-R21)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, created_at_column, pg_enum, uuid_pk
from iacs.domain.enums import RequestStatus


class SurrogateCompany(Base):
    __tablename__ = "surrogate_companies"
    __table_args__ = (
        CheckConstraint("tin ~ '^[0-9]{9}$'", name="tin_digits"),
        # R35: one company per TIN (a second founder with a known TIN gets COMPANY_EXISTS and asks to join it).
        Index("uq_surrogate_companies_tin", "tin", unique=True),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200))
    tin: Mapped[str] = mapped_column(String(9))
    is_demo: Mapped[bool] = mapped_column(server_default=text("false"))
    created_at: Mapped[datetime] = created_at_column()


class SurrogateAssociation(Base):
    """R17: one row per (company, organization) the company has asked to serve, with its latest surrogate-group
    request, that request's status and the organization's name, for the company's pages (a page of 50 of 2,000
    read by index, and counts per status without reading the requests).

    The database keeps it, never the code: triggers of migration 0012 insert or move the row when such a request is
    made, copy its status when it changes, and the organization's name when that changes;
    `surrogate_associations_rebuild()` recomputes every row from the requests (after a bulk load)."""

    __tablename__ = "surrogate_associations"
    __table_args__ = (
        # a company's page in the order it shows (by organization name), and its counts per status
        Index("ix_surrogate_associations_company_name", "company_id", "legal_business_name", "organization_id"),
        Index("ix_surrogate_associations_company_status", "company_id", "status"),
    )

    company_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("surrogate_companies.id"), primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("access_requests.id"), unique=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[RequestStatus] = mapped_column(pg_enum(RequestStatus, "request_status"))
    legal_business_name: Mapped[str] = mapped_column(String(200))
