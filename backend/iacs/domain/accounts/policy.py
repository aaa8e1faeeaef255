"""Who may see a person's own lists, have them explained, or act on their account (R4, R24, R33).

The GraphQL layer asks these and does what they answer; it decides none of them. The facts a policy may not
need are passed as functions (`Callable[[], Awaitable[...]]`) and asked for only when the answer depends on them:
the person looking at their own page loads no roles, so the rule also fixes the cheap order of the questions.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from iacs.domain.accounts.models import User
from iacs.domain.enums import ErrorCode
from iacs.domain.errors import FieldError
from iacs.domain.requests.actors import Actor
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.roles.models import RoleAssignment

__all__ = [
    "PERSON_NOT_FOUND",
    "may_explain_person",
    "may_see_person_lists",
    "may_see_sign_in_lock",
    "person_for_help_desk",
]

# What anyone but the help desk hears about a person a help-desk action names, and what everyone hears about a
# person who does not exist: the same answer, so that nobody else learns who has an account (R33).
PERSON_NOT_FOUND = FieldError(ErrorCode.NOT_FOUND, "No person with this id.", ("userId",))


async def may_see_person_lists(
    person_id: uuid.UUID,
    *,
    viewer_id: Callable[[], Awaitable[uuid.UUID | None]],
    actor: Callable[[], Awaitable[Actor | None]],
    awaits_decision: Callable[[], Awaitable[bool]],
) -> bool:
    """A person's roles and requests: the person, the help desk (R33), and whoever may decide one of the
    person's pending requests (to judge it in context: their other roles, their earlier requests; R24).

    `viewer_id` is the signed-in person (without their roles), `actor` the same with their authority, and
    `awaits_decision` whether the person has a pending request the actor may decide."""
    if await viewer_id() == person_id:
        return True  # one's own: no need to load one's roles
    acting = await actor()
    if acting is None:
        return False
    if acting.id == person_id or acting.authority.is_help_desk:
        return True
    return await awaits_decision()


async def may_explain_person(
    person_id: uuid.UUID,
    *,
    actor: Actor | None,
    roles_of_person: Callable[[], Awaitable[Sequence[RoleAssignment]]],
) -> bool:
    """Explain why (decision rights, departure impact): the person, the help desk, and the officials of an
    organization where the person holds an active role (`roles_of_person`: the person's active roles)."""
    if actor is None:
        return False
    if actor.id == person_id or actor.authority.is_help_desk:
        return True
    officials = actor.authority.scoped.get(ApproverRelation.ORGANIZATION_OFFICIALS, frozenset())
    roles = await roles_of_person()
    return any(r.organization_id in officials for r in roles if r.organization_id is not None)


def may_see_sign_in_lock(actor: Actor | None) -> bool:
    """When a locked account's lock ends (R4): the help desk, who may unlock it (R33)."""
    return actor is not None and actor.authority.is_help_desk


async def person_for_help_desk(db: AsyncSession, actor: Actor, user_id: uuid.UUID | None) -> User | None:
    """The person a help-desk action (unlock, disable, enable an account; R4, R33) is about, or None: when
    there is no such person, and when the actor is not the help desk. Both are answered alike (PERSON_NOT_FOUND)."""
    target = await db.get(User, user_id) if user_id is not None else None
    if target is None or not actor.authority.is_help_desk:
        return None
    return target
