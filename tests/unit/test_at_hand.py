"""graphql/access.py: `selects` (does the document ask for a field below this one?) and `at_hand` (a loaded object
answered at once, so that a planned completion can take it; otherwise the load, as `later`)."""

from __future__ import annotations

import inspect
from typing import Any, cast

import pytest
import strawberry
from strawberry.dataloader import DataLoader

from iacs.graphql.access import at_hand, selects
from iacs.graphql.info import Info

asked: list[bool] = []


@strawberry.type
class Leaf:
    name: str


@strawberry.type
class Inner:
    leaf: Leaf
    other: str


@strawberry.type
class Query:
    @strawberry.field
    def probe(self, info: strawberry.Info[Any, Any]) -> Inner:
        asked.append(selects(cast(Info, info), "leaf", "name"))
        return Inner(leaf=Leaf(name="x"), other="y")


SCHEMA = strawberry.Schema(query=Query)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("{ probe { leaf { name } } }", True),
        ("{ alias: probe { leaf { named: name } } }", True),
        ("{ probe { ...F } } fragment F on Inner { leaf { name } }", True),
        ("{ probe { ... on Inner { leaf { ... on Leaf { name } } } } }", True),
        ("{ probe { other } }", False),
        ("{ probe { leaf { __typename } } }", False),
        ("{ probe { other ...F } } fragment F on Inner { other }", False),
    ],
)
async def test_selects_follows_fields_fragments_and_aliases(document: str, expected: bool) -> None:
    asked.clear()
    result = await SCHEMA.execute(document)
    assert result.errors is None
    assert asked == [expected]


async def test_at_hand_answers_at_once_what_the_loader_holds_and_later_what_it_does_not() -> None:
    batches: list[list[int]] = []

    async def load(keys: list[int]) -> list[int]:
        batches.append(keys)
        return [k * 10 for k in keys]

    loader: DataLoader[int, int] = DataLoader(load_fn=load)

    # not loaded yet: the load itself, made into the answer once awaited
    pending = at_hand(loader, 1, lambda value: f"value {value}")
    assert inspect.isawaitable(pending)
    assert await cast(Any, pending) == "value 10"
    # loaded (by that load, or by a batch beforehand): at once
    await loader.load_many([2, 3])
    assert at_hand(loader, 2, lambda value: f"value {value}") == "value 20"
    assert at_hand(loader, 1, lambda value: f"value {value}") == "value 10"
    assert batches == [[1], [2, 3]]
