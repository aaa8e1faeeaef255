"""Where a job that works through a long list a share per run goes on from at its next run."""

from __future__ import annotations

import uuid

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base


class JobPosition(Base):
    """R39: the escalation looks at the pending requests in order of id, at most `LOOKED_AT_PER_RUN` a run, and
    the next run goes on after the last one looked at (back to the start after the end). Kept in the database, so
    that every pending request is looked at within as many runs as there are shares, whoever runs the job and how
    often (the server every minute, or `iacs jobs run-once` from cron)."""

    __tablename__ = "job_positions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    after_id: Mapped[uuid.UUID] = mapped_column(Uuid)
