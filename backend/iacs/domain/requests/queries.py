"""Reads of requests, filtered by the viewer's rights in SQL (R24, R31)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, DateTime, Integer, Row, Select, Uuid, any_, bindparam, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.rows import ORGANIZATION_UNREAD, USER_UNREAD, bundle, present
from iacs.domain.accounts.models import User
from iacs.domain.enums import RequestKind, RequestStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import Authority, queue_clause


@dataclass(frozen=True)
class Page:
    rows: Sequence[AccessRequest]
    has_next: bool
    total: int


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One request of the queue with what the queue shows of it, as plain rows named like the models."""

    request: Row[Any]
    requester: Row[Any]
    organization: Row[Any] | None
    user_group: Row[Any] | None


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    has_next: bool
    total: int


# The queue page in ONE statement: the requests, who asked, the organization and the group (plain rows, no
# ORM objects), and the length of the whole list.
_REQUEST = bundle("request", AccessRequest, "details")
_REQUESTER = bundle("requester", User, *USER_UNREAD)
_ORGANIZATION = bundle("organization", Organization, *ORGANIZATION_UNREAD)
_GROUP = bundle("user_group", UserGroup)


def _queue_conditions(
    authority: Authority, kinds: Sequence[RequestKind] | None, organization_id: uuid.UUID | None
) -> list[ColumnElement[bool]]:
    conditions = [AccessRequest.status == RequestStatus.PENDING, authority.queue_filter()]
    if kinds:
        conditions.append(AccessRequest.kind.in_(list(kinds)))
    if organization_id is not None:
        conditions.append(AccessRequest.organization_id == organization_id)
    return conditions


@functools.cache
def _queue_page_statement(*, kinds: bool, organization: bool, after: bool) -> Select[Any]:
    """The queue page as ONE statement of fixed shape, built once per combination of filters: its compiled
    form is cached and PostgreSQL prepares it once per connection. The person's rights, the filters, the
    cursor and the page size are parameters (`queue_parameters`, `kinds`, `organization`, `after_*`, `limit`).

    The list is read once (a CTE read twice is computed once) for its length and the page's keys; then the
    requests, who asked, the organization and the group are joined for the page's rows only, as plain rows.
    """
    conditions = [AccessRequest.status == RequestStatus.PENDING, queue_clause()]
    if kinds:
        conditions.append(AccessRequest.kind == any_(bindparam("kinds", type_=ARRAY(AccessRequest.kind.type))))
    if organization:
        conditions.append(AccessRequest.organization_id == bindparam("organization"))
    matching = select(AccessRequest.id, AccessRequest.created_at).where(*conditions).cte("matching")
    total = select(func.count()).select_from(matching).scalar_subquery()
    keys = select(matching.c.id, matching.c.created_at)
    if after:
        keys = keys.where(
            tuple_(matching.c.created_at, matching.c.id)
            > tuple_(bindparam("after_created_at", type_=DateTime(timezone=True)), bindparam("after_id", type_=Uuid()))
        )
    page = keys.order_by(matching.c.created_at, matching.c.id).limit(bindparam("limit", type_=Integer())).subquery()
    return (
        select(_REQUEST, _REQUESTER, _ORGANIZATION, _GROUP, total.label("total"))
        .select_from(page)
        .join(AccessRequest, AccessRequest.id == page.c.id)
        .join(User, User.id == AccessRequest.requester_id)
        .outerjoin(Organization, Organization.id == AccessRequest.organization_id)
        .outerjoin(UserGroup, UserGroup.id == AccessRequest.user_group_id)
        .order_by(page.c.created_at, page.c.id)
    )


async def approval_queue_page(
    db: AsyncSession,
    authority: Authority,
    *,
    first: int,
    after: tuple[datetime, uuid.UUID] | None,
    kinds: Sequence[RequestKind] | None,
    organization_id: uuid.UUID | None,
) -> QueuePage:
    """R24: exactly the pending requests the person may decide, oldest first, keyset-paginated; one statement
    (a second one only to count a list whose page after the cursor is empty)."""
    parameters = authority.queue_parameters() | {"limit": first + 1}
    if kinds:
        parameters["kinds"] = list(kinds)
    if organization_id is not None:
        parameters["organization"] = organization_id
    if after is not None:
        parameters["after_created_at"], parameters["after_id"] = after
    statement = _queue_page_statement(
        kinds=bool(kinds), organization=organization_id is not None, after=after is not None
    )
    rows = (await db.execute(statement, parameters)).all()
    if rows:
        count = int(rows[0].total)
    elif after is None:
        count = 0
    else:
        conditions = _queue_conditions(authority, kinds, organization_id)
        count = int(await db.scalar(select(func.count()).select_from(AccessRequest).where(*conditions)) or 0)
    items = [
        QueueItem(
            request=row.request,
            requester=row.requester,
            organization=present(row.organization),
            user_group=present(row.user_group),
        )
        for row in rows[:first]
    ]
    return QueuePage(items=items, has_next=len(rows) > first, total=count)


async def approval_queue(
    db: AsyncSession,
    authority: Authority,
    *,
    first: int,
    after: tuple[datetime, uuid.UUID] | None,
    kinds: Sequence[RequestKind] | None,
    organization_id: uuid.UUID | None,
) -> Page:
    """R24: the same list as ORM objects (the subscription counts it with `first=0`)."""
    conditions = _queue_conditions(authority, kinds, organization_id)
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
