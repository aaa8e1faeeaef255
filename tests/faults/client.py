"""The load client with an acknowledgement log, and its check against the database.

Every write the client sends is an *intent* (submit: a requester asks to join a group; decide: an approver
approves one pending request). Each HTTP attempt is logged with its outcome:
- ack          the write was acknowledged (the answer names the request);
- refused      a definitive answer with a code (DUPLICATE_REQUEST, ALREADY_DECIDED, ...);
- unavailable  HTTP 503 + Retry-After + SERVICE_UNAVAILABLE: clean and retryable;
- connect      the connection was refused (the server is down): nothing was sent, retryable;
- dropped      the connection broke mid-request: the outcome is unknown, retryable;
- timeout      no answer within the client's limit (a hang);
- bad          anything else: a 500, "Internal error.", an unexpected shape (a bug).
An intent is retried after clean failures until it gets a definitive answer. Afterwards `verify` compares
the log with the database: 0 acknowledged writes lost, 0 duplicated.
"""

from __future__ import annotations

import asyncio
import functools
import json
import math
import random
import ssl
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from iacs.domain.audit.models import AuditEvent
from iacs.domain.enums import RequestKind
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment
from iacs.graphql.ids import from_global_id, to_global_id
from tests.faults.world import SEARCHES, World

SESSION_COOKIE = "iacs_session"
CLIENT_TIMEOUT = 30.0  # seconds: far above every bar, so that a hang is measured rather than cut short

SUBMIT = """mutation($g: ID!) { requestUserGroupMembership(input: {userGroupId: $g}) {
  request { id status } errors { code field } } }"""
APPROVE = """mutation($id: ID!) { approveRequest(input: {requestId: $id}) {
  request { id status } errors { code field } } }"""
READ_ROLES = "query { viewer { id name roles { id role status organization { legalBusinessName } } } }"
READ_QUEUE = """query($first: Int = 20) { approvalQueue(first: $first) { totalCount
  edges { node { id trackingNumber kind createdAt requester { name } userGroup { name } } } } }"""
READ_ORGS = """query($s: String) { organizations(search: $s, first: 20) { totalCount
  edges { node { id legalBusinessName city npi } } } }"""

OK, ACK, REFUSED = "ok", "ack", "refused"
UNAVAILABLE, CONNECT, DROPPED, TIMEOUT, BAD = "unavailable", "connect", "dropped", "timeout", "bad"
CLEAN_FAILURES = frozenset({UNAVAILABLE, CONNECT, DROPPED})
DEFINITIVE = frozenset({ACK, REFUSED})


@dataclass
class Attempt:
    op: str
    started: float  # seconds since the run's t0
    elapsed: float
    outcome: str
    status: int | None = None
    code: str | None = None
    ack_id: str | None = None
    detail: str | None = None
    intent: int | None = None

    @property
    def ended(self) -> float:
        return self.started + self.elapsed


def _classify(  # noqa: PLR0911 - one return per kind of answer reads best
    op: str, response: httpx.Response, field_name: str | None
) -> tuple[str, str | None, str | None, str]:
    """(outcome, code, acknowledged id, detail) of one answer."""
    try:
        body: dict[str, Any] = response.json()
    except ValueError:
        return BAD, None, None, f"HTTP {response.status_code}, not JSON: {response.text[:200]!r}"
    errors = body.get("errors") or []
    if errors:
        codes = {str((e.get("extensions") or {}).get("code")) for e in errors}
        message = " | ".join(dict.fromkeys(str(e.get("message")) for e in errors))
        if response.status_code == 503 and codes == {"SERVICE_UNAVAILABLE"} and response.headers.get("retry-after"):
            return UNAVAILABLE, "SERVICE_UNAVAILABLE", None, message
        return BAD, ",".join(sorted(codes)), None, f"HTTP {response.status_code}: {message[:300]}"
    if response.status_code != 200:
        return BAD, None, None, f"HTTP {response.status_code} without errors"
    data = body.get("data") or {}
    if field_name is None:
        return (OK, None, None, "") if data else (BAD, None, None, "no data")
    payload = data.get(field_name)
    if not isinstance(payload, dict):
        return BAD, None, None, f"no payload: {str(body)[:200]}"
    user_errors = payload.get("errors") or []
    if user_errors:
        return REFUSED, ",".join(str(e.get("code")) for e in user_errors), None, ""
    if "request" not in payload:  # signIn and the like: no errors is the acknowledgement
        return ACK, None, None, ""
    request = payload.get("request") or {}
    if not request.get("id"):
        return BAD, None, None, f"no request in an answer without errors: {str(payload)[:200]}"
    return ACK, None, str(request["id"]), str(request.get("status"))


