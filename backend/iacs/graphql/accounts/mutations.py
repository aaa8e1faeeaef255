"""Account mutations (R1-R5): each turns input into arguments, calls one service, maps the result."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Annotated, Any

import strawberry

from iacs.domain.accounts import service
from iacs.domain.accounts.models import User as UserModel
from iacs.domain.enums import Community as DomainCommunity
from iacs.domain.errors import FieldError
from iacs.domain.requests.actors import Actor
from iacs.graphql.access import context_of
from iacs.graphql.accounts.inputs import (
    DisableAccountInput,
    RegisterAccountInput,
    SignInInput,
    UserRefInput,
    VerifyEmailInput,
)
from iacs.graphql.accounts.payloads import UserPayload, ViewerPayload, viewer_payload
from iacs.graphql.accounts.types import User
from iacs.graphql.context import Context
from iacs.graphql.errors import user_errors
from iacs.graphql.ids import uuid_of
from iacs.graphql.info import Info
from iacs.graphql.tokens import account_viewer, refused_to_token
from iacs.graphql.transactions import run_help_desk, run_mutation

# A service the help desk runs on one person's account (R33), called with the request's session and
# now=, help_desk_user_id=, user= (the domain's unlock_account, disable_account, enable_account).
_HelpDeskChange = Callable[..., Awaitable[object]]


async def _help_desk_change(info: Info, user_id: strawberry.ID, change: _HelpDeskChange) -> UserPayload:
    """The help desk changes the account `user_id` names (R33): the person after the change, or why it was
    refused (UNAUTHENTICATED; PERSON_NOT_FOUND for no such person and for anyone not of the help desk, alike)."""
    context = context_of(info)

    async def action(actor: Actor, person: UserModel) -> UserModel:
        await change(context.db, now=context.clock.now(), help_desk_user_id=actor.id, user=person)
        return person

    changed, errors = await run_help_desk(context, uuid_of(user_id, "User"), action)
    return UserPayload(
        user=User.from_model(changed) if changed is not None else None,
        errors=user_errors(errors),
    )


async def _signed_in(context: Context, signed_in: service.SignedIn) -> None:
    context.set_session_cookie(signed_in.token, max_age=int(context.services.session_policy.absolute.total_seconds()))
    context.forget_viewer(signed_in.user)


@strawberry.type
class AccountMutations:
    @strawberry.mutation(description="Create an account, send the e-mail code, and sign the person in (R1-R3).")
    async def register_account(
        self,
        info: Info,
        input: Annotated[
            RegisterAccountInput,
            strawberry.argument(
                description="The new account: e-mail, name, password, community, acceptance of the terms."
            ),
        ],
    ) -> ViewerPayload:
        context = context_of(info)
        if (refused_to := refused_to_token(context)) is not None:  # R43
            return viewer_payload(None, [refused_to])
        password_hash = await service.hash_new_password(input.password, email=input.email, name=input.name)

        async def action() -> service.SignedIn:
            return await service.register_account(
                context.db,
                now=context.clock.now(),
                email=input.email,
                name=input.name,
                password=input.password,
                community=DomainCommunity(input.community),
                accept_terms=input.accept_terms,
                phone=input.phone,
                origin=context.origin,
                policy=context.services.session_policy,
                password_hash=password_hash,
            )

        signed_in, errors = await run_mutation(context, action)
        if signed_in is None:
            return viewer_payload(None, errors)
        await _signed_in(context, signed_in)
        return viewer_payload(signed_in.user, [])

    @strawberry.mutation(description="Confirm the signed-in person's e-mail with the 6-digit code (R3).")
    async def verify_email(
        self,
        info: Info,
        input: Annotated[
            VerifyEmailInput, strawberry.argument(description="The code sent to the signed-in person's e-mail address.")
        ],
    ) -> ViewerPayload:
        context = context_of(info)
        viewer = await account_viewer(context)
        if isinstance(viewer, FieldError):
            return viewer_payload(None, [viewer])

        async def action() -> service.CodeCheck:
            return await service.verify_email(
                context.db, viewer, input.code, now=context.clock.now(), origin=context.origin
            )

        # a wrong code is counted: returned, not raised, it is committed with the answer that refuses it
        check, errors = await run_mutation(context, action)
        if check is None:
            return viewer_payload(None, errors)
        return viewer_payload(check.user, [check.error] if check.error else [])

    @strawberry.mutation(description="Send a new code to the signed-in person (at most one a minute; R3).")
    async def resend_verification_code(self, info: Info) -> ViewerPayload:
        context = context_of(info)
        viewer = await account_viewer(context)
        if isinstance(viewer, FieldError):
            return viewer_payload(None, [viewer])

        async def action() -> Any:
            return await service.resend_verification_code(
                context.db, viewer, now=context.clock.now(), origin=context.origin
            )

        _, errors = await run_mutation(context, action)
        return viewer_payload(viewer, errors)

    @strawberry.mutation(description="Sign in; unknown accounts and wrong passwords get the same answer (R4).")
    async def sign_in(
        self,
        info: Info,
        input: Annotated[
            SignInInput, strawberry.argument(description="The login (e-mail address or user ID) and the password.")
        ],
    ) -> ViewerPayload:
        context = context_of(info)
        if (refused_to := refused_to_token(context)) is not None:  # R43
            return viewer_payload(None, [refused_to])

        async def begin() -> service.SignInAttempt:
            return await service.begin_sign_in(
                context.db, now=context.clock.now(), login=input.login, origin=context.origin
            )

        # Two transactions, the password checked between them with no connection held (R4; service.begin_sign_in).
        attempt, errors = await run_mutation(context, begin)
        if attempt is None:
            return viewer_payload(None, errors)
        if attempt.refused is not None:  # locked: the refusal is audited (and committed) all the same
            return viewer_payload(None, [attempt.refused])
        verdict = await service.check_sign_in_password(attempt, input.password)

        async def finish() -> service.SignInOutcome:
            return await service.finish_sign_in(
                context.db,
                attempt,
                verdict,
                now=context.clock.now(),
                origin=context.origin,
                policy=context.services.session_policy,
                previous_token=context.session_token,
            )

        # failures are counted and audited even though the answer is an error: returned, not raised, so committed
        outcome, errors = await run_mutation(context, finish)
        if outcome is None:
            return viewer_payload(None, errors)
        if outcome.signed_in is None:
            return viewer_payload(None, [outcome.error] if outcome.error else [])
        await _signed_in(context, outcome.signed_in)
        return viewer_payload(outcome.signed_in.user, [])

    @strawberry.mutation(description="End the current session; true even when there was none.")
    async def sign_out(self, info: Info) -> bool:
        context = context_of(info)
        token = context.session_token
        if token is not None:
            viewer = await context.viewer()

            async def action() -> None:
                await service.sign_out(context.db, token, user=viewer, now=context.clock.now(), origin=context.origin)

            await run_mutation(context, action)
        context.clear_session_cookie()
        context.forget_viewer(None)
        return True

    @strawberry.mutation(description="The help desk lifts a sign-in lock (NOT_FOUND for anyone else; R4, R33).")
    async def unlock_account(
        self,
        info: Info,
        input: Annotated[UserRefInput, strawberry.argument(description="The locked person.")],
    ) -> UserPayload:
        return await _help_desk_change(info, input.user_id, service.unlock_account)

    @strawberry.mutation(
        description="The help desk disables an account; its sessions end at once (NOT_FOUND for anyone else; R33)."
    )
    async def disable_account(
        self,
        info: Info,
        input: Annotated[DisableAccountInput, strawberry.argument(description="The person, and why.")],
    ) -> UserPayload:
        return await _help_desk_change(info, input.user_id, partial(service.disable_account, reason=input.reason))

    @strawberry.mutation(description="The help desk enables a disabled account again (R33).")
    async def enable_account(
        self,
        info: Info,
        input: Annotated[UserRefInput, strawberry.argument(description="The disabled person.")],
    ) -> UserPayload:
        return await _help_desk_change(info, input.user_id, service.enable_account)
