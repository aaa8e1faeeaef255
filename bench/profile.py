"""Profile one operation of ours in-process: the real app (create_app), sequential requests, pyinstrument.

`python -m bench profile --op queue_heavy --scale 1 --repeat 30` prints where the time goes - the
functions with the most time of their own, and the time by library - and writes the full profile as
HTML to bench/results/profile-<op>-<time>.html. No server process and no concurrency: this is the cost
of the request itself (the HTTP client in the same process is a few per cent of it).
"""

from __future__ import annotations

import cProfile
import pstats
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import Any

import httpx

from bench import operations
from bench import world as w
from bench.report import RESULTS_DIR

CASES: dict[str, tuple[str, dict[str, Any], int]] = {
    "queue_heavy": (operations.OURS_QUEUE, {"first": operations.QUEUE_PAGE}, w.HEAVY),
    "queue_light": (operations.OURS_QUEUE, {"first": operations.QUEUE_PAGE}, w.LIGHT),
    "my_roles": (operations.OURS_VIEWER, {}, w.TYPICAL),
    "associations": (operations.OURS_ASSOCIATIONS, {"first": operations.ASSOCIATIONS_PAGE}, w.BILLING),
    "big_dashboard": (operations.OURS_BIG_DASHBOARD, {"first": operations.BIG_PAGE}, w.BIG_BILLING),
    # the SPA's company page: also each group's first members (their e-mail addresses) and each request's approvers
    "big_spa_page": (
        operations.OURS_BIG_SPA_PAGE,
        {"companyId": operations.big_company_gid(), "first": operations.BIG_PAGE},
        w.BIG_BILLING,
    ),
    "big_roles": (operations.OURS_VIEWER, {}, w.BIG_BILLING),  # 2,001 roles, unpaged
    "big_roles_page": (operations.OURS_ROLES_PAGE, {"first": operations.BIG_PAGE}, w.BIG_BILLING),
    # the fixed cost of a signed-in request: HTTP, the session, the document, one field (the bench's `signed_in`)
    "signed_in": (operations.OURS_SIGNED_IN, {}, w.TYPICAL),
    "fixed": (operations.OURS_SIGNED_IN, {}, w.TYPICAL),  # its earlier name, as docs/performance.md quotes it
    "submit": (operations.OURS_SUBMIT, {}, w.SUBMITTER),  # a fresh group per request
    "decide": (operations.OURS_APPROVE, {}, w.DECIDER),  # a fresh pending request per request
}
LIBRARIES = (
    ("iacs", "/iacs/"),  # first: our own graphql/ layer is not graphql-core
    ("graphql-core", "/graphql/"),
    ("strawberry", "/strawberry/"),
    ("sqlalchemy", "/sqlalchemy/"),
    ("asyncpg", "/asyncpg/"),
    ("starlette/httpx/anyio", ("/starlette/", "/httpx/", "/anyio/", "/httpcore/")),
    ("asyncio", "/asyncio/"),
)


def _library(path: str | None) -> str:
    if not path:
        return "other"
    for name, needle in LIBRARIES:
        needles = needle if isinstance(needle, tuple) else (needle,)
        if any(n in path for n in needles):
            return name
    return "other"


STEPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # label, file path part, function names: the time inside the outermost such frame (children included)
    ("parse the document", "graphql/language/parser", ("parse",)),
    ("validate the document", "graphql/validation/validate", ("validate",)),
    ("execute (resolvers, field completion)", "graphql/execution/", ("execute", "execute_operation")),
    ("  - SQL through SQLAlchemy (statements, ORM rows)", "sqlalchemy/orm/session", ("execute", "scalars", "scalar")),
    ("  - DataLoader batches", "strawberry/dataloader", ("dispatch_batch",)),
    ("  - session cookie -> viewer", "iacs/domain/accounts/service", ("user_for_session",)),
    ("  - viewer's roles and authority", "iacs/domain/requests/service", ("load_actor",)),
    ("  - Relay ids (base64)", "iacs/graphql/ids", ("to_global_id",)),
    (
        "strawberry schema extensions",
        "strawberry/extensions/",
        ("on_operation", "on_validate", "on_parse", "on_execute"),
    ),
    ("JSON encoding of the answer", "iacs/app", ("encode_json",)),
)


def _steps(frame: Any, totals: dict[str, float], active: frozenset[str] = frozenset()) -> None:
    path = frame.file_path or ""
    inside = set(active)
    for label, part, functions in STEPS:
        if label not in active and part in path and frame.function in functions:
            totals[label] += frame.time
            inside.add(label)
    for child in frame.children:
        if not child.is_synthetic:
            _steps(child, totals, frozenset(inside))


def _self_times(frame: Any, by_library: dict[str, float], by_function: dict[str, float]) -> None:
    """Own time of every real frame (its [self] and [await] children), by library and by function."""
    real = [child for child in frame.children if not child.is_synthetic]
    own = frame.time - sum(child.time for child in real)
    waited = sum(child.time for child in frame.children if child.identifier == "[await]")
    if waited:
        by_library["(awaiting: database, sockets)"] += waited
    if own - waited > 0:
        by_library[_library(frame.file_path)] += own - waited
        key = f"{frame.function} ({frame.file_path_short or '?'}:{frame.line_no})"
        by_function[key] += own - waited
    for child in real:
        _self_times(child, by_library, by_function)


