"""Surrogate companies: billing companies and other outside contractors (R16-R21)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, created_at_column, uuid_pk


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
