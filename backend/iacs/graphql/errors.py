"""UserError, the ErrorCode enum, and top-level errors that clients may read."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError

from iacs.domain.enums import ErrorCode as DomainErrorCode
from iacs.domain.errors import FieldError

ErrorCode = strawberry.enum(
    DomainErrorCode, name="ErrorCode", description="Why a user action was refused; stable, for programs."
)


@strawberry.type(description="A problem the user can fix; `field` is the path inside the mutation's input.")
class UserError:
    code: ErrorCode  # type: ignore[valid-type]
    message: str
    field: list[str] | None = None

    @classmethod
    def from_domain(cls, error: FieldError) -> UserError:
        return cls(code=error.code, message=error.message, field=list(error.field) if error.field else None)


class PublicError(GraphQLError):
    """A deliberate top-level error (its message and code are shown; everything else is masked)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, extensions={"code": code})


class Unauthenticated(PublicError):
    def __init__(self) -> None:
        super().__init__("Sign in to see this.", "UNAUTHENTICATED")
