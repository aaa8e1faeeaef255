"""The world the authorization matrix runs in: the people of authz_matrix.RELATIONS and the objects they act on.

Built through the API (what the product does), except for two shortcuts that only save time: people are inserted
with a ready session (an argon2 sign-in costs ~0.3 s, and a run makes ~250 people), and CMS applications are
inserted directly (nothing in the schema creates them).

A *target* is what a cell acts on: a pending request, a role assignment, a person, an organization... Every
target name of TARGETS is built once with the world; a test gets them as built (conftest.py rolls each test
back), and a cell that changes a target (an ALLOWED one, or a bug) `spoil`s it, so that the next cell gets a new
one made the same way: every cell starts from the same state.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
from argon2 import PasswordHasher
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from iacs.auth import tokens
from iacs.domain.accounts.models import SignInThrottle, User, UserSession
from iacs.domain.applications.models import Application
from iacs.domain.enums import Community, Role, RoleStatus
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import from_global_id, to_global_id
from tests.api.operations import organization_input
from tests.api.people import PASSWORD, Person, valid_npi
from tests.conftest import START
from tests.graphql_client import gql

ERRORS = "errors { code message field }"
REQUEST = "request { id status organization { id } userGroup { id } company { id } }"


@dataclass(frozen=True)
class Call:
    """One root field with its selection; `$name`s in `text` are declared in `variables` (name -> type)."""

    text: str
    variables: dict[str, str] = field(default_factory=dict)
    operation: str = "mutation"

    @property
    def root(self) -> str:
        return self.text.split("(")[0].split("{")[0].strip()

    @property
    def document(self) -> str:
        return aliased([(self, {})])[0]


def aliased(calls: list[tuple[Call, dict[str, Any]]]) -> tuple[str, dict[str, Any]]:
    """One document running `calls` in order as aliases a0, a1, ...; the variables renamed to match."""
    declarations: list[str] = []
    selections: list[str] = []
    values: dict[str, Any] = {}
    for n, (call, given) in enumerate(calls):
        selections.append(f"a{n}: " + re.sub(r"\$(\w+)", rf"$a{n}_\1", call.text))
        declarations += [f"$a{n}_{name}: {kind}" for name, kind in call.variables.items()]
        values.update({f"a{n}_{name}": value for name, value in given.items()})
    operation = calls[0][0].operation
    head = f"{operation}({', '.join(declarations)})" if declarations else operation
    return f"{head} {{ {' '.join(selections)} }}", values


REGISTER_ORGANIZATION = Call(
    f"requestOrganizationRegistration(input: $input) {{ {REQUEST} {ERRORS} }}",
    {"input": "OrganizationRegistrationInput!"},
)
REGISTER_PRACTITIONER = Call(
    f"requestIndividualPractitioner(input: $input) {{ {REQUEST} {ERRORS} }}", {"input": "IndividualPractitionerInput!"}
)
REQUEST_BSO = Call(
    f"requestBackupSecurityOfficial(input: {{organizationId: $org}}) {{ {REQUEST} {ERRORS} }}", {"org": "ID!"}
)
REQUEST_SUCCESSION = Call(
    f"requestSecurityOfficialSuccession(input: {{organizationId: $org}}) {{ {REQUEST} {ERRORS} }}", {"org": "ID!"}
)
REQUEST_GROUP = Call(
    f"requestUserGroup(input: {{organizationId: $org, name: $name}}) {{ {REQUEST} {ERRORS} }}",
    {"org": "ID!", "name": "String!"},
)
REQUEST_ADMINISTRATION = Call(
    f"requestUserGroupAdministration(input: {{userGroupId: $group}}) {{ {REQUEST} {ERRORS} }}", {"group": "ID!"}
)
REQUEST_MEMBERSHIP = Call(
    f"requestUserGroupMembership(input: {{userGroupId: $group}}) {{ {REQUEST} {ERRORS} }}", {"group": "ID!"}
)
REQUEST_SURROGATE_GROUPS = Call(
    f"requestSurrogateUserGroups(input: $input) {{ requests {{ id status organization {{ id }} company {{ id }} }} "
    f"{ERRORS} }}",
    {"input": "SurrogateUserGroupsInput!"},
)
REQUEST_COMPANY_MEMBERSHIP = Call(
    f"requestSurrogateCompanyMembership(input: {{companyId: $company}}) {{ {REQUEST} {ERRORS} }}", {"company": "ID!"}
)
REQUEST_COMPANY_ADMINISTRATION = Call(
    f"requestCompanyAdministration(input: {{companyId: $company}}) {{ {REQUEST} {ERRORS} }}", {"company": "ID!"}
)
REQUEST_APPLICATION = Call(
    f"requestApplicationAccess(input: {{applicationId: $app, userGroupId: $group}}) {{ {REQUEST} {ERRORS} }}",
    {"app": "ID!", "group": "ID!"},
)
APPROVE = Call(f"approveRequest(input: {{requestId: $id}}) {{ {REQUEST} {ERRORS} }}", {"id": "ID!"})
DENY = Call(
    f"denyRequest(input: {{requestId: $id, reason: $reason}}) {{ {REQUEST} {ERRORS} }}",
    {"id": "ID!", "reason": "String"},
)
CANCEL = Call(f"cancelRequest(input: {{requestId: $id}}) {{ {REQUEST} {ERRORS} }}", {"id": "ID!"})
DECIDE_MANY = Call(
    f"decideRequests(input: {{requestIds: $ids, decision: $decision, reason: $reason}}) {{ "
    f"requests {{ id status }} {ERRORS} }}",
    {"ids": "[ID!]!", "decision": "Decision!", "reason": "String"},
)
REVOKE = Call(
    f"revokeRole(input: {{roleAssignmentId: $id, reason: $reason}}) {{ roleAssignment {{ id status }} {ERRORS} }}",
    {"id": "ID!", "reason": "String!"},
)
CERTIFY_MANY = Call(
    f"certifyRoles(input: {{roleAssignmentIds: $ids}}) {{ roleAssignments {{ id status }} {ERRORS} }}",
    {"ids": "[ID!]!"},
)
DISABLE = Call(
    f"disableAccount(input: {{userId: $id, reason: $reason}}) {{ user {{ id }} {ERRORS} }}",
    {"id": "ID!", "reason": "String!"},
)
ENABLE = Call(f"enableAccount(input: {{userId: $id}}) {{ user {{ id }} {ERRORS} }}", {"id": "ID!"})
UNLOCK = Call(f"unlockAccount(input: {{userId: $id}}) {{ user {{ id }} {ERRORS} }}", {"id": "ID!"})

ADDRESS = {"line1": "1 Main Street", "city": "Springfield", "state": "IL", "zip": "62701"}

_counter = itertools.count(1)


@functools.cache
def _password_hash() -> str:
    return PasswordHasher().hash(PASSWORD)


def uuid_of(global_id: str) -> uuid.UUID:
    decoded = from_global_id(global_id)
    assert decoded is not None, global_id
    return decoded[1]


class FastPeople:
    """Verified accounts with a session made directly in the database, each with their own HTTP client."""

    def __init__(self, app: Starlette, factory: async_sessionmaker[AsyncSession], cookie_name: str) -> None:
        self.app = app
        self.factory = factory
        self.cookie_name = cookie_name
        self.clients: list[httpx.AsyncClient] = []

    def client(self, token: str | None = None) -> httpx.AsyncClient:
        n = next(_counter)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app, client=("127.0.0.1", 20000 + n % 40000)),
            base_url="http://127.0.0.1",
            cookies={self.cookie_name: token} if token else None,
        )
        self.clients.append(client)
        return client

    async def make(self, name: str, *, help_desk: bool = False, verified: bool = True) -> Person:
        n = next(_counter)
        email = f"{name.lower().replace(' ', '.')}.{n}@authz.example.org"
        token = tokens.new_session_token()
        async with self.factory() as db:
            user = User(
                user_id=tokens.new_user_id(),
                email=email,
                name=name,
                community=Community.PROVIDER_SUPPLIER,
                password_hash=_password_hash(),
                terms_accepted_at=START,
                email_verified_at=START if verified else None,
            )
            db.add(user)
            await db.flush()
            if help_desk:
                db.add(RoleAssignment(user_id=user.id, role=Role.HELP_DESK, granted_at=START))
            db.add(
                UserSession(
                    token_hash=tokens.digest(token),
                    user_id=user.id,
                    created_at=START,
                    last_seen_at=START,
                    expires_at=START + timedelta(hours=12),
                )
            )
            await db.commit()
            pk = user.id
        return Person(name=name, email=email, pk=pk, client=self.client(token))

    def anonymous(self) -> Person:
        return Person(name="Anonymous", email="", pk=None, client=self.client())

    async def close(self) -> None:
        for client in self.clients:
            await client.aclose()


async def ok(person: Person, call: Call, variables: dict[str, Any]) -> dict[str, Any]:
    """Send a mutation that must succeed; its payload."""
    body = await gql(person.client, call.document, {f"a0_{k}": v for k, v in variables.items()})
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["a0"]
    assert payload["errors"] == [], (person.name, call.root, variables, payload)
    return payload


@dataclass
class Target:
    """What a cell acts on, who owns it (relation "requester") and who plays a relation for it if not the world's."""

    name: str
    id: str  # the global id the mutation or node() gets
    owner: Person
    actors: dict[str, Person] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


