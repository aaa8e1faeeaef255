"""Delegations: an official or a UGA lets a colleague decide their queue for a while (R38)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, created_at_column, uuid_pk

MAX_DELEGATION_DAYS = 90  # R38


class Delegation(Base):
    __tablename__ = "delegations"
    __table_args__ = (
        CheckConstraint("delegate_id <> delegator_id", name="not_to_oneself"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        # R38: at most 90 days (also checked by the service, with a message naming the field)
        CheckConstraint(f"ends_at - starts_at <= interval '{MAX_DELEGATION_DAYS} days'", name="at_most_90_days"),
        # Loading a person's authority looks up the delegations they received that have not been cancelled.
        Index("ix_delegations_delegate_open", "delegate_id", "ends_at", postgresql_where=text("ended_at IS NULL")),
        Index("ix_delegations_delegator", "delegator_id", "created_at"),
        Index("ix_delegations_role_assignment", "role_assignment_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    delegator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    delegate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    # The delegator's role whose queue the delegate decides; it counts only while that role is active.
    role_assignment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("role_assignments.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_at: Mapped[datetime] = created_at_column()
    ended_at: Mapped[datetime | None]  # set when the delegator (or the help desk) cancels it early
    ended_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
