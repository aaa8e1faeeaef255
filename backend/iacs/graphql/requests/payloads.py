"""Payloads of the request mutations: what changed, and the errors (empty on success)."""

from __future__ import annotations

import strawberry

from iacs.graphql.errors import UserError
from iacs.graphql.requests.types import AccessRequest
from iacs.graphql.roles.types import RoleAssignment


@strawberry.type(description="The request after the change, and why it was refused if it was.")
class RequestPayload:
    request: AccessRequest | None
    errors: list[UserError]


@strawberry.type(description="The requests created or decided; errors name the input item (field path).")
class RequestsPayload:
    requests: list[AccessRequest]
    errors: list[UserError]


@strawberry.type(description="The role after the change, and why it was refused if it was.")
class RoleAssignmentPayload:
    role_assignment: RoleAssignment | None
    errors: list[UserError]
