"""R44 across faults: webhook delivery under load through a database crash and an app kill -9.

A receiver on 127.0.0.1 (tests/receiver.py) takes every delivery; an endpoint for every event is registered
before the server starts. After the fault and the load, the outbox drains and the test asserts:
- every change that is an event (its audit row, written in the same transaction) has exactly one event in the
  outbox, and every event of the outbox reached the receiver: 0 events lost;
- every duplicate carries the id of an event already delivered, with the same body, and every signature
  verifies (a duplicate is expected only for a crash between sending and recording the answer).
Run with `make test-faults` (the suite's own PostgreSQL; -s shows the figures).
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections import Counter
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from iacs.domain.webhooks.delivery import LEASE
from iacs.domain.webhooks.service import EVENT_OF_ACTION
from tests.faults.conftest import Stack
from tests.faults.test_faults import WARM_UP, Run, assert_ack_invariants, report, with_run
from tests.receiver import Receiver, receiving, verify

KEY = base64.b64encode(b"fault-suite-signing-key-32-bytes").decode()
SECRET = f"whsec_{KEY}"
DRAIN_LIMIT = LEASE.total_seconds() + 60  # a delivery sent but not recorded is sent again when its lease ends
EVENT_ACTIONS = sorted(EVENT_OF_ACTION)


async def _scalar(url: str, sql: str, **params: Any) -> Any:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return (await conn.execute(text(sql), params)).scalar()
    finally:
        await engine.dispose()


async def register_endpoint(stack: Stack, receiver: Receiver) -> int:
    """An endpoint for every event, as createWebhook would leave it; the audit id from which events count."""
    engine = create_async_engine(stack.database_url, poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO webhooks (url, secret, events, active, created_at, created_by_id) "
                    "SELECT :url, :key, ARRAY['REQUEST_SUBMITTED', 'REQUEST_DECIDED', 'REQUEST_EXPIRED', "
                    "'REQUEST_ESCALATED', 'ROLE_GRANTED', 'ROLE_ENDED', 'ROLE_SUSPENDED', 'ROLE_RESTORED'], "
                    "true, now(), id FROM users LIMIT 1"
                ),
                {"url": receiver.url, "key": KEY},
            )
            return int((await conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_events"))).scalar() or 0)
    finally:
        await engine.dispose()


async def drained(stack: Stack) -> float:
    """Seconds until no delivery waits (every one delivered); fails after DRAIN_LIMIT."""
    started = time.monotonic()
    while time.monotonic() - started < DRAIN_LIMIT:
        waiting = await _scalar(
            stack.database_url,
            "SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL AND given_up_at IS NULL",
        )
        if waiting == 0:
            return time.monotonic() - started
        await asyncio.sleep(1)
    raise AssertionError(f"{waiting} deliveries still waiting after {DRAIN_LIMIT:.0f} s")


async def judge(stack: Stack, receiver: Receiver, audit_from: int, title: str, lines: list[str]) -> None:
    events_changed = await _scalar(
        stack.database_url,
        "SELECT count(*) FROM audit_events WHERE id > :after AND (action = ANY(:actions) "
        "OR (action = 'ROLE_CERTIFIED' AND details->>'restored' = 'true'))",
        after=audit_from,
        actions=EVENT_ACTIONS,
    )
    outbox = await _scalar(stack.database_url, "SELECT count(*) FROM webhook_deliveries")
    outbox_ids = await _scalar(
        stack.database_url, "SELECT coalesce(array_agg(event_id::text), '{}') FROM webhook_deliveries"
    )
    with receiver.lock:
        received = list(receiver.received)
    ids = Counter(r.headers["webhook-id"] for r in received)
    bodies: dict[str, set[bytes]] = {}
    for r in received:
        bodies.setdefault(r.headers["webhook-id"], set()).add(r.body)
    lost = set(outbox_ids) - set(ids)
    unknown = set(ids) - set(outbox_ids)
    duplicates = {i: n for i, n in ids.items() if n > 1}
    report(
        title,
        [
            *lines,
            f"changes that are events (audit rows): {events_changed}; events in the outbox: {outbox}; "
            f"received: {len(received)} messages, {len(ids)} distinct ids",
            f"lost: {len(lost)}; unknown ids: {len(unknown)}; duplicates: {sum(duplicates.values()) - len(duplicates)} "
            f"extra messages of {len(duplicates)} events",
        ],
    )
    assert events_changed > 0
    assert outbox == events_changed  # each change's event in the outbox of its own transaction
    assert lost == set()  # 0 events lost
    assert unknown == set()  # every id received is an event's
    assert all(len(b) == 1 for b in bodies.values())  # a duplicate is the same event: same id, same body
    assert all(r.headers["webhook-id"] == r.json["id"] for r in received)
    assert all(verify(SECRET, r) for r in received)


async def test_webhooks_across_a_database_crash(stack: Stack) -> None:
    """PostgreSQL stopped (-m immediate) under load and restarted 5 s later: every event delivered."""
    with receiving() as receiver:
        audit_from = await register_endpoint(stack, receiver)
        server = stack.server()
        server.start()
        moments: dict[str, float] = {}

        async def scenario(run: Run) -> None:
            await asyncio.sleep(WARM_UP)
            moments["crash"] = run.clock.now()
            await asyncio.to_thread(stack.cluster.crash)
            await asyncio.sleep(5)
            await asyncio.to_thread(stack.cluster.restart)
            await asyncio.sleep(10)

        run, verdict = await with_run(stack, server, scenario)
        assert_ack_invariants(run, verdict)
        took = await drained(stack)
        await judge(
            stack,
            receiver,
            audit_from,
            "Webhooks across a database crash (pg_ctl stop -m immediate, restart after 5 s)",
            [f"crash at {moments['crash']:.1f} s; outbox drained {took:.1f} s after the load ended"],
        )


async def test_webhooks_across_an_app_kill_9(stack: Stack) -> None:
    """`kill -9` of iacs serve under load, started again 2 s later: every event delivered, duplicates by id."""
    with receiving() as receiver:
        audit_from = await register_endpoint(stack, receiver)
        server = stack.server()
        server.start()
        moments: dict[str, float] = {}

        async def scenario(run: Run) -> None:
            await asyncio.sleep(WARM_UP)
            moments["kill"] = run.clock.now()
            await asyncio.to_thread(server.kill9)
            await asyncio.sleep(2)
            server.spawn()
            await asyncio.to_thread(server.wait_ready)
            await asyncio.sleep(10)

        run, verdict = await with_run(stack, server, scenario)
        assert_ack_invariants(run, verdict)
        took = await drained(stack)
        await judge(
            stack,
            receiver,
            audit_from,
            "Webhooks across an app crash (kill -9 of iacs serve, started again after 2 s)",
            [f"killed at {moments['kill']:.1f} s; outbox drained {took:.1f} s after the load ended"],
        )