Factory = Callable[["World"], Awaitable[Target]]


@dataclass
class World:
    people: FastPeople
    factory: async_sessionmaker[AsyncSession]
    cast: dict[str, Person]
    anonymous: Person
    xyz: str
    other: str
    g1: str
    g2: str
    abc: str
    practice: str
    apps: dict[str, str]
    seeds: itertools.count[int]
    canonical_targets: dict[str, Target] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    practice_group: str = ""  # a surrogate group serving PRAC, administered by cast["practice_uga"] (R21, R34)
    # R35: an approved organization whose SO (no actor) approves a new company's first surrogate group, so that
    # its founder takes office without changing what the actors see of XYZ, OTHER or PRAC
    sponsor: str = ""
    sponsor_so: Person | None = None

    # --- people and targets ---------------------------------------------------------------------------

    def person(self, relation: str, target: Target | None = None) -> Person:
        if relation == "anonymous":
            return self.anonymous
        if target is not None:
            if relation == "requester":
                return target.owner
            if relation in target.actors:
                return target.actors[relation]
        return self.cast[relation]

    async def target(self, name: str) -> Target:
        """The shared target of this name (built on first use, rebuilt after `spoil`)."""
        if name not in self.canonical_targets:
            self.canonical_targets[name] = await TARGETS[name](self)
        return self.canonical_targets[name]

    def spoil(self, name: str) -> None:
        self.canonical_targets.pop(name, None)

    def copy(self) -> World:
        """The same world for another test (whose database changes are rolled back at its end)."""
        return dataclasses.replace(self, canonical_targets=dict(self.canonical_targets), started=set(self.started))

    def seed(self) -> int:
        return next(self.seeds)

    def first(self, what: str) -> bool:
        """True the first time only: the first target of some names is made by a person of the cast."""
        if what in self.started:
            return False
        self.started.add(what)
        return True

    # --- the database -----------------------------------------------------------------------------------

    async def snapshot(self) -> tuple[Any, ...]:
        """Row counts and a digest of every state column that a decision, grant or revocation changes."""
        async with self.factory() as db:
            row = (await db.execute(SNAPSHOT)).one()
        return tuple(row)

    async def status_of(self, table: str, global_id: str) -> str | None:
        assert table in {"access_requests", "role_assignments"}
        async with self.factory() as db:
            value = await db.scalar(
                text(f"SELECT status::text FROM {table} WHERE id = :id"),  # noqa: S608 - table is one of two names
                {"id": uuid_of(global_id)},
            )
        return None if value is None else str(value)

    async def role_id(self, user: Person, role: Role, **scope: uuid.UUID | None) -> str:
        async with self.factory() as db:
            query = select(RoleAssignment.id).where(
                RoleAssignment.user_id == user.pk,
                RoleAssignment.role == role,
                RoleAssignment.status == RoleStatus.ACTIVE,
            )
            for column, value in scope.items():
                attribute = getattr(RoleAssignment, column)
                query = query.where(attribute.is_(None) if value is None else attribute == value)
            found = (await db.scalars(query)).all()
        assert len(found) == 1, (user.name, role, scope, found)
        return to_global_id("RoleAssignment", found[0])

    async def certified(self, role_id: str) -> bool:
        async with self.factory() as db:
            found = await db.scalar(
                text("SELECT certified_at FROM role_assignments WHERE id = :id"), {"id": uuid_of(role_id)}
            )
        return found is not None

    async def account_status(self, user_id: str) -> str:
        async with self.factory() as db:
            found = await db.scalar(text("SELECT status::text FROM users WHERE id = :id"), {"id": uuid_of(user_id)})
        return str(found)

    async def locked(self, person: Person) -> bool:
        async with self.factory() as db:
            found = await db.scalar(select(SignInThrottle.key).where(SignInThrottle.key == f"user:{person.pk}"))
        return found is not None

    async def add_application(self, code: str) -> str:
        async with self.factory() as db:
            application = Application(code=code, name=f"Application {code}", open=True)
            db.add(application)
            await db.commit()
            return to_global_id("Application", application.id)

    async def mail_body(self, address: str) -> str:
        async with self.factory() as db:
            body = await db.scalar(
                text("SELECT body FROM mail_outbox WHERE to_address = :to ORDER BY created_at DESC, id DESC LIMIT 1"),
                {"to": address},
            )
        assert body is not None, address
        return str(body)

    # --- the steps targets are made of ------------------------------------------------------------------

    async def approved_organization(self, so: Person, name: str) -> str:
        registered = await ok(so, REGISTER_ORGANIZATION, organization_input(self.seed(), name))
        await ok(self.cast["help_desk"], APPROVE, {"id": registered["request"]["id"]})
        org_id: str = registered["request"]["organization"]["id"]
        return org_id

    async def make_bso(self, person: Person, org: str, so: Person) -> None:
        asked = await ok(person, REQUEST_BSO, {"org": org})
        await ok(so, APPROVE, {"id": asked["request"]["id"]})

    async def make_uga(self, person: Person, group: str) -> None:
        asked = await ok(person, REQUEST_ADMINISTRATION, {"group": group})
        await ok(self.cast["so"], APPROVE, {"id": asked["request"]["id"]})

    async def make_end_user(self, person: Person, group: str) -> None:
        asked = await ok(person, REQUEST_MEMBERSHIP, {"group": group})
        await ok(self.cast["uga"], APPROVE, {"id": asked["request"]["id"]})

    async def give_group_application(self, application: str) -> None:
        """The UGA `uga_b` of G1 gets `application` for G1, so that end users of G1 may ask for it (R23)."""
        asked = await ok(self.cast["uga_b"], REQUEST_APPLICATION, {"app": application, "group": self.g1})
        await ok(self.cast["so"], APPROVE, {"id": asked["request"]["id"]})

    async def new_application(self) -> str:
        return await self.add_application(f"X{self.seed()}")

    async def found_company(self, founder: Person, organization: str, *, in_office: bool = False) -> dict[str, Any]:
        """`founder` creates a new company by asking it to serve `organization` (R17); the pending request.

        R35: the founder holds no role until a first surrogate group is approved; `in_office` asks to serve the
        sponsor too and has its SO approve that, so the founder administers the company."""
        seed = self.seed()
        organizations = [organization, self.sponsor] if in_office else [organization]
        asked = await ok(
            founder,
            REQUEST_SURROGATE_GROUPS,
            {
                "input": {
                    "company": {"name": f"Company {seed}", "tin": f"{seed:09d}"},
                    "organizationIds": organizations,
                }
            },
        )
        request, *sponsored = asked["requests"]
        if in_office:
            assert self.sponsor_so is not None
            await ok(self.sponsor_so, APPROVE, {"id": sponsored[0]["id"]})
        result: dict[str, Any] = request
        return result

    async def separate_organization(self) -> tuple[str, Person, Person]:
        """An approved organization of its own with its SO and a BSO (for targets that would change XYZ's SO)."""
        so = await self.people.make("Sep Official")
        bso = await self.people.make("Sep Backup")
        org = await self.approved_organization(so, f"Separate Clinic {self.seed()}")
        await self.make_bso(bso, org, so)
        return org, so, bso