class Clock:
    def __init__(self) -> None:
        self.t0 = time.monotonic()

    def now(self) -> float:
        return time.monotonic() - self.t0


async def graphql(
    client: httpx.AsyncClient,
    clock: Clock,
    op: str,
    query: str,
    variables: dict[str, Any] | None = None,
    field_name: str | None = None,
) -> Attempt:
    started = clock.now()
    t = time.monotonic()
    try:
        response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    except httpx.ConnectError as exc:
        return Attempt(op, started, time.monotonic() - t, CONNECT, detail=type(exc).__name__)
    except httpx.TimeoutException as exc:
        return Attempt(op, started, time.monotonic() - t, TIMEOUT, detail=type(exc).__name__)
    except httpx.TransportError as exc:  # reset, EOF, protocol error mid-request
        return Attempt(op, started, time.monotonic() - t, DROPPED, detail=f"{type(exc).__name__}: {exc}"[:200])
    elapsed = time.monotonic() - t
    outcome, code, ack_id, detail = _classify(op, response, field_name)
    return Attempt(op, started, elapsed, outcome, response.status_code, code, ack_id, detail)


async def healthz(client: httpx.AsyncClient, clock: Clock) -> Attempt:
    started = clock.now()
    t = time.monotonic()
    try:
        response = await client.get("/healthz")
    except httpx.TimeoutException as exc:
        return Attempt("healthz", started, time.monotonic() - t, TIMEOUT, detail=type(exc).__name__)
    except httpx.TransportError as exc:
        return Attempt("healthz", started, time.monotonic() - t, CONNECT, detail=type(exc).__name__)
    elapsed = time.monotonic() - t
    outcome = OK if response.status_code == 200 else UNAVAILABLE if response.status_code == 503 else BAD
    return Attempt("healthz", started, elapsed, outcome, response.status_code, detail=response.text[:100])


@dataclass
class Intent:
    id: int
    kind: str  # "submit" | "decide"
    persona: int  # index of the requester (submit) or approver (decide)
    target: str  # the group id (submit) or the request id (decide), UUID strings
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def acked(self) -> Attempt | None:
        return next((a for a in self.attempts if a.outcome == ACK), None)

    @property
    def resolved(self) -> bool:
        return any(a.outcome in DEFINITIVE for a in self.attempts)

    @property
    def ambiguous(self) -> bool:
        """A clean failure whose write may still have committed (dropped, timed out or 503 at commit)."""
        return any(a.outcome in {DROPPED, TIMEOUT, UNAVAILABLE} for a in self.attempts)


@functools.cache
def _tls() -> ssl.SSLContext:
    """One context for every client: making one per client costs ~20 ms (and http:// never uses it)."""
    return ssl.create_default_context()


def new_client(base_url: str, token: str | None = None, timeout: float = CLIENT_TIMEOUT) -> httpx.AsyncClient:
    """A client of one person (their session cookie, or none yet: signIn sets it)."""
    return httpx.AsyncClient(
        base_url=base_url,
        verify=_tls(),
        cookies={SESSION_COOKIE: token} if token else None,
        timeout=httpx.Timeout(timeout, connect=5.0),
        # below uvicorn's 5 s keep-alive: never reuse a connection the server is closing (a benign race)
        limits=httpx.Limits(max_connections=8, max_keepalive_connections=4, keepalive_expiry=2.0),
    )


class Personas:
    """One HTTP client (cookie jar) per person of the world, made on first use."""

    def __init__(self, world: World, base_url: str) -> None:
        self.world = world
        self.base_url = base_url
        self._clients: dict[tuple[str, int], httpx.AsyncClient] = {}

    def requester(self, index: int) -> httpx.AsyncClient:
        return self._client("r", index, self.world.requesters[index].token)

    def approver(self, index: int) -> httpx.AsyncClient:
        return self._client("a", index, self.world.approvers[index].token)

    def _client(self, kind: str, index: int, token: str) -> httpx.AsyncClient:
        key = (kind, index)
        if key not in self._clients:
            self._clients[key] = new_client(self.base_url, token)
        return self._clients[key]

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()


