"""AuditEvent: one line of the append-only audit log (R31)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry
from strawberry.scalars import JSON

from iacs.domain.audit import models
from iacs.graphql.access import context_of
from iacs.graphql.info import Info
from iacs.graphql.node import by_id
from iacs.graphql.visible import organization_or_none, request_or_none

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.requests.types import AccessRequest


@strawberry.type(description="A request, decision, grant, revocation, sign-in or failed sign-in (R31).")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="Increasing with time; events are never changed.")
    occurred_at: datetime = strawberry.field(description="When it happened.")
    action: str = strawberry.field(
        description="What happened, like SIGN_IN, SIGN_IN_FAILED, ACCOUNT_LOCKED, REQUEST_SUBMITTED, "
        "REQUEST_APPROVED, REQUEST_DENIED, ROLE_GRANTED, ROLE_REVOKED, ROLE_SUSPENDED or ROLE_CERTIFIED."
    )
    details: JSON = strawberry.field(description="What else was recorded (kind, reason, role, ...).")
    _model: strawberry.Private[models.AuditEvent]

    @classmethod
    def from_model(cls, event: models.AuditEvent) -> AuditEvent:
        return cls(
            id=strawberry.ID(str(event.id)),
            occurred_at=event.occurred_at,
            action=event.action,
            details=cast(JSON, event.details),
            _model=event,
        )

    @strawberry.field(description="Who did it (none for failed sign-ins of unknown people).")
    async def actor(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")] | None:
        return await _user(info, self._model.actor_id)

    @strawberry.field(description="Whom it was about.")
    async def subject_user(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")] | None:
        return await _user(info, self._model.subject_user_id)

    @strawberry.field(description="The organization it happened in, if any.")
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")] | None:
        return await organization_or_none(context_of(info), self._model.organization_id)

    @strawberry.field(description="The request it is about, if any.")
    async def request(
        self, info: Info
    ) -> Annotated[AccessRequest, strawberry.lazy("iacs.graphql.requests.types")] | None:
        return await request_or_none(context_of(info), self._model.request_id)


async def _user(info: Info, user_id: uuid.UUID | None) -> User | None:
    from iacs.graphql.accounts.types import User

    return await by_id(context_of(info).loaders.user_by_id, user_id, User.from_model)
