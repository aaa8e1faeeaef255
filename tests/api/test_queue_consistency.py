"""Lists agree with checks (docs/reliability.md, R24): the approval queue is exactly what canDecide allows.

A property test over random worlds of organizations (approved and pending, providers and individual
practitioners), user groups (provider and surrogate), surrogate companies, role assignments of every kind
(active, suspended, revoked) and requests of every kind and approver relation (pending and decided). For
every person it compares, through GraphQL:

- `approvalQueue` walked with first=1, first=2 and first=100 (following endCursor): no duplicates across
  pages, totalCount the size of the set, oldest first; and its `kinds` and `organizationId` filters,
- `canDecide` of every request in the world read through `node(id:)` by that person,
- `approvers` of every pending request (a list as well: it must name exactly the people whose canDecide is true),
- an oracle written from rules.md (R7-R23, R15) that does not use `routing.py`, so a wrong shared table is
  caught too.

The world is built with the ORM in a savepoint that is rolled back after each example; the people are
created and signed in once per test (argon2 makes sign-in the slow part). The examples are derandomized,
and the test also checks that they were not vacuous (most worlds give someone something to decide).
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import itertools
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from iacs.domain.applications.models import Application
from iacs.domain.enums import (
    Community,
    OrganizationKind,
    OrganizationStatus,
    ProviderType,
    RequestKind,
    RequestStatus,
    Role,
    RoleStatus,
    UserGroupKind,
)
from iacs.domain.groups.models import UserGroup
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import KIND_RELATIONS, ApproverRelation
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateCompany
from iacs.graphql.ids import from_global_id, to_global_id
from tests.api.people import People, Person, tin, valid_npi
from tests.conftest import START

POOL_SIZE = 8  # people signed in once per test; each example's world uses the first `people` of them
PAGE_SIZES = (1, 2, 100)
NODES_PER_DOCUMENT = 10  # below the 15-alias limit of the schema
QUEUE_PAGE = """
query($first: Int, $after: String) { approvalQueue(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id canDecide } } } }"""
FILTERED_QUEUE = """
query($kinds: [RequestKind!], $org: ID) { approvalQueue(first: 100, kinds: $kinds, organizationId: $org) {
  totalCount edges { node { id } } } }"""
NODE_DECISION = "r{i}: node(id: $id{i}) {{ ... on AccessRequest {{ id status canDecide approvers {{ id }} }} }}"

# --- the world, as a blueprint of indices (hypothesis shrinks these well) -----------------------------------


class Grant(enum.Enum):
    """Every kind of role assignment a person can hold, with the scope it is held in."""

    SECURITY_OFFICIAL = "SO of an approved provider organization"
    BACKUP_SECURITY_OFFICIAL = "BSO of an approved provider organization"
    PRACTITIONER = "individual practitioner of an approved practice"
    GROUP_ADMINISTRATOR = "UGA of a group (provider or surrogate)"
    GROUP_APPLICATION_ADMINISTRATOR = "UGA of a group, access to an application for the group"
    END_USER = "end user of a group"
    END_USER_APPLICATION = "end user of a group, access to an application"
    COMPANY_ADMINISTRATOR = "UGA of a surrogate company"
    COMPANY_END_USER = "staff of a surrogate company"
    HELP_DESK = "help desk"


# (kind, relation) of every request a person can submit; the test checks this covers KIND_RELATIONS.
VARIANTS: tuple[tuple[RequestKind, ApproverRelation], ...] = (
    (RequestKind.REGISTER_ORGANIZATION, ApproverRelation.HELP_DESK),
    (RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER, ApproverRelation.HELP_DESK),
    (RequestKind.SUCCEED_SECURITY_OFFICIAL, ApproverRelation.HELP_DESK),
    (RequestKind.BACKUP_SECURITY_OFFICIAL, ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL),
    (RequestKind.CREATE_USER_GROUP, ApproverRelation.ORGANIZATION_OFFICIALS),
    (RequestKind.ADMINISTER_USER_GROUP, ApproverRelation.ORGANIZATION_OFFICIALS),
    (RequestKind.JOIN_USER_GROUP, ApproverRelation.GROUP_ADMINISTRATORS),
    (RequestKind.JOIN_SURROGATE_COMPANY, ApproverRelation.COMPANY_ADMINISTRATORS),
    (RequestKind.CREATE_SURROGATE_USER_GROUP, ApproverRelation.ORGANIZATION_OFFICIALS),
    (RequestKind.CREATE_SURROGATE_USER_GROUP, ApproverRelation.PRACTITIONER),
    (RequestKind.APPLICATION_ACCESS, ApproverRelation.ORGANIZATION_OFFICIALS),
    (RequestKind.APPLICATION_ACCESS, ApproverRelation.GROUP_ADMINISTRATORS),
    (RequestKind.APPLICATION_ACCESS, ApproverRelation.PRACTITIONER),  # R34: for a practice's surrogate group
    # R35: administer a company: its administrators decide, or the help desk when it had none left
    (RequestKind.ADMINISTER_SURROGATE_COMPANY, ApproverRelation.COMPANY_ADMINISTRATORS),
    (RequestKind.ADMINISTER_SURROGATE_COMPANY, ApproverRelation.HELP_DESK),
)


@dataclass(frozen=True)
class OrgSpec:
    approved: bool
    practitioner: bool


@dataclass(frozen=True)
class GroupSpec:
    org: int  # index into the approved provider organizations (or practices)
    company: int | None  # None: a provider group; else a surrogate group of that company
    practice: bool = False  # a surrogate group serving an individual practitioner (R21; a practice has no other)


@dataclass(frozen=True)
class GrantSpec:
    person: int
    grant: Grant
    target: int  # index into the suitable scopes
    status: RoleStatus


@dataclass(frozen=True)
class RequestSpec:
    requester: int
    variant: int  # index into VARIANTS
    target: int  # index into the suitable scopes
    company: int  # for surrogate group requests
    near: int | None  # index into the world's roles: a request about that role's scope, or None
    minute: int  # few distinct times: ties on created_at exercise the keyset's id tie-breaker
    status: RequestStatus


@dataclass(frozen=True)
class Blueprint:
    people: int
    orgs: tuple[OrgSpec, ...]
    companies: int
    groups: tuple[GroupSpec, ...]
    grants: tuple[GrantSpec, ...]
    requests: tuple[RequestSpec, ...]
    hand_built: bool = False


@st.composite
def blueprints(draw: st.DrawFn) -> Blueprint:
    people = draw(st.integers(2, POOL_SIZE))
    person = st.integers(0, people - 1)
    status_of_role = st.sampled_from([RoleStatus.ACTIVE] * 4 + [RoleStatus.SUSPENDED, RoleStatus.REVOKED])
    status_of_request = st.sampled_from(
        [RequestStatus.PENDING] * 8
        + [RequestStatus.APPROVED, RequestStatus.DENIED, RequestStatus.CANCELLED, RequestStatus.EXPIRED]
    )
    index = st.integers(0, 1)  # few scopes of each kind: roles and requests often meet in one
    org = st.builds(OrgSpec, approved=st.sampled_from([True, True, False]), practitioner=st.booleans())
    orgs = draw(st.lists(org, min_size=2, max_size=4))
    companies = draw(st.integers(1, 2))
    in_practice = st.sampled_from([False, False, True])
    groups = draw(
        st.lists(
            st.builds(GroupSpec, org=index, company=st.none() | index, practice=in_practice), min_size=1, max_size=3
        )
    )
    grants = draw(
        st.lists(
            st.builds(GrantSpec, person=person, grant=st.sampled_from(Grant), target=index, status=status_of_role),
            min_size=3,
            max_size=12,
        )
    )
    requests = draw(
        st.lists(
            st.builds(
                RequestSpec,
                requester=person,
                variant=st.integers(0, len(VARIANTS) - 1),
                target=index,
                company=index,
                near=st.sampled_from([None, *range(12), *range(12)]),
                minute=st.integers(0, 3),
                status=status_of_request,
            ),
            min_size=3,
            max_size=14,
        )
    )
    return Blueprint(people, tuple(orgs), companies, tuple(groups), tuple(grants), tuple(requests))


# A small organization by hand: every (kind, relation) pending, every person with something to decide.
# People: 0 help desk, 1 SO of org 0, 2 BSO of org 0, 3 UGA of group 0, 4 company UGA of company 0,
# 5 practitioner of org 1, 6 end user of group 0 (decides nothing), 7 UGA of the surrogate group 1.
_HAND_BUILT = Blueprint(
    people=8,
    orgs=(
        OrgSpec(approved=True, practitioner=False),
        OrgSpec(approved=True, practitioner=True),
        OrgSpec(approved=False, practitioner=False),
        OrgSpec(approved=False, practitioner=True),
    ),
    companies=1,
    groups=(GroupSpec(org=0, company=None), GroupSpec(org=0, company=0), GroupSpec(org=0, company=0, practice=True)),
    grants=(
        GrantSpec(0, Grant.HELP_DESK, 0, RoleStatus.ACTIVE),
        GrantSpec(1, Grant.SECURITY_OFFICIAL, 0, RoleStatus.ACTIVE),
        GrantSpec(2, Grant.BACKUP_SECURITY_OFFICIAL, 0, RoleStatus.ACTIVE),
        GrantSpec(3, Grant.GROUP_ADMINISTRATOR, 0, RoleStatus.ACTIVE),
        GrantSpec(4, Grant.COMPANY_ADMINISTRATOR, 0, RoleStatus.ACTIVE),
        GrantSpec(5, Grant.PRACTITIONER, 0, RoleStatus.ACTIVE),
        GrantSpec(6, Grant.END_USER, 0, RoleStatus.ACTIVE),
        GrantSpec(6, Grant.GROUP_ADMINISTRATOR, 1, RoleStatus.SUSPENDED),  # a suspended role decides nothing
        GrantSpec(7, Grant.GROUP_ADMINISTRATOR, 1, RoleStatus.ACTIVE),
        GrantSpec(3, Grant.BACKUP_SECURITY_OFFICIAL, 0, RoleStatus.REVOKED),  # nor does a revoked one
    ),
    requests=(
        RequestSpec(6, 0, 0, 0, None, 0, RequestStatus.PENDING),  # register org 2: help desk
        RequestSpec(6, 1, 0, 0, None, 1, RequestStatus.PENDING),  # register practice 3: help desk
        RequestSpec(2, 2, 0, 0, None, 1, RequestStatus.PENDING),  # succeed the SO of org 0: help desk
        RequestSpec(6, 3, 0, 0, None, 1, RequestStatus.PENDING),  # BSO of org 0: the SO only
        RequestSpec(0, 4, 0, 0, None, 2, RequestStatus.PENDING),  # new group in org 0: SO or BSO
        RequestSpec(6, 5, 0, 0, None, 2, RequestStatus.PENDING),  # administer group 0: SO or BSO
        RequestSpec(1, 6, 0, 0, None, 2, RequestStatus.PENDING),  # join group 0: its UGA (3)
        RequestSpec(6, 6, 1, 0, None, 2, RequestStatus.PENDING),  # join surrogate group 1: its UGA (7), not 4
        RequestSpec(0, 7, 0, 0, None, 3, RequestStatus.PENDING),  # join company 0: its UGA (4), not 7
        RequestSpec(4, 8, 0, 0, None, 3, RequestStatus.PENDING),  # company 0 serves org 0: SO or BSO
        RequestSpec(4, 9, 0, 0, None, 3, RequestStatus.PENDING),  # company 0 serves practice 1: the practitioner
        RequestSpec(3, 10, 0, 0, None, 0, RequestStatus.PENDING),  # application for group 0: SO or BSO
        RequestSpec(6, 11, 0, 0, None, 0, RequestStatus.PENDING),  # application for end user 6: UGA 3
        RequestSpec(4, 12, 0, 0, None, 1, RequestStatus.PENDING),  # application for practice group 2: practitioner 5
        RequestSpec(6, 13, 0, 0, None, 2, RequestStatus.PENDING),  # administer company 0: its UGA (4), not 7
        RequestSpec(7, 14, 0, 0, None, 3, RequestStatus.PENDING),  # administer company 0, none left then: help desk
        RequestSpec(7, 6, 0, 0, None, 0, RequestStatus.DENIED),  # decided: in nobody's queue
        RequestSpec(5, 0, 0, 0, None, 3, RequestStatus.CANCELLED),
    ),
    hand_built=True,
)


# --- building it --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    person: int
    grant: Grant
    status: RoleStatus
    org: uuid.UUID | None = None
    group: uuid.UUID | None = None
    company: uuid.UUID | None = None
    application: uuid.UUID | None = None


@dataclass(frozen=True)
class Asked:
    id: uuid.UUID
    requester: int
    kind: RequestKind
    relation: ApproverRelation
    status: RequestStatus
    created_at: datetime
    org: uuid.UUID | None = None
    group: uuid.UUID | None = None
    company: uuid.UUID | None = None


@dataclass
class World:
    held: list[Held] = field(default_factory=list)
    asked: list[Asked] = field(default_factory=list)

    @property
    def pending(self) -> list[Asked]:
        return [a for a in self.asked if a.status == RequestStatus.PENDING]


def expected_decider(person: int, request: Asked, held: list[Held]) -> bool:  # noqa: PLR0911 - one per relation
    """The oracle, from rules.md, independent of routing.py."""
    if request.requester == person or request.status != RequestStatus.PENDING:
        return False  # R15, R25
    mine = [h for h in held if h.person == person and h.status == RoleStatus.ACTIVE]  # R24: active roles only

    def has(grants: set[Grant], **scope: uuid.UUID | None) -> bool:
        return any(h.grant in grants and all(getattr(h, k) == v for k, v in scope.items()) for h in mine)

    officials = {Grant.SECURITY_OFFICIAL, Grant.BACKUP_SECURITY_OFFICIAL}
    match request.relation:
        case ApproverRelation.HELP_DESK:  # R7, R10, R22
            return has({Grant.HELP_DESK})
        case ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL:  # R9
            return has({Grant.SECURITY_OFFICIAL}, org=request.org)
        case ApproverRelation.ORGANIZATION_OFFICIALS:  # R12, R16, R23
            return has(officials, org=request.org)
        case ApproverRelation.GROUP_ADMINISTRATORS:  # R13, R23: a UGA of the group itself
            return has({Grant.GROUP_ADMINISTRATOR}, group=request.group)
        case ApproverRelation.COMPANY_ADMINISTRATORS:  # R17: a UGA of the company, not of one of its groups
            return has({Grant.COMPANY_ADMINISTRATOR}, company=request.company)
        case ApproverRelation.PRACTITIONER:  # R21
            return has({Grant.PRACTITIONER}, org=request.org)
    raise AssertionError(request.relation)


_ROLE_OF_GRANT: dict[Grant, tuple[Role, RequestKind, ApproverRelation]] = {
    Grant.SECURITY_OFFICIAL: (Role.SECURITY_OFFICIAL, RequestKind.REGISTER_ORGANIZATION, ApproverRelation.HELP_DESK),
    Grant.BACKUP_SECURITY_OFFICIAL: (
        Role.BACKUP_SECURITY_OFFICIAL,
        RequestKind.BACKUP_SECURITY_OFFICIAL,
        ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL,
    ),
    Grant.PRACTITIONER: (
        Role.INDIVIDUAL_PRACTITIONER,
        RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER,
        ApproverRelation.HELP_DESK,
    ),
    Grant.GROUP_ADMINISTRATOR: (
        Role.USER_GROUP_ADMINISTRATOR,
        RequestKind.ADMINISTER_USER_GROUP,
        ApproverRelation.ORGANIZATION_OFFICIALS,
    ),
    Grant.GROUP_APPLICATION_ADMINISTRATOR: (
        Role.USER_GROUP_ADMINISTRATOR,
        RequestKind.APPLICATION_ACCESS,
        ApproverRelation.ORGANIZATION_OFFICIALS,
    ),
    Grant.END_USER: (Role.END_USER, RequestKind.JOIN_USER_GROUP, ApproverRelation.GROUP_ADMINISTRATORS),
    Grant.END_USER_APPLICATION: (Role.END_USER, RequestKind.APPLICATION_ACCESS, ApproverRelation.GROUP_ADMINISTRATORS),
    Grant.COMPANY_ADMINISTRATOR: (
        Role.USER_GROUP_ADMINISTRATOR,
        RequestKind.JOIN_SURROGATE_COMPANY,
        ApproverRelation.COMPANY_ADMINISTRATORS,
    ),
    Grant.COMPANY_END_USER: (
        Role.END_USER,
        RequestKind.JOIN_SURROGATE_COMPANY,
        ApproverRelation.COMPANY_ADMINISTRATORS,
    ),
}


# Which relations a role serves, to address requests to someone (the test's own reading of R7-R23).
_DECIDES: dict[Grant, tuple[ApproverRelation, ...]] = {
    Grant.HELP_DESK: (ApproverRelation.HELP_DESK,),
    Grant.SECURITY_OFFICIAL: (ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL, ApproverRelation.ORGANIZATION_OFFICIALS),
    Grant.BACKUP_SECURITY_OFFICIAL: (ApproverRelation.ORGANIZATION_OFFICIALS,),
    Grant.GROUP_ADMINISTRATOR: (ApproverRelation.GROUP_ADMINISTRATORS,),
    Grant.COMPANY_ADMINISTRATOR: (ApproverRelation.COMPANY_ADMINISTRATORS,),
    Grant.PRACTITIONER: (ApproverRelation.PRACTITIONER,),
}


class Builder:
    def __init__(self, db: AsyncSession, people: list[Person]) -> None:
        self.db = db
        self.people = people
        self.numbers = itertools.count(1)
        self.world = World()
        self.providers: list[Organization] = []  # approved provider organizations
        self.practices: list[Organization] = []  # approved individual practitioners' practices
        self.pending_providers: list[Organization] = []
        self.pending_practices: list[Organization] = []
        self.companies: list[SurrogateCompany] = []
        self.groups: list[UserGroup] = []
        self.application_id = uuid.uuid4()

    async def build(self, plan: Blueprint) -> World:
        await self._organizations(plan)
        await self._groups(plan)
        for spec in plan.grants:
            await self._grant(spec)
        pending_keys: set[tuple[Any, ...]] = set()
        for n, spec_ in enumerate(plan.requests):
            await self._ask(n, spec_, pending_keys)
        await self.db.flush()
        return self.world

    async def _organizations(self, plan: Blueprint) -> None:
        for i, spec in enumerate(plan.orgs):
            practitioner = spec.practitioner
            org = Organization(
                legal_business_name=f"Organization {i}",
                kind=OrganizationKind.INDIVIDUAL_PRACTITIONER if practitioner else OrganizationKind.PROVIDER,
                provider_type=ProviderType.OTHER_PROVIDER if practitioner else ProviderType.HOSPITAL,
                community=Community.PROVIDER_SUPPLIER,
                npi=valid_npi(700 + i),
                tin=None if practitioner else tin(700 + i),
                address_line1="1 Main Street",
                city="Springfield",
                state="IL",
                zip="62701",
                status=OrganizationStatus.APPROVED if spec.approved else OrganizationStatus.PENDING,
                decided_at=START if spec.approved else None,
            )
            self.db.add(org)
            if spec.approved:
                (self.practices if practitioner else self.providers).append(org)
            else:
                (self.pending_practices if practitioner else self.pending_providers).append(org)
        self.companies = [SurrogateCompany(name=f"Billing {i}", tin=tin(800 + i)) for i in range(plan.companies)]
        self.db.add_all(self.companies)
        self.db.add(
            Application(id=self.application_id, code=f"QC-{self.application_id.hex[:8]}", name="Reports", open=True)
        )
        await self.db.flush()

    async def _groups(self, plan: Blueprint) -> None:
        surrogate_pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()
        for i, spec in enumerate(plan.groups):
            org: Organization | None = pick(self.practices if spec.practice else self.providers, spec.org)
            if spec.practice and (org is None or spec.company is None):
                continue  # R22: a practice has surrogate groups only
            if org is None:
                return
            company: SurrogateCompany | None = pick(self.companies, spec.company) if spec.company is not None else None
            if company is not None:
                if (company.id, org.id) in surrogate_pairs:  # R18
                    continue
                surrogate_pairs.add((company.id, org.id))
            group = UserGroup(
                organization_id=org.id,
                kind=UserGroupKind.SURROGATE if company is not None else UserGroupKind.PROVIDER,
                company_id=company.id if company is not None else None,
                name=f"Group {i}",
            )
            self.db.add(group)
            self.groups.append(group)
        await self.db.flush()

    def _scope_of_grant(self, grant: Grant, target: int) -> dict[str, uuid.UUID | None] | None:
        if grant in {Grant.SECURITY_OFFICIAL, Grant.BACKUP_SECURITY_OFFICIAL, Grant.PRACTITIONER}:
            org: Organization | None = pick(self.practices if grant == Grant.PRACTITIONER else self.providers, target)
            return {"org": org.id} if org is not None else None
        if grant in {Grant.COMPANY_ADMINISTRATOR, Grant.COMPANY_END_USER}:
            company: SurrogateCompany | None = pick(self.companies, target)
            return {"company": company.id} if company is not None else None
        if grant == Grant.HELP_DESK:
            return {}
        group: UserGroup | None = pick(self.groups, target)
        if group is None:
            return None
        scope: dict[str, uuid.UUID | None] = {
            "org": group.organization_id,
            "group": group.id,
            "company": group.company_id,
        }
        if grant in {Grant.GROUP_APPLICATION_ADMINISTRATOR, Grant.END_USER_APPLICATION}:
            scope["application"] = self.application_id
        return scope

    async def _grant(self, spec: GrantSpec) -> None:
        """One role assignment, with the approved request that granted it (R25)."""
        scope = self._scope_of_grant(spec.grant, spec.target)
        if scope is None:
            return  # nothing of that kind in this world
        held = Held(
            spec.person,
            spec.grant,
            spec.status,
            org=scope.get("org"),
            group=scope.get("group"),
            company=scope.get("company"),
            application=scope.get("application"),
        )
        if held.status == RoleStatus.ACTIVE:
            # The database allows one active holding per scope, one active SO per organization (R8), and
            # one practitioner per practice (R22): further ones are made revoked.
            same = [h for h in self.world.held if h.status == RoleStatus.ACTIVE]
            if any((h.person, h.grant, h.org, h.group, h.company, h.application) == _key(held) for h in same):
                return
            if held.grant in {Grant.SECURITY_OFFICIAL, Grant.PRACTITIONER} and any(
                h.grant == held.grant and h.org == held.org for h in same
            ):
                held = dataclasses.replace(held, status=RoleStatus.REVOKED)
        request_id: uuid.UUID | None = None
        if held.grant == Grant.HELP_DESK:
            role = Role.HELP_DESK
        else:
            role, kind, relation = _ROLE_OF_GRANT[held.grant]
            backing = await self._request(
                held.person,
                kind,
                relation,
                RequestStatus.APPROVED,
                START - timedelta(days=60),
                org=held.org,
                group=held.group,
                company=held.company,
                application=held.application,
            )
            request_id = backing.id
        self.db.add(
            RoleAssignment(
                user_id=self.people[held.person].pk,
                role=role,
                status=held.status,
                organization_id=held.org,
                user_group_id=held.group,
                company_id=held.company,
                application_id=held.application,
                request_id=request_id,
                granted_at=START - timedelta(days=60),
                suspended_at=START - timedelta(days=1) if held.status == RoleStatus.SUSPENDED else None,
                ended_at=START - timedelta(days=1) if held.status == RoleStatus.REVOKED else None,
            )
        )
        await self.db.flush()
        self.world.held.append(held)

    def _scope_of_request(
        self, n: int, kind: RequestKind, relation: ApproverRelation, spec: RequestSpec, near: Held | None
    ) -> dict[str, Any] | None:
        # `near`: a role whose scope the request is about (its organization, group or company)
        providers, practices, groups, companies = self.providers, self.practices, self.groups, self.companies
        if near is not None and near.org is not None:
            providers = [o for o in providers if o.id == near.org]
            practices = [o for o in practices if o.id == near.org]
            groups = [g for g in groups if g.organization_id == near.org]
        if near is not None and near.group is not None:
            groups = [g for g in groups if g.id == near.group]
        elif near is not None and near.company is not None:
            companies = [c for c in companies if c.id == near.company]
        org: Organization | None = None
        group: UserGroup | None = None
        company: SurrogateCompany | None = None
        scope: dict[str, Any] = {}
        match kind:
            case RequestKind.REGISTER_ORGANIZATION:
                org = pick(self.pending_providers, spec.target)
            case RequestKind.REGISTER_INDIVIDUAL_PRACTITIONER:
                org = pick(self.pending_practices, spec.target)
            case RequestKind.SUCCEED_SECURITY_OFFICIAL | RequestKind.BACKUP_SECURITY_OFFICIAL:
                org = pick(providers, spec.target)
            case RequestKind.CREATE_USER_GROUP:
                org = pick(providers, spec.target)
                scope["proposed_name"] = f"Proposed {n}"
            case RequestKind.ADMINISTER_USER_GROUP:
                group = pick([g for g in groups if g.kind == UserGroupKind.PROVIDER], spec.target)
            case RequestKind.JOIN_USER_GROUP:
                group = pick(groups, spec.target)
            case RequestKind.APPLICATION_ACCESS:
                # for the group by a UGA: the officials decide, or in a practice the practitioner (R34)
                practice_ids = {o.id for o in self.practices}
                if relation == ApproverRelation.PRACTITIONER:
                    groups = [g for g in groups if g.organization_id in practice_ids]
                elif relation == ApproverRelation.ORGANIZATION_OFFICIALS:
                    groups = [g for g in groups if g.organization_id not in practice_ids]
                group = pick(groups, spec.target)
                scope["application"] = self.application_id
            case RequestKind.JOIN_SURROGATE_COMPANY | RequestKind.ADMINISTER_SURROGATE_COMPANY:
                company = pick(companies, spec.target)
                if company is None:
                    return None
            case RequestKind.CREATE_SURROGATE_USER_GROUP:
                org = pick(practices if relation == ApproverRelation.PRACTITIONER else providers, spec.target)
                company = pick(companies, spec.company)
                if company is None or org is None:
                    return None
        if group is not None:
            scope.update(org=group.organization_id, group=group.id)
        elif org is not None:
            scope["org"] = org.id
        elif company is None:
            return None  # nothing in this world to ask about
        if company is not None:
            scope["company"] = company.id
        return scope

    async def _ask(self, n: int, spec: RequestSpec, pending_keys: set[tuple[Any, ...]]) -> None:
        kind, relation = VARIANTS[spec.variant]
        near: Held | None = None
        deciding = [h for h in self.world.held if h.grant in _DECIDES]  # active or not
        if spec.near is not None and deciding:
            # Addressed to someone: a request their role would decide, in its scope (so worlds are dense).
            near = deciding[spec.near % len(deciding)]
            addressed = [v for v in VARIANTS if v[1] in _DECIDES[near.grant]]
            kind, relation = addressed[spec.variant % len(addressed)]
        scope = self._scope_of_request(n, kind, relation, spec, near)
        if scope is None:
            return
        if spec.status == RequestStatus.PENDING:
            key = (spec.requester, kind, *(scope.get(k) for k in ("org", "group", "company", "application")))
            if key in pending_keys:  # R28: the database allows one pending request per scope
                return
            pending_keys.add(key)
        created_at = START - timedelta(minutes=spec.minute)
        request = await self._request(spec.requester, kind, relation, spec.status, created_at, **scope)
        self.world.asked.append(
            Asked(
                id=request.id,
                requester=spec.requester,
                kind=kind,
                relation=relation,
                status=spec.status,
                created_at=created_at,
                org=scope.get("org"),
                group=scope.get("group"),
                company=scope.get("company"),
            )
        )

    def _tracking(self) -> str:
        return f"QC-{next(self.numbers):06d}"

    async def _request(
        self,
        requester: int,
        kind: RequestKind,
        relation: ApproverRelation,
        status: RequestStatus,
        created_at: datetime,
        *,
        org: uuid.UUID | None = None,
        group: uuid.UUID | None = None,
        company: uuid.UUID | None = None,
        application: uuid.UUID | None = None,
        proposed_name: str | None = None,
    ) -> AccessRequest:
        decided = status != RequestStatus.PENDING
        request = AccessRequest(
            tracking_number=self._tracking(),
            kind=kind,
            status=status,
            requester_id=self.people[requester].pk,
            organization_id=org,
            user_group_id=group,
            company_id=company,
            application_id=application,
            approver_relation=relation.value,
            proposed_name=proposed_name,
            created_at=created_at,
            expires_at=created_at + timedelta(days=30),
            decided_at=START if decided else None,
            reason="Not this time." if status == RequestStatus.DENIED else None,
        )
        self.db.add(request)
        await self.db.flush()
        return request


def _key(held: Held) -> tuple[Any, ...]:
    return (held.person, held.grant, held.org, held.group, held.company, held.application)


def pick(options: list[Any], at: int) -> Any:
    return options[at % len(options)] if options else None


# --- reading it back through GraphQL ------------------------------------------------------------------------


def _request_uuid(global_id: str) -> uuid.UUID:
    decoded = from_global_id(global_id, "AccessRequest")
    assert decoded is not None, global_id
    return decoded[1]


async def walk_queue(person: Person, first: int, limit: int) -> tuple[list[uuid.UUID], set[int]]:
    """Every id of the queue, page by page; the set of totalCounts seen. Fails on any page flaw."""
    ids: list[uuid.UUID] = []
    totals: set[int] = set()
    after: str | None = None
    for _ in range(limit + 2):
        page = (await person.data(QUEUE_PAGE, {"first": first, "after": after}))["approvalQueue"]
        totals.add(page["totalCount"])
        edges = page["edges"]
        assert len(edges) <= first
        for edge in edges:
            assert edge["node"]["canDecide"] is True, (person.name, edge)
            ids.append(_request_uuid(edge["node"]["id"]))
        if not page["pageInfo"]["hasNextPage"]:
            return ids, totals
        assert len(edges) == first, page  # a short page must be the last one
        after = page["pageInfo"]["endCursor"]
        assert after is not None
    raise AssertionError(f"{person.name}: the queue did not end after {limit + 2} pages of {first}")


async def read_decisions(person: Person, request_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any] | None]:
    """`node(id:)` of each request as `person` sees it (None: not visible)."""
    seen: dict[uuid.UUID, dict[str, Any] | None] = {}
    for start in range(0, len(request_ids), NODES_PER_DOCUMENT):
        chunk = request_ids[start : start + NODES_PER_DOCUMENT]
        variables = ", ".join(f"$id{i}: ID!" for i in range(len(chunk)))
        fields = " ".join(NODE_DECISION.format(i=i) for i in range(len(chunk)))
        data = await person.data(
            f"query({variables}) {{ {fields} }}",
            {f"id{i}": to_global_id("AccessRequest", pk) for i, pk in enumerate(chunk)},
        )
        for i, pk in enumerate(chunk):
            seen[pk] = data[f"r{i}"]
    return seen


@dataclass
class Tally:
    examples: int = 0
    generated: int = 0
    generated_with_deciders: int = 0
    decidable_pairs: int = 0
    relations_decided: Counter[ApproverRelation] = field(default_factory=Counter)
    longest_queue: int = 0
    hand_built_checked: bool = False


async def check_world(
    plan: Blueprint,
    pool: list[Person],
    connection: AsyncConnection,
    session_factory: async_sessionmaker[AsyncSession],
    tally: Tally,
) -> None:
    savepoint = await connection.begin_nested()
    try:
        async with session_factory() as db:
            world = await Builder(db, pool).build(plan)
            await db.commit()
        await _check(plan, world, pool, tally)
    finally:
        await savepoint.rollback()


async def _check(plan: Blueprint, world: World, pool: list[Person], tally: Tally) -> None:
    everyone = range(POOL_SIZE)  # people outside the world's first `plan.people` hold nothing: empty queues
    pending = {a.id: a for a in world.pending}
    all_ids = [a.id for a in world.asked]
    expected = {p: {a.id for a in world.pending if expected_decider(p, a, world.held)} for p in everyone}
    approvers_seen: dict[uuid.UUID, set[str]] = {}
    can_decide_by: dict[int, set[uuid.UUID]] = {}

    for p in everyone:
        person = pool[p]
        decisions = await read_decisions(person, all_ids)
        can_decide = {pk for pk, node in decisions.items() if node is not None and node["canDecide"]}
        can_decide_by[p] = can_decide
        assert can_decide <= set(pending), f"{person.name}: canDecide true on a decided request"
        for pk, node in decisions.items():
            if node is not None and pk in pending:
                approver_ids = {u["id"] for u in node["approvers"]}
                previous = approvers_seen.setdefault(pk, approver_ids)
                assert approver_ids == previous, f"approvers of {pk} differ by viewer"
        # the oracle (rules.md) and canDecide agree
        assert can_decide == expected[p], (person.name, _describe(world, can_decide ^ expected[p]))

        for first in PAGE_SIZES:
            ids, totals = await walk_queue(person, first, len(pending))
            assert len(ids) == len(set(ids)), f"{person.name}: duplicates across pages of {first}"
            assert set(ids) == can_decide, (person.name, first, _describe(world, set(ids) ^ can_decide))
            assert totals == {len(can_decide)}, (person.name, first, totals)
            order = sorted(ids, key=lambda pk: (pending[pk].created_at, pk))
            assert ids == order, f"{person.name}: the queue is not oldest first at page size {first}"
        await _check_filters(person, [pending[pk] for pk in can_decide])

    # `approvers` is a list too: exactly the people whose canDecide is true (every request is seen by its requester)
    for pk in pending:
        assert pk in approvers_seen, f"the requester of {pk} cannot see it"
        deciders = {to_global_id("User", pool[p].pk) for p in everyone if pk in can_decide_by[p]}
        assert approvers_seen[pk] == deciders, _describe(world, {pk})

    tally.examples += 1
    tally.longest_queue = max(tally.longest_queue, *(len(s) for s in expected.values()))
    pairs = sum(len(s) for s in expected.values())
    for a in world.pending:
        if any(a.id in expected[p] for p in everyone):
            tally.relations_decided[a.relation] += 1
    if plan.hand_built:
        assert {(a.kind, a.relation) for a in world.pending} == set(VARIANTS)
        assert all(expected[p] for p in everyone if p != 6), "every approver of the hand-built world decides"
        assert expected[6] == set()
        tally.hand_built_checked = True
    else:
        tally.generated += 1
        tally.decidable_pairs += pairs
        tally.generated_with_deciders += int(pairs > 0)


async def _check_filters(person: Person, decidable: list[Asked]) -> None:
    """The queue's kinds and organizationId filters give exactly the matching part of the queue."""
    if not decidable:
        return
    first = min(decidable, key=lambda a: (a.created_at, a.id))
    kinds = sorted({first.kind.value})
    wanted = {a.id for a in decidable if a.kind == first.kind}
    page = (await person.data(FILTERED_QUEUE, {"kinds": kinds}))["approvalQueue"]
    assert {_request_uuid(e["node"]["id"]) for e in page["edges"]} == wanted, (person.name, kinds)
    assert page["totalCount"] == len(wanted)
    if first.org is not None:
        org = to_global_id("Organization", first.org)
        wanted = {a.id for a in decidable if a.org == first.org}
        page = (await person.data(FILTERED_QUEUE, {"org": org}))["approvalQueue"]
        assert {_request_uuid(e["node"]["id"]) for e in page["edges"]} == wanted, (person.name, "organizationId")
        assert page["totalCount"] == len(wanted)


