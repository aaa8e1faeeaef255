"""Issue 16, item 2: a billing company's associations searched, filtered and counted, and a person's roles a page at
a time (R17; docs/api.md, SurrogateCompany.associations, associationCounts, User.roleAssignments).

The world: company "Scale Billing" serves eight organizations with distinct names, states, NPIs and statuses (two of
them with LIKE's wildcards in their names); its founder is its administrator and holds a UGA role in each of the four
approved surrogate groups; company "Other Billing" serves one organization of its own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain import explain
from iacs.domain.enums import (
    AccountStatus,
    Community,
    OrganizationKind,
    OrganizationStatus,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    UserGroupKind,
)
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests import service
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany
from iacs.domain.visibility import companies_read_in_full
from iacs.graphql import loaders
from iacs.graphql.ids import from_global_id, to_global_id
from tests.api.people import People, Person, tin, valid_npi
from tests.conftest import START, StatementCounter

# (name, state, status of the latest request); the NPIs are valid_npi(7100 + index)
SERVED = [
    ("Alder Clinic", "MD", RequestStatus.APPROVED),
    ("Birch Hospital", "VA", RequestStatus.PENDING),
    ("Cedar 100% Care", "MD", RequestStatus.DENIED),
    ("Dogwood_Health", "MD", RequestStatus.APPROVED),
    ("Elm Clinic", "VA", RequestStatus.CANCELLED),
    ("Fir Clinic", "MD", RequestStatus.EXPIRED),
    ("Ginkgo Hospital", "DC", RequestStatus.APPROVED),
    ("Hazel Clinic", "MD", RequestStatus.APPROVED),
]
ALL_COUNTS = [
    {"status": "PENDING", "count": 1},
    {"status": "APPROVED", "count": 4},
    {"status": "DENIED", "count": 1},
    {"status": "CANCELLED", "count": 1},
    {"status": "EXPIRED", "count": 1},
]
ZERO_COUNTS = [{"status": c["status"], "count": 0} for c in ALL_COUNTS]

ASSOCIATIONS = """
query($id: ID!, $first: Int, $after: String, $search: String, $state: String, $status: RequestStatus) {
  node(id: $id) { ... on SurrogateCompany {
    associations(first: $first, after: $after, search: $search, state: $state, status: $status) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node { status organization { legalBusinessName state } } } }
    associationCounts { status count } } } }"""

ROLES = """
query($first: Int, $after: String, $search: String, $organizationId: ID, $roles: [Role!]) { viewer {
  roleAssignments(first: $first, after: $after, search: $search, organizationId: $organizationId, roles: $roles) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { node { role organization { legalBusinessName } userGroup { name } company { name } } } } } }"""


@dataclass
class World:
    founder: Person
    company_id: str
    other_founder: Person
    other_company_id: str
    organization_ids: dict[str, str]


def _organization(name: str, state: str, seed: int) -> Organization:
    return Organization(
        legal_business_name=name,
        kind=OrganizationKind.PROVIDER,
        provider_type=ProviderType.HOSPITAL,
        community=Community.PROVIDER_SUPPLIER,
        npi=valid_npi(seed),
        tin=tin(seed),
        address_line1="1 Main Street",
        city="Springfield",
        state=state,
        zip="21201",
        status=OrganizationStatus.APPROVED,
        decided_at=START,
    )


def _group_administration(
    user_id: uuid.UUID, group: UserGroup, request_id: uuid.UUID, granted_at: datetime
) -> RoleAssignment:
    """A UGA role of a surrogate group (R18), certified for a year."""
    return RoleAssignment(
        user_id=user_id,
        role=Role.USER_GROUP_ADMINISTRATOR,
        organization_id=group.organization_id,
        user_group_id=group.id,
        company_id=group.company_id,
        request_id=request_id,
        granted_at=granted_at,
        certify_by=START + timedelta(days=364),
    )


async def _serve(
    db: AsyncSession, company: SurrogateCompany, founder: Person, org: Organization, status: RequestStatus, n: int
) -> AccessRequest:
    group = None
    if status == RequestStatus.APPROVED:
        group = UserGroup(
            organization_id=org.id,
            kind=UserGroupKind.SURROGATE,
            company_id=company.id,
            name=f"{company.name} for {org.legal_business_name}",
        )
        db.add(group)
        await db.flush()
    created_at = START - timedelta(days=2, minutes=n)
    request = AccessRequest(
        tracking_number=f"BS-{uuid.uuid4().hex[:12]}",
        kind=RequestKind.CREATE_SURROGATE_USER_GROUP,
        status=status,
        requester_id=founder.pk,
        organization_id=org.id,
        user_group_id=group.id if group is not None else None,
        company_id=company.id,
        approver_relation=ApproverRelation.ORGANIZATION_OFFICIALS.value,
        created_at=created_at,
        expires_at=created_at + timedelta(days=30),
        decided_at=None if status == RequestStatus.PENDING else START - timedelta(days=1),
        reason="Not a client of ours." if status == RequestStatus.DENIED else None,
    )
    db.add(request)
    await db.flush()
    if group is not None:  # R18: the requester administers the surrogate group
        db.add(_group_administration(founder.pk, group, request.id, START - timedelta(days=1, minutes=n)))
    return request


async def _company(
    db: AsyncSession, name: str, seed: int, founder: Person, served: list[tuple[str, str, RequestStatus]]
) -> tuple[SurrogateCompany, dict[str, str]]:
    company = SurrogateCompany(name=name, tin=tin(seed))
    db.add(company)
    await db.flush()
    ids: dict[str, str] = {}
    first_request = None
    for n, (org_name, state, status) in enumerate(served):
        org = _organization(org_name, state, seed + 100 + n)
        db.add(org)
        await db.flush()
        ids[org_name] = to_global_id("Organization", org.id)
        request = await _serve(db, company, founder, org, status, n)
        first_request = first_request or request
    assert first_request is not None
    db.add(  # R35: the founder administers the company
        RoleAssignment(
            user_id=founder.pk,
            role=Role.USER_GROUP_ADMINISTRATOR,
            company_id=company.id,
            request_id=first_request.id,
            granted_at=START - timedelta(days=1),
            certify_by=START + timedelta(days=364),
        )
    )
    return company, ids


@pytest.fixture
async def world(people: People, session_factory: async_sessionmaker[AsyncSession]) -> World:
    founder = await people.make("Scale Founder")
    other_founder = await people.make("Other Founder")
    async with session_factory() as db:
        company, ids = await _company(db, "Scale Billing", 7000, founder, SERVED)
        other, other_ids = await _company(
            db, "Other Billing", 7500, other_founder, [("Juniper Clinic", "MD", RequestStatus.APPROVED)]
        )
        await db.commit()
    return World(
        founder=founder,
        company_id=to_global_id("SurrogateCompany", company.id),
        other_founder=other_founder,
        other_company_id=to_global_id("SurrogateCompany", other.id),
        organization_ids=ids | other_ids,
    )


def _names(company: dict[str, Any]) -> list[str]:
    return [edge["node"]["organization"]["legalBusinessName"] for edge in company["associations"]["edges"]]


async def _associations(person: Person, company_id: str, **arguments: Any) -> dict[str, Any]:
    data = await person.data(ASSOCIATIONS, {"id": company_id, **arguments})
    result: dict[str, Any] = data["node"]
    return result


async def test_associations_search_by_name_or_npi_filter_by_state_and_status_with_counts(world: World) -> None:
    # R17: the administrator reads the company's associations
    everything = await _associations(world.founder, world.company_id, first=100)
    assert _names(everything) == [name for name, _, _ in SERVED]
    assert everything["associations"]["totalCount"] == 8
    assert everything["associationCounts"] == ALL_COUNTS

    # search: any part of the name, any case
    found = await _associations(world.founder, world.company_id, search="  clinic ")
    assert _names(found) == ["Alder Clinic", "Elm Clinic", "Fir Clinic", "Hazel Clinic"]
    assert found["associations"]["totalCount"] == 4
    assert found["associationCounts"] == ALL_COUNTS  # the counts are the company's, whatever the filter
    # the start of the NPI (Birch Hospital's)
    found = await _associations(world.founder, world.company_id, search=valid_npi(7101))
    assert _names(found) == ["Birch Hospital"]
    # LIKE's wildcards are plain characters
    assert _names(await _associations(world.founder, world.company_id, search="%")) == ["Cedar 100% Care"]
    assert _names(await _associations(world.founder, world.company_id, search="_")) == ["Dogwood_Health"]
    assert _names(await _associations(world.founder, world.company_id, search="\\")) == []
    # state, any case, and status; all filters at once
    assert _names(await _associations(world.founder, world.company_id, state="va")) == ["Birch Hospital", "Elm Clinic"]
    approved = await _associations(world.founder, world.company_id, status="APPROVED")
    assert _names(approved) == ["Alder Clinic", "Dogwood_Health", "Ginkgo Hospital", "Hazel Clinic"]
    assert [e["node"]["status"] for e in approved["associations"]["edges"]] == ["APPROVED"] * 4
    both = await _associations(world.founder, world.company_id, search="Clinic", state="MD", status="APPROVED")
    assert _names(both) == ["Alder Clinic", "Hazel Clinic"]
    assert both["associations"]["totalCount"] == 2
    # blank filters are no filters
    assert (await _associations(world.founder, world.company_id, search=" ", state=""))["associations"][
        "totalCount"
    ] == 8


async def test_associations_filtered_pages_follow_the_cursor(world: World) -> None:
    # given: the administrator pages through the Maryland associations two at a time
    seen: list[str] = []
    after = None
    pages = []
    while True:
        page = (await _associations(world.founder, world.company_id, first=2, after=after, state="MD"))["associations"]
        pages.append((len(page["edges"]), page["pageInfo"]["hasNextPage"], page["pageInfo"]["hasPreviousPage"]))
        seen += [edge["node"]["organization"]["legalBusinessName"] for edge in page["edges"]]
        assert page["totalCount"] == 5
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then: every one once, in name order
    assert seen == ["Alder Clinic", "Cedar 100% Care", "Dogwood_Health", "Fir Clinic", "Hazel Clinic"]
    assert pages == [(2, True, False), (2, True, True), (1, False, True)]


async def test_another_companys_administrator_and_a_stranger_see_no_association_and_zero_counts(
    world: World, people: People
) -> None:
    stranger = await people.make("Curious Stranger")
    for person in (world.other_founder, stranger):
        for arguments in ({}, {"search": "Clinic"}, {"state": "MD"}, {"status": "APPROVED"}):
            seen = await _associations(person, world.company_id, **arguments)
            assert seen == {
                "associations": {
                    "totalCount": 0,
                    "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "endCursor": None},
                    "edges": [],
                },
                "associationCounts": ZERO_COUNTS,
            }, (person.name, arguments)
    # while the other company's administrator sees their own
    own = await _associations(world.other_founder, world.other_company_id)
    assert _names(own) == ["Juniper Clinic"]
    assert own["associationCounts"] == [
        {"status": "PENDING", "count": 0},
        {"status": "APPROVED", "count": 1},
        {"status": "DENIED", "count": 0},
        {"status": "CANCELLED", "count": 0},
        {"status": "EXPIRED", "count": 0},
    ]


async def test_the_help_desk_sees_the_associations_and_counts(world: World, people: People) -> None:
    desk = await people.make("Desk Person", help_desk=True)
    seen = await _associations(desk, world.company_id, search="hospital")
    assert _names(seen) == ["Birch Hospital", "Ginkgo Hospital"]
    assert seen["associationCounts"] == ALL_COUNTS


def _pk(global_id: str) -> uuid.UUID:
    decoded = from_global_id(global_id)
    assert decoded is not None
    return decoded[1]


async def _group_administrator(people: People, session_factory: async_sessionmaker[AsyncSession]) -> Person:
    """A UGA of one of Scale Billing's surrogate groups (Alder Clinic's), not of the company itself."""
    person = await people.make("Group Only Admin")
    async with session_factory() as db:
        group = await db.scalar(select(UserGroup).where(UserGroup.name == "Scale Billing for Alder Clinic"))
        assert group is not None
        assert group.company_id is not None
        request_id = await db.scalar(select(AccessRequest.id).where(AccessRequest.user_group_id == group.id))
        assert request_id is not None
        db.add(_group_administration(person.pk, group, request_id, START - timedelta(days=1)))
        await db.commit()
    return person


async def test_who_reads_a_company_in_full_is_known_without_their_roles(
    world: World, people: People, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # R17: the company's administrators and the help desk; R36: only while the account's roles count
    desk = await people.make("Full Desk", help_desk=True)
    group_admin = await _group_administrator(people, session_factory)
    company, other = _pk(world.company_id), _pk(world.other_company_id)
    both = [company, other]
    async with session_factory() as db:
        read = {
            name: await companies_read_in_full(db, pk, status, both)
            for name, pk, status in (
                ("founder", world.founder.pk, AccountStatus.ACTIVE),
                ("other founder", world.other_founder.pk, AccountStatus.ACTIVE),
                ("desk", desk.pk, AccountStatus.ACTIVE),
                ("group admin", group_admin.pk, AccountStatus.ACTIVE),
                ("founder, disabled", world.founder.pk, AccountStatus.DISABLED),
                ("desk, disabled", desk.pk, AccountStatus.DISABLED),
            )
        }
        nothing_asked = await companies_read_in_full(db, desk.pk, AccountStatus.ACTIVE, [])
    assert read == {
        "founder": {company},
        "other founder": {other},
        "desk": {company, other},
        "group admin": set(),
        "founder, disabled": set(),
        "desk, disabled": set(),
    }
    assert nothing_asked == set()


FOUND = """query { companySearch(search: "Scale Billing") { name
  associations(first: 100) { totalCount edges { node { status organization { legalBusinessName state } } } }
  associationCounts { status count } } }"""


async def _found(person: Person) -> dict[str, Any]:
    """Scale Billing as a search finds it: a path that does not load the viewer's roles by itself."""
    (company,) = (await person.data(FOUND))["companySearch"]
    assert company["name"] == "Scale Billing"
    result: dict[str, Any] = company
    return result


