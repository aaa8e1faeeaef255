"""The load generator, in a separate process: wrk (with a Lua script) or, without wrk, bench.pyload.

Both send POSTs with a JSON body (one fixed body, or a list consumed in order for mutations) and an
optional session cookie over N keep-alive connections, and report requests, latency percentiles and
errors: transport errors, non-200 answers, and 200 answers carrying GraphQL errors (top-level or in a
mutation payload: any `"errors":[{`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

WRK_SCRIPT = r"""
local bodies = {}
local threads = {}
local counter = 0
app_errors = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do table.insert(bodies, line) end
  f:close()
  counter = tonumber(args[2])
  wrk.method = "POST"
end

function request()
  local body = bodies[(counter % #bodies) + 1]
  counter = counter + 1
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors":[{', 1, true) then
    app_errors = app_errors + 1
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, t in ipairs(threads) do errors = errors + (t:get("app_errors") or 0) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d,"app_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%f,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, errors,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
"""


@dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int  # transport errors + non-200 + GraphQL errors
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    tool: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "pyload"


def wrk_version() -> str:
    if not shutil.which("wrk"):
        return "absent"
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).splitlines()[0].strip() if (out.stdout or out.stderr) else "wrk"


def ensure_wrk() -> str:
    """wrk when present; installed from Debian when missing and root; else the Python client."""
    if not shutil.which("wrk") and shutil.which("apt-get") and os.geteuid() == 0:
        print("loadgen: installing wrk (apt-get install -y wrk) ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True, env=env)
    if shutil.which("wrk"):
        return "wrk"
    print("loadgen: wrk is not available; using the Python client (python -m bench.pyload)", flush=True)
    return "pyload"


def run(
    url: str,
    bodies: list[bytes],
    *,
    cookie: str | None,
    connections: int,
    seconds: float,
    offset: int = 0,
    use: str = "wrk",
) -> LoadResult:
    with tempfile.TemporaryDirectory(prefix="iacs-bench-") as tmp:
        bodies_file = Path(tmp) / "bodies.txt"
        bodies_file.write_bytes(b"\n".join(bodies) + b"\n")
        if use == "wrk":
            script = Path(tmp) / "post.lua"
            script.write_text(WRK_SCRIPT)
            command = [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                str(script),
                "-H",
                "Content-Type: application/json",
            ]
            if cookie:
                command += ["-H", f"Cookie: {cookie}"]
            command += [url, "--", str(bodies_file), str(offset)]
        else:
            command = [
                sys.executable,
                "-m",
                "bench.pyload",
                "--url",
                url,
                "--bodies",
                str(bodies_file),
                "--offset",
                str(offset),
                "--connections",
                str(connections),
                "--seconds",
                str(seconds),
            ]
            if cookie:
                command += ["--cookie", cookie]
        out = subprocess.run(command, capture_output=True, text=True, check=False, timeout=seconds + 120)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            data = json.loads(line[len("BENCH_JSON ") :])
            errors = sum(int(data[k]) for k in ("connect", "read", "write", "status", "timeout", "app_errors"))
            return LoadResult(
                requests=int(data["requests"]),
                seconds=int(data["duration_us"]) / 1e6,
                errors=errors,
                p50_ms=data["p50_us"] / 1000,
                p90_ms=data["p90_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                mean_ms=data["mean_us"] / 1000,
                max_ms=data["max_us"] / 1000,
                tool=use,
            )
    raise RuntimeError(f"{use} gave no result (exit {out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
