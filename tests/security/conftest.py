"""The world of the authorization matrix: built once per module, each test in a SAVEPOINT rolled back after it.

Building the world takes ~60 requests; every test gets it as built (its own changes are undone), so the cells
of one test never see another test's doing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette

from iacs.app import create_app
from iacs.config import Settings
from iacs.domain.clock import FrozenClock
from tests.conftest import START, Mailbox
from tests.security.world import World, build_world


@pytest.fixture(scope="module")
async def module_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One outer transaction for the module, rolled back at its end (as tests/conftest.py does per test)."""
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield conn
        finally:
            await outer.rollback()


@pytest.fixture(scope="module")
def module_session_factory(module_connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=module_connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture(scope="module")
def module_app(
    smtp_server: tuple[str, Mailbox], database_url: str, module_session_factory: async_sessionmaker[AsyncSession]
) -> tuple[Starlette, Settings]:
    settings = Settings(database_url=database_url, smtp_url=smtp_server[0])
    app = create_app(
        settings,
        database_url=database_url,
        session_factory=module_session_factory,
        clock=FrozenClock(START),
        deliver_mail=False,
    )
    return app, settings


@pytest.fixture(scope="module")
async def built_world(
    module_app: tuple[Starlette, Settings], module_session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[World]:
    app, settings = module_app
    world, people = await build_world(app, module_session_factory, settings.session_cookie_name)
    try:
        yield world
    finally:
        await people.close()


@pytest.fixture
async def world(built_world: World, module_connection: AsyncConnection) -> AsyncIterator[World]:
    savepoint = await module_connection.begin_nested()
    try:
        yield built_world.copy()
    finally:
        await savepoint.rollback()
