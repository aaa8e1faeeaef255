"""Errors a user can fix. Services raise them; the GraphQL layer returns them as data."""

from __future__ import annotations

from dataclasses import dataclass

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
