"""Where a job that works through a long list a share per run goes on from at its next run."""

from __future__ import annotations

import uuid

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base


class JobPosition(Base):
    """R39: the id after which the escalation's next share of pending requests begins (`escalation.next_share`).
    Kept in the database, so that the shares come round in turn whoever runs the job and however often (the server
    every minute, or `iacs jobs run-once` from cron)."""

    __tablename__ = "job_positions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    after_id: Mapped[uuid.UUID] = mapped_column(Uuid)
