"""A page of "My roles" reads only the person's roles whole, whatever the size of the tables their names come from.

The page is ordered by the names of each role's organization and group, so every role of the person is read with
those names before the page is cut. Joined as tables, PostgreSQL read the 2,000 roles of a company's administrator
against every organization and every group (hashed: 16 ms a page at scale 1, docs/performance.md); looked up one by
one (a LATERAL subquery each, `roles.queries._name_of`) and joined whole only for the page's rows, 8 ms.

The plan is asked as the app runs it (a prepared statement, custom and generic plans), with the real planner's
choices (sequential scans allowed) over a company of 2,000 organizations and groups, analyzed.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sqlalchemy import text
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


@pytest.mark.parametrize("mode", ["force_custom_plan", "force_generic_plan"])
async def test_a_page_of_2000_roles_looks_their_names_up_one_by_one(
    session_factory: async_sessionmaker[AsyncSession], mode: str
) -> None:
    administrator = await _administrator(session_factory)
    statement = queries._role_page_statement(after=False, search=False, organization=False, kinds=False)
    values = {"user_id": administrator, "limit": 51}
    async with session_factory() as db:
        (held,) = (
            await db.execute(
                text("SELECT count(*) FROM role_assignments WHERE user_id = :pk AND status = :active"),
                {"pk": administrator, "active": RoleStatus.ACTIVE.value},
            )
        ).one()
        assert held == 2001
        nodes = await _plan(db, statement, values, mode, discourage_seqscan=False)
    looked_up = [n for n in nodes if n.get("Relation Name") in NAMED_BY]
    assert looked_up, "the plan reads neither organizations nor groups"
    assert _whole_reads(nodes) == []
