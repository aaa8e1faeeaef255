"""Account queries."""

from __future__ import annotations

import strawberry

from iacs.graphql.access import context_of
from iacs.graphql.accounts.types import User
from iacs.graphql.info import Info


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in person, or null when nobody is signed in.")
    async def viewer(self, info: Info) -> User | None:
        viewer = await context_of(info).viewer()
        return User.from_model(viewer) if viewer is not None else None
