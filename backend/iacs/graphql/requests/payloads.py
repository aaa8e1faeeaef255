"""Payloads of the request mutations: what changed, and the errors (empty on success)."""

from __future__ import annotations

import strawberry

from iacs.graphql.errors import UserError
from iacs.graphql.requests.types import AccessRequest
from iacs.graphql.roles.types import RoleAssignment


@strawberry.type(description="The request after the change, and why it was refused if it was.")
class RequestPayload:
    request: AccessRequest | None = strawberry.field(
        description="The request after the change; null when the change was refused."
    )
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")


@strawberry.type(description="The requests created or decided; errors name the input item (field path).")
class RequestsPayload:
    requests: list[AccessRequest] = strawberry.field(
        description="The requests created or decided; a refused item is left out and has its error."
    )
    errors: list[UserError] = strawberry.field(
        description='Why items were refused, each naming its input item (like ["requestIds", "3"]); empty when '
        "none was."
    )


@strawberry.type(description="The role after the change, and why it was refused if it was.")
class RoleAssignmentPayload:
    role_assignment: RoleAssignment | None = strawberry.field(
        description="The role after the change; null when the change was refused."
    )
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")
