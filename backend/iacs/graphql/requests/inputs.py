"""Inputs of the request mutations; none declares a server-owned field (status, decidedBy, ...)."""

from __future__ import annotations

import enum

import strawberry

from iacs.domain.requests.validation import Address
from iacs.graphql.enums import Community, ProviderType


@strawberry.input(description="A US postal address; state is a 2-letter code, zip is ZIP or ZIP+4.")
class AddressInput:
    line1: str
    line2: str | None = None
    city: str
    state: str
    zip: str

    def to_domain(self) -> Address:
        return Address(line1=self.line1, line2=self.line2, city=self.city, state=self.state, zip=self.zip)


@strawberry.input(description="R6: a new organization, registered by the person who will be its Security Official.")
class OrganizationRegistrationInput:
    legal_business_name: str = strawberry.field(description="1 to 200 characters.")
    tin: str = strawberry.field(description="9 digits; dashes allowed. Only the last 4 are ever shown.")
    npi: str = strawberry.field(description="10 digits with a valid check digit.")
    ptan: str | None = strawberry.field(default=None, description="Optional PTAN or CCN, up to 20 characters.")
    provider_type: ProviderType  # type: ignore[valid-type]
    community: Community  # type: ignore[valid-type]
    address: AddressInput


@strawberry.input(description="An organization, by its id.")
class OrganizationRefInput:
    organization_id: strawberry.ID


@strawberry.input(description="R12: a new provider user group, administered by the requester once approved.")
class NewUserGroupInput:
    organization_id: strawberry.ID
    name: str = strawberry.field(description="1 to 120 characters, unique in the organization.")
    description: str | None = strawberry.field(default=None, description="Up to 1,000 characters.")


@strawberry.input(description="A user group, by its id.")
class UserGroupRefInput:
    user_group_id: strawberry.ID


@strawberry.input(description="R17: a surrogate company created by its first UGA.")
class NewCompanyInput:
    name: str = strawberry.field(description="1 to 200 characters.")
    tin: str = strawberry.field(description="9 digits.")


@strawberry.input(description="R16-R21: serve organizations as a surrogate; exactly one of companyId / company.")
class SurrogateUserGroupsInput:
    company_id: strawberry.ID | None = None
    company: NewCompanyInput | None = None
    organization_ids: list[strawberry.ID] = strawberry.field(description="1 to 100 organizations; one request each.")


@strawberry.input(description="A surrogate company, by its id.")
class CompanyRefInput:
    company_id: strawberry.ID


@strawberry.input(description="R22: register as an individual practitioner (the name is the account's).")
class IndividualPractitionerInput:
    npi: str
    address: AddressInput


@strawberry.input(description="R23: access to a CMS application for a user group or, for an end user, oneself.")
class ApplicationAccessInput:
    application_id: strawberry.ID
    user_group_id: strawberry.ID


@strawberry.input(description="R25, R26: a decision; a denial needs a reason (up to 2,000 characters).")
class DecisionInput:
    request_id: strawberry.ID
    reason: str | None = None


@strawberry.input(description="A request, by its id.")
class RequestRefInput:
    request_id: strawberry.ID


@strawberry.enum(description="What a bulk decision does.")
class Decision(enum.Enum):
    APPROVE = "APPROVE"
    DENY = "DENY"


@strawberry.input(description="Up to 100 requests decided alike; each result is independent.")
class BulkDecisionInput:
    request_ids: list[strawberry.ID]
    decision: Decision
    reason: str | None = None


@strawberry.input(description="R29: end a role, with a reason the holder will see.")
class RevokeRoleInput:
    role_assignment_id: strawberry.ID
    reason: str