async def test_associations_read_in_full_answer_as_the_whole_policy_does_and_load_no_roles(
    world: World, people: People, session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard of a billing company's administrator no longer loads their thousands of roles (issue 16); what
    it shows is what the actor's authority shows, for everyone."""
    desk = await people.make("Policy Desk", help_desk=True)
    group_admin = await _group_administrator(people, session_factory)
    stranger = await people.make("Policy Stranger")
    readers = {"founder": world.founder, "desk": desk, "other founder": world.other_founder}
    readers |= {"group admin": group_admin, "stranger": stranger}
    loaded: list[str] = []
    real_load_actor = service.load_actor

    async def counting_load_actor(db: Any, user: Any, **kwargs: Any) -> Any:
        loaded.append(user.name)
        return await real_load_actor(db, user, **kwargs)

    monkeypatch.setattr(service, "load_actor", counting_load_actor)

    # when: everyone finds Scale Billing by name and reads its associations and counts, first the short way
    short = {name: await _found(person) for name, person in readers.items()}
    loaded_short = sorted(loaded)
    # then the whole policy (as if no statement had shown a full reader)
    loaded.clear()

    async def no_full_reader(*args: Any) -> set[uuid.UUID]:
        return set()

    monkeypatch.setattr(loaders, "companies_read_in_full", no_full_reader)
    whole = {name: await _found(person) for name, person in readers.items()}

    # then: the same answers; the founder and the desk see every association, the others none
    assert short == whole
    assert [_names(short[name]) for name in readers] == [[name for name, _, _ in SERVED]] * 2 + [[]] * 3
    assert [short[name]["associationCounts"] for name in readers] == [ALL_COUNTS] * 2 + [ZERO_COUNTS] * 3
    # the short way loads the roles of those who turn out not to read the company only
    assert loaded_short == ["Group Only Admin", "Other Founder", "Policy Stranger"]
    assert sorted(loaded) == sorted(person.name for person in readers.values())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"search": "x" * 101}, "`search` holds at most 100 characters."),
        ({"state": "Maryland"}, "`state` is a two-letter state code, like MD."),
        ({"state": "M1"}, "`state` is a two-letter state code, like MD."),
        ({"first": 101}, "`first` must be between 0 and 100."),
    ],
)
async def test_bad_association_filters_are_refused_by_name(
    world: World, arguments: dict[str, Any], message: str
) -> None:
    answer = await world.founder.gql(ASSOCIATIONS, {"id": world.company_id, **arguments})
    assert [(e["message"], e["path"], e["extensions"]["code"]) for e in answer["errors"]] == [
        (message, ["node", "associations"], "BAD_USER_INPUT")
    ]
    assert answer["data"] == {"node": None}


