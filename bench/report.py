"""The machine, the versions, the table on stdout and the JSON in bench/results/."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Measurement:
    operation: str
    system: str
    round: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    requests: int
    seconds: float
    errors: int
    cpu_ms_per_req: float | None
    db_cpu_ms_per_req: float | None
    sql_per_req: float | None
    sql_note: str = ""
    valid: str = "ok"  # "ok" or why the single checked answer was wrong
    connections: int = 32
    tool: str = "wrk"
    note: str = ""


@dataclass
class Report:
    started_at: str
    mode: str
    machine: dict[str, Any]
    versions: dict[str, str]
    config: dict[str, Any]
    world: dict[str, Any]
    postgraphile: str
    measurements: list[Measurement] = field(default_factory=list)
    same_rows: dict[str, str] = field(default_factory=dict)
    sql_by_page_size: list[dict[str, Any]] = field(default_factory=list)
    scale_comparison: list[dict[str, Any]] = field(default_factory=list)
    exports: list[dict[str, Any]] = field(default_factory=list)  # CSV downloads: throughput, server memory
    notes: list[str] = field(default_factory=list)


def machine_info() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "cpu": model,
        "kernel": platform.release(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def package_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in (
        "strawberry-graphql",
        "graphql-core",
        "starlette",
        "uvicorn",
        "uvloop",
        "httptools",
        "SQLAlchemy",
        "asyncpg",
        "orjson",
        "argon2-cffi",
    ):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    versions["iacs"] = git_describe()
    return versions


def git_describe() -> str:
    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return out.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "backend")
    return f"{commit}{' + uncommitted backend changes' if dirty else ''}"


def print_header(report: Report) -> None:
    m = report.machine
    print(f"machine: {m['cores']} cores, {m['memory_gib']} GiB, {m['cpu']}, load average {m['load_average_at_start']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in report.versions.items()))
    print(f"postgraphile: {report.postgraphile}")


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def summary(measurements: list[Measurement]) -> list[Measurement]:
    """One row per (operation, system): the median over rounds."""
    grouped: dict[tuple[str, str], list[Measurement]] = {}
    for m in measurements:
        grouped.setdefault((m.operation, m.system), []).append(m)
    rows = []
    for (operation, system), ms in grouped.items():
        if len(ms) == 1:
            rows.append(ms[0])
            continue
        first = ms[0]
        rows.append(
            Measurement(
                operation=operation,
                system=system,
                round=-1,
                rps=_median([m.rps for m in ms]) or 0.0,
                p50_ms=_median([m.p50_ms for m in ms]) or 0.0,
                p90_ms=_median([m.p90_ms for m in ms]) or 0.0,
                p99_ms=_median([m.p99_ms for m in ms]) or 0.0,
                mean_ms=_median([m.mean_ms for m in ms]) or 0.0,
                requests=sum(m.requests for m in ms),
                seconds=sum(m.seconds for m in ms),
                errors=sum(m.errors for m in ms),
                cpu_ms_per_req=_median([m.cpu_ms_per_req for m in ms]),
                db_cpu_ms_per_req=_median([m.db_cpu_ms_per_req for m in ms]),
                sql_per_req=_median([m.sql_per_req for m in ms]),
                sql_note=first.sql_note,
                valid="; ".join(sorted({m.valid for m in ms})),
                connections=first.connections,
                tool=first.tool,
                note=first.note,
            )
        )
    return rows


def _fmt(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def print_table(report: Report) -> None:
    rows = summary(report.measurements)
    header = (
        f"{'operation':<14} {'system':<13} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>10} "
        f"{'DB CPU ms/req':>13} {'SQL/req':>12} {'errors':>7}  check"
    )
    print()
    print(header)
    print("-" * len(header))
    last = ""
    for m in rows:
        if m.operation != last and last:
            print()
        last = m.operation
        sql = _fmt(m.sql_per_req, 2) + (f" {m.sql_note}" if m.sql_note else "")
        print(
            f"{m.operation:<14} {m.system:<13} {m.rps:>8,.1f} {m.p50_ms:>8.1f} {m.p99_ms:>8.1f} "
            f"{_fmt(m.cpu_ms_per_req, 2):>10} {_fmt(m.db_cpu_ms_per_req, 2):>13} {sql:>12} {m.errors:>7}  {m.valid}"
        )
    ratios = ratio_rows(rows)
    if ratios:
        print()
        print(f"{'operation':<14} {'ours/limit req/s':>17} {'ours/PostGraphile req/s':>24} {'ours/limit CPU':>15}")
        for r in ratios:
            print(
                f"{r['operation']:<14} {_fmt(r['ours_over_limit'], 2):>17} {_fmt(r['ours_over_postgraphile'], 2):>24} "
                f"{_fmt(r['cpu_ours_over_limit'], 1):>15}"
            )
    if report.same_rows:
        print()
        for operation, verdict in report.same_rows.items():
            print(f"same rows ({operation}): {verdict}")
    if report.sql_by_page_size:
        print()
        print("SQL statements per request of ours, by page size (sequential requests, /metrics deltas):")
        for item in report.sql_by_page_size:
            print(f"  {item['operation']:<34} {item['size']:>4} rows: {_fmt(item['sql_per_req'], 2)}")
    if report.exports:
        print()
        print("CSV export of the billing world's associations (sequential downloads, ours):")
        for item in report.exports:
            if "error" in item:
                print(f"  failed: {item['error']}")
                continue
            print(
                f"  {item['rows']:>5} rows, {item['bytes'] / 1024:,.0f} KiB in {item['seconds'] * 1000:,.0f} ms: "
                f"{item['rows_per_s']:,.0f} rows/s; server RSS {item['rss_before_mib']:.1f} MiB before, peak growth "
                f"{item['peak_growth_mib']:.1f} MiB (sampled) / {_fmt(item['hwm_growth_mib'])} MiB (VmHWM); "
                f"SQL {_fmt(item['sql_statements'], 0)}"
            )
    for line in bars(report.measurements):
        print(line)


def ratio_rows(rows: list[Measurement]) -> list[dict[str, Any]]:
    by: dict[tuple[str, str], Measurement] = {(m.operation, m.system): m for m in rows}
    out = []
    for operation in dict.fromkeys(m.operation for m in rows):
        ours = by.get((operation, "ours"))
        if ours is None:
            continue
        limit = by.get((operation, "limit"))
        peer = by.get((operation, "postgraphile"))
        if limit is None and peer is None:
            continue
        out.append(
            {
                "operation": operation,
                "ours_over_limit": ours.rps / limit.rps if limit and limit.rps else None,
                "ours_over_postgraphile": ours.rps / peer.rps if peer and peer.rps else None,
                "cpu_ours_over_limit": (
                    ours.cpu_ms_per_req / limit.cpu_ms_per_req
                    if limit and ours.cpu_ms_per_req and limit.cpu_ms_per_req
                    else None
                ),
            }
        )
    return out


# Issue 16's bars (docs/performance.md, "The bars"): ours against PostGraphile, in the same run, for these reads...
PEER_BARS = (
    ("queue_heavy", "approval queue, heavy approver", 1.5),
    ("queue_light", "approval queue, light approver", 1.0),
    ("my_roles", "my roles, a typical person", 1.0),
    ("big_roles_page", "my roles, the 2,000-role administrator, paged", 1.0),
    ("big_dashboard", "a billing company's dashboard page", 1.0),
)
LIMIT_BAR = ("queue_heavy", "approval queue, heavy approver", 0.25)  # ...the heavy queue against the limit...
TAIL_BAR = 5.0  # ...and p99 at most 5x p50 for every read of ours measured under load
READS = frozenset(
    {
        "signed_in",
        "queue_heavy",
        "queue_light",
        "my_roles",
        "associations",
        "big_dashboard",
        "big_spa_page",
        "big_roles",
        "big_roles_page",
        "big_search",
        "big_status",
        "spa_queue",
        "spa_my_roles",
    }
)


def bar_checks(measurements: list[Measurement]) -> list[dict[str, Any]]:
    """Each bar of issue 16 that this run measured: its value in every round, the median, and whether it holds in
    every round (a bar counts as met only then; one round is one run)."""
    by = {(m.operation, m.system, m.round): m for m in measurements}
    rounds = sorted({m.round for m in measurements})

    def per_round(value: Any) -> list[float]:
        found = [value(r) for r in rounds]
        return [v for v in found if v is not None]

    def ratio(operation: str, other: str) -> Any:
        def value(r: int) -> float | None:
            ours, them = by.get((operation, "ours", r)), by.get((operation, other, r))
            return ours.rps / them.rps if ours and them and them.rps else None

        return value

    checks: list[dict[str, Any]] = []

    def add(name: str, values: list[float], threshold: float, *, at_most: bool = False) -> None:
        if values:
            holds = [(v <= threshold) if at_most else (v >= threshold) for v in values]
            checks.append(
                {
                    "bar": name,
                    "threshold": threshold,
                    "at_most": at_most,
                    "rounds": [round(v, 3) for v in values],
                    "median": round(statistics.median(values), 3),
                    "met": all(holds),
                    "met_in_rounds": sum(holds),
                }
            )

    for operation, title, at_least in PEER_BARS:
        add(f"{title}: ours/PostGraphile", per_round(ratio(operation, "postgraphile")), at_least)
    operation, title, share = LIMIT_BAR
    add(f"{title}: ours/the limit", per_round(ratio(operation, "limit")), share)
    for operation in sorted({m.operation for m in measurements if m.operation in READS}):
        tails = per_round(
            lambda r, op=operation: (m.p99_ms / m.p50_ms) if (m := by.get((op, "ours", r))) and m.p50_ms else None
        )
        add(f"{operation}: p99/p50 of ours", tails, TAIL_BAR, at_most=True)
    return checks


def bars(measurements: list[Measurement]) -> list[str]:
    """The bars of issue 16 (docs/performance.md) that one run can check, round by round."""
    checks = bar_checks(measurements)
    if not checks:
        return []
    lines = ["", "bars (docs/performance.md; met only when it holds in every round):"]
    for check in checks:
        sign = "<=" if check["at_most"] else ">="
        each = " ".join(f"{v:.2f}" for v in check["rounds"])
        verdict = "MET" if check["met"] else f"NOT MET (held in {check['met_in_rounds']} of {len(check['rounds'])})"
        lines.append(
            f"  {check['bar']} {sign} {check['threshold']:g}x: median {check['median']:.2f} [{each}] -> {verdict}"
        )
    return lines


def print_scale_comparison(items: list[dict[str, Any]]) -> None:
    if not items:
        return
    print()
    print("latency by scale (1 connection; p50 / p99 ms):")
    for item in items:
        print(
            f"  {item['operation']:<13} {item['system']:<7} scale {item['small_scale']:g}: "
            f"{item['small_p50_ms']:.2f} / {item['small_p99_ms']:.2f}   scale {item['large_scale']:g}: "
            f"{item['large_p50_ms']:.2f} / {item['large_p99_ms']:.2f}   p50 ratio {item['p50_ratio']:.2f} "
            f"({'within' if item['p50_ratio'] <= 1.5 else 'NOT within'} 1.5x)"
        )


def save(report: Report, stamp: str) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{stamp}.json"
    data = asdict(report)
    data["summary"] = [asdict(m) for m in summary(report.measurements)]
    data["ratios"] = ratio_rows(summary(report.measurements))
    data["bars"] = bar_checks(report.measurements)
    data["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return path
