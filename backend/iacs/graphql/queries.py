"""Root queries beyond the viewer: the approval queue, search, node, companies, applications, audit log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry

from iacs.domain.applications.queries import applications_by_name
from iacs.domain.audit.queries import audit_events
from iacs.domain.enums import RequestKind as DomainRequestKind
from iacs.domain.lifecycle.escalation import stalled_organizations as organizations_nobody_can_work
from iacs.domain.lookup import look_up
from iacs.domain.organizations.queries import search_organizations
from iacs.domain.requests.queries import approval_queue_page
from iacs.domain.roles.queries import role_by_id
from iacs.domain.surrogates.queries import companies_administered_by, companies_at_risk, search_companies
from iacs.domain.visibility import may_view_company
from iacs.graphql.access import context_of, prime, signed_in_actor, signed_in_viewer
from iacs.graphql.accounts.types import User
from iacs.graphql.applications.types import Application
from iacs.graphql.audit.types import AuditEvent
from iacs.graphql.context import Context
from iacs.graphql.enums import RequestKind
from iacs.graphql.errors import PublicError
from iacs.graphql.groups.types import UserGroup
from iacs.graphql.ids import NoSuch, filter_id, from_global_id
from iacs.graphql.info import Info
from iacs.graphql.node import Node
from iacs.graphql.organizations.types import Organization
from iacs.graphql.pagination import After, Connection, First, Paging
from iacs.graphql.requests.types import AccessRequest, Joined
from iacs.graphql.roles.types import RoleAssignment
from iacs.graphql.surrogates.types import SurrogateCompany
from iacs.graphql.visible import (
    api_token_or_none,
    group_or_none,
    organization_or_none,
    remember_organizations,
    request_or_none,
    role_visible_to_viewer,
)

MAX_INPUT_LIST = 100  # input lists (docs/api.md, Limits)


@strawberry.type(description="What the help desk found (at most 20 of each; R33).")
class HelpDeskLookup:
    people: list[User] = strawberry.field(
        description="People whose name or e-mail contains the text, or whose user ID it is; by name."
    )
    organizations: list[Organization] = strawberry.field(
        description="Organizations of any status whose name contains the text or whose NPI starts with it; by name."
    )
    requests: list[AccessRequest] = strawberry.field(
        description="Requests with this tracking number, or asked by someone whose name or e-mail contains the "
        "text; newest first."
    )


async def _of_help_desk(context: Context) -> bool:
    """Whether the viewer is of the help desk (R33); UNAUTHENTICATED (a GraphQL error) without a session."""
    return (await signed_in_actor(context)).authority.is_help_desk


@strawberry.type
class RootQueries:
    @strawberry.field(
        description="The pending requests the viewer may decide, oldest first; exactly those whose "
        "canDecide is true (R24). Filters by kind and organization; `first` at most 100. Needs a session."
    )
    async def approval_queue(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        kinds: Annotated[
            list[RequestKind] | None,
            strawberry.argument(description="Only requests of these kinds (at most 100); all kinds when omitted."),
        ] = None,
        organization_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only requests about this organization (Organization.id)."),
        ] = None,
    ) -> Connection[AccessRequest]:
        context = context_of(info)
        paging = Paging.of(first, after, datetime, uuid.UUID)
        if kinds is not None and len(kinds) > MAX_INPUT_LIST:  # before any SQL (docs/api.md, Limits)
            raise PublicError(f"`kinds` holds at most {MAX_INPUT_LIST} kinds.", "BAD_USER_INPUT")
        actor = await signed_in_actor(context)
        org_filter = filter_id(organization_id, "Organization")
        if org_filter is NoSuch.OBJECT:
            return paging.nothing()
        page = await approval_queue_page(
            context.db,
            actor.authority,
            first=paging.limit,
            after=paging.key,
            kinds=[DomainRequestKind(k) for k in kinds] if kinds else None,
            organization_id=org_filter,
        )
        remember_organizations(context, [item.organization for item in page.items])  # for the groups' checks
        # The requesters wait for the viewer's decision: their contact fields are the viewer's to see, answered at
        # once (User.email) instead of a batch that would ask the database what the page already says.
        awaiting = dict.fromkeys(page.requesters, True)
        prime(context.loaders.awaiting_viewer_decision, awaiting)
        prime(context.loaders.contacts_visible, awaiting)
        return paging.connection(
            page.items,
            key=lambda item: (item.request.created_at.isoformat(), str(item.request.id)),
            node=lambda item: AccessRequest.from_model(
                item.request,
                Joined(
                    requester=User.from_model(item.requester),
                    organization=Organization.from_model(item.organization) if item.organization else None,
                    user_group=UserGroup.from_model(item.user_group) if item.user_group else None,
                ),
            ),
            has_next=page.has_next,
            total=page.total,
        )

    @strawberry.field(
        description="Approved organizations, by name; `search` matches the name or city (any part, any case) "
        "or the start of the NPI. `first` at most 100. Needs a session."
    )
    async def organizations(
        self,
        info: Info,
        search: Annotated[str | None, strawberry.argument(description="At most 100 characters.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Organization]:
        context = context_of(info)
        paging = Paging.of(first, after, str, uuid.UUID)
        await signed_in_viewer(context)  # anyone signed in: no need for their roles
        page = await search_organizations(context.db, search=search, first=paging.limit, after=paging.key)
        return paging.connection(
            page.rows,
            key=lambda o: (o.legal_business_name, str(o.id)),
            node=Organization.from_model,
            has_next=page.has_next,
            total=page.total,
        )

    @strawberry.field(description="Any object by its global id; null when it does not exist or is not yours to see.")
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global id, as an object's `id` gives it.")],
    ) -> Node | None:
        context = context_of(info)
        actor = await signed_in_actor(context)
        decoded = from_global_id(id)
        if decoded is None:
            return None
        type_name, pk = decoded
        # One policy per type (domain/visibility.py), the same on every path that yields the type (visible.py).
        loaders = context.loaders
        result: Node | None = None
        if type_name == "User":
            if pk == actor.id or await loaders.person_visible.load(pk):
                user = await loaders.user_by_id.load(pk)
                result = User.from_model(user) if user is not None else None
        elif type_name == "Organization":
            result = await organization_or_none(context, pk)
        elif type_name == "UserGroup":
            result = await group_or_none(context, pk)
        elif type_name == "SurrogateCompany" and may_view_company(actor.id, pk):
            result = await SurrogateCompany.load(info, pk)
        elif type_name == "Application":
            result = await Application.load(info, pk)
        elif type_name == "AccessRequest":
            result = await request_or_none(context, pk)
        elif type_name == "ApiToken":
            result = await api_token_or_none(context, pk)  # R43: its owner only
        elif type_name == "Delegation":
            from iacs.graphql.delegations import delegation_or_none

            result = await delegation_or_none(context, pk)  # R38: delegator, delegate, help desk
        elif type_name in {"Webhook", "WebhookDelivery"}:
            from iacs.graphql.webhooks import webhook_node

            result = await webhook_node(context, type_name, pk)  # R44: the help desk's only
        elif type_name == "RoleAssignment":
            assignment = await role_by_id(context.db, pk)
            if assignment is not None and await role_visible_to_viewer(context, assignment):
                result = RoleAssignment.from_model(assignment)
        return result

    @strawberry.field(description="The surrogate companies the viewer administers (R17). Needs a session.")
    async def surrogate_companies(self, info: Info) -> list[SurrogateCompany]:
        context = context_of(info)
        viewer = await signed_in_viewer(context)  # only who asks: their roles and authority are not needed here
        companies = await companies_administered_by(context.db, viewer.id)
        return [SurrogateCompany.from_model(c) for c in companies]

    @strawberry.field(
        description="For the help desk: surrogate companies with one administrator (at risk) or none (orphaned), "
        "the orphaned first, then by name; at most 200 (R35). Empty for anyone else."
    )
    async def surrogate_companies_at_risk(self, info: Info) -> list[SurrogateCompany]:
        context = context_of(info)
        if not await _of_help_desk(context):
            return []
        return [SurrogateCompany.from_model(c) for c in await companies_at_risk(context.db)]

    @strawberry.field(
        description="For the help desk: approved organizations with a pending request that none of the people who "
        "would decide it there can decide now (no active approver below the help desk; such requests are passed up "
        "to the help desk, R39); by name, at most 200. Empty for anyone else."
    )
    async def stalled_organizations(self, info: Info) -> list[Organization]:
        context = context_of(info)
        if not await _of_help_desk(context):
            return []
        return [Organization.from_model(o) for o in await organizations_nobody_can_work(context.db)]

    @strawberry.field(
        description="Surrogate companies whose name contains `search` (2 to 100 characters), at most 20, "
        "so that staff can ask to join theirs (R17). Needs a session."
    )
    async def company_search(
        self,
        info: Info,
        search: Annotated[
            str,
            strawberry.argument(description="Part of the company's name, any case; fewer than 2 characters find none."),
        ],
    ) -> list[SurrogateCompany]:
        context = context_of(info)
        await signed_in_viewer(context)  # anyone signed in: no need for their roles
        companies = await search_companies(context.db, search)
        return [SurrogateCompany.from_model(c) for c in companies]

    @strawberry.field(description="The CMS applications, open or closed, by name (R23). Public: no session needed.")
    async def applications(self, info: Info) -> list[Application]:
        context = context_of(info)
        rows = await applications_by_name(context.db)
        return [Application.from_model(a) for a in rows]

    @strawberry.field(
        description="People (name, e-mail, user ID), organizations of any status (name, NPI) and requests "
        "(tracking number, requester) matching `query` (2 to 100 characters); null for anyone but the help desk (R33)."
    )
    async def help_desk_lookup(
        self,
        info: Info,
        query: Annotated[
            str,
            strawberry.argument(
                description="A name, e-mail, user ID, organization name, NPI start or tracking number; "
                "fewer than 2 characters find nothing."
            ),
        ],
    ) -> HelpDeskLookup | None:
        context = context_of(info)
        if not await _of_help_desk(context):
            return None
        found = await look_up(context.db, query)
        return HelpDeskLookup(
            people=[User.from_model(u) for u in found.people],
            organizations=[Organization.from_model(o) for o in found.organizations],
            requests=[AccessRequest.from_model(r) for r in found.requests],
        )

    @strawberry.field(
        description="Audit events of the viewer's scope, newest first (help desk: all; Security Officials and "
        "Backups: their "
        "organizations; everyone: their own), optionally only some actions or one organization (R31). "
        "`first` at most 100. Needs a session."
    )
    async def audit_events(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        actions: Annotated[
            list[str] | None,
            strawberry.argument(
                description="Only events with these actions (at most 100 names, like SIGN_IN or REQUEST_APPROVED); "
                "all when omitted."
            ),
        ] = None,
        organization_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only events in this organization (Organization.id)."),
        ] = None,
    ) -> Connection[AuditEvent]:
        context = context_of(info)
        paging = Paging.of(first, after, int)
        before: int | None = paging.key[0] if paging.key is not None else None
        if actions is not None and len(actions) > MAX_INPUT_LIST:  # before any SQL (docs/api.md, Limits)
            raise PublicError(f"`actions` holds at most {MAX_INPUT_LIST} names.", "BAD_USER_INPUT")
        actor = await signed_in_actor(context)
        org_filter = filter_id(organization_id, "Organization")
        if org_filter is NoSuch.OBJECT:
            return paging.nothing()
        page = await audit_events(
            context.db,
            actor.authority,
            first=paging.limit,
            before_id=before,
            actions=actions,
            organization_id=org_filter,
        )
        return paging.connection(
            page.rows, key=lambda e: (e.id,), node=AuditEvent.from_model, has_next=page.has_next, total=page.total
        )