SNAPSHOT = text(
    """
SELECT
  (SELECT count(*) FROM access_requests),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, decided_by_id, user_group_id), ',' ORDER BY id), ''))
     FROM access_requests),
  (SELECT count(*) FROM role_assignments),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, ended_at, certified_at, certify_by), ',' ORDER BY id), ''))
     FROM role_assignments),
  (SELECT count(*) FROM user_groups),
  (SELECT count(*) FROM organizations),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, status), ',' ORDER BY id), '')) FROM organizations),
  (SELECT count(*) FROM surrogate_companies),
  (SELECT count(*) FROM audit_events),
  (SELECT count(*) FROM mail_outbox),
  (SELECT md5(coalesce(string_agg(concat_ws('|', provider_type, open, reason), ',' ORDER BY provider_type), ''))
     FROM provider_type_settings),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, name, open, closed_reason), ',' ORDER BY id), ''))
     FROM applications),
  (SELECT count(*) FROM users),
  (SELECT count(*) FROM sign_in_throttle),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, revoked_at), ',' ORDER BY id), '')) FROM api_tokens),  -- R43
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, ended_at), ',' ORDER BY id), '')) FROM delegations),  -- R38
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, active), ',' ORDER BY id), '')) FROM webhooks),  -- R44
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, next_attempt_at, given_up_at), ',' ORDER BY id), ''))
     FROM webhook_deliveries),
  (SELECT md5(coalesce(string_agg(concat_ws('|', id, email_verified_at, status), ',' ORDER BY id), '')) FROM users)
"""
)


