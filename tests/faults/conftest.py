"""Fixtures of the fault suite: its own PostgreSQL, a seeded template database, servers started per test.

Not collected by a plain `pytest` (pyproject addopts: --ignore=tests/faults); `make test-faults` runs it.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from iacs.db import migrate
from tests.faults.harness import Postgres, ServerProcess, copy_database, execute_admin
from tests.faults.world import World, refresh_sessions, seed_world

TEMPLATE = "iacs_faults_template"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


@pytest.fixture(scope="session")
def cluster() -> Iterator[Postgres]:
    pg = Postgres.start()
    say(f"\n[faults] own PostgreSQL in {pg.pgdata} (socket {pg.socket_dir}; no TCP)")
    try:
        yield pg
    finally:
        pg.stop()


@pytest.fixture(scope="session")
async def seeded(cluster: Postgres) -> World:
    await execute_admin(cluster.url(), f'CREATE DATABASE "{TEMPLATE}"')
    url = cluster.url(TEMPLATE)
    await migrate.upgrade_async(url)
    world = await seed_world(url)
    say(
        f"[faults] world: {len(world.requesters)} requesters, {len(world.approvers)} approvers, "
        f"{len(world.groups)} groups, {len(world.pending)} pending requests"
    )
    return world


@dataclass
class Stack:
    cluster: Postgres
    world: World
    database_url: str
    directory: Path
    servers: list[ServerProcess] = field(default_factory=list)

    def server(self, **env: str) -> ServerProcess:
        server = ServerProcess(self.database_url, self.directory / f"server{len(self.servers) + 1}.log", extra_env=env)
        self.servers.append(server)
        return server


@pytest.fixture
async def stack(cluster: Postgres, seeded: World, tmp_path: Path) -> AsyncIterator[Stack]:
    """A fresh copy of the seeded database; servers made through it are stopped at the end, always."""
    name = f"iacs_faults_{secrets.token_hex(3)}"
    url = await copy_database(cluster, TEMPLATE, name)
    await refresh_sessions(url)
    made = Stack(cluster=cluster, world=seeded, database_url=url, directory=tmp_path)
    try:
        yield made
    finally:
        cluster.thaw()
        for server in made.servers:
            server.stop()
        if cluster.postmaster_pid() is None:
            cluster.restart()
        await execute_admin(cluster.url(), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        say(f"[faults] logs of this test: {tmp_path}")
