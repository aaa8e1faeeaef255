"""Request mutations: each turns input into arguments, calls one use case, maps the result (api.md)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, TypeVar

import strawberry

from iacs.domain.enums import Community as DomainCommunity
from iacs.domain.enums import ErrorCode
from iacs.domain.enums import ProviderType as DomainProviderType
from iacs.domain.errors import FieldError
from iacs.domain.requests import service
from iacs.domain.requests.models import AccessRequest as AccessRequestModel
from iacs.graphql.access import context_of
from iacs.graphql.context import Context
from iacs.graphql.errors import user_errors
from iacs.graphql.ids import uuid_of
from iacs.graphql.info import Info
from iacs.graphql.requests.inputs import (
    ApplicationAccessInput,
    BulkDecisionInput,
    CompanyRefInput,
    Decision,
    DecisionInput,
    IndividualPractitionerInput,
    NewUserGroupInput,
    OrganizationRefInput,
    OrganizationRegistrationInput,
    RequestRefInput,
    RequestTermsInput,
    RevokeRoleInput,
    SurrogateUserGroupsInput,
    UserGroupRefInput,
)
from iacs.graphql.requests.payloads import RequestPayload, RequestsPayload, RoleAssignmentPayload
from iacs.graphql.requests.types import AccessRequest
from iacs.graphql.roles.types import RoleAssignment
from iacs.graphql.transactions import run_use_case

T = TypeVar("T")
U = TypeVar("U")


async def _request_payload(
    info: Info,
    action: Callable[[service.UseCase], Awaitable[AccessRequestModel]],
    *,
    terms: RequestTermsInput | None = None,
    lock_roles: bool = False,
) -> RequestPayload:
    """Run one request use case for the viewer and answer with the request it made or changed, or why not."""
    request, errors = await run_use_case(context_of(info), action, lock_roles=lock_roles, terms=terms)
    return RequestPayload(
        request=AccessRequest.from_model(request) if request is not None else None, errors=user_errors(errors)
    )


async def _about(
    info: Info,
    use_case: Callable[[service.UseCase, uuid.UUID | None], Awaitable[AccessRequestModel]],
    global_id: str,
    type_name: str,
    terms: RequestTermsInput | None = None,
) -> RequestPayload:
    """`_request_payload` of a use case about one object, named by its global id (an id of nothing: NOT_FOUND)."""
    pk = uuid_of(global_id, type_name)
    return await _request_payload(info, lambda uc: use_case(uc, pk), terms=terms)


async def each_use_case(
    context: Context,
    global_ids: Sequence[str],
    type_name: str,
    field: str,
    action: Callable[[service.UseCase, uuid.UUID | None, tuple[str, ...]], Awaitable[T]],
    answer: Callable[[T], U],
) -> tuple[list[U], list[FieldError]]:
    """A bulk mutation (decideRequests, certifyRoles): `run_use_case`, the viewer's roles locked, for each id of the
    input list `field`, each in its own transaction; `action` gets the item's uuid (None for an id of nothing:
    NOT_FOUND) and its field path (like ("requestIds", "3")). What was done, each made into its `answer` as soon
    as it is committed, in order; and every refusal."""
    done: list[U] = []
    errors: list[FieldError] = []
    for index, global_id in enumerate(global_ids):
        pk, path = uuid_of(global_id, type_name), (field, str(index))

        async def one(uc: service.UseCase, pk: uuid.UUID | None = pk, path: tuple[str, ...] = path) -> T:
            return await action(uc, pk, path)

        result, failed = await run_use_case(context, one, lock_roles=True)
        if result is not None:
            done.append(answer(result))
        errors.extend(failed)
    return done, errors


async def _decide(info: Info, input: DecisionInput, *, approve: bool) -> RequestPayload:
    """Approve or deny one request (R24-R26), with the approver's roles locked; `endsAt` only approving (R40)."""
    request_id = uuid_of(input.request_id, "AccessRequest")
    ends_at = input.ends_at if approve else None
    return await _request_payload(
        info,
        lambda uc: service.decide(uc, request_id, approve=approve, reason=input.reason, ends_at=ends_at),
        lock_roles=True,
    )


