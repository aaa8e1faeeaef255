"""A sick database is answered as "briefly unavailable, retry" (HTTP 503, Retry-After), never as a crash.

docs/reliability.md: errors during a database outage, a hang or pool exhaustion are clean and retryable, and every
request fails within 16 s while the database hangs. Three parts:
- `DatabaseUnavailable` (a schema extension) turns an error that comes from the database being down, hung or
  out of connections into `SERVICE_UNAVAILABLE` with HTTP 503 and Retry-After; text the database cannot store
  (a NUL, an unpaired surrogate) that reached a statement becomes `BAD_USER_INPUT`;
- `RequestDeadline` (ASGI, around /graphql) answers 503 when a request is not done after `REQUEST_DEADLINE_SECONDS`
  and cleans up after it in the background (the cleanup of a hung connection must not hold the answer);
- `close_quietly` gives a session back within `CLOSE_SECONDS`, dropping its connection when that fails.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable
from typing import Any, TypeVar

import asyncpg
from graphql import GraphQLError
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from iacs.db.engine import failed_in_driver
from iacs.graphql.media import CONTENT_TYPES, JSON, negotiate, request_error_body

logger = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_AFTER_SECONDS = 2
UNAVAILABLE_MESSAGE = "The service is briefly unavailable; try again in a moment."
# A request (all its statements, commit and answer) ends within this many seconds, or is answered 503. Below the
# 16 s hang bar, with margin; above the statements' own limits (db/engine.py: statement 8 s, command 9 s).
REQUEST_DEADLINE_SECONDS = 10.0
CLOSE_SECONDS = 1.0  # giving a session back is one ROLLBACK at most: one round trip
# statement_timeout, lock_timeout, cannot connect now (starting or shutting down), admin shutdown, crash
UNAVAILABLE_SQLSTATES = frozenset({"57014", "55P03", "57P03", "57P01", "57P02", "08000", "08003", "08006", "08001"})
UNSTORABLE_TEXT_SQLSTATE = "22021"  # character_not_in_repertoire: a NUL in text
UNSTORABLE_TEXT_MESSAGE = "A text value contains a character that cannot be stored (a NUL or an unpaired surrogate)."
UNSTORABLE_VALUE_MESSAGE = "A value is beyond what can be stored (a number or a date too large or too small)."


def _chain(error: BaseException | None) -> list[BaseException]:
    """The error and its causes (SQLAlchemy's wrapper, the driver's error, the Python error under it)."""
    seen: list[BaseException] = []
    while error is not None and len(seen) < 10 and error not in seen:
        seen.append(error)
        error = error.__cause__ or getattr(error, "orig", None)
    return seen


def _sqlstate(error: BaseException) -> str | None:
    state = getattr(error, "sqlstate", None) or getattr(getattr(error, "orig", None), "sqlstate", None)
    return state if isinstance(state, str) else None


def is_unstorable_text(error: BaseException | None) -> bool:
    """A string the database cannot take reached a statement: a NUL (PostgreSQL refuses it) or an unpaired
    surrogate (the driver cannot encode it). The input was bad; the database is fine."""
    return any(isinstance(e, UnicodeEncodeError) or _sqlstate(e) == UNSTORABLE_TEXT_SQLSTATE for e in _chain(error))


def is_unstorable_value(error: BaseException | None) -> bool:
    """A value the driver could not encode reached a statement (an integer beyond bigint, a date beyond the
    calendar): the input was bad, the database is fine. Its connection is dropped (db/engine.py); inputs are
    checked before SQL (pagination.py), so this is the net under those checks."""
    chain = _chain(error)
    return failed_in_driver(error) and any(isinstance(e, OverflowError | ValueError | TypeError) for e in chain)


def _means_unavailable(error: BaseException) -> bool:
    if isinstance(error, sa_exc.TimeoutError | TimeoutError | ConnectionError | OSError):
        return True
    if isinstance(error, asyncpg.exceptions.PostgresConnectionError | asyncpg.exceptions.InterfaceError):
        return True
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    # A statement of the same request failed (its connection died or timed out): the session must be rolled back
    # before it can be used again, so the request's other resolvers fail with this one.
    return isinstance(error, sa_exc.PendingRollbackError) or _sqlstate(error) in UNAVAILABLE_SQLSTATES


def is_database_unavailable(error: BaseException | None) -> bool:
    chain = _chain(error)
    if any(isinstance(e, UnicodeEncodeError) for e in chain):
        return False  # asyncpg reports an unencodable argument as an InterfaceError (its DataError): bad input
    return any(_means_unavailable(e) for e in chain)


def unavailable_error(error: GraphQLError | None = None) -> GraphQLError:
    return GraphQLError(
        UNAVAILABLE_MESSAGE,
        nodes=error.nodes if error else None,
        path=error.path if error else None,
        extensions={"code": "SERVICE_UNAVAILABLE", "retryAfterSeconds": RETRY_AFTER_SECONDS},
    )


class DatabaseUnavailable(SchemaExtension):
    """Before masking: database outages become SERVICE_UNAVAILABLE (HTTP 503 + Retry-After), unstorable text
    BAD_USER_INPUT. An answer with any unavailable part is a 503 as a whole (the client retries it whole)."""

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        unavailable = False
        replaced = False
        errors: list[GraphQLError] = []
        for error in result.errors:
            if is_unstorable_text(error.original_error) or is_unstorable_value(error.original_error):
                code = {"code": "BAD_USER_INPUT"}
                text = UNSTORABLE_TEXT_MESSAGE if is_unstorable_text(error.original_error) else UNSTORABLE_VALUE_MESSAGE
                errors.append(GraphQLError(text, error.nodes, path=error.path, extensions=code))
                replaced = True
            elif is_database_unavailable(error.original_error):
                errors.append(unavailable_error(error))
                unavailable = replaced = True
            else:
                errors.append(error)
        if not replaced:
            return
        result.errors = errors
        response = getattr(self.execution_context.context, "response", None)
        if unavailable and isinstance(response, Response):
            response.status_code = 503
            response.headers["retry-after"] = str(RETRY_AFTER_SECONDS)


async def close_quietly(db: AsyncSession) -> None:
    """Give a request's session back to the pool; never raise, never wait on a dead or hung connection.

    The answer is already made when this runs: an error here (the database died or froze after the request's
    last statement) changes nothing in it. The connection is dropped instead (db/engine.py terminates dropped
    connections without a word to the server), and the pool makes a new one when needed.
    """
    try:
        async with asyncio.timeout(CLOSE_SECONDS):
            await db.close()
    except Exception:
        logger.warning("giving the request's database session back failed; its connection is dropped", exc_info=True)
        try:
            async with asyncio.timeout(CLOSE_SECONDS):
                await db.invalidate()
        except Exception:
            logger.warning("dropping the request's database connection failed", exc_info=True)


# Tasks past their deadline, cancelled and finishing their cleanup in the background (referenced until done).
_CLEANUPS: set[asyncio.Future[Any]] = set()


def _let_finish(task: asyncio.Future[Any]) -> None:
    """Cancel `task` and let it clean up (give back a connection that may hang) without anybody waiting for it."""
    task.cancel()
    _CLEANUPS.add(task)
    task.add_done_callback(_cleaned_up)


def _cleaned_up(task: asyncio.Future[Any]) -> None:
    _CLEANUPS.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.warning("work past its deadline failed while cleaning up", exc_info=task.exception())


async def finishes_within(seconds: float, work: Awaitable[T]) -> T:
    """The result of `work`, or TimeoutError after `seconds` without waiting for its cleanup (unlike
    `asyncio.timeout`, which waits until the cancelled work has unwound, a hung connection's close included)."""
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=seconds)
    except asyncio.CancelledError:
        task.cancel()
        raise
    if not done:
        _let_finish(task)
        raise TimeoutError(f"not done after {seconds} s")
    return task.result()


