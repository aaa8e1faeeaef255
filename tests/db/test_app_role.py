"""R31 / docs/reliability.md "Audit": the app's database role appends to the audit log and can do nothing else to it."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from iacs.db.engine import make_engine


async def test_app_runs_as_the_non_owner_role(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT current_user")) == "iacs_app"
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE audit_events SET action = 'TAMPERED'", "permission denied for table audit_events"),
        ("DELETE FROM audit_events", "permission denied for table audit_events"),
        ("TRUNCATE audit_events", "permission denied for table audit_events"),
        ("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete", "must be owner of table"),
    ],
)
async def test_app_role_cannot_rewrite_the_audit_log(database_url: str, statement: str, message: str) -> None:
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("INSERT INTO audit_events (occurred_at, action) VALUES (now(), 'PROBE')"))
            with pytest.raises(DBAPIError) as refused:
                await conn.execute(text(statement))
            assert message in str(refused.value.orig)
            await conn.rollback()
    finally:
        await engine.dispose()
