"""The Node interface of every business object."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Callable
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types.base import get_object_definition

from iacs.graphql.ids import to_global_id

M = TypeVar("M")
T = TypeVar("T")


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id, stable over time; give it to `node(id:)` or to a mutation's input."
    )


@strawberry.input(description="One object by its global id (revokeApiToken, endDelegation, deleteWebhook).")
class NodeRefInput:
    id: strawberry.ID = strawberry.field(description="The object's global id, as its `id` field gives it.")


async def by_id(
    loader: DataLoader[uuid.UUID, M | None],
    pk: uuid.UUID | None,
    make: Callable[[M], T],
    visible: Callable[[M], Awaitable[bool]] | None = None,
) -> T | None:
    """`make` of the object of this id through the request's loader; None without an id, for an object that does
    not exist, or for one the `visible` policy hides."""
    if pk is None:
        return None
    found = await loader.load(pk)
    if found is None or (visible is not None and not await visible(found)):
        return None
    return make(found)


N = TypeVar("N", bound=Node)


class _Copy(NamedTuple):
    """How `node_of` makes objects of one Node type."""

    name: str  # the GraphQL type's
    names: tuple[str, ...]  # the fields copied from the source
    read: Callable[[Any], tuple[Any, ...]]  # one C call that reads them all
    # The names of the computed fields when they, the copies and the id are every field the dataclass's `__init__`
    # takes, it fills no other, and the class has no `__post_init__` and sets attributes plainly: its `__init__` would
    # only assign them, so an object given exactly these is filled without it. None otherwise.
    direct: frozenset[str] | None


_COPIES: dict[type[Any], _Copy] = {}


def node_of(cls: type[N], source: Any, /, **computed: Any) -> N:
    """The object of the Node type `cls` for `source` (a model, or a row of its columns named alike): its global id
    from `source.id`; each public field without a resolver (other than `computed`'s) from `source`'s attribute of
    the same name; the other fields (worked out from the source, private ones) as `computed` gives them, the same
    names on every call for a type. Every row of a list comes here, once per type: a few C calls, one frame. The
    type checker does not see the copies: tests/unit/test_node_copies.py checks each against the model and the row."""
    try:
        copy = _COPIES[cls]
    except KeyError:
        copy = _COPIES[cls] = _copy_plan(cls, computed)
    global_id = to_global_id(copy.name, source.id)  # strawberry.ID is only a name for str
    if copy.direct is not None and copy.direct == computed.keys():
        made: N = cls.__new__(cls)
        attributes = made.__dict__
        attributes.update(zip(copy.names, copy.read(source), strict=True))
        attributes["id"] = global_id
        attributes.update(computed)
        return made
    fields = dict(zip(copy.names, copy.read(source), strict=True))
    fields["id"] = global_id
    return cls(**fields, **computed)


def _copy_plan(cls: type[Any], computed: dict[str, Any]) -> _Copy:
    definition = get_object_definition(cls, strict=True)
    names = tuple(
        f.python_name
        for f in definition.fields
        if f.base_resolver is None and not f.python_name.startswith("_") and f.python_name not in {"id", *computed}
    )
    read = attrgetter(*names)
    fields = dataclasses.fields(cls)
    whole = (
        {f.name for f in fields if f.init} == {*names, "id", *computed}
        # a field `__init__` does not take but fills itself (a factory's value); resolvers' fields take nothing
        and not any(not f.init and f.default_factory is not dataclasses.MISSING for f in fields)
        and not hasattr(cls, "__post_init__")
        and getattr(cls, "__setattr__", None) is object.__setattr__
        and cls.__dictoffset__ != 0
    )
    return _Copy(
        definition.name,
        names,
        read if len(names) > 1 else lambda source: (read(source),),
        frozenset(computed) if whole else None,
    )
