"""make test-load: steady load against a server and a PostgreSQL of its own (docs/reliability.md, "Steady load").

    python -m tests.load [--duration 300] [--users 50] [--warmup SECONDS] [--out DIR]

Starts the embedded PostgreSQL in a temporary folder (never the machine's), migrates and seeds it (the demo
world plus generated organizations, groups, people and pending requests), starts `iacs serve` on
127.0.0.1, runs the load generator in a separate process (tests/load/generator.py: 70% reads, 20%
submissions, 10% decisions) for --duration seconds, samples the server's RSS every second, then checks
the bars: 0 answers 5xx, RSS growth < 10% between the end of the warm-up and the end; it reports p50, p95
and p99 per operation, and compares the acknowledgement log with the database (0 lost, 0 duplicated).
Everything it started is stopped at the end, also on failure or Ctrl-C. Exit status 0 when every bar holds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

import psutil

from iacs.db import migrate
from iacs.db.engine import make_engine, make_session_factory
from iacs.demo import load_demo
from tests.faults.client import ACK, BAD, CONNECT, DROPPED, OK, REFUSED, TIMEOUT, UNAVAILABLE, Attempt, verify
from tests.faults.harness import Postgres, ServerProcess, execute_admin, server_connections
from tests.faults.world import World, seed_world
from tests.load.generator import load_intents

ROOT = Path(__file__).resolve().parents[2]
MEMORY_GROWTH_LIMIT = 0.10  # docs/reliability.md: memory growth < 10%
DATABASE = "iacs_load"


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), {memory:.1f} GiB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; load average {load}"
    )


async def seed(url: str) -> World:
    await migrate.upgrade_async(url)
    world = await seed_world(url)
    engine = make_engine(url)
    try:
        async with make_session_factory(engine)() as db:
            await load_demo(db, datetime.now(UTC))
            await db.commit()
    finally:
        await engine.dispose()
    return world


def latency_table(attempts: list[Attempt]) -> list[str]:
    lines = [f"{'operation':<10} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  outcomes"]
    ops = sorted({a.op for a in attempts})
    for op in [*ops, "all"]:
        chosen = [a for a in attempts if op in {"all", a.op} and (op != "all" or a.op != "signIn")]
        times = [a.elapsed * 1000 for a in chosen]
        outcomes = dict(Counter(a.outcome for a in chosen))
        lines.append(
            f"{op:<10} {len(chosen):>6} {percentile(times, 50):>8.0f} {percentile(times, 95):>8.0f} "
            f"{percentile(times, 99):>8.0f} {max(times, default=0):>8.0f}  {outcomes}"
        )
    return lines


def sample_rss(server: ServerProcess, generator: subprocess.Popen[bytes], limit: float) -> list[tuple[float, int]]:
    samples: list[tuple[float, int]] = []
    started = time.monotonic()
    while generator.poll() is None:
        elapsed = time.monotonic() - started
        if elapsed > limit:
            generator.kill()
            raise RuntimeError(f"the load generator did not stop by itself within {limit:.0f} s")
        with contextlib.suppress(psutil.Error):
            samples.append((elapsed, server.rss()))
        time.sleep(1.0)
    return samples


def run(args: argparse.Namespace) -> int:
    out: Path = args.out or Path(tempfile.gettempdir()) / "iacs-test-load"  # the last run's logs stay there
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    ramp_up = min(float(args.users), 0.4 * args.duration)  # one user a second, within the first 40% at most
    warmup = args.warmup if args.warmup is not None else max(min(60.0, args.duration / 5), ramp_up + 10)
    say(
        f"== make test-load: {args.users} simulated users for {args.duration:.0f} s "
        f"(they start over {ramp_up:.0f} s; warm-up {warmup:.0f} s)"
    )
    say(f"date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {machine()}")
    say(f"results in {out}")
    pg = Postgres.start(prefix="iacs-load-")
    server: ServerProcess | None = None
    generator: subprocess.Popen[bytes] | None = None
    try:
        say(f"own PostgreSQL in {pg.pgdata} (Unix socket only)")
        asyncio.run(execute_admin(pg.url(), f'CREATE DATABASE "{DATABASE}"'))
        url = pg.url(DATABASE)
        seeded = time.monotonic()
        world = asyncio.run(seed(url))
        world.save(out / "world.json")
        say(
            f"seeded in {time.monotonic() - seeded:.1f} s: demo world + {len(world.requesters)} requesters, "
            f"{len(world.approvers)} approvers, {len(world.groups)} groups, {len(world.pending)} pending requests, "
            "1,025 approved organizations"
        )
        server = ServerProcess(url, out / "server.log")
        ready = server.start()
        say(f"iacs serve on {server.base_url} (pid {server.pid}), ready in {ready:.1f} s")
        with (out / "generator.log").open("wb") as generator_log:
            generator = subprocess.Popen(  # noqa: S603 - our own module
                [
                    sys.executable,
                    "-m",
                    "tests.load.generator",
                    "--world",
                    str(out / "world.json"),
                    "--base-url",
                    server.base_url,
                    "--users",
                    str(args.users),
                    "--duration",
                    str(args.duration),
                    "--ramp-up",
                    str(ramp_up),
                    "--out",
                    str(out),
                ],
                cwd=ROOT,
                stdout=generator_log,
                stderr=subprocess.STDOUT,
            )
        samples = sample_rss(server, generator, args.duration + 180)
        if generator.returncode != 0:
            say((out / "generator.log").read_text()[-3000:])
            say("FAIL: the load generator failed")
            return 1
        say((out / "generator.log").read_text().strip())
        attempts = [Attempt(**json.loads(line)) for line in (out / "requests.jsonl").read_text().splitlines()]
        intents = load_intents(out / "intents.json")
        verdict = asyncio.run(verify(url, world, intents))
        activity = asyncio.run(server_connections(url))
    finally:
        if generator is not None and generator.poll() is None:
            generator.kill()
            generator.wait()
        if server is not None:
            server.stop()
        pg.stop()

    measured = [a for a in attempts if a.op != "signIn"]
    steady = [a for a in measured if a.started >= warmup]
    server_errors = [a for a in attempts if a.status is not None and a.status >= 500]
    broken = [a for a in attempts if a.outcome in {BAD, TIMEOUT, CONNECT, DROPPED}]
    mix = Counter(
        "read" if a.op in {"roles", "queue", "orgs"} else "submission" if a.op == "submit" else "decision"
        for a in measured
    )
    # RSS at the end of the warm-up and at the end: the median of 5 samples each (argon2 briefly takes 64 MiB)
    warm = [rss for t, rss in samples if t >= warmup]
    rss_warm, rss_end = (median(warm[:5]), median(warm[-5:])) if warm else (0.0, 0.0)
    growth = (rss_end - rss_warm) / rss_warm if rss_warm else 0.0
    peak = max((rss for _, rss in samples), default=0)
    duration = max((a.ended for a in attempts), default=0.0)

    say()
    say(
        f"== Steady load: {args.users} users, {duration:.0f} s, {len(measured)} requests "
        f"({len(measured) / duration:.1f}/s)"
    )
    say(
        "mix: "
        + ", ".join(f"{name} {count} ({count / len(measured):.0%})" for name, count in sorted(mix.items()))
        + f"; sign-ins {sum(1 for a in attempts if a.op == 'signIn')}"
    )
    say("latency, whole run (sign-ins apart):")
    for line in latency_table(measured):
        say("  " + line)
    say(f"latency after the warm-up ({warmup:.0f} s):")
    for line in latency_table(steady)[-1:]:
        say("  " + line)
    sign_ins = [a.elapsed * 1000 for a in attempts if a.op == "signIn"]
    say(f"sign-ins: {len(sign_ins)}, p50 {percentile(sign_ins, 50):.0f} ms, p95 {percentile(sign_ins, 95):.0f} ms")
    say(f"answers 5xx: {len(server_errors)}; broken (500-like, timeout, connection): {len(broken)}")
    for a in (server_errors + broken)[:10]:
        say(f"  {a.op} at {a.started:.1f} s: {a.outcome} {a.status} {a.detail}")
    say(
        f"server RSS: {rss_warm / 2**20:.1f} MiB at the end of the warm-up, {rss_end / 2**20:.1f} MiB at the end "
        f"({growth:+.1%}; bar < {MEMORY_GROWTH_LIMIT:.0%}), peak {peak / 2**20:.1f} MiB, {len(samples)} samples"
    )
    for line in verdict.lines():
        say(line)
    refusals = Counter(f"{i.kind}:{a.code}" for i in intents for a in i.attempts if a.outcome == REFUSED)
    say(f"refusals (a definitive answer with a code): {dict(refusals)}")
    say(f"server connections at the end: {activity}")

    checks = {
        "0 answers 5xx": not server_errors,
        "no broken answer (500-like, timeout, refused connection)": not broken,
        f"memory growth < {MEMORY_GROWTH_LIMIT:.0%}": bool(warm) and growth < MEMORY_GROWTH_LIMIT,
        "0 acknowledged writes lost or duplicated": not verdict.lost and not verdict.duplicated,
        "every answer clean": set(Counter(a.outcome for a in attempts)) <= {OK, ACK, REFUSED, UNAVAILABLE},
    }
    say()
    for name, ok in checks.items():
        say(f"{'PASS' if ok else 'FAIL'}: {name}")
    say(f"p95 (reported, no bar): {percentile([a.elapsed * 1000 for a in measured], 95):.0f} ms")
    return 0 if all(checks.values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.load", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (default 300)")
    parser.add_argument("--users", type=int, default=50, help="simulated users (default 50)")
    parser.add_argument("--warmup", type=float, default=None, help="seconds (default: a fifth, at most 60)")
    parser.add_argument(
        "--out", type=Path, default=None, help="folder for logs and results (default: $TMPDIR/iacs-test-load)"
    )
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.users <= 0:
        parser.error("--duration and --users must be positive")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
