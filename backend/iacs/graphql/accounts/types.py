"""The User type: a person, as they or the people entitled to see them see it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from iacs.db.rows import UserColumns
from iacs.domain.accounts import models
from iacs.domain.accounts.policy import may_see_sign_in_lock
from iacs.domain.enums import AccountStatus
from iacs.domain.enums import RequestStatus as DomainRequestStatus
from iacs.domain.requests.queries import requests_of_person
from iacs.graphql.access import context_of, held, later, may_see_person_lists
from iacs.graphql.enums import Community, RequestStatus, Role
from iacs.graphql.info import Info
from iacs.graphql.node import Node, node_of
from iacs.graphql.pagination import After, Connection, First, Paging, empty_connection, page_size
from iacs.graphql.visible import requests_visible, roles_visible

if TYPE_CHECKING:
    from iacs.domain.explain import DecisionRight as DecisionRightModel
    from iacs.graphql.delegations import Delegation
    from iacs.graphql.explain.types import DecisionRight, DepartureImpact
    from iacs.graphql.requests.types import AccessRequest
    from iacs.graphql.roles.types import RoleAssignment
    from iacs.graphql.tokens import ApiToken


@strawberry.type(
    description="A person with an IACS account: one account per person, whatever their roles (R1). Seen by "
    "themselves, the help desk and whoever meets them through something they may see (a role, a request, a "
    "group's members, an audit event); people who decide requests are named to everyone signed in. The contact "
    "fields (email, userId, phone) are shown more narrowly: see each."
)
class User(Node):
    name: str = strawberry.field(description="The person's full name, as they gave it (at most 200 characters).")
    community: Community = strawberry.field(
        description="The community chosen at registration: the person acts only in organizations of it (R2)."
    )
    email_verified: bool = strawberry.field(description="Whether the e-mail address was confirmed (R3).")
    active: bool = strawberry.field(description="False once the help desk disabled the account.")
    _pk: strawberry.Private[uuid.UUID]
    _user_id: strawberry.Private[str]
    _email: strawberry.Private[str]

    @classmethod
    def from_model(cls, user: models.User | UserColumns) -> User:
        return node_of(
            cls,
            user,
            email_verified=user.email_verified_at is not None,
            active=user.status == AccountStatus.ACTIVE,
            _pk=user.id,
            _user_id=user.user_id,
            _email=user.email,
        )

    def _contacts_at_once(self, info: Info) -> bool | None:
        """Whether the viewer may see this person's contact fields, when known without the database."""
        context = context_of(info)
        viewer = context.viewer_at_hand()
        if viewer is not None and viewer.id == self._pk:
            return True
        actor = context.actor_at_hand()
        if actor is not None and actor.authority.is_help_desk:
            return True
        known = held(context.loaders.contacts_visible, self._pk)  # a batch, or the queue's page, said already
        return known.result() if known is not None else None

    async def _contact(self, info: Info, value: str) -> str | None:
        context = context_of(info)
        viewer = await context.viewer()
        if viewer is not None and viewer.id == self._pk:
            return value
        return value if await context.loaders.contacts_visible.load(self._pk) else None

    @strawberry.field(
        description="The generated user ID, usable to sign in. A contact field: shown to the person, the help desk, "
        "whoever may decide one of the person's pending requests and whoever manages a role the person holds "
        "(the officials of its organization, its approvers, a company's administrators); null for anyone else, "
        "since a login shown to all would let anyone lock its owner out with wrong passwords (R4)."
    )
    def user_id(self, info: Info) -> str | None:
        shown = self._contacts_at_once(info)
        if shown is not None:
            return self._user_id if shown else None
        return later(self._contact(info, self._user_id))

    @strawberry.field(
        description="The person's work e-mail address; it also serves to sign in. A contact field, shown as the "
        "user ID is (see userId); null for anyone else."
    )
    def email(self, info: Info) -> str | None:
        shown = self._contacts_at_once(info)
        if shown is not None:
            return self._email if shown else None
        return later(self._contact(info, self._email))

    @strawberry.field(
        description="The person's phone number, if they gave one (R5); only the person themselves sees it."
    )
    async def phone(self, info: Info) -> str | None:
        viewer = await context_of(info).viewer()
        return viewer.phone if viewer is not None and viewer.id == self._pk else None

    @strawberry.field(
        description="R41: the new e-mail address waiting for its code (requestEmailChange), if any; only the person "
        "themselves sees it."
    )
    async def pending_email(self, info: Info) -> str | None:
        from iacs.domain.accounts.profile import pending_email_change

        context = context_of(info)
        viewer = await context.viewer()
        if viewer is None or viewer.id != self._pk:
            return None
        return await pending_email_change(context.db, viewer.id, now=context.clock.now())

    @strawberry.field(
        description="R43: the person's personal API tokens that were not revoked (expired ones too), newest first; "
        "only the person themselves sees them (empty for anyone else). The secrets are never shown here."
    )
    async def api_tokens(self, info: Info) -> list[Annotated[ApiToken, strawberry.lazy("iacs.graphql.tokens")]]:
        from iacs.graphql.tokens import api_tokens_of_viewer

        return await api_tokens_of_viewer(context_of(info), self._pk)

    @strawberry.field(
        description="R38: the delegations the person named (as delegator) or received (as delegate), ended ones too, "
        "latest start first (at most 200); only the person themselves and the help desk see them (empty for anyone "
        "else)."
    )
    async def delegations(self, info: Info) -> list[Annotated[Delegation, strawberry.lazy("iacs.graphql.delegations")]]:
        from iacs.graphql.delegations import delegations_of_person

        return await delegations_of_person(context_of(info), self._pk)

    @strawberry.field(
        description="While the account is locked after five failed sign-ins in 15 minutes, when the lock ends "
        "(R4: 15 minutes after the fifth); null when it is not locked. The help desk sees it, to unlock the "
        "account (R33, unlockAccount); null for anyone else."
    )
    async def locked_until(self, info: Info) -> datetime | None:
        context = context_of(info)
        if not may_see_sign_in_lock(await context.actor()):
            return None
        return await context.loaders.locked_until_by_user_id.load(self._pk)

    @strawberry.field(
        description="The person's active roles, in every scope. Visible to the person, the help desk and whoever "
        "may decide one of the person's pending requests; empty for anyone else."
    )
    async def roles(self, info: Info) -> list[Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]]:
        from iacs.graphql.roles.types import RoleAssignment

        context = context_of(info)
        if not await may_see_person_lists(context, self._pk):
            return []
        items = await context.loaders.role_items_by_user_id.load(self._pk)
        shown = {id(r) for r in await roles_visible(context, [item.role for item in items])}
        items = [item for item in items if id(item.role) in shown]
        return [RoleAssignment.from_row(item) for item in items]

    @strawberry.field(
        description="The person's active roles as `roles` has them, a page at a time: by the name of their "
        "organization (or company), the organization's own roles before its groups', then by group name, oldest "
        "first; roles in no organization last. Visible to the same people as `roles`; empty for anyone else. "
        "`first` at most 100."
    )
    async def role_assignments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only roles whose organization, user group, company or application name contains it "
                "(any case); at most 100 characters. Blank: no filter."
            ),
        ] = None,
        organization_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only roles held in this organization, its own and its groups' (Organization.id)."
            ),
        ] = None,
        roles: Annotated[
            list[Role] | None,
            strawberry.argument(
                description="Only roles of these kinds (at most 100 items), e.g. `first: 0, roles: [HELP_DESK]` "
                "and totalCount to learn whether the person holds one; every kind when omitted."
            ),
        ] = None,
    ) -> Connection[Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]]:
        from iacs.graphql.roles.types import role_assignment_page

        return await role_assignment_page(
            context_of(info),
            self._pk,
            first=first,
            after=after,
            search=search,
            organization_id=organization_id,
            roles=roles,
        )

    @strawberry.field(
        description="The person's requests, newest first. Visible to the person, the help desk and whoever may "
        "decide one of the person's pending requests; empty for anyone else."
    )
    async def requests(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="At most 100; default 20.")] = None,
        after: After = None,
        status: Annotated[
            RequestStatus | None,
            strawberry.argument(description="Only requests in this status; all when omitted."),
        ] = None,
    ) -> Connection[Annotated[AccessRequest, strawberry.lazy("iacs.graphql.requests.types")]]:
        from iacs.graphql.requests.types import AccessRequest

        context = context_of(info)
        paging = Paging.of(first, after, datetime, uuid.UUID)
        if not await may_see_person_lists(context, self._pk):
            return empty_connection()
        wanted = DomainRequestStatus(status) if status is not None else None
        if paging.key is None:  # a first page: batched with the other people's of the same answer (one statement)
            page = await context.loaders.first_requests_by_person.load((self._pk, wanted, paging.limit))
        else:
            page = await requests_of_person(context.db, self._pk, status=wanted, first=paging.limit, after=paging.key)
        shown = await requests_visible(context, list(page.rows))  # all of them, by the policy's own terms
        return paging.connection(
            shown,
            key=lambda r: (r.created_at.isoformat(), str(r.id)),
            node=AccessRequest.from_model,
            has_next=page.has_next,
            total=page.total,
        )

    async def _decision_rights(self, info: Info) -> list[DecisionRightModel]:
        """Every right the viewer may see explained, worked out once per request (decisionRights and
        decisionRightCount both ask; for a billing company's administrator that is 2,001 roles)."""
        from iacs.domain.explain import decision_rights
        from iacs.graphql.explain.types import may_explain_person

        context = context_of(info)

        async def work() -> list[DecisionRightModel]:
            if not await may_explain_person(context, self._pk):
                return []
            roles = await roles_visible(context, await context.loaders.active_roles_by_user_id.load(self._pk))
            # R36: a disabled account has none
            return decision_rights(roles, AccountStatus.ACTIVE if self.active else AccountStatus.DISABLED)

        return await context.loaders.once(("decision rights", self._pk, self.active), work)

    @strawberry.field(
        description="Explain why: what this person may decide, and the role that lets them (nothing while the "
        "account is disabled), by role. Visible to the person, "
        "the help desk and officials of an organization where the person holds a role, each right only if its role "
        "is one the viewer may see; empty for others. The first `first` (0 to 100, 20 when omitted): "
        "`decisionRightCount` counts them all."
    )
    async def decision_rights(
        self, info: Info, first: First = None
    ) -> list[Annotated[DecisionRight, strawberry.lazy("iacs.graphql.explain.types")]]:
        from iacs.graphql.explain.types import DecisionRight

        limit = page_size(first)
        rights = (await self._decision_rights(info))[:limit]
        return [DecisionRight(relation=r.relation, kinds=list(r.kinds), _right=r) for r in rights]

    @strawberry.field(description="How many rights `decisionRights` has to show, whatever its `first`.")
    async def decision_right_count(self, info: Info) -> int:
        return len(await self._decision_rights(info))

    @strawberry.field(
        description="If this person left now: the roles that would end, and the groups, organizations and "
        "pending requests left with nobody to act. Same visibility as decisionRights; for others than the person "
        "and the help desk, only what follows from the roles and requests the viewer may see; null for others."
    )
    async def departure_impact(
        self, info: Info
    ) -> Annotated[DepartureImpact, strawberry.lazy("iacs.graphql.explain.types")] | None:
        from iacs.domain.explain import departure_impact
        from iacs.graphql.explain.types import DepartureImpact, may_explain_person, visible_impact

        context = context_of(info)
        if not await may_explain_person(context, self._pk):
            return None
        impact = await departure_impact(context.db, self._pk)
        return DepartureImpact(_impact=await visible_impact(context, impact))
