"""Explain why (R24, R31): grant chains, decision rights, departure impact."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry

from iacs.domain import explain
from iacs.domain.accounts import policy
from iacs.domain.requests.routing import RELATIONS
from iacs.domain.requests.routing import ApproverRelation as DomainApproverRelation
from iacs.domain.roles.models import RoleAssignment as RoleAssignmentModel
from iacs.graphql.access import context_of
from iacs.graphql.context import Context
from iacs.graphql.enums import RequestKind, describe_values
from iacs.graphql.info import Info
from iacs.graphql.pagination import First, page_size
from iacs.graphql.visible import group_visible, organizations_visible, requests_visible, roles_visible

if TYPE_CHECKING:
    from iacs.graphql.groups.types import UserGroup
    from iacs.graphql.organizations.types import Organization
    from iacs.graphql.requests.types import AccessRequest
    from iacs.graphql.roles.types import RoleAssignment
    from iacs.graphql.surrogates.types import SurrogateCompany

ApproverRelation: TypeAlias = DomainApproverRelation
strawberry.enum(
    ApproverRelation,
    name="ApproverRelation",
    description="Who decides a kind of request: the relation to the request's scope that gives the right (R24).",
)
describe_values(
    ApproverRelation,
    {
        DomainApproverRelation.HELP_DESK: "The help desk, for every organization (R7, R10, R22, R33).",
        DomainApproverRelation.ORGANIZATION_SECURITY_OFFICIAL: "The organization's Security Official alone (who "
        "decides Backup Security Officials, R9).",
        DomainApproverRelation.ORGANIZATION_OFFICIALS: "The organization's Security Official or a Backup Security "
        "Official (R12, R16, R23).",
        DomainApproverRelation.GROUP_ADMINISTRATORS: "A User Group Administrator of the user group (R13, R23).",
        DomainApproverRelation.COMPANY_ADMINISTRATORS: "An administrator of the surrogate company (R17).",
        DomainApproverRelation.PRACTITIONER: "The individual practitioner, for their own practice (R21).",
    },
)


@strawberry.type(description="One link of a grant chain: a role, the request that granted it, and on what authority.")
class GrantStep:
    reason: str = strawberry.field(description="How this link holds, in words, with the rule.")
    _step: strawberry.Private[explain.GrantStep]
    # Whether the viewer may see this link's request and the approver's role (the chain stops at the first role
    # the viewer may not see: domain/visibility.py).
    _request_shown: strawberry.Private[bool] = False
    _approver_shown: strawberry.Private[bool] = False

    @strawberry.field(description="The role granted at this step.")
    def role_assignment(self) -> Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]:
        from iacs.graphql.roles.types import RoleAssignment

        return RoleAssignment.from_model(self._step.assignment)

    @strawberry.field(description="The request whose approval granted it (none for the help desk).")
    def request(self) -> Annotated[AccessRequest, strawberry.lazy("iacs.graphql.requests.types")] | None:
        from iacs.graphql.requests.types import AccessRequest

        if self._step.request is None or not self._request_shown:
            return None
        return AccessRequest.from_model(self._step.request)

    @strawberry.field(description="The approver's role that gave the authority to approve (the next link).")
    def approver_role(self) -> Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")] | None:
        from iacs.graphql.roles.types import RoleAssignment

        step = self._step.approver_assignment
        return RoleAssignment.from_model(step) if step is not None and self._approver_shown else None


@strawberry.type(description="Something a person may decide, and the role that lets them (R24).")
class DecisionRight:
    relation: ApproverRelation = strawberry.field(description="The relation to the scope that gives the right.")
    kinds: list[RequestKind] = strawberry.field(description="The kinds of request it lets the person decide.")
    _right: strawberry.Private[explain.DecisionRight]

    @strawberry.field(description="The role that gives this right; its organization, group or company is the scope.")
    def because_of(self) -> Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]:
        from iacs.graphql.roles.types import RoleAssignment

        return RoleAssignment.from_model(self._right.because_of)

    @strawberry.field(description="Whether the right covers everything (the help desk) rather than one scope.")
    def everywhere(self) -> bool:
        return RELATIONS[self._right.relation].scope is None


@strawberry.type(
    description="What would be left with nobody to act if this person left now (R10, R29). Each list gives its first "
    "`first` (0 to 100, 20 when omitted); the field of the same name ending in `Count` counts it all."
)
class DepartureImpact:
    _impact: strawberry.Private[explain.DepartureImpact]

    @strawberry.field(description="The person's active roles, which would end.")
    def roles(
        self, first: First = None
    ) -> list[Annotated[RoleAssignment, strawberry.lazy("iacs.graphql.roles.types")]]:
        from iacs.graphql.roles.types import RoleAssignment

        return [RoleAssignment.from_model(r) for r in self._impact.roles[: page_size(first)]]

    @strawberry.field(description="How many roles would end.")
    def role_count(self) -> int:
        return len(self._impact.roles)

    @strawberry.field(description="Groups that would have no User Group Administrator (orphaned).")
    def groups_without_administrator(
        self, first: First = None
    ) -> list[Annotated[UserGroup, strawberry.lazy("iacs.graphql.groups.types")]]:
        from iacs.graphql.groups.types import UserGroup

        return [UserGroup.from_model(g) for g in self._impact.groups_without_administrator[: page_size(first)]]

    @strawberry.field(description="How many groups would have no User Group Administrator.")
    def groups_without_administrator_count(self) -> int:
        return len(self._impact.groups_without_administrator)

    @strawberry.field(description="Organizations that would have no Security Official (a Backup should succeed; R10).")
    def organizations_without_security_official(
        self, first: First = None
    ) -> list[Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")]]:
        from iacs.graphql.organizations.types import Organization

        left = self._impact.organizations_without_security_official
        return [Organization.from_model(o) for o in left[: page_size(first)]]

    @strawberry.field(description="How many organizations would have no Security Official.")
    def organizations_without_security_official_count(self) -> int:
        return len(self._impact.organizations_without_security_official)

    @strawberry.field(description="Organizations that would have no official at all (nobody could approve).")
    def organizations_without_any_official(
        self, first: First = None
    ) -> list[Annotated[Organization, strawberry.lazy("iacs.graphql.organizations.types")]]:
        from iacs.graphql.organizations.types import Organization

        left = self._impact.organizations_without_any_official
        return [Organization.from_model(o) for o in left[: page_size(first)]]

    @strawberry.field(description="How many organizations would have no official at all.")
    def organizations_without_any_official_count(self) -> int:
        return len(self._impact.organizations_without_any_official)

    @strawberry.field(
        description="Surrogate companies that would have no administrator (orphaned; the help desk would decide who "
        "administers them, R35)."
    )
    def companies_without_administrator(
        self, first: First = None
    ) -> list[Annotated[SurrogateCompany, strawberry.lazy("iacs.graphql.surrogates.types")]]:
        from iacs.graphql.surrogates.types import SurrogateCompany

        left = self._impact.companies_without_administrator
        return [SurrogateCompany.from_model(c) for c in left[: page_size(first)]]

    @strawberry.field(description="How many surrogate companies would have no administrator.")
    def companies_without_administrator_count(self) -> int:
        return len(self._impact.companies_without_administrator)

    @strawberry.field(description="Pending requests this person alone may decide (at most 500 looked at).")
    def requests_without_approver(
        self, first: First = None
    ) -> list[Annotated[AccessRequest, strawberry.lazy("iacs.graphql.requests.types")]]:
        from iacs.graphql.requests.types import AccessRequest

        return [AccessRequest.from_model(r) for r in self._impact.requests_without_approver[: page_size(first)]]

    @strawberry.field(description="How many pending requests this person alone may decide (at most 500 looked at).")
    def requests_without_approver_count(self) -> int:
        return len(self._impact.requests_without_approver)


async def may_explain_person(context: Context, user_id: uuid.UUID) -> bool:
    """Whether the viewer may have this person explained, as the domain's policy answers it
    (domain/accounts/policy.py) with the request's actor and loaders."""

    async def roles_of_person() -> list[RoleAssignmentModel]:
        return await context.loaders.active_roles_by_user_id.load(user_id)

    return await policy.may_explain_person(user_id, actor=await context.actor(), roles_of_person=roles_of_person)


