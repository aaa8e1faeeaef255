"""Reads of requests, filtered by the viewer's rights in SQL (R24, R31)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.enums import RequestKind, RequestStatus
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import Authority


@dataclass(frozen=True)
class Page:
    rows: Sequence[AccessRequest]
    has_next: bool
    total: int


async def approval_queue(
    db: AsyncSession,
    authority: Authority,
    *,
    first: int,
    after: tuple[datetime, uuid.UUID] | None,
    kinds: Sequence[RequestKind] | None,
    organization_id: uuid.UUID | None,
) -> Page:
    """R24: exactly the pending requests the person may decide, oldest first, keyset-paginated."""
    conditions = [AccessRequest.status == RequestStatus.PENDING, authority.queue_filter()]
    if kinds:
        conditions.append(AccessRequest.kind.in_(list(kinds)))
    if organization_id is not None:
        conditions.append(AccessRequest.organization_id == organization_id)
    page = select(AccessRequest).where(*conditions)
    if after is not None:
        page = page.where(tuple_(AccessRequest.created_at, AccessRequest.id) > tuple_(after[0], after[1]))
    rows = (await db.scalars(page.order_by(AccessRequest.created_at, AccessRequest.id).limit(first + 1))).all()
    total = await db.scalar(select(func.count()).select_from(AccessRequest).where(*conditions))
    return Page(rows=rows[:first], has_next=len(rows) > first, total=int(total or 0))


async def requesters_awaiting(db: AsyncSession, authority: Authority, user_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Of `user_ids`, those with a pending request the person may decide (whose context they may see)."""
    rows = await db.scalars(
        select(AccessRequest.requester_id)
        .where(
            AccessRequest.status == RequestStatus.PENDING,
            AccessRequest.requester_id.in_(list(user_ids)),
            authority.queue_filter(),
        )
        .distinct()
    )
    return set(rows.all())