async def build_world(
    app: Starlette, factory: async_sessionmaker[AsyncSession], cookie_name: str
) -> tuple[World, FastPeople]:
    people = FastPeople(app, factory, cookie_name)
    names = {
        "help_desk": "Helen Desk",
        "stranger": "Sam Stranger",
        "so": "Sally Official",
        "bso": "Bob Backup",
        "uga": "Ugo Admin",
        "uga_b": "Una Second Admin",
        "end_user": "Emma User",
        "eu_b": "Eve Second User",
        "other_so": "Otto Official",
        "other_uga": "Olga Billing Admin",
        "company_uga": "Abe Billing",
        "other_company_uga": "Dora Defco",
        "practitioner": "Pia Practitioner",
        "practice_uga": "Paco Practice Billing",
    }
    cast: dict[str, Person] = {}
    for key, name in names.items():
        cast[key] = await people.make(name, help_desk=key == "help_desk")
    cast["requester"] = cast["eu_b"]  # for the cells without a target (queries): someone who has asked for things
    w = World(
        people=people,
        factory=factory,
        cast=cast,
        anonymous=people.anonymous(),
        xyz="",
        other="",
        g1="",
        g2="",
        abc="",
        practice="",
        apps={},
        seeds=itertools.count(500),
    )
    # XYZ with its SO and a BSO, groups G1 (uga, uga_b, end users) and G2 (other_uga); OTHER with its SO
    w.xyz = await w.approved_organization(cast["so"], "Provider Organization XYZ")
    w.other = await w.approved_organization(cast["other_so"], "Other Clinic")
    # R44: the help desk's endpoints (one for XYZ only), so that the events below leave deliveries to reach
    for scope in (None, w.xyz):
        made = await gql(
            cast["help_desk"].client,
            "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { errors { code } } }",
            {
                "i": {
                    "url": "https://hooks.example.org/iacs",
                    "events": ["REQUEST_SUBMITTED", "ROLE_GRANTED"],
                    "organizationId": scope,
                }
            },
        )
        assert made["data"]["createWebhook"]["errors"] == [], made
    await w.make_bso(cast["bso"], w.xyz, cast["so"])
    for uga, group_name in ((cast["uga"], "Claims"), (cast["other_uga"], "Billing")):
        asked = await ok(uga, REQUEST_GROUP, {"org": w.xyz, "name": group_name})
        decided = await ok(cast["so"], APPROVE, {"id": asked["request"]["id"]})
        if group_name == "Claims":
            w.g1 = decided["request"]["userGroup"]["id"]
        else:
            w.g2 = decided["request"]["userGroup"]["id"]
    await w.make_uga(cast["uga_b"], w.g1)
    await w.make_end_user(cast["end_user"], w.g1)
    await w.make_end_user(cast["eu_b"], w.g1)
    # CMS applications A, B, C; G1 has C
    for code in ("A", "B", "C"):
        w.apps[code] = await w.add_application(f"APP{code}{w.seed()}")
    await w.give_group_application(w.apps["C"])
    # PRAC, the practice of the individual practitioner (R22)
    registered = await ok(
        cast["practitioner"], REGISTER_PRACTITIONER, {"input": {"npi": valid_npi(w.seed()), "address": ADDRESS}}
    )
    await ok(cast["help_desk"], APPROVE, {"id": registered["request"]["id"]})
    w.practice = registered["request"]["organization"]["id"]
    # the sponsor (R35): its SO approves ABC's and DEF's first surrogate group, so their founders administer them
    w.sponsor_so = await people.make("Sponsor Official")
    w.sponsor = await w.approved_organization(w.sponsor_so, "Sponsor Clinic")
    # ABC: founded by asking to serve PRAC (R21, pending); DEF: founded by asking to serve OTHER (pending)
    founding = await w.found_company(cast["company_uga"], w.practice, in_office=True)
    w.abc = founding["company"]["id"]
    w.first("CREATE_SURROGATE_USER_GROUP:PRACTITIONER")
    w.canonical_targets["CREATE_SURROGATE_USER_GROUP:PRACTITIONER"] = Target(
        "CREATE_SURROGATE_USER_GROUP:PRACTITIONER", founding["id"], cast["company_uga"]
    )
    await w.found_company(cast["other_company_uga"], w.other, in_office=True)
    # PRAC's surrogate group: another company serves PRAC, approved by the practitioner (R21); its UGA asks for
    # applications there, which the practitioner decides (R34)
    serving = await w.found_company(cast["practice_uga"], w.practice)
    approved = await ok(cast["practitioner"], APPROVE, {"id": serving["id"]})
    w.practice_group = approved["request"]["userGroup"]["id"]
    # every shared target, once: each test starts from them (its own changes are rolled back after it)
    for name in TARGETS:
        await w.target(name)
    return w, people


