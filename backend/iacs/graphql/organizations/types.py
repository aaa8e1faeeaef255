"""Organization: a provider, a practitioner's practice or a contractor."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated

import strawberry

from iacs.db.rows import OrganizationColumns
from iacs.domain.enums import Role as DomainRole
from iacs.domain.enums import UserGroupKind as DomainUserGroupKind
from iacs.domain.organizations import models
from iacs.domain.organizations.continuity import Continuity, organization_continuity
from iacs.domain.requests.routing import holds_power
from iacs.graphql.access import context_of
from iacs.graphql.enums import Community, OrganizationKind, OrganizationStatus, ProviderType, UserGroupKind
from iacs.graphql.info import Info
from iacs.graphql.node import Node, by_id, node_of
from iacs.graphql.visible import roles_visible

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.groups.types import UserGroup
    from iacs.graphql.roles.types import RoleAssignment


_OFFICIAL_ROLES = frozenset({DomainRole.SECURITY_OFFICIAL, DomainRole.BACKUP_SECURITY_OFFICIAL})


@strawberry.type(
    description="An organization registered by its Security Official (R6); its TIN is shown as the last 4 digits "
    "only. Approved organizations are visible to everyone signed in; a pending or denied one only to the help desk, "
    "the people with a role in it and those who asked for something in it."
)
class Organization(Node):
    legal_business_name: str = strawberry.field(
        description="The name it is registered under (for a practitioner's practice, the practitioner's name)."
    )
    kind: OrganizationKind = strawberry.field(
        description="A provider, an individual practitioner's practice, or a Medicare contractor."
    )
    provider_type: ProviderType = strawberry.field(description="What the organization is, as registered.")
    community: Community = strawberry.field(
        description="Its community: only people of the same community act in it (R2)."
    )
    npi: str = strawberry.field(description="Its National Provider Identifier: 10 digits.")
    tin_last4: str = strawberry.field(description="The last 4 digits of the TIN; empty for a practitioner.")
    status: OrganizationStatus = strawberry.field(
        description="Pending until the help desk approves or denies its registration (R7)."
    )
    city: str = strawberry.field(description="The city of its address.")
    state: str = strawberry.field(description="The 2-letter state code of its address.")
    _pk: strawberry.Private[uuid.UUID]

    @classmethod
    def from_model(cls, org: models.Organization | OrganizationColumns) -> Organization:
        return node_of(cls, org, tin_last4=(org.tin or "")[-4:], _pk=org.id)

    @classmethod
    async def load(cls, info: Info, pk: uuid.UUID | None) -> Organization | None:
        return await by_id(context_of(info).loaders.organization_by_id, pk, cls.from_model)

    @strawberry.field(
        description="The one active Security Official, if any (R8); none while the help desk keeps their account "
        "disabled (R36: a disabled account's roles count for nothing)."
    )
    async def security_official(
        self, info: Info
    ) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")] | None:
        from iacs.graphql.accounts.types import User

        officials = await context_of(info).loaders.officials_by_organization_id.load(self._pk)
        return next(
            (
                User.from_model(u)
                for a, u in officials
                if a.role == DomainRole.SECURITY_OFFICIAL and holds_power(u.status)
            ),
            None,
        )

    @strawberry.field(
        description="The active Backup Security Officials (R9), but not those whose account the help desk keeps "
        "disabled (R36)."
    )
    async def backup_security_officials(
        self, info: Info
    ) -> list[Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]]:
        from iacs.graphql.accounts.types import User

        officials = await context_of(info).loaders.officials_by_organization_id.load(self._pk)
        return [
            User.from_model(u)
            for a, u in officials
            if a.role == DomainRole.BACKUP_SECURITY_OFFICIAL and holds_power(u.status)
        ]

    @strawberry.field(
        description="The active Security Official and Backup role assignments (to see since when, or to revoke), "
        "for whoever may "
        "see those roles: their holders, the organization's officials, the help desk; empty for anyone else "
        "(the names are in securityOfficial and backupSecurityOfficials). Includes the roles of a disabled "
        "account (`user.active` false), which count for nothing until the account is enabled (R36) but may be ended."
    )
    async def officials(
        self, info: Info
    ) -> list[Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]]:
        from iacs.graphql.roles.types import RoleAssignment

        context = context_of(info)
        actor = await context.actor()
        if actor is None:
            return []
        officials = await context.loaders.officials_by_organization_id.load(self._pk)
        roles = [a for a, _ in officials if a.role in _OFFICIAL_ROLES]
        # The same rule as node(id): a nested path must not show a role that node(id) would hide.
        return [RoleAssignment.from_model(a) for a in await roles_visible(context, roles)]

    async def _continuity(self, info: Info) -> Continuity:
        officials = await context_of(info).loaders.officials_by_organization_id.load(self._pk)
        return organization_continuity(self.kind, self.status, [(a.role, u.status) for a, u in officials])

    @strawberry.field(
        description="One departure from orphaned: an approved organization with a Security Official and no Backup "
        "Security Official (R37; accounts the help desk disabled do not count, R36). Allowed, but if the Security "
        "Official left nobody could approve for it. False for a practitioner's practice, which has no Backups."
    )
    async def at_risk(self, info: Info) -> bool:
        return (await self._continuity(info)).at_risk

    @strawberry.field(
        description="Nobody is left who can approve for this approved organization: no Security Official (in a "
        "practitioner's practice, no practitioner) whose account is enabled (R37, R36). A Backup may ask to succeed "
        "(the help desk decides); otherwise the help desk acts for it."
    )
    async def orphaned(self, info: Info) -> bool:
        return (await self._continuity(info)).orphaned

    @strawberry.field(description="The organization's user groups, by name; optionally only one kind.")
    async def user_groups(
        self,
        info: Info,
        kind: Annotated[
            UserGroupKind | None,
            strawberry.argument(description="Only groups of this kind; all when omitted."),
        ] = None,
    ) -> list[Annotated[UserGroup, strawberry.lazy("iacs.graphql.groups.types")]]:
        from iacs.graphql.groups.types import UserGroup

        groups = await context_of(info).loaders.groups_by_organization_id.load(self._pk)
        wanted = DomainUserGroupKind(kind) if kind is not None else None
        return [UserGroup.from_model(g) for g in groups if wanted is None or g.kind == wanted]
