"""Engine and session factory; timeouts so that a sick database fails requests fast (quality.md)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from iacs.config import Settings
from iacs.db import models  # noqa: F401 - every table registered before the first flush resolves foreign keys


def make_engine(url: str, settings: Settings | None = None) -> AsyncEngine:
    settings = settings or Settings()
    return create_async_engine(
        url,
        pool_pre_ping=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=5,
        connect_args={
            "timeout": 5,
            "command_timeout": 15,
            "server_settings": {
                "application_name": "iacs",
                "statement_timeout": "10000",
                "lock_timeout": "3000",
                "idle_in_transaction_session_timeout": "15000",
            },
        },
    )


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
