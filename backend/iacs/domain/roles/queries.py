"""Reads of role assignments for lists: a person's roles with every scope they are held in, in one statement."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ARRAY, Row, Uuid, any_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from iacs.db.rows import ORGANIZATION_UNREAD, USER_UNREAD, bundle, present
from iacs.domain.accounts.models import User
from iacs.domain.applications.models import Application
from iacs.domain.enums import RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany


@dataclass(frozen=True, slots=True)
class RoleItem:
    """A role and the objects it points to, as plain rows named like the models (None: not that kind)."""

    role: Row[Any]
    organization: Row[Any] | None
    user_group: Row[Any] | None
    company: Row[Any] | None
    application: Row[Any] | None
    granted_by: Row[Any] | None


_GRANTER = aliased(User, name="granter")
_ROLE = bundle("role", RoleAssignment)
_ORGANIZATION = bundle("organization", Organization, *ORGANIZATION_UNREAD)
_GROUP = bundle("user_group", UserGroup)
_COMPANY = bundle("company", SurrogateCompany)
_APPLICATION = bundle("application", Application)
_GRANTED_BY = bundle("granted_by", _GRANTER, *USER_UNREAD)


# Built once (its compiled form cached): the person ids are one array parameter.
_ROLES_WITH_SCOPES = (
    select(_ROLE, _ORGANIZATION, _GROUP, _COMPANY, _APPLICATION, _GRANTED_BY)
    .select_from(RoleAssignment)
    .outerjoin(Organization, Organization.id == RoleAssignment.organization_id)
    .outerjoin(UserGroup, UserGroup.id == RoleAssignment.user_group_id)
    .outerjoin(SurrogateCompany, SurrogateCompany.id == RoleAssignment.company_id)
    .outerjoin(Application, Application.id == RoleAssignment.application_id)
    .outerjoin(_GRANTER, _GRANTER.id == RoleAssignment.granted_by_id)
    .where(
        RoleAssignment.user_id == any_(bindparam("user_ids", type_=ARRAY(Uuid()))),
        RoleAssignment.status == RoleStatus.ACTIVE,
    )
    .order_by(RoleAssignment.granted_at, RoleAssignment.id)
)


async def active_roles_with_scopes(db: AsyncSession, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[RoleItem]]:
    """The active roles of each person, oldest first, with organization, group, company, application and
    granter joined (the SPA's "my roles" in one statement whatever the number of roles)."""
    rows = (await db.execute(_ROLES_WITH_SCOPES, {"user_ids": list(user_ids)})).all()
    grouped: dict[uuid.UUID, list[RoleItem]] = defaultdict(list)
    for row in rows:
        grouped[row.role.user_id].append(
            RoleItem(
                role=row.role,
                organization=present(row.organization),
                user_group=present(row.user_group),
                company=present(row.company),
                application=present(row.application),
                granted_by=present(row.granted_by),
            )
        )
    return grouped
