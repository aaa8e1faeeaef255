"""The migrations reach head on an empty database, match the models (alembic check), and go down and up."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from iacs.db import migrate
from tests.conftest import create_database, drop_database


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            return {r[0] for r in rows}
    finally:
        await engine.dispose()


async def test_migrations_reach_head_without_drift_and_downgrade_cleanly(server_url: str) -> None:
    url = await create_database(server_url, "iacs_migrations")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        await asyncio.to_thread(migrate.check, url)  # raises on any difference from the models
        assert await _tables(url) == {
            "alembic_version",
            "users",
            "sessions",
            "email_verification_codes",
            "sign_in_throttle",
            "organizations",
            "user_groups",
            "surrogate_companies",
            "surrogate_associations",  # R17, kept by triggers (0012)
            "applications",
            "access_requests",
            "delegations",  # R38
            "job_positions",  # R39: where the escalation pass goes on from
            "role_assignments",
            "audit_events",
            "mail_outbox",
            "provider_type_settings",  # R42
            "api_tokens",  # R43
            "webhooks",  # R44
            "webhook_deliveries",
            "webhook_attempts",
        }
        await asyncio.to_thread(migrate.downgrade, url, "base")
        assert await _tables(url) == {"alembic_version"}
        await asyncio.to_thread(migrate.upgrade, url)
        await asyncio.to_thread(migrate.check, url)
    finally:
        await drop_database(server_url, url)
