"""Payloads of the account mutations: the signed-in person and the errors, empty on success."""

from __future__ import annotations

import strawberry

from iacs.domain.accounts.models import User as UserModel
from iacs.domain.errors import FieldError
from iacs.graphql.accounts.types import User
from iacs.graphql.errors import UserError, user_errors


@strawberry.type(description="The person after the change, and why it was refused if it was.")
class ViewerPayload:
    viewer: User | None = strawberry.field(
        description="The signed-in person after the change; null when nobody is signed in (for example after a "
        "refused sign-in)."
    )
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")


@strawberry.type(description="A person after a change made by someone else (the help desk).")
class UserPayload:
    user: User | None = strawberry.field(description="The person after the change; null when it was refused.")
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")


def viewer_payload(user: UserModel | None, errors: list[FieldError]) -> ViewerPayload:
    """The person after the change (null when nobody is signed in), and why it was refused if it was."""
    return ViewerPayload(
        viewer=User.from_model(user) if user is not None else None,
        errors=user_errors(errors),
    )
