"""The embedded PostgreSQL really starts, is shared by a second `iacs` process, and stops with the last one."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import psutil
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from iacs.db.embedded import start_embedded

IACS = str(Path(sys.executable).with_name("iacs"))


def _postgres_running(pgdata: Path) -> bool:
    for proc in psutil.process_iter(["name", "cmdline"]):
        try:
            if proc.info["name"] == "postgres" and str(pgdata) in " ".join(proc.info["cmdline"] or []):
                return True
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return False


async def _select_one(url: str) -> int:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return int(await conn.scalar(text("SELECT 1")) or 0)
    finally:
        await engine.dispose()


async def test_embedded_server_is_shared_and_stopped_by_the_last_handle(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    embedded = await asyncio.to_thread(start_embedded, data_dir)
    pgdata = data_dir / "pg"
    try:
        assert await _select_one(embedded.url()) == 1
        # a second `iacs` process (what `iacs create-user` beside `make run` does) joins the same server
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"IACS_DATA_DIR": str(data_dir)}
        done = await asyncio.to_thread(
            subprocess.run, [IACS, "db-url"], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == embedded.url()
        # it left, and its handle with it; ours keeps the server up
        assert json.loads((pgdata / ".handle_pids.json").read_text()) == [os.getpid()]
        assert _postgres_running(pgdata)
    finally:
        await asyncio.to_thread(embedded.release)
    assert not _postgres_running(pgdata)