def _roles(data: dict[str, Any]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (
            edge["node"]["role"],
            (edge["node"]["organization"] or {}).get("legalBusinessName"),
            (edge["node"]["userGroup"] or {}).get("name"),
            (edge["node"]["company"] or {}).get("name"),
        )
        for edge in data["viewer"]["roleAssignments"]["edges"]
    ]


UGA = "USER_GROUP_ADMINISTRATOR"
FOUNDER_ROLES = [
    (UGA, "Alder Clinic", "Scale Billing for Alder Clinic", "Scale Billing"),
    (UGA, "Dogwood_Health", "Scale Billing for Dogwood_Health", "Scale Billing"),
    (UGA, "Ginkgo Hospital", "Scale Billing for Ginkgo Hospital", "Scale Billing"),
    (UGA, "Hazel Clinic", "Scale Billing for Hazel Clinic", "Scale Billing"),
    (UGA, None, None, "Scale Billing"),
]


async def test_role_assignments_pages_in_my_roles_order_with_search_and_organization(world: World) -> None:
    # every role, as `roles` has them, in the order of My roles
    everything = await world.founder.data(ROLES, {"first": 100})
    assert _roles(everything) == FOUNDER_ROLES
    assert everything["viewer"]["roleAssignments"]["totalCount"] == 5
    roles = await world.founder.data(
        "{ viewer { roles { id } roleAssignments(first: 100) { edges { node { id } } } } }"
    )
    assert sorted(r["id"] for r in roles["viewer"]["roles"]) == sorted(
        e["node"]["id"] for e in roles["viewer"]["roleAssignments"]["edges"]
    )

    # two at a time
    seen: list[Any] = []
    after = None
    flags = []
    while True:
        page = await world.founder.data(ROLES, {"first": 2, "after": after})
        connection = page["viewer"]["roleAssignments"]
        seen += _roles(page)
        flags.append((connection["pageInfo"]["hasNextPage"], connection["pageInfo"]["hasPreviousPage"]))
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert seen == FOUNDER_ROLES
    assert flags == [(True, False), (True, True), (False, True)]

    # search: organization, group or company name, any case; wildcards are plain
    assert _roles(await world.founder.data(ROLES, {"search": "CLINIC"})) == [FOUNDER_ROLES[0], FOUNDER_ROLES[3]]
    assert _roles(await world.founder.data(ROLES, {"search": "_"})) == [FOUNDER_ROLES[1]]
    assert _roles(await world.founder.data(ROLES, {"search": "%"})) == []
    assert _roles(await world.founder.data(ROLES, {"search": "scale billing"})) == FOUNDER_ROLES
    # a search a page at a time: counted and continued by its own cursor
    first = await world.founder.data(ROLES, {"search": "clinic", "first": 1})
    connection = first["viewer"]["roleAssignments"]
    assert (_roles(first), connection["totalCount"], connection["pageInfo"]["hasNextPage"]) == (
        [FOUNDER_ROLES[0]],
        2,
        True,
    )
    second = await world.founder.data(
        ROLES, {"search": "clinic", "first": 1, "after": connection["pageInfo"]["endCursor"]}
    )
    connection = second["viewer"]["roleAssignments"]
    assert (_roles(second), connection["totalCount"], connection["pageInfo"]["hasNextPage"]) == (
        [FOUNDER_ROLES[3]],
        2,
        False,
    )
    # one organization
    ginkgo = await world.founder.data(ROLES, {"organizationId": world.organization_ids["Ginkgo Hospital"]})
    assert _roles(ginkgo) == [FOUNDER_ROLES[2]]
    assert ginkgo["viewer"]["roleAssignments"]["totalCount"] == 1
    # an organization where the founder holds nothing, and an id of another kind
    assert _roles(await world.founder.data(ROLES, {"organizationId": world.organization_ids["Juniper Clinic"]})) == []
    assert _roles(await world.founder.data(ROLES, {"organizationId": world.company_id})) == []


