"""Reads of requests, filtered by the viewer's rights in SQL (R24, R31)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, DateTime, Integer, Select, Uuid, any_, bindparam, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.rows import (
    ORGANIZATION_UNREAD,
    USER_READ,
    OrganizationColumns,
    RequestColumns,
    Shape,
    UserColumns,
    UserGroupColumns,
    cut,
    cut_present,
    layout,
)
from iacs.domain.accounts.models import User
from iacs.domain.enums import RequestKind, RequestStatus
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import Authority, queue_clause


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One request of the queue with what the queue shows of it, as rows named like the models."""

    request: RequestColumns
    requester: UserColumns
    organization: OrganizationColumns | None
    user_group: UserGroupColumns | None


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    has_next: bool
    total: int

    @property
    def requesters(self) -> set[uuid.UUID]:
        """Who asked the page's requests: each has a pending request the person may decide (the page's clause is
        `requesters_awaiting`'s), so their context and contact fields are the person's to see (domain/visibility.py:
        `request_visible`, `contacts_visible`)."""
        return {item.request.requester_id for item in self.items}


_REQUESTS = AccessRequest.__table__
_USERS = User.__table__
_ORGANIZATIONS = Organization.__table__
_GROUPS = UserGroup.__table__
_REQUEST: Shape[RequestColumns] = Shape("request", _REQUESTS, "details")
_REQUESTER: Shape[UserColumns] = Shape("requester", _USERS, only=USER_READ)
_ORGANIZATION: Shape[OrganizationColumns] = Shape("organization", _ORGANIZATIONS, *ORGANIZATION_UNREAD)
_GROUP: Shape[UserGroupColumns] = Shape("user_group", _GROUPS)
_PAGE_COLUMNS = layout(_REQUEST, _REQUESTER, _ORGANIZATION, _GROUP)


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
    requests = _REQUESTS.c
    conditions = [requests.status == RequestStatus.PENDING, queue_clause()]
    if kinds:
        conditions.append(requests.kind == any_(bindparam("kinds", type_=ARRAY(requests.kind.type))))
    if organization:
        conditions.append(requests.organization_id == bindparam("organization"))
    matching = select(requests.id, requests.created_at).where(*conditions).cte("matching")
    total = select(func.count()).select_from(matching).scalar_subquery()
    keys = select(matching.c.id, matching.c.created_at)
    if after:
        keys = keys.where(
            tuple_(matching.c.created_at, matching.c.id)
            > tuple_(bindparam("after_created_at", type_=DateTime(timezone=True)), bindparam("after_id", type_=Uuid()))
        )
    page = keys.order_by(matching.c.created_at, matching.c.id).limit(bindparam("limit", type_=Integer())).subquery()
    return (
        select(*_PAGE_COLUMNS, total.label("total"))
        .select_from(
            page.join(_REQUESTS, requests.id == page.c.id)
            .join(_USERS, _USERS.c.id == requests.requester_id)
            .outerjoin(_ORGANIZATIONS, _ORGANIZATIONS.c.id == requests.organization_id)
            .outerjoin(_GROUPS, _GROUPS.c.id == requests.user_group_id)
        )
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
        count = await queue_length(db, authority, kinds, organization_id)
    items = [
        QueueItem(
            request=cut_present(row, _REQUEST),
            requester=cut_present(row, _REQUESTER),
            organization=cut(row, _ORGANIZATION),
            user_group=cut(row, _GROUP),
        )
        for row in rows[:first]
    ]
    return QueuePage(items=items, has_next=len(rows) > first, total=count)


async def queue_length(
    db: AsyncSession,
    authority: Authority,
    kinds: Sequence[RequestKind] | None = None,
    organization_id: uuid.UUID | None = None,
) -> int:
    """R24: how many pending requests the person may decide (the live queue's count; an empty last page)."""
    conditions = _queue_conditions(authority, kinds, organization_id)
    return int(await db.scalar(select(func.count()).select_from(AccessRequest).where(*conditions)) or 0)


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


@dataclass(frozen=True)
class RequestPage:
    rows: Sequence[AccessRequest]
    has_next: bool
    total: int


async def requests_of_person(
    db: AsyncSession,
    requester_id: uuid.UUID,
    *,
    status: RequestStatus | None,
    first: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> RequestPage:
    """A person's requests, newest first, keyset-paginated, optionally in one status; `total` counts them all
    (whatever the cursor). Who may read them is the caller's to check first (domain/accounts/policy.py)."""
    conditions = [AccessRequest.requester_id == requester_id]
    if status is not None:
        conditions.append(AccessRequest.status == status)
    page = select(AccessRequest).where(*conditions)
    if after is not None:
        page = page.where(func.row(AccessRequest.created_at, AccessRequest.id) < func.row(after[0], after[1]))
    page = page.order_by(AccessRequest.created_at.desc(), AccessRequest.id.desc()).limit(first + 1)
    rows = (await db.execute(page)).scalars().all()
    total = await db.scalar(select(func.count()).select_from(AccessRequest).where(*conditions))
    return RequestPage(rows=rows[:first], has_next=len(rows) > first, total=int(total or 0))


async def first_request_pages(
    db: AsyncSession, requester_ids: Sequence[uuid.UUID], *, status: RequestStatus | None, first: int
) -> dict[uuid.UUID, RequestPage]:
    """`requests_of_person`'s first page for several people at once, in one statement: a queue page shows each
    requester's latest requests, which must not cost two statements a row (ranked per person, newest first)."""
    conditions: list[ColumnElement[bool]] = [AccessRequest.requester_id.in_(requester_ids)]
    if status is not None:
        conditions.append(AccessRequest.status == status)
    ranked = (
        select(
            AccessRequest.id.label("id"),
            func.row_number()
            .over(
                partition_by=AccessRequest.requester_id,
                order_by=(AccessRequest.created_at.desc(), AccessRequest.id.desc()),
            )
            .label("n"),
            func.count().over(partition_by=AccessRequest.requester_id).label("total"),
        )
        .where(*conditions)
        .subquery()
    )
    rows = await db.execute(
        select(AccessRequest, ranked.c.total)
        .join(ranked, ranked.c.id == AccessRequest.id)
        .where(ranked.c.n <= first + 1)
        .order_by(AccessRequest.requester_id, ranked.c.n)
    )
    found: dict[uuid.UUID, list[AccessRequest]] = {requester_id: [] for requester_id in requester_ids}
    totals: dict[uuid.UUID, int] = {}
    for request, total in rows:
        found[request.requester_id].append(request)
        totals[request.requester_id] = int(total)
    return {
        requester_id: RequestPage(
            rows=requests[:first], has_next=len(requests) > first, total=totals.get(requester_id, 0)
        )
        for requester_id, requests in found.items()
    }


async def request_by_id(db: AsyncSession, request_id: uuid.UUID) -> AccessRequest | None:
    """The request with this id, in any status; who may see it is the caller's to ask (domain/visibility.py)."""
    return await db.get(AccessRequest, request_id)
