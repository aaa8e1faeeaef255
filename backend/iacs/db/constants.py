"""Statements built once, with the code's own constants written into their SQL instead of sent as parameters.

SQLAlchemy sends every value a statement compares with as a parameter, the code's constants too (`status ==
RoleStatus.ACTIVE` becomes `status = $2`). PostgreSQL keeps a prepared statement's plan ("generic") only when it
expects that plan to cost no more than one planned for the values at hand ("custom"), and a generic plan cannot see
what a parameter holds: for `role = $6 AND status = $2` it must allow for any role and any status. So for a
statement whose constants are parameters, PostgreSQL may plan again on every execution, and planning can cost more
than running: the roles that decide a person's approval queue took 0.75-1.1 ms a request that way, 0.08-0.16 ms with
its constants written into the SQL (the plan kept; docs/performance.md, "Plans kept").

`constants_written` copies a statement with each value the code wrote into it (an enum member, a string, an integer,
or a list of them for `IN`: the parameters SQLAlchemy made for them, which have no name) rendered as a typed SQL
literal by the column type's own rendering, quoted and escaped by SQLAlchemy. Named parameters (`bindparam("user_id")`:
the person, the time, whatever a request gives) stay parameters, and so do floats (their text is not exact). It is
applied once, at import, to statements built from the code alone: nothing a client sends is ever written into SQL.
"""

from __future__ import annotations

import enum
import typing
from typing import Any, TypeVar

from sqlalchemy import cast, literal_column
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import BindParameter, ClauseElement, ClauseList, ColumnElement, Grouping
from sqlalchemy.sql.visitors import replacement_traverse

S = TypeVar("S", bound=ClauseElement)

_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]  # the literal rendering of PostgreSQL (asyncpg's too)
_CONSTANT_KINDS = (enum.Enum, str, int)  # bool is an int; a float's text is not exact, it stays a parameter


def _is_constant(value: Any) -> bool:
    return isinstance(value, _CONSTANT_KINDS)


def _literal(parameter: BindParameter[Any], value: Any) -> ColumnElement[Any]:
    render = parameter.type.literal_processor(_DIALECT)
    if render is None:
        raise TypeError(f"no SQL literal for the type {parameter.type!r} of {parameter.key}")
    # The cast keeps the parameter's type: `role = ANY (ARRAY['A', 'B'])` would be text[] against an enum otherwise.
    return cast(literal_column(render(value)), parameter.type)


def constants_written(statement: S) -> S:
    """A copy of `statement` with each constant the code gave it written into its SQL (see the module)."""

    def replace(element: Any, **_: Any) -> ClauseElement | None:
        # Only the parameters SQLAlchemy made for a value written in the code (anonymous ones); a named parameter
        # (`bindparam("user_id")`) is given at execution, even when it has a default value.
        if not isinstance(element, BindParameter) or not element.unique or element.callable is not None:
            return None
        value = element.value
        if element.expanding:
            if not isinstance(value, list | tuple) or not value or not all(map(_is_constant, value)):
                return None
            return Grouping(ClauseList(*(_literal(element, v) for v in value)))
        if value is None or not _is_constant(value):
            return None
        return _literal(element, value)

    return typing.cast("S", replacement_traverse(statement, {}, replace))
