"""Reads of role assignments for lists: a person's roles with every scope they are held in, in one statement."""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    DateTime,
    FromClause,
    Integer,
    Join,
    Row,
    Select,
    String,
    Uuid,
    any_,
    bindparam,
    case,
    func,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import LateralFromClause

from iacs.db.constants import constants_written
from iacs.db.rows import (
    ORGANIZATION_UNREAD,
    USER_READ,
    ApplicationColumns,
    CompanyColumns,
    OrganizationColumns,
    RoleColumns,
    Shape,
    UserColumns,
    UserGroupColumns,
    cut,
    cut_present,
    layout,
)
from iacs.domain.accounts.models import User
from iacs.domain.applications.models import Application
from iacs.domain.enums import Role, RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany
from iacs.domain.validation import like_containing


@dataclass(frozen=True, slots=True)
class RoleItem:
    """A role and the objects it points to, as rows named like the models (None: not that kind)."""

    role: RoleColumns
    organization: OrganizationColumns | None
    user_group: UserGroupColumns | None
    company: CompanyColumns | None
    application: ApplicationColumns | None
    granted_by: UserColumns | None


_ROLES = RoleAssignment.__table__
_ORGANIZATIONS = Organization.__table__
_GROUPS = UserGroup.__table__
_COMPANIES = SurrogateCompany.__table__
_APPLICATIONS = Application.__table__
_GRANTERS = User.__table__.alias("granter")
_ROLE: Shape[RoleColumns] = Shape("role", _ROLES)
_ORGANIZATION: Shape[OrganizationColumns] = Shape("organization", _ORGANIZATIONS, *ORGANIZATION_UNREAD)
_GROUP: Shape[UserGroupColumns] = Shape("user_group", _GROUPS)
_COMPANY: Shape[CompanyColumns] = Shape("company", _COMPANIES)
_APPLICATION: Shape[ApplicationColumns] = Shape("application", _APPLICATIONS)
_GRANTED_BY: Shape[UserColumns] = Shape("granted_by", _GRANTERS, only=USER_READ)


def _with_scopes(roles: FromClause) -> Join:
    """`roles` (the table, or a page of roles joined to it) with each role's organization, group, company and
    application, where it has one."""
    return (
        roles.outerjoin(_ORGANIZATIONS, _ORGANIZATIONS.c.id == _ROLES.c.organization_id)
        .outerjoin(_GROUPS, _GROUPS.c.id == _ROLES.c.user_group_id)
        .outerjoin(_COMPANIES, _COMPANIES.c.id == _ROLES.c.company_id)
        .outerjoin(_APPLICATIONS, _APPLICATIONS.c.id == _ROLES.c.application_id)
    )


# A role with its scopes and granter: the first columns of every statement here that `_role_item` cuts.
_SCOPED_ROLE = layout(_ROLE, _ORGANIZATION, _GROUP, _COMPANY, _APPLICATION, _GRANTED_BY)


def _roles_with_scopes(person: ColumnElement[bool]) -> Select[Any]:
    return constants_written(
        select(*_SCOPED_ROLE)
        .select_from(_with_scopes(_ROLES).outerjoin(_GRANTERS, _GRANTERS.c.id == _ROLES.c.granted_by_id))
        .where(person, _ROLES.c.status == RoleStatus.ACTIVE)
        .order_by(_ROLES.c.granted_at, _ROLES.c.id)
    )


