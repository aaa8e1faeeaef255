"""R17: a company's UGAs see every surrogate association of the company, pending or decided."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.enums import RequestKind, Role, RoleStatus
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


@dataclass(frozen=True)
class AssociationPage:
    rows: Sequence[tuple[AccessRequest, Organization]]
    has_next: bool
    total: int


async def associations(
    db: AsyncSession, company_id: uuid.UUID, *, first: int, after: tuple[str, uuid.UUID] | None
) -> AssociationPage:
    """One row per (company, organization): its latest surrogate-group request, in organization name order."""
    latest = (
        select(AccessRequest.id)
        .where(AccessRequest.company_id == company_id, AccessRequest.kind == RequestKind.CREATE_SURROGATE_USER_GROUP)
        .ext(distinct_on(AccessRequest.organization_id))
        .order_by(AccessRequest.organization_id, AccessRequest.created_at.desc(), AccessRequest.id.desc())
        .subquery()
    )
    query = (
        select(AccessRequest, Organization)
        .join(latest, latest.c.id == AccessRequest.id)
        .join(Organization, Organization.id == AccessRequest.organization_id)
    )
    if after is not None:
        query = query.where(tuple_(Organization.legal_business_name, Organization.id) > tuple_(after[0], after[1]))
    rows = (await db.execute(query.order_by(Organization.legal_business_name, Organization.id).limit(first + 1))).all()
    total = await db.scalar(select(func.count()).select_from(latest))
    return AssociationPage(rows=[(r[0], r[1]) for r in rows[:first]], has_next=len(rows) > first, total=int(total or 0))


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
