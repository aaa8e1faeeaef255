"""RoleAssignment: one role held in one scope."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from iacs.db.rows import RoleColumns
from iacs.domain.enums import Role as DomainRole
from iacs.domain.enums import RoleStatus as DomainRoleStatus
from iacs.domain.requests.routing import HeldRole, may_revoke
from iacs.domain.roles import models
from iacs.domain.roles.queries import RoleItem, role_page
from iacs.graphql.access import context_of, later, may_see_person_lists
from iacs.graphql.context import Context
from iacs.graphql.enums import Role, RoleStatus
from iacs.graphql.errors import PublicError
from iacs.graphql.ids import NoSuch, filter_id
from iacs.graphql.info import Info
from iacs.graphql.node import Node, by_id, node_of
from iacs.graphql.pagination import Connection, Paging, empty_connection
from iacs.graphql.search import search_term
from iacs.graphql.visible import request_or_none, roles_visible, scope_group, scope_organization

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.applications.types import Application
    from iacs.graphql.explain.types import GrantStep
    from iacs.graphql.groups.types import UserGroup
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.requests.types import AccessRequest
    from iacs.graphql.surrogates.types import SurrogateCompany


@dataclass(frozen=True, slots=True)
class RoleJoined:
    """The objects a list's statement brought along with the role (see `later`)."""

    organization: Organization | None
    user_group: UserGroup | None
    company: SurrogateCompany | None
    application: Application | None
    granted_by: User | None


