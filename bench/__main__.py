"""`python -m bench [run] [options]` | `python -m bench build --scale N` | `python -m bench profile --op NAME`.

run (the default): build or reuse the world, start ours, the limit and PostGraphile on its tables, put
  every operation under load from a separate process, print the table and write bench/results/*.json.
  --quick: a small world and short runs (under two minutes on a warm machine).
  --compare-scales 0.01,1: latency of the read operations (1 connection) at two scales.
build: only build (or reuse) the world of a scale.
profile: one operation of ours in-process under pyinstrument (see bench/profile.py).
replica: 1 vs 2 API processes, reads on the primary vs on a streaming replica (bench/replica.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
COMMANDS = ("run", "build", "profile", "replica")


def _scales(text: str) -> list[float]:
    values = [float(part) for part in text.split(",") if part.strip()]
    if len(values) != 2:
        raise argparse.ArgumentTypeError("give two scales, e.g. 0.01,1")
    return values


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = main.add_subparsers(dest="command")
    run = sub.add_parser("run", help="measure (the default command)")
    run.add_argument("--quick", action="store_true", help="scale 0.02, 1 s warm-up + 3 s per operation")
    run.add_argument("--scale", type=float, help="world scale (default 1; --quick: 0.02)")
    run.add_argument("--compare-scales", type=_scales, metavar="A,B", help="queue latency at two scales")
    run.add_argument("--systems", default="ours,limit,postgraphile", help="comma-separated subset")
    run.add_argument("--ops", help="comma-separated operations (signed_in, queue_heavy, queue_light, my_roles, "
                     "associations, big_dashboard, big_spa_page, big_roles, big_roles_page, big_search, big_status, "
                     "spa_queue, spa_my_roles, big_export, sign_in, submit, decide)")  # fmt: skip
    run.add_argument("--connections", type=int, default=32)
    run.add_argument("--workers", type=int, default=1, help="ours' server processes (scale-out check: 2 vs 1)")
    run.add_argument("--duration", type=float, help="seconds per timed run (default 15; --quick: 3)")
    run.add_argument("--warmup", type=float, help="seconds of warm-up (default 3; --quick: 1)")
    run.add_argument("--rounds", type=int, default=1, help="repeat every measurement; medians reported")
    run.add_argument("--rebuild", action="store_true", help="rebuild the world even when it could be reused")
    run.add_argument("--no-page-size-check", action="store_true", help="skip the SQL-by-page-size check")

    build = sub.add_parser("build", help="build (or reuse) the world of a scale")
    build.add_argument("--scale", type=float, default=1.0)
    build.add_argument("--rebuild", action="store_true")

    profile = sub.add_parser("profile", help="profile one operation of ours in-process (pyinstrument)")
    profile.add_argument(
        "--op",
        default="queue_heavy",
        help="queue_heavy, queue_light, my_roles, associations, big_dashboard, big_spa_page, big_roles, "
        "big_roles_page, "
        "signed_in (or fixed), submit, decide",
    )
    profile.add_argument("--scale", type=float, default=1.0)
    profile.add_argument("--repeat", type=int, default=30, help="requests profiled (sequential)")
    profile.add_argument(
        "--time-only", action="store_true", help="no profiler: wall and CPU ms per request, to compare changes"
    )
    profile.add_argument(
        "--calls",
        action="store_true",
        help="Python calls per request (cProfile), to compare changes on a busy machine: the same for every run",
    )
    replica = sub.add_parser("replica", help="1 vs 2 processes, primary vs replica reads (bench/replica.py)")
    replica.add_argument("--scale", type=float, default=0.02, help="world scale (default 0.02)")
    replica.add_argument("--ops", default="queue_heavy,queue_light,my_roles", help="comma-separated read operations")
    replica.add_argument("--connections", type=int, default=32)
    replica.add_argument("--duration", type=float, default=10.0, help="seconds per timed run")
    replica.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up")
    return main


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        args_list.insert(0, "run")
    args = parser().parse_args(args_list)
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if args.command == "build":
        from bench.world import ensure_world

        asyncio.run(ensure_world(database_url, args.scale, rebuild=args.rebuild))
        return 0
    if args.command == "profile":
        from bench.profile import profile

        return asyncio.run(
            profile(database_url, args.op, args.scale, args.repeat, time_only=args.time_only, calls=args.calls)
        )

    if args.command == "replica":
        from bench.replica import run_replica_bench
        from bench.run import Config

        replica_config = Config(
            database_url="(a throwaway primary)",
            scale=args.scale,
            systems=("ours",),
            operations=tuple(o.strip() for o in args.ops.split(",") if o.strip()),
            connections=args.connections,
            duration=args.duration,
            warmup=args.warmup,
            rounds=1,
            quick=False,
            rebuild=False,
            mutation_items=0,
            page_size_check=False,
        )
        asyncio.run(run_replica_bench(replica_config))
        return 0
    from bench.operations import SYSTEMS
    from bench.run import Config, compare_scales, run_bench

    systems = tuple(s.strip() for s in args.systems.split(",") if s.strip())
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        sys.exit(f"unknown systems: {', '.join(sorted(unknown))} (choose from {', '.join(SYSTEMS)})")
    quick = bool(args.quick)
    config = Config(
        database_url=database_url,
        scale=args.scale if args.scale is not None else (0.02 if quick else 1.0),
        systems=systems,
        operations=tuple(o.strip() for o in args.ops.split(",")) if args.ops else None,
        connections=args.connections,
        duration=args.duration if args.duration is not None else (3.0 if quick else 15.0),
        warmup=args.warmup if args.warmup is not None else (1.0 if quick else 3.0),
        rounds=args.rounds,
        quick=quick,
        rebuild=args.rebuild,
        mutation_items=1500 if quick else 8000,
        page_size_check=not args.no_page_size_check and args.workers == 1,
        workers=args.workers,
    )
    try:
        if args.compare_scales:
            asyncio.run(compare_scales(config, args.compare_scales))
        else:
            asyncio.run(run_bench(config))
    except KeyboardInterrupt:
        print("\ninterrupted; every server the bench started has been stopped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
