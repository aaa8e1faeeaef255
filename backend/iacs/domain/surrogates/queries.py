"""R17: a company's UGAs see every surrogate association of the company, pending or decided."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Row, Select, String, Uuid, bindparam, func, select, tuple_
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.rows import ORGANIZATION_UNREAD, bundle, present
from iacs.domain.enums import RequestKind, Role, RoleStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany


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

    request: Row[Any]
    organization: Row[Any]
    user_group: Row[Any] | None


@dataclass(frozen=True)
class AssociationPage:
    rows: list[Association]
    has_next: bool
    total: int


_REQUEST = bundle("request", AccessRequest, "details")
_ORGANIZATION = bundle("organization", Organization, *ORGANIZATION_UNREAD)
_GROUP = bundle("user_group", UserGroup)


@functools.cache
def _associations_statement(*, after: bool) -> Select[Any]:
    """One row per (company, organization): its latest surrogate-group request, in organization name order;
    the page with its organizations and groups, and the length of the list, in one statement of fixed shape
    (built once; the company, the cursor and the page size are parameters)."""
    latest = (
        select(AccessRequest.id)
        .where(
            AccessRequest.company_id == bindparam("company_id"),
            AccessRequest.kind == RequestKind.CREATE_SURROGATE_USER_GROUP,
        )
        .ext(distinct_on(AccessRequest.organization_id))
        .order_by(AccessRequest.organization_id, AccessRequest.created_at.desc(), AccessRequest.id.desc())
        .cte("latest")
    )
    total = select(func.count()).select_from(latest).scalar_subquery()
    query = (
        select(_REQUEST, _ORGANIZATION, _GROUP, total.label("total"))
        .select_from(AccessRequest)
        .join(latest, latest.c.id == AccessRequest.id)
        .join(Organization, Organization.id == AccessRequest.organization_id)
        .outerjoin(UserGroup, UserGroup.id == AccessRequest.user_group_id)
    )
    if after:
        query = query.where(
            tuple_(Organization.legal_business_name, Organization.id)
            > tuple_(bindparam("after_name", type_=String()), bindparam("after_id", type_=Uuid()))
        )
    return query.order_by(Organization.legal_business_name, Organization.id).limit(bindparam("limit", type_=Integer()))


async def associations(
    db: AsyncSession, company_id: uuid.UUID, *, first: int, after: tuple[str, uuid.UUID] | None
) -> AssociationPage:
    """R17: the company's associations, a page at a time (see `_associations_statement`)."""
    parameters: dict[str, Any] = {"company_id": company_id, "limit": first + 1}
    if after is not None:
        parameters["after_name"], parameters["after_id"] = after
    rows = (await db.execute(_associations_statement(after=after is not None), parameters)).all()
    if rows:
        count = int(rows[0].total)
    else:
        count = len((await db.execute(_associations_statement(after=False), parameters | {"limit": None})).all())
    return AssociationPage(
        rows=[
            Association(request=r.request, organization=r.organization, user_group=present(r.user_group))
            for r in rows[:first]
        ],
        has_next=len(rows) > first,
        total=count,
    )


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
