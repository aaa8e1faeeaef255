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


MemberPage = tuple[Sequence[User], bool, int]  # the members, whether more follow, how many in all


async def first_member_pages(
    db: AsyncSession, group_ids: Sequence[uuid.UUID], *, first: int
) -> dict[uuid.UUID, MemberPage]:
    """The first page of `group_members` of several groups at once, in one statement (a page of groups each with
    its first members, as the billing dashboard shows them, must not cost two statements a group)."""
    members = (
        select(RoleAssignment.user_group_id.label("group_id"), RoleAssignment.user_id.label("user_id"))
        .where(
            RoleAssignment.user_group_id.in_(group_ids),
            RoleAssignment.role == Role.END_USER,
            RoleAssignment.application_id.is_(None),
            RoleAssignment.status == RoleStatus.ACTIVE,
        )
        .distinct()
        .subquery()
    )
    ranked = (
        select(
            members.c.group_id,
            members.c.user_id,
            func.row_number().over(partition_by=members.c.group_id, order_by=(User.name, User.id)).label("n"),
            func.count().over(partition_by=members.c.group_id).label("total"),
        )
        .join(User, User.id == members.c.user_id)
        .subquery()
    )
    rows = await db.execute(
        select(User, ranked.c.group_id, ranked.c.total)
        .join(ranked, ranked.c.user_id == User.id)
        .where(ranked.c.n <= first + 1)
        .order_by(ranked.c.group_id, ranked.c.n)
    )
    found: dict[uuid.UUID, list[User]] = {group_id: [] for group_id in group_ids}
    totals: dict[uuid.UUID, int] = {}
    for user, group_id, total in rows:
        found[group_id].append(user)
        totals[group_id] = int(total)
    return {group_id: (users[:first], len(users) > first, totals.get(group_id, 0)) for group_id, users in found.items()}
