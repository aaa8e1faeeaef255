"""docs/reliability.md, "Security and authorization": one test (or a few) per bar, named after it, checking its numbers.

Bars covered elsewhere and not repeated here:
- "Nobody acts outside their scope (BOLA/BFLA)": tests/security/test_authz_matrix.py (the matrix).
- "Lists agree with checks" for `approvalQueue` vs `canDecide` (page sizes 1, 2, 100):
  tests/api/test_queue_consistency.py; every *other* list is checked here.

Most tests run in one world built once for the module through the API (people get their session row directly:
an argon2 sign-in costs ~0.5 s on this machine and only the sign-in tests need one); each test runs in a
SAVEPOINT that is rolled back after it. The timing parts of the bars ("answers in < 50 ms", "timing within 10 %")
are measured and written to test-results/quality/security.json and printed at the end of the module, never
asserted: speed belongs to the benchmarks (bench/) and the load suite.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import itertools
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from graphql import (
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    Lexer,
    Source,
    TokenKind,
    build_schema,
    get_named_type,
)
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from iacs.app import MAX_BODY_BYTES, create_app
from iacs.auth import passwords, tokens
from iacs.config import ConfigurationError, Settings
from iacs.db import migrate
from iacs.db.engine import make_engine, make_session_factory
from iacs.domain.accounts.models import User, UserSession
from iacs.domain.audit.models import AuditEvent
from iacs.domain.clock import FrozenClock
from iacs.domain.enums import Community, Role, RoleStatus
from iacs.domain.groups.models import UserGroup as UserGroupModel
from iacs.domain.organizations.models import Organization as OrganizationModel
from iacs.domain.requests.models import AccessRequest as AccessRequestModel
from iacs.domain.requests.routing import HeldRole, may_certify, may_revoke
from iacs.domain.requests.service import load_actor
from iacs.domain.roles.models import RoleAssignment as RoleAssignmentModel
from iacs.domain.surrogates.models import SurrogateCompany as SurrogateCompanyModel
from iacs.graphql.ids import from_global_id, to_global_id
from iacs.graphql.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from iacs.graphql.schema import build_schema as build_iacs_schema
from tests.api.operations import (
    APPROVE,
    DENY,
    REQUEST_BSO,
    REQUEST_COMPANY_MEMBERSHIP,
    REQUEST_GROUP,
    REQUEST_MEMBERSHIP,
    REQUEST_SURROGATE_GROUPS,
    REVOKE,
    approve,
    approved_group,
    approved_organization,
    register_organization,
)
from tests.api.people import PASSWORD, Person
from tests.conftest import START, Mailbox, StatementCounter, create_database, drop_database

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "quality" / "security.json"
IACS = str(Path(sys.executable).with_name("iacs"))
DEV_COOKIE = "iacs_session"
PRODUCTION_COOKIE = "__Host-iacs_session"
PAGE_SIZES = (1, 2, 100)

# --- measurements: written to test-results/quality/security.json and printed once, never asserted ----------

MEASURED: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_measurements(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not MEASURED:
        return
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(MEASURED, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    rejections = MEASURED.get("graphql_limits_rejection_ms", {})
    slowest = max(rejections.values()) if rejections else None
    timing = MEASURED.get("sign_in_timing_ms", {})
    line = (
        f"quality/security: {len(rejections)} limit rejections, slowest {slowest} ms (bar < 50 ms, not asserted); "
        f"sign-in median unknown {timing.get('unknown_median')} ms vs known {timing.get('known_median')} ms "
        f"(difference {timing.get('difference_percent')} %, bar 10 %, not asserted) -> {RESULTS.relative_to(ROOT)}"
    )
    print_to_terminal(request.config, [line])


def print_to_terminal(config: pytest.Config, lines: list[str]) -> None:
    """Write to the terminal past pytest's output capture (as `capsys.disabled()` does), at any verbosity."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return
    if capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            for line in lines:
                reporter.write_line(line)
    else:
        for line in lines:
            reporter.write_line(line)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


# --- people with a session row (no argon2 sign-in), each with their own client -------------------------------

_numbers = itertools.count(1)


class QuickPeople:
    def __init__(
        self,
        app: Starlette,
        factory: async_sessionmaker[AsyncSession],
        *,
        cookie: str = DEV_COOKIE,
        base_url: str = "http://127.0.0.1",
    ) -> None:
        self.app = app
        self.factory = factory
        self.cookie = cookie
        self.base_url = base_url
        self.clients: list[httpx.AsyncClient] = []

    def client(self, token: str | None = None) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app, client=("127.0.0.1", 30000 + next(_numbers) % 30000)),
            base_url=self.base_url,
            cookies={self.cookie: token} if token else None,
        )
        self.clients.append(client)
        return client

    async def session(self, user_id: uuid.UUID) -> str:
        token = tokens.new_session_token()
        async with self.factory() as db:
            db.add(
                UserSession(
                    token_hash=tokens.digest(token),
                    user_id=user_id,
                    created_at=START,
                    last_seen_at=START,
                    expires_at=START + timedelta(hours=12),
                )
            )
            await db.commit()
        return token

    async def make(self, name: str, *, help_desk: bool = False) -> Person:
        n = next(_numbers)
        email = f"{name.lower().replace(' ', '.')}.{n}@quality.example.org"
        async with self.factory() as db:
            user = User(
                user_id=tokens.new_user_id(),
                email=email,
                name=name,
                community=Community.PROVIDER_SUPPLIER,
                password_hash=_password_hash(),
                terms_accepted_at=START,
                email_verified_at=START,
            )
            db.add(user)
            await db.flush()
            if help_desk:
                db.add(RoleAssignmentModel(user_id=user.id, role=Role.HELP_DESK, granted_at=START))
            await db.commit()
            pk = user.id
        return Person(name=name, email=email, pk=pk, client=self.client(await self.session(pk)))

    async def close(self) -> None:
        for client in self.clients:
            await client.aclose()


_HASH: list[str] = []


def _password_hash() -> str:
    if not _HASH:
        _HASH.append(PasswordHasher().hash(PASSWORD))
    return _HASH[0]


