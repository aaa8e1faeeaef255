"""R17: a company's UGAs see every surrogate association of the company, pending or decided."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, String, Uuid, bindparam, func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.rows import (
    ORGANIZATION_UNREAD,
    OrganizationColumns,
    RequestColumns,
    Shape,
    UserGroupColumns,
    cut,
    cut_present,
    layout,
)
from iacs.domain.accounts.models import User
from iacs.domain.enums import AccountStatus, RequestStatus, Role, RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateAssociation, SurrogateCompany
from iacs.domain.validation import escape_like


async def companies_administered_by(db: AsyncSession, user_id: uuid.UUID) -> Sequence[SurrogateCompany]:
    return (
        await db.scalars(
            select(SurrogateCompany)
            .join(RoleAssignment, RoleAssignment.company_id == SurrogateCompany.id)
            .where(
                RoleAssignment.user_id == user_id,
                RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
                RoleAssignment.user_group_id.is_(None),
                RoleAssignment.status == RoleStatus.ACTIVE,
            )
            .order_by(SurrogateCompany.name, SurrogateCompany.id)
        )
    ).all()


@dataclass(frozen=True, slots=True)
class Association:
    """One (company, organization): its latest surrogate-group request, the organization and the group, as
    plain rows named like the models (the group is None until the request is approved)."""

    request: RequestColumns
    organization: OrganizationColumns
    user_group: UserGroupColumns | None


@dataclass(frozen=True)
class AssociationPage:
    rows: list[Association]
    has_next: bool
    total: int


_REQUESTS = AccessRequest.__table__
_ORGANIZATIONS = Organization.__table__
_GROUPS = UserGroup.__table__
_ASSOCIATIONS = SurrogateAssociation.__table__
_REQUEST: Shape[RequestColumns] = Shape("request", _REQUESTS, "details")
_ORGANIZATION: Shape[OrganizationColumns] = Shape("organization", _ORGANIZATIONS, *ORGANIZATION_UNREAD)
_GROUP: Shape[UserGroupColumns] = Shape("user_group", _GROUPS)
_PAGE_COLUMNS = layout(_REQUEST, _ORGANIZATION, _GROUP)


MAX_SEARCH = 100  # characters of `search` (docs/api.md, Limits)


@dataclass(frozen=True)
class AssociationFilter:
    """Which of a company's associations a page lists: all when empty. `search` matches the organization's name
    (any part, any case) or the start of its NPI; `state` the organization's state; `statuses` the status of the
    latest request. The caller bounds them (at most 100 characters, 100 statuses)."""

    search: str | None = None
    state: str | None = None
    statuses: tuple[RequestStatus, ...] | None = None

    def parameters(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.search:
            escaped = escape_like(self.search)
            found["name_pattern"] = f"%{escaped}%"
            found["npi_pattern"] = f"{escaped}%"
        if self.state is not None:
            found["state"] = self.state
        if self.statuses is not None:
            found["statuses"] = list(self.statuses)
        return found


def _filtered_associations(*, search: bool, state: bool, statuses: bool, page: bool) -> Select[Any]:
    """The company's associations (the kept table: one row per organization, its latest request) with the filters
    that are on, as a join whose select list the caller chooses (the page's columns, or a count). `page` joins what
    the page shows; a count joins the organizations only when a filter reads them."""
    kept, requests, organizations, groups = _ASSOCIATIONS.c, _REQUESTS.c, _ORGANIZATIONS.c, _GROUPS.c
    joined: Any = _ASSOCIATIONS
    if page or search or state:
        joined = joined.join(_ORGANIZATIONS, organizations.id == kept.organization_id)
    if page:
        joined = joined.join(_REQUESTS, requests.id == kept.request_id).outerjoin(
            _GROUPS, groups.id == requests.user_group_id
        )
    query = select().select_from(joined).where(kept.company_id == bindparam("company_id", type_=Uuid()))
    if search:
        query = query.where(
            or_(
                kept.legal_business_name.ilike(bindparam("name_pattern", type_=String()), escape="\\"),
                organizations.npi.like(bindparam("npi_pattern", type_=String()), escape="\\"),
            )
        )
    if state:
        query = query.where(organizations.state == bindparam("state", type_=String()))
    if statuses:
        query = query.where(kept.status.in_(bindparam("statuses", type_=kept.status.type, expanding=True)))
    return query


@functools.cache
def _association_count_statement(*, search: bool, state: bool, statuses: bool) -> Select[Any]:
    return _filtered_associations(search=search, state=state, statuses=statuses, page=False).add_columns(func.count())


@functools.cache
def _associations_statement(*, after: bool, search: bool, state: bool, statuses: bool) -> Select[Any]:
    """One row per (company, organization): its latest surrogate-group request, in organization name order;
    the page with its organizations and groups, and the length of the (filtered) list, in one statement of
    fixed shape per combination of filters (built once; the company, the filters' values, the cursor and the
    page size are parameters; Core columns, no ORM). The page walks the kept table's (company, name) index."""
    kept = _ASSOCIATIONS.c
    total = (
        _association_count_statement(search=search, state=state, statuses=statuses).correlate(None).scalar_subquery()
    )
    query = _filtered_associations(search=search, state=state, statuses=statuses, page=True).add_columns(
        *_PAGE_COLUMNS, total.label("total")
    )
    if after:
        query = query.where(
            tuple_(kept.legal_business_name, kept.organization_id)
            > tuple_(bindparam("after_name", type_=String()), bindparam("after_id", type_=Uuid()))
        )
    return query.order_by(kept.legal_business_name, kept.organization_id).limit(bindparam("limit", type_=Integer()))


async def associations(
    db: AsyncSession,
    company_id: uuid.UUID,
    *,
    first: int,
    after: tuple[str, uuid.UUID] | None,
    only: AssociationFilter | None = None,
) -> AssociationPage:
    """R17: the company's associations, a page at a time, those `only` lets through (see
    `_associations_statement`): one statement, two for a page past the last one."""
    only = only or AssociationFilter()
    flags = {"search": bool(only.search), "state": only.state is not None, "statuses": only.statuses is not None}
    parameters: dict[str, Any] = {"company_id": company_id, "limit": first + 1, **only.parameters()}
    if after is not None:
        parameters["after_name"], parameters["after_id"] = after
    rows = (await db.execute(_associations_statement(after=after is not None, **flags), parameters)).all()
    # The count rides on the page's rows; an empty page (past the last one) asks for it alone.
    total = rows[0].total if rows else await db.scalar(_association_count_statement(**flags), parameters)
    count = int(total or 0)
    return AssociationPage(
        rows=[
            Association(
                request=cut_present(r, _REQUEST),
                organization=cut_present(r, _ORGANIZATION),
                user_group=cut(r, _GROUP),
            )
            for r in rows[:first]
        ],
        has_next=len(rows) > first,
        total=count,
    )


@functools.cache
def _association_counts_statement() -> Select[Any]:
    kept = _ASSOCIATIONS.c
    return (
        select(kept.status, func.count())
        .where(kept.company_id == bindparam("company_id", type_=Uuid()))
        .group_by(kept.status)
    )


async def association_counts(db: AsyncSession, company_id: uuid.UUID) -> dict[RequestStatus, int]:
    """R17: how many of the company's associations are in each status (of the latest request), every status
    present (0 when none), in one statement."""
    found = {
        RequestStatus(status): int(n)
        for status, n in await db.execute(_association_counts_statement(), {"company_id": company_id})
    }
    return {status: found.get(status, 0) for status in RequestStatus}


async def search_companies(db: AsyncSession, search: str, limit: int = 20) -> Sequence[SurrogateCompany]:
    """R17: staff find their company by name to ask to join it (name and last 4 of the TIN only)."""
    term = search.strip()[:100]
    if len(term) < 2:
        return []
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return (
        await db.scalars(
            select(SurrogateCompany)
            .where(SurrogateCompany.name.ilike(f"%{escaped}%", escape="\\"))
            .order_by(SurrogateCompany.name, SurrogateCompany.id)
            .limit(limit)
        )
    ).all()


COMPANIES_AT_RISK_LIMIT = 200


async def companies_at_risk(db: AsyncSession, limit: int = COMPANIES_AT_RISK_LIMIT) -> Sequence[SurrogateCompany]:
    """R35: companies with one administrator who can act (at risk) or none (orphaned), those with none first, then
    by name; at most `limit`. An administrator counts while the role is active and the account not disabled (R36)."""
    users = User.__table__.c
    counted = (
        select(RoleAssignment.company_id, func.count().label("administrators"))
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.role == Role.USER_GROUP_ADMINISTRATOR,
            RoleAssignment.company_id.is_not(None),
            RoleAssignment.user_group_id.is_(None),
            RoleAssignment.status == RoleStatus.ACTIVE,
            users.status == AccountStatus.ACTIVE,
        )
        .group_by(RoleAssignment.company_id)
        .subquery()
    )
    administrators = func.coalesce(counted.c.administrators, 0)
    return (
        await db.scalars(
            select(SurrogateCompany)
            .outerjoin(counted, counted.c.company_id == SurrogateCompany.id)
            .where(administrators <= 1)
            .order_by(administrators, SurrogateCompany.name, SurrogateCompany.id)
            .limit(limit)
        )
    ).all()
