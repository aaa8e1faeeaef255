"""Payloads of the account mutations: the signed-in person and the errors, empty on success."""

from __future__ import annotations

import strawberry

from iacs.graphql.accounts.types import User
from iacs.graphql.errors import UserError


@strawberry.type(description="The person after the change, and why it was refused if it was.")
class ViewerPayload:
    viewer: User | None
    errors: list[UserError]


@strawberry.type(description="A person after a change made by someone else (the help desk).")
class UserPayload:
    user: User | None
    errors: list[UserError]
