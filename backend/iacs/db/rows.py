"""Plain rows for hot read paths: a model's columns as a named Bundle, so that one joined statement gives
each related object as its own row with the model's attribute names, and no ORM object is built.

A list of 50 requests with their requester, organization and group costs 200 ORM objects (identity map,
instance state, attribute events) when loaded as entities; as rows it costs 50 tuples (docs/performance.md).
The GraphQL types accept either, by the same attribute names.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Bundle


def bundle(name: str, entity: Any, *leave_out: str) -> Bundle[Any]:
    """The columns of a mapped class (or an `aliased` one) as one named sub-row; `leave_out` skips columns
    that no reader needs and that cost to decode or must never travel (a password hash)."""
    mapper = sa_inspect(entity).mapper
    return Bundle(name, *(getattr(entity, attr.key) for attr in mapper.column_attrs if attr.key not in leave_out))


def present(row: Row[Any]) -> Row[Any] | None:
    """An outer-joined sub-row, or None when the join found nothing (every column, the key too, is NULL)."""
    return row if row.id is not None else None


# Columns that the GraphQL types never read from a list's rows (and, for users, must never travel): leaving
# them out of the joined statements halves the values asyncpg decodes for a queue page.
USER_UNREAD = ("password_hash", "phone", "terms_accepted_at", "is_demo", "created_at")
ORGANIZATION_UNREAD = ("ptan", "address_line1", "address_line2", "zip", "is_demo", "created_at", "decided_at")
