"""User group reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.enums import Role, RoleStatus
from iacs.domain.roles.models import RoleAssignment


async def group_members(
    db: AsyncSession, group_id: uuid.UUID, *, first: int, after: tuple[str, uuid.UUID] | None
) -> tuple[Sequence[User], bool, int]:
    """The group's active end users (R13), by name, keyset-paginated."""
    members = (
        select(RoleAssignment.user_id)
        .where(
            RoleAssignment.user_group_id == group_id,
            RoleAssignment.role == Role.END_USER,
            RoleAssignment.application_id.is_(None),
            RoleAssignment.status == RoleStatus.ACTIVE,
        )
        .scalar_subquery()
    )
    query = select(User).where(User.id.in_(members))
    if after is not None:
        query = query.where(tuple_(User.name, User.id) > tuple_(after[0], after[1]))
    rows = (await db.scalars(query.order_by(User.name, User.id).limit(first + 1))).all()
    total = await db.scalar(select(func.count()).select_from(User).where(User.id.in_(members)))
    return rows[:first], len(rows) > first, int(total or 0)
