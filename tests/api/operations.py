"""The operations API tests send, as module constants, and small helpers around them."""

from __future__ import annotations

from typing import Any

from tests.api.people import Person, tin, valid_npi

ERRORS = "errors { code message field }"
REQUEST_FIELDS = (
    "id trackingNumber kind status reason canDecide requester { name } decidedBy { name } "
    "organization { id legalBusinessName status } userGroup { id name kind } company { id name } "
    "approvers { name }"
)

REGISTER_ORGANIZATION = f"""
mutation($input: OrganizationRegistrationInput!) {{
  requestOrganizationRegistration(input: $input) {{ request {{ {REQUEST_FIELDS} }} {ERRORS} }}
}}"""
REQUEST_BSO = f"""
mutation($org: ID!) {{ requestBackupSecurityOfficial(input: {{organizationId: $org}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_SUCCESSION = f"""
mutation($org: ID!) {{ requestSecurityOfficialSuccession(input: {{organizationId: $org}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_GROUP = f"""
mutation($org: ID!, $name: String!) {{ requestUserGroup(input: {{organizationId: $org, name: $name}}) {{
  request {{ {REQUEST_FIELDS} proposedName }} {ERRORS} }} }}"""
REQUEST_GROUP_ADMINISTRATION = f"""
mutation($group: ID!) {{ requestUserGroupAdministration(input: {{userGroupId: $group}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_MEMBERSHIP = f"""
mutation($group: ID!) {{ requestUserGroupMembership(input: {{userGroupId: $group}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_SURROGATE_GROUPS = f"""
mutation($input: SurrogateUserGroupsInput!) {{ requestSurrogateUserGroups(input: $input) {{
  requests {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_COMPANY_MEMBERSHIP = f"""
mutation($company: ID!) {{ requestSurrogateCompanyMembership(input: {{companyId: $company}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_COMPANY_ADMINISTRATION = f"""
mutation($company: ID!) {{ requestCompanyAdministration(input: {{companyId: $company}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_PRACTITIONER = f"""
mutation($input: IndividualPractitionerInput!) {{ requestIndividualPractitioner(input: $input) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REQUEST_APPLICATION = f"""
mutation($app: ID!, $group: ID!) {{ requestApplicationAccess(input: {{applicationId: $app, userGroupId: $group}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
APPROVE = f"""
mutation($id: ID!, $reason: String) {{ approveRequest(input: {{requestId: $id, reason: $reason}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
DENY = f"""
mutation($id: ID!, $reason: String) {{ denyRequest(input: {{requestId: $id, reason: $reason}}) {{
  request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
CANCEL = f"""
mutation($id: ID!) {{ cancelRequest(input: {{requestId: $id}}) {{ request {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
DECIDE_MANY = f"""
mutation($ids: [ID!]!, $decision: Decision!, $reason: String) {{
  decideRequests(input: {{requestIds: $ids, decision: $decision, reason: $reason}}) {{
    requests {{ {REQUEST_FIELDS} }} {ERRORS} }} }}"""
REVOKE = f"""
mutation($id: ID!, $reason: String!) {{ revokeRole(input: {{roleAssignmentId: $id, reason: $reason}}) {{
  roleAssignment {{ id role status }} {ERRORS} }} }}"""
QUEUE = f"""
query($first: Int, $after: String, $kinds: [RequestKind!], $org: ID) {{
  approvalQueue(first: $first, after: $after, kinds: $kinds, organizationId: $org) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {REQUEST_FIELDS} }} }} }} }}"""
MY_ROLES = """
{ viewer { roles { id role status organization { legalBusinessName } userGroup { name }
  company { name } application { code } grantedBy { name } } } }"""
COMPANIES = """
{ surrogateCompanies { id name tinLast4 associations(first: 100) { totalCount edges { node {
  status organization { legalBusinessName } userGroup { name kind } request { trackingNumber } } } } } }"""
ORGANIZATIONS = """
query($search: String) { organizations(search: $search, first: 100) { totalCount edges { node {
  id legalBusinessName npi tinLast4 status atRisk securityOfficial { name } backupSecurityOfficials { name }
  userGroups { id name kind orphaned administrators { name } } } } } }"""
APPLICATIONS = "{ applications { id code name open } }"


def organization_input(seed: int, name: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "legalBusinessName": name,
        "tin": tin(seed),
        "npi": valid_npi(seed),
        "providerType": "HOSPITAL",
        "community": "PROVIDER_SUPPLIER",
        "address": {"line1": "1 Main Street", "city": "Springfield", "state": "IL", "zip": "62701"},
    }
    data.update(overrides)
    return {"input": data}


async def register_organization(person: Person, seed: int, name: str) -> dict[str, Any]:
    payload = (await person.data(REGISTER_ORGANIZATION, organization_input(seed, name)))[
        "requestOrganizationRegistration"
    ]
    assert payload["errors"] == [], payload
    request: dict[str, Any] = payload["request"]
    return request


async def approve(person: Person, request_id: str, reason: str | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = (await person.data(APPROVE, {"id": request_id, "reason": reason}))["approveRequest"]
    return payload


async def approved_organization(so: Person, help_desk: Person, seed: int, name: str) -> str:
    """An organization registered by `so` and approved by the help desk; returns its id."""
    request = await register_organization(so, seed, name)
    decided = await approve(help_desk, request["id"])
    assert decided["errors"] == [], decided
    org_id: str = request["organization"]["id"]
    return org_id


async def approved_group(uga: Person, official: Person, org_id: str, name: str) -> str:
    payload = (await uga.data(REQUEST_GROUP, {"org": org_id, "name": name}))["requestUserGroup"]
    assert payload["errors"] == [], payload
    decided = await approve(official, payload["request"]["id"])
    assert decided["errors"] == [], decided
    group_id: str = decided["request"]["userGroup"]["id"]
    return group_id


# --- added for tests/api/test_rules.py ---------------------------------------------------------------------

REQUEST_NODE = f"""
query($id: ID!) {{ node(id: $id) {{ ... on AccessRequest {{ {REQUEST_FIELDS} application {{ code }} }} }} }}"""
ORGANIZATION_NODE = """
query($id: ID!) { node(id: $id) { ... on Organization { id legalBusinessName kind status atRisk
  securityOfficial { name } backupSecurityOfficials { name }
  userGroups { id name kind orphaned administrators { name } company { name } } } } }"""
APPROVE_SHOWING_GRANT = f"""
mutation($id: ID!) {{ approveRequest(input: {{requestId: $id}}) {{
  request {{ {REQUEST_FIELDS}
    requester {{ roles {{ role status organization {{ id }} request {{ trackingNumber }} }} }} }}
  {ERRORS} }} }}"""
ROLE_NODE = "query($id: ID!) { node(id: $id) { ... on RoleAssignment { id role status } } }"
MY_ROLES_WITH_REQUESTS = """
{ viewer { roles { id role status organization { id legalBusinessName } userGroup { id name }
  company { name } application { code } grantedBy { name } request { trackingNumber status } } } }"""


def practitioner_input(seed: int) -> dict[str, Any]:
    return {
        "input": {
            "npi": valid_npi(seed),
            "address": {"line1": "9 Elm Street", "city": "Peoria", "state": "IL", "zip": "61602-1234"},
        }
    }


async def approved_practitioner(practitioner: Person, help_desk: Person, seed: int) -> str:
    """An individual practitioner registered by `practitioner` and approved by the help desk; their practice's id."""
    payload = (await practitioner.data(REQUEST_PRACTITIONER, practitioner_input(seed)))["requestIndividualPractitioner"]
    assert payload["errors"] == [], payload
    decided = await approve(help_desk, payload["request"]["id"])
    assert decided["errors"] == [], decided
    org_id: str = payload["request"]["organization"]["id"]
    return org_id


async def request_surrogate_groups(
    person: Person,
    organization_ids: list[str],
    *,
    company_id: str | None = None,
    new_company: str | None = None,
    tin: str = "98-7654321",
) -> dict[str, Any]:
    """requestSurrogateUserGroups for an existing company (`company_id`) or a new one named `new_company` (R35:
    one company per TIN, so a second new company in a test needs a `tin` of its own)."""
    data: dict[str, Any] = {"organizationIds": organization_ids}
    if company_id is not None:
        data["companyId"] = company_id
    if new_company is not None:
        data["company"] = {"name": new_company, "tin": tin}
    payload: dict[str, Any] = (await person.data(REQUEST_SURROGATE_GROUPS, {"input": data}))[
        "requestSurrogateUserGroups"
    ]
    return payload