async def test_role_assignments_of_another_person_are_empty_for_those_who_may_not_see_their_roles(
    world: World, people: People
) -> None:
    query = """query($id: ID!) { node(id: $id) { ... on User { roles { id }
      roleAssignments(first: 100) { totalCount edges { node { id } } } } } }"""
    founder_id = to_global_id("User", world.founder.pk)
    # another company's administrator: not theirs to see
    seen = await world.other_founder.data(query, {"id": founder_id})
    assert seen["node"] == {"roles": [], "roleAssignments": {"totalCount": 0, "edges": []}}
    # the help desk sees what `roles` shows
    desk = await people.make("Roles Desk", help_desk=True)
    seen = await desk.data(query, {"id": founder_id})
    assert seen["node"]["roleAssignments"]["totalCount"] == 5
    assert sorted(e["node"]["id"] for e in seen["node"]["roleAssignments"]["edges"]) == sorted(
        r["id"] for r in seen["node"]["roles"]
    )


async def test_role_assignments_of_some_kinds_count_and_page_without_the_others(world: World, people: People) -> None:
    # what the SPA's shell asks instead of every role: how many of some kinds, with no row (first: 0)
    def total(data: dict[str, Any]) -> int:
        return int(data["viewer"]["roleAssignments"]["totalCount"])

    assert total(await world.founder.data(ROLES, {"first": 0, "roles": [UGA]})) == 5
    assert total(await world.founder.data(ROLES, {"first": 0, "roles": ["HELP_DESK"]})) == 0
    assert total(await world.founder.data(ROLES, {"first": 0, "roles": []})) == 0
    counted = await world.founder.data(ROLES, {"first": 0, "roles": [UGA, "END_USER"]})
    assert counted["viewer"]["roleAssignments"]["edges"] == []
    assert total(counted) == 5
    # with the search and the organization, in the same order
    assert _roles(await world.founder.data(ROLES, {"roles": [UGA], "search": "clinic"})) == [
        FOUNDER_ROLES[0],
        FOUNDER_ROLES[3],
    ]
    ginkgo = world.organization_ids["Ginkgo Hospital"]
    assert _roles(await world.founder.data(ROLES, {"roles": [UGA], "organizationId": ginkgo})) == [FOUNDER_ROLES[2]]
    assert _roles(await world.founder.data(ROLES, {"roles": ["SECURITY_OFFICIAL"], "organizationId": ginkgo})) == []
    # a help desk person: their one role among the kinds asked
    desk = await people.make("Kinds Desk", help_desk=True)
    assert total(await desk.data(ROLES, {"first": 0, "roles": ["HELP_DESK"]})) == 1
    assert _roles(await desk.data(ROLES, {"roles": ["HELP_DESK", UGA]})) == [("HELP_DESK", None, None, None)]
    assert _roles(await desk.data(ROLES, {"roles": [UGA]})) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"search": "x" * 101}, "`search` holds at most 100 characters."),
        ({"first": 101}, "`first` must be between 0 and 100."),
        ({"after": "not-a-cursor"}, "The cursor `after` is not one this list gave out."),
        ({"roles": ["HELP_DESK"] * 101}, "`roles` holds at most 100 kinds."),
    ],
)
async def test_bad_role_assignment_arguments_are_refused_by_name(
    world: World, arguments: dict[str, Any], message: str
) -> None:
    answer = await world.founder.gql(ROLES, arguments)
    assert [(e["message"], e["path"], e["extensions"]["code"]) for e in answer["errors"]] == [
        (message, ["viewer", "roleAssignments"], "BAD_USER_INPUT")
    ]


