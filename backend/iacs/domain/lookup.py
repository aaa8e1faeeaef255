"""R33: the help desk looks up people, organizations and requests by name, e-mail, NPI or tracking number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.validation import like_containing

LOOKUP_LIMIT = 20


@dataclass(frozen=True)
class LookupResult:
    people: Sequence[User]
    organizations: Sequence[Organization]
    requests: Sequence[AccessRequest]


async def look_up(db: AsyncSession, query: str) -> LookupResult:
    term = query.strip()[:100]
    if len(term) < 2:
        return LookupResult(people=[], organizations=[], requests=[])
    pattern = like_containing(term)
    people = (
        await db.scalars(
            select(User)
            .where(
                or_(
                    User.name.ilike(pattern, escape="\\"),
                    User.email.ilike(pattern, escape="\\"),
                    User.user_id == term.upper(),
                )
            )
            .order_by(User.name, User.id)
            .limit(LOOKUP_LIMIT)
        )
    ).all()
    organizations = (
        await db.scalars(
            select(Organization)
            .where(
                or_(
                    Organization.legal_business_name.ilike(pattern, escape="\\"),
                    Organization.npi.startswith(term, autoescape=True),
                )
            )
            .order_by(Organization.legal_business_name, Organization.id)
            .limit(LOOKUP_LIMIT)
        )
    ).all()
    requesters = select(User.id).where(
        or_(User.name.ilike(pattern, escape="\\"), User.email.ilike(pattern, escape="\\"))
    )
    requests = (
        await db.scalars(
            select(AccessRequest)
            .where(
                or_(
                    func.upper(AccessRequest.tracking_number) == term.upper(),
                    AccessRequest.requester_id.in_(requesters.scalar_subquery()),
                )
            )
            .order_by(AccessRequest.created_at.desc(), AccessRequest.id.desc())
            .limit(LOOKUP_LIMIT)
        )
    ).all()
    return LookupResult(people=people, organizations=organizations, requests=requests)
