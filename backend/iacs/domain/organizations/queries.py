"""Organization reads: the search of approved organizations (R19: what a surrogate or joiner can find)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.enums import OrganizationStatus
from iacs.domain.organizations.models import Organization
from iacs.domain.validation import like_containing


@dataclass(frozen=True)
class OrganizationPage:
    rows: Sequence[Organization]
    has_next: bool
    total: int


async def search_organizations(
    db: AsyncSession, *, search: str | None, first: int, after: tuple[str, uuid.UUID] | None
) -> OrganizationPage:
    """Approved organizations by name, NPI or city (case-insensitive), in name order."""
    conditions = [Organization.status == OrganizationStatus.APPROVED]
    term = (search or "").strip()[:100]
    if term:
        pattern = like_containing(term)
        conditions.append(
            or_(
                Organization.legal_business_name.ilike(pattern, escape="\\"),
                Organization.city.ilike(pattern, escape="\\"),
                Organization.npi.startswith(term, autoescape=True),
            )
        )
    query = select(Organization).where(*conditions)
    if after is not None:
        query = query.where(tuple_(Organization.legal_business_name, Organization.id) > tuple_(after[0], after[1]))
    rows = (await db.scalars(query.order_by(Organization.legal_business_name, Organization.id).limit(first + 1))).all()
    total = await db.scalar(select(func.count()).select_from(Organization).where(*conditions))
    return OrganizationPage(rows=rows[:first], has_next=len(rows) > first, total=int(total or 0))


async def organization_exists(db: AsyncSession, organization_id: uuid.UUID) -> bool:
    """Whether an organization with this id exists, in any status."""
    return await db.get(Organization, organization_id) is not None
