"""The Node interface of every business object."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from strawberry.dataloader import DataLoader

M = TypeVar("M")
T = TypeVar("T")


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id, stable over time; give it to `node(id:)` or to a mutation's input."
    )


@strawberry.input(description="One object by its global id (revokeApiToken, endDelegation, deleteWebhook).")
class NodeRefInput:
    id: strawberry.ID = strawberry.field(description="The object's global id, as its `id` field gives it.")


async def by_id(
    loader: DataLoader[uuid.UUID, M | None],
    pk: uuid.UUID | None,
    make: Callable[[M], T],
    visible: Callable[[M], Awaitable[bool]] | None = None,
) -> T | None:
    """`make` of the object of this id through the request's loader; None without an id, for an object that does
    not exist, or for one the `visible` policy hides."""
    if pk is None:
        return None
    found = await loader.load(pk)
    if found is None or (visible is not None and not await visible(found)):
        return None
    return make(found)
