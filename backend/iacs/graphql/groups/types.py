"""UserGroup: a provider group or a surrogate company's group in an organization."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from iacs.domain.groups import models
from iacs.graphql.access import context_of
from iacs.graphql.enums import UserGroupKind
from iacs.graphql.ids import to_global_id
from iacs.graphql.node import Node

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.surrogates.types import SurrogateCompany


@strawberry.type(description="A user group of an organization (R12); surrogate groups belong to a company (R16).")
class UserGroup(Node):
    name: str
    kind: UserGroupKind  # type: ignore[valid-type]
    description: str | None
    _model: strawberry.Private[models.UserGroup]

    @classmethod
    def from_model(cls, group: models.UserGroup) -> UserGroup:
        return cls(
            id=strawberry.ID(to_global_id("UserGroup", group.id)),
            name=group.name,
            kind=group.kind,
            description=group.description,
            _model=group,
        )

    @classmethod
    async def load(cls, info: Info[Any, Any], pk: uuid.UUID | None) -> UserGroup | None:
        if pk is None:
            return None
        found = await context_of(info).loaders.user_group_by_id.load(pk)
        return cls.from_model(found) if found is not None else None

    @strawberry.field(description="The organization the group belongs to.")
    async def organization(
        self, info: Info[Any, Any]
    ) -> Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")]:
        from iacs.graphql.organizations.types import Organization

        found = await Organization.load(info, self._model.organization_id)
        assert found is not None  # a foreign key
        return found

    @strawberry.field(description="For a surrogate group, the company it serves the organization for.")
    async def company(
        self, info: Info[Any, Any]
    ) -> Annotated[SurrogateCompany, strawberry.lazy("iacs.graphql.surrogates.types")] | None:
        from iacs.graphql.surrogates.types import SurrogateCompany

        return await SurrogateCompany.load(info, self._model.company_id)

    @strawberry.field(description="The group's active User Group Administrators.")
    async def administrators(
        self, info: Info[Any, Any]
    ) -> list[Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]]:
        from iacs.graphql.accounts.types import User

        users = await context_of(info).loaders.administrators_by_group_id.load(self._model.id)
        return [User.from_model(u) for u in users]
