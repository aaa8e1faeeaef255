"""Account queries."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from iacs.graphql.access import context_of
from iacs.graphql.accounts.types import User


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in person, or null when nobody is signed in.")
    async def viewer(self, info: Info[Any, Any]) -> User | None:
        viewer = await context_of(info).viewer()
        return User.from_model(viewer) if viewer is not None else None
