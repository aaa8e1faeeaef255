"""Sending webhook deliveries (R44): outside every request, claimed, signed, retried with back-off for 24 hours.

At least once: a delivery is claimed by moving its next attempt a lease ahead (so several processes can send,
and a process killed while sending leaves it to be sent again when the lease ends), sent outside any
transaction, then recorded. A crash between sending and recording sends the same event again: the same
`webhook-id`, the same body, by which the receiver de-duplicates. A dead or slow receiver costs the sender
at most TIMEOUT per attempt and never touches a request: events only wait in the outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.background import DatabaseLoop
from iacs.domain.clock import Clock
from iacs.domain.webhooks import addresses, signing
from iacs.domain.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery

logger = logging.getLogger(__name__)

TIMEOUT = 5.0  # seconds for one attempt: connect, send, read the status line
LEASE = timedelta(seconds=60)  # a claimed delivery is someone's for this long (well above TIMEOUT)
RETRY_FOR = timedelta(hours=24)
BATCH_SIZE = 50
PARALLEL = 10
MAX_STATUS_LINE = 1024
USER_AGENT = "IACS-Webhooks/1"


def backoff(attempts: int) -> timedelta:
    """After the n-th failed attempt: 5 s, 20 s, 80 s, ~5 min, ~21 min, ~85 min, then every 4 hours."""
    return timedelta(seconds=min(4 * 3600, 5 * 4 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Claimed:
    id: uuid.UUID
    event_id: uuid.UUID
    body: str
    created_at: datetime
    attempts: int
    url: str
    secret: str


@dataclass(frozen=True)
class Outcome:
    status: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


async def _post(target: addresses.Target, address: str, headers: dict[str, str], body: bytes) -> int:
    context = ssl.create_default_context() if target.scheme == "https" else None
    reader, writer = await asyncio.open_connection(
        address,
        target.port,
        ssl=context,
        server_hostname=target.host if context is not None else None,
        limit=MAX_STATUS_LINE * 4,
    )
    try:
        head = [
            f"POST {target.path} HTTP/1.1",
            f"Host: {target.host_header}",
            f"User-Agent: {USER_AGENT}",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
            "Connection: close",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body)
        await writer.drain()
        line = await reader.readline()
        parts = line.decode("latin-1").split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise ValueError("the receiver did not answer in HTTP")
        return int(parts[1])
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(writer.wait_closed(), timeout=1)


async def attempt(claimed: Claimed, *, timestamp: int, allow_local: bool, seconds: float = TIMEOUT) -> Outcome:
    """One POST of the event, signed; never raises (every failure is an outcome to log)."""
    started = time.monotonic()
    status: int | None = None
    error: str | None = None
    body = claimed.body.encode()
    try:
        target = addresses.parse(claimed.url, allow_local=allow_local)
        address = await asyncio.wait_for(addresses.resolve(target, allow_local=allow_local), timeout=seconds)
        headers = signing.headers(claimed.secret, str(claimed.event_id), timestamp, body)
        status = await asyncio.wait_for(_post(target, str(address), headers, body), timeout=seconds)
        if not 200 <= status < 300:
            error = f"The receiver answered HTTP {status}."
    except addresses.AddressRefused as exc:
        error = str(exc)
    except TimeoutError:
        error = f"No answer within {seconds:g} s."
    except ssl.SSLError as exc:
        error = f"TLS failed: {exc.reason or exc}"
    except (OSError, ValueError, UnicodeError) as exc:
        error = f"Could not deliver: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}"
    return Outcome(status, error[:500] if error else None, int((time.monotonic() - started) * 1000))


async def claim(db: AsyncSession, now: datetime, limit: int = BATCH_SIZE) -> list[Claimed]:
    """Due deliveries of active endpoints, each moved a lease ahead; SKIP LOCKED so processes share the work."""
    due = (
        select(WebhookDelivery.id)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(
            Webhook.active,
            WebhookDelivery.delivered_at.is_(None),
            WebhookDelivery.given_up_at.is_(None),
            WebhookDelivery.next_attempt_at <= now,
        )
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(limit)
        .with_for_update(of=WebhookDelivery, skip_locked=True)
    )
    rows = await db.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id.in_(due.scalar_subquery()), WebhookDelivery.webhook_id == Webhook.id)
        .values(next_attempt_at=now + LEASE)
        .returning(
            WebhookDelivery.id,
            WebhookDelivery.event_id,
            WebhookDelivery.body,
            WebhookDelivery.created_at,
            WebhookDelivery.attempts,
            Webhook.url,
            Webhook.secret,
        )
        .execution_options(synchronize_session=False)
    )
    return [Claimed(*row) for row in rows]


async def record(db: AsyncSession, claimed: Claimed, outcome: Outcome, now: datetime) -> None:
    """The attempt in the log, and what comes next: done, another try after the back-off, or given up."""
    attempts = claimed.attempts + 1
    await db.execute(
        insert(WebhookAttempt).values(
            delivery_id=claimed.id,
            attempted_at=now,
            status_code=outcome.status,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
    )
    values: dict[str, object] = {"attempts": attempts, "last_status": outcome.status, "last_error": outcome.error}
    if outcome.delivered:
        values["delivered_at"] = now
    else:
        give_up_at = claimed.created_at + RETRY_FOR
        if now >= give_up_at:
            values["given_up_at"] = now
        else:
            values["next_attempt_at"] = min(now + backoff(attempts), give_up_at)
    await db.execute(update(WebhookDelivery).where(WebhookDelivery.id == claimed.id).values(**values))


async def deliver_due(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, *, allow_local: bool, seconds: float = TIMEOUT
) -> int:
    """Send what is due (in parallel, PARALLEL at a time); the number delivered."""
    async with session_factory() as db, db.begin():
        batch = await claim(db, clock.now())
    if not batch:
        return 0
    gate = asyncio.Semaphore(PARALLEL)
    recording = asyncio.Lock()  # one short transaction at a time (the tests' sessions share one connection)

    async def one(claimed: Claimed) -> bool:
        async with gate:
            outcome = await attempt(
                claimed, timestamp=int(clock.now().timestamp()), allow_local=allow_local, seconds=seconds
            )
        if not outcome.delivered:
            logger.warning("webhook %s to %s failed: %s", claimed.event_id, claimed.url, outcome.error)
        async with recording, session_factory() as db, db.begin():
            await record(db, claimed, outcome, clock.now())
        return outcome.delivered

    return sum(await asyncio.gather(*(one(c) for c in batch)))


class WebhookSender(DatabaseLoop):
    """Background delivery in the server process, beside the mail outbox: woken after commits, else every few s."""

    task_name = "iacs-webhooks"
    logger = logger
    failure_message = "webhook delivery failed; retrying"

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        *,
        allow_local: bool,
        interval: float = 5.0,
    ) -> None:
        super().__init__(session_factory, clock, interval)
        self.allow_local = allow_local

    async def step(self) -> None:
        while await deliver_due(self.session_factory, self.clock, allow_local=self.allow_local) > 0:
            pass
