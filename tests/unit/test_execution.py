"""Planned completion (iacs.graphql.execution) answers exactly what graphql-core answers, errors included.

A toy schema is run twice per document: with Strawberry's own execution context and with ours; the results
(data and errors, as JSON) must be identical, and the planner must have planned what it should.
"""

from __future__ import annotations

import asyncio
import enum
from typing import Any, cast

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import Info

from iacs.graphql.execution import PlannedExecutionContext, Planner


@strawberry.enum
class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"
    CRIMSON = "red"  # an alias: the same member as RED
    GREEN = strawberry.enum_value("green", name="VERDANT")  # a GraphQL name other than the Python one


class Tone(enum.StrEnum):
    """Not a GraphQL enum: its members are strs, answered in a String field."""

    LOUD = "loud"


@strawberry.type
class Tag:
    label: str
    weight: int | None


@strawberry.type
class Item:
    name: str
    count: int
    note: str | None
    tags: list[Tag]
    color: Color = Color.RED
    shade: Color | None = None
    code: strawberry.ID = strawberry.ID("c-1")
    active: bool = True
    _tag: strawberry.Private[Tag | None] = None

    @strawberry.field
    def first_tag(self) -> Tag | None:
        return self.tags[0] if self.tags else None

    @strawberry.field
    def joined(self, info: Info[Any, Any]) -> Tag:
        if self._tag is not None:
            return self._tag
        return cast(Tag, self._load())  # not at hand: an awaitable, as `later` returns

    async def _load(self) -> Tag:
        await asyncio.sleep(0)
        return Tag(label="loaded", weight=None)

    @strawberry.field
    def shout(self, loud: bool = False) -> str:
        return self.name.upper() if loud else self.name

    @strawberry.field
    def broken(self) -> str:
        return cast(str, None)  # a null in a non-null field

    @strawberry.field
    def context_name(self, info: Info[Any, Any]) -> str:
        return str(info.context["who"])


def _items() -> list[Item]:
    return [
        Item(name="a", count=1, note=None, tags=[Tag(label="x", weight=1)], _tag=Tag(label="at hand", weight=2)),
        Item(name="b", count=2, note="n", tags=[], color=Color.BLUE, shade=Color.CRIMSON, active=False, _tag=None),
    ]


def _odd_items() -> list[Item]:
    """Values of other types than the fields': the coercions decide (a value, not a member; a number for an ID)."""
    return [
        Item(
            name="c",
            count=3,
            note=None,
            tags=[],
            shade=cast(Color, "blue"),
            code=cast(strawberry.ID, 7),
            active=cast(bool, 1),
        ),
        Item(name=Tone.LOUD, count=4, note=None, tags=[], color=Color.GREEN),
        Item(name=cast(str, None), count=5, note=None, tags=[]),  # a null in a non-null field read from an attribute
    ]


@strawberry.type
class Query:
    @strawberry.field
    async def items(self) -> list[Item]:
        return _items()

    @strawberry.field
    async def odd_items(self) -> list[Item]:
        return _odd_items()


def _schema(planned: bool) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        execution_context_class=PlannedExecutionContext if planned else StrawberryGraphQLCoreExecutionContext,
    )


PLAIN = "{ items { name count note tags { label weight } firstTag { label } joined { label weight } contextName } }"
CASES = [
    PLAIN,
    "{ items { __typename name tags { __typename label } } }",
    "{ items { name broken } }",
    "{ items { name shout(loud: true) tags { label } } }",
    "query ($with: Boolean!) { items { name note @include(if: $with) } }",
    "{ items { ...Parts } } fragment Parts on Item { name count }",
    "{ items { name color shade code active } }",
    "{ oddItems { shade code } }",
    "{ oddItems { active color } }",
    "{ oddItems { name } }",
]


async def _both(query: str, variables: dict[str, Any] | None = None) -> tuple[Any, Any]:
    answers = []
    for planned in (False, True):
        result = await _schema(planned).execute(query, variable_values=variables, context_value={"who": "me"})
        answers.append(
            {
                "data": result.data,
                "errors": [(e.message, e.path) for e in result.errors or []],
            }
        )
    return answers[0], answers[1]


@pytest.mark.parametrize("query", CASES)
async def test_planned_answers_equal_graphql_core(query: str) -> None:
    expected, planned = await _both(query, {"with": True})
    assert planned == expected


