"""R33: the help desk looks up people, organizations and requests by name, e-mail, NPI or tracking number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, ColumnExpressionArgument, func, or_, select
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


_Found = TypeVar("_Found", User, Organization, AccessRequest)


async def _first(
    db: AsyncSession,
    entity: type[_Found],
    matches: tuple[ColumnElement[bool], ...],
    *order: ColumnExpressionArgument[Any],
) -> Sequence[_Found]:
    """The first LOOKUP_LIMIT rows of `entity` that any of `matches` finds, in `order`."""
    return (await db.scalars(select(entity).where(or_(*matches)).order_by(*order).limit(LOOKUP_LIMIT))).all()


async def look_up(db: AsyncSession, query: str) -> LookupResult:
    term = query.strip()[:100]
    if len(term) < 2:
        return LookupResult(people=[], organizations=[], requests=[])
    pattern = like_containing(term)
    named = (User.name.ilike(pattern, escape="\\"), User.email.ilike(pattern, escape="\\"))
    people = await _first(db, User, (*named, User.user_id == term.upper()), User.name, User.id)
    organizations = await _first(
        db,
        Organization,
        (
            Organization.legal_business_name.ilike(pattern, escape="\\"),
            Organization.npi.startswith(term, autoescape=True),
        ),
        Organization.legal_business_name,
        Organization.id,
    )
    requesters = select(User.id).where(or_(*named))
    requests = await _first(
        db,
        AccessRequest,
        (
            func.upper(AccessRequest.tracking_number) == term.upper(),
            AccessRequest.requester_id.in_(requesters.scalar_subquery()),
        ),
        AccessRequest.created_at.desc(),
        AccessRequest.id.desc(),
    )
    return LookupResult(people=people, organizations=organizations, requests=requests)
