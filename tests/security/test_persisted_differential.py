"""Planned completion answers every trusted document exactly as graphql-core does (issue 16, item 4).

The served schema completes plain objects through its own plan (iacs.graphql.execution) instead of
graphql-core's general executor. tests/unit/test_execution.py proves the two equal on a toy schema; this test
proves them equal on what the SPA actually sends: every query and mutation of the trusted-document manifest
(frontend/src/gql/persisted-documents.json), run as every actor of the authorization-matrix world, once through
the served schema (planned) and once through the same schema with graphql-core's executor. Variables are made
from each operation's definitions; an ID variable is tried with one object of every kind, so answers, nulls and
refusals are all compared. A mutation runs twice from the same state (a SAVEPOINT rolled back after each run);
values a mutation makes anew (ids, tracking numbers, codes) are masked before comparing. The subscription is
left out: it does not go through completion of a query result.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any, cast

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    OperationDefinitionNode,
    OperationType,
    parse,
    type_from_ast,
)
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

import iacs.graphql.schema as served
from iacs.config import DEFAULT_TRUSTED_DOCUMENTS
from iacs.graphql.context import Context
from iacs.graphql.execution import PlannedExecutionContext
from iacs.graphql.ids import from_global_id
from tests.security.test_reachability import NODE_TABLES, Runner, actors_of, all_ids, report
from tests.security.world import World

MASKED_KEYS = frozenset({"id", "trackingNumber", "token", "secret", "code", "createdAt", "requestedAt", "decidedAt"})


def _build(context_class: type[StrawberryGraphQLCoreExecutionContext]) -> strawberry.Schema:
    """The served schema, with the execution context chosen instead of by the installed versions."""
    original = vars(served)["execution_context_class"]
    setattr(served, "execution_context_class", lambda *_args, **_kwargs: context_class)  # noqa: B010
    try:
        return served.build_schema()
    finally:
        setattr(served, "execution_context_class", original)  # noqa: B010


PLANNED = _build(PlannedExecutionContext)
GENERAL = _build(StrawberryGraphQLCoreExecutionContext)


class SchemaRunner(Runner):
    """The reachability runner, with a chosen schema instead of its unlimited one."""

    def __init__(self, runner: Runner, chosen: strawberry.Schema) -> None:
        self.services = runner.services
        self.cookie = runner.cookie
        self.documents = 0
        self.chosen = chosen

    async def execute(self, person: Any, document: str, variables: dict[str, Any], *, read_only: bool) -> Any:
        token = person.client.cookies.get(self.cookie)
        headers = [(b"cookie", f"{self.cookie}={token}".encode())] if token else []
        scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": headers, "query_string": b""}
        context = Context(request=Request(scope), response=Response(), services=self.services)
        context.read_only = read_only
        try:
            result = await self.chosen.execute(document, variable_values=variables, context_value=context)
        finally:
            await context.close()
        errors = [
            {"message": e.message, "path": e.path, "code": (e.extensions or {}).get("code")}
            for e in result.errors or []
        ]
        return {"data": result.data, "errors": errors}


def trusted_documents() -> list[tuple[str, str, OperationDefinitionNode]]:
    manifest: dict[str, str] = json.loads(DEFAULT_TRUSTED_DOCUMENTS.read_text())
    found = []
    for text in manifest.values():
        document = parse(text)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        assert len(operations) == 1, text
        operation = operations[0]
        if operation.operation is not OperationType.SUBSCRIPTION:
            found.append((operation.name.value if operation.name else "?", text, operation))
    return sorted(found, key=lambda item: item[0])


def sample(type_: GraphQLInputType, name: str, node_id: str) -> Any:  # noqa: PLR0911 - one return per kind
    """A well-formed value of the type; the server may still refuse it (that is compared too)."""
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type, name, node_id)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type, name, node_id)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            key: sample(field.type, key, node_id)
            for key, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        }
    assert isinstance(type_, GraphQLScalarType)
    lowered = name.lower()
    by_scalar: dict[str, Any] = {"ID": node_id, "Int": 10, "Boolean": False, "DateTime": "2027-01-01T00:00:00Z"}
    if type_.name in by_scalar:
        return by_scalar[type_.name]
    if "email" in lowered:
        return "ann.lee@example.org"
    if "password" in lowered:
        return "Quill-Harbor-Lantern-42"
    return "Acme"


def mentions_id(type_: GraphQLInputType) -> bool:
    """Whether a value of the type holds an ID, at any depth of its required fields."""
    if isinstance(type_, GraphQLNonNull | GraphQLList):
        return mentions_id(type_.of_type)
    if isinstance(type_, GraphQLInputObjectType):
        return any(isinstance(f.type, GraphQLNonNull) and mentions_id(f.type) for f in type_.fields.values())
    return isinstance(type_, GraphQLScalarType) and type_.name == "ID"


def variable_sets(operation: OperationDefinitionNode, ids: list[str]) -> Iterator[dict[str, Any]]:
    definitions = operation.variable_definitions or ()
    graphql_schema = PLANNED._schema
    types = {
        d.variable.name.value: cast(GraphQLInputType | None, type_from_ast(graphql_schema, d.type)) for d in definitions
    }
    uses_id = any(t is not None and mentions_id(t) for t in types.values())
    for node_id in ids if uses_id else ids[:1]:
        yield {name: sample(t, name, node_id) for name, t in types.items() if t is not None}


def masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "<new>" if k in MASKED_KEYS else masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v) for v in value]
    return value


@asynccontextmanager
async def undone(connection: AsyncConnection) -> AsyncIterator[None]:
    savepoint = await connection.begin_nested()
    try:
        yield
    finally:
        await savepoint.rollback()


async def one_of_each(world: World) -> list[str]:
    """One object id of each kind (the first in id order), so every ID variable meets every kind of object."""
    ids = await all_ids(world)
    first: dict[str, str] = {}
    for gid in ids:
        decoded = from_global_id(gid)
        assert decoded is not None
        first.setdefault(decoded[0], gid)
    core = {"User", "Organization", "UserGroup", "SurrogateCompany", "Application", "AccessRequest", "RoleAssignment"}
    assert core <= set(first) <= set(NODE_TABLES), first
    return list(first.values())


async def test_every_trusted_document_answers_alike_planned_and_general(
    built_world: World, module_connection: AsyncConnection, module_app: Any
) -> None:
    world = built_world
    _app, settings = module_app
    base = Runner(world.factory, settings)
    planned, general = SchemaRunner(base, PLANNED), SchemaRunner(base, GENERAL)
    ids = await one_of_each(world)
    documents = trusted_documents()
    assert len(documents) >= 30, "the manifest lost its documents"
    differences: list[str] = []
    runs = 0
    answered_with_data = 0
    for relation in actors_of(world):
        person = world.person(relation)
        for name, text, operation in documents:
            mutation = operation.operation is OperationType.MUTATION
            for variables in variable_sets(operation, ids):
                if mutation:
                    async with undone(module_connection):
                        expected = await general.execute(person, text, variables, read_only=False)
                    async with undone(module_connection):
                        got = await planned.execute(person, text, variables, read_only=False)
                    expected, got = masked(expected), masked(got)
                else:
                    expected = await general.execute(person, text, variables, read_only=True)
                    got = await planned.execute(person, text, variables, read_only=True)
                runs += 1
                answered_with_data += bool(got["data"]) and not got["errors"]
                if got != expected:
                    differences.append(f"{relation} {name} {variables}:\n  general {expected}\n  planned {got}")
    summary = f"{runs} runs of {len(documents)} documents, {answered_with_data} without errors"
    report("planned and general completion", [summary])
    assert not differences, "\n".join(differences[:10])
    # The comparison means something only if many runs show data (not just refusals).
    assert answered_with_data >= runs // 4, (answered_with_data, runs)
