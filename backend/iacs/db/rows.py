"""Plain rows for hot read paths: one joined statement of Core columns, split into one named tuple per
related object, with the model's attribute names, and no ORM object built.

A list of 50 requests with their requester, organization and group costs 200 ORM objects (identity map,
instance state, attribute events) when loaded as entities; as ORM Bundles it still runs the ORM's loading
machinery for every row; as Core columns split into named tuples it costs one tuple per object (the roles
of "my roles": 0.78 -> 0.44 ms per execution, docs/performance.md). The GraphQL types accept a model or
such a tuple, by the same attribute names.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, FromClause, Row

# A row of one model's columns, named like the model's attributes (a named tuple made by `Shape`).
Columns: TypeAlias = Any

# A person's columns that a list's rows carry: an allow-list, so that a column added to `users` later (a secret,
# a phone, a pending address) never travels in a joined statement unless it is named here. These are exactly
# what the GraphQL `User` reads from a row (graphql/accounts/types.py, `User.from_model`).
USER_READ = ("id", "user_id", "email", "name", "community", "status", "email_verified_at")
# Columns that the GraphQL types never read from a list's rows: leaving them out of the joined statements
# halves the values asyncpg decodes for a queue page.
ORGANIZATION_UNREAD = ("ptan", "address_line1", "address_line2", "zip", "is_demo", "created_at", "decided_at")


class Shape:
    """The columns of one table (or alias) in a joined statement, and how to cut them out of a row."""

    def __init__(self, name: str, table: FromClause, *leave_out: str, only: Sequence[str] | None = None) -> None:
        if only is not None:
            unknown = set(only) - {c.key for c in table.c}
            if unknown:
                raise ValueError(f"{name}: no such columns {sorted(unknown)}")
        chosen = (c.key for c in table.c if c.key not in leave_out and (only is None or c.key in only))
        keys = sorted(chosen, key=lambda key: key != "id")  # id first
        self.name = name
        self.columns: list[ColumnElement[Any]] = [table.c[key].label(f"{name}__{key}") for key in keys]
        self.make: Any = namedtuple(f"{name}_columns", keys)._make  # type: ignore[attr-defined]  # made at run time
        self.start: int | None = None  # set by `layout`


def layout(*shapes: Shape) -> list[ColumnElement[Any]]:
    """The select list of a statement reading these shapes, in order (each shape learns where it starts)."""
    columns: list[ColumnElement[Any]] = []
    for shape in shapes:
        if shape.start not in (None, len(columns)):
            raise ValueError(f"{shape.name} is laid out at two places: give each statement its own shapes")
        shape.start = len(columns)
        columns.extend(shape.columns)
    return columns


def cut(row: Row[Any] | Sequence[Any], shape: Shape) -> Columns | None:
    """One shape's named tuple out of a row; None when an outer join found nothing (the key is NULL)."""
    assert shape.start is not None, "lay the shape out first"
    values = row[shape.start : shape.start + len(shape.columns)]
    return None if values[0] is None else shape.make(values)


def cut_present(row: Row[Any] | Sequence[Any], shape: Shape) -> Columns:
    """A shape that an inner join (or the statement's own table) always fills."""
    found = cut(row, shape)
    assert found is not None
    return found
