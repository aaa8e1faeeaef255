"""CMS applications that user groups and end users ask access to (R23), and CMS's switches (R11, R42)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, created_at_column, pg_enum, uuid_pk
from iacs.domain.enums import ProviderType


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[uuid.UUID] = uuid_pk()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(1000))
    open: Mapped[bool] = mapped_column(server_default=text("true"))
    # R42: why it is closed, shown to the people whose request it refuses; null while it is open
    closed_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = created_at_column()


class ProviderTypeSetting(Base):
    """R11, R42: whether a provider type is open to registration; one row per provider type (migration 0007)."""

    __tablename__ = "provider_type_settings"
    __table_args__ = (CheckConstraint("open OR reason IS NOT NULL", name="closed_with_reason"),)

    provider_type: Mapped[ProviderType] = mapped_column(pg_enum(ProviderType, "provider_type"), primary_key=True)
    open: Mapped[bool] = mapped_column(server_default=text("true"))
    reason: Mapped[str | None] = mapped_column(String(500))
    changed_at: Mapped[datetime | None]
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
