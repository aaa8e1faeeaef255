"""UserGroup: a provider group or a surrogate company's group in an organization."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated

import strawberry

from iacs.db.rows import UserGroupColumns
from iacs.domain.groups import models
from iacs.domain.groups.queries import group_members
from iacs.domain.visibility import may_view_group_members
from iacs.graphql.access import context_of
from iacs.graphql.enums import UserGroupKind
from iacs.graphql.info import Info
from iacs.graphql.node import Node, by_id, node_of
from iacs.graphql.pagination import After, Connection, First, Paging, empty_connection
from iacs.graphql.visible import roles_visible

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.roles.types import RoleAssignment
    from iacs.graphql.surrogates.types import SurrogateCompany


@strawberry.type(
    description="A user group of an organization (R12); a surrogate group also belongs to the company it lets work "
    "for the organization (R16). Visible to whoever may see its organization; its people only to those listed "
    "at `members`."
)
class UserGroup(Node):
    name: str = strawberry.field(description="Unique in its organization, at most 120 characters.")
    kind: UserGroupKind = strawberry.field(description="The organization's own staff, or a surrogate company's group.")
    description: str | None = strawberry.field(description="What the group is for, as its creator wrote it.")
    _model: strawberry.Private[models.UserGroup | UserGroupColumns]  # the model or a row of its columns

    @classmethod
    def from_model(cls, group: models.UserGroup | UserGroupColumns) -> UserGroup:
        return node_of(cls, group, _model=group)

    @classmethod
    async def load(cls, info: Info, pk: uuid.UUID | None) -> UserGroup | None:
        return await by_id(context_of(info).loaders.user_group_by_id, pk, cls.from_model)

    @strawberry.field(description="The organization the group belongs to.")
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")]:
        from iacs.graphql.organizations.types import Organization

        found = await Organization.load(info, self._model.organization_id)
        assert found is not None  # a foreign key
        return found

    @strawberry.field(description="For a surrogate group, the company it serves the organization for.")
    async def company(
        self, info: Info
    ) -> Annotated[SurrogateCompany, strawberry.lazy("iacs.graphql.surrogates.types")] | None:
        from iacs.graphql.surrogates.types import SurrogateCompany

        return await SurrogateCompany.load(info, self._model.company_id)

    @strawberry.field(description="The group's active User Group Administrators.")
    async def administrators(self, info: Info) -> list[Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]]:
        from iacs.graphql.accounts.types import User

        users = await context_of(info).loaders.administrators_by_group_id.load(self._model.id)
        return [User.from_model(u) for u in users]

    @strawberry.field(
        description="No active User Group Administrator is left: the Security Official or a Backup should name "
        "one (R29)."
    )
    async def orphaned(self, info: Info) -> bool:
        return not await context_of(info).loaders.administrators_by_group_id.load(self._model.id)

    @strawberry.field(
        description="Active role assignments in the group (User Group Administrators, end users, application "
        "access), for those who may see its members (see `members`), and of those only the ones the viewer may see "
        "as node(id) shows them (an end user sees their own, not their colleagues'); empty for anyone else."
    )
    async def role_assignments(
        self, info: Info
    ) -> list[Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]]:
        from iacs.graphql.roles.types import RoleAssignment

        context = context_of(info)
        actor = await context.actor()
        if actor is None or not may_view_group_members(actor, self._model):
            return []
        assignments = await context.loaders.assignments_by_group_id.load(self._model.id)
        # Seeing the group's people is not seeing their roles: each as node(id) would show it.
        return [RoleAssignment.from_model(a) for a in await roles_visible(context, assignments)]

    @strawberry.field(
        description="End users of the group, by name; visible to the group, its organization's officials, "
        "the company's administrators (surrogate groups) and the help desk, empty for anyone else. `first` at most 100."
    )
    async def members(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]]:
        from iacs.graphql.accounts.types import User

        context = context_of(info)
        paging = Paging.of(first, after, str, uuid.UUID)
        actor = await context.actor()
        if actor is None or not may_view_group_members(actor, self._model):
            return empty_connection()
        if paging.key is None:  # a first page: batched with the other groups' of the same answer (one statement)
            users, has_next, total = await context.loaders.first_members_by_group.load((self._model.id, paging.limit))
        else:
            users, has_next, total = await group_members(
                context.db, self._model.id, first=paging.limit, after=paging.key
            )
        return paging.connection(
            users, key=lambda u: (u.name, str(u.id)), node=User.from_model, has_next=has_next, total=total
        )
