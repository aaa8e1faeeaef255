"""SQL statements per list query do not grow with the rows (docs/performance.md).

Each list is read once with 2 rows and once with 40, every row pointing at its own organization, group,
company, application and people, so that a field resolved row by row (N+1) would show as a count that grows.
The counts are pinned: a new statement per request is a visible change, not a silent one.
"""

from __future__ import annotations

import itertools
import json
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.auth.tokens import new_user_id
from iacs.config import DEFAULT_TRUSTED_DOCUMENTS
from iacs.domain.accounts.models import User
from iacs.domain.applications.models import Application
from iacs.domain.enums import (
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
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.queries import RequestPage, first_request_pages, requests_of_person
from iacs.domain.requests.routing import ApproverRelation
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany
from tests.api.people import People, Person, _password_hash, tin, valid_npi
from tests.conftest import START, StatementCounter

ROW_COUNTS = (2, 40)
QUEUE_WITH_EVERYTHING = """
query { approvalQueue(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
  id trackingNumber kind status canDecide createdAt
  requester { id name } organization { id legalBusinessName status } userGroup { id name kind }
  company { id name } application { code } approvers { id name } } } } }"""
ROLES_WITH_EVERYTHING = """
{ viewer { roles { id role status grantedAt organization { id legalBusinessName } userGroup { id name kind }
  company { id name } application { code } grantedBy { id name } request { trackingNumber status } } } }"""

# Pinned. Queue: the session, the viewer's roles, the page (with its count, requesters, organizations and
# groups joined: docs/performance.md), then one batch each for companies, applications and approvers.
QUEUE_STATEMENTS = 6
ASSOCIATIONS_WITH_EVERYTHING = """
{ surrogateCompanies { id name associations(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges {
  cursor node { status organization { id legalBusinessName } userGroup { id name kind }
  request { id trackingNumber status } } } } } }"""
# Associations: the session, the companies, whether the viewer reads them in full (not all their roles), the page
# (with its count, the organizations, groups and requests joined).
ASSOCIATIONS_STATEMENTS = 4
# Roles: the session, the roles list (organizations, groups, companies, applications and grantedBy people
# joined; one's own roles need not load one's authority), then one batch for the requests.
ROLES_STATEMENTS = 3

_seeds = itertools.count(1)


class Scopes:
    """Makes one organization, group, company, application and person per row, all distinct."""

    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def user(self, name: str) -> User:
        user = User(
            user_id=new_user_id(),
            email=f"{name.lower().replace(' ', '.')}.{uuid.uuid4().hex[:8]}@example.org",
            name=name,
            community=Community.PROVIDER_SUPPLIER,
            password_hash=_password_hash(),
            terms_accepted_at=START,
            email_verified_at=START,
        )
        self.db.add(user)
        await self.db.flush()
        return user

    async def organization(self) -> Organization:
        seed = next(_seeds)
        org = Organization(
            legal_business_name=f"Hospital {seed}",
            kind=OrganizationKind.PROVIDER,
            provider_type=ProviderType.HOSPITAL,
            community=Community.PROVIDER_SUPPLIER,
            npi=valid_npi(5000 + seed),
            tin=tin(5000 + seed),
            address_line1="1 Main Street",
            city="Springfield",
            state="IL",
            zip="62701",
            status=OrganizationStatus.APPROVED,
            decided_at=START,
        )
        self.db.add(org)
        await self.db.flush()
        return org

    async def group(self, org: Organization, company: SurrogateCompany | None = None) -> UserGroup:
        group = UserGroup(
            organization_id=org.id,
            kind=UserGroupKind.SURROGATE if company is not None else UserGroupKind.PROVIDER,
            company_id=company.id if company is not None else None,
            name=f"Group of {org.legal_business_name}",
        )
        self.db.add(group)
        await self.db.flush()
        return group

    async def company(self) -> SurrogateCompany:
        seed = next(_seeds)
        company = SurrogateCompany(name=f"Billing {seed}", tin=tin(9000 + seed))
        self.db.add(company)
        await self.db.flush()
        return company

    async def application(self) -> Application:
        code = f"QN-{uuid.uuid4().hex[:8]}"
        application = Application(code=code, name=f"Application {code}", open=True)
        self.db.add(application)
        await self.db.flush()
        return application

    async def request(
        self,
        requester: uuid.UUID,
        kind: RequestKind,
        relation: ApproverRelation,
        *,
        status: RequestStatus = RequestStatus.PENDING,
        org: Organization,
        group: UserGroup | None = None,
        company: SurrogateCompany | None = None,
        application: Application | None = None,
        decided_by: uuid.UUID | None = None,
    ) -> AccessRequest:
        created_at = START - timedelta(minutes=next(_seeds))
        request = AccessRequest(
            tracking_number=f"QN-{uuid.uuid4().hex[:12]}",
            kind=kind,
            status=status,
            requester_id=requester,
            organization_id=org.id,
            user_group_id=group.id if group is not None else None,
            company_id=company.id if company is not None else None,
            application_id=application.id if application is not None else None,
            approver_relation=relation.value,
            created_at=created_at,
            expires_at=created_at + timedelta(days=30),
            decided_at=None if status == RequestStatus.PENDING else START,
            decided_by_id=decided_by,
        )
        self.db.add(request)
        await self.db.flush()
        return request

    async def role(
        self,
        holder: uuid.UUID,
        role: Role,
        request: AccessRequest,
        *,
        granted_by: uuid.UUID | None = None,
    ) -> None:
        self.db.add(
            RoleAssignment(
                user_id=holder,
                role=role,
                organization_id=request.organization_id,
                user_group_id=request.user_group_id,
                company_id=request.company_id,
                application_id=request.application_id,
                request_id=request.id,
                granted_at=START - timedelta(days=1),
                granted_by_id=granted_by,
                certify_by=START + timedelta(days=364),
            )
        )
        await self.db.flush()


async def _count(person: Person, query: str, counter: StatementCounter) -> tuple[int, dict[str, Any]]:
    before = counter.count
    data = await person.data(query)
    return counter.count - before, data


async def add_queue_rows(factory: async_sessionmaker[AsyncSession], approver: Person, start: int, stop: int) -> None:
    """Rows start..stop-1 of the approver's queue: each a request to join another group of another organization.

    Even rows ask to join a provider group the approver administers (GROUP_ADMINISTRATORS); odd rows ask the
    approver, as the organization's Security Official, for an application for a surrogate group of a company.
    """
    async with factory() as db:
        make = Scopes(db)
        for i in range(start, stop):
            org = await make.organization()
            requester = await make.user(f"Requester {i}")
            if i % 2 == 0:
                group = await make.group(org)
                granted = await make.request(
                    approver.pk,
                    RequestKind.ADMINISTER_USER_GROUP,
                    ApproverRelation.ORGANIZATION_OFFICIALS,
                    status=RequestStatus.APPROVED,
                    org=org,
                    group=group,
                )
                await make.role(approver.pk, Role.USER_GROUP_ADMINISTRATOR, granted)
                await make.request(
                    requester.id,
                    RequestKind.JOIN_USER_GROUP,
                    ApproverRelation.GROUP_ADMINISTRATORS,
                    org=org,
                    group=group,
                )
            else:
                registered = await make.request(
                    approver.pk,
                    RequestKind.REGISTER_ORGANIZATION,
                    ApproverRelation.HELP_DESK,
                    status=RequestStatus.APPROVED,
                    org=org,
                )
                await make.role(approver.pk, Role.SECURITY_OFFICIAL, registered)
                company = await make.company()
                group = await make.group(org, company)
                await make.request(
                    requester.id,
                    RequestKind.APPLICATION_ACCESS,
                    ApproverRelation.ORGANIZATION_OFFICIALS,
                    org=org,
                    group=group,
                    company=company,
                    application=await make.application(),
                )
        await db.commit()


async def add_role_rows(factory: async_sessionmaker[AsyncSession], holder: Person, start: int, stop: int) -> None:
    """Roles start..stop-1 of `holder`, each in its own organization and group, granted by its own person.

    Even rows: end user of a provider group with access to an application; odd rows: UGA of a surrogate group
    (organization, group and company set).
    """
    async with factory() as db:
        make = Scopes(db)
        for i in range(start, stop):
            org = await make.organization()
            approver = await make.user(f"Approver {i}")
            if i % 2 == 0:
                group = await make.group(org)
                request = await make.request(
                    holder.pk,
                    RequestKind.APPLICATION_ACCESS,
                    ApproverRelation.GROUP_ADMINISTRATORS,
                    status=RequestStatus.APPROVED,
                    org=org,
                    group=group,
                    application=await make.application(),
                    decided_by=approver.id,
                )
                await make.role(holder.pk, Role.END_USER, request, granted_by=approver.id)
            else:
                company = await make.company()
                group = await make.group(org, company)
                request = await make.request(
                    holder.pk,
                    RequestKind.CREATE_SURROGATE_USER_GROUP,
                    ApproverRelation.ORGANIZATION_OFFICIALS,
                    status=RequestStatus.APPROVED,
                    org=org,
                    group=group,
                    company=company,
                    decided_by=approver.id,
                )
                await make.role(holder.pk, Role.USER_GROUP_ADMINISTRATOR, request, granted_by=approver.id)
        await db.commit()


async def test_queue_statements_do_not_grow_with_rows(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: an approver whose queue has 2 rows, then 40, each with its own requester, organization and group
    approver = await people.make("Queue Approver")
    counts: dict[int, int] = {}
    made = 0
    for rows in ROW_COUNTS:
        await add_queue_rows(session_factory, approver, made, rows)
        made = rows

        # when
        statements, data = await _count(approver, QUEUE_WITH_EVERYTHING, sql_statements)

        # then: every row is there, fully resolved
        queue = data["approvalQueue"]
        assert queue["totalCount"] == rows
        assert len(queue["edges"]) == rows
        for edge in queue["edges"]:
            node = edge["node"]
            assert node["canDecide"] is True
            assert node["approvers"] == [{"id": node["approvers"][0]["id"], "name": "Queue Approver"}]
            assert node["organization"] is not None
            assert node["userGroup"] is not None
        assert sum(edge["node"]["company"] is not None for edge in queue["edges"]) == rows // 2
        counts[rows] = statements

    assert counts == {2: QUEUE_STATEMENTS, 40: QUEUE_STATEMENTS}


def _spa_document(operation: str) -> str:
    """The text of the SPA's trusted document that defines `query <operation>` (what the SPA sends by id)."""
    manifest: dict[str, str] = json.loads(DEFAULT_TRUSTED_DOCUMENTS.read_text())
    (text,) = [text for text in manifest.values() if f"query {operation}(" in text]
    return text


# The SPA's queue page also asks each requester's latest requests (`requests(first: 6)`) and roles: those come in one
# batch each for the whole page, not per row (before, 2 statements a row).
SPA_QUEUE_STATEMENTS = 8


async def test_the_spa_queue_page_statements_do_not_grow_with_rows(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: the same queue of 2, then 40 rows, read with the document the SPA sends
    approver = await people.make("Queue Approver")
    document = _spa_document("ApprovalQueue")
    counts: dict[int, int] = {}
    made = 0
    for rows in ROW_COUNTS:
        await add_queue_rows(session_factory, approver, made, rows)
        made = rows

        before = sql_statements.count
        data = await approver.data(document, {"first": 100})
        counts[rows] = sql_statements.count - before

        # then: every row has its requester's one request (this one, pending) and no roles
        edges = data["approvalQueue"]["edges"]
        assert len(edges) == rows
        for edge in edges:
            node = edge["node"]
            mine = node["requester"]["requests"]
            assert mine["totalCount"] == 1
            assert [e["node"]["id"] for e in mine["edges"]] == [node["id"]]
            assert [e["node"]["status"] for e in mine["edges"]] == ["PENDING"]
            assert node["requester"]["roles"] == []

    assert counts == {2: SPA_QUEUE_STATEMENTS, 40: SPA_QUEUE_STATEMENTS}


async def test_the_batched_first_pages_of_requests_are_each_persons_own(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # given: three people with 9 (3 pending), 2 and 0 requests, two of them created at the same time
    async with session_factory() as db:
        make = Scopes(db)
        busy, light, idle = [await make.user(name) for name in ("Busy Asker", "Light Asker", "Idle Asker")]

        async def ask(person: User, status: RequestStatus = RequestStatus.PENDING) -> AccessRequest:
            org = await make.organization()  # a scope of its own: one pending request per scope
            return await make.request(
                person.id,
                RequestKind.JOIN_USER_GROUP,
                ApproverRelation.GROUP_ADMINISTRATORS,
                status=status,
                org=org,
                group=await make.group(org),
            )

        for i in range(9):
            await ask(busy, RequestStatus.PENDING if i % 3 == 0 else RequestStatus.APPROVED)
        twins = [await ask(light), await ask(light)]
        twins[1].created_at = twins[0].created_at  # same time: the id decides, as in the one-person query
        await db.commit()

    # when: the first pages of all three at once, and of each alone (the query a later page uses)
    async with session_factory() as db:
        for status, first in ((None, 6), (RequestStatus.PENDING, 2), (None, 1)):
            batched = await first_request_pages(db, [busy.id, light.id, idle.id], status=status, first=first)
            alone = {
                person: await requests_of_person(db, person, status=status, first=first, after=None)
                for person in (busy.id, light.id, idle.id)
            }

            # then: the same rows in the same order, the same next-page flag and total, for each person
            def summary(page: RequestPage) -> tuple[list[uuid.UUID], bool, int]:
                return [r.id for r in page.rows], page.has_next, page.total

            assert {p: summary(page) for p, page in batched.items()} == {p: summary(page) for p, page in alone.items()}
            assert summary(batched[idle.id]) == ([], False, 0)
        assert summary(batched[busy.id])[1:] == (True, 9)  # first=1 of 9


async def test_roles_statements_do_not_grow_with_rows(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: a person holding 2 roles, then 40, each in its own organization, group and company, each
    # granted by its own approver through its own request
    holder = await people.make("Role Holder")
    counts: dict[int, int] = {}
    made = 0
    for rows in ROW_COUNTS:
        await add_role_rows(session_factory, holder, made, rows)
        made = rows

        # when
        statements, data = await _count(holder, ROLES_WITH_EVERYTHING, sql_statements)

        # then
        roles = data["viewer"]["roles"]
        assert len(roles) == rows
        for role in roles:
            assert role["organization"] is not None
            assert role["userGroup"] is not None
            assert role["grantedBy"]["name"].startswith("Approver ")
            assert role["request"]["status"] == "APPROVED"
        assert sum(role["company"] is not None for role in roles) == rows // 2
        assert sum(role["application"] is not None for role in roles) == rows // 2
        counts[rows] = statements

    assert counts == {2: ROLES_STATEMENTS, 40: ROLES_STATEMENTS}


async def add_associations(
    factory: async_sessionmaker[AsyncSession], company: SurrogateCompany, founder: Person, start: int, stop: int
) -> None:
    """Associations start..stop-1 of `company`, each with its own organization; even ones approved (their
    surrogate group exists), odd ones pending. The first one's request made the founder the company's UGA."""
    async with factory() as db:
        make = Scopes(db)
        for i in range(start, stop):
            org = await make.organization()
            approved = i % 2 == 0
            request = await make.request(
                founder.pk,
                RequestKind.CREATE_SURROGATE_USER_GROUP,
                ApproverRelation.ORGANIZATION_OFFICIALS,
                status=RequestStatus.APPROVED if approved else RequestStatus.PENDING,
                org=org,
                group=await make.group(org, company) if approved else None,
                company=company,
            )
            if i == 0:
                db.add(
                    RoleAssignment(
                        user_id=founder.pk,
                        role=Role.USER_GROUP_ADMINISTRATOR,
                        company_id=company.id,
                        request_id=request.id,
                        granted_at=START - timedelta(days=1),
                        certify_by=START + timedelta(days=364),
                    )
                )
        await db.commit()


async def test_association_statements_do_not_grow_with_rows(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: the founder (company UGA) of a billing company with 2 associations, then 40
    founder = await people.make("Billing Founder")
    async with session_factory() as db:
        company = await Scopes(db).company()
        await db.commit()
    counts: dict[int, int] = {}
    made = 0
    for rows in ROW_COUNTS:
        await add_associations(session_factory, company, founder, made, rows)
        made = rows

        # when
        statements, data = await _count(founder, ASSOCIATIONS_WITH_EVERYTHING, sql_statements)

        # then: one association per organization, fully resolved
        (listed,) = data["surrogateCompanies"]
        associations = listed["associations"]
        assert associations["totalCount"] == rows
        assert len(associations["edges"]) == rows
        assert sorted(edge["node"]["status"] for edge in associations["edges"]) == sorted(
            ["APPROVED", "PENDING"] * (rows // 2)
        )
        for edge in associations["edges"]:
            node = edge["node"]
            assert node["organization"]["legalBusinessName"].startswith("Hospital ")
            assert (node["userGroup"] is not None) == (node["status"] == "APPROVED")
            assert node["request"]["status"] == node["status"]
        counts[rows] = statements

        # past the last page: no edges, and still the whole list's length (counted on its own)
        after_last = await founder.data(
            """query($after: String) { surrogateCompanies { associations(first: 100, after: $after) {
              totalCount edges { cursor } } } }""",
            {"after": associations["pageInfo"]["endCursor"]},
        )
        assert after_last["surrogateCompanies"][0]["associations"] == {"totalCount": rows, "edges": []}

    assert counts == {2: ASSOCIATIONS_STATEMENTS, 40: ASSOCIATIONS_STATEMENTS}


QUEUE_WITH_CONTACTS = """
query { approvalQueue(first: 100) { edges { node { id requester { id name email userId } } } } }"""
# The contact policy (docs/visibility.md) for the requesters costs nothing more than the queue's own statements (the
# session, the roles, the page): everyone who asked a request of the page waits for the viewer's decision.
QUEUE_CONTACT_STATEMENTS = 3


async def test_contact_fields_cost_one_batch_whatever_the_rows(
    people: People, session_factory: async_sessionmaker[AsyncSession], sql_statements: StatementCounter
) -> None:
    # given: an approver whose queue has 2 rows, then 40, each with its own requester
    approver = await people.make("Contact Approver")
    counts: dict[int, int] = {}
    made = 0
    for rows in ROW_COUNTS:
        await add_queue_rows(session_factory, approver, made, rows)
        made = rows

        # when
        statements, data = await _count(approver, QUEUE_WITH_CONTACTS, sql_statements)

        # then: the approver reaches every requester (they wait for the approver's decision)
        edges = data["approvalQueue"]["edges"]
        assert len(edges) == rows
        assert all(e["node"]["requester"]["email"] and e["node"]["requester"]["userId"] for e in edges)
        counts[rows] = statements

    assert counts == {2: QUEUE_CONTACT_STATEMENTS, 40: QUEUE_CONTACT_STATEMENTS}
