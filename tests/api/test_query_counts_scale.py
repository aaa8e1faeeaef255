"""Issue 16: SQL statements per request stay the same whatever the page size, also for a billing company serving
2,000 organizations and its administrator holding 2,001 roles (docs/performance.md; R17, R18).

The world is written with a few bulk INSERT ... SELECT statements (not thousands of API calls), so that it stays
fast: a company serving `served` organizations (an approved CREATE_SURROGATE_USER_GROUP request each, decided by one
of 10 people, its surrogate group, and the administrator's UGA role for it), 200 more organizations whose latest
request is pending, denied, cancelled or expired, and the administrator's own role for the company.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.people import People, Person
from tests.conftest import START, StatementCounter

# The dashboard page as the bench asks it (bench/operations.py, OURS_BIG_DASHBOARD): status, the decision, the group.
DASHBOARD = """query($first: Int!) { surrogateCompanies { id name tinLast4
  associations(first: $first) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { status organization { id legalBusinessName city state npi } userGroup { id name kind }
      request { id trackingNumber createdAt decidedAt reason decidedBy { id name } } } } } } }"""
# The SPA's page of a company's associations (frontend/src/features/billing/api/billing.ts, CompanyAssociations):
# besides, each group's first members and each request's approvers.
SPA_DASHBOARD = """query($companyId: ID!, $first: Int) { node(id: $companyId) { ... on SurrogateCompany { id
  associations(first: $first) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { status organization { id legalBusinessName city state npi }
      userGroup { id name members(first: 5) { totalCount edges { node { id name email } } } }
      request { id trackingNumber createdAt decidedAt reason decidedBy { id name } approvers { id name } } } } }
  } } }"""
# "My roles" a page at a time (frontend/src/features/roles/api/my-roles.ts).
ROLES_PAGE = """query($first: Int) { viewer { id roleAssignments(first: $first) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id role status grantedAt certifyBy canRevoke organization { id legalBusinessName kind }
    userGroup { id name kind } company { id name } application { id name } grantedBy { id name } } } } } }"""
# "My roles" in one answer, as the SPA asked it before its roles came a page at a time: every role, no pages.
VIEWER = """query { viewer { id userId name email community emailVerified
  roles { id role status grantedAt certifyBy canRevoke
    organization { id legalBusinessName kind } userGroup { id name kind } company { id name }
    application { id name } grantedBy { id name } } } }"""

# Pinned. Dashboard: the session, the companies, whether the viewer reads them in full (their administrator: not all
# 2,001 roles), the page (with its count, the organizations, groups and requests joined), one batch for the deciders
# (decidedBy).
DASHBOARD_STATEMENTS = 5
# The SPA's page: the session, the actor's roles, the company (node), the page, the deciders, the groups' first
# members (one batch for every group of the page), then the contact policy for the members' e-mail addresses
# (docs/visibility.md): whose pending request the viewer may decide, the members' roles with their groups' companies.
SPA_DASHBOARD_STATEMENTS = 8
# Roles page: the session, the page, its count (one's own roles need no authority).
ROLES_PAGE_STATEMENTS = 3
# Viewer: the session, the roles (organizations, groups, companies, applications and grantedBy joined).
VIEWER_STATEMENTS = 2

OTHER_STATUSES = (("PENDING", 100), ("DENIED", 40), ("CANCELLED", 30), ("EXPIRED", 30))
_tags = itertools.count(1)


async def billing_world(factory: async_sessionmaker[AsyncSession], admin: Person, served: int, others: int) -> str:
    """A company administered by `admin`, serving `served` organizations, `others` more asked; its name."""
    n = next(_tags)
    tag = f"qc{n}-{uuid.uuid4().hex[:6]}"
    company = uuid.uuid5(uuid.NAMESPACE_URL, tag)
    name = f"Scale Billing {tag}"
    pending, denied, cancelled, _expired = (n * others // 200 for _, n in OTHER_STATUSES)
    parameters: dict[str, Any] = {
        "tag": tag,
        "base": n * 10_000,  # NPIs and TINs of the organizations: distinct across worlds
        "company": company,
        "name": name,
        "admin": admin.pk,
        "served": served,
        "total": served + others,
        "pending": served + pending,
        "denied": served + pending + denied,
        "cancelled": served + pending + denied + cancelled,
        "start": START,
        "certify_by": START + timedelta(days=364),
    }
    statements = [
        # 10 deciders (the organizations' officials who approved), so that decidedBy names several people
        """INSERT INTO users (id, user_id, email, name, community, password_hash, status, email_verified_at,
                              terms_accepted_at)
           SELECT md5(:tag || 'decider' || i)::uuid, upper(substr(md5(:tag || 'uid' || i), 1, 8)),
                  :tag || '.decider' || i || '@example.org', 'Decider ' || i, 'PROVIDER_SUPPLIER', 'x', 'ACTIVE',
                  CAST(:start AS timestamptz), CAST(:start AS timestamptz)
           FROM generate_series(0, 9) i""",
        "INSERT INTO surrogate_companies (id, name, tin) VALUES (:company, :name, lpad((:base + 7)::text, 9, '8'))",
        """INSERT INTO organizations (id, legal_business_name, kind, provider_type, community, npi, tin, address_line1,
                                      city, state, zip, status, decided_at)
           SELECT md5(:tag || 'org' || i)::uuid, 'Client ' || lpad(i::text, 5, '0') || ' Clinic ' || :tag,
                  'PROVIDER', 'HOSPITAL', 'PROVIDER_SUPPLIER', '17' || lpad((:base + i)::text, 8, '0'),
                  '27' || lpad((:base + i)::text, 7, '0'), i || ' Main Street', 'Springfield', 'MD', '21201',
                  'APPROVED', CAST(:start AS timestamptz)
           FROM generate_series(0, :total - 1) i""",
        """INSERT INTO user_groups (id, organization_id, kind, company_id, name)
           SELECT md5(:tag || 'group' || i)::uuid, md5(:tag || 'org' || i)::uuid, 'SURROGATE', :company,
                  :name || ' for client ' || i
           FROM generate_series(0, :served - 1) i""",
        """INSERT INTO access_requests (id, tracking_number, kind, status, requester_id, organization_id, user_group_id,
                                        company_id, approver_relation, created_at, expires_at, decided_at,
                                        decided_by_id, reason)
           SELECT md5(:tag || 'request' || i)::uuid, 'QC-' || :tag || '-' || i, 'CREATE_SURROGATE_USER_GROUP',
                  s.status, :admin, md5(:tag || 'org' || i)::uuid,
                  CASE WHEN i < :served THEN md5(:tag || 'group' || i)::uuid END, :company, 'ORGANIZATION_OFFICIALS',
                  CAST(:start AS timestamptz) - interval '3 days' - i * interval '1 minute',
                  CAST(:start AS timestamptz) + interval '27 days' - i * interval '1 minute',
                  CASE WHEN s.status <> 'PENDING' THEN CAST(:start AS timestamptz) - interval '1 day' END,
                  CASE WHEN s.status IN ('APPROVED', 'DENIED') THEN md5(:tag || 'decider' || (i % 10))::uuid END,
                  CASE WHEN s.status = 'DENIED' THEN 'Not a client of ours.' END
           FROM generate_series(0, :total - 1) i,
                LATERAL (SELECT CASE WHEN i < :served THEN 'APPROVED' WHEN i < :pending THEN 'PENDING'
                                     WHEN i < :denied THEN 'DENIED' WHEN i < :cancelled THEN 'CANCELLED'
                                     ELSE 'EXPIRED' END::request_status AS status) s""",
        # R18: the requester administers each surrogate group; R35: and the company itself
        """INSERT INTO role_assignments (user_id, role, status, organization_id, user_group_id, company_id, request_id,
                                         granted_at, granted_by_id, certify_by)
           SELECT :admin, 'USER_GROUP_ADMINISTRATOR', 'ACTIVE', md5(:tag || 'org' || i)::uuid,
                  md5(:tag || 'group' || i)::uuid, :company, md5(:tag || 'request' || i)::uuid,
                  CAST(:start AS timestamptz) - interval '1 day' - i * interval '1 second',
                  md5(:tag || 'decider' || (i % 10))::uuid,
                  CAST(:certify_by AS timestamptz)
           FROM generate_series(0, :served - 1) i""",
        """INSERT INTO role_assignments (user_id, role, status, company_id, request_id, granted_at, certify_by)
           VALUES (:admin, 'USER_GROUP_ADMINISTRATOR', 'ACTIVE', :company, md5(:tag || 'request' || 0)::uuid,
                   CAST(:start AS timestamptz) - interval '2 days', CAST(:certify_by AS timestamptz))""",
    ]
    # each surrogate group has two of 10 staff as members (R13: END_USER of the group)
    statements += [
        """INSERT INTO users (id, user_id, email, name, community, password_hash, status, email_verified_at,
                              terms_accepted_at)
           SELECT md5(:tag || 'staff' || i)::uuid, upper(substr(md5(:tag || 'suid' || i), 1, 8)),
                  :tag || '.staff' || i || '@example.org', 'Staff ' || i, 'PROVIDER_SUPPLIER', 'x', 'ACTIVE',
                  CAST(:start AS timestamptz), CAST(:start AS timestamptz)
           FROM generate_series(0, 9) i""",
        """INSERT INTO access_requests (id, tracking_number, kind, status, requester_id, organization_id, user_group_id,
                                        approver_relation, created_at, expires_at, decided_at, decided_by_id)
           SELECT md5(:tag || 'join' || i || '-' || k)::uuid, 'QM-' || :tag || '-' || i || '-' || k,
                  'JOIN_USER_GROUP', 'APPROVED', md5(:tag || 'staff' || ((i + k) % 10))::uuid,
                  md5(:tag || 'org' || i)::uuid, md5(:tag || 'group' || i)::uuid, 'GROUP_ADMINISTRATORS',
                  CAST(:start AS timestamptz) - interval '2 days', CAST(:start AS timestamptz) + interval '28 days',
                  CAST(:start AS timestamptz) - interval '1 day', :admin
           FROM generate_series(0, :served - 1) i, generate_series(0, 1) k""",
        """INSERT INTO role_assignments (user_id, role, status, organization_id, user_group_id, request_id, granted_at,
                                         granted_by_id, certify_by)
           SELECT md5(:tag || 'staff' || ((i + k) % 10))::uuid, 'END_USER', 'ACTIVE', md5(:tag || 'org' || i)::uuid,
                  md5(:tag || 'group' || i)::uuid, md5(:tag || 'join' || i || '-' || k)::uuid,
                  CAST(:start AS timestamptz) - interval '1 day', :admin, CAST(:certify_by AS timestamptz)
           FROM generate_series(0, :served - 1) i, generate_series(0, 1) k""",
    ]
    async with factory() as db:
        for statement in statements:
            await db.execute(text(statement), parameters)
        await db.commit()
    return name


async def _company_id(person: Person) -> str:
    data = await person.data("{ surrogateCompanies { id } }")
    (company,) = data["surrogateCompanies"]
    company_id: str = company["id"]
    return company_id


async def _count(person: Person, query: str, counter: StatementCounter, **variables: Any) -> tuple[int, Any]:
    before = counter.count
    data = await person.data(query, variables)
    return counter.count - before, data


async def test_dashboard_page_of_50_costs_what_a_page_of_5_does(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: a company serving 2,000 organizations, 200 more asked
    admin = await people.make("Dashboard Admin")
    name = await billing_world(session_factory, admin, served=2000, others=200)

    # when: the first 5, then the first 50, then 100 (the most a page holds)
    counts = {}
    pages = {}
    for first in (5, 50, 100):
        counts[first], data = await _count(admin, DASHBOARD, sql_statements, first=first)
        (company,) = data["surrogateCompanies"]
        assert company["name"] == name
        pages[first] = company["associations"]

    # then: every page fully resolved, in organization name order (pending and refused ones sort among them)
    for first, page in pages.items():
        assert page["totalCount"] == 2200
        assert page["pageInfo"]["hasNextPage"] is True
        assert len(page["edges"]) == first
    nodes = [edge["node"] for edge in pages[100]["edges"]]
    assert [node["organization"]["legalBusinessName"].split()[1] for node in nodes] == [f"{i:05d}" for i in range(100)]
    assert {node["status"] for node in nodes} == {"APPROVED"}
    assert all(node["userGroup"]["kind"] == "SURROGATE" for node in nodes)
    assert [node["request"]["decidedBy"]["name"] for node in nodes[:12]] == [f"Decider {i % 10}" for i in range(12)]
    assert counts == {5: DASHBOARD_STATEMENTS, 50: DASHBOARD_STATEMENTS, 100: DASHBOARD_STATEMENTS}


async def test_my_roles_cost_the_same_with_20_roles_and_with_2001(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: an administrator of a company serving 19 organizations (20 roles), another serving 2,000 (2,001 roles)
    small, large = await people.make("Small Admin"), await people.make("Large Admin")
    await billing_world(session_factory, small, served=19, others=0)
    await billing_world(session_factory, large, served=2000, others=200)

    # when: each asks for "my roles" in one answer (every role, no pages)
    counts = {}
    roles = {}
    for label, person in (("small", small), ("large", large)):
        counts[label], data = await _count(person, VIEWER, sql_statements)
        roles[label] = data["viewer"]["roles"]

    # then: every role, with its group, company and who granted it
    assert [len(roles["small"]), len(roles["large"])] == [20, 2001]
    for role in roles["large"]:
        assert role["role"] == "USER_GROUP_ADMINISTRATOR"
        assert role["company"]["name"].startswith("Scale Billing ")
    assert sum(role["userGroup"] is not None for role in roles["large"]) == 2000
    assert sorted({role["grantedBy"]["name"] for role in roles["large"] if role["grantedBy"]}) == [
        f"Decider {i}" for i in range(10)
    ]
    assert counts == {"small": VIEWER_STATEMENTS, "large": VIEWER_STATEMENTS}


async def test_the_spa_dashboard_page_of_50_costs_what_a_page_of_5_does(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: a company serving 2,000 organizations, each surrogate group with two members
    admin = await people.make("Page Admin")
    await billing_world(session_factory, admin, served=2000, others=200)
    company_id = await _company_id(admin)

    # when: the SPA's page of 5, then of 50
    counts = {}
    pages = {}
    for first in (5, 50):
        counts[first], data = await _count(admin, SPA_DASHBOARD, sql_statements, companyId=company_id, first=first)
        pages[first] = data["node"]["associations"]

    # then: each group's first members, by name, and how many it has
    for first, page in pages.items():
        assert page["totalCount"] == 2200
        assert len(page["edges"]) == first
    for i, edge in enumerate(pages[50]["edges"]):
        members = edge["node"]["userGroup"]["members"]
        assert members["totalCount"] == 2
        assert [m["node"]["name"] for m in members["edges"]] == sorted([f"Staff {i % 10}", f"Staff {(i + 1) % 10}"])
        assert edge["node"]["request"]["approvers"] == []  # approved: nobody decides it any more
    assert counts == {5: SPA_DASHBOARD_STATEMENTS, 50: SPA_DASHBOARD_STATEMENTS}


async def test_a_page_of_my_roles_costs_the_same_with_20_roles_and_with_2001(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: administrators holding 20 and 2,001 roles
    small, large = await people.make("Small Pager"), await people.make("Large Pager")
    await billing_world(session_factory, small, served=19, others=0)
    await billing_world(session_factory, large, served=2000, others=200)

    # when: each reads "my roles" a page of 50 at a time, the large one also a page of 5 and of 100
    counts = {}
    pages = {}
    for label, person, first in (
        ("small", small, 50),
        ("large", large, 5),
        ("large", large, 50),
        ("large", large, 100),
    ):
        counts[(label, first)], data = await _count(person, ROLES_PAGE, sql_statements, first=first)
        pages[(label, first)] = data["viewer"]["roleAssignments"]

    # then
    assert pages[("small", 50)]["totalCount"] == 20
    assert len(pages[("small", 50)]["edges"]) == 20
    assert pages[("small", 50)]["pageInfo"]["hasNextPage"] is False
    for first in (5, 50, 100):
        page = pages[("large", first)]
        assert page["totalCount"] == 2001
        assert len(page["edges"]) == first
        assert page["pageInfo"]["hasNextPage"] is True
    assert counts == {
        ("small", 50): ROLES_PAGE_STATEMENTS,
        ("large", 5): ROLES_PAGE_STATEMENTS,
        ("large", 50): ROLES_PAGE_STATEMENTS,
        ("large", 100): ROLES_PAGE_STATEMENTS,
    }