async def post(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def data(person: Person, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = await post(person.client, query, variables)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


def uuid_of(global_id: str) -> uuid.UUID:
    decoded = from_global_id(global_id)
    assert decoded is not None, global_id
    return decoded[1]


# Every table a request, decision, grant, revocation, session or sign-in writes to: row counts and digests.
SNAPSHOT_TABLES = (
    "access_requests",
    "role_assignments",
    "user_groups",
    "organizations",
    "surrogate_companies",
    "audit_events",
    "mail_outbox",
    "users",
    "sessions",
    "sign_in_throttle",
)
SNAPSHOT = text(
    " UNION ALL ".join(
        f"SELECT '{t}', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} AS x"  # noqa: S608 - constant names
        for t in SNAPSHOT_TABLES
    )
)


async def snapshot(factory: async_sessionmaker[AsyncSession]) -> dict[str, tuple[int, str]]:
    async with factory() as db:
        rows = (await db.execute(SNAPSHOT)).all()
    return {table: (count, digest) for table, count, digest in rows}


# --- the module's world -----------------------------------------------------------------------------------


@dataclass
class World:
    people: QuickPeople
    factory: async_sessionmaker[AsyncSession]
    cast: dict[str, Person]
    org_a: str
    org_b: str
    group_a: str
    group_b: str
    company: str
    surrogate_group: str
    pending: dict[str, str] = field(default_factory=dict)
    seeds: Iterator[int] = field(default_factory=lambda: itertools.count(8_400))

    def __getitem__(self, name: str) -> Person:
        return self.cast[name]

    async def role_ids(self, person: Person) -> dict[str, str]:
        """The person's active roles as '<ROLE>' or '<ROLE>@<scope global id>' -> role global id."""
        roles = (await data(person, MY_ROLE_SCOPES))["viewer"]["roles"]
        found: dict[str, str] = {}
        for r in roles:
            scope = (r["userGroup"] or r["company"] or r["organization"] or {}).get("id")
            found[f"{r['role']}@{scope}" if scope else r["role"]] = r["id"]
        return found


MY_ROLE_SCOPES = """{ viewer { roles { id role organization { id } userGroup { id } company { id } } } }"""


@pytest.fixture(scope="module")
async def quality_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield conn
        finally:
            await outer.rollback()


@pytest.fixture(scope="module")
def quality_factory(quality_connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=quality_connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture(scope="module")
def quality_app(
    smtp_server: tuple[str, Mailbox], database_url: str, quality_factory: async_sessionmaker[AsyncSession]
) -> Starlette:
    settings = Settings(database_url=database_url, smtp_url=smtp_server[0])
    return create_app(
        settings,
        database_url=database_url,
        session_factory=quality_factory,
        clock=FrozenClock(START),
        deliver_mail=False,
    )


@pytest.fixture(scope="module")
async def built_quality_world(
    quality_app: Starlette, quality_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[World]:
    people = QuickPeople(quality_app, quality_factory)
    cast: dict[str, Person] = {}
    for key in (
        "desk",
        "so_a",
        "bso_a",
        "uga_a",
        "eu_a",
        "joiner_a",
        "so_b",
        "uga_b",
        "eu_b",
        "dual",
        "company_uga",
        "company_staff",
        "stranger",
    ):
        cast[key] = await people.make(key.replace("_", " ").title(), help_desk=key == "desk")
    desk = cast["desk"]
    org_a = await approved_organization(cast["so_a"], desk, 8_301, "Alpha Hospital")
    org_b = await approved_organization(cast["so_b"], desk, 8_302, "Beta Clinic")
    asked = (await data(cast["bso_a"], REQUEST_BSO, {"org": org_a}))["requestBackupSecurityOfficial"]
    assert (await approve(cast["so_a"], asked["request"]["id"]))["errors"] == []
    group_a = await approved_group(cast["uga_a"], cast["so_a"], org_a, "Alpha Claims")
    group_b = await approved_group(cast["uga_b"], cast["so_b"], org_b, "Beta Billing")
    for person, group, uga in (
        (cast["eu_a"], group_a, cast["uga_a"]),
        (cast["eu_b"], group_b, cast["uga_b"]),
        (cast["dual"], group_a, cast["uga_a"]),
    ):
        joined = (await data(person, REQUEST_MEMBERSHIP, {"group": group}))["requestUserGroupMembership"]
        assert (await approve(uga, joined["request"]["id"]))["errors"] == []
    world = World(
        people=people,
        factory=quality_factory,
        cast=cast,
        org_a=org_a,
        org_b=org_b,
        group_a=group_a,
        group_b=group_b,
        company="",
        surrogate_group="",
    )
    # pending: someone asks to join A's group; `dual` (end user in A) asks to be BSO of B; eu_b asks to join A
    world.pending["join_a"] = (await data(cast["joiner_a"], REQUEST_MEMBERSHIP, {"group": group_a}))[
        "requestUserGroupMembership"
    ]["request"]["id"]
    world.pending["dual_bso_b"] = (await data(cast["dual"], REQUEST_BSO, {"org": org_b}))[
        "requestBackupSecurityOfficial"
    ]["request"]["id"]
    world.pending["eu_b_join_a"] = (await data(cast["eu_b"], REQUEST_MEMBERSHIP, {"group": group_a}))[
        "requestUserGroupMembership"
    ]["request"]["id"]
    # company Gamma Billing serves A through a surrogate group; its staff member is approved by its UGA
    founded = (
        await data(
            cast["company_uga"],
            REQUEST_SURROGATE_GROUPS,
            {"input": {"company": {"name": "Gamma Billing", "tin": "987654321"}, "organizationIds": [org_a]}},
        )
    )["requestSurrogateUserGroups"]
    assert founded["errors"] == [], founded
    world.company = founded["requests"][0]["company"]["id"]
    served = await approve(cast["so_a"], founded["requests"][0]["id"])
    assert served["errors"] == [], served
    world.surrogate_group = served["request"]["userGroup"]["id"]
    staff = (await data(cast["company_staff"], REQUEST_COMPANY_MEMBERSHIP, {"company": world.company}))[
        "requestSurrogateCompanyMembership"
    ]
    assert (await approve(cast["company_uga"], staff["request"]["id"]))["errors"] == []
    try:
        yield world
    finally:
        await people.close()


@pytest.fixture
async def w(built_quality_world: World, quality_connection: AsyncConnection) -> AsyncIterator[World]:
    savepoint = await quality_connection.begin_nested()
    try:
        yield built_quality_world
    finally:
        await savepoint.rollback()


# --- Separation of duties ------------------------------------------------------------------------------------


SELF_DECISION = {"code": "SELF_DECISION_FORBIDDEN", "message": "Nobody decides their own request."}
SELF_DECIDED = text("SELECT count(*) FROM access_requests WHERE decided_by_id = requester_id")


async def test_bar_separation_of_duties_self_decision_is_refused_by_the_api_and_by_the_database(
    w: World, quality_connection: AsyncConnection
) -> None:
    # given: a help-desk person (the relation that decides registrations) registers an organization himself
    desk = await w.people.make("Self Desk", help_desk=True)
    request = await register_organization(desk, next(w.seeds), "Self Dealing Clinic")
    rid = request["id"]
    assert request["canDecide"] is False
    assert desk.name not in [a["name"] for a in request["approvers"]]
    queue = (await data(desk, "{ approvalQueue(first: 100) { edges { node { id } } } }"))["approvalQueue"]
    assert rid not in [e["node"]["id"] for e in queue["edges"]]

    # when: he approves, denies and bulk-decides his own request through the API
    before = await snapshot(w.factory)
    approved = (await data(desk, APPROVE, {"id": rid}))["approveRequest"]
    denied = (await data(desk, DENY, {"id": rid, "reason": "mine"}))["denyRequest"]
    bulk = (
        await data(
            desk,
            "mutation($ids: [ID!]!) { decideRequests(input: {requestIds: $ids, decision: APPROVE}) "
            "{ requests { id } errors { code message field } } }",
            {"ids": [rid]},
        )
    )["decideRequests"]

    # then: SELF_DECISION_FORBIDDEN each time, and nothing changed
    assert approved == {"request": None, "errors": [{**SELF_DECISION, "field": ["requestId"]}]}
    assert denied == {"request": None, "errors": [{**SELF_DECISION, "field": ["requestId"]}]}
    assert bulk == {"requests": [], "errors": [{**SELF_DECISION, "field": ["requestIds", "0"]}]}
    assert await snapshot(w.factory) == before

    # when: the app's own database role writes a self-decision directly, by UPDATE and by INSERT
    refused: list[str] = []
    for statement in (
        "UPDATE access_requests SET status = 'APPROVED', decided_at = now(), decided_by_id = requester_id "
        "WHERE id = :id",
        "INSERT INTO access_requests (id, tracking_number, kind, status, requester_id, organization_id, "
        "approver_relation, created_at, expires_at, decided_at, decided_by_id) "
        "SELECT gen_random_uuid(), 'SELF-' || left(md5(random()::text), 10), kind, 'APPROVED', requester_id, "
        "organization_id, approver_relation, created_at, expires_at, now(), requester_id "
        "FROM access_requests WHERE id = :id",
    ):
        savepoint = await quality_connection.begin_nested()
        try:
            await quality_connection.execute(text("SET LOCAL ROLE iacs_app"))
            assert await quality_connection.scalar(text("SELECT current_user")) == "iacs_app"
            with pytest.raises(DBAPIError) as caught:
                await quality_connection.execute(text(statement), {"id": uuid_of(rid)})
            refused.append(str(getattr(caught.value.orig, "sqlstate", "")))
            assert "no_self_decision" in str(caught.value.orig)
        finally:
            await savepoint.rollback()
            await quality_connection.execute(text("RESET ROLE"))

    # then: the CHECK constraint refuses both (SQLSTATE 23514), and no self-decision exists anywhere
    assert refused == ["23514", "23514"]
    assert await quality_connection.scalar(SELF_DECIDED) == 0
    assert await snapshot(w.factory) == before


# --- Revocation is immediate ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Authority:
    """One kind of authority: whose role ends, who ends it, and what the old session then tries."""

    holder: str
    role_key: Callable[[World], str]
    revoker: str | None  # None: the holder gives the role up
    pending: Callable[[World], Awaitable[str]]  # a request only this authority could decide


async def _pending_bso_request(w: World) -> str:
    person = await w.people.make("Would Be Backup")
    return str((await data(person, REQUEST_BSO, {"org": w.org_a}))["requestBackupSecurityOfficial"]["request"]["id"])


async def _pending_group_request(w: World) -> str:
    person = await w.people.make("Would Be Admin")
    asked = await data(person, REQUEST_GROUP, {"org": w.org_a, "name": f"Group {next(w.seeds)}"})
    return str(asked["requestUserGroup"]["request"]["id"])


async def _pending_join_request(w: World) -> str:
    return w.pending["join_a"]


async def _pending_staff_request(w: World) -> str:
    person = await w.people.make("Would Be Staff")
    asked = await data(person, REQUEST_COMPANY_MEMBERSHIP, {"company": w.company})
    return str(asked["requestSurrogateCompanyMembership"]["request"]["id"])


async def _pending_registration(w: World) -> str:
    person = await w.people.make("Would Be Official")
    return str((await register_organization(person, next(w.seeds), f"Newcomer {next(w.seeds)}"))["id"])


AUTHORITIES = {
    "security_official": Authority("so_a", lambda w: f"SECURITY_OFFICIAL@{w.org_a}", "desk", _pending_bso_request),
    "backup_security_official": Authority(
        "bso_a", lambda w: f"BACKUP_SECURITY_OFFICIAL@{w.org_a}", "so_a", _pending_group_request
    ),
    "user_group_administrator": Authority(
        "uga_a", lambda w: f"USER_GROUP_ADMINISTRATOR@{w.group_a}", "so_a", _pending_join_request
    ),
    "company_administrator": Authority(
        "company_uga", lambda w: f"USER_GROUP_ADMINISTRATOR@{w.company}", None, _pending_staff_request
    ),
    "help_desk": Authority("desk", lambda w: "HELP_DESK", None, _pending_registration),
}


@pytest.mark.parametrize("kind", sorted(AUTHORITIES))
async def test_bar_revocation_is_immediate(w: World, kind: str) -> None:
    # given: a person whose role lets them decide a pending request, signed in (their session stays)
    authority = AUTHORITIES[kind]
    holder = w[authority.holder]
    request_id = await authority.pending(w)
    role_id = (await w.role_ids(holder))[authority.role_key(w)]
    canonical = await data(
        holder, "query($id: ID!) { node(id: $id) { ... on AccessRequest { canDecide } } }", {"id": request_id}
    )
    assert canonical["node"] == {"canDecide": True}

    # when: the role ends (revoked by whoever may, or given up by a holder only they can end)
    revoker = w[authority.revoker] if authority.revoker else holder
    ended = (await data(revoker, REVOKE, {"id": role_id, "reason": "Left"}))["revokeRole"]
    assert ended["errors"] == [], ended
    assert ended["roleAssignment"]["status"] == "REVOKED"

    # then: the very next request of the old session, to decide, is refused; nothing changed
    before = await snapshot(w.factory)
    refused = (await data(holder, APPROVE, {"id": request_id}))["approveRequest"]
    assert refused == {
        "request": None,
        "errors": [{"code": "NOT_FOUND", "message": "No request with this id.", "field": ["requestId"]}],
    }
    assert await snapshot(w.factory) == before
    # ...the session itself is still valid: the authority is re-read on every request, never cached
    after = await data(
        holder,
        "query($id: ID!) { viewer { name } approvalQueue { totalCount } node(id: $id) { id } "
        'helpDeskLookup(query: "Alpha") { people { id } } }',
        {"id": request_id},
    )
    assert after["viewer"] == {"name": holder.name}
    assert after["node"] is None
    assert after["helpDeskLookup"] is None
    if kind != "help_desk":  # the help desk's queue also held every other registration of the world
        assert after["approvalQueue"]["totalCount"] == 0


# --- No mass assignment --------------------------------------------------------------------------------------

# Columns that a client legitimately supplies (the data of what is asked for, and references to the objects a
# mutation acts on); every other column of these models is server-owned and must never be an input field.
CLIENT_SUPPLIED = {
    "name",
    "description",
    "email",
    "phone",
    "community",
    "legalBusinessName",
    "tin",
    "npi",
    "ptan",
    "providerType",
    "addressLine1",
    "addressLine2",
    "city",
    "state",
    "zip",
    "reason",  # a decision's or revocation's reason
    "organizationId",
    "userGroupId",
    "companyId",
    "applicationId",
    "userId",  # the help desk's target (UserRefInput), never "who I am"
    "requestId",  # the request a decision or cancellation acts on
    "roleAssignmentId",  # the role a revocation or certification acts on
    "company",  # a new company (NewCompanyInput), the data of what is asked for
    "code",  # the e-mail confirmation code
    "justification",  # R39: why the requester needs the role, in their words
    "endsAt",  # R38, R40: the end date asked for; the server bounds it and an approver may only shorten it
}
# Input fields that a server-owned column's name names, allowed in this one input type only, each with why:
ALLOWED_IN_INPUT = {
    "NodeRefInput": {"id"},  # a reference to the object a mutation acts on (revoke a token, remove a webhook)
    "CreateApiTokenInput": {"expiresAt"},  # R43: the owner picks when the token stops, within the server's bounds
}
MUST_BE_SERVER_OWNED = {
    "status",
    "decidedBy",
    "decidedById",
    "decidedAt",
    "grantedBy",
    "grantedById",
    "grantedAt",
    "requester",
    "requesterId",
    "trackingNumber",
    "approverRelation",
    "createdAt",
    "expiresAt",
    "certifyBy",
    "certifiedAt",
    "endedAt",
    "suspendedAt",
    "passwordHash",
    "emailVerifiedAt",
    "role",
    "kind",
    "id",
}
SERVER_OWNED_MODELS = (
    AccessRequestModel,
    RoleAssignmentModel,
    UserGroupModel,
    OrganizationModel,
    SurrogateCompanyModel,
    User,
    UserSession,
    AuditEvent,
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def server_owned_names() -> set[str]:
    names: set[str] = set()
    for model in SERVER_OWNED_MODELS:
        for column in model.__table__.columns:
            camel = _camel(column.key)
            names.add(camel)
            if camel.endswith("Id") and len(camel) > 2:
                names.add(camel[:-2])  # decidedById -> decidedBy as well
    return names - CLIENT_SUPPLIED


def test_bar_no_mass_assignment_no_input_type_declares_a_server_owned_field() -> None:
    owned = server_owned_names()
    assert owned >= MUST_BE_SERVER_OWNED, sorted(MUST_BE_SERVER_OWNED - owned)
    graphql_schema = build_iacs_schema()._schema
    declared: dict[str, set[str]] = {}
    for type_name, graphql_type in graphql_schema.type_map.items():
        if isinstance(graphql_type, GraphQLInputObjectType) and not type_name.startswith("__"):
            declared[type_name] = set(graphql_type.fields)
    mutation = graphql_schema.mutation_type
    assert mutation is not None
    for field_name, mutation_field in mutation.fields.items():
        declared[f"Mutation.{field_name}(args)"] = set(mutation_field.args) - {"input"}
    assert len(declared) >= 20  # every input type of the schema was looked at
    offending = {
        where: sorted((names & owned) - ALLOWED_IN_INPUT.get(where, set()))
        for where, names in declared.items()
        if (names & owned) - ALLOWED_IN_INPUT.get(where, set())
    }
    assert offending == {}, offending


async def test_bar_no_mass_assignment_undeclared_fields_are_refused_and_nothing_is_written(w: World) -> None:
    person = await w.people.make("Mass Assigner")
    before = await snapshot(w.factory)
    decided_by = to_global_id("User", w["desk"].pk)
    inline = await post(
        person.client,
        "mutation($g: ID!, $by: ID!) { requestUserGroupMembership(input: {userGroupId: $g, status: APPROVED, "
        "decidedBy: $by}) { request { id status } errors { code } } }",
        {"g": w.group_b, "by": decided_by},
    )
    as_variable = await post(
        person.client,
        "mutation($input: UserGroupRefInput!) { requestUserGroupMembership(input: $input) { request { id } } }",
        {"input": {"userGroupId": w.group_b, "status": "APPROVED", "decidedBy": decided_by, "requesterId": "x"}},
    )
    assert inline["data"] is None
    unknown = "Expected value of type 'UserGroupRefInput' not to include unknown field"
    assert [e["message"].split(",")[0] for e in inline["errors"]] == [f"{unknown} 'status'", f"{unknown} 'decidedBy'"]
    assert as_variable["data"] is None
    assert all(unknown in e["message"] for e in as_variable["errors"])
    assert len(as_variable["errors"]) == 3  # status, decidedBy, requesterId
    assert await snapshot(w.factory) == before

    # and a request created normally is PENDING, undecided, and asked by the viewer
    created = (
        await data(
            person,
            "mutation($g: ID!) { requestUserGroupMembership(input: {userGroupId: $g}) { request { status decidedAt "
            "decidedBy { id } requester { id } } errors { code } } }",
            {"g": w.group_b},
        )
    )["requestUserGroupMembership"]
    assert created == {
        "request": {
            "status": "PENDING",
            "decidedAt": None,
            "decidedBy": None,
            "requester": {"id": to_global_id("User", person.pk)},
        },
        "errors": [],
    }


# --- No secret in the schema ---------------------------------------------------------------------------------

SECRET_WORDS = ("password", "token", "hash", "lock", "secret", "salt", "mfa", "otp")
# Output fields a word above names that read no stored secret, each with why it may be there:
NOT_SECRETS = {
    # R4, R33: when a running sign-in lock ends, so that the help desk sees whom to unlock; the resolver answers
    # null to anyone but the help desk (tests/security/authz_matrix.py FIELD_MATRIX), so nobody else can tell a
    # locked account (or a known login from an unknown one) by it.
    "User.lockedUntil",
    # R43: a token's name, dates and last use, never its secret (only a hash of it is stored); the owner only.
    "User.apiTokens",
    "ApiTokenPayload.token",
    "CreateApiTokenPayload.token",
    # R43, R44: the new secret, in the one answer that creates it, to the one who created it; no field reads it
    # again (tests/api/test_api_tokens.py, tests/api/test_webhooks.py).
    "CreateApiTokenPayload.secret",
    "CreateWebhookPayload.secret",
}


def test_bar_no_secret_in_the_schema_exported_sdl_has_no_password_token_or_lock_field() -> None:
    # The exported SDL (schema.graphql) and the production schema, read as text: no output field that could
    # carry a password, token, hash or lock state; the full TIN never appears either (last 4 only).
    for sdl in ((ROOT / "schema.graphql").read_text(encoding="utf-8"), build_iacs_schema(introspection=False).as_str()):
        parsed = build_schema(sdl)
        exposed = [
            f"{type_name}.{field_name}"
            for type_name, graphql_type in parsed.type_map.items()
            if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType)
            and not type_name.startswith("__")
            and type_name != "Mutation"  # verbs (signIn, unlockAccount), not data
            for field_name in graphql_type.fields
            if any(word in field_name.lower() for word in SECRET_WORDS) or field_name.lower() == "tin"
        ]
        assert sorted(set(exposed) - NOT_SECRETS) == []
        assert sorted(exposed) == sorted(NOT_SECRETS)  # every exception is still needed


# --- Nested paths (A3) ----------------------------------------------------------------------------------------

FOREIGN_ORGANIZATION = """
query($org: ID!) { node(id: $org) { ... on Organization {
  securityOfficial { ...Lists } backupSecurityOfficials { ...Lists }
  userGroups { id members(first: 100) { totalCount edges { node { id } } } roleAssignments { id }
    administrators { ...Lists } company { id associations(first: 100) { totalCount edges { node { status } } } } }
} } }
fragment Lists on User { roles { id } requests(first: 100) { totalCount edges { node { id } } }
  decisionRights { kinds } departureImpact { roles { id } } }"""
EMPTY_PERSON: dict[str, Any] = {
    "roles": [],
    "requests": {"totalCount": 0, "edges": []},
    "decisionRights": [],
    "departureImpact": None,
}
COMPANY_SEARCH = """{ companySearch(search: "Gamma") { id name associations(first: 100) { totalCount edges { node {
  status request { id } organization { id } userGroup { id } } } } } }"""
REQUESTER_LISTS = """query($id: ID!) { node(id: $id) { ... on AccessRequest { id status
  requester { ...Lists } decidedBy { ...Lists } organization { id } userGroup { members(first: 100) { totalCount } } }
} }
fragment Lists on User { roles { id } requests(first: 100) { totalCount edges { node { id } } }
  decisionRights { kinds } departureImpact { roles { id } } }"""
AUDIT_WALK = """query($first: Int, $after: String) { auditEvents(first: $first, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { id action organization { id } request { id requester { id } }
  subjectUser { id } actor { id } } } } }"""


def _ids_of_type(value: Any, type_name: str) -> set[str]:
    """Every global id of `type_name` anywhere in a JSON answer."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                decoded = from_global_id(item)
                if decoded is not None and decoded[0] == type_name:
                    found.add(item)
            else:
                found |= _ids_of_type(item, type_name)
    elif isinstance(value, list):
        for item in value:
            found |= _ids_of_type(item, type_name)
    return found


async def nodes(person: Person, ids: list[str], selection: str = "id") -> dict[str, Any]:
    """node(id) for each id, 10 per document (the alias limit is 15): id -> the node or None."""
    found: dict[str, Any] = {}
    for start in range(0, len(ids), 10):
        chunk = ids[start : start + 10]
        head = ", ".join(f"$i{n}: ID!" for n in range(len(chunk)))
        body = " ".join(f"n{n}: node(id: $i{n}) {{ {selection} }}" for n in range(len(chunk)))
        answer = await data(person, f"query({head}) {{ {body} }}", {f"i{n}": i for n, i in enumerate(chunk)})
        found.update({i: answer[f"n{n}"] for n, i in enumerate(chunk)})
    return found


async def _visible_through_node(person: Person, ids: set[str]) -> dict[str, bool]:
    return {i: node is not None for i, node in (await nodes(person, sorted(ids))).items()}


async def _walk_audit(person: Person, first: int = 100) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        page = (await data(person, AUDIT_WALK, {"first": first, "after": after}))["auditEvents"]
        nodes += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("viewer", ["so_b", "eu_b", "stranger", "company_staff"])
async def test_bar_nested_paths_do_not_leak(w: World, viewer: str) -> None:
    person = w[viewer]
    answers: list[Any] = []

    # organization A (public: approved organizations are searchable) -> its people, groups, members, roles
    organization = (await data(person, FOREIGN_ORGANIZATION, {"org": w.org_a}))["node"]
    answers.append(organization)
    assert organization["securityOfficial"] == EMPTY_PERSON
    assert organization["backupSecurityOfficials"] == [EMPTY_PERSON]
    for group in organization["userGroups"]:
        assert group["members"] == {"totalCount": 0, "edges": []}, group
        assert group["roleAssignments"] == []
        assert all(admin == EMPTY_PERSON for admin in group["administrators"]), group
        if group["company"] is not None:
            assert group["company"]["associations"] == {"totalCount": 0, "edges": []}
    assert len(organization["userGroups"]) == 2  # A's provider group and Gamma's surrogate group were walked

    # a company found by search (R17) -> its associations: empty, exactly as for a company of nobody
    companies = (await data(person, COMPANY_SEARCH))["companySearch"]
    answers.append(companies)
    assert [c["name"] for c in companies] == ["Gamma Billing"]
    assert companies[0]["associations"] == {"totalCount": 0, "edges": []}

    # a nonexistent organization and a nonexistent request: null, like any object that is not yours
    missing_org = to_global_id("Organization", uuid.uuid4())
    missing_request = to_global_id("AccessRequest", uuid.uuid4())
    for missing in (missing_org, missing_request):
        assert (await data(person, "query($id: ID!) { node(id: $id) { id } }", {"id": missing}))["node"] is None

    # A's pending request and A's people's requests and roles, straight by id: null like the nonexistent ones
    foreign_ids = [w.pending["join_a"], w.pending["eu_b_join_a"], *list((await w.role_ids(w["uga_a"])).values())]
    for foreign in foreign_ids:
        if viewer == "eu_b" and foreign == w.pending["eu_b_join_a"]:
            continue  # eu_b asked for it: their own request
        node = await data(person, REQUESTER_LISTS, {"id": foreign})
        assert node == {"node": None}, (foreign, node)

    # the viewer's audit events -> requests, organizations, people: only what they may see
    events = await _walk_audit(person)
    answers.append(events)
    a_uuid = str(uuid_of(w.org_a))
    for event in events:
        if event["organization"] is not None and event["organization"]["id"] == w.org_a:
            # only events the viewer took part in may name A (eu_b asked to join A's group)
            assert viewer == "eu_b", (a_uuid, event)
            assert event["action"] == "REQUEST_SUBMITTED"
            assert event["subjectUser"] == {"id": to_global_id("User", person.pk)}

    # generic: every request and role that any of these paths returned is one node(id) also shows the viewer
    for type_name in ("AccessRequest", "RoleAssignment"):
        ids = set().union(*(_ids_of_type(a, type_name) for a in answers))
        hidden = [i for i, seen in (await _visible_through_node(person, ids)).items() if not seen]
        assert hidden == [], (type_name, hidden)


async def test_bar_nested_paths_do_not_leak_after_a_decision(w: World) -> None:
    # `dual` (an end user in A, nobody in B) asked to be BSO of B. While the request is pending, so_b judges it
    # in context and sees the requester's other roles and requests (by design: tests/api/test_help_desk.py).
    asked = w.pending["dual_bso_b"]
    pending = (await data(w["so_b"], REQUESTER_LISTS, {"id": asked}))["node"]
    assert pending["requester"]["roles"] != []
    assert pending["requester"]["requests"]["totalCount"] >= 1

    # once decided, the requester's lists are not so_b's to see any more: empty, as for anybody's
    decided = (await data(w["so_b"], DENY, {"id": asked, "reason": "Not now"}))["denyRequest"]
    assert decided["errors"] == []
    after = (await data(w["so_b"], REQUESTER_LISTS, {"id": asked}))["node"]
    assert after["status"] == "DENIED"
    assert after["requester"] == EMPTY_PERSON
    assert after["userGroup"] is None
    # and the requester sees the denial and who decided, but nothing of that official's roles or requests
    own = (await data(w["dual"], REQUESTER_LISTS, {"id": asked}))["node"]
    assert own["status"] == "DENIED"
    assert own["decidedBy"] == EMPTY_PERSON


OFFICIALS_WALK = """query($org: ID!) { node(id: $org) { ... on Organization { officials { id role
  user { id } request { id trackingNumber decidedBy { email } }
  grantChain { reason request { id trackingNumber } approverRole { id role user { email } } } } } } }"""


@pytest.mark.parametrize("viewer", ["so_b", "stranger"])
async def test_bar_nested_paths_do_not_leak_through_officials(w: World, viewer: str) -> None:
    person = w[viewer]
    answer = (await data(person, OFFICIALS_WALK, {"org": w.org_a}))["node"]
    leaked: dict[str, list[str]] = {}
    for type_name in ("AccessRequest", "RoleAssignment"):
        ids = _ids_of_type(answer, type_name)
        hidden = [i for i, seen in (await _visible_through_node(person, ids)).items() if not seen]
        if hidden:
            leaked[type_name] = hidden
    assert leaked == {}, answer


# --- Lists agree with checks (every list but the approval queue) -------------------------------------------


async def _all_pages(
    person: Person, query: str, path: str, first: int, variables: dict[str, Any] | None = None
) -> list[Any]:
    """Walk a connection with `first`, following endCursor; every node, in order (duplicates kept)."""
    nodes: list[Any] = []
    after: str | None = None
    for _ in range(1000):
        answer = await data(person, query, {**(variables or {}), "first": first, "after": after})
        connection = answer
        for key in path.split("."):
            connection = connection[key]
        nodes += [e["node"] for e in connection["edges"]]
        assert len(connection["edges"]) <= first
        if not connection["pageInfo"]["hasNextPage"]:
            assert connection["totalCount"] == len(nodes)
            return nodes
        after = connection["pageInfo"]["endCursor"]
    raise AssertionError("more than 1000 pages")


def _unique(nodes: list[Any], key: str = "id") -> set[Any]:
    values = [n[key] for n in nodes]
    assert len(values) == len(set(values)), "duplicates across pages"
    return set(values)


ORGANIZATIONS_PAGE = """query($first: Int, $after: String, $search: String) {
  organizations(first: $first, after: $after, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status legalBusinessName npi city } } } }"""


async def test_bar_lists_agree_with_checks_organizations_search(w: World) -> None:
    # a pending and a denied organization exist too; neither may be listed
    pending = await register_organization(await w.people.make("Pending Official"), next(w.seeds), "Pending Place")
    denied_request = await register_organization(await w.people.make("Denied Official"), next(w.seeds), "Denied Place")
    assert (await data(w["desk"], DENY, {"id": denied_request["id"], "reason": "No"}))["denyRequest"]["errors"] == []
    async with w.factory() as db:
        approved = {
            to_global_id("Organization", pk)
            for pk in (await db.scalars(text("SELECT id FROM organizations WHERE status = 'APPROVED'"))).all()
        }
    assert {w.org_a, w.org_b} <= approved
    for viewer in ("stranger", "eu_b", "desk"):
        person = w[viewer]
        for first in PAGE_SIZES:
            listed = await _all_pages(person, ORGANIZATIONS_PAGE, "organizations", first)
            assert _unique(listed) == approved
            assert {n["status"] for n in listed} == {"APPROVED"}
        # each listed one passes the single-object check; the unlisted ones (pending, denied) do not for strangers
        visible = await _visible_through_node(person, approved)
        assert all(visible.values())
        hidden = await _visible_through_node(
            person, {pending["organization"]["id"], denied_request["organization"]["id"]}
        )
        assert all(hidden.values()) == (viewer == "desk"), hidden
        # a search narrows the list, never widens it: name, city (any part, any case), NPI prefix
        for term, expected in (
            ("alpha", {w.org_a}),
            ("BETA CLI", {w.org_b}),
            ("springf", approved),
            ("Pending", set()),
        ):
            found = await _all_pages(person, ORGANIZATIONS_PAGE, "organizations", 2, {"search": term})
            assert _unique(found) == expected & approved, term


AUDIT_IDS = """query($first: Int, $after: String) { auditEvents(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


async def test_bar_lists_agree_with_checks_audit_events_scope(w: World) -> None:
    # The oracle is R31 written as SQL here (help desk: all; SO/BSO: their organizations; everyone: their own),
    # independently of iacs.domain.audit.queries.
    oracle = text(
        """
        SELECT e.id FROM audit_events e
        WHERE EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = :viewer AND r.role = 'HELP_DESK'
                      AND r.status = 'ACTIVE')
           OR e.actor_id = :viewer OR e.subject_user_id = :viewer
           OR e.organization_id IN (SELECT r.organization_id FROM role_assignments r WHERE r.user_id = :viewer
                                    AND r.status = 'ACTIVE'
                                    AND r.role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL'))
        """
    )
    checked = 0
    for viewer in ("desk", "so_a", "bso_a", "uga_a", "eu_b", "company_uga", "stranger"):
        person = w[viewer]
        async with w.factory() as db:
            expected_ids = {int(i) for i in (await db.scalars(oracle, {"viewer": person.pk})).all()}
        sizes = PAGE_SIZES if viewer in {"stranger", "eu_b", "uga_a"} else PAGE_SIZES[1:]
        for first in sizes:
            listed = await _all_pages(person, AUDIT_IDS, "auditEvents", first)
            assert {int(n["id"]) for n in listed} == expected_ids, viewer
            assert len(listed) == len(expected_ids)  # no duplicates across pages
        checked += len(expected_ids)
    assert checked > 50


SURROGATE_COMPANIES = """{ surrogateCompanies { id name associations(first: 100) { totalCount edges { node {
  status organization { id } userGroup { id } request { id } } } } } }"""
ASSOCIATIONS_PAGE = """query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on SurrogateCompany {
  associations(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { status organization { id } request { id } } } } } } }"""


async def test_bar_lists_agree_with_checks_surrogate_companies_and_associations(w: World) -> None:
    # Gamma also asks to serve B (pending): associations are pending or decided, one per organization
    more = (
        await data(
            w["company_uga"],
            REQUEST_SURROGATE_GROUPS,
            {"input": {"companyId": w.company, "organizationIds": [w.org_b]}},
        )
    )["requestSurrogateUserGroups"]
    assert more["errors"] == []
    for viewer in ("company_uga", "company_staff", "so_a", "uga_a", "desk", "stranger"):
        person = w[viewer]
        async with w.factory() as db:
            administered = {
                to_global_id("SurrogateCompany", pk)
                for pk in (
                    await db.scalars(
                        text(
                            "SELECT company_id FROM role_assignments WHERE user_id = :u AND company_id IS NOT NULL "
                            "AND user_group_id IS NULL AND role = 'USER_GROUP_ADMINISTRATOR' AND status = 'ACTIVE'"
                        ),
                        {"u": person.pk},
                    )
                ).all()
            }
        listed = (await data(person, SURROGATE_COMPANIES))["surrogateCompanies"]
        assert _unique(listed) == administered, viewer
        # the single-object check agrees: node(company) shows every listed company (companies themselves, name and
        # last 4 of the TIN, are findable by anyone signed in, R17; their associations are not)
        assert all((await _visible_through_node(person, administered)).values())
        company_node = (await data(person, "query($id: ID!) { node(id: $id) { id } }", {"id": w.company}))["node"]
        assert company_node == {"id": w.company}, viewer
        # associations: every page size gives the same set for those entitled, and nothing to anyone else
        entitled = w.company in administered or viewer == "desk"
        for first in PAGE_SIZES:
            if viewer == "desk" or entitled:
                pages = await _all_pages(person, ASSOCIATIONS_PAGE, "node.associations", first, {"id": w.company})
                assert {n["organization"]["id"] for n in pages} == {w.org_a, w.org_b}
                assert sorted(n["status"] for n in pages) == ["APPROVED", "PENDING"]
                # and each association's request is one node(id) shows this viewer
                assert all((await _visible_through_node(person, {n["request"]["id"] for n in pages})).values())
        if not entitled:
            search = (await data(person, COMPANY_SEARCH))["companySearch"]
            assert search[0]["associations"] == {"totalCount": 0, "edges": []}


CERTIFICATION_PAGE = """query($first: Int, $after: String) { certificationQueue(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }"""
ROLE_CHECK = "... on RoleAssignment { id status canRevoke }"


async def test_bar_lists_agree_with_checks_certification_queue_vs_can_revoke(w: World) -> None:
    # given: every role of the world is due within 30 days, and two are already suspended (R30)
    async with w.factory() as db:
        await db.execute(
            text("UPDATE role_assignments SET certify_by = :soon WHERE certify_by IS NOT NULL AND status = 'ACTIVE'"),
            {"soon": START + timedelta(days=10)},
        )
        suspended = (
            await db.scalars(
                text(
                    "UPDATE role_assignments SET status = 'SUSPENDED', suspended_at = :now WHERE id IN ("
                    "SELECT id FROM role_assignments WHERE user_id IN (:eu_a, :staff) AND status = 'ACTIVE') "
                    "RETURNING id"
                ),
                {"now": START, "eu_a": w["eu_a"].pk, "staff": w["company_staff"].pk},
            )
        ).all()
        await db.commit()
        due = (
            await db.scalars(
                select(RoleAssignmentModel).where(
                    RoleAssignmentModel.certify_by.is_not(None),
                    RoleAssignmentModel.status.in_([RoleStatus.ACTIVE, RoleStatus.SUSPENDED]),
                )
            )
        ).all()
    assert len(suspended) >= 2
    assert len(due) >= 10
    nonempty = 0
    for viewer in ("desk", "so_a", "bso_a", "uga_a", "uga_b", "company_uga", "eu_a", "stranger"):
        person = w[viewer]
        async with w.factory() as db:
            actor_user = await db.get(User, person.pk)
            assert actor_user is not None
            actor = await load_actor(db, actor_user)
        # the check: canRevoke read through the API for active roles agrees with may_revoke; the queue holds what
        # may_certify allows (the approvers; the help desk's right to end any role, R34, is no right to certify it)
        expected: set[str] = set()
        others = [r for r in due if r.user_id != person.pk]  # nobody certifies their own role
        checked = await nodes(person, [to_global_id("RoleAssignment", r.id) for r in others], ROLE_CHECK)
        for role in others:
            global_id = to_global_id("RoleAssignment", role.id)
            if role.status == RoleStatus.ACTIVE:
                node = checked[global_id]
                revocable = node is not None and node["canRevoke"]
                assert revocable == may_revoke(actor.authority, HeldRole.of(role)), (viewer, role.role)
            allowed = may_certify(actor.authority, HeldRole.of(role))
            if allowed:
                expected.add(global_id)
        for first in PAGE_SIZES:
            listed = await _all_pages(person, CERTIFICATION_PAGE, "certificationQueue", first)
            assert _unique(listed) == expected, viewer
        nonempty += bool(expected)
    assert nonempty >= 5


# someone of every relation to a group: help desk, officials of its and of another organization, its UGA, a
# member, the company's UGA and staff (surrogate group), and nobody
MEMBER_VIEWERS = ("desk", "so_a", "bso_a", "so_b", "uga_a", "uga_b", "eu_a", "company_uga", "company_staff", "stranger")
MEMBERS = """query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on UserGroup {
  roleAssignments { id } members(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id } } } } } }"""


async def test_bar_lists_agree_with_checks_group_members_visibility(w: World) -> None:
    # The oracle, from the field's description (rules.md R13, R16, R33): the group's own people, its
    # organization's SO/BSO, the company's UGAs for a surrogate group, and the help desk.
    visibility = text(
        """
        SELECT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = :viewer AND r.status = 'ACTIVE' AND (
                 r.role = 'HELP_DESK' OR r.user_group_id = g.id
              OR (r.organization_id = g.organization_id AND r.user_group_id IS NULL
                  AND r.role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL'))
              OR (g.company_id IS NOT NULL AND r.company_id = g.company_id AND r.user_group_id IS NULL
                  AND r.role = 'USER_GROUP_ADMINISTRATOR')))
        FROM user_groups g WHERE g.id = :group
        """
    )
    members_of = text(
        "SELECT DISTINCT user_id FROM role_assignments WHERE user_group_id = :group AND role = 'END_USER' "
        "AND application_id IS NULL AND status = 'ACTIVE'"
    )
    seen_any = 0
    for group in (w.group_a, w.group_b, w.surrogate_group):
        async with w.factory() as db:
            members = {to_global_id("User", u) for u in (await db.scalars(members_of, {"group": uuid_of(group)})).all()}
        for viewer in MEMBER_VIEWERS:
            person = w[viewer]
            async with w.factory() as db:
                may_see = bool(await db.scalar(visibility, {"viewer": person.pk, "group": uuid_of(group)}))
            # one page of 100 for everybody; pages of 1 and 2 as well where there is something to see
            for first in PAGE_SIZES if may_see else PAGE_SIZES[-1:]:
                listed = await _all_pages(person, MEMBERS, "node.members", first, {"id": group})
                assert _unique(listed) == (members if may_see else set()), (viewer, group, first)
            node = (await data(person, MEMBERS, {"id": group, "first": 1}))["node"]
            assert (node["roleAssignments"] != []) == may_see, (viewer, group)
            seen_any += may_see
    assert seen_any >= 8


# --- Passwords ------------------------------------------------------------------------------------------------

REGISTER = """mutation($input: RegisterAccountInput!) { registerAccount(input: $input) {
  viewer { email } errors { code message field } } }"""
SIGN_IN = """mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) {
  viewer { email } errors { code message field } } }"""


class CountingHasher:
    """Wraps argon2's PasswordHasher: counts calls, the longest input, and how many ran at the same time."""

    def __init__(self, real: PasswordHasher, *, hold: float = 0.0) -> None:
        self.real = real
        self.hold = hold
        self.calls: list[str] = []
        self.longest = 0
        self.running = 0
        self.most_at_once = 0
        self.lock = threading.Lock()

    def _enter(self, kind: str, password: str | bytes) -> None:
        with self.lock:
            self.calls.append(kind)
            self.longest = max(self.longest, len(password))
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)

    def _leave(self) -> None:
        with self.lock:
            self.running -= 1

    def hash(self, password: str | bytes) -> str:
        self._enter("hash", password)
        try:
            time.sleep(self.hold)
            return self.real.hash(password)
        finally:
            self._leave()

    def verify(self, password_hash: str | bytes, password: str | bytes) -> bool:
        self._enter("verify", password)
        try:
            time.sleep(self.hold)
            return self.real.verify(password_hash, password)
        finally:
            self._leave()

    def check_needs_rehash(self, password_hash: str) -> bool:
        return self.real.check_needs_rehash(password_hash)


def registration(email: str, password: str) -> dict[str, Any]:
    return {
        "input": {
            "email": email,
            "name": "Pat Jones",
            "password": password,
            "community": "PROVIDER_SUPPLIER",
            "acceptTerms": True,
        }
    }


ARGON2 = re.compile(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$")


async def test_bar_passwords_argon2id_parameters_read_from_a_stored_hash(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    answer = await post(client, REGISTER, registration("hash.reader@clinic.example.org", "violet-harbor-lantern-42"))
    assert answer["data"]["registerAccount"]["errors"] == []
    async with session_factory() as db:
        stored = await db.scalar(select(User.password_hash).where(User.email == "hash.reader@clinic.example.org"))
    assert stored is not None
    match = ARGON2.match(stored)
    assert match is not None, stored
    memory_kib, time_cost, parallelism = (int(g) for g in match.groups())
    assert memory_kib >= 19 * 1024  # at least m = 19 MiB (OWASP); argon2-cffi's default is 64 MiB
    assert time_cost >= 2
    assert parallelism >= 1
    MEASURED["argon2id_parameters"] = {"m_kib": memory_kib, "t": time_cost, "p": parallelism}


async def test_bar_passwords_length_12_to_256_and_common_passwords_are_checked_before_hashing(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", hasher)
    refused_cases = {
        "11 characters": ("q7#mK2!vZp4", "Use at least 12 characters."),
        "257 characters": ("x7Kq" * 64 + "z", "Use at most 256 characters."),
        "a common password": ("password1234", "This password is too common; choose a less predictable one."),
    }
    for label, (password, message) in refused_cases.items():
        answer = await post(client, REGISTER, registration(f"{label.replace(' ', '.')}@clinic.example.org", password))
        assert answer["data"]["registerAccount"]["errors"] == [
            {"code": "WEAK_PASSWORD", "message": message, "field": ["password"]}
        ], label
    assert hasher.calls == []  # refused before any hash was computed
    async with session_factory() as db:
        assert await db.scalar(text("SELECT count(*) FROM users WHERE email LIKE '%@clinic.example.org'")) == 0

    # the bounds themselves are accepted: 12 and 256 characters, one hash each
    for n, password in enumerate(("q7#mK2!vZp4w", "x7Kq" * 64)):
        answer = await post(client, REGISTER, registration(f"bound{n}@clinic.example.org", password))
        assert answer["data"]["registerAccount"]["errors"] == [], answer
    assert hasher.calls == ["hash", "hash"]
    assert hasher.longest == 256

    # signing in with a 60 KiB password: the verifier never sees more than 257 characters (still a mismatch)
    huge = await post(client, SIGN_IN, {"l": "bound0@clinic.example.org", "p": "y" * 60_000})
    assert huge["data"]["signIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert hasher.longest == 257


@dataclass
class Committed:
    """An app on its own database with a real connection pool, for tests that need concurrent requests."""

    app: Starlette
    factory: async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
async def committed(server_url: str) -> AsyncIterator[Committed]:
    url = await create_database(server_url, "iacs_quality")
    try:
        await migrate.upgrade_async(url)
        settings = Settings(database_url=url, db_pool_size=10, db_max_overflow=10)
        engine = make_engine(url, settings)
        try:
            app = create_app(settings, database_url=url, engine=engine, clock=FrozenClock(START), deliver_mail=False)
            yield Committed(app=app, factory=make_session_factory(engine))
        finally:
            await engine.dispose()
    finally:
        await drop_database(server_url, url)


async def test_bar_passwords_at_most_4_hashes_at_once(committed: Committed, monkeypatch: pytest.MonkeyPatch) -> None:
    # given: 12 people, and a hasher that holds each verification 0.2 s so that they would overlap (the cap does
    # not depend on the cost, so a cheap argon2id stands in for the real one, whose parameters are checked above)
    cheap = _fast_hasher()
    people = QuickPeople(committed.app, committed.factory)
    try:
        persons = [await people.make(f"Storm {i}") for i in range(12)]
        async with committed.factory() as db:
            await db.execute(text("UPDATE users SET password_hash = :h"), {"h": cheap.hash(PASSWORD)})
            await db.commit()
        hasher = CountingHasher(cheap, hold=0.2)
        monkeypatch.setattr(passwords, "_hasher", hasher)

        # when: all 12 sign in at once (the thread pool alone would run 6 at a time on this machine)
        started = time.perf_counter()
        answers = await asyncio.gather(
            *(post(people.client(), SIGN_IN, {"l": p.email, "p": PASSWORD}) for p in persons)
        )
        elapsed = time.perf_counter() - started
    finally:
        await people.close()

    # then: every sign-in worked, and never more than 4 argon2 computations ran at the same time
    assert [a["data"]["signIn"]["errors"] for a in answers] == [[]] * 12
    assert hasher.calls.count("verify") == 12
    assert hasher.most_at_once == passwords.MAX_CONCURRENT_HASHES == 4
    MEASURED["password_storm"] = {"sign_ins": 12, "most_at_once": hasher.most_at_once, "seconds": round(elapsed, 2)}


# --- Sign-in abuse ---------------------------------------------------------------------------------------------


def _fast_hasher() -> PasswordHasher:
    # The lockout logic does not depend on the cost; a cheap argon2id keeps this test fast. The real cost is
    # used where it matters (the parameters and the timing measurement below).
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


async def test_bar_sign_in_abuse_lockout_same_answers_one_sign_in_per_document_no_batching(
    client: httpx.AsyncClient, clock: FrozenClock, sql_statements: StatementCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = CountingHasher(_fast_hasher())
    monkeypatch.setattr(passwords, "_hasher", hasher)
    monkeypatch.setattr(passwords, "_dummy_hash", lambda: hasher.real.hash("an unguessable placeholder"))
    email = "lock.me@clinic.example.org"
    assert (await post(client, REGISTER, registration(email, "violet-harbor-lantern-42")))["data"]["registerAccount"][
        "errors"
    ] == []
    await post(client, "mutation { signOut }")
    wrong = {"l": email, "p": "not-the-password-1"}
    right = {"l": email, "p": "violet-harbor-lantern-42"}
    unknown = {"l": "ghost@clinic.example.org", "p": "not-the-password-1"}

    async def sign_in(variables: dict[str, str]) -> dict[str, Any]:
        payload: dict[str, Any] = (await post(client, SIGN_IN, variables))["data"]["signIn"]
        return payload

    # unknown login and wrong password: the same answer, and the same work (one argon2 verification each)
    hasher.calls.clear()
    first_wrong, first_unknown = await sign_in(wrong), await sign_in(unknown)
    assert (
        first_wrong
        == first_unknown
        == {
            "viewer": None,
            "errors": [
                {
                    "code": "INVALID_CREDENTIALS",
                    "message": "The e-mail or user ID and password do not match an account.",
                    "field": None,
                }
            ],
        }
    )
    assert hasher.calls == ["verify", "verify"]

    # 5 failures in 15 minutes lock for 15 minutes; the right password is then refused, without a hash
    for _ in range(3):
        clock.advance(timedelta(minutes=3))
        await sign_in(wrong)
        await sign_in(unknown)
    clock.advance(timedelta(minutes=2, seconds=59))  # the 5th failure, 14:59 after the first
    await sign_in(wrong)
    await sign_in(unknown)
    hasher.calls.clear()
    locked, locked_unknown = await sign_in(right), await sign_in(unknown)
    assert locked["errors"][0]["code"] == locked_unknown["errors"][0]["code"] == "ACCOUNT_LOCKED"
    assert locked == locked_unknown  # an unknown login locks exactly like a real one
    assert hasher.calls == []
    clock.advance(timedelta(minutes=14, seconds=59))
    assert (await sign_in(right))["errors"][0]["code"] == "ACCOUNT_LOCKED"  # attempts while locked don't extend it
    clock.advance(timedelta(seconds=1))  # 15 minutes after the 5th failure
    assert (await sign_in(right))["errors"] == []

    # more than one signIn (or registerAccount) per document: refused before any SQL or hash
    hasher.calls.clear()
    sql_statements.statements.clear()
    aliased = " ".join(
        f'a{i}: signIn(input: {{login: "{email}", password: "guess-{i}-abcdefgh"}}) {{ errors {{ code }} }}'
        for i in range(2)
    )
    mixed = (
        f'mutation {{ a: signIn(input: {{login: "{email}", password: "guess-abcdefghij"}}) {{ errors {{ code }} }} '
        'b: registerAccount(input: {email: "x@y.org", name: "X", password: "guess-abcdefghij", '
        "community: PROVIDER_SUPPLIER, acceptTerms: true}) { errors { code } } }"
    )
    for document in ("mutation { " + aliased + " }", mixed):
        refused = await post(client, document)
        assert refused["data"] is None
        assert refused["errors"][0]["message"] == "Only one signIn or registerAccount is allowed per request."
    # batching is off: a JSON array is refused as a whole
    batch = await client.post("/graphql", json=[{"query": SIGN_IN, "variables": wrong}] * 2)
    assert batch.status_code == 400
    assert "Batching is not enabled" in batch.text
    assert sql_statements.count == 0
    assert hasher.calls == []


async def test_bar_sign_in_abuse_timing_unknown_vs_known_is_measured(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bar's figure (within 10 % of the median, *proposed*) is measured with the real argon2 cost and written
    # to test-results/quality/security.json, not asserted: timing on a shared 2-core machine is noise. What is
    # asserted is the cause of equal timing: both paths run exactly one argon2 verification of the real cost.
    samples = int(os.environ.get("IACS_TIMING_SAMPLES", "3"))
    passwords._dummy_hash()  # computed once per process (cached), as in a long-running server
    hasher = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", hasher)
    email = "timing@clinic.example.org"
    async with session_factory() as db:
        db.add(
            User(
                user_id=tokens.new_user_id(),
                email=email,
                name="Tim Ing",
                community=Community.PROVIDER_SUPPLIER,
                password_hash=_password_hash(),  # the real argon2id cost
                terms_accepted_at=START,
                email_verified_at=START,
            )
        )
        await db.commit()
    known: list[float] = []
    unknown: list[float] = []
    for i in range(samples):  # interleaved, and below the lockout threshold of each login
        for login, into in ((email, known), (f"ghost{i}@clinic.example.org", unknown)):
            started = time.perf_counter()
            await post(client, SIGN_IN, {"l": login, "p": f"wrong-password-{i}-xyz"})
            into.append(time.perf_counter() - started)
    assert hasher.calls == ["verify"] * (2 * samples)
    known_median, unknown_median = statistics.median(known), statistics.median(unknown)
    MEASURED["sign_in_timing_ms"] = {
        "samples_each": samples,
        "known_median": _ms(known_median),
        "unknown_median": _ms(unknown_median),
        "difference_percent": round(abs(unknown_median - known_median) / known_median * 100, 1),
    }


# --- Sessions --------------------------------------------------------------------------------------------------


def production_settings(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Settings:
    """The settings `iacs serve` reads in production: IACS_ENV=production and nothing else but the database."""
    for name in list(os.environ):
        if name.startswith("IACS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("IACS_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", database_url)
    return Settings.from_env()


@pytest.fixture
def production_app(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FrozenClock,
) -> Starlette:
    settings = production_settings(monkeypatch, database_url)
    assert (settings.graphiql, settings.introspection, settings.secure_cookies) == (False, False, True)
    return create_app(
        settings, database_url=database_url, session_factory=session_factory, clock=clock, deliver_mail=False
    )


@pytest.fixture
async def production_client(production_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=production_app, client=("127.0.0.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="https://127.0.0.1") as http:
        yield http


VIEWER = "{ viewer { email } }"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


async def test_bar_sessions_cookie_token_rotation_and_storage(
    production_client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    email = "sessions@clinic.example.org"
    registered = await production_client.post(
        "/graphql", json={"query": REGISTER, "variables": registration(email, "violet-harbor-lantern-42")}
    )
    cookie = registered.headers["set-cookie"]
    name, _, rest = cookie.partition("=")
    token, *attributes = [part.strip() for part in rest.split(";")]
    flags = {a.split("=")[0].lower(): (a.split("=", 1)[1] if "=" in a else True) for a in attributes}
    # __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain; lives at most the absolute 12 h
    assert name == PRODUCTION_COOKIE
    assert flags["secure"] is True
    assert flags["httponly"] is True
    assert str(flags["samesite"]).lower() == "lax"
    assert flags["path"] == "/"
    assert "domain" not in flags
    assert flags["max-age"] == str(12 * 3600)
    # 43 url-safe characters = 32 random bytes = 256 bits; only its SHA-256 is stored
    assert TOKEN.match(token), token
    assert len(base64.urlsafe_b64decode(token + "=")) == 32
    async with session_factory() as db:
        user = await db.scalar(select(User).where(User.email == email))
        assert user is not None
        rows = (
            await db.execute(text("SELECT s::text, s.token_hash FROM sessions s WHERE user_id = :u"), {"u": user.id})
        ).all()
    assert len(rows) == 1
    assert rows[0][1] == hashlib.sha256(token.encode()).digest()
    assert token not in rows[0][0]
    assert (await post(production_client, VIEWER))["data"]["viewer"] == {"email": email}

    # a new token at sign-in: the pre-sign-in cookie's session ends, the new value differs
    signed = await production_client.post(
        "/graphql", json={"query": SIGN_IN, "variables": {"l": email, "p": "violet-harbor-lantern-42"}}
    )
    new_token = signed.headers["set-cookie"].partition("=")[2].split(";")[0]
    assert TOKEN.match(new_token)
    assert new_token != token
    async with session_factory() as db:
        assert await db.scalar(text("SELECT count(*) FROM sessions WHERE user_id = :u"), {"u": user.id}) == 1
    transport = production_client._transport
    async with httpx.AsyncClient(
        transport=transport, base_url="https://127.0.0.1", cookies={PRODUCTION_COOKIE: token}
    ) as replay:
        assert (await post(replay, VIEWER))["data"]["viewer"] is None  # the old token is worth nothing now

    # signing out ends it too: replaying the signed-out cookie is anonymous
    async with httpx.AsyncClient(
        transport=transport, base_url="https://127.0.0.1", cookies={PRODUCTION_COOKIE: new_token}
    ) as before_sign_out:
        assert (await post(production_client, "mutation { signOut }"))["data"]["signOut"] is True
        assert (await post(before_sign_out, VIEWER))["data"]["viewer"] is None


async def test_bar_sessions_30_minutes_idle_12_hours_absolute(
    production_app: Starlette, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    people = QuickPeople(production_app, session_factory, cookie=PRODUCTION_COOKIE, base_url="https://127.0.0.1")
    try:
        idle = await people.make("Idle Person")
        clock.advance(timedelta(minutes=29, seconds=59))
        assert (await data(idle, VIEWER))["viewer"] is not None  # used: the idle time starts again
        clock.advance(timedelta(minutes=30))
        assert (await data(idle, VIEWER))["viewer"] is None  # 30 idle minutes end it

        busy = await people.make("Busy Person")  # its session row says: created at START, ends at START + 12 h
        clock.advance(START - clock.now())  # back to START, the session's creation time
        for _ in range(24):
            clock.advance(timedelta(minutes=29, seconds=59))
            assert (await data(busy, VIEWER))["viewer"] is not None
        clock.advance(timedelta(hours=12) - (clock.now() - START))
        assert (await data(busy, VIEWER))["viewer"] is None  # 12 hours after it began, however busy
    finally:
        await people.close()


async def test_bar_sessions_disabling_an_account_ends_all_its_sessions(
    production_app: Starlette, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    people = QuickPeople(production_app, session_factory, cookie=PRODUCTION_COOKIE, base_url="https://127.0.0.1")
    try:
        desk = await people.make("Session Desk", help_desk=True)
        leaver = await people.make("Session Leaver")
        more = [people.client(await people.session(leaver.pk)) for _ in range(2)]
        for client in (leaver.client, *more):
            assert (await post(client, VIEWER))["data"]["viewer"] == {"email": leaver.email}
        disabled = await data(
            desk,
            'mutation($id: ID!) { disableAccount(input: {userId: $id, reason: "Left"}) { errors { code } } }',
            {"id": to_global_id("User", leaver.pk)},
        )
        assert disabled["disableAccount"]["errors"] == []
        for client in (leaver.client, *more):
            assert (await post(client, VIEWER))["data"]["viewer"] is None
        async with session_factory() as db:
            assert await db.scalar(text("SELECT count(*) FROM sessions WHERE user_id = :u"), {"u": leaver.pk}) == 0
    finally:
        await people.close()


# --- GraphQL limits --------------------------------------------------------------------------------------------


def nested_viewer(depth: int) -> str:
    """A document whose deepest field is at `depth` (the root field `viewer` is depth 0, its `id` depth 1)."""
    levels = ["roles", "user"] * depth
    fields = levels[: depth - 1]
    leaf = "id"
    body = leaf
    for name in reversed(fields):
        body = f"{name} {{ {body} }}"
    return f"{{ viewer {{ {body} }} }}"


def lexical_tokens(document: str) -> int:
    lexer = Lexer(Source(document))
    count = 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


def with_tokens(count: int) -> str:
    """A valid document of exactly `count` lexical tokens: the viewer's fields down to 4 levels, none asked twice.

    (Not one field repeated: 222 fragments `{ id }` spread side by side made graphql-core's overlapping-fields
    rule compare 24,000 pairs, ~100 ms of the event loop; such documents are refused now: issue 12, finding 1.)
    """
    graphql_schema = build_iacs_schema()._schema

    def selection(type_name: str, depth: int, budget: int) -> tuple[str, int]:
        parts: list[str] = []
        used = 0
        graphql_type = graphql_schema.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType)
        fields = [
            (name, get_named_type(field_def.type))
            for name, field_def in graphql_type.fields.items()
            if not any(isinstance(arg.type, GraphQLNonNull) for arg in field_def.args.values())
        ]
        for name, named in fields:  # objects first, then leaves (1 token each) fill the budget exactly
            if isinstance(named, GraphQLObjectType) and depth > 0 and budget - used >= 5:
                inner, spent = selection(named.name, depth - 1, budget - used - 4)
                if spent:
                    parts.append(f"{name} {{ {inner} }}")
                    used += 3 + spent
        for name, named in fields:
            if not isinstance(named, GraphQLObjectType) and used < budget:
                parts.append(name)
                used += 1
        return " ".join(parts), used

    body, _ = selection("User", 4, count - 5)
    document = f"{{ viewer {{ {body} }} }}"
    assert lexical_tokens(document) == count, (count, lexical_tokens(document))
    return document


def many_ids(type_name: str, n: int) -> list[str]:
    return [to_global_id(type_name, uuid.uuid4()) for _ in range(n)]


@dataclass(frozen=True)
class Probe:
    """One document that a limit must refuse: what to send and how the refusal must look."""

    send: Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]
    refused: Callable[[httpx.Response], bool]


def _gql(
    query: str, variables: dict[str, Any] | None = None
) -> Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]:
    async def send(client: httpx.AsyncClient) -> httpx.Response:
        return await client.post("/graphql", json={"query": query, "variables": variables or {}})

    return send


def _top_error(message: str) -> Callable[[httpx.Response], bool]:
    def check(response: httpx.Response) -> bool:
        body = response.json()
        return response.status_code == 200 and body.get("data") is None and message in body["errors"][0]["message"]

    return check


def _bad_user_input(response: httpx.Response) -> bool:
    body = response.json()
    return body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT" and not any(
        v for v in (body.get("data") or {}).values()
    )


def _payload_error(root: str, field: str) -> Callable[[httpx.Response], bool]:
    def check(response: httpx.Response) -> bool:
        payload = response.json()["data"][root]
        return any(e["code"] == "INVALID_INPUT" and e["field"] == [field] for e in payload["errors"])

    return check


async def _chunked_body(client: httpx.AsyncClient) -> httpx.Response:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ viewer { id } }", "pad": "'
        for _ in range(70):
            yield b" " * 1024
        yield b'"}'

    return await client.post("/graphql", content=chunks(), headers={"content-type": "application/json"})


async def _oversized_body(client: httpx.AsyncClient) -> httpx.Response:
    body = b'{"query": "{ viewer { id } }", "pad": "'
    body += b" " * (MAX_BODY_BYTES + 1 - len(body) - 2) + b'"}'
    assert len(body) == MAX_BODY_BYTES + 1
    return await client.post("/graphql", content=body, headers={"content-type": "application/json"})


async def _batch(client: httpx.AsyncClient) -> httpx.Response:
    return await client.post("/graphql", json=[{"query": "{ viewer { id } }"}, {"query": "{ viewer { id } }"}])


def _status(code: int) -> Callable[[httpx.Response], bool]:
    return lambda response: response.status_code == code


LIST_PROBES: dict[str, Probe] = {
    # (input lists) every list-typed argument or input field of the schema has a probe here
    "decideRequests.input.requestIds": Probe(
        _gql(
            "mutation($ids: [ID!]!) { decideRequests(input: {requestIds: $ids, decision: APPROVE}) "
            "{ errors { code field } } }",
            {"ids": many_ids("AccessRequest", 101)},
        ),
        _payload_error("decideRequests", "requestIds"),
    ),
    "certifyRoles.input.roleAssignmentIds": Probe(
        _gql(
            "mutation($ids: [ID!]!) { certifyRoles(input: {roleAssignmentIds: $ids}) { errors { code field } } }",
            {"ids": many_ids("RoleAssignment", 101)},
        ),
        _payload_error("certifyRoles", "roleAssignmentIds"),
    ),
    "requestSurrogateUserGroups.input.organizationIds": Probe(
        _gql(
            "mutation($ids: [ID!]!) { requestSurrogateUserGroups(input: {organizationIds: $ids, "
            'company: {name: "Listy", tin: "123456789"}}) { errors { code field } } }',
            {"ids": many_ids("Organization", 101)},
        ),
        _payload_error("requestSurrogateUserGroups", "organizationIds"),
    ),
    "auditEvents.actions": Probe(
        _gql("query($a: [String!]) { auditEvents(actions: $a) { totalCount } }", {"a": ["SIGN_IN"] * 101}),
        _bad_user_input,
    ),
    "approvalQueue.kinds": Probe(
        _gql("query($k: [RequestKind!]) { approvalQueue(kinds: $k) { totalCount } }", {"k": ["JOIN_USER_GROUP"] * 101}),
        _bad_user_input,
    ),
    "createWebhook.input.events": Probe(
        _gql(
            'mutation($e: [WebhookEvent!]!) { createWebhook(input: {url: "https://hooks.example.com/iacs", '
            "events: $e}) { errors { code field } } }",
            {"e": ["REQUEST_DECIDED"] * 101},
        ),
        _payload_error("createWebhook", "events"),
    ),
}
LIMIT_PROBES: dict[str, Probe] = {
    f"depth {MAX_DEPTH + 1}": Probe(
        _gql(nested_viewer(MAX_DEPTH + 1)), _top_error(f"exceeds maximum operation depth of {MAX_DEPTH}")
    ),
    "circular fragments": Probe(
        _gql("{ viewer { ...A } } fragment A on User { roles { user { ...B } } } fragment B on User { ...A }"),
        _top_error("Cannot spread fragment"),
    ),
    f"aliases {MAX_ALIASES + 1}": Probe(
        _gql("{ " + " ".join(f"a{i}: viewer {{ id }}" for i in range(MAX_ALIASES + 1)) + " }"),
        _top_error(f"{MAX_ALIASES + 1} aliases found. Allowed: {MAX_ALIASES}"),
    ),
    "aliases in a fragment spread 4 times": Probe(
        _gql(
            "{ viewer { ...F } v2: viewer { ...F } v3: viewer { ...F } v4: viewer { ...F } } "
            "fragment F on User { a1: id a2: id a3: id a4: id }"
        ),
        _top_error("aliases found. Allowed: 15"),
    ),
    f"tokens {MAX_TOKENS + 1}": Probe(
        _gql(with_tokens(MAX_TOKENS + 1)), _top_error(f"Document contains more than {MAX_TOKENS} tokens")
    ),
    "body 64 KiB + 1 byte (Content-Length)": Probe(_oversized_body, _status(413)),
    "body over 64 KiB (chunked, no Content-Length)": Probe(_chunked_body, _status(413)),
    "batching (JSON array)": Probe(_batch, _status(400)),
    "two signIn in one document": Probe(
        _gql(
            'mutation { a: signIn(input: {login: "a@b.org", password: "aaaaaaaaaaaa"}) { errors { code } } '
            'b: signIn(input: {login: "a@b.org", password: "bbbbbbbbbbbb"}) { errors { code } } }'
        ),
        _top_error("Only one signIn or registerAccount is allowed per request."),
    ),
    **{
        f"{root}(first: 101)": Probe(_gql(f"{{ {root}(first: 101) {{ totalCount }} }}"), _bad_user_input)
        for root in ("approvalQueue", "organizations", "auditEvents", "certificationQueue")
    },
    "approvalQueue(first: -1)": Probe(_gql("{ approvalQueue(first: -1) { totalCount } }"), _bad_user_input),
    **{f"input list over 100: {name}": probe for name, probe in LIST_PROBES.items()},
}
NOT_YET: dict[str, str] = {}  # probes of limits known to fail, as strict xfails (none now)


@pytest.mark.parametrize(
    "limit",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[name])) if name in NOT_YET else name
        for name in LIMIT_PROBES
    ],
)
async def test_bar_graphql_limits_each_rejected_document_runs_0_sql_statements(
    app: Starlette,
    session_factory: async_sessionmaker[AsyncSession],
    sql_statements: StatementCounter,
    limit: str,
) -> None:
    # given: a signed-in person (so that even reading the session would show as a statement)
    people = QuickPeople(app, session_factory)
    try:
        person = await people.make("Limit Tester")
        await post(person.client, "{ viewer { id } }")  # warm the parser and validation caches of this process
        sql_statements.statements.clear()

        # when
        started = time.perf_counter()
        response = await LIMIT_PROBES[limit].send(person.client)
        elapsed = time.perf_counter() - started
    finally:
        await people.close()

    # then: refused, and no SQL statement ran; the time is recorded (bar: < 50 ms, not asserted)
    MEASURED.setdefault("graphql_limits_rejection_ms", {})[limit] = _ms(elapsed)
    assert LIMIT_PROBES[limit].refused(response), response.text[:500]
    assert "Internal error" not in response.text
    assert sql_statements.statements == []


def test_bar_graphql_limits_every_input_list_of_the_schema_has_a_probe() -> None:
    graphql_schema = build_iacs_schema()._schema
    lists: set[str] = set()

    def is_list(graphql_type: Any) -> bool:
        inner = graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type
        return isinstance(inner, GraphQLList)

    def walk_input(prefix: str, graphql_type: Any, seen: frozenset[str]) -> None:
        named = get_named_type(graphql_type)
        if isinstance(named, GraphQLInputObjectType) and named.name not in seen:
            for name, input_field in named.fields.items():
                if is_list(input_field.type):
                    lists.add(f"{prefix}.{name}")
                walk_input(f"{prefix}.{name}", input_field.type, seen | {named.name})

    for root in (graphql_schema.query_type, graphql_schema.mutation_type):
        assert root is not None
        for field_name, root_field in root.fields.items():
            for arg_name, arg in root_field.args.items():
                if is_list(arg.type):
                    lists.add(f"{field_name}.{arg_name}")
                walk_input(f"{field_name}.{arg_name}", arg.type, frozenset())
    assert lists == set(LIST_PROBES)


async def test_bar_graphql_limits_documents_at_the_limits_are_accepted(
    app: Starlette, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    people = QuickPeople(app, session_factory)
    try:
        person = await people.make("Limit Edge")
        at_limits = {
            f"depth {MAX_DEPTH}": nested_viewer(MAX_DEPTH),
            f"aliases {MAX_ALIASES}": "{ " + " ".join(f"a{i}: viewer {{ id }}" for i in range(MAX_ALIASES)) + " }",
            f"tokens {MAX_TOKENS}": with_tokens(MAX_TOKENS),
            "first: 100": "{ approvalQueue(first: 100) { totalCount } organizations(first: 100) { totalCount } }",
        }
        for label, query in at_limits.items():
            body = await post(person.client, query)
            assert "errors" not in body, (label, body)
        ids = many_ids("AccessRequest", 100)
        hundred = await data(
            person,
            "mutation($ids: [ID!]!) { decideRequests(input: {requestIds: $ids, decision: APPROVE}) "
            "{ errors { code field } } }",
            {"ids": ids},
        )
        assert {e["code"] for e in hundred["decideRequests"]["errors"]} == {"NOT_FOUND"}  # each id looked at
        padded = b'{"query": "{ viewer { id } }", "pad": "'
        padded += b" " * (MAX_BODY_BYTES - len(padded) - 2) + b'"}'
        assert len(padded) == MAX_BODY_BYTES
        response = await person.client.post("/graphql", content=padded, headers={"content-type": "application/json"})
        assert response.status_code == 200, response.text[:200]
    finally:
        await people.close()


# --- CSRF and transport ----------------------------------------------------------------------------------------


async def test_bar_csrf_and_transport_get_never_mutates(w: World, quality_app: Starlette) -> None:
    holder = w["uga_a"]
    role_id = (await w.role_ids(holder))[f"USER_GROUP_ADMINISTRATOR@{w.group_a}"]
    revoke = (
        f'mutation {{ revokeRole(input: {{roleAssignmentId: "{role_id}", reason: "csrf"}}) {{ errors {{ code }} }} }}'
    )
    before = await snapshot(w.factory)
    for params in ({"query": revoke}, {"query": "mutation { signOut }"}, {"query": revoke, "operationName": None}):
        response = await holder.client.get("/graphql", params={k: v for k, v in params.items() if v is not None})
        assert response.status_code in {400, 405}, response.text
        assert "REVOKED" not in response.text
    for method in ("PUT", "DELETE", "PATCH"):
        response = await holder.client.request(method, "/graphql", json={"query": revoke})
        assert response.status_code == 405, method
    assert await snapshot(w.factory) == before
    assert (await data(holder, "{ viewer { name } }"))["viewer"] == {"name": holder.name}  # still signed in


async def test_bar_csrf_and_transport_only_json_posts_and_no_cross_site_writes(w: World) -> None:
    person = w["so_a"]
    body = json.dumps({"query": "mutation { signOut }"}).encode()
    before = await snapshot(w.factory)
    for content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/graphql",
        "",
    ):
        response = await person.client.post("/graphql", content=body, headers={"content-type": content_type})
        assert response.status_code == 415, content_type
    for headers in (
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1.evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"origin": "http://127.0.0.1", "sec-fetch-site": "cross-site"},
    ):
        response = await person.client.post(
            "/graphql", content=body, headers={"content-type": "application/json", **headers}
        )
        assert response.status_code == 403, headers
    assert await snapshot(w.factory) == before  # none of them signed the person out
    assert (await data(person, "{ viewer { name } }"))["viewer"] is not None
    same_site = await person.client.post(
        "/graphql",
        content=json.dumps({"query": "{ viewer { name } }"}).encode(),
        headers={
            "content-type": "application/json; charset=utf-8",
            "origin": "http://127.0.0.1:8000",
            "sec-fetch-site": "same-origin",
        },
    )
    assert same_site.status_code == 200


async def test_bar_csrf_and_transport_security_headers_csp_and_hsts_in_production(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>IACS</title>")
    settings = production_settings(monkeypatch, database_url)
    app = create_app(
        replace(settings, static_dir=tmp_path),
        database_url=database_url,
        session_factory=session_factory,
        deliver_mail=False,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://127.0.0.1") as http:
        spa = await http.get("/organizations/some-deep-link")
        api = await http.post("/graphql", json={"query": "{ __typename }"})
        health = await http.get("/healthz")
    csp = {d.strip().split(" ", 1)[0]: d.strip() for d in spa.headers["content-security-policy"].split(";")}
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["default-src"] == "default-src 'self'"
    assert "'unsafe-eval'" not in spa.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp["script-src"]
    for response in (spa, api, health):
        hsts = response.headers["strict-transport-security"]
        assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000  # type: ignore[union-attr]
        assert "includeSubDomains" in hsts
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


# --- Production mode -------------------------------------------------------------------------------------------


async def test_bar_production_mode_introspection_graphiql_and_masked_errors(
    production_app: Starlette,
    production_client: httpx.AsyncClient,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # introspection off (the schema and a type), __typename still answered
    for query in ("{ __schema { types { name } } }", '{ __type(name: "User") { fields { name } } }'):
        body = (await production_client.post("/graphql", json={"query": query})).json()
        assert body["data"] is None
        assert "introspection has been disabled" in body["errors"][0]["message"]
    assert (await post(production_client, "{ __typename }")) == {"data": {"__typename": "Query"}}
    # GraphiQL is not served, whatever the browser asks for
    for accept in ("text/html", "text/html,application/xhtml+xml", "*/*"):
        page = await production_client.get("/graphql", headers={"accept": accept})
        assert page.status_code in {400, 404}, accept
        assert "graphiql" not in page.text.lower()

    # an internal error (one carrying SQL, a file path and a secret-looking column) is masked to a fixed text
    from iacs.graphql import queries

    async def broken(*_: Any, **__: Any) -> Any:
        raise ProgrammingError(
            "SELECT password_hash FROM users WHERE email = 'x'", {}, Exception("/work/main/backend/iacs/x.py line 3")
        )

    monkeypatch.setattr(queries, "search_organizations", broken)
    people = QuickPeople(production_app, session_factory, cookie=PRODUCTION_COOKIE, base_url="https://127.0.0.1")
    try:
        person = await people.make("Masked Viewer")
        response = await person.client.post("/graphql", json={"query": "{ organizations { totalCount } }"})
    finally:
        await people.close()
    body = response.json()
    assert body == {
        "data": None,
        "errors": [{"message": "Internal error.", "locations": [{"line": 1, "column": 3}], "path": ["organizations"]}],
    }
    for marker in ("Traceback", "SELECT", "password_hash", "sqlalchemy", "ProgrammingError", "backend/iacs", ".py"):
        assert marker not in response.text, marker


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        ("field", "{ viewr { id } }"),
        ("field on a type", "{ viewer { nmae } }"),
        ("argument", "{ organizations(frist: 1) { totalCount } }"),
        ("enum value", "{ approvalQueue(kinds: [JOIN_USER_GRUP]) { totalCount } }"),
        ("enum value in a variable", "query($k: [RequestKind!]) { approvalQueue(kinds: $k) { totalCount } }"),
        ("input field", 'mutation { signIn(input: {logn: "a", password: "b"}) { errors { code } } }'),
        ("type", "{ viewer { ... on Usr { id } } }"),
    ],
)
async def test_bar_production_mode_no_suggestions(
    production_client: httpx.AsyncClient, kind: str, document: str
) -> None:
    variables = {"k": ["JOIN_USER_GRUP"]} if kind == "enum value in a variable" else {}
    body = (await production_client.post("/graphql", json={"query": document, "variables": variables})).json()
    assert body["data"] is None, kind
    messages = " ".join(e["message"] for e in body["errors"])
    assert "Did you mean" not in messages, messages
    assert all(e["message"].endswith((".", "'")) for e in body["errors"]), messages  # what is wrong still said


async def test_bar_production_mode_development_keeps_suggestions(client: httpx.AsyncClient) -> None:
    body = (await client.post("/graphql", json={"query": "{ organizations(frist: 1) { totalCount } }"})).json()
    assert body["errors"][0]["message"] == (
        "Unknown argument 'frist' on field 'Query.organizations'. Did you mean 'first'?"
    )


@pytest.mark.parametrize(
    ("environment", "complaint"),
    [
        ({"IACS_SECURE_COOKIES": "false"}, "needs secure cookies"),
        ({"DATABASE_URL": ""}, "needs DATABASE_URL"),
    ],
)
def test_bar_production_mode_refuses_to_start_with_an_insecure_configuration(
    monkeypatch: pytest.MonkeyPatch, database_url: str, environment: dict[str, str], complaint: str
) -> None:
    production_settings(monkeypatch, database_url)  # a secure production configuration is accepted
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=complaint):
        Settings.from_env()
    if "DATABASE_URL" in environment:
        return  # one run of the real command is enough (each costs ~2 s of interpreter start-up)
    # and the real command exits non-zero with the reason, before listening on its port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("IACS_")}
    env.update(
        {
            "IACS_ENV": "production",
            "DATABASE_URL": database_url,
            "IACS_DATA_DIR": str(ROOT / ".iacs-data"),
            **environment,
        }
    )
    started = subprocess.run(  # noqa: S603 - our own console script
        [IACS, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert started.returncode != 0
    assert complaint in started.stdout + started.stderr
