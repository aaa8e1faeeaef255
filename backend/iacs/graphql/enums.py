"""The domain's enumerations, exposed to GraphQL under the names of api.md."""

from __future__ import annotations

import strawberry

from iacs.domain import enums

Community = strawberry.enum(enums.Community, description="R2: the community a person or organization belongs to.")
Role = strawberry.enum(enums.Role, description="The roles a person can hold.")
RoleStatus = strawberry.enum(enums.RoleStatus, description="Whether a role is in force.")
OrganizationKind = strawberry.enum(enums.OrganizationKind, description="What kind of organization this is.")
ProviderType = strawberry.enum(
    enums.ProviderType, description="Provider type; the last three belong to the FI_CARRIER_MAC community."
)
OrganizationStatus = strawberry.enum(enums.OrganizationStatus, description="R7: the help desk's decision.")
UserGroupKind = strawberry.enum(enums.UserGroupKind, description="Provider group, or a surrogate company's group.")
RequestKind = strawberry.enum(enums.RequestKind, description="What a request asks for.")
RequestStatus = strawberry.enum(enums.RequestStatus, description="Where a request stands.")
