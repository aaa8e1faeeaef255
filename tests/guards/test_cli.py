"""The `iacs` console script: create-user is the only way to the help-desk role (R33)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from iacs.db import migrate
from tests.conftest import create_database, drop_database

IACS = str(Path(sys.executable).with_name("iacs"))


async def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return [tuple(r) for r in await conn.execute(text(sql))]
    finally:
        await engine.dispose()


async def test_create_help_desk_user(server_url: str) -> None:
    url = await create_database(server_url, "iacs_cli")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        env = dict(os.environ, DATABASE_URL=url, IACS_PASSWORD="quiet-meadow-copper-9")
        args = [IACS, "create-user", "--email", "desk@cms.example.gov", "--name", "Dana Desk", "--help-desk"]
        done = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("created help-desk account desk@cms.example.gov with user ID ")

        again = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)
        assert again.returncode == 2
        assert "EMAIL_TAKEN" in again.stderr

        rows = await _rows(
            url,
            "SELECT u.email, r.role::text, u.email_verified_at IS NOT NULL FROM users u "
            "JOIN role_assignments r ON r.user_id = u.id",
        )
        assert rows == [("desk@cms.example.gov", "HELP_DESK", True)]
        audit = await _rows(url, "SELECT action FROM audit_events")
        assert audit == [("HELP_DESK_CREATED",)]
    finally:
        await drop_database(server_url, url)
