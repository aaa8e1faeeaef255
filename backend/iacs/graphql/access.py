"""Small helpers that resolvers share: the typed context and who may see a person's own lists."""

from __future__ import annotations

import uuid
from asyncio import Future
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

from strawberry.dataloader import DataLoader
from strawberry.types.nodes import SelectedField, Selection

from iacs.domain.accounts import policy
from iacs.graphql.context import Context
from iacs.graphql.errors import Unauthenticated
from iacs.graphql.info import Info

if TYPE_CHECKING:
    from iacs.domain.accounts.models import User
    from iacs.domain.requests.service import Actor

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


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


async def signed_in_viewer(context: Context) -> User:
    """The viewer alone, without their roles; UNAUTHENTICATED (a GraphQL error) without a session."""
    viewer = await context.viewer()
    if viewer is None:
        raise Unauthenticated
    return viewer


def later(awaitable: Awaitable[T]) -> T:
    """What a synchronous resolver returns when the object is not at hand yet: the load itself.

    graphql-core awaits any awaitable a resolver returns, sync or async. So a resolver of a related object
    is written sync: when the list's statement already joined the object (a queue page, a person's roles),
    it answers at once, with no coroutine, no task and no DataLoader round; otherwise it returns the
    DataLoader's load through this function, and graphql-core awaits it. A page of 50 rows with 3 related
    objects each is then 150 attribute reads instead of 150 tasks (the queue's profile, docs/performance.md).
    """
    return cast(T, awaitable)


def held(loader: DataLoader[K, V], key: K) -> Future[V] | None:
    """The loader's load of `key` when it has settled with a value (loaded, or primed), else None."""
    future = loader.cache_map.get(key)
    if future is not None and future.done() and not future.cancelled() and future.exception() is None:
        return future
    return None


def prime(loader: DataLoader[K, V], values: Mapping[K, V]) -> None:
    """Tell the loader what is already known, for the keys it was not asked about yet (a load under way keeps
    its own answer: it could have been cancelled)."""
    loader.prime_many({key: value for key, value in values.items() if loader.cache_map.get(key) is None})


def at_hand(loader: DataLoader[K, V], key: K, make: Callable[[V], T]) -> T:
    """`make(value)` for the loader's value of `key`: at once when the loader already holds it (a resolver loaded
    the page's objects in one batch beforehand), else `later`. Answering at once lets a planned completion
    (execution.py) complete the object without graphql-core's machinery."""
    future = held(loader, key)
    if future is not None:
        return make(future.result())

    async def load() -> T:
        return make(await loader.load(key))

    return later(load())


def selects(info: Info, *path: str) -> bool:
    """Whether the document asks, under the resolver's field, for the field at `path` (GraphQL names, through
    fragments; directives are not looked at: a skipped field counts as asked)."""
    return _reaches(info.selected_fields, path, top=True)


def _reaches(selections: Sequence[Selection], path: Sequence[str], *, top: bool = False) -> bool:
    if not path:
        return True
    for selection in selections:
        if isinstance(selection, SelectedField):
            if top and _reaches(selection.selections, path):
                return True
            if not top and selection.name == path[0] and _reaches(selection.selections, path[1:]):
                return True
        elif _reaches(selection.selections, path, top=top):  # a fragment: its fields are the parent's
            return True
    return False
