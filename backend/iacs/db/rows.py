"""Plain rows for hot read paths: one joined statement of Core columns, split into one named tuple per
related object, with the model's attribute names, and no ORM object built.

A list of 50 requests with their requester, organization and group costs 200 ORM objects (identity map,
instance state, attribute events) when loaded as entities; as ORM Bundles it still runs the ORM's loading
machinery for every row; as Core columns split into named tuples it costs one tuple per object (the roles
of "my roles": 0.78 -> 0.44 ms per execution, docs/performance.md). The GraphQL types accept a model or
such a tuple, by the same attribute names.

Each shape is typed with the row it yields (`Shape[RequestColumns]`): a Protocol naming the columns it carries, with
the models' types, so that reading a column a statement does not carry is a type error. The Protocols are for the
type checker only: the rows stay the named tuples `Shape` makes (tests/unit/test_rows.py checks that each shape
carries what its Protocol names, with the model's types).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, FromClause, Row

if TYPE_CHECKING:
    import uuid
    from datetime import datetime

    from iacs.domain.enums import (
        AccountStatus,
        Community,
        OrganizationKind,
        OrganizationStatus,
        ProviderType,
        RequestKind,
        RequestStatus,
        Role,
        RoleStatus,
        UserGroupKind,
    )

# The row a shape yields: one of the Protocols below.
R = TypeVar("R")

# A person's columns that a list's rows carry: an allow-list, so that a column added to `users` later (a secret,
# a phone, a pending address) never travels in a joined statement unless it is named here. These are exactly
# what the GraphQL `User` reads from a row (graphql/accounts/types.py, `User.from_model`).
USER_READ = ("id", "user_id", "email", "name", "community", "status", "email_verified_at")
# Columns that the GraphQL types never read from a list's rows: leaving them out of the joined statements
# halves the values asyncpg decodes for a queue page.
ORGANIZATION_UNREAD = ("ptan", "address_line1", "address_line2", "zip", "is_demo", "created_at", "decided_at")


class UserColumns(Protocol):
    """A person in a list's rows: the columns of `USER_READ` only."""

    id: uuid.UUID
    user_id: str
    email: str
    name: str
    community: Community
    status: AccountStatus
    email_verified_at: datetime | None


class OrganizationColumns(Protocol):
    """An organization in a list's rows: its columns but `ORGANIZATION_UNREAD`."""

    id: uuid.UUID
    legal_business_name: str
    kind: OrganizationKind
    provider_type: ProviderType
    community: Community
    npi: str
    tin: str | None
    city: str
    state: str
    status: OrganizationStatus


class UserGroupColumns(Protocol):
    """A user group in a list's rows: all its columns."""

    id: uuid.UUID
    organization_id: uuid.UUID
    kind: UserGroupKind
    company_id: uuid.UUID | None
    name: str
    description: str | None
    created_at: datetime


class RequestColumns(Protocol):
    """A request in a list's rows: its columns but `details`."""

    id: uuid.UUID
    tracking_number: str
    kind: RequestKind
    status: RequestStatus
    requester_id: uuid.UUID
    organization_id: uuid.UUID | None
    user_group_id: uuid.UUID | None
    company_id: uuid.UUID | None
    application_id: uuid.UUID | None
    approver_relation: str
    proposed_name: str | None
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None
    reminded_at: datetime | None
    decided_by_id: uuid.UUID | None
    on_behalf_of_id: uuid.UUID | None
    reason: str | None
    justification: str | None
    requested_ends_at: datetime | None
    escalated_relations: list[str]
    escalated_at: datetime | None


class RoleColumns(Protocol):
    """A role assignment in a list's rows: all its columns."""

    id: uuid.UUID
    user_id: uuid.UUID
    role: Role
    status: RoleStatus
    organization_id: uuid.UUID | None
    user_group_id: uuid.UUID | None
    company_id: uuid.UUID | None
    application_id: uuid.UUID | None
    request_id: uuid.UUID | None
    granted_at: datetime
    granted_by_id: uuid.UUID | None
    certify_by: datetime | None
    certification_reminders: int
    suspended_at: datetime | None
    certified_at: datetime | None
    certified_by_id: uuid.UUID | None
    ended_at: datetime | None
    ended_by_id: uuid.UUID | None
    end_reason: str | None
    ends_at: datetime | None
    end_reminded_at: datetime | None


class CompanyColumns(Protocol):
    """A surrogate company in a list's rows: all its columns."""

    id: uuid.UUID
    name: str
    tin: str
    is_demo: bool
    created_at: datetime


class ApplicationColumns(Protocol):
    """A CMS application in a list's rows: all its columns."""

    id: uuid.UUID
    code: str
    name: str
    description: str | None
    open: bool
    closed_reason: str | None
    created_at: datetime


class Shape(Generic[R]):
    """The columns of one table (or alias) in a joined statement, and how to cut them out of a row of type `R`
    (declare it: `_REQUEST: Shape[RequestColumns] = Shape("request", ...)`)."""

    def __init__(self, name: str, table: FromClause, *leave_out: str, only: Sequence[str] | None = None) -> None:
        if only is not None:
            unknown = set(only) - {c.key for c in table.c}
            if unknown:
                raise ValueError(f"{name}: no such columns {sorted(unknown)}")
        chosen = (c.key for c in table.c if c.key not in leave_out and (only is None or c.key in only))
        keys = sorted(chosen, key=lambda key: key != "id")  # id first
        self.name = name
        self.columns: list[ColumnElement[Any]] = [table.c[key].label(f"{name}__{key}") for key in keys]
        self.make: Callable[[Iterable[Any]], R] = namedtuple(f"{name}_columns", keys)._make  # type: ignore[attr-defined]  # made at run time
        self.start: int | None = None  # set by `layout`


def layout(*shapes: Shape[Any]) -> list[ColumnElement[Any]]:
    """The select list of a statement reading these shapes, in order (each shape learns where it starts)."""
    columns: list[ColumnElement[Any]] = []
    for shape in shapes:
        if shape.start not in (None, len(columns)):
            raise ValueError(f"{shape.name} is laid out at two places: give each statement its own shapes")
        shape.start = len(columns)
        columns.extend(shape.columns)
    return columns


def cut(row: Row[Any] | Sequence[Any], shape: Shape[R]) -> R | None:
    """One shape's named tuple out of a row; None when an outer join found nothing (the key is NULL)."""
    assert shape.start is not None, "lay the shape out first"
    values = row[shape.start : shape.start + len(shape.columns)]
    return None if values[0] is None else shape.make(values)


def cut_present(row: Row[Any] | Sequence[Any], shape: Shape[R]) -> R:
    """A shape that an inner join (or the statement's own table) always fills."""
    found = cut(row, shape)
    assert found is not None
    return found