# --- the targets, by name (authz_matrix.py) --------------------------------------------------------------


async def _fresh_person(w: World, label: str) -> Person:
    return await w.people.make(f"{label} {w.seed()}")


async def register_organization(w: World) -> Target:
    person = await _fresh_person(w, "Reg Requester")
    seed = w.seed()
    asked = await ok(person, REGISTER_ORGANIZATION, organization_input(seed, f"New Hospital {seed}"))
    request = asked["request"]
    return Target("", request["id"], person, extra={"seed": seed, "organization": request["organization"]["id"]})


async def register_practitioner(w: World) -> Target:
    person = await _fresh_person(w, "Doc Requester")
    npi = valid_npi(w.seed())
    asked = await ok(person, REGISTER_PRACTITIONER, {"input": {"npi": npi, "address": ADDRESS}})
    return Target("", asked["request"]["id"], person, extra={"npi": npi})


async def backup_security_official(w: World) -> Target:
    person = await _fresh_person(w, "Bso Requester")
    asked = await ok(person, REQUEST_BSO, {"org": w.xyz})
    return Target("", asked["request"]["id"], person)


async def backup_security_official_now_uga(w: World) -> Target:
    person = await _fresh_person(w, "Bso Now Uga")
    asked = await ok(person, REQUEST_BSO, {"org": w.xyz})
    await w.make_uga(person, w.g1)  # R14: now a UGA of XYZ, after asking
    return Target("", asked["request"]["id"], person)


