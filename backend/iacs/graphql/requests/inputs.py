"""Inputs of the request mutations; none declares a server-owned field (status, decidedBy, ...)."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from iacs.domain.requests.validation import Address
from iacs.graphql.enums import Community, ProviderType, describe_values


@strawberry.input(description="What any request may carry besides what it asks for (R40).")
class RequestTermsInput:
    justification: str | None = strawberry.field(
        default=None,
        description="Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request.",
    )
    ends_at: datetime | None = strawberry.field(
        default=None,
        description="Optional: when the role should end by itself, at least an hour and at most a year from now "
        "(no time zone: UTC). The approver may bring it forward, never push it back.",
    )


@strawberry.input(description="A US postal address; state is a 2-letter code, zip is ZIP or ZIP+4.")
class AddressInput:
    line1: str = strawberry.field(description="Street and number, 1 to 200 characters.")
    line2: str | None = strawberry.field(default=None, description="Optional suite, floor, ...; up to 200 characters.")
    city: str = strawberry.field(description="1 to 100 characters.")
    state: str = strawberry.field(description="The 2-letter code of a US state or territory, like IL.")
    zip: str = strawberry.field(description="5 digits, or ZIP+4 like 62704-1234.")

    def to_domain(self) -> Address:
        return Address(line1=self.line1, line2=self.line2, city=self.city, state=self.state, zip=self.zip)


@strawberry.input(description="A new organization, registered by the person who will be its Security Official (R6).")
class OrganizationRegistrationInput(RequestTermsInput):
    legal_business_name: str = strawberry.field(description="1 to 200 characters.")
    tin: str = strawberry.field(description="9 digits; dashes allowed. Only the last 4 are ever shown.")
    npi: str = strawberry.field(description="10 digits with a valid check digit.")
    ptan: str | None = strawberry.field(default=None, description="Optional PTAN or CCN, up to 20 characters.")
    provider_type: ProviderType = strawberry.field(
        description="What the organization is; a type closed to registration is refused with the reason (R11)."
    )
    community: Community = strawberry.field(
        description="Must match the provider type (FI_CARRIER_MAC for contractors, PROVIDER_SUPPLIER otherwise) "
        "and the registrant's own community (R2)."
    )
    address: AddressInput = strawberry.field(description="The organization's postal address.")


@strawberry.input(description="An organization, by its id.")
class OrganizationRefInput(RequestTermsInput):
    organization_id: strawberry.ID = strawberry.field(description="The organization's global id (Organization.id).")


@strawberry.input(description="A new provider user group, administered by the requester once approved (R12).")
class NewUserGroupInput(RequestTermsInput):
    organization_id: strawberry.ID = strawberry.field(
        description="The approved organization the group will belong to (Organization.id)."
    )
    name: str = strawberry.field(description="1 to 120 characters, unique in the organization.")
    description: str | None = strawberry.field(default=None, description="Up to 1,000 characters.")


@strawberry.input(description="A user group, by its id.")
class UserGroupRefInput(RequestTermsInput):
    user_group_id: strawberry.ID = strawberry.field(description="The user group's global id (UserGroup.id).")


@strawberry.input(
    description="A new surrogate company; whoever names it becomes its first administrator once an organization "
    "approves the first of these requests (R17, R35)."
)
class NewCompanyInput:
    name: str = strawberry.field(description="1 to 200 characters.")
    tin: str = strawberry.field(description="9 digits.")


@strawberry.input(description="Serve organizations as a surrogate; exactly one of companyId / company (R16-R21).")
class SurrogateUserGroupsInput(RequestTermsInput):
    company_id: strawberry.ID | None = strawberry.field(
        default=None, description="A company the viewer administers (SurrogateCompany.id); or give `company`."
    )
    company: NewCompanyInput | None = strawberry.field(
        default=None,
        description="A new company, whose first administrator the viewer becomes once an organization approves "
        "(R35); or give `companyId`.",
    )
    organization_ids: list[strawberry.ID] = strawberry.field(description="1 to 100 organizations; one request each.")


@strawberry.input(description="A surrogate company, by its id.")
class CompanyRefInput(RequestTermsInput):
    company_id: strawberry.ID = strawberry.field(description="The company's global id (SurrogateCompany.id).")


@strawberry.input(description="Register as an individual practitioner (the name is the account's; R22).")
class IndividualPractitionerInput(RequestTermsInput):
    npi: str = strawberry.field(description="The practitioner's own NPI: 10 digits with a valid check digit.")
    address: AddressInput = strawberry.field(description="The practice's postal address.")


@strawberry.input(description="Access to a CMS application for a user group or, for an end user, oneself (R23).")
class ApplicationAccessInput(RequestTermsInput):
    application_id: strawberry.ID = strawberry.field(description="An open CMS application (Application.id).")
    user_group_id: strawberry.ID = strawberry.field(
        description="The viewer's user group: as its User Group Administrator, access is asked for the group; as "
        "its end user, for oneself (the group must have access already)."
    )


@strawberry.input(description="A decision; a denial needs a reason (up to 2,000 characters; R25, R26).")
class DecisionInput:
    request_id: strawberry.ID = strawberry.field(
        description="A pending request the viewer may decide (AccessRequest.id)."
    )
    reason: str | None = strawberry.field(
        default=None, description="Up to 2,000 characters, shown to the requester; required to deny (R26)."
    )
    ends_at: datetime | None = strawberry.field(
        default=None,
        description="Approving: an end date for the role earlier than the one the requester asked for, or one where "
        "none was asked; at least an hour and at most a year from now (R40). Ignored when denying.",
    )


@strawberry.input(description="A request, by its id.")
class RequestRefInput:
    request_id: strawberry.ID = strawberry.field(description="The request's global id (AccessRequest.id).")


@strawberry.enum(description="What a bulk decision does.")
class Decision(enum.Enum):
    APPROVE = "APPROVE"
    DENY = "DENY"


describe_values(
    Decision,
    {
        Decision.APPROVE: "Approve each request, granting its role (R25).",
        Decision.DENY: "Deny each request; needs a reason (R26).",
    },
)


@strawberry.input(description="Up to 100 requests decided alike; each result is independent.")
class BulkDecisionInput:
    request_ids: list[strawberry.ID] = strawberry.field(
        description="At most 100 pending requests the viewer may decide; an error names the item by its index."
    )
    decision: Decision = strawberry.field(description="Approve them all, or deny them all.")
    reason: str | None = strawberry.field(
        default=None, description="Up to 2,000 characters, given to every request; required to deny (R26)."
    )


@strawberry.input(description="End a role, with a reason the holder will see (R29).")
class RevokeRoleInput:
    role_assignment_id: strawberry.ID = strawberry.field(
        description="An active role the viewer may approve, or holds (RoleAssignment.id)."
    )
    reason: str = strawberry.field(description="Why, 1 to 2,000 characters; the holder will see it.")
