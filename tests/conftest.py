"""Fixtures: a real PostgreSQL database built by the migrations, one rolled-back transaction per test.

DATABASE_URL names the server (`make test` sets it: the machine's PostgreSQL in CI, the embedded server
otherwise). Running `pytest` without it starts the embedded server for the session.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool
from starlette.applications import Starlette

from iacs.app import create_app
from iacs.config import Settings, normalize_database_url
from iacs.db import migrate
from iacs.db.embedded import start_embedded
from iacs.domain.clock import FrozenClock
from iacs.domain.notifications.service import MailTransport, deliver_pending

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    raw = os.environ.get("DATABASE_URL")
    if raw:
        yield normalize_database_url(raw)
        return
    embedded = start_embedded(Path(os.environ.get("IACS_DATA_DIR", ".iacs-data")).resolve())
    try:
        yield embedded.url()
    finally:
        embedded.release()


async def create_database(server_url: str, prefix: str) -> str:
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


async def drop_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


@pytest.fixture(scope="session")
async def database_url(server_url: str) -> AsyncIterator[str]:
    url = await create_database(server_url, "iacs_test")
    await migrate.upgrade_async(url)
    try:
        yield url
    finally:
        await drop_database(server_url, url)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url, poolclass=NullPool)
    yield engine
    await engine.dispose()


@dataclass
class StatementCounter:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One outer transaction per test, rolled back at the end."""
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield conn
        finally:
            await outer.rollback()


@pytest.fixture
def session_factory(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
def sql_statements(connection: AsyncConnection) -> Iterator[StatementCounter]:
    counter = StatementCounter()

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            counter.statements.append(statement)

    sync_engine = connection.sync_engine
    event.listen(sync_engine, "before_cursor_execute", before)
    yield counter
    event.remove(sync_engine, "before_cursor_execute", before)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]


class _Capture:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd API
        with self.mailbox.lock:
            self.mailbox.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[str, Mailbox]]:
    """A real SMTP server on loopback that keeps every message it receives."""
    mailbox = Mailbox()
    with socket.socket() as probe:  # aiosmtpd cannot bind port 0 itself: pick a free port first
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(_Capture(mailbox), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{controller.port}", mailbox
    finally:
        controller.stop()


@pytest.fixture
def mailbox(smtp_server: tuple[str, Mailbox]) -> Mailbox:
    _, box = smtp_server
    with box.lock:
        box.messages.clear()
    return box


@pytest.fixture
def settings(smtp_server: tuple[str, Mailbox], database_url: str) -> Settings:
    smtp_url, _ = smtp_server
    return Settings(database_url=database_url, smtp_url=smtp_url)


@pytest.fixture
def app(
    settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> Starlette:
    return create_app(
        settings, database_url=database_url, session_factory=session_factory, clock=clock, deliver_mail=False
    )


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        yield http


@pytest.fixture
def deliver_mail(settings: Settings, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock) -> Any:
    """Run the outbox sender once, over real SMTP, as the server's background task would."""

    async def deliver() -> int:
        return await deliver_pending(session_factory, MailTransport(settings.smtp_url, settings.mail_from), clock)

    return deliver


@pytest.fixture
async def people(app: Starlette, session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[Any]:
    from tests.api.people import People

    made = People(app, session_factory)
    yield made
    await made.close()
