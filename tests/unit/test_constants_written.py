"""`constants_written` writes the code's constants into a statement's SQL and leaves every value a request gives a
parameter (db/constants.py). Compiled for asyncpg, as the app runs them; tests/db/test_plans_kept.py runs such
statements on PostgreSQL."""

from __future__ import annotations

import enum
import typing

import pytest
from sqlalchemy import Column, Float, Integer, LargeBinary, MetaData, String, Table, Uuid, bindparam, select
from sqlalchemy.dialects.postgresql import asyncpg
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.types import UserDefinedType

from iacs.db.base import pg_enum
from iacs.db.constants import constants_written


class Opaque(UserDefinedType[str]):
    """A type SQLAlchemy knows no literal of."""

    cache_ok = True

    def get_col_spec(self, **_: object) -> str:
        return "opaque"


class Colour(enum.StrEnum):
    RED = "RED"
    GREEN = "GREEN"


THINGS = Table(
    "things",
    MetaData(),
    Column("id", Uuid),
    Column("name", String),
    Column("code", String(5)),
    Column("colour", pg_enum(Colour, "colour")),
    Column("size", Float),
    Column("count", Integer),
    Column("blob", LargeBinary),
    Column("opaque", Opaque()),
)
T = THINGS.c


def _sql(statement: ClauseElement) -> tuple[str, list[str]]:
    compiled = typing.cast("SQLCompiler", statement.compile(dialect=asyncpg.dialect()))  # type: ignore[no-untyped-call]
    return compiled.string, list(compiled.positiontup or ())


def test_an_enum_member_a_string_and_an_integer_become_typed_literals() -> None:
    statement = select(T.id).where(T.colour == Colour.RED, T.name == "plain", T.count > 3)
    sql, parameters = _sql(constants_written(statement))
    assert parameters == []
    assert "things.colour = CAST('RED' AS colour)" in sql
    assert "things.name = CAST('plain' AS VARCHAR)" in sql
    assert "things.count > CAST(3 AS INTEGER)" in sql


def test_the_values_a_request_gives_stay_parameters() -> None:
    statement = select(T.id).where(
        T.id == bindparam("id"),
        T.colour == Colour.GREEN,
        T.name.in_(bindparam("names", expanding=True)),
    )
    sql, parameters = _sql(constants_written(statement))
    assert parameters == ["id", "names"]
    assert "things.id = $1::UUID" in sql
    assert "CAST('GREEN' AS colour)" in sql
    assert "__[POSTCOMPILE_names]" in sql  # expanded at execution, with the request's list


def test_a_named_parameter_stays_one_even_with_a_default_value() -> None:
    sql, parameters = _sql(constants_written(select(T.id).where(T.count == bindparam("count", value=3))))
    assert parameters == ["count"]
    assert "things.count = $1::INTEGER" in sql


def test_a_list_of_constants_for_in_is_written_too() -> None:
    sql, parameters = _sql(constants_written(select(T.id).where(T.colour.in_([Colour.RED, Colour.GREEN]))))
    assert parameters == []
    assert "things.colour IN (CAST('RED' AS colour), CAST('GREEN' AS colour))" in sql


@pytest.mark.parametrize("text", ["O'Brien", "back\\slash", "50%", "new\nline", "__[POSTCOMPILE_x]"])
def test_a_string_that_is_not_plain_text_is_refused(text: str) -> None:
    # a quote, a backslash, a `%`, a control character, SQLAlchemy's own markers: a named parameter's business
    with pytest.raises(ValueError, match="not plain text"):
        constants_written(select(T.id).where(T.name == text))
    with pytest.raises(ValueError, match="not plain text"):
        constants_written(select(T.id).where(T.name.in_(["plain", text])))


def test_a_string_is_cast_to_varchar_without_its_length() -> None:
    # PostgreSQL cuts a text cast to VARCHAR(n): the literal would compare its first n characters only
    sql, _ = _sql(constants_written(select(T.id).where(T.code == "LONGER-THAN-FIVE")))
    assert "things.code = CAST('LONGER-THAN-FIVE' AS VARCHAR)" in sql


def test_a_float_and_bytes_stay_parameters() -> None:
    sql, parameters = _sql(constants_written(select(T.id).where(T.size == 1.5, T.blob == b"\x00")))
    assert len(parameters) == 2
    assert "things.size = $1::FLOAT" in sql
    assert "things.blob = $2" in sql


def test_a_constant_of_a_type_without_a_literal_refuses() -> None:
    with pytest.raises(TypeError, match="no SQL literal"):
        constants_written(select(T.id).where(T.opaque == "x"))


def test_the_statement_given_is_left_as_it_was() -> None:
    statement = select(T.id).where(T.colour == Colour.RED)
    before = _sql(statement)
    constants_written(statement)
    assert _sql(statement) == before
    assert before[1] == ["colour_1"]