async def test_the_plain_document_is_answered_with_exact_values() -> None:
    _, planned = await _both(PLAIN)
    assert planned == {
        "data": {
            "items": [
                {
                    "name": "a",
                    "count": 1,
                    "note": None,
                    "tags": [{"label": "x", "weight": 1}],
                    "firstTag": {"label": "x"},
                    "joined": {"label": "at hand", "weight": 2},
                    "contextName": "me",
                },
                {
                    "name": "b",
                    "count": 2,
                    "note": "n",
                    "tags": [],
                    "firstTag": None,
                    "joined": {"label": "loaded", "weight": None},
                    "contextName": "me",
                },
            ]
        },
        "errors": [],
    }


async def test_leaves_are_answered_with_exact_values() -> None:
    # enum members by their GraphQL names (an alias by its first, a renamed member by its new one), a value that
    # is no member by the member of that value, a number for an ID as text, 1 for a Boolean as true
    expected, planned = await _both("{ items { color shade code active } oddItems { shade code active color } }")
    assert planned == expected
    assert planned == {
        "data": {
            "items": [
                {"color": "RED", "shade": None, "code": "c-1", "active": True},
                {"color": "BLUE", "shade": "RED", "code": "c-1", "active": False},
            ],
            "oddItems": [
                {"shade": "BLUE", "code": "7", "active": True, "color": "RED"},
                {"shade": None, "code": "c-1", "active": True, "color": "VERDANT"},
                {"shade": None, "code": "c-1", "active": True, "color": "RED"},
            ],
        },
        "errors": [],
    }
    # a null read from an attribute of a non-null field: graphql-core's error, at its path
    expected, planned = await _both("{ oddItems { name } }")
    assert planned == expected
    assert planned == {
        "data": None,
        "errors": [("Cannot return null for non-nullable field Item.name.", ["oddItems", 2, "name"])],
    }


async def test_a_non_null_violation_reads_as_graphql_core_reports_it() -> None:
    expected, planned = await _both("{ items { name broken } }")
    assert planned == expected
    assert planned["data"] is None
    assert planned["errors"] == [("Cannot return null for non-nullable field Item.broken.", ["items", 0, "broken"])]


async def test_an_include_directive_follows_its_variable_on_every_request() -> None:
    query = "query ($with: Boolean!) { items { name note @include(if: $with) } }"
    schema = _schema(True)
    shown = await schema.execute(query, variable_values={"with": True}, context_value={"who": "me"})
    hidden = await schema.execute(query, variable_values={"with": False}, context_value={"who": "me"})
    assert shown.data == {"items": [{"name": "a", "note": None}, {"name": "b", "note": "n"}]}
    assert hidden.data == {"items": [{"name": "a"}, {"name": "b"}]}


async def test_the_planner_plans_plain_selections_and_leaves_the_rest() -> None:
    schema = _schema(True)
    planner = Planner(schema._schema)
    captured: dict[str, Any] = {}

    class Capture(PlannedExecutionContext):
        def complete_object_value(self, return_type: Any, field_details_list: Any, *args: Any) -> Any:
            if return_type.name == "Item":
                captured.setdefault(self.operation.name.value if self.operation.name else "", []).append(
                    planner.plan(self, return_type, field_details_list) is not None
                )
            return super().complete_object_value(return_type, field_details_list, *args)

    schema.execution_context_class = Capture
    for query in (
        "query plain { items { name tags { label } joined { label } } }",
        "query arguments { items { shout(loud: true) } }",
        "query directive($with: Boolean!) { items { name @include(if: $with) } }",
        "query fragment { items { ...Parts } } fragment Parts on Item { name }",
    ):
        result = await schema.execute(query, variable_values={"with": True}, context_value={"who": "me"})
        assert result.errors is None
    assert captured == {
        "plain": [True, True],
        "arguments": [False, False],
        "directive": [False, False],
        "fragment": [False, False],
    }


def test_the_planner_runs_only_with_the_versions_it_was_tested_with(caplog: pytest.LogCaptureFixture) -> None:
    """Issue 16: it reads graphql-core's and Strawberry's inner workings; another version gets their own path."""
    from iacs.graphql.execution import TESTED_WITH, execution_context_class, installed_versions

    assert installed_versions() == TESTED_WITH  # pyproject.toml pins exactly these
    assert execution_context_class() is PlannedExecutionContext
    newer = {**TESTED_WITH, "graphql-core": "3.4.0"}
    with caplog.at_level("WARNING", logger="iacs.graphql.execution"):
        assert execution_context_class(newer) is StrawberryGraphQLCoreExecutionContext
    assert [r.getMessage() for r in caplog.records] == [
        f"planned completion is off: tested with {TESTED_WITH}, installed {newer}; "
        "every field takes graphql-core's path"
    ]
