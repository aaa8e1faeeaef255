"""UserError, the ErrorCode enum, and top-level errors that clients may read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import strawberry
from graphql import GraphQLError

from iacs.domain.enums import ErrorCode as DomainErrorCode
from iacs.domain.errors import FieldError
from iacs.graphql.enums import describe_values

ErrorCode: TypeAlias = DomainErrorCode
strawberry.enum(ErrorCode, name="ErrorCode", description="Why a user action was refused; stable, for programs.")
describe_values(
    ErrorCode,
    {
        DomainErrorCode.UNAUTHENTICATED: "Nobody is signed in, or the session has ended: sign in and try again.",
        DomainErrorCode.FORBIDDEN: "Signed in, but this action is not yours to take (for example a request you "
        "may see but not decide).",
        DomainErrorCode.NOT_FOUND: "No such thing, or not one you may see: both get the same answer, so that ids "
        "cannot be probed.",
        DomainErrorCode.INVALID_INPUT: "A value is missing, too long or malformed; `field` names it.",
        DomainErrorCode.INVALID_NPI: "The NPI is not 10 digits with a valid check digit.",
        DomainErrorCode.INVALID_TIN: "The TIN is not 9 digits (dashes allowed).",
        DomainErrorCode.INVALID_ZIP: "The ZIP code is not 5 digits or ZIP+4 (like 62704-1234).",
        DomainErrorCode.EMAIL_TAKEN: "An account with this e-mail address exists: one person, one account (R1).",
        DomainErrorCode.EMAIL_NOT_VERIFIED: "Confirm the e-mail address with its code before asking for anything (R3).",
        DomainErrorCode.INVALID_CODE: "The e-mail code is wrong or has expired (a code lasts 30 minutes); ask for "
        "a new one (R3).",
        DomainErrorCode.WEAK_PASSWORD: "The password is shorter than 12 characters, too common, or contains the "
        "name or the e-mail address (R4).",
        DomainErrorCode.INVALID_CREDENTIALS: "Unknown login or wrong password; both get the same answer (R4).",
        DomainErrorCode.ACCOUNT_LOCKED: "Too many failed sign-ins (5 in 15 minutes): the account is locked for 15 "
        "minutes, or until the help desk unlocks it (R4).",
        DomainErrorCode.COMMUNITY_MISMATCH: "The organization or provider type belongs to another community than "
        "the person's (R2).",
        DomainErrorCode.ORGANIZATION_EXISTS: "An organization with this TIN and NPI (or a practitioner with this "
        "NPI) is already registered: ask its Security Official for access (R6).",
        DomainErrorCode.ORGANIZATION_NOT_APPROVED: "The organization is not approved (or has no active Security "
        "Official): nothing can be asked in it yet (R7, R19).",
        DomainErrorCode.REGISTRATION_CLOSED: "CMS has closed registration for this provider type; the message says "
        "why (R11).",
        DomainErrorCode.APPLICATION_CLOSED: "The CMS application is closed to new requests (R23).",
        DomainErrorCode.ROLE_CONFLICT: "Nobody may be Security Official or Backup and also User Group "
        "Administrator in the same organization: two people are needed (R14).",
        DomainErrorCode.ALREADY_HOLDS_ROLE: "The person already holds this role in this scope (R28).",
        DomainErrorCode.DUPLICATE_REQUEST: "A pending request for the same role in the same scope exists (R28).",
        DomainErrorCode.SURROGATE_GROUP_EXISTS: "This company already serves this organization, or has asked to: "
        "one surrogate group per company and organization (R18).",
        DomainErrorCode.COMPANY_EXISTS: "A surrogate company with this TIN is already registered: ask to join it "
        "instead of creating it again; one of its administrators decides (R35).",
        DomainErrorCode.SELF_DECISION_FORBIDDEN: "Nobody decides their own request, not even the help desk (R15).",
        DomainErrorCode.ALREADY_DECIDED: "The request was already decided, cancelled or expired (perhaps by "
        "someone else a moment ago), or the role has already ended (R25).",
        DomainErrorCode.REASON_REQUIRED: "A denial needs a reason, which the requester will see (R26).",
        DomainErrorCode.RATE_LIMITED: "Asked too often: wait and try again (one new e-mail code a minute).",
        DomainErrorCode.WRONG_PASSWORD: "The current password, asked again before changing the password or the "
        "e-mail address, is not right (R41).",
        DomainErrorCode.TOKEN_LIMIT: "Ten API tokens are already in force: revoke one before making another (R43).",
        DomainErrorCode.DELEGATION_NOT_ALLOWED: "This delegation is not allowed: the role, the delegate or the dates "
        "break the delegation rule (R38; the message says which).",
    },
)


@strawberry.type(description="A problem the user can fix; `field` is the path inside the mutation's input.")
class UserError:
    code: ErrorCode = strawberry.field(description="Why, as a stable code for programs.")
    message: str = strawberry.field(description="What went wrong and what to do, in words to show the person.")
    field: list[str] | None = strawberry.field(
        default=None,
        description="The path of the input value at fault, as in the mutation's input (for example "
        '["address", "zip"] or ["requestIds", "3"]); null when no single value is.',
    )

    @classmethod
    def from_domain(cls, error: FieldError) -> UserError:
        return cls(code=error.code, message=error.message, field=list(error.field) if error.field else None)


def user_errors(errors: Iterable[FieldError]) -> list[UserError]:
    """The domain's refusals as a payload's `errors`."""
    return [UserError.from_domain(e) for e in errors]


class PublicError(GraphQLError):
    """A deliberate top-level error (its message and code are shown; everything else is masked)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, extensions={"code": code})


class Unauthenticated(PublicError):
    def __init__(self) -> None:
        super().__init__("Sign in to see this.", "UNAUTHENTICATED")
