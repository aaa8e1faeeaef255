"""What the account and profile mutations share: who may change the account, and the answer they give."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from iacs.domain.accounts.models import User as UserModel
from iacs.domain.errors import FieldError
from iacs.graphql.accounts.payloads import ViewerPayload
from iacs.graphql.accounts.types import User
from iacs.graphql.context import Context
from iacs.graphql.errors import UserError
from iacs.graphql.tokens import refused_to_token
from iacs.graphql.transactions import NOT_SIGNED_IN


def viewer_payload(user: UserModel | None, errors: list[FieldError]) -> ViewerPayload:
    """The person after the change (null when nobody is signed in), and why it was refused if it was."""
    return ViewerPayload(
        viewer=User.from_model(user) if user is not None else None,
        errors=[UserError.from_domain(e) for e in errors],
    )


async def _viewer(context: Context) -> UserModel | None:
    return await context.viewer()


async def account_viewer(
    context: Context, load: Callable[[Context], Awaitable[UserModel | None]] = _viewer
) -> UserModel | FieldError:
    """The signed-in person changing their own account, or why they may not: an API token may not (R43), nor
    nobody (UNAUTHENTICATED). The token is checked first, before the viewer is loaded."""
    if (refused_to := refused_to_token(context)) is not None:  # R43
        return refused_to
    viewer = await load(context)
    return viewer if viewer is not None else NOT_SIGNED_IN
