"""Reachability (issue 12, finding 2): every object any path shows is one that node(id) shows, and people's
e-mail, phone and user ID appear only where the contact policy says so (docs/visibility.md).

For every actor of the authorization-matrix world (world.py, plus a billing company that serves two
organizations, which is where the probe found its holes), every field path of the schema is walked, from
introspection, to MAX_HOPS object fields deep (lists included; a connection's `edges { node }` is part of the
hop that reached it). Documents are generated: each object selects its `__typename`, every leaf field without
required arguments, and its object fields; `first` is always 100; required arguments get sensible values
(`node(id:)`: every object the actor may see; `companySearch` and `helpDeskLookup`: a text matching the
world). The walk goes by depth frontier: one document per (actor, root field, depth), holding the paths one hop
longer than those of the last round that showed something new (see `walk`), so no document grows with paths
that are empty for that actor or only repeat what was already walked from the same field.

Then, per actor:
- every Node reached (type and id) must be one that node(id) returns to that actor (the anonymous reach none but
  applications, which are public);
- every person reached whose e-mail, phone or user ID is not null must be one whose contact fields the policy
  shows to that actor: themselves, the help desk, whoever may decide one of their pending requests, the officials
  (or practitioner) of an organization where they hold a role, whoever may revoke a role they hold, and a
  company's UGAs for the people of its surrogate groups and its staff.

The documents run in-process against the schema without the request limits (depth, aliases, tokens, cost: they
guard against abuse and are tested elsewhere; a path they would refuse is no less a path).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any, cast

import pytest
import strawberry
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    IntrospectionQuery,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    graphql_sync,
    is_leaf_type,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from strawberry.extensions import SchemaExtension

from iacs.config import Settings
from iacs.domain.clock import FrozenClock
from iacs.graphql.applications.types import Application
from iacs.graphql.context import AppServices, Context
from iacs.graphql.execution import PlannedExecutionContext
from iacs.graphql.groups.types import UserGroup
from iacs.graphql.ids import from_global_id, to_global_id
from iacs.graphql.organizations.types import Organization
from iacs.graphql.requests.types import AccessRequest
from iacs.graphql.roles.types import RoleAssignment
from iacs.graphql.schema import Mutation, Query, Subscription, schema
from iacs.graphql.surrogates.types import SurrogateCompany
from tests.api.people import Person
from tests.conftest import START
from tests.graphql_client import gql
from tests.security.authz_matrix import ALLOWED, MATRIX, RELATIONS, Cell
from tests.security.test_authz_matrix import CERTIFY, ON_OBJECT, _decisions, kind_and_decision
from tests.security.world import (
    APPROVE,
    REQUEST_MEMBERSHIP,
    REQUEST_SURROGATE_GROUPS,
    Call,
    World,
    ok,
)

MAX_HOPS = 6
FIRST = 100
NODE_CHUNK = 200
CONTACT_FIELDS = ("email", "phone", "userId")
# Text arguments the world matches: every company is "Company <n>", every person's e-mail ends in this domain.
TEXT_ARGUMENTS = {("Query", "companySearch", "search"): "ompany", ("Query", "helpDeskLookup", "query"): "authz"}
NODE_TABLES = {
    "User": "users",
    "Organization": "organizations",
    "UserGroup": "user_groups",
    "SurrogateCompany": "surrogate_companies",
    "Application": "applications",
    "AccessRequest": "access_requests",
    "RoleAssignment": "role_assignments",
    "Delegation": "delegations",  # R38
    "Webhook": "webhooks",  # R44: the help desk's only
    "WebhookDelivery": "webhook_deliveries",
}
PUBLIC_TO_ANONYMOUS = frozenset({"Application"})  # `applications` needs no session (docs/api.md)


class GeneratedDocuments(SchemaExtension):
    """The walk's documents are generated from the schema itself, so they skip validation (which took a third of
    the run: the overlapping-fields rule on documents of thousands of fields)."""

    def on_validate(self) -> Iterator[None]:
        self.execution_context.validation_rules = ()
        yield


# The same types and resolvers as the served schema, without the request limits (see the module's docstring).
UNLIMITED = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[RoleAssignment, Organization, UserGroup, SurrogateCompany, Application, AccessRequest],
    execution_context_class=PlannedExecutionContext,
    extensions=[GeneratedDocuments],
)


# --- the schema, as introspection shows it ----------------------------------------------------------------


def introspected() -> GraphQLSchema:
    """The served schema as a client sees it through introspection."""
    answer = graphql_sync(schema._schema, get_introspection_query(descriptions=False))
    assert answer.errors is None, answer.errors
    assert answer.data is not None
    return build_client_schema(cast(IntrospectionQuery, answer.data))


@dataclass(frozen=True)
class Step:
    """One field of a path: `alias: field(args)`, and the type condition its selection is wrapped in, if any."""

    field: str
    args: str = ""
    alias: str = ""
    on: str = ""  # for a field of an abstract type: the concrete type of the objects below it

    @property
    def key(self) -> str:
        return self.alias or self.field

    def text(self) -> str:
        head = f"{self.alias}: {self.field}" if self.alias else self.field
        return f"{head}({self.args})" if self.args else head


Path = tuple[Step, ...]


class Walker:
    """Documents along every path of the schema, and the objects the answers hold."""

    def __init__(self, client_schema: GraphQLSchema, root: str = "Query") -> None:
        self.schema = client_schema
        self.root = client_schema.type_map[root]
        self.node_types = frozenset(
            name
            for name, t in client_schema.type_map.items()
            if isinstance(t, GraphQLObjectType) and any(i.name == "Node" for i in t.interfaces)
        )

    def type_at(self, path: Path) -> GraphQLNamedType:
        current: GraphQLNamedType = self.root
        for step in path:
            assert isinstance(current, GraphQLObjectType | GraphQLInterfaceType), (path, current)
            current = get_named_type(current.fields[step.field].type)
            if step.on:
                current = self.schema.type_map[step.on]
        return current

    @staticmethod
    def wrapper(owner: GraphQLNamedType, name: str) -> bool:
        """`edges` and `node` of a connection belong to the hop that reached the connection."""
        return (owner.name.endswith("Connection") and name == "edges") or (
            owner.name.endswith("Edge") and name == "node"
        )

    def hops(self, path: Path) -> int:
        count = 0
        current: GraphQLNamedType = self.root
        for step in path:
            if not self.wrapper(current, step.field):
                count += 1
            assert isinstance(current, GraphQLObjectType | GraphQLInterfaceType)
            current = get_named_type(current.fields[step.field].type)
            if step.on:
                current = self.schema.type_map[step.on]
        return count

    def arguments(self, owner: str, name: str, definition: GraphQLField) -> str | None:
        """The arguments a path gives the field; None when it cannot be called (an argument we cannot fill)."""
        given: list[str] = []
        for arg_name, arg in definition.args.items():
            if arg_name == "first":
                given.append(f"first: {FIRST}")
            elif isinstance(arg.type, GraphQLNonNull):
                value = TEXT_ARGUMENTS.get((owner, name, arg_name))
                if value is None:
                    return None
                given.append(f'{arg_name}: "{value}"')
        return ", ".join(given)

    def children(self, path: Path) -> list[Path]:
        """The paths one hop longer than `path` (through a connection's edges and node)."""
        owner = self.type_at(path)
        if not isinstance(owner, GraphQLObjectType | GraphQLInterfaceType):
            return []
        found: list[Path] = []
        for name, definition in owner.fields.items():
            target = get_named_type(definition.type)
            if is_leaf_type(target) or name == "pageInfo":
                continue
            args = self.arguments(owner.name, name, definition)
            if args is None:
                continue  # node(id:) at the root: see `node_paths`
            step = Step(name, args)
            if self.wrapper(owner, name):
                found.extend(self.children((*path, step)))
            else:
                found.append((*path, step))
        return found

    def roots(self) -> list[Path]:
        return [p for p in self.children(()) if p[0].field != "mailLog"]  # mailLog: development mail, no objects

    def leaves(self, type_: GraphQLNamedType) -> list[str]:
        if not isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            return []
        names = ["__typename"]
        for name, definition in type_.fields.items():
            if is_leaf_type(get_named_type(definition.type)) and not any(
                isinstance(a.type, GraphQLNonNull) for a in definition.args.values()
            ):
                names.append(name)
        return names

    def document(self, paths: Iterable[Path]) -> str:
        tree: dict[Step, Any] = {}
        for path in paths:
            level = tree
            for step in path:
                level = level.setdefault(step, {})

        def render(level: dict[Step, Any], prefix: Path) -> str:
            parts = self.leaves(self.type_at(prefix)) if prefix else []  # no root leaf (Mutation.signOut)
            for step, below in level.items():
                inner = render(below, (*prefix, step))
                body = f"__typename ... on {step.on} {{ {inner} }}" if step.on else inner
                owner = self.type_at(prefix)
                assert isinstance(owner, GraphQLObjectType | GraphQLInterfaceType)
                target = get_named_type(owner.fields[step.field].type)
                parts.append(step.text() + (f" {{ {body} }}" if not is_leaf_type(target) else ""))
            return " ".join(parts)

        return render(tree, ())

    def query(self, paths: Iterable[Path]) -> str:
        return "query { " + self.document(paths) + " }"

    def paths_below(self, path: Path, hops: int) -> list[Path]:
        """Every path that starts with `path` and is at most `hops` hops long (no pruning)."""
        found = [path]
        frontier = [path]
        while frontier:
            frontier = [child for p in frontier if self.hops(p) < hops for child in self.children(p)]
            found += frontier
        return found


@dataclass
class Reached:
    """What the answers of one actor held."""

    objects: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, id) -> the first path to it
    contacts: dict[str, tuple[str, str]] = field(default_factory=dict)  # user id -> (a contact field, its path)
    # "Type.field" of each list that takes `first` -> a path to it whose parent objects the answer showed
    paged: dict[str, Path] = field(default_factory=dict)

    def collect(self, walker: Walker, data: dict[str, Any] | None) -> None:
        def visit(value: Any, where: str) -> None:
            if isinstance(value, list):
                for item in value:
                    visit(item, where)
                return
            if not isinstance(value, dict):
                return
            typename = value.get("__typename")
            if typename in walker.node_types and isinstance(value.get("id"), str):
                self.objects.setdefault((typename, value["id"]), where)
            if typename == "User":
                for name in CONTACT_FIELDS:
                    if value.get(name) is not None:
                        self.contacts.setdefault(value["id"], (name, where))
            for key, below in value.items():
                visit(below, f"{where}.{key}" if where else key)

        if data is not None:
            visit(data, "")

    def page(self, coordinate: str, path: Path) -> None:
        """Keep a path to a paged field, the shortest below node(id:) when there is one (one object, not a list's
        items: each item would answer the same error)."""
        known = self.paged.get(coordinate)
        if known is None or (path[0].field == "node" and (known[0].field != "node" or len(path) < len(known))):
            self.paged[coordinate] = path

    @staticmethod
    def values_at(data: Any, path: Path) -> list[Any]:
        values: list[Any] = [data]
        for step in path:
            following: list[Any] = []
            for value in values:
                for candidate in value if isinstance(value, list) else [value]:
                    if isinstance(candidate, dict) and candidate.get(step.key) is not None:
                        below = candidate[step.key]
                        following.extend(below if isinstance(below, list) else [below])
            values = following
        return values


