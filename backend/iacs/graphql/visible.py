"""The policies of domain/visibility.py on every path that yields an object (issue 12, finding 2).

A resolver that yields another object passes it through here: a field of one object answers null, a list drops
what the viewer may not see. Each check answers from what is at hand when it can (one's own things, approved
organizations, the actor's authority) and otherwise batches through the request's DataLoaders, so that a list
of n objects costs the same few statements as a list of one (tests/api/test_query_counts.py).

Public types pass unfiltered: Application and ProviderTypeSetting (R42) are shown to everyone, the anonymous too.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from iacs.db.rows import OrganizationColumns, RoleColumns
from iacs.domain.enums import OrganizationStatus
from iacs.domain.visibility import (
    api_token_visible_to,
    organization_visible_at_once,
    request_visible,
    role_visible,
    roles_delegated_to,
)
from iacs.graphql.access import later
from iacs.graphql.context import Context
from iacs.graphql.node import by_id

if TYPE_CHECKING:
    from iacs.domain.roles.models import RoleAssignment
    from iacs.graphql.groups.types import UserGroup
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.requests.types import AccessRequest
    from iacs.graphql.tokens import ApiToken

R = TypeVar("R")
# A role as its model or as a row of a list.
RoleT = TypeVar("RoleT", bound="RoleAssignment | RoleColumns")


async def roles_visible(context: Context, roles: Sequence[RoleT]) -> list[RoleT]:
    """The roles (models or rows) of `roles` the viewer may see, in order."""
    if not roles:
        return []

    def holder_of(role: Any) -> uuid.UUID:
        return role.user_id  # type: ignore[no-any-return]

    def role_id(role: Any) -> uuid.UUID:
        return role.id  # type: ignore[no-any-return]

    viewer = await context.viewer()
    if viewer is None:
        return []
    if all(holder_of(r) == viewer.id for r in roles):
        return list(roles)  # one's own: no need to load one's authority
    actor = await context.actor()
    if actor is None:
        return []
    doubtful = [r for r in roles if holder_of(r) != viewer.id and not role_visible(actor, r)]
    if not doubtful:
        return list(roles)
    awaiting = await context.loaders.awaiting_viewer_decision.load_many([holder_of(r) for r in doubtful])
    hidden = {id(r) for r, waits in zip(doubtful, awaiting, strict=True) if not waits}
    if hidden:  # R38: a delegate sees the role whose queue they were named to decide
        delegated = await roles_delegated_to(context.db, viewer.id, [role_id(r) for r in doubtful if id(r) in hidden])
        hidden -= {id(r) for r in doubtful if role_id(r) in delegated}
    return [r for r in roles if id(r) not in hidden]


async def role_visible_to_viewer(context: Context, role: Any) -> bool:
    return bool(await roles_visible(context, [role]))


async def requests_visible(context: Context, requests: Sequence[R]) -> list[R]:
    """The requests (models or rows) of `requests` the viewer may see, in order."""
    if not requests:
        return []
    rows: list[Any] = list(requests)
    viewer = await context.viewer()
    if viewer is None:
        return []
    if all(r.requester_id == viewer.id for r in rows):
        return list(requests)  # one's own
    actor = await context.actor()
    if actor is None:
        return []
    doubtful = [r for r in rows if not request_visible(actor, r)]
    if not doubtful:
        return list(requests)
    awaiting = await context.loaders.awaiting_viewer_decision.load_many([r.requester_id for r in doubtful])
    hidden = {id(r) for r, waits in zip(doubtful, awaiting, strict=True) if not waits}
    return [r for r in requests if id(r) not in hidden]


async def request_visible_to_viewer(context: Context, request: Any) -> bool:
    return bool(await requests_visible(context, [request]))


async def request_or_none(context: Context, pk: uuid.UUID | None) -> AccessRequest | None:
    """The request of this id as the GraphQL type, if it exists and the viewer may see it."""
    from iacs.graphql.requests.types import AccessRequest

    return await by_id(
        context.loaders.request_by_id, pk, AccessRequest.from_model, lambda r: request_visible_to_viewer(context, r)
    )


def approved(org: Organization | None) -> bool:
    """An approved organization is visible to everyone signed in: a resolver may hand it out at once."""
    return org is not None and org.status == OrganizationStatus.APPROVED


async def organization_visible(context: Context, org: Any) -> bool:
    """The organization policy for a model or row of an organization (`id`, `status`)."""
    if org.status == OrganizationStatus.APPROVED:
        return await context.viewer() is not None
    actor = await context.actor()
    if actor is None:
        return False
    if organization_visible_at_once(actor, org):
        return True
    return await context.loaders.organization_asked_by_viewer.load(org.id)


async def organization_or_none(context: Context, pk: uuid.UUID | None) -> Organization | None:
    """The organization of this id as the GraphQL type, if it exists and the viewer may see it."""
    from iacs.graphql.organizations.types import Organization

    return await by_id(
        context.loaders.organization_by_id, pk, Organization.from_model, lambda o: organization_visible(context, o)
    )


async def organizations_visible(context: Context, orgs: Sequence[R]) -> list[R]:
    return [o for o in orgs if await organization_visible(context, o)]


async def group_visible(context: Context, group: Any) -> bool:
    """The group policy: that of its organization (a model or row of a group: `organization_id`)."""
    org = await context.loaders.organization_by_id.load(group.organization_id)
    return org is not None and await organization_visible(context, org)


async def group_or_none(context: Context, pk: uuid.UUID | None) -> UserGroup | None:
    from iacs.graphql.groups.types import UserGroup

    return await by_id(context.loaders.user_group_by_id, pk, UserGroup.from_model, lambda g: group_visible(context, g))


async def checked_group(context: Context, group: UserGroup | None) -> UserGroup | None:
    """A group a list's statement already joined, if the viewer may see it."""
    if group is None or not await group_visible(context, group._model):
        return None
    return group


