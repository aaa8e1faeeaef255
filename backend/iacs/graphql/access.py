"""Small helpers that resolvers share: the typed context and who may see a person's own lists."""

from __future__ import annotations

import uuid
from typing import Any

from strawberry.types import Info

from iacs.domain.enums import Role
from iacs.graphql.context import Context


def context_of(info: Info[Any, Any]) -> Context:
    context = info.context
    assert isinstance(context, Context)
    return context


async def may_see_person_lists(context: Context, user_id: uuid.UUID) -> bool:
    """A person's roles and requests: the person, and the help desk (R33)."""
    viewer = await context.viewer()
    if viewer is None:
        return False
    if viewer.id == user_id:
        return True
    roles = await context.loaders.active_roles_by_user_id.load(viewer.id)
    return any(r.role == Role.HELP_DESK for r in roles)