@strawberry.type(
    description="A role a person holds in one scope: organization, group, company or application. Visible to its "
    "holder, to whoever may approve (and so revoke and certify) it, to the officials of its organization and to "
    "the help desk."
)
class RoleAssignment(Node):
    role: Role = strawberry.field(description="Which role.")
    status: RoleStatus = strawberry.field(
        description="Whether it is in force, suspended for want of certification, or ended."
    )
    granted_at: datetime = strawberry.field(description="When it was granted (the approval of its request).")
    certify_by: datetime | None = strawberry.field(description="When the role must next be certified (R30).")
    suspended_at: datetime | None = strawberry.field(description="When it was suspended, uncertified (R30).")
    certified_at: datetime | None = strawberry.field(description="When it was last certified (R30).")
    ended_at: datetime | None = strawberry.field(description="When it was revoked or given up (R29).")
    end_reason: str | None = strawberry.field(description="Why it ended (R29).")
    ends_at: datetime | None = strawberry.field(
        description="When it ends by itself, as asked for or shortened at approval; null: no end date (R40)."
    )
    # The model, or a row of its columns named alike ("my roles" reads rows: no ORM objects on hot paths).
    _model: strawberry.Private[models.RoleAssignment | RoleColumns]
    _joined: strawberry.Private[RoleJoined | None] = None

    @strawberry.field(
        description="R38: whom the holder may name as delegate for this role (SO, BSO or UGA, in force): enabled "
        "people with a role in its organization (for a UGA: its group or company), not the holder, none the "
        "two-person rule keeps from it; by name, at most 100. Only the holder sees them; empty for anyone else."
    )
    async def delegate_candidates(
        self, info: Info
    ) -> list[Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]]:
        from iacs.graphql.delegations import delegate_candidates_of

        return await delegate_candidates_of(context_of(info), self._model)

    @classmethod
    def from_model(cls, role: models.RoleAssignment | RoleColumns, joined: RoleJoined | None = None) -> RoleAssignment:
        return node_of(cls, role, _model=role, _joined=joined)

    @classmethod
    def from_row(cls, item: RoleItem) -> RoleAssignment:
        """A role of a list read with its scopes joined (`active_roles_with_scopes`)."""
        from iacs.graphql.accounts.types import User
        from iacs.graphql.applications.types import Application
        from iacs.graphql.groups.types import UserGroup
        from iacs.graphql.organizations.types import Organization
        from iacs.graphql.surrogates.types import SurrogateCompany

        return cls.from_model(
            item.role,
            RoleJoined(
                organization=Organization.from_model(item.organization) if item.organization else None,
                user_group=UserGroup.from_model(item.user_group) if item.user_group else None,
                company=SurrogateCompany.from_model(item.company) if item.company else None,
                application=Application.from_model(item.application) if item.application else None,
                granted_by=User.from_model(item.granted_by) if item.granted_by else None,
            ),
        )

    @strawberry.field(description="Whether the viewer may end it (its approver, or its holder giving it up; R29).")
    def can_revoke(self, info: Info) -> bool:
        if self._model.status != DomainRoleStatus.ACTIVE:
            return False
        context = context_of(info)
        viewer = context.viewer_at_hand()
        if viewer is not None and self._model.user_id == viewer.id:
            return True  # giving up one's own role (R29)
        actor = context.actor_at_hand()
        if actor is None:
            return later(self._can_revoke(info))
        return self._model.user_id == actor.id or may_revoke(actor.authority, HeldRole.of(self._model))

    async def _can_revoke(self, info: Info) -> bool:
        actor = await context_of(info).actor()
        if actor is None:
            return False
        return self._model.user_id == actor.id or may_revoke(actor.authority, HeldRole.of(self._model))

    @strawberry.field(
        description="Explain why: from this role back to the help desk, who approved each link, in which request, "
        "on what authority. Visible to whoever may see the role, up to the first link whose role the viewer may not "
        "see, and each link's request only if the viewer may see it."
    )
    async def grant_chain(
        self, info: Info
    ) -> list[Annotated[GrantStep, strawberry.lazy("iacs.graphql.explain.types")]]:
        from iacs.graphql.explain.types import grant_chain_of

        return await grant_chain_of(info, self._model)

    @strawberry.field(description="Who holds the role.")
    async def user(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]:
        from iacs.graphql.accounts.types import User

        found = await context_of(info).loaders.user_by_id.load(self._model.user_id)
        assert found is not None  # a foreign key
        return User.from_model(found)

    @strawberry.field(description="The organization the role is held in, if any.")
    def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")] | None:
        return scope_organization(context_of(info), self._joined, self._model.organization_id)

    @strawberry.field(description="The user group the role is held in, if any.")
    def user_group(self, info: Info) -> Annotated[UserGroup, strawberry.lazy("iacs.graphql.groups.types")] | None:
        return scope_group(context_of(info), self._joined, self._model.user_group_id)

    @strawberry.field(description="The surrogate company the role is held in, if any.")
    def company(
        self, info: Info
    ) -> Annotated[SurrogateCompany, strawberry.lazy("iacs.graphql.surrogates.types")] | None:
        from iacs.graphql.surrogates.types import SurrogateCompany

        if self._joined is not None:
            return self._joined.company
        return later(SurrogateCompany.load(info, self._model.company_id))

    @strawberry.field(description="The CMS application the role gives access to, if any.")
    def application(
        self, info: Info
    ) -> Annotated[Application, strawberry.lazy("iacs.graphql.applications.types")] | None:
        from iacs.graphql.applications.types import Application

        if self._joined is not None:
            return self._joined.application
        return later(Application.load(info, self._model.application_id))

    @strawberry.field(description="Who approved the request that granted it (none for the help desk).")
    def granted_by(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")] | None:
        from iacs.graphql.accounts.types import User

        if self._joined is not None:
            return self._joined.granted_by
        return later(_user(info, self._model.granted_by_id, User))

    @strawberry.field(description="The request that granted it (R25: none only for the help desk).")
    async def request(
        self, info: Info
    ) -> Annotated[AccessRequest, strawberry.lazy("iacs.graphql.requests.types")] | None:
        return await request_or_none(context_of(info), self._model.request_id)


async def _user(info: Info, user_id: uuid.UUID | None, cls: type[User]) -> User | None:
    return await by_id(context_of(info).loaders.user_by_id, user_id, cls.from_model)


async def role_assignment_page(
    context: Context,
    user_id: uuid.UUID,
    *,
    first: int | None,
    after: str | None,
    search: str | None,
    organization_id: strawberry.ID | None,
    roles: list[Role] | None = None,
) -> Connection[RoleAssignment]:
    """`User.roleAssignments`: the person's active roles a page at a time, to those who may see `User.roles`, each
    role as the role policy shows it (domain/visibility.py); the arguments checked before any SQL."""
    if roles is not None and len(roles) > 100:  # input lists hold at most 100 items (docs/api.md, Limits)
        raise PublicError("`roles` holds at most 100 kinds.", "BAD_USER_INPUT")
    paging = Paging.of(first, after, int, str, str, datetime, uuid.UUID)
    term = search_term(search)
    organization = filter_id(organization_id, "Organization")
    if organization is NoSuch.OBJECT:  # no such organization: no role is held in it
        return paging.nothing()
    if not await may_see_person_lists(context, user_id):
        return empty_connection()
    page = await role_page(
        context.db,
        user_id,
        first=paging.limit,
        after=paging.key,
        search=term,
        organization_id=organization,
        kinds=None if roles is None else [DomainRole(r) for r in roles],
    )
    shown = {id(r) for r in await roles_visible(context, [item.role for item in page.items])}
    return paging.connection(
        ((item, keys) for item, keys in zip(page.items, page.keys, strict=True) if id(item.role) in shown),
        key=lambda row: tuple(k.isoformat() if isinstance(k, datetime) else k for k in row[1]),
        node=lambda row: RoleAssignment.from_row(row[0]),
        has_next=page.has_next,
        total=page.total,
    )