def _unavailable_body(media_type: str) -> bytes:
    return request_error_body(media_type, [unavailable_error().formatted])


def _accept(scope: Scope) -> str | None:
    return next((value.decode("latin-1") for name, value in scope["headers"] if name == b"accept"), None)


class RequestDeadline:
    """ASGI: an HTTP request not answered within `seconds` is answered 503 SERVICE_UNAVAILABLE (retryable).

    The request runs as a task of its own; at the deadline it is cancelled and its cleanup (giving back a
    connection that may hang) finishes in the background, so the answer never waits for it. A request whose
    answer has begun is left to finish. WebSockets pass through.
    """

    def __init__(self, app: ASGIApp, seconds: float | None = None) -> None:
        self.app = app
        self.seconds = REQUEST_DEADLINE_SECONDS if seconds is None else seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        answered = False  # the inner app began its answer
        late = False  # the deadline answered instead

        async def guarded_send(message: Message) -> None:
            nonlocal answered
            if late:
                return
            if message["type"] == "http.response.start":
                answered = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds)
        except asyncio.CancelledError:
            task.cancel()
            raise
        if done or answered:
            await task
            return
        late = True
        _let_finish(task)
        logger.warning("%s %s not answered after %.0f s: 503", scope["method"], scope["path"], self.seconds)
        media_type = negotiate(_accept(scope)) or JSON  # the media type the answer would have had (media.py)
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", CONTENT_TYPES[media_type].encode()),
                    (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": _unavailable_body(media_type)})
