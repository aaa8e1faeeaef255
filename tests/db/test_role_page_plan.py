"""A page of "My roles" reads only the person's roles whole, whatever the size of the tables their names come from.

The page is ordered by the names of each role's organization and group, so every role of the person is read with
those names before the page is cut. Joined as tables, PostgreSQL read the 2,000 roles of a company's administrator
against every organization and every group (hashed: 16 ms a page at scale 1, docs/performance.md); looked up one by
one (a LATERAL subquery each, `roles.queries._name_of`) and joined whole only for the page's rows, 8 ms.

The plans are asked as the app runs them (a prepared statement; custom plans, and the generic plan PostgreSQL may keep
for every later run), with the real planner's choices (sequential scans allowed) over a company of 2,000
organizations and groups, analyzed: the first page, a later page of a search, and the counts.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.enums import RoleStatus
from iacs.domain.roles import queries
from tests.api.people import Person
from tests.api.test_query_counts_scale import billing_world
from tests.conftest import START
from tests.db.test_queue_plan import _plan

NAMED_BY = ("organizations", "user_groups")


async def _administrator(factory: async_sessionmaker[AsyncSession]) -> uuid.UUID:
    """The administrator of a company serving 2,000 organizations: 2,001 roles."""
    pk = uuid.uuid4()
    async with factory() as db:
        await db.execute(
            text(
                """INSERT INTO users (id, user_id, email, name, community, password_hash, status, email_verified_at,
                                      terms_accepted_at)
                   VALUES (:pk, :user_id, :email, 'Plan Admin', 'PROVIDER_SUPPLIER', 'x', 'ACTIVE', :start, :start)"""
            ),
            {"pk": pk, "user_id": pk.hex[:10].upper(), "email": f"{pk.hex}@example.org", "start": START},
        )
        await db.commit()
    await billing_world(factory, cast(Person, SimpleNamespace(pk=pk)), served=2000, others=0)
    async with factory() as db:
        for table in ("role_assignments", "organizations", "user_groups", "surrogate_companies", "users"):
            await db.execute(text(f"ANALYZE {table}"))
        await db.commit()
    return pk


def _whole_reads(nodes: list[dict[str, Any]]) -> list[str]:
    """Reads of the tables the page takes names from that read them whole: sequential scans, and indexes read
    without a condition."""
    return [
        f"{n['Node Type']} {n.get('Relation Name', n.get('Index Name'))}"
        for n in nodes
        if n.get("Relation Name") in NAMED_BY
        and (n["Node Type"] == "Seq Scan" or ("Index Name" in n and "Index Cond" not in n))
    ]


FLAGS = {"organization": False, "kinds": False}
CURSOR = {
    "after_unscoped": 0,
    "after_scope": "Client 00100",
    "after_group": "",
    "after_granted_at": START,
    "after_id": uuid.UUID(int=0),
}
# Each statement of the page that reads names, and what it is given besides the person.
STATEMENTS: dict[str, tuple[Callable[[], Select[Any]], dict[str, Any]]] = {
    "the first page": (
        lambda: queries._role_page_statement(after=False, search=False, **FLAGS),
        {"limit": 51},
    ),
    "a later page of a search": (
        lambda: queries._role_page_statement(after=True, search=True, **FLAGS),
        {"limit": 51, "pattern": "%client%"} | CURSOR,
    ),
    "the count of a search": (
        lambda: queries._role_count_statement(search=True, **FLAGS),
        {"pattern": "%client%"},
    ),
}


async def test_a_page_of_2000_roles_looks_their_names_up_one_by_one(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # one world for every plan (`billing_world` names its rows by a counter of the session: a few worlds at most)
    administrator = await _administrator(session_factory)
    async with session_factory() as db:
        (held,) = (
            await db.execute(
                text("SELECT count(*) FROM role_assignments WHERE user_id = :pk AND status = :active"),
                {"pk": administrator, "active": RoleStatus.ACTIVE.value},
            )
        ).one()
        assert held == 2001
        for mode in ("force_custom_plan", "force_generic_plan"):
            for name, (statement, values) in STATEMENTS.items():
                nodes = await _plan(
                    db, statement(), {"user_id": administrator} | values, mode, discourage_seqscan=False
                )
                looked_up = [n for n in nodes if n.get("Relation Name") in NAMED_BY]
                assert looked_up, f"{name}, {mode}: the plan reads neither organizations nor groups"
                assert _whole_reads(nodes) == [], f"{name}, {mode}"
            # without a search, the count reads the roles alone
            count = queries._role_count_statement(search=False, **FLAGS)
            nodes = await _plan(db, count, {"user_id": administrator}, mode, discourage_seqscan=False)
            assert [n["Relation Name"] for n in nodes if "Relation Name" in n] == ["role_assignments"], mode