def _describe(world: World, ids: set[uuid.UUID]) -> list[str]:
    return [f"{a.kind.value}/{a.relation.value} by person {a.requester}" for a in world.asked if a.id in ids]


# --- the tests ------------------------------------------------------------------------------------------------


def test_variants_cover_the_routing_table() -> None:
    # The generator must produce every (kind, relation) pair the routing table knows, and no other.
    table = {(kind, relation) for kind, relations in KIND_RELATIONS.items() for relation in relations}
    assert set(VARIANTS) == table
    assert len(VARIANTS) == len(table)


async def test_approval_queue_is_exactly_what_can_decide_allows(
    people: People, connection: AsyncConnection, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # given: a pool of signed-in people, reused by every example (roles and requests are per example)
    pool = [await people.make(f"Person {i}") for i in range(POOL_SIZE)]
    loop = asyncio.get_running_loop()
    tally = Tally()

    # Hypothesis drives the examples from a worker thread; each example runs on this test's event loop
    # (where the connection lives), so the tally can be checked once all examples have run.
    @settings(
        max_examples=15,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(plan=blueprints())
    @example(plan=_HAND_BUILT)
    def property_holds(plan: Blueprint) -> None:
        future = asyncio.run_coroutine_threadsafe(check_world(plan, pool, connection, session_factory, tally), loop)
        future.result()

    # when / then (per example, in check_world)
    await asyncio.to_thread(property_holds)

    # then: the examples were not vacuous
    assert tally.hand_built_checked
    assert tally.generated >= 10, tally
    assert tally.generated_with_deciders >= tally.generated // 2, tally
    assert set(tally.relations_decided) == set(ApproverRelation), tally
    assert tally.longest_queue > max(PAGE_SIZES[:-1]), tally  # some queue spans several pages of 1 and of 2


@pytest.mark.parametrize("variant", range(len(VARIANTS)), ids=[f"{k.value}-{r.value}" for k, r in VARIANTS])
def test_oracle_routes_each_variant(variant: int) -> None:
    # The oracle itself: for each variant exactly one kind of holder decides, never the requester.
    kind, relation = VARIANTS[variant]
    org, group, company = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    request = Asked(
        uuid.uuid4(), 0, kind, relation, RequestStatus.PENDING, START, org=org, group=group, company=company
    )
    holders = {
        Grant.HELP_DESK: Held(1, Grant.HELP_DESK, RoleStatus.ACTIVE),
        Grant.SECURITY_OFFICIAL: Held(2, Grant.SECURITY_OFFICIAL, RoleStatus.ACTIVE, org=org),
        Grant.BACKUP_SECURITY_OFFICIAL: Held(3, Grant.BACKUP_SECURITY_OFFICIAL, RoleStatus.ACTIVE, org=org),
        Grant.GROUP_ADMINISTRATOR: Held(4, Grant.GROUP_ADMINISTRATOR, RoleStatus.ACTIVE, org=org, group=group),
        Grant.COMPANY_ADMINISTRATOR: Held(5, Grant.COMPANY_ADMINISTRATOR, RoleStatus.ACTIVE, company=company),
        Grant.PRACTITIONER: Held(6, Grant.PRACTITIONER, RoleStatus.ACTIVE, org=org),
        Grant.END_USER: Held(7, Grant.END_USER, RoleStatus.ACTIVE, org=org, group=group),
    }
    held = list(holders.values())
    deciders = {h.grant for h in held if expected_decider(h.person, request, held)}
    wanted = {
        ApproverRelation.HELP_DESK: {Grant.HELP_DESK},
        ApproverRelation.ORGANIZATION_SECURITY_OFFICIAL: {Grant.SECURITY_OFFICIAL},
        ApproverRelation.ORGANIZATION_OFFICIALS: {Grant.SECURITY_OFFICIAL, Grant.BACKUP_SECURITY_OFFICIAL},
        ApproverRelation.GROUP_ADMINISTRATORS: {Grant.GROUP_ADMINISTRATOR},
        ApproverRelation.COMPANY_ADMINISTRATORS: {Grant.COMPANY_ADMINISTRATOR},
        ApproverRelation.PRACTITIONER: {Grant.PRACTITIONER},
    }[relation]
    assert deciders == wanted
    assert not expected_decider(0, request, [*held, Held(0, Grant.HELP_DESK, RoleStatus.ACTIVE)])  # R15
