"""A PostgreSQL and `iacs serve` processes of the suite's own, on loopback only, and the faults to inject.

The database is the embedded server (iacs.db.embedded) in a fresh temporary folder: never the machine's
PostgreSQL. The faults, as tried on the embedded server:
- crash: `pg_ctl stop -m immediate` run as the `pgserver` user, then `pg_ctl start` with the same options;
- hang: SIGSTOP to the postmaster and every one of its children, SIGCONT to resume.
Every process started here is stopped by `close()`/`stop()`, also when a test fails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from iacs.db.embedded import EmbeddedServer, start_embedded

IACS = str(Path(sys.executable).with_name("iacs"))
HOST = "127.0.0.1"  # loopback only, always
APP_NAME = "iacs"  # application_name of the server's connections (iacs.db.engine)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _postgres_system_user() -> str | None:
    return "pgserver" if os.geteuid() == 0 else None


@dataclass
class Postgres:
    """The suite's own embedded PostgreSQL in a temporary folder; crash, restart, freeze, thaw, stop."""

    root: Path
    embedded: EmbeddedServer
    bin_path: Path
    socket_dir: Path
    frozen: list[int] = field(default_factory=list)
    restarted: bool = False

    @classmethod
    def start(cls, prefix: str = "iacs-faults-") -> Postgres:
        # A short folder directly under the temp dir: the socket path must stay under ~100 bytes.
        root = Path(tempfile.mkdtemp(prefix=prefix))
        try:
            embedded = start_embedded(root)
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        info = embedded.server.get_postmaster_info()
        return cls(
            root=root,
            embedded=embedded,
            bin_path=Path(embedded.server.bin_path),
            socket_dir=Path(info.socket_dir),
        )

    @property
    def pgdata(self) -> Path:
        return self.embedded.pgdata

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres:@/{database}?host={self.socket_dir}"

    def _pg_ctl(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - the wheel's own pg_ctl, arguments built here
            [str(self.bin_path / "pg_ctl"), *args],
            user=_postgres_system_user(),
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def postmaster_pid(self) -> int | None:
        """The postmaster of THIS data folder, or None: never a pid that is not ours."""
        pid_file = self.pgdata / "postmaster.pid"
        try:
            pid = int(pid_file.read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None
        try:
            proc = psutil.Process(pid)
            if proc.name() not in {"postgres", "postmaster"} or str(self.pgdata) not in " ".join(proc.cmdline()):
                return None
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            return None
        return pid

    def crash(self) -> None:
        """`pg_ctl stop -m immediate`: every backend dies at once, no checkpoint (a crash for the clients)."""
        self._pg_ctl("-D", str(self.pgdata), "stop", "-m", "immediate", "-w")

    def restart(self) -> None:
        """Start the server again with the options the wheel used; crash recovery runs first."""
        options = f'-h "" -k {self.socket_dir}'
        self._pg_ctl("-w", "-t", "60", "-o", options, "-l", str(self.pgdata / "log"), "-D", str(self.pgdata), "start")
        self.restarted = True

    def freeze(self) -> list[int]:
        """SIGSTOP the postmaster first (no new children), then every child: the whole server hangs."""
        pid = self.postmaster_pid()
        if pid is None:
            raise RuntimeError("our postmaster is not running")
        postmaster = psutil.Process(pid)
        os.kill(pid, signal.SIGSTOP)
        self.frozen = [pid]
        for child in postmaster.children(recursive=True):
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGSTOP)
                self.frozen.append(child.pid)
        return list(self.frozen)

    def thaw(self) -> None:
        for pid in reversed(self.frozen):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self.frozen = []

    def stop(self) -> None:
        """Thaw if frozen, drop our handle, and make sure our postmaster is gone; remove the folder."""
        self.thaw()
        self.embedded.release()  # stops the server the wheel started (a restarted one is not its own)
        if self.postmaster_pid() is not None:
            with contextlib.suppress(subprocess.SubprocessError):
                self._pg_ctl("-D", str(self.pgdata), "stop", "-m", "fast", "-w", timeout=30)
        pid = self.postmaster_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


async def execute_admin(url: str, *statements: str) -> None:
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with admin.connect() as conn:
            for statement in statements:
                await conn.execute(text(statement))
    finally:
        await admin.dispose()


async def copy_database(pg: Postgres, template: str, name: str) -> str:
    """A new database from a template (no connection to the template may be open)."""
    await execute_admin(
        pg.url(), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{template}"'
    )
    return pg.url(name)


@dataclass(frozen=True)
class Activity:
    total: int
    active: int
    idle_in_transaction: int


async def server_connections(url: str) -> Activity:
    """The server's connections to this database (application_name 'iacs'), by state."""
    database = make_url(url).database
    engine = create_async_engine(
        url, poolclass=NullPool, connect_args={"server_settings": {"application_name": "probe"}}
    )
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT state, count(*) FROM pg_stat_activity "
                        "WHERE application_name = :app AND datname = :db GROUP BY state"
                    ),
                    {"app": APP_NAME, "db": database},
                )
            ).all()
    finally:
        await engine.dispose()
    states = {str(state): int(count) for state, count in rows}
    return Activity(
        total=sum(states.values()),
        active=states.get("active", 0),
        idle_in_transaction=states.get("idle in transaction", 0) + states.get("idle in transaction (aborted)", 0),
    )


@dataclass
class ServerProcess:
    """One `iacs serve` on 127.0.0.1, its output in a log file; kill -9, restart on the same port, stop."""

    database_url: str
    log: Path
    port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def spawn(self) -> None:
        env = dict(
            os.environ,
            DATABASE_URL=self.database_url,
            IACS_ENV="development",
            IACS_JOBS_INTERVAL_SECONDS="3600",
            IACS_DATA_DIR=str(self.log.parent / "unused-data-dir"),  # never the project's embedded server
            IACS_STATIC_DIR=str(self.log.parent / "no-static"),
            **self.extra_env,
        )
        env.pop("IACS_SMTP_URL", None)  # mail goes to the log
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n=== start {self.starts} at {time.strftime('%H:%M:%S')} ===\n".encode())
            out.flush()
            self.process = subprocess.Popen(  # noqa: S603 - our own console script
                [IACS, "serve", "--host", HOST, "--port", str(self.port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 60) -> float:
        """Poll /healthz until 200; the seconds it took."""
        started = time.monotonic()
        deadline = started + timeout
        with httpx.Client(timeout=3) as http:
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    break
                with contextlib.suppress(httpx.TransportError):
                    if http.get(f"{self.base_url}/healthz").status_code == 200:
                        return time.monotonic() - started
                time.sleep(0.1)
        tail = self.log.read_text(errors="replace")[-3000:]
        self.stop()
        raise AssertionError(f"iacs serve did not become ready in {timeout} s:\n{tail}")

    def start(self, timeout: float = 60) -> float:
        self.spawn()
        return self.wait_ready(timeout)

    def kill9(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def rss(self) -> int:
        return int(psutil.Process(self.pid).memory_info().rss)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
