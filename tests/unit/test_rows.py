"""The row types of db/rows.py tell the truth. They are Protocols for the type checker only (the rows are named
tuples that `Shape` makes), so nothing at run time checks them: here, every shape a statement lays out carries each
column its declared row type names, with the type of the model's attribute."""

from __future__ import annotations

import importlib
import typing
import uuid

from iacs.db import models, rows

# The modules whose statements cut rows with `Shape`.
MODULES = ("iacs.domain.requests.queries", "iacs.domain.roles.queries", "iacs.domain.surrogates.queries")
MODEL_OF: dict[type, type[models.Base]] = {
    rows.UserColumns: models.User,
    rows.OrganizationColumns: models.Organization,
    rows.UserGroupColumns: models.UserGroup,
    rows.RequestColumns: models.AccessRequest,
    rows.RoleColumns: models.RoleAssignment,
    rows.CompanyColumns: models.SurrogateCompany,
    rows.ApplicationColumns: models.Application,
}


def _shapes() -> dict[str, tuple[rows.Shape[typing.Any], type]]:
    """Each module-level shape with the row type its annotation declares (`_REQUEST: Shape[RequestColumns]`)."""
    found: dict[str, tuple[rows.Shape[typing.Any], type]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, rows.Shape):
                declared = eval(module.__annotations__[attribute], vars(module))  # noqa: S307  # our own source
                (row_type,) = typing.get_args(declared)
                found[f"{name}.{attribute}"] = (value, row_type)
    return found


def _annotations(cls: type) -> dict[str, str]:
    merged: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        merged.update(vars(klass).get("__annotations__", {}))
    return merged


def _problems(shape: rows.Shape[typing.Any], row_type: type, model_type: type) -> list[str]:
    carried = {column.name.split("__", 1)[1] for column in shape.columns}
    model = _annotations(model_type)
    problems = []
    for key, annotation in vars(row_type)["__annotations__"].items():
        if key not in carried:
            problems.append(f"{key}: not in the statement")
        elif model.get(key) != f"Mapped[{annotation}]":
            problems.append(f"{key}: {annotation}, the model says {model.get(key)}")
    return problems


def test_every_shape_carries_the_columns_its_row_type_names_with_the_models_types() -> None:
    wrong = {
        place: problems
        for place, (shape, row_type) in _shapes().items()
        if (problems := _problems(shape, row_type, MODEL_OF[row_type]))
    }
    assert wrong == {}


def test_the_check_sees_every_shape_and_every_row_type() -> None:
    # A check that reads nothing cannot fail: 4 shapes for the queue, 6 for roles, 3 for surrogate associations.
    shapes = _shapes()
    assert len(shapes) == 13
    assert {row_type for _, row_type in shapes.values()} == set(MODEL_OF)


class _Promising(typing.Protocol):
    id: uuid.UUID
    password_hash: str
    email: int


def test_the_check_finds_a_column_the_statement_leaves_out_and_a_wrong_type() -> None:
    # The person of a queue row carries USER_READ only: no password hash, and the address is text.
    requester, row_type = _shapes()["iacs.domain.requests.queries._REQUESTER"]
    assert row_type is rows.UserColumns
    assert _problems(requester, _Promising, models.User) == [
        "password_hash: not in the statement",
        "email: int, the model says Mapped[str]",
    ]
