"""Small helpers that resolvers share: the typed context and who may see a person's own lists."""

from __future__ import annotations

import uuid
from typing import Any

from strawberry.types import Info

from iacs.graphql.context import Context


def context_of(info: Info[Any, Any]) -> Context:
    context = info.context
    assert isinstance(context, Context)
    return context


async def may_see_person_lists(context: Context, user_id: uuid.UUID) -> bool:
    """A person's roles and requests: the person, the help desk (R33), and whoever may decide one of the
    person's pending requests (to judge it in context: their other roles, their earlier requests)."""
    actor = await context.actor()
    if actor is None:
        return False
    if actor.id == user_id or actor.authority.is_help_desk:
        return True
    return await context.loaders.awaiting_viewer_decision.load(user_id)
