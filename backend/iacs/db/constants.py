"""Statements built once, with the code's own constants written into their SQL instead of sent as parameters.

SQLAlchemy sends every value a statement compares with as a parameter, the code's constants too (`status ==
RoleStatus.ACTIVE` becomes `status = $2`). PostgreSQL keeps a prepared statement's plan ("generic") only when it
expects that plan to cost no more than one planned for the values at hand ("custom"), and a generic plan cannot see
what a parameter holds: for `role = $6 AND status = $2` it must allow for any role and any status. So for a
statement whose constants are parameters, PostgreSQL may plan again on every execution, and planning can cost more
than running: the roles that decide a person's approval queue took 0.75-1.08 ms an execution that way, 0.11-0.13 ms
with its constants written into the SQL and its plan kept (docs/performance.md, "Plans kept").

`constants_written` copies a statement with each value the code wrote into it (an enum member, a string of plain
text, an integer, or a list of them for `IN`: the parameters SQLAlchemy made for them, which have no name) rendered as
a typed SQL literal by the column type's own rendering. Named parameters (`bindparam("user_id")`: the person, the time,
whatever a request gives) stay parameters, and so do values of other kinds (floats, bytes). It is applied once, at
import, to statements built from the code alone: nothing a client sends is ever written into SQL, and a string that is
not plain text (a quote, a backslash, a `%`) is refused rather than escaped.
"""

from __future__ import annotations

import enum
import re
import typing
from typing import Any, TypeVar

from sqlalchemy import Enum, String, cast, literal_column
from sqlalchemy.dialects.postgresql import asyncpg
from sqlalchemy.sql.elements import BindParameter, ClauseElement, ClauseList, ColumnElement, Grouping
from sqlalchemy.sql.visitors import replacement_traverse
from sqlalchemy.types import TypeEngine

S = TypeVar("S", bound=ClauseElement)

_DIALECT = asyncpg.dialect()  # type: ignore[no-untyped-call]  # the app's: it doubles no `%` (its parameters are $n)
# Enum labels and codes: no quote, backslash, `%` or anything else a literal would need escaped for
_PLAIN_TEXT = re.compile(r"[A-Za-z0-9_.:\- ]*")


def _is_constant(value: Any) -> bool:
    return isinstance(value, enum.Enum | str | int)  # bool is an int; floats and the rest stay parameters


def _sql_type(kind: TypeEngine[Any]) -> TypeEngine[Any]:
    # VARCHAR without its length: PostgreSQL cuts a text cast to VARCHAR(n) where the parameter compared whole
    return String() if isinstance(kind, String) and not isinstance(kind, Enum) else kind


def _literal(parameter: BindParameter[Any], value: Any) -> ColumnElement[Any]:
    text = value.value if isinstance(value, enum.Enum) else value
    if isinstance(text, str) and not _PLAIN_TEXT.fullmatch(text):
        raise ValueError(f"{text!r} is not plain text: pass it as a named parameter (`bindparam`), not as SQL")
    render = parameter.type.dialect_impl(_DIALECT).literal_processor(_DIALECT)
    if render is None:
        raise TypeError(f"no SQL literal for the type {parameter.type!r} of {parameter.key}")
    # typed as the parameter was (`$2::role_status`), so that PostgreSQL reads it alike wherever it stands
    return cast(literal_column(render(value)), _sql_type(parameter.type))


def constants_written(statement: S) -> S:
    """A copy of `statement` with each value the code wrote into it as SQL (see the module). Apply it once, at import,
    to a statement built from the code alone: never to one built per request (each would be a new statement to
    compile and prepare), nor with a value a client gave (only plain text is written, anything else refused; a client's
    value belongs in a named parameter)."""

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