async def test_statements_per_page_do_not_grow_with_the_page(world: World, sql_statements: StatementCounter) -> None:
    counts = {}
    for first in (1, 8):
        before = sql_statements.count
        await _associations(world.founder, world.company_id, first=first, search="", state="MD")
        counts[("associations", first)] = sql_statements.count - before
        before = sql_statements.count
        await world.founder.data(ROLES, {"first": first})
        counts[("roles", first)] = sql_statements.count - before
    # associations: the session, the viewer's roles (actor), the company (node), the page with its count, the counts;
    # roles: the session, the page, its count (one's own roles need no authority)
    assert counts == {("associations", 1): 5, ("associations", 8): 5, ("roles", 1): 3, ("roles", 8): 3}


EXPLAINED = (
    "roles",
    "groupsWithoutAdministrator",
    "organizationsWithoutSecurityOfficial",
    "organizationsWithoutAnyOfficial",
    "companiesWithoutAdministrator",
    "requestsWithoutApprover",
)
EXPLANATION = (
    "query($first: Int) { viewer { decisionRights(first: $first) { relation becauseOf { id } } decisionRightCount "
    "departureImpact { "
    + " ".join(f"{name}(first: $first) {{ id }} {'role' if name == 'roles' else name}Count" for name in EXPLAINED)
    + " } } }"
)