@strawberry.type
class RequestMutations:
    @strawberry.mutation(description="Register an organization and ask to be its Security Official (R6, R7).")
    async def request_organization_registration(
        self,
        info: Info,
        input: Annotated[
            OrganizationRegistrationInput,
            strawberry.argument(description="The organization: name, TIN, NPI, provider type, community, address."),
        ],
    ) -> RequestPayload:
        async def action(uc: service.UseCase) -> AccessRequestModel:
            return await service.request_organization_registration(
                uc,
                legal_business_name=input.legal_business_name,
                tin=input.tin,
                npi=input.npi,
                ptan=input.ptan,
                provider_type=DomainProviderType(input.provider_type),
                community=DomainCommunity(input.community),
                address=input.address.to_domain(),
            )

        return await _request_payload(info, action, terms=input)

    @strawberry.mutation(
        description="Ask to be a Backup Security Official of an approved organization; its Security Official "
        "decides (R9)."
    )
    async def request_backup_security_official(
        self,
        info: Info,
        input: Annotated[OrganizationRefInput, strawberry.argument(description="The approved organization.")],
    ) -> RequestPayload:
        return await _about(
            info, service.request_backup_security_official, input.organization_id, "Organization", input
        )

    @strawberry.mutation(
        description="A Backup Security Official asks to succeed the Security Official; the help desk decides (R10)."
    )
    async def request_security_official_succession(
        self,
        info: Info,
        input: Annotated[
            OrganizationRefInput,
            strawberry.argument(description="The organization where the viewer is a Backup Security Official."),
        ],
    ) -> RequestPayload:
        return await _about(
            info, service.request_security_official_succession, input.organization_id, "Organization", input
        )

    @strawberry.mutation(
        description="Create a user group and administer it; the Security Official or a Backup decides (R12)."
    )
    async def request_user_group(
        self,
        info: Info,
        input: Annotated[
            NewUserGroupInput,
            strawberry.argument(description="The organization, and the new group's name and description."),
        ],
    ) -> RequestPayload:
        org_id = uuid_of(input.organization_id, "Organization")
        return await _request_payload(
            info, lambda uc: service.request_user_group(uc, org_id, input.name, input.description), terms=input
        )

    @strawberry.mutation(
        description="Administer an existing user group; the Security Official or a Backup decides (R12)."
    )
    async def request_user_group_administration(
        self,
        info: Info,
        input: Annotated[UserGroupRefInput, strawberry.argument(description="The user group to administer.")],
    ) -> RequestPayload:
        return await _about(info, service.request_user_group_administration, input.user_group_id, "UserGroup", input)

    @strawberry.mutation(
        description="Join a user group as an end user; a User Group Administrator of the group decides (R13)."
    )
    async def request_user_group_membership(
        self,
        info: Info,
        input: Annotated[UserGroupRefInput, strawberry.argument(description="The user group to join.")],
    ) -> RequestPayload:
        return await _about(info, service.request_user_group_membership, input.user_group_id, "UserGroup", input)

    @strawberry.mutation(description="Serve organizations as a surrogate; one request per organization (R16-R21).")
    async def request_surrogate_user_groups(
        self,
        info: Info,
        input: Annotated[
            SurrogateUserGroupsInput,
            strawberry.argument(
                description="The company (an existing one or a new one) and the organizations to serve."
            ),
        ],
    ) -> RequestsPayload:
        if len(input.organization_ids) > service.MAX_ORGANIZATIONS_PER_SUBMISSION:  # refused before any SQL
            error = FieldError(
                ErrorCode.INVALID_INPUT,
                f"Name at most {service.MAX_ORGANIZATIONS_PER_SUBMISSION} organizations.",
                ("organizationIds",),
            )
            return RequestsPayload(requests=[], errors=user_errors([error]))
        company_id = uuid_of(input.company_id, "SurrogateCompany") if input.company_id is not None else None
        org_ids = [uuid_of(i, "Organization") for i in input.organization_ids]
        context = context_of(info)

        async def action(uc: service.UseCase) -> service.SurrogateOutcome:
            return await service.request_surrogate_user_groups(
                uc,
                # an unreadable companyId is answered like an unknown one (NOT_FOUND)
                company_id=company_id if input.company_id is None or company_id else uuid.UUID(int=0),
                new_company_name=input.company.name if input.company is not None else None,
                new_company_tin=input.company.tin if input.company is not None else None,
                organization_ids=org_ids,
            )

        outcome, errors = await run_use_case(context, action, terms=input)
        if outcome is None:
            return RequestsPayload(requests=[], errors=user_errors(errors))
        return RequestsPayload(
            requests=[AccessRequest.from_model(r) for r in outcome.requests], errors=user_errors(outcome.errors)
        )

    @strawberry.mutation(description="Join a surrogate company's staff; an administrator of the company decides (R17).")
    async def request_surrogate_company_membership(
        self,
        info: Info,
        input: Annotated[CompanyRefInput, strawberry.argument(description="The company to join.")],
    ) -> RequestPayload:
        return await _about(
            info, service.request_surrogate_company_membership, input.company_id, "SurrogateCompany", input
        )

    @strawberry.mutation(
        description="Become an administrator of a surrogate company; one of its administrators decides, or the help "
        "desk when it has none left (R35)."
    )
    async def request_company_administration(
        self,
        info: Info,
        input: Annotated[CompanyRefInput, strawberry.argument(description="The company to administer.")],
    ) -> RequestPayload:
        return await _about(info, service.request_company_administration, input.company_id, "SurrogateCompany", input)

    @strawberry.mutation(description="Register as an individual practitioner; the help desk decides (R22).")
    async def request_individual_practitioner(
        self,
        info: Info,
        input: Annotated[
            IndividualPractitionerInput, strawberry.argument(description="The practitioner's NPI and practice address.")
        ],
    ) -> RequestPayload:
        return await _request_payload(
            info,
            lambda uc: service.request_individual_practitioner(uc, npi=input.npi, address=input.address.to_domain()),
            terms=input,
        )

    @strawberry.mutation(description="Access to an open CMS application, for a group or for oneself (R23).")
    async def request_application_access(
        self,
        info: Info,
        input: Annotated[
            ApplicationAccessInput,
            strawberry.argument(description="The open application, and the user group it is asked for or through."),
        ],
    ) -> RequestPayload:
        app_id = uuid_of(input.application_id, "Application")
        group_id = uuid_of(input.user_group_id, "UserGroup")
        return await _request_payload(
            info, lambda uc: service.request_application_access(uc, app_id, group_id), terms=input
        )

    @strawberry.mutation(description="Approve a request you may decide; grants the role at once (R24, R25).")
    async def approve_request(
        self,
        info: Info,
        input: Annotated[
            DecisionInput,
            strawberry.argument(description="The request, and an optional reason the requester will see."),
        ],
    ) -> RequestPayload:
        return await _decide(info, input, approve=True)

    @strawberry.mutation(description="Deny a request you may decide; the reason is required (R26).")
    async def deny_request(
        self,
        info: Info,
        input: Annotated[
            DecisionInput,
            strawberry.argument(description="The request, and the reason the requester will see (required)."),
        ],
    ) -> RequestPayload:
        return await _decide(info, input, approve=False)

    @strawberry.mutation(description="Decide up to 100 requests alike; each in its own transaction.")
    async def decide_requests(
        self,
        info: Info,
        input: Annotated[
            BulkDecisionInput,
            strawberry.argument(description="Up to 100 requests, the decision, and the reason (required to deny)."),
        ],
    ) -> RequestsPayload:
        context = context_of(info)
        if len(input.request_ids) > service.MAX_BULK_DECISIONS:
            error = FieldError(
                ErrorCode.INVALID_INPUT,
                f"Decide at most {service.MAX_BULK_DECISIONS} requests at once.",
                ("requestIds",),
            )
            return RequestsPayload(requests=[], errors=user_errors([error]))

        async def decide(
            uc: service.UseCase, request_id: uuid.UUID | None, path: tuple[str, ...]
        ) -> AccessRequestModel:
            approve = input.decision == Decision.APPROVE
            return await service.decide(uc, request_id, approve=approve, reason=input.reason, field_path=path)

        decided, errors = await each_use_case(
            context, input.request_ids, "AccessRequest", "requestIds", decide, AccessRequest.from_model
        )
        return RequestsPayload(requests=decided, errors=user_errors(errors))

    @strawberry.mutation(description="Withdraw your own pending request (R27).")
    async def cancel_request(
        self,
        info: Info,
        input: Annotated[RequestRefInput, strawberry.argument(description="One of the viewer's own pending requests.")],
    ) -> RequestPayload:
        return await _about(info, service.cancel, input.request_id, "AccessRequest")

    @strawberry.mutation(description="End a role you may approve, or give up your own; with a reason (R29).")
    async def revoke_role(
        self,
        info: Info,
        input: Annotated[
            RevokeRoleInput, strawberry.argument(description="The role, and why (the holder will see it).")
        ],
    ) -> RoleAssignmentPayload:
        role_id = uuid_of(input.role_assignment_id, "RoleAssignment")
        assignment, errors = await run_use_case(
            context_of(info), lambda uc: service.revoke_role(uc, role_id, input.reason), lock_roles=True
        )
        return RoleAssignmentPayload(
            role_assignment=RoleAssignment.from_model(assignment) if assignment is not None else None,
            errors=user_errors(errors),
        )
