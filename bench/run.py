"""One bench run: the world, three servers on its tables, every operation under load, the report."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import orjson

from bench import loadgen, operations, postgraphile, report, servers, sql
from bench import world as w
from bench.operations import LIMIT, OURS, POSTGRAPHILE, Operation, Target

HERE = Path(__file__).resolve().parent
WORK_DIR = HERE / ".work"


@dataclass
class Config:
    database_url: str
    scale: float
    systems: tuple[str, ...]
    operations: tuple[str, ...] | None
    connections: int
    duration: float
    warmup: float
    rounds: int
    quick: bool
    rebuild: bool
    mutation_items: int
    page_size_check: bool = True
    workers: int = 1  # ours' server processes (`iacs serve --workers N`)


# --- talking to the servers ---------------------------------------------------------------------------


def post(url: str, body: bytes, cookie: str | None) -> Any:
    headers = {"content-type": "application/json"}
    if cookie:
        headers["cookie"] = cookie
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return orjson.loads(response.read())


def get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        text: str = response.read().decode()
        return text


def ours_counters(server: servers.Server) -> tuple[int, int]:
    """(GraphQL requests, SQL statements) from ours' /metrics."""
    values: dict[str, int] = {}
    for line in get_text(server.base + "/metrics").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(" ")
            values[name] = int(float(value))
    return values.get("iacs_graphql_requests_total", 0), values.get("iacs_sql_statements_total", 0)


def postgraphile_counters(server: servers.Server) -> tuple[int, int]:
    data = json.loads(get_text(f"http://127.0.0.1:{server.extra_ports['stats']}/"))
    return int(data["statements"]), int(data["transactionControl"])