async def test_each_list_of_an_explanation_gives_its_first_items_and_counts_them_all(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The administrator holds a role per group the company serves (2,000 in the bench's world): each list of their
    explanation (My roles, "What you can decide" and "If you left") gives its first `first` items, 20 when omitted,
    and a count of all, so that no answer carries a row per organization."""
    worked_out: list[int] = []
    real_decision_rights = explain.decision_rights

    def counting_decision_rights(roles: Any, status: Any) -> Any:
        worked_out.append(len(roles))
        return real_decision_rights(roles, status)

    monkeypatch.setattr(explain, "decision_rights", counting_decision_rights)
    whole = (await world.founder.data(EXPLANATION, {"first": 100}))["viewer"]
    assert worked_out == [5]  # once for the list and its count
    assert (await world.founder.data(EXPLANATION))["viewer"] == whole  # 20 when omitted: more than they hold
    counts = {"rights": whole["decisionRightCount"]} | {
        name: whole["departureImpact"]["roleCount" if name == "roles" else f"{name}Count"] for name in EXPLAINED
    }
    assert counts == {  # a UGA role in each of the 4 approved surrogate groups, and the company's own
        "rights": 5,
        "roles": 5,
        "groupsWithoutAdministrator": 4,
        "organizationsWithoutSecurityOfficial": 0,
        "organizationsWithoutAnyOfficial": 0,
        "companiesWithoutAdministrator": 1,
        "requestsWithoutApprover": 0,
    }
    assert len(whole["decisionRights"]) == whole["decisionRightCount"]
    for name in EXPLAINED:
        assert len(whole["departureImpact"][name]) == counts[name], name

    two = (await world.founder.data(EXPLANATION, {"first": 2}))["viewer"]
    assert two["decisionRights"] == whole["decisionRights"][:2]
    assert two["decisionRightCount"] == counts["rights"]
    for name in EXPLAINED:
        assert two["departureImpact"][name] == whole["departureImpact"][name][:2], name
    assert {key: value for key, value in two["departureImpact"].items() if key.endswith("Count")} == {
        key: value for key, value in whole["departureImpact"].items() if key.endswith("Count")
    }


@pytest.mark.parametrize("first", [101, -1])
async def test_a_list_of_an_explanation_refuses_more_than_a_page(world: World, first: int) -> None:
    body = await world.founder.gql(EXPLANATION, {"first": first})
    assert body["data"] == {"viewer": None}, body
    assert {(e["message"], e["extensions"]["code"]) for e in body["errors"]} == {
        ("`first` must be between 0 and 100.", "BAD_USER_INPUT")
    }
