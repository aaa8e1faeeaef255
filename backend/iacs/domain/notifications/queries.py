"""Reads of the outbox: the development mail log."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.notifications.models import OutboxMail


async def mail_of(db: AsyncSession, person: User, *, first: int) -> Sequence[OutboxMail]:
    """The newest `first` messages of the outbox to the person's address (any case), newest first. A mail log
    shows one's own mail only: others' mail holds their confirmation codes."""
    query = select(OutboxMail).where(func.lower(OutboxMail.to_address) == person.email.lower())
    return (await db.scalars(query.order_by(OutboxMail.created_at.desc(), OutboxMail.id).limit(first))).all()