async def backend_cpu(conn: asyncpg.Connection) -> dict[int, float]:
    """CPU seconds of every PostgreSQL backend connected to the bench database (but this one)."""
    pids = await conn.fetch(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    return {r["pid"]: servers.process_cpu_seconds(r["pid"]) for r in pids}


# --- starting the three systems -------------------------------------------------------------------------


def start_ours(fleet: servers.Fleet, database_url: str, workers: int = 1) -> servers.Server:
    port = servers.free_port()
    env = servers.python_env(
        {
            "DATABASE_URL": database_url,
            "IACS_ENV": "development",
            "IACS_DATA_DIR": str(WORK_DIR / "iacs-data"),
        }
    )
    command = [servers.venv_bin("iacs"), "serve", "--port", str(port), "--workers", str(workers)]
    return fleet.start("ours", command, port=port, env=env)


def start_limit(fleet: servers.Fleet, database_url: str) -> servers.Server:
    port = servers.free_port()
    command = [servers.venv_bin("python"), "-m", "bench.limit", "--port", str(port), "--database-url", database_url]
    env = servers.python_env({"PYTHONPATH": str(HERE.parent)})
    return fleet.start("limit", command, port=port, env=env, cwd=HERE.parent)


def start_postgraphile(
    fleet: servers.Fleet, installation: postgraphile.Installation, database_url: str
) -> servers.Server:
    port, stats = servers.free_port(), servers.free_port()
    env = {
        "PATH": f"{installation.node.parent}:{os.environ.get('PATH', '')}",
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        "NODE_ENV": "production",
        "BENCH_DATABASE_URL": database_url,
        "BENCH_PORT": str(port),
        "BENCH_STATS_PORT": str(stats),
        "BENCH_POOL_SIZE": "10",
    }
    return fleet.start(
        "postgraphile",
        postgraphile.command(installation),
        port=port,
        env=env,
        cwd=postgraphile.FOLDER,
        extra_ports={"stats": stats},
    )


# --- measuring one operation on one system ----------------------------------------------------------------


async def measure(  # noqa: PLR0915 - one measurement, step by step
    op: Operation,
    target: Target,
    server: servers.Server,
    conn: asyncpg.Connection,
    config: Config,
    use: str,
    round_number: int,
    rows_seen: dict[str, dict[str, list[str]]],
) -> report.Measurement:
    url = server.base + target.path
    offset = 0
    # One request first, checked: wrong answers are reported, not silently timed.
    try:
        answer = await asyncio.to_thread(post, url, target.bodies[0], target.cookie)
        problem = target.check(answer)
        if target.rows is not None and problem is None:
            rows_seen.setdefault(op.name, {})[target.system] = target.rows(answer)
    except Exception as exc:  # the server's failure is a result to report
        problem = f"request failed: {exc}"
    valid = problem or "ok"
    if op.mutation:
        offset = 1
    connections = config.connections
    if op.mutation and len(target.bodies) < 2 and op.name != "sign_in":
        return _empty(op, target, round_number, "no fresh rows prepared")

    seconds = config.duration
    if op.name == "sign_in":
        # argon2id: the server hashes at most 4 passwords at once (docs/reliability.md); more connections only queue.
        connections, seconds = min(connections, 4), max(seconds, 5.0 if config.quick else 10.0)
        target.note = f"{connections} connections (the server hashes at most 4 passwords at once), {seconds:g} s"
    if config.warmup > 0:
        warm = await asyncio.to_thread(
            loadgen.run,
            url,
            target.bodies,
            cookie=target.cookie,
            connections=connections,
            seconds=max(config.warmup, 2.0) if op.name == "sign_in" else config.warmup,
            offset=offset,
            use=use,
        )
        if op.mutation:
            offset += warm.requests + connections
    await wait_idle(server)  # requests the warm-up left in flight must not run inside the timed window
    note = target.note
    if op.mutation and op.name != "sign_in":
        left = len(target.bodies) - offset
        if left < seconds * 50:
            note = (note + "; " if note else "") + f"only {left} fresh items left for the timed run"

    cpu_before = server.cpu_seconds()
    db_before = await backend_cpu(conn)
    counters_before = _counters(server)
    result = await asyncio.to_thread(
        loadgen.run,
        url,
        target.bodies,
        cookie=target.cookie,
        connections=connections,
        seconds=seconds,
        offset=offset,
        use=use,
    )
    await wait_idle(server)  # the requests still in flight at the end finish, and are counted below
    cpu_after = server.cpu_seconds()
    db_after = await backend_cpu(conn)
    counters_after = _counters(server)
    # The load is a closed loop: at the end every connection has one request in flight, which the server
    # still serves (and is waited for above); the costs are divided by the requests it served.
    requests = result.requests + connections if result.requests else 1
    db_cpu = sum(v - db_before.get(pid, 0.0) for pid, v in db_after.items())
    sql_per_req: float | None = None
    sql_note = ""
    # With several processes /metrics answers from one of them: no statement count then.
    if target.system == OURS and counters_before and counters_after and config.workers == 1:
        requests = max(1, counters_after[0] - counters_before[0])  # ours counts them itself (/metrics)
        sql_per_req = (counters_after[1] - counters_before[1]) / requests
    elif target.system == LIMIT:
        sql_per_req = 1.0
    elif target.system == POSTGRAPHILE and counters_before and counters_after:
        sql_per_req = (counters_after[0] - counters_before[0]) / requests
        control = (counters_after[1] - counters_before[1]) / requests
        sql_note = f"+{control:.0f} tx"
    if result.errors and valid == "ok":
        valid = f"{result.errors} errors under load"
    if result.requests == 0 and valid == "ok":
        valid = "no request completed in the timed run"
    return report.Measurement(
        operation=op.name,
        system=target.system,
        round=round_number,
        rps=round(result.rps, 1),
        p50_ms=round(result.p50_ms, 2),
        p90_ms=round(result.p90_ms, 2),
        p99_ms=round(result.p99_ms, 2),
        mean_ms=round(result.mean_ms, 2),
        requests=result.requests,
        seconds=round(result.seconds, 2),
        errors=result.errors,
        cpu_ms_per_req=round((cpu_after - cpu_before) * 1000 / requests, 3),
        db_cpu_ms_per_req=round(db_cpu * 1000 / requests, 3),
        sql_per_req=None if sql_per_req is None else round(sql_per_req, 2),
        sql_note=sql_note,
        valid=valid,
        connections=connections,
        tool=result.tool,
        note=note,
    )


async def wait_idle(server: servers.Server, *, limit: float = 30.0) -> None:
    """Until the server's process tree has used under 5% of a core for a quarter of a second."""
    deadline = time.monotonic() + limit
    before = server.cpu_seconds()
    while time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        now = server.cpu_seconds()
        if now - before < 0.0125:
            return
        before = now


def _counters(server: servers.Server) -> tuple[int, int] | None:
    try:
        if server.name == OURS:
            return ours_counters(server)
        if server.name == POSTGRAPHILE:
            return postgraphile_counters(server)
    except (OSError, ValueError, KeyError):
        return None
    return None


def _empty(op: Operation, target: Target, round_number: int, why: str) -> report.Measurement:
    return report.Measurement(
        operation=op.name,
        system=target.system,
        round=round_number,
        rps=0.0,
        p50_ms=0.0,
        p90_ms=0.0,
        p99_ms=0.0,
        mean_ms=0.0,
        requests=0,
        seconds=0.0,
        errors=0,
        cpu_ms_per_req=None,
        db_cpu_ms_per_req=None,
        sql_per_req=None,
        valid=why,
    )


async def sql_by_page_size(ours: servers.Server) -> list[dict[str, Any]]:
    """Bar: SQL statements per request constant in page size (sequential requests, /metrics deltas)."""
    cases = [
        ("approval queue (heavy approver)", operations.OURS_QUEUE, "first", (1, 10, 50, 100), w.HEAVY),
        ("associations (billing company)", operations.OURS_ASSOCIATIONS, "first", (1, 10, 100), w.BILLING),
        ("associations (billing world, 2,200)", operations.OURS_BIG_DASHBOARD, "first", (5, 50, 100), w.BIG_BILLING),
        ("SPA associations page (billing world)", operations.OURS_BIG_SPA_PAGE, "first", (5, 50, 100), w.BIG_BILLING),
    ]
    if operations.has_paged_roles():
        cases.append(("roles page (2,001 roles)", operations.OURS_ROLES_PAGE, "first", (5, 50, 100), w.BIG_BILLING))
    out: list[dict[str, Any]] = []
    for label, query, variable, sizes, person in cases:
        for size in sizes:
            variables: dict[str, Any] = {variable: size}
            if query == operations.OURS_BIG_SPA_PAGE:
                variables["companyId"] = operations.big_company_gid()
            body = operations.graphql_body(query, variables)
            cookie = operations.cookie(person)
            await asyncio.to_thread(post, ours.base + "/graphql", body, cookie)  # warm
            before = await asyncio.to_thread(ours_counters, ours)
            for _ in range(10):
                await asyncio.to_thread(post, ours.base + "/graphql", body, cookie)
            after = await asyncio.to_thread(ours_counters, ours)
            per = (after[1] - before[1]) / max(1, after[0] - before[0])
            out.append({"operation": label, "size": size, "sql_per_req": round(per, 2)})
    people = (
        ("my roles (typical, 20 roles)", w.TYPICAL, 20),
        ("my roles (billing)", w.BILLING, 0),
        ("my roles (billing world admin)", w.BIG_BILLING, 0),
    )
    for label, person, count in people:
        body = operations.graphql_body(operations.OURS_VIEWER)
        cookie = operations.cookie(person)
        answer = await asyncio.to_thread(post, ours.base + "/graphql", body, cookie)
        roles = len(((answer.get("data") or {}).get("viewer") or {}).get("roles") or []) or count
        before = await asyncio.to_thread(ours_counters, ours)
        for _ in range(10):
            await asyncio.to_thread(post, ours.base + "/graphql", body, cookie)
        after = await asyncio.to_thread(ours_counters, ours)
        per = (after[1] - before[1]) / max(1, after[0] - before[0])
        out.append({"operation": label, "size": roles, "sql_per_req": round(per, 2)})
    return out


async def page_size_check(rep: report.Report, ours: servers.Server) -> None:
    if rep.sql_by_page_size:
        return
    try:
        await wait_idle(ours)
        rep.sql_by_page_size = await sql_by_page_size(ours)
    except Exception as exc:  # a broken operation is a finding, not a crash of the bench
        rep.notes.append(f"SQL by page size: {exc}")
        rep.sql_by_page_size = [{"operation": f"failed: {exc}", "size": 0, "sql_per_req": None}]


# --- the billing world's CSV export: throughput and the server's memory while it streams -----------------------


def _tree_pids(pid: int) -> list[int]:
    children = servers._children()
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _status_kib(pid: int, key: str) -> int:
    """A `kB` line of /proc/<pid>/status (VmRSS, VmHWM), 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peaks(pids: list[int]) -> bool:
    """Reset VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`, Linux 4.0+); False when refused."""
    try:
        for pid in pids:
            with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as f:
                f.write("5")
    except OSError:
        return False
    return True


def _download(url: str, cookie: str) -> tuple[int, bytes, float]:
    request = urllib.request.Request(url, headers={"cookie": cookie})  # noqa: S310 - loopback
    started = time.perf_counter()
    chunks = []
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        status = int(response.status)
        while chunk := response.read(65536):
            chunks.append(chunk)
    return status, b"".join(chunks), time.perf_counter() - started


def export_once(server: servers.Server, url: str, cookie: str) -> dict[str, Any]:
    """One download of the CSV while a thread samples the server's RSS every 5 ms (and VmHWM, reset before)."""
    pids = _tree_pids(server.process.pid)
    hwm_reset = _reset_peaks(pids)
    rss_before = sum(_status_kib(pid, "VmRSS") for pid in pids)
    peak = rss_before
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_status_kib(pid, "VmRSS") for pid in pids))
            stop.wait(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    counters_before = ours_counters(server)
    sampler.start()
    try:
        status, body, seconds = _download(url, cookie)
    finally:
        stop.set()
        sampler.join()
    counters_after = ours_counters(server)
    hwm_after = sum(_status_kib(pid, "VmHWM") for pid in pids)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    data_rows = max(0, len(rows) - 1)
    return {
        "status": status,
        "rows": data_rows,
        "bytes": len(body),
        "seconds": round(seconds, 3),
        "rows_per_s": round(data_rows / seconds, 1) if seconds else 0.0,
        "rss_before_mib": round(rss_before / 1024, 1),
        "peak_growth_mib": round((peak - rss_before) / 1024, 1),
        # VmHWM was reset to the RSS of the moment just before `rss_before` was read: at least 0
        "hwm_growth_mib": round(max(0, hwm_after - rss_before) / 1024, 1) if hwm_reset else None,
        "sql_statements": counters_after[1] - counters_before[1],
    }


async def export_check(rep: report.Report, ours: servers.Server, downloads: int) -> None:
    """The billing world's associations as CSV (/exports/associations.csv), `downloads` times in a row."""
    if rep.exports:
        return
    company = operations.big_company_gid()
    url = f"{ours.base}/exports/associations.csv?{urllib.parse.urlencode({'companyId': company})}"
    try:
        await wait_idle(ours)
        for _ in range(downloads):
            item = await asyncio.to_thread(export_once, ours, url, operations.cookie(w.BIG_BILLING))
            if item["status"] != 200 or item["rows"] != w.BIG_ORGANIZATIONS:
                item["error"] = f"HTTP {item['status']}, {item['rows']} rows instead of {w.BIG_ORGANIZATIONS}"
            rep.exports.append(item)
            print(
                f"  export        ours          {item['rows']:>5} rows in {item['seconds'] * 1000:,.0f} ms "
                f"({item['rows_per_s']:,.0f} rows/s), server RSS +{item['peak_growth_mib']:.1f} MiB peak "
                f"(VmHWM +{report._fmt(item['hwm_growth_mib'])}), SQL {item['sql_statements']}"
                + (f"  {item['error']}" if "error" in item else "  ok"),
                flush=True,
            )
    except Exception as exc:  # a broken export is a finding, not a crash of the bench
        rep.exports.append({"error": str(exc)})
        rep.notes.append(f"CSV export: {exc}")


async def checks_of_ours(
    rep: report.Report, started: dict[str, servers.Server], config: Config, export_wanted: bool
) -> None:
    """Statements by page size and the CSV export, once: before the mutations (whose mails the server sends in the
    background for a while), or at the end when there are none."""
    ours = started.get(OURS)
    if ours is None:
        return
    if config.page_size_check:
        await page_size_check(rep, ours)
    if export_wanted:
        await export_check(rep, ours, 3 if config.quick else 5)


def billing_world_line(config: Config) -> str:
    measured = "measured" if operations.has_association_filters() else "NOT in ours' schema yet: not measured"
    paged = "measured" if operations.has_paged_roles() else "NOT in ours' schema yet: not measured"
    return (
        f"billing world: {w.BIG_COMPANY_NAME}, {w.BIG_SERVED:,} organizations served ({w.BIG_ORGANIZATIONS:,} "
        f"associations), its administrator with {w.BIG_SERVED + 1:,} roles, the same N at every scale"
        f"{' (also in --quick)' if config.quick else ''}; search and status filter {measured}; paged roles {paged}"
    )


# --- the whole run -----------------------------------------------------------------------------------------


async def start_systems(
    fleet: servers.Fleet, config: Config, database_url: str, installation: postgraphile.Installation | None
) -> dict[str, servers.Server]:
    started: dict[str, servers.Server] = {}
    if OURS in config.systems:
        started[OURS] = start_ours(fleet, database_url, config.workers)
    if LIMIT in config.systems:
        started[LIMIT] = start_limit(fleet, database_url)
    if POSTGRAPHILE in config.systems and installation is not None:
        started[POSTGRAPHILE] = start_postgraphile(fleet, installation, database_url)
    for name, server in started.items():
        if name in (OURS, LIMIT):
            await asyncio.to_thread(servers.wait_ready, server, "/healthz")
        else:
            await asyncio.to_thread(
                servers.wait_ready, server, "/graphql", method="POST", body=b'{"query":"{__typename}"}'
            )
        print(f"server: {name} ready on {server.base} (pid {server.process.pid}, log {server.log})", flush=True)
    return started


async def prepare_postgraphile(
    config: Config, conn: asyncpg.Connection
) -> tuple[postgraphile.Installation | None, str]:
    if POSTGRAPHILE not in config.systems:
        return None, "not requested"
    installation, why = await asyncio.to_thread(postgraphile.install)
    if installation is None:
        print(f"postgraphile: skipped - {why}", flush=True)
        return None, f"skipped: {why}"
    await conn.execute(sql.POSTGRAPHILE_FUNCTIONS)
    status = f"postgraphile {installation.version} on Node {installation.node_version} ({why})"
    return installation, status


async def run_bench(config: Config) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    started = time.monotonic()
    rep = report.Report(
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        mode="quick" if config.quick else "full",
        machine=report.machine_info(),
        versions=report.package_versions(),
        config=asdict(config) | {"database_url": "(server of DATABASE_URL)"},
        world={},
        postgraphile="not requested",
    )
    info = await w.ensure_world(config.database_url, config.scale, rebuild=config.rebuild)
    rep.world = asdict(info)
    database_url = w.server_url(config.database_url, info.database)
    conn = await asyncpg.connect(database_url)
    try:
        rep.versions["postgresql"] = str(await conn.fetchval("SHOW server_version"))
        await w.refresh_sessions(conn)
        installation, rep.postgraphile = await prepare_postgraphile(config, conn)
        if installation is not None:
            rep.versions["postgraphile"] = installation.version
            rep.versions["node (PostGraphile)"] = installation.node_version
        use = loadgen.ensure_wrk()
        rep.versions["load generator"] = loadgen.wrk_version() if use == "wrk" else "bench.pyload"
        report.print_header(rep)
        print(
            f"run: {config.connections} connections, {config.warmup:g} s warm-up + {config.duration:g} s per "
            f"operation and system, {config.rounds} round(s); the machine is shared, so numbers are noisy",
            flush=True,
        )
        with servers.fleet(WORK_DIR / "logs" / stamp) as fleet:
            started_servers = await start_systems(fleet, config, database_url, installation)
            ops = operations.read_operations(set(started_servers))
            if OURS in started_servers:
                # every round its own fresh items: a second round on the first's would time refusals (the
                # submission already pending, the request already decided), not the work
                ops += await operations.mutation_operations(conn, config.mutation_items * config.rounds)
            if config.operations:
                ops = [op for op in ops if op.name in config.operations]
            export_wanted = not config.operations or "big_export" in config.operations
            print(billing_world_line(config), flush=True)
            for round_number in range(1, config.rounds + 1):
                rows_seen: dict[str, dict[str, list[str]]] = {}
                for op in ops:
                    if op.mutation and round_number == 1:
                        await checks_of_ours(rep, started_servers, config, export_wanted)
                    for system, every_round in op.targets.items():
                        target = _round_share(op, every_round, round_number, config.rounds)
                        server = started_servers[system]
                        if not server.alive():
                            rep.measurements.append(_empty(op, target, round_number, "server died"))
                            continue
                        m = await measure(op, target, server, conn, config, use, round_number, rows_seen)
                        rep.measurements.append(m)
                        print(
                            f"  {op.name:<13} {system:<13} {m.rps:>8.1f} req/s  p50 {m.p50_ms:>7.1f} ms  "
                            f"p99 {m.p99_ms:>7.1f} ms  CPU {report._fmt(m.cpu_ms_per_req, 2):>6} ms/req  "
                            f"SQL/req {report._fmt(m.sql_per_req, 2)} {m.sql_note}  {m.valid}",
                            flush=True,
                        )
                for name, seen in rows_seen.items():
                    rep.same_rows[name] = _same_rows(seen)
            await checks_of_ours(rep, started_servers, config, export_wanted)
            for name, server in started_servers.items():
                if not server.alive():
                    rep.notes.append(f"{name} exited during the run; log: {server.log}")
    finally:
        await conn.close()
    report.print_table(rep)
    rep.notes.append(f"total {time.monotonic() - started:.0f} s")
    path = report.save(rep, stamp)
    print(f"\nresults: {path}")
    return path


def _round_share(op: Operation, target: Target, round_number: int, rounds: int) -> Target:
    """A mutation's fresh items of this round (its share of those prepared for all rounds); reads as they are."""
    if not op.mutation or len(target.bodies) < rounds:
        return target
    share = len(target.bodies) // rounds
    return replace(target, bodies=target.bodies[share * (round_number - 1) : share * round_number])


def _same_rows(seen: dict[str, list[str]]) -> str:
    if len(seen) < 2:
        return "only one system answered"
    reference = seen.get(OURS) or next(iter(seen.values()))
    differing = [system for system, rows in seen.items() if rows != reference]
    if not differing:
        return f"yes, the same {len(reference)} requests in the same order ({', '.join(seen)})"
    return "NO: " + ", ".join(f"{s} differs" for s in differing)


# --- comparing scales ----------------------------------------------------------------------------------------


async def compare_scales(config: Config, scales: list[float]) -> Path:
    """Latency of the read operations with one connection, ours and the limit, at two scales."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    rep = report.Report(
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        mode="compare-scales",
        machine=report.machine_info(),
        versions=report.package_versions(),
        config=asdict(config) | {"database_url": "(server of DATABASE_URL)", "scales": scales},
        world={},
        postgraphile="not used in this mode",
    )
    report.print_header(rep)
    use = loadgen.ensure_wrk()
    per_scale: dict[float, dict[tuple[str, str], report.Measurement]] = {}
    systems = tuple(s for s in config.systems if s in (OURS, LIMIT))
    single = Config(**(asdict(config) | {"connections": 1, "systems": systems}))
    for scale in scales:
        info = await w.ensure_world(config.database_url, scale, rebuild=config.rebuild)
        rep.world[f"{scale:g}"] = asdict(info)
        database_url = w.server_url(config.database_url, info.database)
        conn = await asyncpg.connect(database_url)
        try:
            await w.refresh_sessions(conn)
            with servers.fleet(WORK_DIR / "logs" / f"{stamp}-scale-{scale:g}") as fleet:
                started_servers = await start_systems(fleet, single, database_url, None)
                results: dict[tuple[str, str], report.Measurement] = {}
                for op in operations.read_operations(set(started_servers)):
                    for system, target in op.targets.items():
                        m = await measure(op, target, started_servers[system], conn, single, use, 1, {})
                        m.note = f"scale {scale:g}"
                        rep.measurements.append(m)
                        results[(op.name, system)] = m
                        print(
                            f"  scale {scale:<6g} {op.name:<13} {system:<7} p50 {m.p50_ms:7.2f} ms  "
                            f"p99 {m.p99_ms:7.2f} ms  {m.valid}",
                            flush=True,
                        )
                per_scale[scale] = results
        finally:
            await conn.close()
    small, large = scales[0], scales[-1]
    for key, m_small in per_scale[small].items():
        m_large = per_scale[large].get(key)
        if m_large is None or not m_small.p50_ms:
            continue
        rep.scale_comparison.append(
            {
                "operation": key[0],
                "system": key[1],
                "small_scale": small,
                "large_scale": large,
                "small_p50_ms": m_small.p50_ms,
                "small_p99_ms": m_small.p99_ms,
                "large_p50_ms": m_large.p50_ms,
                "large_p99_ms": m_large.p99_ms,
                "p50_ratio": round(m_large.p50_ms / m_small.p50_ms, 2),
                "roles_small": rep.world[f"{small:g}"]["counts"].get("role_assignments"),
                "roles_large": rep.world[f"{large:g}"]["counts"].get("role_assignments"),
            }
        )
    report.print_scale_comparison(rep.scale_comparison)
    path = report.save(rep, f"{stamp}-scales")
    print(f"\nresults: {path}")
    return path
