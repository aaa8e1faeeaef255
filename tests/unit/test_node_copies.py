"""`node_of` (graphql/node.py) copies a Node type's plain fields from a model, or a row of its columns, by name: the
type checker no longer sees those assignments, so here every field it copies is checked against the model's
attribute and the row type's column of the same name, which must exist and have the field's type."""

from __future__ import annotations

import dataclasses
import typing
import uuid
from types import SimpleNamespace
from unittest import mock

import pytest
import strawberry

from iacs.db import models, rows
from iacs.graphql import node
from iacs.graphql.accounts.types import User
from iacs.graphql.applications.types import Application
from iacs.graphql.delegations import Delegation
from iacs.graphql.groups.types import UserGroup
from iacs.graphql.ids import to_global_id
from iacs.graphql.organizations.types import Organization
from iacs.graphql.requests.types import AccessRequest
from iacs.graphql.roles.types import RoleAssignment
from iacs.graphql.surrogates.types import SurrogateCompany
from iacs.graphql.tokens import ApiToken
from iacs.graphql.webhooks import Webhook, WebhookDelivery

# Each Node type made by `node_of`, the model it is made from, and the row type of the lists that read rows.
SOURCES: dict[type[node.Node], tuple[type[models.Base], type | None]] = {
    User: (models.User, rows.UserColumns),
    Organization: (models.Organization, rows.OrganizationColumns),
    UserGroup: (models.UserGroup, rows.UserGroupColumns),
    AccessRequest: (models.AccessRequest, rows.RequestColumns),
    RoleAssignment: (models.RoleAssignment, rows.RoleColumns),
    SurrogateCompany: (models.SurrogateCompany, rows.CompanyColumns),
    Application: (models.Application, rows.ApplicationColumns),
    ApiToken: (models.ApiToken, None),
    Delegation: (models.Delegation, None),
    Webhook: (models.Webhook, None),
    WebhookDelivery: (models.WebhookDelivery, None),
}


def _annotations(cls: type) -> dict[str, str]:
    merged: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        merged.update(vars(klass).get("__annotations__", {}))
    return merged


def _copied(cls: type[node.Node], model: type[models.Base]) -> tuple[str, ...]:
    """The fields `node_of` copies for `cls`: its `from_model` run once on a stand-in that has only the model's
    attributes (any other raises AttributeError), with the few values the computed fields need."""
    source = mock.MagicMock(spec=model)
    source.configure_mock(tin="123456789", open=True, events=[], event_type="ROLE_GRANTED", attempts=0)
    if cls is WebhookDelivery:
        WebhookDelivery.from_model(source, [])
    else:
        cls.from_model(source)  # type: ignore[attr-defined]
    return node._COPIES[cls][1]


def _problems(cls: type[node.Node], model: type[models.Base], row_type: type | None) -> list[str]:
    fields, columns = _annotations(cls), _annotations(model)
    carried = {} if row_type is None else _annotations(row_type)
    problems = []
    for name in _copied(cls, model):
        if columns.get(name) != f"Mapped[{fields[name]}]":
            problems.append(f"{name}: {fields[name]}, the model says {columns.get(name)}")
        if row_type is not None and carried.get(name) != fields[name]:
            problems.append(f"{name}: {fields[name]}, the row says {carried.get(name)}")
    return problems


def test_every_copied_field_is_the_models_and_the_rows_attribute_of_the_same_type() -> None:
    wrong = {cls.__name__: p for cls, (model, row_type) in SOURCES.items() if (p := _problems(cls, model, row_type))}
    assert wrong == {}


def test_the_check_sees_every_node_type_made_by_node_of() -> None:
    # A check that reads nothing cannot fail: each type copies at least one field, and every type made is listed.
    for cls, (model, _) in SOURCES.items():
        assert _copied(cls, model), cls
    assert set(node._COPIES) == set(SOURCES)
    assert {"role", "status", "granted_at", "ends_at"} <= set(_copied(RoleAssignment, models.RoleAssignment))


def test_the_check_finds_a_wrong_type_and_a_missing_column() -> None:
    class Narrow(typing.Protocol):  # a row type that says `npi` is an int and carries no `city`
        legal_business_name: str
        npi: int

    problems = _problems(Organization, models.Organization, Narrow)
    assert "npi: str, the row says int" in problems
    assert "city: str, the row says None" in problems


def test_objects_filled_without_their_init_are_what_their_init_makes() -> None:
    # `node_of` fills an object's attributes itself when its dataclass `__init__` would only assign them: every
    # field the `__init__` takes must then be set, to the value the `__init__` would give it.
    for cls, (model, _) in SOURCES.items():
        _copied(cls, model)
        assert node._COPIES[cls].direct is not None, cls  # every Node type made here takes the short way
        source = mock.MagicMock(spec=model)
        source.configure_mock(tin="123456789", open=True, events=[], event_type="ROLE_GRANTED", attempts=0)
        if cls is WebhookDelivery:
            made: node.Node = WebhookDelivery.from_model(source, [])
        else:
            made = cls.from_model(source)  # type: ignore[attr-defined]
        taken = {f.name: getattr(made, f.name) for f in dataclasses.fields(cls) if f.init}
        assert vars(made) == vars(cls(**taken)), cls


def test_a_type_with_fields_its_caller_leaves_to_their_defaults_goes_through_its_init() -> None:
    @strawberry.type
    class Defaulted(node.Node):
        name: str
        _extra: strawberry.Private[int] = 7

    source = SimpleNamespace(id=uuid.uuid4(), name="n")
    try:
        made = node.node_of(Defaulted, source)  # `_extra` is left out: the short way would not set it
        assert node._COPIES[Defaulted].direct is None
    finally:
        node._COPIES.pop(Defaulted, None)  # the other tests see only the app's types
    assert (made.name, made._extra, made.id) == ("n", 7, to_global_id("Defaulted", source.id))


def test_other_computed_names_than_the_first_calls_go_through_the_init() -> None:
    @strawberry.type
    class Computed(node.Node):
        name: str
        _extra: strawberry.Private[int]

    source = SimpleNamespace(id=uuid.uuid4(), name="n")
    try:
        made = node.node_of(Computed, source, _extra=1)
        assert node._COPIES[Computed].direct == frozenset({"_extra"})
        with pytest.raises(TypeError):  # as the dataclass's `__init__` refuses it: not an object missing `_extra`
            node.node_of(Computed, source, _other=1)
    finally:
        node._COPIES.pop(Computed, None)
    assert (made.name, made._extra) == ("n", 1)
