"""Small helpers that resolvers share: the typed context and who may see a person's own lists."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from typing import Any, TypeVar, cast

from strawberry.types import Info

from iacs.graphql.context import Context

T = TypeVar("T")


def context_of(info: Info[Any, Any]) -> Context:
    context = info.context
    assert isinstance(context, Context)
    return context


async def may_see_person_lists(context: Context, user_id: uuid.UUID) -> bool:
    """A person's roles and requests: the person, the help desk (R33), and whoever may decide one of the
    person's pending requests (to judge it in context: their other roles, their earlier requests)."""
    viewer = await context.viewer()
    if viewer is not None and viewer.id == user_id:
        return True  # one's own: no need to load one's roles
    actor = await context.actor()
    if actor is None:
        return False
    if actor.id == user_id or actor.authority.is_help_desk:
        return True
    return await context.loaders.awaiting_viewer_decision.load(user_id)


def later(awaitable: Awaitable[T]) -> T:
    """What a synchronous resolver returns when the object is not at hand yet: the load itself.

    graphql-core awaits any awaitable a resolver returns, sync or async. So a resolver of a related object
    is written sync: when the list's statement already joined the object (a queue page, a person's roles),
    it answers at once, with no coroutine, no task and no DataLoader round; otherwise it returns the
    DataLoader's load through this function, and graphql-core awaits it. A page of 50 rows with 3 related
    objects each is then 150 attribute reads instead of 150 tasks (the queue's profile, docs/performance.md).
    """
    return cast(T, awaitable)