async def succession(w: World) -> Target:
    org, so, other_bso = await w.separate_organization()
    person = await _fresh_person(w, "Succ Requester")
    await w.make_bso(person, org, so)
    asked = await ok(person, REQUEST_SUCCESSION, {"org": org})
    return Target("", asked["request"]["id"], person, actors={"so": so, "bso": other_bso}, extra={"organization": org})


async def succession_ex_bso(w: World) -> Target:
    target = await succession(w)
    so = target.actors["so"]
    role = await w.role_id(target.owner, Role.BACKUP_SECURITY_OFFICIAL)
    await ok(so, REVOKE, {"id": role, "reason": "No longer with us"})
    return target


async def create_user_group(w: World) -> Target:
    person = await _fresh_person(w, "Group Requester")
    name = f"Group {w.seed()}"
    asked = await ok(person, REQUEST_GROUP, {"org": w.xyz, "name": name})
    return Target("", asked["request"]["id"], person, extra={"name": name})


async def administer_user_group(w: World) -> Target:
    person = await _fresh_person(w, "Admin Requester")
    asked = await ok(person, REQUEST_ADMINISTRATION, {"group": w.g1})
    return Target("", asked["request"]["id"], person)


async def administer_user_group_now_bso(w: World) -> Target:
    person = await _fresh_person(w, "Admin Now Bso")
    asked = await ok(person, REQUEST_ADMINISTRATION, {"group": w.g1})
    await w.make_bso(person, w.xyz, w.cast["so"])  # R14: now an official of XYZ, after asking
    return Target("", asked["request"]["id"], person)


async def join_user_group(w: World) -> Target:
    person = await _fresh_person(w, "Join Requester")
    asked = await ok(person, REQUEST_MEMBERSHIP, {"group": w.g1})
    return Target("", asked["request"]["id"], person)


async def join_surrogate_company(w: World) -> Target:
    person = await _fresh_person(w, "Staff Requester")
    asked = await ok(person, REQUEST_COMPANY_MEMBERSHIP, {"company": w.abc})
    return Target("", asked["request"]["id"], person)


async def administer_surrogate_company(w: World) -> Target:
    """R35: a person asks to administer ABC; its administrator (company_uga) decides."""
    person = await _fresh_person(w, "Admin Requester")
    asked = await ok(person, REQUEST_COMPANY_ADMINISTRATION, {"company": w.abc})
    return Target("", asked["request"]["id"], person)


async def create_surrogate_user_group(w: World) -> Target:
    if w.first("CREATE_SURROGATE_USER_GROUP"):  # the first: ABC (company_uga) asks to serve XYZ
        abc = w.cast["company_uga"]
        asked = await ok(abc, REQUEST_SURROGATE_GROUPS, {"input": {"companyId": w.abc, "organizationIds": [w.xyz]}})
        return Target("", asked["requests"][0]["id"], abc)
    founder = await _fresh_person(w, "Founder")
    request = await w.found_company(founder, w.xyz)
    return Target("", request["id"], founder, actors={"company_uga": founder})


async def create_surrogate_user_group_practitioner(w: World) -> Target:
    founder = await _fresh_person(w, "Founder")
    request = await w.found_company(founder, w.practice)
    return Target("", request["id"], founder, actors={"company_uga": founder})


async def application_access_group(w: World) -> Target:
    application = w.apps["B"] if w.first("APPLICATION_ACCESS:GROUP") else await w.new_application()
    asked = await ok(w.cast["uga_b"], REQUEST_APPLICATION, {"app": application, "group": w.g1})
    return Target("", asked["request"]["id"], w.cast["uga_b"], extra={"application": application})


async def application_access_self(w: World) -> Target:
    if w.first("APPLICATION_ACCESS:SELF"):
        application = w.apps["C"]
    else:
        application = await w.new_application()
        await w.give_group_application(application)
    asked = await ok(w.cast["eu_b"], REQUEST_APPLICATION, {"app": application, "group": w.g1})
    return Target("", asked["request"]["id"], w.cast["eu_b"], extra={"application": application})


async def application_access_self_left_group(w: World) -> Target:
    person = await _fresh_person(w, "Leaving User")
    await w.make_end_user(person, w.g1)
    asked = await ok(person, REQUEST_APPLICATION, {"app": w.apps["C"], "group": w.g1})
    role = await w.role_id(person, Role.END_USER, user_group_id=uuid_of(w.g1), application_id=None)
    await ok(person, REVOKE, {"id": role, "reason": "Leaving the group"})  # R29: gives up the membership
    return Target("", asked["request"]["id"], person)


async def application_access_practice(w: World) -> Target:
    application = await w.new_application()
    asked = await ok(w.cast["practice_uga"], REQUEST_APPLICATION, {"app": application, "group": w.practice_group})
    return Target("", asked["request"]["id"], w.cast["practice_uga"], extra={"application": application})


# roles (revokeRole)