async def grant_chain_of(info: Info, assignment: Any) -> list[GrantStep]:
    context = context_of(info)
    steps = await explain.grant_chain_of_role(context.db, assignment)
    # Only what the viewer may see: the links up to the first role they may not see, and of those links the
    # requests they may see (an end user's chain does not show the officials' own requests or roles).
    shown_roles = {id(r) for r in await roles_visible(context, [s.assignment for s in steps])}
    kept: list[explain.GrantStep] = []
    for step in steps:
        if id(step.assignment) not in shown_roles:
            break
        kept.append(step)
    requests = [s.request for s in kept if s.request is not None]
    shown_requests = {id(r) for r in await requests_visible(context, requests)}
    return [
        GrantStep(
            reason=s.reason,
            _step=s,
            _request_shown=s.request is not None and id(s.request) in shown_requests,
            _approver_shown=s.approver_assignment is not None and id(s.approver_assignment) in shown_roles,
        )
        for s in kept
    ]


async def visible_impact(context: Context, impact: explain.DepartureImpact) -> explain.DepartureImpact:
    """A departure impact as the viewer may see it: the person's roles they may see, and only the groups,
    organizations and requests those roles (and the viewer's own sight) account for."""
    from iacs.domain.enums import Role

    roles = await roles_visible(context, list(impact.roles))
    administered = {
        r.user_group_id
        for r in roles
        if r.role == Role.USER_GROUP_ADMINISTRATOR and r.application_id is None and r.user_group_id is not None
    }
    official_in = {
        r.organization_id
        for r in roles
        if r.role in {Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL} and r.organization_id is not None
    }
    groups = [g for g in impact.groups_without_administrator if g.id in administered]
    groups = [g for g in groups if await group_visible(context, g)]
    return explain.DepartureImpact(
        roles=roles,
        groups_without_administrator=groups,
        organizations_without_security_official=await organizations_visible(
            context, [o for o in impact.organizations_without_security_official if o.id in official_in]
        ),
        organizations_without_any_official=await organizations_visible(
            context, [o for o in impact.organizations_without_any_official if o.id in official_in]
        ),
        requests_without_approver=await requests_visible(context, list(impact.requests_without_approver)),
        companies_without_administrator=[  # R35: as the roles the viewer may see account for them
            c
            for c in impact.companies_without_administrator
            if any(r.company_id == c.id and r.user_group_id is None for r in roles)
        ],
    )
