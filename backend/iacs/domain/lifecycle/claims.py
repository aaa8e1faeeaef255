"""What the due jobs share (R27, R30, R40): the rows a job acts on, claimed by one UPDATE ... RETURNING, and the
people it mails about them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.enums import AccountStatus

_Row = TypeVar("_Row")


async def claim(db: AsyncSession, entity: type[_Row], *where: ColumnElement[bool], **values: Any) -> Sequence[_Row]:
    """The rows of `entity` that match `where`, set to `values` and read back as objects in one statement: a job
    marks what it acts on as it reads it."""
    statement = update(entity).where(*where).values(**values).returning(entity)
    return (await db.scalars(statement.execution_options(synchronize_session=False))).all()


async def active_users(db: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, User]:
    """The people among `ids` whose account is active, by id (a disabled account is mailed nothing)."""
    if not ids:
        return {}
    rows = await db.scalars(select(User).where(User.id.in_(sorted(ids)), User.status == AccountStatus.ACTIVE))
    return {u.id: u for u in rows}