# --- running documents as one actor ---------------------------------------------------------------------------


class Runner:
    """Runs documents in-process as a person (their session cookie), one context per document."""

    def __init__(self, factory: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.services = AppServices(settings=settings, session_factory=factory, clock=FrozenClock(START))
        self.cookie = settings.session_cookie_name
        self.documents = 0

    async def run(
        self, person: Person, document: str, variables: dict[str, Any] | None = None, *, read_only: bool = True
    ) -> tuple[dict[str, Any] | None, list[Any]]:
        token = person.client.cookies.get(self.cookie)
        headers = [(b"cookie", f"{self.cookie}={token}".encode())] if token else []
        scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": headers, "query_string": b""}
        request = Request(scope)
        context = Context(request=request, response=Response(), services=self.services)
        context.read_only = read_only
        try:
            result = await UNLIMITED.execute(document, variable_values=variables, context_value=context)
        finally:
            await context.close()
        self.documents += 1
        return result.data, list(result.errors or [])


def _expected_error(error: Any) -> bool:
    code = (getattr(error, "extensions", None) or {}).get("code")
    return code in {"UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"}


async def walk(walker: Walker, runner: Runner, person: Person, node_roots: list[Path]) -> Reached:
    """Breadth first over every root at once, one hop per round.

    A path is lengthened only if its last hop showed something not shown before: an object is the same when it
    has the same type and id *and* was produced by the same field (`RoleAssignment.user`, `User.roles`...), since
    what an object's fields answer depends on the object, the actor and how its field built it (a list's joined
    row or a loaded model), never on the longer way that led to it. Non-Node objects (edges, grant steps,
    departure impacts, associations, audit events) are always lengthened."""
    reached = Reached()
    groups: list[list[Path]] = [[root] for root in walker.roots()]
    if node_roots:
        groups.append(node_roots)
    produced: set[tuple[str, str, str]] = set()  # (producing field, type, id) already lengthened
    for hops in range(1, MAX_HOPS + 1):
        following: list[list[Path]] = []
        for paths in groups:
            if not paths:
                continue
            data, errors = await runner.run(person, walker.query(paths))
            unexpected = [e for e in errors if not _expected_error(e)]
            assert not unexpected, (person.name, paths[0][0].text(), hops, [str(e) for e in unexpected][:3])
            reached.collect(walker, data)
            if data is None:
                continue
            for path in paths:
                if "first:" in path[-1].args and [v for v in Reached.values_at(data, path[:-1]) if isinstance(v, dict)]:
                    reached.page(f"{walker.type_at(path[:-1]).name}.{path[-1].field}", path)
            if hops == MAX_HOPS:
                continue
            longer: list[Path] = []
            for path in paths:
                if walker.hops(path) != hops:
                    continue
                found = [v for v in Reached.values_at(data, path) if isinstance(v, dict)]
                if not found:
                    continue
                coordinate = f"{walker.type_at(path[:-1]).name}.{path[-1].field}"
                fresh = False
                for obj in found:
                    typename = obj.get("__typename")
                    if typename not in walker.node_types:
                        fresh = True
                        continue
                    key = (coordinate, typename, obj["id"])
                    if key not in produced:
                        produced.add(key)
                        fresh = True
                if fresh:
                    longer.extend(walker.children(path))
            following.append(longer)
        groups = following
    return reached


async def node_visible(runner: Runner, person: Person, ids: list[str]) -> set[str]:
    visible: set[str] = set()
    for start in range(0, len(ids), NODE_CHUNK):
        chunk = ids[start : start + NODE_CHUNK]
        document = "query { " + " ".join(f'n{i}: node(id: "{gid}") {{ id }}' for i, gid in enumerate(chunk)) + " }"
        data, errors = await runner.run(person, document)
        assert not [e for e in errors if not _expected_error(e)], errors
        for i, gid in enumerate(chunk):
            if data is not None and data.get(f"n{i}") is not None:
                visible.add(gid)
    return visible


# --- the contact policy, restated from docs/visibility.md in plain SQL ------------------------------------

CONTACTS_OF_MANAGED = text(
    """
WITH mine AS (SELECT * FROM role_assignments WHERE user_id = :actor AND status = 'ACTIVE'),
officials AS (  -- organizations the actor manages: SO, BSO, or the practitioner of a practice
  SELECT organization_id FROM mine
  WHERE application_id IS NULL AND user_group_id IS NULL
    AND role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL', 'INDIVIDUAL_PRACTITIONER')),
administered_groups AS (
  SELECT user_group_id FROM mine
  WHERE role = 'USER_GROUP_ADMINISTRATOR' AND user_group_id IS NOT NULL AND application_id IS NULL),
companies AS (
  SELECT company_id FROM mine
  WHERE role = 'USER_GROUP_ADMINISTRATOR' AND company_id IS NOT NULL AND user_group_id IS NULL)
SELECT DISTINCT r.user_id FROM role_assignments r LEFT JOIN user_groups g ON g.id = r.user_group_id
WHERE r.status IN ('ACTIVE', 'SUSPENDED') AND (  -- held now: active, or suspended until certified (R30)
  r.organization_id IN (SELECT organization_id FROM officials)
  OR (r.role = 'END_USER' AND r.user_group_id IN (SELECT user_group_id FROM administered_groups))
  OR (r.company_id IN (SELECT company_id FROM companies))
  OR (g.company_id IN (SELECT company_id FROM companies)))
"""
)


async def contact_allowed(world: World, runner: Runner, relation: str, person: Person) -> set[str] | None:
    """The global ids of the people whose contact fields `person` may see; None: everyone's (the help desk)."""
    if relation == "help_desk":
        return None
    if person.pk is None:
        return set()
    allowed = {to_global_id("User", person.pk)}
    async with world.factory() as db:
        managed = (await db.execute(CONTACTS_OF_MANAGED, {"actor": person.pk})).scalars().all()
    allowed |= {to_global_id("User", u) for u in managed}
    # whoever may decide one of the person's pending requests: the requesters of the actor's queue
    data, _ = await runner.run(person, "query { approvalQueue(first: 100) { edges { node { requester { id } } } } }")
    for edge in ((data or {}).get("approvalQueue") or {}).get("edges", []):
        allowed.add(edge["node"]["requester"]["id"])
    return allowed


# --- the billing company of the probe: one company serving XYZ and OTHER, with a pending applicant ---------


async def add_billing_company(world: World) -> None:
    """ABC (company_uga) serves XYZ (its pending request approved by XYZ's SO) and OTHER (approved by OTHER's SO);
    a job applicant asks to join ABC's group in OTHER, which only ABC's UGA may decide."""
    actors = world.cast
    xyz_request = await world.target("CREATE_SURROGATE_USER_GROUP")
    await ok(actors["so"], APPROVE, {"id": xyz_request.id})
    world.spoil("CREATE_SURROGATE_USER_GROUP")  # approved now: a cell that needs it pending gets a new one
    world.spoil("AccessRequest:CREATE_SURROGATE_USER_GROUP")
    serve_other = {"input": {"companyId": world.abc, "organizationIds": [world.other]}}
    asked = await ok(actors["company_uga"], REQUEST_SURROGATE_GROUPS, serve_other)
    decided = await ok(actors["other_so"], APPROVE, {"id": asked["requests"][0]["id"]})
    other_group = decided["request"]["userGroup"]["id"]
    applicant = await world.people.make("Jay Applicant")
    await ok(applicant, REQUEST_MEMBERSHIP, {"group": other_group})


# --- the test -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
async def billing_world(built_world: World) -> World:
    await add_billing_company(built_world)
    await add_ended_delegation(built_world)
    return built_world


async def add_ended_delegation(world: World) -> None:
    """R38: the SO of XYZ named its end user delegate, then ended it: the two and the help desk reach the
    Delegation, its role and each other (ended, so it changes no queue the matrix's cells rely on)."""
    so, delegate = world.cast["so"], world.cast["end_user"]
    roles = await gql(so.client, "{ viewer { roles { id role } } }")
    (so_role,) = [r["id"] for r in roles["data"]["viewer"]["roles"] if r["role"] == "SECURITY_OFFICIAL"]
    given = {
        "roleAssignmentId": so_role,
        "delegateId": to_global_id("User", delegate.pk),
        "startsAt": START.isoformat(),
        "endsAt": (START + timedelta(days=3)).isoformat(),
    }
    made = await gql(
        so.client,
        "mutation($input: CreateDelegationInput!) { createDelegation(input: $input) { delegation { id } "
        "errors { code } } }",
        {"input": given},
    )
    assert made["data"]["createDelegation"]["errors"] == [], made
    delegation = made["data"]["createDelegation"]["delegation"]["id"]
    ended = await gql(
        so.client, "mutation($id: ID!) { endDelegation(input: {id: $id}) { errors { code } } }", {"id": delegation}
    )
    assert ended["data"]["endDelegation"]["errors"] == [], ended


async def all_ids(world: World) -> list[str]:
    ids: list[str] = []
    async with world.factory() as db:
        for type_name, table in NODE_TABLES.items():
            query = text(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608 - one of NODE_TABLES' names
            rows = (await db.execute(query)).scalars().all()
            ids += [to_global_id(type_name, pk) for pk in rows]
    return ids


def actors_of(world: World) -> list[str]:
    """The matrix's relations, and every other person of the world's cast (a second UGA, the practice's UGA...)."""
    names = list(RELATIONS)
    seen = {id(world.person(name)) for name in names}
    for name, person in world.cast.items():
        if id(person) not in seen:
            names.append(name)
            seen.add(id(person))
    return names


def report(title: str, lines: list[str]) -> None:
    """The figures, on stdout (shown with -s)."""
    sys.stdout.write(f"\n=== {title} ===\n" + "".join(f"  {line}\n" for line in lines))
    sys.stdout.flush()


def listed(problems: list[str]) -> str:
    """Problems counted by kind and path (many objects share one path)."""
    counted = Counter(problems)
    return f"{len(problems)} problems on {len(counted)} paths:\n" + "\n".join(
        f"{line}" + (f" (x{n})" if n > 1 else "") for line, n in sorted(counted.items())
    )


async def test_every_object_reached_is_visible_by_node_and_contacts_follow_the_policy(
    billing_world: World, module_app: tuple[Starlette, Settings], module_session_factory: Any
) -> None:
    world = billing_world
    _, settings = module_app
    walker = Walker(introspected())
    runner = Runner(module_session_factory, settings)
    everything = await all_ids(world)
    problems: list[str] = []
    figures: list[str] = []
    started = time.perf_counter()
    reached_total = 0
    for relation in actors_of(world):
        person = world.person(relation)
        visible = await node_visible(runner, person, everything) if person.pk is not None else set()
        node_roots: list[Path] = [
            (Step("node", f'id: "{gid}"', alias=f"n{i}", on=gid_type(gid)),) for i, gid in enumerate(sorted(visible))
        ]
        aliases = {root[0].alias: f"node({root[0].on})" for root in node_roots}

        def named(where: str, aliases: dict[str, str] = aliases) -> str:
            head, _, rest = where.partition(".")
            return ".".join(part for part in (aliases.get(head, head), rest) if part)

        actor_started, documents = time.perf_counter(), runner.documents
        reached = await walk(walker, runner, person, node_roots)
        reached_total += len(reached.objects)
        figures.append(
            f"{relation}: {len(reached.objects)} objects, {runner.documents - documents} documents, "
            f"{time.perf_counter() - actor_started:.1f} s"
        )
        for (type_name, gid), where in reached.objects.items():
            allowed = gid in visible if person.pk is not None else type_name in PUBLIC_TO_ANONYMOUS
            if not allowed:
                problems.append(f"{relation}: {type_name} that node() hides, at {named(where)}")
        contacts = await contact_allowed(world, runner, relation, person)
        for user_id, (name, where) in reached.contacts.items():
            if contacts is not None and user_id not in contacts:
                problems.append(f"{relation}: another person's {name}, at {named(where)}")
    elapsed = time.perf_counter() - started
    figures.append(
        f"{len(actors_of(world))} actors, {runner.documents} documents, {reached_total} objects, {elapsed:.1f} s"
    )
    report("reachability", figures)
    assert not problems, listed(problems)


OUT_OF_RANGE = (-1, FIRST + 1, 2**31 - 1)  # below 0; one past the largest page; the largest Int


def paged_coordinates(client_schema: GraphQLSchema) -> set[str]:
    """ "Type.field" of every field of an object type that takes `first`."""
    return {
        f"{name}.{field_name}"
        for name, t in client_schema.type_map.items()
        if isinstance(t, GraphQLObjectType) and not name.startswith("__")
        for field_name, definition in t.fields.items()
        if "first" in definition.args
    }


def only_along(path: Path) -> str:
    """A query of the path's fields alone: no sibling field runs a statement that the error would cancel (which
    spoils the tests' shared connection; the served app gives such a connection back)."""
    body = "__typename"
    for step in reversed(path):
        inner = f"... on {step.on} {{ {body} }}" if step.on else body
        body = f"{step.text()} {{ {inner} }}"
    return "query { " + body + " }"


async def test_every_first_in_the_schema_refuses_a_page_out_of_range(
    billing_world: World, module_app: tuple[Starlette, Settings], module_session_factory: Any
) -> None:
    """Schema-wide: each field that takes `first`, reached where its parent is shown, answers `first: -1`,
    `first: 101` and the largest Int with BAD_USER_INPUT at that field and no items (docs/api.md: 0 to 100). The
    walk finds a path to each, actor by actor (the help desk first); a new paged field that no actor of the world
    reaches fails here until the world reaches it."""
    world = billing_world
    _, settings = module_app
    client_schema = introspected()
    walker = Walker(client_schema)
    runner = Runner(module_session_factory, settings)
    wanted = paged_coordinates(client_schema)
    assert len(wanted) >= 15, sorted(wanted)  # the walk below has something to find
    everything = await all_ids(world)
    # coordinate -> (actor, path); the walk leaves out the development mail log, a root list of its own
    paths: dict[str, tuple[str, Path]] = {"Query.mailLog": ("help_desk", (Step("mailLog", f"first: {FIRST}"),))}
    for relation in ["help_desk", *(r for r in actors_of(world) if r != "help_desk")]:
        person = world.person(relation)
        if person.pk is None:
            continue
        visible = sorted(await node_visible(runner, person, everything))
        node_roots: list[Path] = [
            (Step("node", f'id: "{gid}"', alias=f"n{i}", on=gid_type(gid)),) for i, gid in enumerate(visible)
        ]
        reached = await walk(walker, runner, person, node_roots)
        for coordinate, path in reached.paged.items():
            paths.setdefault(coordinate, (relation, path))
        if wanted <= paths.keys():
            break
    assert wanted - paths.keys() == set(), "paged fields no actor of the world reaches"
    problems: list[str] = []
    for coordinate, (relation, path) in sorted(paths.items()):
        last = path[-1]
        for value in OUT_OF_RANGE:
            asked = (*path[:-1], replace(last, args=last.args.replace(f"first: {FIRST}", f"first: {value}")))
            data, errors = await runner.run(world.person(relation), only_along(asked))
            refused = [
                e
                for e in errors
                if (e.extensions or {}).get("code") == "BAD_USER_INPUT" and e.path and e.path[-1] == last.key
            ]
            shown = [v for v in Reached.values_at(data, asked) if v is not None]
            if not refused or shown:
                problems.append(f"{coordinate} (first: {value}, as {relation}): {[str(e) for e in errors][:2]}")
    report("first out of range", [f"{len(paths)} paged fields, each refused {len(OUT_OF_RANGE)} ways"])
    assert not problems, "\n".join(problems)


def gid_type(gid: str) -> str:
    decoded = from_global_id(gid)
    assert decoded is not None
    return decoded[0]


# --- mutations: what their payloads show --------------------------------------------------------------------

PAYLOAD_HOPS = 3  # the mutation, its payload's objects, their fields: below that, fields resolve as in queries


def mutation_cells() -> list[tuple[Cell, Call, dict[str, Any], str]]:
    """Every cell of the matrix where a mutation on an object succeeds: (cell, call, extra variables, target)."""
    cells: list[tuple[Cell, Call, dict[str, Any], str]] = []
    for cell, expected in MATRIX.items():
        if expected != ALLOWED:
            continue
        field_name, target, _ = cell
        if field_name in ON_OBJECT:
            spec = ON_OBJECT[field_name]
            cells.append((cell, spec.call, dict(spec.extra), spec.prefix + target))
        elif field_name == "certifyRoles":
            cells.append((cell, CERTIFY.call, dict(CERTIFY.extra), CERTIFY.target_name(target)))
        elif field_name == "decideRequests":
            bulk = _decisions(kind_and_decision(target)[1])
            cells.append((cell, bulk.call, dict(bulk.extra), bulk.target_name(target)))
    return cells


def mutation_document(walker: Walker, call: Call) -> str:
    """The call's own arguments, and its payload expanded to PAYLOAD_HOPS hops."""
    head = call.text[: call.text.index(") {") + 1]
    root = Step(call.root, head[head.index("(") + 1 : -1])
    declarations = ", ".join(f"${name}: {kind}" for name, kind in call.variables.items())
    return f"mutation({declarations}) {{ {walker.document(walker.paths_below((root,), PAYLOAD_HOPS))} }}"


async def test_mutation_payloads_show_only_what_node_shows(
    billing_world: World,
    module_app: tuple[Starlette, Settings],
    module_session_factory: Any,
    module_connection: AsyncConnection,
) -> None:
    """Every succeeding mutation of the matrix, as its actor, with its payload expanded: each object it shows is
    one node(id) shows that actor right after it, and no contact field the policy hides (the objects' own fields,
    further down, are those the query walk covers)."""
    world = billing_world
    _, settings = module_app
    walker = Walker(introspected(), root="Mutation")
    runner = Runner(module_session_factory, settings)
    problems: list[str] = []
    cells = mutation_cells()
    started = time.perf_counter()
    for cell, call, extra, target_name in cells:
        built = set(world.canonical_targets)
        savepoint = await module_connection.begin_nested()
        try:
            target = await world.target(target_name)
            person = world.person(cell[2], target)
            variables = {**extra, **({"ids": [target.id]} if "ids" in call.variables else {"id": target.id})}
            data, errors = await runner.run(person, mutation_document(walker, call), variables, read_only=False)
            assert not errors, (cell, [str(e) for e in errors][:3])
            payload = (data or {}).get(call.root) or {}
            assert payload.get("errors") == [], (cell, payload.get("errors"))
            reached = Reached()
            reached.collect(walker, data)
            visible = await node_visible(runner, person, sorted(gid for _, gid in reached.objects))
            for (type_name, gid), where in reached.objects.items():
                if gid not in visible:
                    problems.append(f"{cell}: {type_name} that node() hides, at {where}")
            contacts = await contact_allowed(world, runner, cell[2], person)
            for user_id, (name, where) in reached.contacts.items():
                if contacts is not None and user_id not in contacts:
                    problems.append(f"{cell}: another person's {name}, at {where}")
        finally:
            await savepoint.rollback()
            for name in set(world.canonical_targets) - built:
                world.spoil(name)  # made inside the savepoint: gone with it
    report("mutation payloads", [f"{len(cells)} cells, {time.perf_counter() - started:.1f} s"])
    assert not problems, listed(problems)


# --- the probe's own queries (issue 12, finding 2), answered exactly ------------------------------------------


async def ask(runner: Runner, person: Person, document: str) -> dict[str, Any]:
    data, errors = await runner.run(person, document)
    assert not errors, [str(e) for e in errors]
    assert data is not None
    return data


def contact_values(value: Any) -> list[str]:
    """Every e-mail and user ID anywhere in an answer."""
    if isinstance(value, list):
        return [found for item in value for found in contact_values(item)]
    if not isinstance(value, dict):
        return []
    own = [str(value[k]) for k in ("email", "userId") if value.get(k) is not None]
    return own + [found for below in value.values() for found in contact_values(below)]


async def test_the_probes_queries_show_only_what_the_viewer_may_see(
    billing_world: World, module_app: tuple[Starlette, Settings], module_session_factory: Any
) -> None:
    world = billing_world
    actors = world.cast
    runner = Runner(module_session_factory, module_app[1])

    # 1. XYZ's SO, through ABC's surrogate group of XYZ: the billing UGA's roles, rights and departure impact show
    #    XYZ only - not ABC's group and requests at OTHER, not the job applicant asking to join it.
    groups = await ask(
        runner,
        actors["so"],
        f'query {{ node(id: "{world.xyz}") {{ ... on Organization {{ userGroups(kind: SURROGATE) '
        "{ id company { id } } } } }",
    )
    (surrogate,) = [g["id"] for g in groups["node"]["userGroups"] if g["company"]["id"] == world.abc]
    probe = await ask(
        runner,
        actors["so"],
        f'query {{ node(id: "{surrogate}") {{ ... on UserGroup {{ roleAssignments {{ role user {{ name email '
        "departureImpact { roles { organization { legalBusinessName } userGroup { name } request { trackingNumber } } "
        "groupsWithoutAdministrator { name } requestsWithoutApprover { requester { name email userId } } } "
        "decisionRights { relation becauseOf { organization { legalBusinessName } } } } } } } }",
    )
    (assignment,) = probe["node"]["roleAssignments"]
    billing = assignment["user"]
    assert billing["name"] == "Abe Billing"
    assert billing["email"] is not None  # XYZ's officials reach the people who hold roles in XYZ
    impact = billing["departureImpact"]
    assert [r["organization"]["legalBusinessName"] for r in impact["roles"]] == ["Provider Organization XYZ"]
    assert impact["roles"][0]["request"] is not None  # the request that gave the role in XYZ
    assert impact["groupsWithoutAdministrator"] == [{"name": impact["roles"][0]["userGroup"]["name"]}]
    assert impact["requestsWithoutApprover"] == []  # the applicant to ABC's group at OTHER stays hidden
    assert [(r["relation"], r["becauseOf"]["organization"]) for r in billing["decisionRights"]] == [
        ("GROUP_ADMINISTRATORS", {"legalBusinessName": "Provider Organization XYZ"})
    ]  # not ABC's company administration, not its group at OTHER

    # 2. An end user's grant chain: their own link and request, who decided it by name only; no official's role or
    #    request, no login ID of anyone (the help desk's would let anyone lock it out, R4).
    chain = await ask(
        runner,
        actors["end_user"],
        "query { viewer { roles { role grantChain { roleAssignment { user { name } } request { trackingNumber "
        "decidedBy { name email userId } } approverRole { id user { name email userId } } } } } }",
    )
    (role,) = chain["viewer"]["roles"]
    (step,) = role["grantChain"]
    assert step["roleAssignment"]["user"]["name"] == "Emma User"
    assert step["request"]["decidedBy"] == {"name": "Ugo Admin", "email": None, "userId": None}
    assert step["approverRole"] is None
    assert contact_values(chain) == []

    # 3. A colleague's role in the same group, and the request behind it, stay hidden from an end user; the group's
    #    members stay listed (by name).
    colleagues = await ask(
        runner,
        actors["end_user"],
        f'query {{ node(id: "{world.g1}") {{ ... on UserGroup {{ roleAssignments {{ user {{ name }} request '
        "{ trackingNumber } } members(first: 100) { edges { node { name email } } } } } }",
    )
    assert [a["user"]["name"] for a in colleagues["node"]["roleAssignments"]] == ["Emma User"]
    members = [m["node"] for m in colleagues["node"]["members"]["edges"]]
    assert {m["name"] for m in members} >= {"Emma User", "Eve Second User"}
    assert [m["email"] for m in members if m["name"] != "Emma User"] == [None] * (len(members) - 1)

    # 4. Anyone signed in sees every organization's officials by name, never their e-mail or user ID.
    officials = await ask(
        runner,
        actors["stranger"],
        "query { organizations(first: 100) { edges { node { securityOfficial { name email userId } "
        "backupSecurityOfficials { name email userId } } } } }",
    )
    edges = officials["organizations"]["edges"]
    assert "Sally Official" in [e["node"]["securityOfficial"]["name"] for e in edges if e["node"]["securityOfficial"]]
    assert contact_values(officials) == []

    # ...while those who need them still reach them: XYZ's SO the members of G1, G1's UGA a requester in the queue
    members_for_so = await ask(
        runner,
        actors["so"],
        f'query {{ node(id: "{world.g1}") {{ ... on UserGroup {{ members(first: 100) '
        "{ edges { node { name email userId } } } } } }",
    )
    assert all(m["node"]["email"] and m["node"]["userId"] for m in members_for_so["node"]["members"]["edges"])
    queue = await ask(
        runner, actors["uga"], "query { approvalQueue(first: 100) { edges { node { requester { email } } } } }"
    )
    assert queue["approvalQueue"]["edges"]
    assert all(e["node"]["requester"]["email"] for e in queue["approvalQueue"]["edges"])
