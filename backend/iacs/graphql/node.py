"""The Node interface of every business object."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id, stable over time; give it to `node(id:)` or to a mutation's input."
    )


@strawberry.input(description="One object by its global id (revokeApiToken, endDelegation, deleteWebhook).")
class NodeRefInput:
    id: strawberry.ID = strawberry.field(description="The object's global id, as its `id` field gives it.")
