"""One database session shared by the concurrent resolvers of a request, running one operation at a time.

Strawberry resolves sibling fields concurrently (each in a task of its own) and they share the request's session. An
AsyncSession must never run two operations at once: SQLAlchemy refuses (or, worse, two statements meet on one
connection). `SerialSession` is the session the request's Context hands out (`Context.db`): each operation that may
talk to the database (execute, scalar, scalars, get, flush, refresh, commit, rollback, a savepoint's start and end,
...) takes the session's lock for its own duration, so no caller holds a lock around its calls.

Why the lock is never taken twice by one caller: a wrapped operation calls the wrapped session's method, which does
all its work (autoflush, lazy and eager loads: AsyncSession buffers every row before it returns) inside that one call
and never calls back into this wrapper. Why per operation and not per block: a block of several statements needs no
isolation from the request's other resolvers (they read; a mutation's fields run one after the other), and a lock
held across a block is what made callers hold it by hand.

Why a wrapper and not a subclass of AsyncSession: the session it wraps is made by the app's (or a test's) session
factory, whatever its class, and a query's session may be replaced by a replica's once the viewer is known
(`replace`): an operation waiting for the lock then runs on the replica, never on the primary session given back.
For the type checker it is an AsyncSession (the domain's functions take one); at run time every coroutine method of
AsyncSession is either wrapped here or refused (tests/unit/test_serial_session.py checks both).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, NoReturn

from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession as _Session
    from sqlalchemy.ext.asyncio import AsyncSessionTransaction as _Transaction
else:
    _Session = object
    _Transaction = object

# Coroutine methods of AsyncSession that a shared request session refuses, and why.
REFUSED = {
    "begin": "the request's transaction begins by itself; use begin_nested for a savepoint",
    "stream": "a streamed result is read after the operation ends, outside its turn",
    "stream_scalars": "a streamed result is read after the operation ends, outside its turn",
    "connection": "a connection used directly runs statements outside the session's turns",
    "close": "the Context gives the session back (`release`), never waiting on a hung statement",
    "aclose": "the Context gives the session back (`release`)",
    "reset": "the Context gives the session back (`release`)",
    "invalidate": "the Context gives the session back (`release`)",
    "close_all": "closes every session of the process",
}


class SerialSession(_Session):
    """A session for several concurrent tasks: one operation at a time, on the session `open` makes on first use."""

    def __init__(self, open_session: Callable[[], AsyncSession]) -> None:
        self._open = open_session
        self._session: AsyncSession | None = None
        self._turn = asyncio.Lock()

    @property
    def opened(self) -> AsyncSession | None:
        """The wrapped session when one was opened, else None."""
        return self._session

    def _current(self) -> AsyncSession:
        if self._session is None:
            self._session = self._open()
        return self._session

    async def replace(self, session: AsyncSession) -> AsyncSession | None:
        """Run every later operation on `session`. Returns the session it replaces (for the caller to close) once no
        operation runs on it; an operation that was waiting runs on `session`."""
        async with self._turn:
            previous, self._session = self._session, session
        return previous

    def release(self) -> AsyncSession | None:
        """The wrapped session, forgotten, for the caller to close; without waiting for a turn, so that a statement
        that hangs never holds the answer (graphql/unavailable.py, `close_quietly`). A later operation opens a new
        session."""
        session, self._session = self._session, None
        return session

    # --- operations that may run statements: one at a time ---------------------------------------------------

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().execute(*args, **kwargs)

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().scalar(*args, **kwargs)

    async def scalars(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().scalars(*args, **kwargs)

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().get(*args, **kwargs)

    async def get_one(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().get_one(*args, **kwargs)

    async def flush(self, objects: Any = None) -> None:
        async with self._turn:
            await self._current().flush(objects)

    async def refresh(self, *args: Any, **kwargs: Any) -> None:
        async with self._turn:
            await self._current().refresh(*args, **kwargs)

    async def merge(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().merge(*args, **kwargs)

    async def merge_all(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().merge_all(*args, **kwargs)

    async def delete(self, instance: object) -> None:
        async with self._turn:
            await self._current().delete(instance)

    async def delete_all(self, instances: Any) -> None:
        async with self._turn:
            await self._current().delete_all(instances)

    async def run_sync(self, *args: Any, **kwargs: Any) -> Any:
        async with self._turn:
            return await self._current().run_sync(*args, **kwargs)

    async def commit(self) -> None:
        async with self._turn:
            await self._current().commit()

    async def rollback(self) -> None:
        async with self._turn:
            await self._current().rollback()

    def begin_nested(self) -> SerialSavepoint:
        """A savepoint, `await`ed or used as `async with`; its start and end take a turn each."""
        return SerialSavepoint(self._turn, self._current().begin_nested())

    # --- the rest: no statement (add, add_all, expunge, in_transaction, info, ...) ---------------------------

    def add(self, instance: object, *, _warn: bool = True) -> None:
        self._current().add(instance, _warn=_warn)

    def add_all(self, instances: Any) -> None:
        self._current().add_all(instances)

    async def _refused(self, name: str) -> NoReturn:
        raise TypeError(f"a request's shared session has no {name}(): {REFUSED[name]}")

    def __getattr__(self, name: str) -> Any:
        # Only for what the class does not define: the attributes and methods that run no statement.
        if name in REFUSED:
            return lambda *args, **kwargs: self._refused(name)
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._current(), name)


class SerialSavepoint(_Transaction):
    """A savepoint of a SerialSession: starting, committing and rolling back take a turn each."""

    def __init__(self, turn: asyncio.Lock, savepoint: AsyncSessionTransaction) -> None:
        self._turn = turn
        self._savepoint = savepoint

    async def _start(self) -> SerialSavepoint:
        async with self._turn:
            await self._savepoint.start()
        return self

    def __await__(self) -> Generator[Any, None, SerialSavepoint]:
        return self._start().__await__()

    async def __aenter__(self) -> SerialSavepoint:
        async with self._turn:
            await self._savepoint.__aenter__()
        return self

    async def __aexit__(self, type_: Any, value: Any, traceback: Any) -> None:
        async with self._turn:
            await self._savepoint.__aexit__(type_, value, traceback)

    async def commit(self) -> None:
        async with self._turn:
            await self._savepoint.commit()

    async def rollback(self) -> None:
        async with self._turn:
            await self._savepoint.rollback()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._savepoint, name)
