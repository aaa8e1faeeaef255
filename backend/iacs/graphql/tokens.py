"""Personal API tokens in GraphQL (R43): the ApiToken type, createApiToken and revokeApiToken.

A request that carries a token (`Authorization: Bearer <secret>`, Context.via_token) acts as the token's owner
with exactly their roles, except here: managing tokens, the profile, the password or the e-mail address, and
opening a browser session, are refused to it (`refused_to_token`), so a leaked token cannot make more tokens,
outlive its revocation through a new one, or take over the account.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

import strawberry

from iacs.domain.accounts import api_tokens
from iacs.domain.accounts import models as account_models
from iacs.domain.enums import ErrorCode
from iacs.domain.errors import FieldError
from iacs.graphql.access import context_of
from iacs.graphql.context import Context
from iacs.graphql.errors import UserError, user_errors
from iacs.graphql.ids import from_global_id
from iacs.graphql.info import Info
from iacs.graphql.node import Node, NodeRefInput, node_of
from iacs.graphql.transactions import NOT_SIGNED_IN, run_mutation

TOKEN_REFUSED = FieldError(
    ErrorCode.FORBIDDEN,
    "An API token cannot do this. Sign in to the web app to manage your tokens, profile, password or e-mail address.",
)


def refused_to_token(context: Context) -> FieldError | None:
    """R43: the refusal for an operation a token may never run, or None when the request carries no token."""
    return TOKEN_REFUSED if context.via_token else None


async def account_viewer(
    context: Context, load: Callable[[Context], Awaitable[account_models.User | None]] | None = None
) -> account_models.User | FieldError:
    """The signed-in person changing their own account, or why they may not: not with an API token (R43, checked
    first, before the viewer is loaded), nor when nobody is signed in (UNAUTHENTICATED). `load` finds the viewer
    (`context.viewer` when omitted)."""
    if (refused_to := refused_to_token(context)) is not None:  # R43
        return refused_to
    viewer = await (load(context) if load is not None else context.viewer())
    return viewer if viewer is not None else NOT_SIGNED_IN


@strawberry.type(
    description="A personal API token (R43): a script sends `Authorization: Bearer <secret>` and acts as the "
    "person who made it, with exactly their roles. Only its owner sees it; the secret itself is shown once, "
    "by createApiToken, and never again."
)
class ApiToken(Node):
    name: str = strawberry.field(description="The name its owner gave it, to tell tokens apart (1 to 100 characters).")
    created_at: datetime = strawberry.field(description="When it was made.")
    expires_at: datetime = strawberry.field(description="When it stops working (at most a year after it was made).")
    last_used_at: datetime | None = strawberry.field(
        description="When a request last used it (to the minute); null when never."
    )

    @classmethod
    def from_model(cls, token: account_models.ApiToken) -> ApiToken:
        return node_of(cls, token)


@strawberry.input(description="R43: a new personal API token.")
class CreateApiTokenInput:
    name: str = strawberry.field(
        description="A name to recognise it by, like the script that uses it; 1 to 100 characters."
    )
    expires_at: datetime = strawberry.field(
        description="When it stops working, with a time zone: at least 5 minutes and at most a year ahead."
    )


@strawberry.type(description="The new token and its secret, or why it was refused.")
class CreateApiTokenPayload:
    token: ApiToken | None = strawberry.field(description="The new token; null when refused.")
    secret: str | None = strawberry.field(
        description="The secret to send as `Authorization: Bearer <secret>`: shown this once, never again (only "
        "its digest is kept). Null when refused."
    )
    errors: list[UserError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A token after a change, or why the change was refused.")
class ApiTokenPayload:
    token: ApiToken | None = strawberry.field(description="The token after the change; null when refused.")
    errors: list[UserError] = strawberry.field(description="Why the change was refused; empty on success.")


@strawberry.type
class ApiTokenMutations:
    @strawberry.mutation(
        description="R43: make a personal API token for scripts; its secret is in the answer, once. At most 10 in "
        "force (TOKEN_LIMIT). Refused (FORBIDDEN) to a request made with a token: sign in to the web app."
    )
    async def create_api_token(
        self,
        info: Info,
        input: Annotated[CreateApiTokenInput, strawberry.argument(description="The token's name and expiry.")],
    ) -> CreateApiTokenPayload:
        context = context_of(info)
        viewer = await account_viewer(context)
        if isinstance(viewer, FieldError):
            return CreateApiTokenPayload(token=None, secret=None, errors=user_errors([viewer]))

        async def action() -> api_tokens.NewToken:
            return await api_tokens.create_api_token(
                context.db,
                viewer,
                now=context.clock.now(),
                name=input.name,
                expires_at=input.expires_at,
                origin=context.origin,
            )

        made, errors = await run_mutation(context, action)
        if made is None:
            return CreateApiTokenPayload(token=None, secret=None, errors=user_errors(errors))
        return CreateApiTokenPayload(token=ApiToken.from_model(made.token), secret=made.secret, errors=[])

    @strawberry.mutation(
        description="R43: revoke one of your API tokens; it stops working at once. NOT_FOUND for anyone else's. "
        "Refused (FORBIDDEN) to a request made with a token."
    )
    async def revoke_api_token(
        self,
        info: Info,
        input: Annotated[NodeRefInput, strawberry.argument(description="The token's id (ApiToken.id).")],
    ) -> ApiTokenPayload:
        context = context_of(info)
        viewer = await account_viewer(context)
        if isinstance(viewer, FieldError):
            return ApiTokenPayload(token=None, errors=user_errors([viewer]))
        decoded = from_global_id(input.id, "ApiToken")

        async def action() -> account_models.ApiToken:
            return await api_tokens.revoke_api_token(
                context.db,
                viewer,
                decoded[1] if decoded is not None else None,
                now=context.clock.now(),
                origin=context.origin,
            )

        token, errors = await run_mutation(context, action)
        if token is None:
            return ApiTokenPayload(token=None, errors=user_errors(errors))
        return ApiTokenPayload(token=ApiToken.from_model(token), errors=[])


async def api_tokens_of_viewer(context: Context, user_id: Any) -> list[ApiToken]:
    """User.apiTokens: the person's own tokens, to the person only (docs/visibility.md); empty for anyone else."""
    viewer = await context.viewer()
    if viewer is None or viewer.id != user_id:
        return []
    rows = await api_tokens.api_tokens_of(context.db, viewer.id)
    return [ApiToken.from_model(t) for t in rows]