# Built once (their compiled forms cached); Core columns, no ORM; constants written into the SQL (db/constants.py).
# One person's roles (the viewer's "my roles") take the id through a subquery, `user_id = (SELECT $1)`, which the
# planner does not look into: it then plans alike for every person, so the plan PostgreSQL may keep (generic) costs
# what the plans made for one person (custom) cost, and after five runs on a connection it keeps it. Compared directly
# (or in an array), the id let the planner estimate each person's roles, a person with fewer than average looked
# cheaper to plan again, and PostgreSQL planned on every request: 0.79 ms an execution, 0.41 ms with the plan kept
# (docs/performance.md, "Plans kept"). Every person gets the average person's plan, index lookups row by row: for the
# 2,001 roles of a company's administrator, unpaged, 51-55 ms as before (49-68). Do not write the id in plainly:
# tests/db/test_plans_kept.py checks that the plan is the same for everyone.
_ROLES_OF_ONE = _roles_with_scopes(_ROLES.c.user_id == select(bindparam("user_id", type_=Uuid())).scalar_subquery())
_ROLES_OF_MANY = _roles_with_scopes(_ROLES.c.user_id == any_(bindparam("user_ids", type_=ARRAY(Uuid()))))


def _role_item(row: Row[Any]) -> RoleItem:
    """A row of a statement that selects `_SCOPED_ROLE` first, as a RoleItem."""
    return RoleItem(
        role=cut_present(row, _ROLE),
        organization=cut(row, _ORGANIZATION),
        user_group=cut(row, _GROUP),
        company=cut(row, _COMPANY),
        application=cut(row, _APPLICATION),
        granted_by=cut(row, _GRANTED_BY),
    )


async def active_roles_with_scopes(db: AsyncSession, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[RoleItem]]:
    """The active roles of each person, oldest first, with organization, group, company, application and
    granter joined (the SPA's "my roles" in one statement whatever the number of roles)."""
    if len(user_ids) == 1:
        rows = (await db.execute(_ROLES_OF_ONE, {"user_id": user_ids[0]})).all()
    else:
        rows = (await db.execute(_ROLES_OF_MANY, {"user_ids": list(user_ids)})).all()
    grouped: dict[uuid.UUID, list[RoleItem]] = defaultdict(list)
    for row in rows:
        item = _role_item(row)
        grouped[item.role.user_id].append(item)
    return grouped


@dataclass(frozen=True, slots=True)
class HeldRoleItem:
    """A role held now and the company of its group (a surrogate group's company; None for any other role)."""

    role: RoleColumns
    group_company_id: uuid.UUID | None


# Roles held now (active, or suspended until certified: R30) as rows of their columns, with their group's company: what
# the contact policy weighs (domain/visibility.py, `contacts_visible`), for a batch of people in one statement.
_HELD_WITH_GROUP_COMPANY = (
    select(*_ROLES.c, _GROUPS.c.company_id.label("group_company_id"))
    .select_from(_ROLES.outerjoin(_GROUPS, _GROUPS.c.id == _ROLES.c.user_group_id))
    .where(
        _ROLES.c.user_id == any_(bindparam("user_ids", type_=ARRAY(Uuid()))),
        _ROLES.c.status == any_(bindparam("statuses", type_=ARRAY(_ROLES.c.status.type))),
    )
)


async def roles_held_now(db: AsyncSession, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[HeldRoleItem]]:
    """Each person's roles held now, with the company of each role's group (plain rows: a billing company's staff
    hold a role in every group they work in, and a page of members may bring thousands)."""
    parameters = {"user_ids": list(user_ids), "statuses": [RoleStatus.ACTIVE, RoleStatus.SUSPENDED]}
    grouped: dict[uuid.UUID, list[HeldRoleItem]] = defaultdict(list)
    for row in (await db.execute(_HELD_WITH_GROUP_COMPANY, parameters)).all():
        grouped[row.user_id].append(HeldRoleItem(role=row, group_company_id=row.group_company_id))
    return grouped


@dataclass(frozen=True)
class RolePage:
    items: list[RoleItem]
    keys: list[tuple[int, str, str, datetime, uuid.UUID]]  # each item's place in the list's order (its cursor)
    has_next: bool
    total: int


# A person's active roles, a page at a time, in the order "My roles" shows them: roles in an organization or a
# company by its name (the organization's for a role in a surrogate group), roles in no scope last; within a
# scope the organization's (or company's) own roles first, then by group name; then oldest first.
# (`_role_page_statement`'s `order`).


