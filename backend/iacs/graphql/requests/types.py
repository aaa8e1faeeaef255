"""AccessRequest: one ask, its scope and its one decision (R24-R28)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from iacs.db.rows import RequestColumns
from iacs.domain.enums import RequestStatus as DomainRequestStatus
from iacs.domain.requests import models
from iacs.graphql.access import at_hand, context_of, later
from iacs.graphql.enums import RequestKind, RequestStatus
from iacs.graphql.info import Info
from iacs.graphql.node import Node, by_id, node_of
from iacs.graphql.visible import scope_group, scope_organization

if TYPE_CHECKING:
    from iacs.graphql.accounts.types import User
    from iacs.graphql.applications.types import Application
    from iacs.graphql.groups.types import UserGroup
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.surrogates.types import SurrogateCompany


@dataclass(frozen=True, slots=True)
class Joined:
    """The related objects a list's statement brought along with the request (see `later`)."""

    requester: User
    organization: Organization | None
    user_group: UserGroup | None


@strawberry.type(
    description="A request for a role; decided once (R25), denied only with a reason (R26). Visible to the "
    "requester, to those who may decide it, to the officials of its organization and to the help desk."
)
class AccessRequest(Node):
    tracking_number: str = strawberry.field(
        description="A number to read out on the phone: R, the date, and 6 characters (like R250314-K7QX2M)."
    )
    kind: RequestKind = strawberry.field(description="What it asks for.")
    status: RequestStatus = strawberry.field(description="Where it stands.")
    created_at: datetime = strawberry.field(description="When it was submitted.")
    expires_at: datetime = strawberry.field(
        description="When it expires if nobody decides it (30 days after submission by default, R27)."
    )
    decided_at: datetime | None = strawberry.field(
        description="When it was approved, denied, cancelled or expired; null while pending."
    )
    reason: str | None = strawberry.field(description="Why it was decided so (required for a denial; R26).")
    proposed_name: str | None = strawberry.field(description="The name of the group asked for, if any.")
    justification: str | None = strawberry.field(
        description="Why the requester needs it, as they wrote it (optional, up to 1,000 characters; R40)."
    )
    requested_ends_at: datetime | None = strawberry.field(
        description="When the requester asked the role to end by itself; null: no end date (R40)."
    )
    escalated_at: datetime | None = strawberry.field(
        description="When it was last passed up a level because nobody could decide it or it waited 14 days; "
        "null if never (R39)."
    )
    # The model, or a row of its columns named alike (the queue reads rows: no ORM objects on hot paths).
    _model: strawberry.Private[models.AccessRequest | RequestColumns]
    _joined: strawberry.Private[Joined | None] = None

    @classmethod
    def from_model(cls, request: models.AccessRequest | RequestColumns, joined: Joined | None = None) -> AccessRequest:
        return node_of(cls, request, _model=request, _joined=joined)

    @classmethod
    async def load(cls, info: Info, pk: uuid.UUID | None) -> AccessRequest | None:
        return await by_id(context_of(info).loaders.request_by_id, pk, cls.from_model)

    @strawberry.field(description="Whether the viewer may decide it now (the same rule as the queue; R24).")
    async def can_decide(self, info: Info) -> bool:
        if self._model.status != DomainRequestStatus.PENDING:
            return False
        actor = await context_of(info).actor()
        return actor is not None and actor.authority.can_decide(self._model)

    @strawberry.field(description="Who may decide it now, from the roles active at this moment (R24).")
    async def approvers(self, info: Info) -> list[Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]]:
        from iacs.graphql.accounts.types import User

        if self._model.status != DomainRequestStatus.PENDING:
            return []
        users = await context_of(info).loaders.approvers_by_request.load(self._model)
        return [User.from_model(u) for u in users]

    @strawberry.field(description="Who asked.")
    def requester(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")]:
        if self._joined is not None:
            return self._joined.requester
        return later(self._load_requester(info))

    async def _load_requester(self, info: Info) -> User:
        from iacs.graphql.accounts.types import User

        found = await context_of(info).loaders.user_by_id.load(self._model.requester_id)
        assert found is not None  # a foreign key
        return User.from_model(found)

    @strawberry.field(description="Who decided, once decided.")
    def decided_by(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")] | None:
        from iacs.graphql.accounts.types import User

        if self._model.decided_by_id is None:
            return None
        return at_hand(
            context_of(info).loaders.user_by_id,
            self._model.decided_by_id,
            lambda found: User.from_model(found) if found is not None else None,
        )

    @strawberry.field(
        description="R38: when a delegate decided it, the person whose queue they decided it for (decidedBy decided "
        "'for' this person); null otherwise."
    )
    async def on_behalf_of(self, info: Info) -> Annotated[User, strawberry.lazy("iacs.graphql.accounts.types")] | None:
        from iacs.graphql.accounts.types import User

        pk = getattr(self._model, "on_behalf_of_id", None)
        return await by_id(context_of(info).loaders.user_by_id, pk, User.from_model)

    @strawberry.field(description="The organization the request is about, if any.")
    def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")] | None:
        return scope_organization(context_of(info), self._joined, self._model.organization_id)

    @strawberry.field(description="The user group the request is about, if any.")
    def user_group(self, info: Info) -> Annotated[UserGroup, strawberry.lazy("iacs.graphql.groups.types")] | None:
        return scope_group(context_of(info), self._joined, self._model.user_group_id)

    @strawberry.field(description="The surrogate company the request is about, if any.")
    async def company(
        self, info: Info
    ) -> Annotated[SurrogateCompany, strawberry.lazy("iacs.graphql.surrogates.types")] | None:
        from iacs.graphql.surrogates.types import SurrogateCompany

        return await SurrogateCompany.load(info, self._model.company_id)

    @strawberry.field(description="The CMS application the request is about, if any.")
    async def application(
        self, info: Info
    ) -> Annotated[Application, strawberry.lazy("iacs.graphql.applications.types")] | None:
        from iacs.graphql.applications.types import Application

        return await Application.load(info, self._model.application_id)