def _print_calls(op: str, repeat: int, stats: pstats.Stats) -> None:
    """Python function calls per request, by package: a count that two versions of the code can be compared by
    on a busy machine, where CPU times are not (the same for every run of the same code)."""
    by_package: Counter[str] = Counter()
    total = 0
    for (file_name, _, _), row in stats.stats.items():  # type: ignore[attr-defined]
        count = row[1]  # primitive and recursive calls alike
        total += count
        by_package[_library(file_name) if file_name != "~" else "builtins"] += count
    print(f"{op}: {total / repeat:,.0f} Python calls per request (in-process, the test client's share included)")
    print("  " + ", ".join(f"{name} {count / repeat:,.0f}" for name, count in by_package.most_common(10)))


async def profile(  # noqa: PLR0915
    database_url: str, op: str, scale: float, repeat: int, *, time_only: bool = False, calls: bool = False
) -> int:
    from pyinstrument import Profiler

    from iacs.app import create_app
    from iacs.cli import tune_garbage_collection
    from iacs.config import Settings, normalize_database_url

    if op not in CASES:
        print(f"unknown operation {op}; choose from {', '.join(CASES)}")
        return 2
    info = await w.ensure_world(database_url, scale)
    url = normalize_database_url(w.server_url(database_url, info.database))
    import asyncpg

    query, variables, person = CASES[op]
    conn = await asyncpg.connect(w.server_url(database_url, info.database))
    try:
        await w.refresh_sessions(conn)
        if op == "submit":
            groups = await operations.submission_groups(conn, repeat + 3)
            bodies = [
                operations.graphql_body(query, {"input": {"userGroupId": operations.to_global_id("UserGroup", g)}})
                for g in groups
            ]
        elif op == "decide":
            requests = await operations.decidable_requests(conn, repeat + 3)
            bodies = [
                operations.graphql_body(query, {"input": {"requestId": operations.to_global_id("AccessRequest", r)}})
                for r in requests
            ]
        else:
            bodies = [operations.graphql_body(query, variables)] * (repeat + 3)
    finally:
        await conn.close()
    if len(bodies) < repeat + 3:
        print(f"only {len(bodies)} fresh items for {op}")
        return 1
    settings = Settings(env="development", database_url=url)
    # The app's own engine, as `iacs serve` builds it: queries read without a transaction (no BEGIN, no ROLLBACK);
    # its lifespan gives the engine back at the end.
    app = create_app(settings, database_url=url, deliver_mail=False, run_jobs=False)
    headers = {"content-type": "application/json", "cookie": operations.cookie(person)}
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client,
    ):
        for body in bodies[:3]:  # warm: connections, caches, first-time imports
            answer = (await client.post("/graphql", content=body, headers=headers)).json()
        if answer.get("errors"):
            print(f"the operation answers errors: {answer['errors']}")
        tune_garbage_collection()  # as `iacs serve` does once its app is loaded: measure what the server runs
        if time_only:
            started, cpu = time.perf_counter(), time.process_time()
            for body in bodies[3:]:
                await client.post("/graphql", content=body, headers=headers)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            print(
                f"{op}: {repeat} sequential requests, {wall * 1000 / repeat:.2f} ms wall and "
                f"{cpu * 1000 / repeat:.2f} ms CPU of this process each (in-process, no profiler)"
            )
            return 0
        if calls:
            counter = cProfile.Profile()
            counter.enable()
            for body in bodies[3:]:
                await client.post("/graphql", content=body, headers=headers)
            counter.disable()
            _print_calls(op, repeat, pstats.Stats(counter))
            return 0
        profiler = Profiler(interval=0.0005, async_mode="enabled")
        started = time.perf_counter()
        profiler.start()
        for body in bodies[3:]:
            await client.post("/graphql", content=body, headers=headers)
        profiler.stop()
        elapsed = time.perf_counter() - started

    session = profiler.last_session
    assert session is not None
    root = session.root_frame()
    total = root.time if root is not None else 0.0
    by_library: dict[str, float] = defaultdict(float)
    by_function: dict[str, float] = defaultdict(float)
    if root is not None:
        _self_times(root, by_library, by_function)
    print(f"\n{op}: {repeat} sequential requests, {elapsed * 1000 / repeat:.1f} ms each (wall, in-process, profiled)")
    print("\ntime by library (own time of its functions):")
    for name, seconds in sorted(by_library.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<24} {seconds / total:6.1%}")
    steps: dict[str, float] = defaultdict(float)
    for top in root.children if root is not None else []:
        _steps(top, steps)
    print("\ntime inside notable steps (children included; SQL runs in greenlets, counted apart):")
    for label, _part, _functions in STEPS:
        print(f"  {label:<52} {steps.get(label, 0.0) / total:6.1%}")
    print("\nfunctions with the most time of their own:")
    for name, seconds in sorted(by_function.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {seconds / total:6.1%}  {name}")
    print(profiler.output_text(unicode=False, color=False, show_all=False, time="percent_of_total", short_mode=True))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"profile-{op}-{stamp}.html"
    path.write_text(profiler.output_html())
    path.with_suffix(".txt").write_text(
        profiler.output_text(unicode=False, color=False, show_all=True, time="percent_of_total")
    )
    print(f"full profile: {path} (and .txt)")
    return 0
