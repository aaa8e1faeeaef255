"""Inputs of the account mutations; none declares a server-owned field (no mass assignment)."""

from __future__ import annotations

import strawberry

from iacs.graphql.enums import Community


@strawberry.input(description="A new account (R1-R4). The password needs 12 to 256 characters.")
class RegisterAccountInput:
    email: str = strawberry.field(description="A work e-mail address; a code is sent to it (R3).")
    name: str = strawberry.field(description="Full name, 1 to 200 characters.")
    password: str = strawberry.field(description="12 to 256 characters, not common, not containing name or e-mail.")
    community: Community = strawberry.field(
        description="PROVIDER_SUPPLIER for providers, suppliers and their billing companies, FI_CARRIER_MAC for "
        "staff of Medicare contractors; it cannot be changed later (R2)."
    )
    accept_terms: bool = strawberry.field(description="Must be true: the rules of behavior are accepted.")
    phone: str | None = strawberry.field(default=None, description="Optional, 7 to 32 digits, spaces or +()-.")


@strawberry.input(description="The 6-digit code sent to the signed-in person's e-mail address (R3).")
class VerifyEmailInput:
    code: str = strawberry.field(
        description="The 6 digits from the e-mail; a code expires after 30 minutes and allows 5 attempts."
    )


@strawberry.input(description="Sign in with the e-mail address or the user ID (R4).")
class SignInInput:
    login: str = strawberry.field(description="E-mail address or user ID.")
    password: str = strawberry.field(
        description="The account's password. 5 failures in 15 minutes lock the account for 15 minutes (R4)."
    )


@strawberry.input(description="A person, by their id.")
class UserRefInput:
    user_id: strawberry.ID = strawberry.field(description="The person's global id (User.id).")


@strawberry.input(description="Disable a person's account, with the reason (kept in the audit log; R33).")
class DisableAccountInput:
    user_id: strawberry.ID = strawberry.field(description="The person's global id (User.id).")
    reason: str = strawberry.field(description="Why, 1 to 2,000 characters; kept in the audit log.")