def _role_conditions(
    roles: FromClause,
    names: tuple[ColumnElement[Any], ...],
    *,
    search: bool,
    organization: bool,
    kinds: bool = False,
) -> list[ColumnElement[bool]]:
    """The page's and the count's conditions on `roles` (the table or an alias of it); `names` are the names a
    search matches: of the role's organization, group, company and application."""
    conditions: list[ColumnElement[bool]] = [
        roles.c.user_id == bindparam("user_id", type_=Uuid()),
        roles.c.status == RoleStatus.ACTIVE,
    ]
    if search:
        pattern = bindparam("pattern", type_=String())
        conditions.append(or_(*(name.ilike(pattern, escape="\\") for name in names)))
    if organization:
        conditions.append(roles.c.organization_id == bindparam("organization_id", type_=Uuid()))
    if kinds:
        conditions.append(roles.c.role.in_(bindparam("kinds", expanding=True)))
    return conditions


def _name_of(table: FromClause, name: str, key: ColumnElement[Any]) -> LateralFromClause:
    """The name of the row of `table` whose id is `key`, as a LATERAL subquery that PostgreSQL looks up by primary
    key for each role: its OFFSET (SQLAlchemy writes `LIMIT ALL OFFSET $n`, a parameter of 0) keeps it from being
    merged into a join, which the planner would make a hash join reading the whole table (a company administrator's
    2,000 roles: every one of 100,000 groups read and hashed)."""
    return select(table.c[name].label("name")).where(table.c.id == key).offset(0).lateral()


@functools.cache
def _role_keys(*, search: bool, organization: bool, kinds: bool) -> tuple[Select[Any], tuple[ColumnElement[Any], ...]]:
    """A person's active roles (the filters applied) with only what they are ordered by: `unscoped`, `scope` (the
    organization's or company's name), `grp` (the group's name), `granted_at` and `id`; and that order. The names
    are looked up one by one (`_name_of`), so that reading 2,000 roles never reads every organization and group."""
    roles = _ROLES.alias("key_role")
    organization_name = _name_of(_ORGANIZATIONS, "legal_business_name", roles.c.organization_id)
    group_name = _name_of(_GROUPS, "name", roles.c.user_group_id)
    companies = _COMPANIES.alias("key_company")
    applications = _APPLICATIONS.alias("key_application")
    scopes = (
        roles.outerjoin(organization_name, true())
        .outerjoin(group_name, true())
        .outerjoin(companies, companies.c.id == roles.c.company_id)
    )
    if search:
        scopes = scopes.outerjoin(applications, applications.c.id == roles.c.application_id)
    unscoped = case((or_(roles.c.organization_id.is_not(None), roles.c.company_id.is_not(None)), 0), else_=1)
    scope = func.coalesce(organization_name.c.name, companies.c.name, "")
    group = func.coalesce(group_name.c.name, "")
    names = (organization_name.c.name, group_name.c.name, companies.c.name, applications.c.name)
    keys = (
        select(
            roles.c.id.label("id"),
            unscoped.label("unscoped"),
            scope.label("scope"),
            group.label("grp"),
            roles.c.granted_at.label("granted_at"),
        )
        .select_from(scopes)
        .where(*_role_conditions(roles, names, search=search, organization=organization, kinds=kinds))
    )
    return keys, (unscoped, scope, group, roles.c.granted_at, roles.c.id)


