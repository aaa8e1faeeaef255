"""Small helpers that resolvers share: the typed context and who may see a person's own lists."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from typing import TYPE_CHECKING, TypeVar, cast

from iacs.domain.accounts import policy
from iacs.graphql.context import Context
from iacs.graphql.errors import Unauthenticated
from iacs.graphql.info import Info

if TYPE_CHECKING:
    from iacs.domain.requests.service import Actor

T = TypeVar("T")


def context_of(info: Info) -> Context:
    context = info.context
    assert isinstance(context, Context)
    return context


async def may_see_person_lists(context: Context, user_id: uuid.UUID) -> bool:
    """A person's roles and requests, as the domain's policy answers it (domain/accounts/policy.py) with the
    request's viewer, actor and loaders."""

    async def viewer_id() -> uuid.UUID | None:
        viewer = await context.viewer()
        return viewer.id if viewer is not None else None

    async def awaits_decision() -> bool:
        return await context.loaders.awaiting_viewer_decision.load(user_id)

    return await policy.may_see_person_lists(
        user_id, viewer_id=viewer_id, actor=context.actor, awaits_decision=awaits_decision
    )


async def signed_in_actor(context: Context) -> Actor:
    """The viewer with their roles and authority; UNAUTHENTICATED (a GraphQL error) without a session."""
    actor = await context.actor()
    if actor is None:
        raise Unauthenticated
    return actor


def later(awaitable: Awaitable[T]) -> T:
    """What a synchronous resolver returns when the object is not at hand yet: the load itself.

    graphql-core awaits any awaitable a resolver returns, sync or async. So a resolver of a related object
    is written sync: when the list's statement already joined the object (a queue page, a person's roles),
    it answers at once, with no coroutine, no task and no DataLoader round; otherwise it returns the
    DataLoader's load through this function, and graphql-core awaits it. A page of 50 rows with 3 related
    objects each is then 150 attribute reads instead of 150 tasks (the queue's profile, docs/performance.md).
    """
    return cast(T, awaitable)