async def security_official_role(w: World) -> Target:
    org, so, bso = await w.separate_organization()
    role = await w.role_id(so, Role.SECURITY_OFFICIAL, organization_id=uuid_of(org))
    return Target("", role, so, actors={"so": so, "bso": bso})


async def backup_security_official_role(w: World) -> Target:
    person = await _fresh_person(w, "Second Backup")
    await w.make_bso(person, w.xyz, w.cast["so"])
    return Target("", await w.role_id(person, Role.BACKUP_SECURITY_OFFICIAL), person)


async def user_group_administrator_role(w: World) -> Target:
    person = await _fresh_person(w, "Co Admin")
    await w.make_uga(person, w.g1)
    return Target("", await w.role_id(person, Role.USER_GROUP_ADMINISTRATOR), person)


async def end_user_role(w: World) -> Target:
    person = await _fresh_person(w, "Member")
    await w.make_end_user(person, w.g1)
    return Target("", await w.role_id(person, Role.END_USER), person)


async def user_group_administrator_application_role(w: World) -> Target:
    application = await w.new_application()
    await w.give_group_application(application)
    role = await w.role_id(w.cast["uga_b"], Role.USER_GROUP_ADMINISTRATOR, application_id=uuid_of(application))
    return Target("", role, w.cast["uga_b"])


async def end_user_application_role(w: World) -> Target:
    application = await w.new_application()
    await w.give_group_application(application)
    asked = await ok(w.cast["eu_b"], REQUEST_APPLICATION, {"app": application, "group": w.g1})
    await ok(w.cast["uga"], APPROVE, {"id": asked["request"]["id"]})
    role = await w.role_id(w.cast["eu_b"], Role.END_USER, application_id=uuid_of(application))
    return Target("", role, w.cast["eu_b"])


async def company_administrator_role(w: World) -> Target:
    founder = await _fresh_person(w, "Founder")
    request = await w.found_company(founder, w.other, in_office=True)
    role = await w.role_id(
        founder, Role.USER_GROUP_ADMINISTRATOR, company_id=uuid_of(request["company"]["id"]), user_group_id=None
    )
    return Target("", role, founder, actors={"company_uga": founder})


async def company_staff_role(w: World) -> Target:
    person = await _fresh_person(w, "Staff")
    asked = await ok(person, REQUEST_COMPANY_MEMBERSHIP, {"company": w.abc})
    await ok(w.cast["company_uga"], APPROVE, {"id": asked["request"]["id"]})
    return Target("", await w.role_id(person, Role.END_USER, company_id=uuid_of(w.abc)), person)


async def surrogate_group_administrator_role(w: World) -> Target:
    founder = await _fresh_person(w, "Founder")
    request = await w.found_company(founder, w.xyz)
    await ok(w.cast["so"], APPROVE, {"id": request["id"]})
    role = await w.role_id(founder, Role.USER_GROUP_ADMINISTRATOR, organization_id=uuid_of(w.xyz))
    return Target("", role, founder)


async def practice_group_administrator_role(w: World) -> Target:
    founder = await _fresh_person(w, "Founder")
    request = await w.found_company(founder, w.practice)
    await ok(w.cast["practitioner"], APPROVE, {"id": request["id"]})
    role = await w.role_id(founder, Role.USER_GROUP_ADMINISTRATOR, organization_id=uuid_of(w.practice))
    return Target("", role, founder)


async def practitioner_role(w: World) -> Target:
    person = await _fresh_person(w, "Doc")
    asked = await ok(person, REGISTER_PRACTITIONER, {"input": {"npi": valid_npi(w.seed()), "address": ADDRESS}})
    await ok(w.cast["help_desk"], APPROVE, {"id": asked["request"]["id"]})
    return Target("", await w.role_id(person, Role.INDIVIDUAL_PRACTITIONER), person, actors={"practitioner": person})


async def help_desk_role(w: World) -> Target:
    person = await w.people.make(f"Second Desk {w.seed()}", help_desk=True)
    return Target("", await w.role_id(person, Role.HELP_DESK), person)


# a person locked out by failed sign-ins (unlockAccount)


async def locked_person(w: World) -> Target:
    person = await _fresh_person(w, "Locked Out")
    async with w.factory() as db:  # R4: what 5 failed sign-ins leave behind (each would cost an argon2 hash)
        db.add(
            SignInThrottle(
                key=f"user:{person.pk}",
                failures=5,
                window_started_at=START,
                locked_until=START + timedelta(minutes=15),
            )
        )
        await db.commit()
    return Target("", to_global_id("User", person.pk), person)


async def locked_backup(w: World) -> Target:
    """A locked Backup Security Official of an organization of its own (User.lockedUntil): the target's id is the
    organization's, whose backupSecurityOfficials every signed-in person may read; the owner is the locked BSO."""
    org, _, bso = await w.separate_organization()
    async with w.factory() as db:
        db.add(
            SignInThrottle(
                key=f"user:{bso.pk}", failures=5, window_started_at=START, locked_until=START + timedelta(minutes=15)
            )
        )
        await db.commit()
    return Target("", org, bso, extra={"person": to_global_id("User", bso.pk)})


