"""The approval queue's statement reads access_requests only through indexes, in every branch of its condition.

`queue_clause` is one OR of a branch per relation (routed, escalated, delegated). PostgreSQL reads such a condition
as a union of index scans only when every branch has an index; one branch without (the requests escalated to the
help desk, `escalated_relations && ...`) made it read all pending requests instead: 1.2 s for the queue of one
organization's Security Official at 300,000 pending requests (bench, scale 1), 1.5 ms once every branch had one.

The plans are asked over 20,000 pending requests (analyzed, in the test's transaction) with sequential scans
discouraged, so that the size of a test database does not decide: a branch without an index then shows, as a
sequential scan or as a whole index read without a condition.

Custom plans only (planned with the person's values), which PostgreSQL uses for the queue: in its default
`plan_cache_mode` (auto) it compares the generic plan of a prepared statement with the custom ones it made and keeps
making custom plans when the generic one costs more, as it does here by far. The generic plan cannot use the
partial indexes of pending requests (the status is a parameter) nor know how many relations the arrays hold: at
scale 1 a light approver's page took 1.5-2 ms with custom plans and 1 s with a generic one (40 ms with the status
written into the statement; measured 2026-12-07). So `plan_cache_mode` must not be set to force_generic_plan.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterator
from typing import Any, cast

import orjson
import pytest
from sqlalchemy import Select, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.enums import RequestStatus, Role
from iacs.domain.requests import queries
from iacs.domain.requests.models import AccessRequest
from iacs.domain.requests.routing import Authority, HeldRole, queue_branches

CUSTOM = ["force_custom_plan"]
ORG, GROUP, COMPANY = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
APPROVERS = {
    "the help desk": [HeldRole(Role.HELP_DESK, None, None, None)],
    "a Security Official": [HeldRole(Role.SECURITY_OFFICIAL, ORG, None, None)],
    "a group's and a company's administrator": [
        HeldRole(Role.USER_GROUP_ADMINISTRATOR, ORG, GROUP, None),
        HeldRole(Role.USER_GROUP_ADMINISTRATOR, None, None, COMPANY),
    ],
    "nobody (no role)": [],
}


EVERYTHING = Authority.from_roles(uuid.uuid4(), [held for roles in APPROVERS.values() for held in roles])


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


POPULATION = """
WITH asker AS (
    INSERT INTO users (user_id, email, name, community, password_hash, terms_accepted_at)
    VALUES ('QPLAN0000001', 'plan@example.org', 'Plan Asker', 'PROVIDER_SUPPLIER', 'x', now()) RETURNING id
)
INSERT INTO access_requests
    (tracking_number, kind, status, requester_id, approver_relation, proposed_name, created_at, expires_at,
     escalated_relations)
SELECT 'QP' || g, 'REGISTER_ORGANIZATION', 'PENDING', asker.id,
       (ARRAY['HELP_DESK', 'ORGANIZATION_SECURITY_OFFICIAL', 'ORGANIZATION_OFFICIALS', 'GROUP_ADMINISTRATORS',
              'COMPANY_ADMINISTRATORS', 'PRACTITIONER'])[1 + g % 6],
       'Organization ' || g, now(), now() + interval '30 days',
       CASE g % 4 WHEN 0 THEN ARRAY['HELP_DESK']::varchar[]
                  WHEN 1 THEN ARRAY['ORGANIZATION_OFFICIALS']::varchar[]
                  ELSE '{}'::varchar[] END
FROM asker, generate_series(1, 20000) AS g
"""


async def _populated(db: AsyncSession) -> None:
    await db.execute(text(POPULATION))
    await db.execute(text("ANALYZE access_requests"))


async def _plan(
    db: AsyncSession, statement: Select[Any], values: dict[str, Any], mode: str, *, discourage_seqscan: bool = True
) -> list[dict[str, Any]]:
    """The plan of `statement` run with `values` as the app runs it: a prepared statement (asyncpg's), here prepared
    by name so that `mode` decides its plan (`force_generic_plan`: the plan PostgreSQL keeps for every later run,
    whatever the values; EXPLAIN of a statement with parameters would plan it with the values, custom in any mode);
    sequential scans discouraged unless told otherwise."""
    connection = await db.connection()
    compiled = statement.compile(dialect=connection.dialect)
    given = compiled.construct_params(values)
    processors = cast("dict[str, Any]", compiled._bind_processors)
    arguments = []
    for name in compiled.positiontup or ():
        value = given[name]
        if processors.get(name) is not None:
            value = processors[name](value)
        arguments.append(value.value if isinstance(value, enum.Enum) else value)
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    await raw.execute(f"SET LOCAL plan_cache_mode = {mode}; SET LOCAL enable_seqscan = {not discourage_seqscan}")
    prepared = f"plan_{uuid.uuid4().hex}"
    await raw.execute(f"PREPARE {prepared} AS {compiled}")
    # EXECUTE takes no parameters: each value as a literal, written by PostgreSQL from the type it was prepared with
    types = await raw.fetchval("SELECT parameter_types::text[] FROM pg_prepared_statements WHERE name = $1", prepared)
    literals = [
        await raw.fetchval(f"SELECT quote_nullable(($1::{kind})::text)", value)
        for kind, value in zip(types, arguments, strict=True)
    ]
    answer = await raw.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE {prepared}({', '.join(literals)})")
    await raw.execute(f"DEALLOCATE {prepared}")
    explained = orjson.loads(answer) if isinstance(answer, str | bytes) else answer  # the driver may decode JSON
    return list(_nodes(explained[0]["Plan"]))


def _reads(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        n for n in nodes if n.get("Relation Name") == "access_requests" or "access_requests" in n.get("Index Name", "")
    ]


def _unindexed(reads: list[dict[str, Any]]) -> list[str]:
    """Reads of access_requests that are not an index read with a condition: sequential scans, and whole indexes
    read."""
    return [
        n.get("Index Name", n["Node Type"])
        for n in reads
        if n["Node Type"] == "Seq Scan" or ("Index Name" in n and "Index Cond" not in n)
    ]


@pytest.mark.parametrize("mode", CUSTOM)
async def test_every_branch_of_the_queue_is_read_through_an_index(
    session_factory: async_sessionmaker[AsyncSession], mode: str
) -> None:
    requests = AccessRequest.__table__.c
    branches = queue_branches()
    assert len(branches) == 17  # routed to (global, 5 scoped), escalated to (global, 5 scoped), delegated (5)
    async with session_factory() as db:
        await _populated(db)
        for number, branch in enumerate(branches):
            statement = select(requests.id).where(requests.status == RequestStatus.PENDING, branch)
            reads = _reads(await _plan(db, statement, EVERYTHING.queue_parameters(), mode))
            assert reads, number
            assert _unindexed(reads) == [], f"branch {number}: {branch}"


@pytest.mark.parametrize("mode", CUSTOM)
@pytest.mark.parametrize("approver", list(APPROVERS))
async def test_the_queue_page_reads_access_requests_by_index(
    session_factory: async_sessionmaker[AsyncSession], approver: str, mode: str
) -> None:
    authority = Authority.from_roles(uuid.uuid4(), APPROVERS[approver])
    statement = queries._queue_page_statement(kinds=False, organization=False, after=False)
    async with session_factory() as db:
        await _populated(db)
        reads = _reads(await _plan(db, statement, authority.queue_parameters() | {"limit": 51}, mode))
    assert _unindexed(reads) == []