async def checked_organization(context: Context, org: Organization | None) -> Organization | None:
    """An organization a list's statement already joined, if the viewer may see it."""
    if org is None:
        return None
    found = await context.loaders.organization_by_id.load(org._pk)
    if found is None or not await organization_visible(context, found):
        return None
    return org


class JoinedScope(Protocol):
    """The scope a list's statement joined along with a request or a role (their `Joined`, `RoleJoined`)."""

    @property
    def organization(self) -> Organization | None: ...

    @property
    def user_group(self) -> UserGroup | None: ...


def scope_organization(context: Context, joined: JoinedScope | None, pk: uuid.UUID | None) -> Organization | None:
    """The organization a request or role is about, for a synchronous resolver (see `later`): the joined one at
    once when it is approved, else checked; without a join, loaded by id and checked."""
    if joined is not None:
        if joined.organization is None or approved(joined.organization):
            return joined.organization
        return later(checked_organization(context, joined.organization))
    return later(organization_or_none(context, pk))


def scope_group(context: Context, joined: JoinedScope | None, pk: uuid.UUID | None) -> UserGroup | None:
    """The user group a request or role is about, for a synchronous resolver (see `later`): the joined one at
    once when its joined organization is approved, else checked; without a join, loaded by id and checked."""
    if joined is not None:
        group, org = joined.user_group, joined.organization
        if group is None or (approved(org) and org is not None and org._pk == group._model.organization_id):
            return group  # a group is seen as its organization is
        return later(checked_group(context, group))
    return later(group_or_none(context, pk))


def remember_organizations(context: Context, rows: Sequence[OrganizationColumns | None]) -> None:
    """Organizations a list's statement joined: the group checks of its rows need no statement of their own."""
    loader = context.loaders.organization_by_id
    for row in rows:
        if row is not None:
            loader.prime(row.id, row)


async def api_token_or_none(context: Context, pk: uuid.UUID) -> ApiToken | None:
    """R43: an API token, to its owner only; revoked ones are gone (domain/visibility.py)."""
    from iacs.graphql.tokens import ApiToken

    viewer = await context.viewer()
    if viewer is None:
        return None
    token = await api_token_visible_to(context.db, viewer.id, pk)
    return ApiToken.from_model(token) if token is not None else None