async def active_person(w: World) -> Target:
    person = await _fresh_person(w, "Active")
    return Target("", to_global_id("User", person.pk), person)


async def disabled_person(w: World) -> Target:
    target = await active_person(w)
    await ok(w.cast["help_desk"], DISABLE, {"id": target.id, "reason": "Left the company"})
    return target


# other objects (node)


def _shared(name: str) -> Factory:
    """node() of a request target: the same object the decision cells act on."""

    async def build(w: World) -> Target:
        return await w.target(name)

    return build


def _fixed(object_id: Callable[[World], str], owner: str) -> Factory:
    async def build(w: World) -> Target:
        return Target("", object_id(w), w.cast[owner])

    return build


async def pending_organization(w: World) -> Target:
    registration = await w.target("REGISTER_ORGANIZATION")
    return Target("", registration.extra["organization"], registration.owner)


REQUEST_TARGETS: dict[str, Factory] = {
    "REGISTER_ORGANIZATION": register_organization,
    "REGISTER_INDIVIDUAL_PRACTITIONER": register_practitioner,
    "BACKUP_SECURITY_OFFICIAL": backup_security_official,
    "BACKUP_SECURITY_OFFICIAL:NOW_UGA": backup_security_official_now_uga,
    "SUCCEED_SECURITY_OFFICIAL": succession,
    "SUCCEED_SECURITY_OFFICIAL:EX_BSO": succession_ex_bso,
    "CREATE_USER_GROUP": create_user_group,
    "ADMINISTER_USER_GROUP": administer_user_group,
    "ADMINISTER_USER_GROUP:NOW_BSO": administer_user_group_now_bso,
    "JOIN_USER_GROUP": join_user_group,
    "JOIN_SURROGATE_COMPANY": join_surrogate_company,
    "ADMINISTER_SURROGATE_COMPANY": administer_surrogate_company,
    "CREATE_SURROGATE_USER_GROUP": create_surrogate_user_group,
    "CREATE_SURROGATE_USER_GROUP:PRACTITIONER": create_surrogate_user_group_practitioner,
    "APPLICATION_ACCESS:GROUP": application_access_group,
    "APPLICATION_ACCESS:SELF": application_access_self,
    "APPLICATION_ACCESS:SELF:LEFT_GROUP": application_access_self_left_group,
    "APPLICATION_ACCESS:PRACTICE": application_access_practice,
}
ROLE_TARGETS: dict[str, Factory] = {
    "SECURITY_OFFICIAL": security_official_role,
    "BACKUP_SECURITY_OFFICIAL": backup_security_official_role,
    "USER_GROUP_ADMINISTRATOR": user_group_administrator_role,
    "END_USER": end_user_role,
    "USER_GROUP_ADMINISTRATOR:APPLICATION": user_group_administrator_application_role,
    "END_USER:APPLICATION": end_user_application_role,
    "USER_GROUP_ADMINISTRATOR:COMPANY": company_administrator_role,
    "END_USER:COMPANY": company_staff_role,
    "USER_GROUP_ADMINISTRATOR:SURROGATE_GROUP": surrogate_group_administrator_role,
    "USER_GROUP_ADMINISTRATOR:PRACTICE_GROUP": practice_group_administrator_role,
    "INDIVIDUAL_PRACTITIONER": practitioner_role,
    "HELP_DESK": help_desk_role,
}


def _named(name: str, make: Factory) -> Factory:
    async def build(w: World) -> Target:
        target = await make(w)
        target.name = name
        return target

    return build


TARGETS: dict[str, Factory] = {
    **{name: _named(name, make) for name, make in REQUEST_TARGETS.items()},
    **{f"AccessRequest:{name}": _shared(name) for name in REQUEST_TARGETS},
    **{f"RoleAssignment:{name}": _named(name, make) for name, make in ROLE_TARGETS.items()},
    "LOCKED_PERSON": _named("LOCKED_PERSON", locked_person),
    "LOCKED_BACKUP": _named("LOCKED_BACKUP", locked_backup),
    "ACTIVE_PERSON": _named("ACTIVE_PERSON", active_person),
    "DISABLED_PERSON": _named("DISABLED_PERSON", disabled_person),
    "Organization:XYZ": _fixed(lambda w: w.xyz, "so"),
    "Organization:PENDING": pending_organization,
    "UserGroup:G1": _fixed(lambda w: w.g1, "uga"),
    "SurrogateCompany:ABC": _fixed(lambda w: w.abc, "company_uga"),
    "User:SO": _fixed(lambda w: to_global_id("User", w.cast["so"].pk), "so"),
    "Application:A": _fixed(lambda w: w.apps["A"], "uga_b"),
}
