"""Running delegations (R38): whose queues a person decides for others right now.

A delegation counts while it runs (`starts_at` <= now < `ends_at`, not cancelled), while the delegator still holds
the delegated role, while neither account is disabled (R36), and while the delegate holds no role that R14 keeps
apart from it in the same organization (an official's delegate is no UGA there, a UGA's delegate no official).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Uuid, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from iacs.domain.accounts.models import User
from iacs.domain.delegations.models import Delegation
from iacs.domain.enums import AccountStatus, Role, RoleStatus
from iacs.domain.roles.models import RoleAssignment

_OFFICIALS = [Role.SECURITY_OFFICIAL.value, Role.BACKUP_SECURITY_OFFICIAL.value]
_UGA = Role.USER_GROUP_ADMINISTRATOR.value


def running(now: Any) -> list[ColumnElement[bool]]:
    """The conditions of a delegation (table `delegations`) that counts at `now` (a value or a bind parameter)."""
    d = Delegation.__table__.c
    role = aliased(RoleAssignment.__table__, name="delegated_role")
    delegator = aliased(User.__table__, name="delegator")
    delegate = aliased(User.__table__, name="delegate")
    conflicting = aliased(RoleAssignment.__table__, name="r14_conflict")
    return [
        d.ended_at.is_(None),
        d.starts_at <= now,
        d.ends_at > now,
        exists().where(
            role.c.id == d.role_assignment_id,
            role.c.user_id == d.delegator_id,
            role.c.status == RoleStatus.ACTIVE.value,
            role.c.application_id.is_(None),
            # R14: the delegate holds nothing that may not go with the delegated role in its organization
            ~exists().where(
                conflicting.c.user_id == d.delegate_id,
                conflicting.c.organization_id == role.c.organization_id,
                conflicting.c.status == RoleStatus.ACTIVE.value,
                conflicting.c.application_id.is_(None),
                or_(
                    and_(role.c.role.in_(_OFFICIALS), conflicting.c.role == _UGA),
                    and_(role.c.role == _UGA, conflicting.c.role.in_(_OFFICIALS)),
                ),
            ),
        ),
        # R36: neither account disabled
        exists().where(delegator.c.id == d.delegator_id, delegator.c.status == AccountStatus.ACTIVE.value),
        exists().where(delegate.c.id == d.delegate_id, delegate.c.status == AccountStatus.ACTIVE.value),
    ]


def delegated_role_ids(delegate_id: Any, now: Any) -> Any:
    """The ids of the roles whose queues `delegate_id` decides at `now`, as one array (for `id = ANY(...)`, which
    an index serves, where `IN (subquery)` beside an OR would not)."""
    d = Delegation.__table__.c
    ids = select(d.role_assignment_id).where(d.delegate_id == delegate_id, *running(now)).scalar_subquery()
    return func.array(ids, type_=ARRAY(Uuid()))


def delegates_of_role(now: Any) -> Any:
    """For a row of role_assignments, the delegates deciding its queue at `now`, as an array (empty: none)."""
    d = Delegation.__table__.c
    ids = (
        select(d.delegate_id)
        .where(d.role_assignment_id == RoleAssignment.__table__.c.id, *running(now))
        .scalar_subquery()
    )
    return func.array(ids, type_=ARRAY(Uuid())).label("delegates")


async def delegation_by_id(db: AsyncSession, delegation_id: uuid.UUID) -> Delegation | None:
    """The delegation with this id, running or not; who may see it is the caller's to ask (may_view_delegation)."""
    return await db.get(Delegation, delegation_id)
