"""Profile mutations (R5, R41): each turns input into arguments, calls one service, maps the result.

Passwords are checked (argon2, ~0.3 s) before the transaction, with the request's connection given back, so
a burst of profile changes cannot hold the pool; a refusal that counted a wrong password is committed too.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from iacs.domain.accounts import profile
from iacs.domain.accounts.models import User as UserModel
from iacs.domain.errors import FieldError
from iacs.graphql.access import context_of
from iacs.graphql.accounts.inputs import VerifyEmailInput
from iacs.graphql.accounts.payloads import ViewerPayload, viewer_payload
from iacs.graphql.context import Context
from iacs.graphql.info import Info
from iacs.graphql.tokens import account_viewer
from iacs.graphql.transactions import end_transaction, run_mutation


@strawberry.input(description="R5, R41: the fields to change; a field left out (null) stays as it is.")
class UpdateProfileInput:
    name: str | None = strawberry.field(default=None, description="The new full name, 1 to 200 characters.")
    phone: str | None = strawberry.field(
        default=None,
        description='The new phone number (7 to 32 digits, spaces or +()-); an empty string "" removes it.',
    )


@strawberry.input(description="R41: a new password, with the current one.")
class ChangePasswordInput:
    current_password: str = strawberry.field(
        description="The current password; a wrong one counts as a failed sign-in (5 in 15 minutes lock the account)."
    )
    new_password: str = strawberry.field(
        description="12 to 256 characters, not a common password, not containing the name or e-mail (R4)."
    )


@strawberry.input(
    description="R41: a new e-mail address; a code is sent to it and nothing changes until it is entered."
)
class RequestEmailChangeInput:
    new_email: str = strawberry.field(description="The new work e-mail address; it must not belong to another account.")
    password: str = strawberry.field(description="The current password, asked again for this change.")


async def _signed_in_viewer(context: Context) -> UserModel | None:
    viewer = await context.viewer()
    if viewer is not None:
        await end_transaction(context.db)  # nothing written yet: the connection goes back to the pool while hashing
    return viewer


def _answer(viewer: UserModel, refused: FieldError | None, errors: list[FieldError]) -> ViewerPayload:
    """The answer to a change whose refusal is returned (and committed, when it counted something) or raised."""
    return viewer_payload(viewer, errors or ([refused] if refused is not None else []))


@strawberry.type
class ProfileMutations:
    @strawberry.mutation(description="R5, R41: change the signed-in person's name or phone at once.")
    async def update_profile(
        self,
        info: Info,
        input: Annotated[UpdateProfileInput, strawberry.argument(description="The fields to change.")],
    ) -> ViewerPayload:
        context = context_of(info)
        viewer = await account_viewer(context)
        if isinstance(viewer, FieldError):
            return viewer_payload(None, [viewer])

        async def action() -> UserModel:
            return await profile.update_profile(
                context.db, viewer, now=context.clock.now(), name=input.name, phone=input.phone, origin=context.origin
            )

        _, errors = await run_mutation(context, action)
        return viewer_payload(viewer, errors)

    @strawberry.mutation(
        description="R41: change the password with the current one; every other session of the person ends and a "
        "mail tells them. WRONG_PASSWORD, ACCOUNT_LOCKED or WEAK_PASSWORD when refused."
    )
    async def change_password(
        self,
        info: Info,
        input: Annotated[ChangePasswordInput, strawberry.argument(description="The current and the new password.")],
    ) -> ViewerPayload:
        context = context_of(info)
        viewer = await account_viewer(context, _signed_in_viewer)
        if isinstance(viewer, FieldError):
            return viewer_payload(None, [viewer])
        current = await profile.check_password(viewer, input.current_password)
        new_hash = await profile.new_password_hash(viewer, input.new_password) if current.ok else None

        async def action() -> FieldError | None:
            return await profile.change_password(
                context.db,
                viewer,
                now=context.clock.now(),
                current=current,
                new_password=input.new_password,
                new_hash=new_hash,
                keep_session_token=context.session_token,
                origin=context.origin,
            )

        # a wrong current password is counted (R4): returned, not raised, it is committed with the refusal
        refused, errors = await run_mutation(context, action)
        return _answer(viewer, refused, errors)

    @strawberry.mutation(
        description="R1, R41: send a code to a new e-mail address (with the current password); the address changes "
        "only when `confirmEmailChange` gets the code. The person's `pendingEmail` shows the address meanwhile."
    )
    async def request_email_change(
        self,
        info: Info,
        input: Annotated[RequestEmailChangeInput, strawberry.argument(description="The new address and the password.")],
    ) -> ViewerPayload:
        context = context_of(info)
        viewer = await account_viewer(context, _signed_in_viewer)
        if isinstance(viewer, FieldError):
            return viewer_payload(None, [viewer])
        current = await profile.check_password(viewer, input.password)

        async def action() -> FieldError | None:
            return await profile.request_email_change(
                context.db,
                viewer,
                now=context.clock.now(),
                new_email=input.new_email,
                current=current,
                origin=context.origin,
            )

        refused, errors = await run_mutation(context, action)
        return _answer(viewer, refused, errors)

    @strawberry.mutation(
        description="R41: the 6-digit code sent to the new address changes the e-mail (and confirms it); the old "
        "address is told. INVALID_CODE when wrong or expired (5 attempts, 30 minutes)."
    )
    async def confirm_email_change(
        self,
        info: Info,
        input: Annotated[VerifyEmailInput, strawberry.argument(description="The code sent to the new address.")],
    ) -> ViewerPayload:
        context = context_of(info)
        viewer = await account_viewer(context)
        if isinstance(viewer, FieldError):
            return viewer_payload(None, [viewer])

        async def action() -> FieldError | None:
            return await profile.confirm_email_change(
                context.db, viewer, input.code, now=context.clock.now(), origin=context.origin
            )

        refused, errors = await run_mutation(context, action)
        return _answer(viewer, refused, errors)
