"""The statements every signed-in request runs keep their plan: PostgreSQL plans them once, not on every execution.

The app's statements are prepared (asyncpg's), and in its default `plan_cache_mode` (auto) PostgreSQL keeps a
prepared statement's generic plan only when that plan is expected to cost no more than the custom ones (planned with
the values at hand) it made for the first five executions. A generic plan cannot see what a parameter holds; so when
the code's own constants were parameters (`status = $2`, `role = $6`), or a kept plan had to allow for an array of
ids of any length, or the planner could tell one person's roles from another's, the custom plans looked cheaper and
PostgreSQL planned again on every request. Planning cost more than running: the roles that decide a person's
approval queue took 0.75-1.08 ms an execution, "my roles" 0.79 ms, against 0.11-0.13 and 0.41 ms with the plan kept
(bench world at scale 1; docs/performance.md, "Plans kept").

Each statement is run here as the app runs it (through a session: SQLAlchemy's asyncpg prepares it), ten times, over
a world of one company's administrator holding 200 roles and 40 people holding 2 each, analyzed; then
`pg_prepared_statements` tells whether PostgreSQL kept a generic plan. Whether it does depends on the tables'
statistics (in this small world it would have kept the statements as they were before, too), so two more tests pin
what makes it keep them whatever the statistics: only the values a request gives are parameters, and one person's
roles are planned alike for every person (their id reaches the planner through a subquery, which it does not look
into). The approval queue itself is not among these statements: its custom plans are far better than any generic one
(tests/db/test_queue_plan.py says why). `pg_prepared_statements` counts plans from PostgreSQL 14 on.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Executable, Select, event, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.db.constants import constants_written
from iacs.domain import visibility
from iacs.domain.accounts.models import User
from iacs.domain.enums import AccountStatus
from iacs.domain.requests import actors
from iacs.domain.roles import queries as roles
from tests.conftest import START
from tests.db.test_queue_plan import _plan

GROUPS = 200  # the administrator's groups (and organizations), one role each, and one for the company itself
FEW = 40  # people holding 2 roles each

WORLD = [
    """INSERT INTO users (id, user_id, email, name, community, password_hash, status, email_verified_at,
                          terms_accepted_at)
       SELECT md5(:tag || 'user' || i)::uuid, upper(substr(md5(:tag || 'uid' || i), 1, 10)),
              :tag || '.' || i || '@example.org', 'Plan Person ' || i, 'PROVIDER_SUPPLIER', 'x', 'ACTIVE',
              CAST(:start AS timestamptz), CAST(:start AS timestamptz)
       FROM generate_series(0, :few) i""",
    "INSERT INTO surrogate_companies (id, name, tin) VALUES (md5(:tag || 'company')::uuid, 'Plan Billing ' || :tag,"
    " lpad((:base + 7)::text, 9, '8'))",
    """INSERT INTO organizations (id, legal_business_name, kind, provider_type, community, npi, tin, address_line1,
                                  city, state, zip, status, decided_at)
       SELECT md5(:tag || 'org' || i)::uuid, 'Plan Clinic ' || i || ' ' || :tag, 'PROVIDER', 'HOSPITAL',
              'PROVIDER_SUPPLIER', '17' || lpad((:base + i)::text, 8, '0'), '27' || lpad((:base + i)::text, 7, '0'),
              i || ' Main Street', 'Springfield', 'MD', '21201', 'APPROVED', CAST(:start AS timestamptz)
       FROM generate_series(0, :groups - 1) i""",
    """INSERT INTO user_groups (id, organization_id, kind, company_id, name)
       SELECT md5(:tag || 'group' || i)::uuid, md5(:tag || 'org' || i)::uuid, 'SURROGATE',
              md5(:tag || 'company')::uuid, 'Plan group ' || i
       FROM generate_series(0, :groups - 1) i""",
    # person 0 administers every group (and the company); persons 1..FEW are members of two groups each
    """INSERT INTO access_requests (id, tracking_number, kind, status, requester_id, organization_id, user_group_id,
                                    company_id, approver_relation, created_at, expires_at, decided_at)
       SELECT md5(:tag || 'request' || p || '-' || g)::uuid, 'QK' || substr(md5(:tag || p || '-' || g), 1, 14),
              'JOIN_USER_GROUP', 'APPROVED', md5(:tag || 'user' || p)::uuid, md5(:tag || 'org' || g)::uuid,
              md5(:tag || 'group' || g)::uuid, md5(:tag || 'company')::uuid, 'GROUP_ADMINISTRATORS',
              CAST(:start AS timestamptz) - interval '3 days', CAST(:start AS timestamptz) + interval '27 days',
              CAST(:start AS timestamptz) - interval '1 day'
       FROM (SELECT 0 AS p, g FROM generate_series(0, :groups - 1) g
             UNION ALL SELECT p, (p * 7 + k) % :groups FROM generate_series(1, :few) p, generate_series(0, 1) k) r""",
    """INSERT INTO role_assignments (user_id, role, status, organization_id, user_group_id, company_id, request_id,
                                     granted_at, certify_by)
       SELECT md5(:tag || 'user' || p)::uuid, CASE WHEN p = 0 THEN 'USER_GROUP_ADMINISTRATOR' ELSE 'END_USER' END::role,
              'ACTIVE', md5(:tag || 'org' || g)::uuid, md5(:tag || 'group' || g)::uuid,
              CASE WHEN p = 0 THEN md5(:tag || 'company')::uuid END, md5(:tag || 'request' || p || '-' || g)::uuid,
              CAST(:start AS timestamptz) - interval '1 day', CAST(:start AS timestamptz) + interval '364 days'
       FROM (SELECT 0 AS p, g FROM generate_series(0, :groups - 1) g
             UNION ALL SELECT p, (p * 7 + k) % :groups FROM generate_series(1, :few) p, generate_series(0, 1) k) r""",
    """INSERT INTO role_assignments (user_id, role, status, company_id, request_id, granted_at, certify_by)
       VALUES (md5(:tag || 'user' || 0)::uuid, 'USER_GROUP_ADMINISTRATOR', 'ACTIVE', md5(:tag || 'company')::uuid,
               md5(:tag || 'request' || 0 || '-' || 0)::uuid, CAST(:start AS timestamptz) - interval '2 days',
               CAST(:start AS timestamptz) + interval '364 days')""",
]


async def _world(db: AsyncSession) -> dict[str, uuid.UUID]:
    tag = uuid.uuid4().hex[:8]
    values = {"tag": tag, "start": START, "groups": GROUPS, "few": FEW, "base": int(tag[:5], 16)}
    for statement in WORLD:
        await db.execute(text(statement), values)
    for table in (
        "users",
        "organizations",
        "user_groups",
        "surrogate_companies",
        "access_requests",
        "role_assignments",
        "delegations",
    ):
        await db.execute(text(f"ANALYZE {table}"))
    ids = (
        await db.execute(
            text("SELECT md5(:tag || 'user' || 0)::uuid, md5(:tag || 'user' || 1)::uuid, md5(:tag || 'company')::uuid"),
            {"tag": tag},
        )
    ).one()
    return {"administrator": ids[0], "member": ids[1], "company": ids[2]}


async def _kept(db: AsyncSession, statement: Executable, values: dict[str, Any]) -> tuple[int, int, int]:
    """Run `statement` ten times as the app does; (generic plans, custom plans, rows of the last run) that PostgreSQL
    counted for the prepared statement it ran as."""
    connection = await db.connection()
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        sent.append(sql)

    event.listen(connection.sync_connection, "before_cursor_execute", note)
    try:
        for _ in range(10):
            rows = (await db.execute(statement, values)).all()
    finally:
        event.remove(connection.sync_connection, "before_cursor_execute", note)
    assert len(set(sent)) == 1, sent
    generic, custom = (
        await db.execute(
            text("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = :sql"),
            {"sql": sent[0]},
        )
    ).one()
    return generic, custom, len(rows)


@pytest.fixture
async def world(session_factory: async_sessionmaker[AsyncSession]) -> dict[str, uuid.UUID]:
    async with session_factory() as db:
        await db.execute(text("SET LOCAL plan_cache_mode = auto"))  # PostgreSQL's default, said here
        people = await _world(db)
        await db.commit()
    return people


@pytest.mark.parametrize(("person", "held"), [("member", 2), ("administrator", GROUPS + 1)])
async def test_a_persons_roles_with_their_scopes_keep_their_plan(
    session_factory: async_sessionmaker[AsyncSession], world: dict[str, uuid.UUID], person: str, held: int
) -> None:
    # "my roles": one person's roles, by one id
    async with session_factory() as db:
        generic, custom, rows = await _kept(db, roles._ROLES_OF_ONE, {"user_id": world[person]})
    assert rows == held
    assert (generic, custom) == (5, 5)  # planned for the first five runs, then the generic plan kept


@pytest.mark.parametrize(("person", "held"), [("member", 2), ("administrator", GROUPS + 1)])
async def test_the_roles_that_decide_a_queue_keep_their_plan(
    session_factory: async_sessionmaker[AsyncSession], world: dict[str, uuid.UUID], person: str, held: int
) -> None:
    # every request of the approval queue loads them (R38: one's own and those delegated to one)
    values = {"user_id": world[person], "now": START + timedelta(days=1)}
    async with session_factory() as db:
        generic, custom, rows = await _kept(db, actors._ACTING_ROLES, values)
    assert rows == held
    assert (generic, custom) == (5, 5)


async def test_the_roles_that_read_a_company_in_full_keep_their_plan(
    session_factory: async_sessionmaker[AsyncSession], world: dict[str, uuid.UUID]
) -> None:
    # every request of a company's dashboard asks it (visibility.companies_read_in_full)
    values = {"user_id": world["administrator"], "company_ids": [world["company"]]}
    async with session_factory() as db:
        generic, custom, rows = await _kept(db, visibility._FULL_READER_ROLES, values)
    assert rows == 1
    assert (generic, custom) == (5, 5)


# Each statement and the parameters it takes: what a request gives, and nothing else (the code's constants are SQL).
PARAMETERS: dict[str, tuple[Select[Any], list[str]]] = {
    "a person's roles with their scopes": (roles._ROLES_OF_ONE, ["user_id"]),
    "several persons' roles with their scopes": (roles._ROLES_OF_MANY, ["user_ids"]),
    "the roles that decide a queue": (actors._ACTING_ROLES, ["user_id", "now"]),
    "the roles that read a company in full": (visibility._FULL_READER_ROLES, ["user_id", "company_ids"]),
}


@pytest.mark.parametrize("name", PARAMETERS)
async def test_only_the_values_a_request_gives_are_parameters(
    session_factory: async_sessionmaker[AsyncSession], name: str
) -> None:
    statement, expected = PARAMETERS[name]
    async with session_factory() as db:
        compiled = statement.compile(dialect=(await db.connection()).dialect)
    assert list(dict.fromkeys(compiled.positiontup or ())) == expected


async def test_one_persons_roles_are_planned_alike_for_everyone(
    session_factory: async_sessionmaker[AsyncSession], world: dict[str, uuid.UUID]
) -> None:
    # The custom plans of a person of 2 roles and of one of 201 cost what the generic plan costs: PostgreSQL then
    # keeps the generic plan (it charges each custom plan for its planning), whoever asks first and most.
    costs = []
    async with session_factory() as db:
        for person, mode in (
            ("member", "force_custom_plan"),
            ("administrator", "force_custom_plan"),
            ("member", "force_generic_plan"),
        ):
            nodes = await _plan(db, roles._ROLES_OF_ONE, {"user_id": world[person]}, mode, discourage_seqscan=False)
            costs.append(nodes[0]["Total Cost"])
    assert costs[0] == costs[1] == costs[2]


async def test_written_constants_find_what_parameters_find(session_factory: async_sessionmaker[AsyncSession]) -> None:
    # a string with a space, a hyphen and a dot; enum members in a list: read by PostgreSQL as the values they were
    users = User.__table__.c
    name = "Ann Lee-Smith Jr."
    async with session_factory() as db:
        await db.execute(
            text(
                """INSERT INTO users (user_id, email, name, community, password_hash, status, terms_accepted_at)
                   VALUES ('QKQUOTE001', 'quote@example.org', :name, 'PROVIDER_SUPPLIER', 'x', 'ACTIVE', now())"""
            ),
            {"name": name},
        )
        statement = select(users.email).where(
            users.name == name, users.status.in_([AccountStatus.ACTIVE, AccountStatus.DISABLED])
        )
        written = constants_written(statement)
        assert written.compile(dialect=(await db.connection()).dialect).positiontup == []
        assert (await db.execute(written)).scalars().all() == ["quote@example.org"]
        assert (await db.execute(statement)).scalars().all() == ["quote@example.org"]


async def test_one_persons_roles_and_several_persons_roles_are_the_same_rows(
    session_factory: async_sessionmaker[AsyncSession], world: dict[str, uuid.UUID]
) -> None:
    # the two statements of `active_roles_with_scopes`: one person's by the id in a subquery, a batch's by an array
    members = [world["member"], world["administrator"]]
    async with session_factory() as db:
        one = [(await db.execute(roles._ROLES_OF_ONE, {"user_id": person})).all() for person in members]
        many = (await db.execute(roles._ROLES_OF_MANY, {"user_ids": members})).all()
        found = await roles.active_roles_with_scopes(db, members)
    assert [len(rows) for rows in one] == [2, GROUPS + 1]
    assert sorted(map(tuple, many)) == sorted(map(tuple, one[0] + one[1]))
    assert {person: len(items) for person, items in found.items()} == {world["member"]: 2, world["administrator"]: 201}


async def test_the_roles_that_decide_a_queue_are_the_same_rows_locked(
    session_factory: async_sessionmaker[AsyncSession], world: dict[str, uuid.UUID]
) -> None:
    # FOR SHARE is added to the statement after its constants are written (`_ACTING_ROLES_LOCKED`, for decisions)
    values = {"user_id": world["member"], "now": START + timedelta(days=1)}
    async with session_factory() as db:
        plain = (await db.execute(actors._ACTING_ROLES, values)).all()
        locked = (await db.execute(actors._ACTING_ROLES_LOCKED, values)).all()
    assert len(plain) == 2
    assert sorted(map(tuple, locked)) == sorted(map(tuple, plain))