@functools.cache
def _role_page_statement(*, after: bool, search: bool, organization: bool, kinds: bool) -> Select[Any]:
    """One page of a person's active roles with their scopes and granter, and the order's keys, in one statement of
    fixed shape per combination of filters (built once; the person, the filters, the cursor and the page size are
    parameters; Core columns, no ORM). `ix_role_assignments_user_status` finds the person's roles.

    The page's keys first (`_role_keys`), sorted and cut to the page; then the page's roles joined to everything
    they show (not all of the person's roles: a company administrator holds 2,000). A page of that administrator's
    15.7 -> 8-10 ms in PostgreSQL; 0.5 ms for a person of 20 roles (docs/performance.md)."""
    keys, order = _role_keys(search=search, organization=organization, kinds=kinds)
    if after:
        keys = keys.where(
            tuple_(*order)
            > tuple_(
                bindparam("after_unscoped", type_=Integer()),
                bindparam("after_scope", type_=String()),
                bindparam("after_group", type_=String()),
                bindparam("after_granted_at", type_=DateTime(timezone=True)),
                bindparam("after_id", type_=Uuid()),
            )
        )
    page = keys.order_by(*order).limit(bindparam("limit", type_=Integer())).subquery("page")
    return (
        select(
            *_SCOPED_ROLE,
            page.c.unscoped,
            page.c.scope,
            page.c.grp,
        )
        .select_from(
            _with_scopes(page.join(_ROLES, _ROLES.c.id == page.c.id)).outerjoin(
                _GRANTERS, _GRANTERS.c.id == _ROLES.c.granted_by_id
            )
        )
        .order_by(page.c.unscoped, page.c.scope, page.c.grp, page.c.granted_at, page.c.id)
    )


@functools.cache
def _role_count_statement(*, search: bool, organization: bool, kinds: bool) -> Select[Any]:
    """How many roles the page's filters keep. A search matches names: the count then reads the page's keys (names
    looked up one by one); without one, the roles alone."""
    if search:
        keys, _ = _role_keys(search=search, organization=organization, kinds=kinds)
        return select(func.count()).select_from(keys.subquery("matching"))
    conditions = _role_conditions(_ROLES, (), search=False, organization=organization, kinds=kinds)
    return select(func.count()).select_from(_ROLES).where(*conditions)


async def role_page(
    db: AsyncSession,
    user_id: uuid.UUID,
    *,
    first: int,
    after: tuple[int, str, str, datetime, uuid.UUID] | None,
    search: str | None = None,
    organization_id: uuid.UUID | None = None,
    kinds: Sequence[Role] | None = None,
) -> RolePage:
    """A person's active roles a page at a time (the SPA's "My roles"), with their scopes and granter: two
    statements whatever the page size. `search` (bounded by the caller) matches the name of the role's
    organization, group, company or application, any part, any case; `organization_id` keeps the roles held in
    that organization (its own and its groups'); `kinds` keeps the roles of these kinds (None: every kind)."""
    flags = {"search": bool(search), "organization": organization_id is not None, "kinds": kinds is not None}
    parameters: dict[str, Any] = {"user_id": user_id, "limit": first + 1}
    if search:
        parameters["pattern"] = like_containing(search)
    if organization_id is not None:
        parameters["organization_id"] = organization_id
    if kinds is not None:
        parameters["kinds"] = list(kinds)
    if after is not None:
        keys = ("after_unscoped", "after_scope", "after_group", "after_granted_at", "after_id")
        parameters.update(zip(keys, after, strict=True))
    rows = (await db.execute(_role_page_statement(after=after is not None, **flags), parameters)).all()
    total = await db.scalar(_role_count_statement(**flags), parameters)
    width = len(_SCOPED_ROLE)
    items: list[RoleItem] = []
    keys_of: list[tuple[int, str, str, datetime, uuid.UUID]] = []
    for row in rows[:first]:
        item = _role_item(row)
        items.append(item)
        role = item.role
        unscoped, scope, group = row[width : width + 3]
        keys_of.append((int(unscoped), str(scope), str(group), role.granted_at, role.id))
    return RolePage(items=items, keys=keys_of, has_next=len(rows) > first, total=int(total or 0))


async def role_by_id(db: AsyncSession, role_id: uuid.UUID) -> RoleAssignment | None:
    """The role with this id, whoever holds it, in any status; who may see it is the caller's to ask
    (domain/visibility.py: role_visible)."""
    return await db.get(RoleAssignment, role_id)
