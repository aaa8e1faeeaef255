"""docs/reliability.md "Bad input": schemathesis (GraphQL) against /graphql of a real server, signed in as a person with
many roles; 0 server errors over at least IACS_SCHEMATHESIS_OPERATIONS generated operations (100 in `make test`,
2,000 or more in `make test-fuzz`).

The server is `iacs serve` in a process of its own on loopback, on the fuzzers' database (tests/fuzz/world.py);
schemathesis loads the schema by introspection (`schemathesis.graphql.from_url`) and generates documents for
every root field (positive and negative documents), with ids drawn from the world. A *server error* is an HTTP
status of 500 or more, an answer that is not JSON, a masked "Internal error." or a non-null field answered with
null (a broken schema contract). Schemathesis' own `not_a_server_error` check is not used as is: it counts every
execution error, including deliberate ones such as BAD_USER_INPUT for `first: 101`.

`Mutation.signOut` is left out: it would end the fuzzing person's session (it is covered by the session tests).
Every server error fails the test; the first few are printed with their documents.
"""

from __future__ import annotations

import asyncio
import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode
from schemathesis.graphql import nodes

from tests.api.people import PASSWORD
from tests.fuzz.world import SCHEMATHESIS_OPERATIONS, FuzzDatabase, fuzz_database, record_results, wrong_ids
from tests.security.test_quality_security import print_to_terminal

__all__ = ["fuzz_database"]  # the module's database and world (a fixture)

IACS = str(Path(sys.executable).with_name("iacs"))
SIGN_IN = "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }"
LEFT_OUT = {"Mutation.signOut"}


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    cookie: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
async def live_server(
    fuzz_database: FuzzDatabase, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LiveServer]:
    log = tmp_path_factory.mktemp("schemathesis") / "server.log"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IACS_")}
    env.update(DATABASE_URL=fuzz_database.url, IACS_ENV="development", IACS_JOBS_INTERVAL_SECONDS="3600")
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603, ASYNC220 - our own console script, started once
            [IACS, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=url) as http:
            for _ in range(300):
                try:
                    if (await http.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"the server did not start: {log.read_text()[-2000:]}")
            signed = await http.post(
                "/graphql",
                json={"query": SIGN_IN, "variables": {"l": fuzz_database.world.fuzzer.email, "p": PASSWORD}},
            )
            assert signed.json()["data"]["signIn"]["errors"] == [], signed.text
            cookie = f"iacs_session={signed.cookies['iacs_session']}"
        yield LiveServer(url=url, process=process, log=log, cookie=cookie)
    finally:
        await asyncio.to_thread(_stop, process)


@dataclass
class Tally:
    operations: int = 0
    by_operation: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[dict[str, Any]] = field(default_factory=list)
    execution_errors: Counter[str] = field(default_factory=Counter)


def server_error(response: requests.Response) -> str | None:
    """Why this answer is a server error, or None."""
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return "not JSON" if response.status_code == 200 else None
    if not isinstance(body, dict):
        return "not a JSON object"
    for error in body.get("errors") or []:
        message = str(error.get("message", ""))
        if message == "Internal error.":
            return "Internal error."
        if "Cannot return null for non-nullable field" in message:
            return "null for a non-null field"
    return None


def test_bar_bad_input_schemathesis_0_server_errors(
    live_server: LiveServer, fuzz_database: FuzzDatabase, request: pytest.FixtureRequest
) -> None:
    # ids: mostly the world's (any type, so wrong types too), some wrong on purpose, some random text
    world = fuzz_database.world
    schemathesis.graphql.scalar(
        "ID",
        st.one_of(st.sampled_from(world.all_ids()), st.sampled_from(wrong_ids()), st.text(max_size=20)).map(
            nodes.String
        ),
    )
    schema = schemathesis.graphql.from_url(f"{live_server.url}/graphql")
    loaded = list(schema.get_all_operations())
    assert all(isinstance(r, Ok) for r in loaded), loaded
    operations = [r.ok() for r in loaded if isinstance(r, Ok) and r.ok().label not in LEFT_OUT]
    assert len(operations) >= 30, [op.label for op in operations]
    per_operation = math.ceil(SCHEMATHESIS_OPERATIONS / len(operations))
    tally = Tally()
    session = requests.Session()
    headers = {"Cookie": live_server.cookie}
    started = time.perf_counter()

    def run(operation: Any, mode: GenerationMode, examples: int) -> None:
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            phases=[Phase.generate],  # nothing is raised inside, so nothing to shrink
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def send(case: Any) -> None:
            response = case.call(base_url=f"{live_server.url}/graphql", session=session, headers=headers)
            session.cookies.clear()  # a registration signs its new person in: never act as anybody but the fuzzer
            tally.operations += 1
            tally.by_operation[operation.label] += 1
            tally.statuses[response.status_code] += 1
            try:
                for error in response.json().get("errors") or []:
                    code = (error.get("extensions") or {}).get("code", "validation")
                    tally.execution_errors[str(code)] += 1
            except (ValueError, AttributeError):
                pass
            why = server_error(response)
            if why is None:
                return
            tally.server_errors.append(
                {
                    "operation": operation.label,
                    "why": why,
                    "document": str(case.body)[:600],
                    "answer": response.text[:600],
                }
            )

        send()

    # passes over every root field, positive and negative documents, until the budget is spent
    for _ in range(10):
        for operation in operations:
            run(operation, GenerationMode.POSITIVE, per_operation)
            run(operation, GenerationMode.NEGATIVE, max(1, per_operation // 4))
        if tally.operations >= SCHEMATHESIS_OPERATIONS:
            break
    elapsed = time.perf_counter() - started
    session.close()

    # the fuzzing person was never signed out or stripped of roles on the way
    check = requests.post(
        f"{live_server.url}/graphql",
        json={"query": "{ viewer { roles { id } } }"},
        headers=headers,
        timeout=30,
    ).json()
    assert len(check["data"]["viewer"]["roles"]) == len(world.own_roles)

    figures = {
        "operations": tally.operations,
        "root_fields": len(operations),
        "server_errors": len(tally.server_errors),
        "http_statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "execution_error_codes": dict(tally.execution_errors.most_common()),
        "seconds": round(elapsed, 1),
    }
    record_results("schemathesis", figures)
    print_to_terminal(
        request.config,
        [
            f"quality/fuzz schemathesis: {tally.operations} operations over {len(operations)} root fields in "
            f"{elapsed:.0f} s, signed in as a person with {len(world.own_roles)} roles; server errors: "
            f"{len(tally.server_errors)}; HTTP statuses {figures['http_statuses']}"
        ],
    )
    assert tally.operations >= SCHEMATHESIS_OPERATIONS
    assert tally.server_errors == [], tally.server_errors[:5]
    assert all(status < 500 for status in tally.statuses), tally.statuses
