"""Reads of role assignments for lists: a person's roles with every scope they are held in, in one statement."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ARRAY, Uuid, any_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.rows import ORGANIZATION_UNREAD, USER_READ, Columns, Shape, cut, cut_present, layout
from iacs.domain.accounts.models import User
from iacs.domain.applications.models import Application
from iacs.domain.enums import RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany


@dataclass(frozen=True, slots=True)
class RoleItem:
    """A role and the objects it points to, as rows named like the models (None: not that kind)."""

    role: Columns
    organization: Columns | None
    user_group: Columns | None
    company: Columns | None
    application: Columns | None
    granted_by: Columns | None


_ROLES = RoleAssignment.__table__
_ORGANIZATIONS = Organization.__table__
_GROUPS = UserGroup.__table__
_COMPANIES = SurrogateCompany.__table__
_APPLICATIONS = Application.__table__
_GRANTERS = User.__table__.alias("granter")
_ROLE = Shape("role", _ROLES)
_ORGANIZATION = Shape("organization", _ORGANIZATIONS, *ORGANIZATION_UNREAD)
_GROUP = Shape("user_group", _GROUPS)
_COMPANY = Shape("company", _COMPANIES)
_APPLICATION = Shape("application", _APPLICATIONS)
_GRANTED_BY = Shape("granted_by", _GRANTERS, only=USER_READ)

# Built once (its compiled form cached): the person ids are one array parameter; Core columns, no ORM.
_ROLES_WITH_SCOPES = (
    select(*layout(_ROLE, _ORGANIZATION, _GROUP, _COMPANY, _APPLICATION, _GRANTED_BY))
    .select_from(
        _ROLES.outerjoin(_ORGANIZATIONS, _ORGANIZATIONS.c.id == _ROLES.c.organization_id)
        .outerjoin(_GROUPS, _GROUPS.c.id == _ROLES.c.user_group_id)
        .outerjoin(_COMPANIES, _COMPANIES.c.id == _ROLES.c.company_id)
        .outerjoin(_APPLICATIONS, _APPLICATIONS.c.id == _ROLES.c.application_id)
        .outerjoin(_GRANTERS, _GRANTERS.c.id == _ROLES.c.granted_by_id)
    )
    .where(
        _ROLES.c.user_id == any_(bindparam("user_ids", type_=ARRAY(Uuid()))),
        _ROLES.c.status == RoleStatus.ACTIVE,
    )
    .order_by(_ROLES.c.granted_at, _ROLES.c.id)
)


async def active_roles_with_scopes(db: AsyncSession, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[RoleItem]]:
    """The active roles of each person, oldest first, with organization, group, company, application and
    granter joined (the SPA's "my roles" in one statement whatever the number of roles)."""
    rows = (await db.execute(_ROLES_WITH_SCOPES, {"user_ids": list(user_ids)})).all()
    grouped: dict[uuid.UUID, list[RoleItem]] = defaultdict(list)
    for row in rows:
        role = cut_present(row, _ROLE)
        grouped[role.user_id].append(
            RoleItem(
                role=role,
                organization=cut(row, _ORGANIZATION),
                user_group=cut(row, _GROUP),
                company=cut(row, _COMPANY),
                application=cut(row, _APPLICATION),
                granted_by=cut(row, _GRANTED_BY),
            )
        )
    return grouped
