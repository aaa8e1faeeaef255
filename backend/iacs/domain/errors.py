"""Errors a user can fix. Services raise them; the GraphQL layer returns them as data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from iacs.db.errors import violated_constraint
from iacs.domain.enums import ErrorCode


@dataclass(frozen=True)
class FieldError:
    code: ErrorCode
    message: str
    field: tuple[str, ...] | None = None


class DomainError(Exception):
    """One or more user errors; nothing the service did is kept (the caller rolls back)."""

    def __init__(self, *errors: FieldError) -> None:
        if not errors:
            raise ValueError("DomainError needs at least one error")
        super().__init__("; ".join(f"{e.code}: {e.message}" for e in errors))
        self.errors: tuple[FieldError, ...] = errors

    @classmethod
    def single(cls, code: ErrorCode, message: str, field: tuple[str, ...] | None = None) -> DomainError:
        return cls(FieldError(code, message, field))


class ErrorCollector:
    """Collects every field error of an input so that all come back at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, code: ErrorCode, message: str, *field: str) -> None:
        self.errors.append(FieldError(code, message, tuple(field) or None))

    def has(self, *field: str) -> bool:
        return any(e.field == tuple(field) for e in self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise DomainError(*self.errors)


async def flush_refusing(
    db: AsyncSession, refusals: Mapping[str, FieldError], otherwise: FieldError | None = None
) -> None:
    """Flush in a savepoint, so that a write the database refuses rolls back alone and the person is told why: a
    refusal by a constraint named in `refusals` is that error, any other is `otherwise` (raised as it is without)."""
    try:
        async with db.begin_nested():
            await db.flush()
    except IntegrityError as exc:
        name = violated_constraint(exc)
        refusal = refusals.get(name, otherwise) if name is not None else otherwise
        if refusal is None:
            raise
        raise DomainError(refusal) from exc
