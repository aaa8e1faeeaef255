"""`python -m bench replica`: past one machine, measured (issue 16). One and two API processes, against a primary
alone and against a primary with a streaming replica that the queries read (IACS_REPLICA_DATABASE_URL).

A throwaway primary and replica (pg_basebackup -R) are started from the embedded server's binaries
(iacs/db/standby.py), fsync on, on this machine: the replica shares the same cores, so this measures the routing's
cost and where the work goes, not the capacity a second machine adds. The bench world is built on the primary
and streams to the replica. For each of the four set-ups every read operation asked is put under the same load;
the statements each server ran come from pg_stat_database (transactions committed in the bench database).
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import orjson

from bench import loadgen, operations, report, servers
from bench import world as w
from bench.operations import OURS
from bench.run import WORK_DIR, Config, measure
from iacs.db.standby import StandbyPair, start_pair

RESULTS = Path(__file__).resolve().parent / "results"
SETUPS = ((1, False), (2, False), (1, True), (2, True))  # (processes, queries on the replica)
DEFAULT_OPS = ("queue_heavy", "queue_light", "my_roles")


@dataclass
class Row:
    processes: int
    replica: bool
    operation: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    valid: str
    primary_xacts_per_req: float
    replica_xacts_per_req: float
    primary_wal_bytes_per_req: float  # WAL the primary wrote during the run (pruning, session touches, jobs)
    load_before: tuple[float, float, float]


@dataclass
class ReplicaReport:
    started_at: str
    machine: dict[str, Any]
    config: dict[str, Any]
    postgresql: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


async def _committed(port: int, database: str) -> int:
    conn = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{port}/{database}")
    try:
        return int(await conn.fetchval("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", database))
    finally:
        await conn.close()


async def _caught_up(pair: StandbyPair, database: str) -> None:
    primary = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{pair.primary_port}/{database}")
    replica = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{pair.replica_port}/{database}")
    try:
        needed = await primary.fetchval("SELECT pg_current_wal_flush_lsn()")
        for _ in range(6000):  # at most 10 minutes
            if await replica.fetchval("SELECT pg_last_wal_replay_lsn() >= $1", needed):
                return
            await asyncio.sleep(0.1)
        raise RuntimeError("the replica did not catch up in 10 minutes")
    finally:
        await primary.close()
        await replica.close()


def _start(fleet: servers.Fleet, primary: str, replica: str | None, processes: int) -> servers.Server:
    port = servers.free_port()
    env = {"DATABASE_URL": primary, "IACS_ENV": "development", "IACS_DATA_DIR": str(WORK_DIR / "iacs-data")}
    if replica is not None:
        env["IACS_REPLICA_DATABASE_URL"] = replica
    command = [servers.venv_bin("iacs"), "serve", "--port", str(port), "--workers", str(processes)]
    name = f"ours-{processes}p-{'replica' if replica else 'primary'}"
    return fleet.start(name, command, port=port, env=servers.python_env(env))


async def run_replica_bench(config: Config) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    print("replica: starting a primary and its streaming replica (pg_basebackup -R)", flush=True)
    pair = await asyncio.to_thread(start_pair, durable=True)
    try:
        base = f"postgresql://postgres@127.0.0.1:{pair.primary_port}/postgres"
        info = await w.ensure_world(base, config.scale)
        database = info.database
        primary_url = w.server_url(base, database)
        replica_url = f"postgresql://postgres@127.0.0.1:{pair.replica_port}/{database}"
        conn = await asyncpg.connect(primary_url)
        rep = ReplicaReport(
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            machine=report.machine_info(),
            config=asdict(config) | {"database_url": "(a throwaway primary, db/standby.py)"},
            postgresql=str(await conn.fetchval("SHOW server_version")),
        )
        try:
            await w.refresh_sessions(conn)
            await _caught_up(pair, database)
            use = loadgen.ensure_wrk()
            ops = [op for op in operations.read_operations({OURS}) if op.name in (config.operations or DEFAULT_OPS)]
            print(
                f"replica: PostgreSQL {rep.postgresql}, world {database}; {config.connections} connections, "
                f"{config.warmup:g} s warm-up + {config.duration:g} s per operation; load {os.getloadavg()}",
                flush=True,
            )
            for processes, on_replica in SETUPS:
                setup = Config(**(asdict(config) | {"workers": processes}))
                with servers.fleet(WORK_DIR / "logs" / f"replica-{stamp}") as fleet:
                    server = _start(fleet, primary_url, replica_url if on_replica else None, processes)
                    await asyncio.to_thread(servers.wait_ready, server, "/healthz")
                    for op in ops:
                        load = os.getloadavg()
                        before = (
                            await _committed(pair.primary_port, database),
                            await _committed(pair.replica_port, database),
                        )
                        wal_before = await conn.fetchval("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")
                        m = await measure(op, op.targets[OURS], server, conn, setup, use, 1, {})
                        after = (
                            await _committed(pair.primary_port, database),
                            await _committed(pair.replica_port, database),
                        )
                        wal = float(await conn.fetchval("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn") - wal_before)
                        served = max(1, m.requests + m.connections)
                        row = Row(
                            processes=processes,
                            replica=on_replica,
                            operation=op.name,
                            rps=m.rps,
                            p50_ms=m.p50_ms,
                            p99_ms=m.p99_ms,
                            errors=m.errors,
                            valid=m.valid,
                            primary_xacts_per_req=round((after[0] - before[0]) / served, 2),
                            replica_xacts_per_req=round((after[1] - before[1]) / served, 2),
                            primary_wal_bytes_per_req=round(wal / served, 1),
                            load_before=(round(load[0], 2), round(load[1], 2), round(load[2], 2)),
                        )
                        rep.rows.append(row)
                        where = "replica" if on_replica else "primary"
                        print(
                            f"  {processes} process(es), reads on the {where:<7} {op.name:<12} {m.rps:>8.1f} req/s  "
                            f"p50 {m.p50_ms:>7.1f} ms  p99 {m.p99_ms:>7.1f} ms  statements/req primary "
                            f"{row.primary_xacts_per_req:.2f} replica {row.replica_xacts_per_req:.2f}  WAL "
                            f"{row.primary_wal_bytes_per_req:.0f} B/req  "
                            f"load {row.load_before[0]:.2f}  {m.valid}",
                            flush=True,
                        )
        finally:
            await conn.close()
    finally:
        await asyncio.to_thread(pair.stop)
    rep.notes.append(
        "statements/req: transactions committed in the bench database per request, from pg_stat_database on each "
        "server (queries run without a transaction, so each statement commits on its own)"
    )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"replica-{stamp}.json"
    path.write_bytes(orjson.dumps(asdict(rep), option=orjson.OPT_INDENT_2))
    print(f"\nresults: {path} ({time.strftime('%H:%M:%S')})")
    return path
