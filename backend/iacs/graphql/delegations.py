"""Delegation in GraphQL (R38): the Delegation type, User.delegations, createDelegation and endDelegation."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from iacs.domain.delegations import models
from iacs.domain.delegations import service as delegations
from iacs.domain.delegations.queries import delegation_by_id
from iacs.domain.errors import FieldError
from iacs.domain.requests import service as requests_service
from iacs.domain.roles.queries import role_by_id
from iacs.graphql.access import context_of
from iacs.graphql.context import Context
from iacs.graphql.errors import UserError, user_errors
from iacs.graphql.ids import from_global_id, uuid_of
from iacs.graphql.info import Info
from iacs.graphql.node import Node, NodeRefInput, node_of
from iacs.graphql.transactions import run_use_case

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.roles.types import RoleAssignment


@strawberry.type(
    description="R38: a person who holds an SO, BSO or UGA role lets a colleague (the delegate) decide that role's "
    "queue from startsAt to endsAt (at most 90 days), for example while out of office. Seen by the delegator, the "
    "delegate and the help desk."
)
class Delegation(Node):
    starts_at: datetime = strawberry.field(description="When the delegate starts deciding the queue.")
    ends_at: datetime = strawberry.field(description="When it ends by itself (at most 90 days after the start).")
    ended_at: datetime | None = strawberry.field(
        description="When the delegator (or the help desk) ended it before its end date; null otherwise."
    )
    _model: strawberry.Private[models.Delegation]

    @classmethod
    def from_model(cls, delegation: models.Delegation) -> Delegation:
        return node_of(cls, delegation, _model=delegation)

    @strawberry.field(description="Whether the delegate decides the queue right now (started, not ended).")
    def active(self, info: Info) -> bool:
        now = context_of(info).clock.now()
        d = self._model
        return d.ended_at is None and d.starts_at <= now < d.ends_at

    @strawberry.field(description="Who named the delegate (and holds the role).")
    async def delegator(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]:
        return await _person(info, self._model.delegator_id)

    @strawberry.field(description="Who decides the role's queue for the delegator while it runs.")
    async def delegate(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]:
        return await _person(info, self._model.delegate_id)

    @strawberry.field(description="The delegator's role whose queue is delegated.")
    async def role(self, info: Info) -> Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]:
        from iacs.graphql.roles.types import RoleAssignment

        context = context_of(info)
        role = await role_by_id(context.db, self._model.role_assignment_id)
        assert role is not None  # a foreign key
        return RoleAssignment.from_model(role)


async def _person(info: Info, pk: uuid.UUID) -> User:
    from iacs.graphql.accounts.types import User

    found = await context_of(info).loaders.user_by_id.load(pk)
    assert found is not None  # a foreign key
    return User.from_model(found)


@strawberry.input(description="R38: name a delegate for one of your SO, BSO or UGA roles, for a date range.")
class CreateDelegationInput:
    role_assignment_id: strawberry.ID = strawberry.field(
        description="Your role whose queue the delegate decides (RoleAssignment.id): SO, BSO or UGA, in force."
    )
    delegate_id: strawberry.ID = strawberry.field(
        description="The delegate (User.id): someone with a role in the same organization (for a UGA: in the same "
        "group or company), not yourself, and not someone the two-person rule keeps from your role."
    )
    starts_at: datetime = strawberry.field(
        description="When it starts, with a time zone: from now (an hour ago counts as now) to a year ahead."
    )
    ends_at: datetime = strawberry.field(description="When it ends, with a time zone: at most 90 days after the start.")


@strawberry.type(description="A delegation after a change, or why the change was refused.")
class DelegationPayload:
    delegation: Delegation | None = strawberry.field(description="The delegation; null when refused.")
    errors: list[UserError] = strawberry.field(description="Why it was refused; empty on success.")


def _payload(found: models.Delegation | None, errors: list[FieldError]) -> DelegationPayload:
    return DelegationPayload(
        delegation=Delegation.from_model(found) if found is not None else None,
        errors=user_errors(errors),
    )


@strawberry.type
class DelegationMutations:
    @strawberry.mutation(
        description="R38: let a colleague decide the queue of one of your SO, BSO or UGA roles for a date range (at "
        "most 90 days). They decide as themselves 'for' you; never their own request or one of yours. "
        "DELEGATION_NOT_ALLOWED (naming the field) when the role, the person or the dates break the rule."
    )
    async def create_delegation(
        self,
        info: Info,
        input: Annotated[CreateDelegationInput, strawberry.argument(description="The role, the delegate, the dates.")],
    ) -> DelegationPayload:
        async def action(uc: requests_service.UseCase) -> models.Delegation:
            return await delegations.create_delegation(
                uc,
                role_assignment_id=uuid_of(input.role_assignment_id, "RoleAssignment"),
                delegate_id=uuid_of(input.delegate_id, "User"),
                starts_at=input.starts_at,
                ends_at=input.ends_at,
            )

        return _payload(*await run_use_case(context_of(info), action))

    @strawberry.mutation(
        description="R38: end a delegation before its end date; the delegate stops deciding at once. The delegator "
        "or the help desk; NOT_FOUND for a delegation you may not see."
    )
    async def end_delegation(
        self,
        info: Info,
        input: Annotated[NodeRefInput, strawberry.argument(description="The delegation's id (Delegation.id).")],
    ) -> DelegationPayload:
        decoded = from_global_id(input.id, "Delegation")

        async def action(uc: requests_service.UseCase) -> models.Delegation:
            return await delegations.end_delegation(uc, decoded[1] if decoded is not None else None)

        return _payload(*await run_use_case(context_of(info), action))


async def delegations_of_person(context: Context, user_id: uuid.UUID) -> list[Delegation]:
    """User.delegations: the person's own (named or received), to the person and the help desk; empty otherwise."""
    viewer = await context.viewer()
    if viewer is None:
        return []
    if viewer.id != user_id:
        actor = await context.actor()
        if actor is None or not actor.authority.is_help_desk:
            return []
    rows = await delegations.delegations_of(context.db, user_id)
    return [Delegation.from_model(d) for d in rows]


async def delegation_or_none(context: Context, pk: uuid.UUID) -> Delegation | None:
    """node(id) for a Delegation: its delegator, its delegate and the help desk (docs/visibility.md)."""
    actor = await context.actor()
    if actor is None:
        return None
    found = await delegation_by_id(context.db, pk)
    if found is None or not delegations.may_view_delegation(actor.id, actor.authority.is_help_desk, found):
        return None
    return Delegation.from_model(found)


async def delegate_candidates_of(context: Context, role: Any) -> list[User]:
    """RoleAssignment.delegateCandidates: for the role's holder only (R38); empty for anyone else."""
    from iacs.graphql.accounts.types import User

    viewer = await context.viewer()
    if viewer is None or viewer.id != role.user_id:
        return []
    found = await role_by_id(context.db, role.id)
    people = await delegations.delegate_candidates(context.db, found) if found is not None else []
    return [User.from_model(u) for u in people]
