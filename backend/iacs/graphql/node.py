"""The Node interface of every business object."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    id: strawberry.ID
