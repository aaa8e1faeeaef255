"""Relay connections with keyset cursors; `first` is capped at 100 (api.md)."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeAlias, TypeVar

import strawberry

from iacs.graphql.errors import PublicError

T = TypeVar("T")
R = TypeVar("R")
MAX_PAGE = 100
DEFAULT_PAGE = 20

# The paging arguments every list shares, with their descriptions: `first: First = None, after: After = None`.
FIRST = strawberry.argument(description=f"How many items to return: 0 to {MAX_PAGE}, {DEFAULT_PAGE} when omitted.")
AFTER = strawberry.argument(
    description="Start after this cursor (the endCursor of the page before); omit it for the first page."
)
First: TypeAlias = Annotated[int | None, FIRST]
After: TypeAlias = Annotated[str | None, AFTER]


@strawberry.type(description="Where a page sits in its list (Relay cursor specification).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="Whether items follow this page: ask again with `after: endCursor`."
    )
    has_previous_page: bool = strawberry.field(
        description="Whether this page was asked for with `after` (items precede it)."
    )
    start_cursor: str | None = strawberry.field(description="The cursor of the first item; null on an empty page.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last item, to pass as `after` for the next page; null on an empty page."
    )


@strawberry.type(description="One item of a list and the cursor after which the next page starts.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque; pass it as `after` to get the items that follow this one.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, oldest first unless the field says otherwise.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page, in the list's order.")
    page_info: PageInfo = strawberry.field(description="Whether more pages follow, and the cursors to ask for them.")
    total_count: int = strawberry.field(description="How many items the whole list holds.")


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise PublicError(f"`first` must be between 0 and {MAX_PAGE}.", "BAD_USER_INPUT")
    return first


def encode_cursor(*key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, default=str).encode()).decode().rstrip("=")


BAD_CURSOR = "The cursor `after` is not one this list gave out."
MAX_CURSOR_LENGTH = 1_000  # a cursor holds a name (at most 200 characters) or a timestamp, and a UUID
INT64_MAX = 2**63 - 1  # PostgreSQL's bigint


def _not_a_number(text: str) -> Any:
    raise ValueError(f"no {text} in a cursor")


def decode_cursor(cursor: str | None, arity: int) -> list[Any] | None:
    """The cursor's values: each a string (no NUL) or an integer PostgreSQL can hold (issue 12, finding 9:
    `[Infinity]` and `[1e30]` reached the statement and the driver), else BAD_USER_INPUT before any SQL."""
    if cursor is None:
        return None
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError("too long")
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(
            base64.urlsafe_b64decode(padded.encode()), parse_constant=_not_a_number, parse_float=_not_a_number
        )
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        value = None
    if not isinstance(value, list) or len(value) != arity or not all(map(_storable, value)):
        raise PublicError(BAD_CURSOR, "BAD_USER_INPUT")
    return value


def _storable(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" not in value
    return type(value) is int and -INT64_MAX - 1 <= value <= INT64_MAX


def decode_key(cursor: str | None, *kinds: type) -> tuple[Any, ...] | None:
    """The cursor's values converted to `kinds` (str, int, uuid.UUID, or datetime with a time zone), else
    BAD_USER_INPUT naming `after`, before any SQL."""
    values = decode_cursor(cursor, len(kinds))
    if values is None:
        return None
    try:
        return tuple(_typed(value, kind) for value, kind in zip(values, kinds, strict=True))
    except (TypeError, ValueError, OverflowError):
        raise PublicError(BAD_CURSOR, "BAD_USER_INPUT") from None


def _typed(value: Any, kind: type) -> Any:
    if kind is int:
        if type(value) is not int:
            raise TypeError("not an integer")
        return value
    if not isinstance(value, str):
        raise TypeError("not a string")
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is datetime:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("no time zone")
        parsed.astimezone(UTC)  # OverflowError at the ends of the calendar, which the driver would meet
        return parsed
    if kind is str:
        return value
    raise TypeError(f"no cursor values of {kind}")


def connection(edges: list[Edge[T]], *, has_next: bool, has_previous: bool, total: int) -> Connection[T]:
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


def empty_connection() -> Connection[Any]:
    return connection([], has_next=False, has_previous=False, total=0)


@dataclass(frozen=True, slots=True)
class Paging:
    """A list's `first` and `after`, checked before any SQL: at most `limit` items after `key` (None: the first
    page), and the page they make."""

    limit: int
    key: tuple[Any, ...] | None

    @classmethod
    def of(cls, first: int | None, after: str | None, *kinds: type) -> Paging:
        """`first` as a page size, then `after` as a key of `kinds` (see decode_key): BAD_USER_INPUT otherwise."""
        return cls(page_size(first), decode_key(after, *kinds))

    def connection(
        self,
        items: Iterable[R],
        *,
        key: Callable[[R], tuple[Any, ...]],
        node: Callable[[R], T],
        has_next: bool,
        total: int,
    ) -> Connection[T]:
        """The page of `items`, each with the cursor of its `key` (the values the list is sorted by)."""
        edges = [Edge(cursor=encode_cursor(*key(item)), node=node(item)) for item in items]
        return connection(edges, has_next=has_next, has_previous=self.key is not None, total=total)

    def nothing(self) -> Connection[Any]:
        """No items, as a filter naming nothing that exists finds (a page after `after` still says so)."""
        return connection([], has_next=False, has_previous=self.key is not None, total=0)