class AckLog:
    """Every attempt of every operation, written out as JSON lines for the record."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.attempts: list[Attempt] = []
        self.intents: list[Intent] = []

    def add(self, attempt: Attempt) -> Attempt:
        self.attempts.append(attempt)
        return attempt

    def write(self, path: Path) -> None:
        with path.open("w") as out:
            for attempt in self.attempts:
                out.write(json.dumps(asdict(attempt)) + "\n")

    def outcomes(self, ops: set[str] | None = None) -> Counter[str]:
        return Counter(a.outcome for a in self.attempts if ops is None or a.op in ops)

    def bad(self) -> list[Attempt]:
        return [a for a in self.attempts if a.outcome == BAD]

    def slowest(self, ops: set[str] | None = None) -> float:
        return max((a.elapsed for a in self.attempts if ops is None or a.op in ops), default=0.0)

    def first_success_after(self, moment: float, ops: set[str] | None = None) -> float | None:
        """Seconds from `moment` to the end of the first successful answer to a request sent after it."""
        ends = [
            a.ended
            for a in self.attempts
            if a.started >= moment and a.outcome in {OK, ACK, REFUSED} and (ops is None or a.op in ops)
        ]
        return min(ends) - moment if ends else None


WRITE_OPS = {"submit", "decide"}
READ_OPS = {"roles", "queue", "orgs"}


class Load:
    """Workers sending a mix of reads and writes; writes are intents, retried until definitive."""

    def __init__(
        self,
        world: World,
        personas: Personas,
        log: AckLog,
        *,
        workers: int = 12,
        weights: tuple[float, float, float] = (0.4, 0.4, 0.2),  # reads, submissions, decisions
        pause: float = 0.05,
        retry_pause: float = 0.3,
        seed: int = 5,
    ) -> None:
        self.world = world
        self.personas = personas
        self.log = log
        self.workers = workers
        self.weights = weights
        self.pause = pause
        self.retry_pause = retry_pause
        self.random = random.Random(seed)
        pairs = world.free_pairs()
        self.random.shuffle(pairs)
        self.submissions = iter(pairs)
        decisions = list(world.pending)
        self.random.shuffle(decisions)
        self.decisions = iter(decisions)
        self.stop_new = asyncio.Event()
        self.deadline = math.inf  # after it, a write still failing is left unresolved (see finish)
        self.next_intent = 0

    def new_intent(self, kind: str) -> Intent | None:
        if kind == "submit":
            pair = next(self.submissions, None)
            if pair is None:
                return None
            intent = Intent(self.next_intent, "submit", pair[0], self.world.groups[pair[1]])
        else:
            pending = next(self.decisions, None)
            if pending is None:
                return None
            intent = Intent(self.next_intent, "decide", pending[1], pending[0])
        self.next_intent += 1
        self.log.intents.append(intent)
        return intent

    async def attempt(self, intent: Intent) -> Attempt:
        if intent.kind == "submit":
            client = self.personas.requester(intent.persona)
            group = to_global_id("UserGroup", uuid.UUID(intent.target))
            result = await graphql(client, self.log.clock, "submit", SUBMIT, {"g": group}, "requestUserGroupMembership")
        else:
            client = self.personas.approver(intent.persona)
            request = to_global_id("AccessRequest", uuid.UUID(intent.target))
            result = await graphql(client, self.log.clock, "decide", APPROVE, {"id": request}, "approveRequest")
        result.intent = intent.id
        intent.attempts.append(result)
        return self.log.add(result)

    async def write(self, intent: Intent) -> None:
        """Retry after clean failures until a definitive answer (or the deadline: left unresolved)."""
        while True:
            result = await self.attempt(intent)
            if result.outcome in DEFINITIVE or self.log.clock.now() >= self.deadline:
                return
            await asyncio.sleep(self.retry_pause)

    async def read(self) -> Attempt:
        choice = self.random.randrange(3)
        if choice == 0:
            client = self.personas.requester(self.random.randrange(len(self.world.requesters)))
            result = await graphql(client, self.log.clock, "roles", READ_ROLES)
        elif choice == 1:
            client = self.personas.approver(self.random.randrange(len(self.world.approvers)))
            result = await graphql(client, self.log.clock, "queue", READ_QUEUE)
        else:
            client = self.personas.requester(self.random.randrange(len(self.world.requesters)))
            search = self.random.choice(SEARCHES)
            result = await graphql(client, self.log.clock, "orgs", READ_ORGS, {"s": search})
        return self.log.add(result)

    async def worker(self) -> None:
        while not self.stop_new.is_set():
            roll = self.random.random()
            if roll < self.weights[0]:
                await self.read()
            else:
                intent = self.new_intent("submit" if roll < self.weights[0] + self.weights[1] else "decide")
                if intent is not None:
                    await self.write(intent)
            await asyncio.sleep(self.pause)

    async def run(self) -> None:
        """Work until `stop_new` is set, then finish the writes in progress (see `finish`)."""
        await asyncio.gather(*(self.worker() for _ in range(self.workers)))

    def finish(self, grace: float = 40.0) -> None:
        """No new work; writes in progress keep retrying for at most `grace` seconds more."""
        self.deadline = self.log.clock.now() + grace
        self.stop_new.set()


async def probe(
    call: Callable[[], Any],
    stop: asyncio.Event,
    every: float,
) -> None:
    """Call `call` every `every` seconds (without overlapping itself) until `stop` is set."""
    while not stop.is_set():
        started = time.monotonic()
        await call()
        await asyncio.sleep(max(0.0, every - (time.monotonic() - started)))


@dataclass
class Verdict:
    intents: int = 0
    acknowledged: int = 0
    refused: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    unresolved: int = 0
    retried: int = 0  # intents that needed more than one attempt
    committed_unacknowledged: int = 0  # a failed attempt had committed: its retry was told so (or none came)
    by_kind: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        return [
            f"intents {self.intents} ({dict(self.by_kind)}): acknowledged {self.acknowledged}, "
            f"refused with a code {self.refused}, unresolved {self.unresolved}",
            f"acknowledged writes lost: {len(self.lost)}; duplicated: {len(self.duplicated)}; "
            f"intents retried after a clean failure: {self.retried}, of which the failed attempt had in fact "
            f"committed (the retry was told DUPLICATE_REQUEST / ALREADY_DECIDED): {self.committed_unacknowledged}",
        ]


def _request_uuid(global_id: str) -> uuid.UUID | None:
    decoded = from_global_id(global_id, "AccessRequest")
    return decoded[1] if decoded else None


async def verify(database_url: str, world: World, intents: list[Intent]) -> Verdict:
    """Compare the acknowledgement log with the database."""
    verdict = Verdict(intents=len(intents))
    engine = create_async_engine(database_url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            joins = (
                await conn.execute(
                    select(AccessRequest.requester_id, AccessRequest.user_group_id, AccessRequest.id).where(
                        AccessRequest.kind == RequestKind.JOIN_USER_GROUP
                    )
                )
            ).all()
            decided = {
                row.id: row
                for row in (
                    await conn.execute(
                        select(AccessRequest.id, AccessRequest.status, AccessRequest.decided_by_id).where(
                            AccessRequest.kind == RequestKind.JOIN_USER_GROUP
                        )
                    )
                ).all()
            }
            grants = dict(
                (
                    await conn.execute(
                        select(RoleAssignment.request_id, func.count())
                        .where(RoleAssignment.request_id.is_not(None))
                        .group_by(RoleAssignment.request_id)
                    )
                ).all()
            )
            audit = {
                (request_id, action): count
                for request_id, action, count in (
                    await conn.execute(
                        select(AuditEvent.request_id, AuditEvent.action, func.count())
                        .where(AuditEvent.action.in_(["REQUEST_SUBMITTED", "REQUEST_APPROVED"]))
                        .group_by(AuditEvent.request_id, AuditEvent.action)
                    )
                ).all()
            }
    finally:
        await engine.dispose()
    by_pair: dict[tuple[str, str], list[uuid.UUID]] = {}
    for requester, group, request_id in joins:
        by_pair.setdefault((str(requester), str(group)), []).append(request_id)

    for intent in intents:
        verdict.by_kind[intent.kind] += 1
        verdict.retried += len(intent.attempts) > 1
        acked = intent.acked
        if acked is not None:
            verdict.acknowledged += 1
        elif intent.resolved:
            verdict.refused += 1
        else:
            verdict.unresolved += 1
        if intent.kind == "submit":
            pk = str(uuid.UUID(intent.target))
            rows = by_pair.get((world.requesters[intent.persona].pk, pk), [])
            if len(rows) > 1 or any(audit.get((r, "REQUEST_SUBMITTED"), 0) > 1 for r in rows):
                verdict.duplicated.append(f"submit {intent.id}: {len(rows)} requests {rows}")
            if acked is not None and (len(rows) != 1 or rows[0] != _request_uuid(acked.ack_id or "")):
                verdict.lost.append(f"submit {intent.id}: acknowledged {acked.ack_id}, database has {rows}")
            if rows and acked is None:
                verdict.committed_unacknowledged += 1
        else:
            request_id = uuid.UUID(intent.target)
            approver = uuid.UUID(world.approvers[intent.persona].pk)
            row = decided.get(request_id)
            n_grants = grants.get(request_id, 0)
            n_audit = audit.get((request_id, "REQUEST_APPROVED"), 0)
            if n_grants > 1 or n_audit > 1:
                verdict.duplicated.append(f"decide {intent.id}: {n_grants} grants, {n_audit} approval events")
            committed = row is not None and row.decided_by_id == approver
            if acked is not None and not (
                committed and row is not None and str(row.status) == "APPROVED" and n_grants == 1 and n_audit == 1
            ):
                verdict.lost.append(
                    f"decide {intent.id}: acknowledged, database has {row} with {n_grants} grants, {n_audit} events"
                )
            if committed and acked is None:
                verdict.committed_unacknowledged += 1
    return verdict
