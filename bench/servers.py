"""Server processes started by the bench: each in its own session (process group), all stopped at the end.

Only processes this module started are ever signalled, by their own process-group id.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    extra_ports: dict[str, int] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def cpu_seconds(self) -> float:
        """User + system CPU of the server and every process below it (from /proc)."""
        return tree_cpu_seconds(self.process.pid)


class Fleet:
    """The servers of one bench run; `stop_all` ends every one of them (also on Ctrl-C or failure)."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.servers: list[Server] = []

    def start(
        self,
        name: str,
        command: list[str],
        *,
        port: int,
        env: Mapping[str, str],
        cwd: Path | None = None,
        extra_ports: dict[str, int] | None = None,
    ) -> Server:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_dir / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                env=dict(env),
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(name=name, process=process, port=port, log=log, extra_ports=extra_ports or {})
        self.servers.append(server)
        return server

    def stop_all(self) -> None:
        for server in self.servers:
            _stop(server.process)
        self.servers.clear()


def _stop(process: subprocess.Popen[bytes], grace: float = 8.0) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@contextlib.contextmanager
def fleet(log_dir: Path) -> Iterator[Fleet]:
    """A Fleet whose servers are stopped however the block ends, SIGTERM included."""
    servers = Fleet(log_dir)

    def on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield servers
    finally:
        servers.stop_all()
        signal.signal(signal.SIGTERM, previous)


def wait_ready(
    server: Server, path: str, *, timeout: float = 90.0, method: str = "GET", body: bytes | None = None
) -> None:
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError(f"{server.name} exited (code {server.process.returncode}):\n{server.tail()}")
        request = urllib.request.Request(  # noqa: S310 - loopback only
            server.base + path, data=body, method=method, headers={"content-type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = str(exc)
        time.sleep(0.3)
    raise RuntimeError(f"{server.name} not ready after {timeout:.0f} s ({last_error}):\n{server.tail()}")


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def process_cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return 0.0
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14 and 15 of stat)


def tree_cpu_seconds(pid: int) -> float:
    children = _children()
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        total += process_cpu_seconds(current)
        stack.extend(children.get(current, []))
    return total


def python_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IACS_", "DATABASE_URL"))}
    env.update(extra)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def venv_bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)
