"""The main command, run the way the README tells a newcomer to: `iacs run` on a fresh data folder.

`make run` is `iacs run` after the installs and the build. These tests start it as a subprocess with
DATABASE_URL unset (so it starts its own embedded PostgreSQL in a throwaway folder), on a free port of
127.0.0.1, and use it as a person would: /healthz, an anonymous query, the web app at /, and every demo
sign-in it prints. Then Ctrl-C (SIGINT) must end everything, the database included, without a traceback.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from iacs import cli
from iacs.config import PROJECT_ROOT

IACS = str(Path(sys.executable).with_name("iacs"))
START_TIMEOUT_S = 180  # cold: initdb, migrations, demo data (argon2 hashes); about 20 s on this machine
BANNER_LINE = re.compile(r"^ {4}(?P<email>\S+@\S+)\s{2,}(?P<role>.+)$")

SIGN_IN = """
mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { viewer { email } errors { code message } }
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Running:
    process: subprocess.Popen[str]
    base: str
    data_dir: Path
    lines: list[str] = field(default_factory=list)

    def output(self) -> str:
        return "".join(self.lines)


def _read(running: Running) -> None:
    assert running.process.stdout is not None
    with running.process.stdout:
        for line in running.process.stdout:
            running.lines.append(line)


def _wait_until_serving(running: Running) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            pytest.fail(f"`iacs run` exited with {running.process.returncode} before serving:\n{running.output()}")
        try:
            if httpx.get(f"{running.base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"`iacs run` did not serve /healthz within {START_TIMEOUT_S} s:\n{running.output()}")


def _stop(running: Running) -> int:
    """Ctrl-C, as a person at the terminal does: SIGINT to the whole process group."""
    if running.process.poll() is None:
        os.killpg(running.process.pid, signal.SIGINT)
        try:
            running.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(running.process.pid, signal.SIGKILL)
            running.process.wait(timeout=10)
            pytest.fail(f"`iacs run` did not end within 30 s of Ctrl-C:\n{running.output()}")
    return running.process.returncode


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    if not (PROJECT_ROOT / "frontend" / "dist" / "index.html").is_file():
        pytest.fail("frontend/dist is missing: `make test` builds the web app first (or run `npm run build`)")
    data_dir = tmp_path_factory.mktemp("iacs-run-data")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IACS_") and k != "DATABASE_URL"}
    env["IACS_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(  # noqa: S603 - our own console script
        [IACS, "run", "--port", str(port)],
        env=env,
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: Ctrl-C reaches it and the embedded server
    )
    state = Running(process=process, base=f"http://127.0.0.1:{port}", data_dir=data_dir)
    reader = threading.Thread(target=_read, args=(state,), daemon=True)
    reader.start()
    try:
        _wait_until_serving(state)
        yield state
    finally:
        _stop(state)
        reader.join(timeout=10)


def test_run_answers_healthz_and_an_anonymous_query(running: Running) -> None:
    health = httpx.get(f"{running.base}/healthz", timeout=5)
    assert health.status_code == 200
    assert health.json() == {"status": "ok"}

    answer = httpx.post(f"{running.base}/graphql", json={"query": "{ viewer { id } }"}, timeout=10)
    assert answer.status_code == 200
    assert answer.text == '{"data":{"viewer":null}}'


def test_run_serves_the_web_app(running: Running) -> None:
    page = httpx.get(f"{running.base}/", timeout=5)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<div id="root">' in page.text
    # A path of the app (client-side routing) gets the same page.
    deep = httpx.get(f"{running.base}/requests", timeout=5)
    assert deep.status_code == 200
    assert deep.text == page.text


def test_every_printed_demo_sign_in_works(running: Running) -> None:
    """Every printed person signs in with the printed password, except the one printed as LOCKED: the demo
    locks them at start (R4, to show the help desk's unlocking), and the sign-in says so, as printed."""
    output = running.output()
    password = re.search(r"all with the password '([^']+)'", output)
    assert password is not None, output
    people = [(m["email"], m["role"]) for line in output.splitlines() if (m := BANNER_LINE.match(line))]
    assert len(people) >= 10, output
    assert "helpdesk@demo.iacs.test" in [email for email, _ in people]
    locked = [email for email, role in people if role.startswith("LOCKED until ")]
    assert len(locked) == 1, output
    for email, _ in people:
        with httpx.Client(base_url=running.base, timeout=30) as client:
            answer = client.post(
                "/graphql",
                json={"query": SIGN_IN, "variables": {"input": {"login": email, "password": password[1]}}},
            )
            assert answer.status_code == 200
            if email in locked:
                assert answer.json()["data"]["signIn"]["viewer"] is None, email
                assert [e["code"] for e in answer.json()["data"]["signIn"]["errors"]] == ["ACCOUNT_LOCKED"], email
            else:
                assert answer.json() == {"data": {"signIn": {"viewer": {"email": email}, "errors": []}}}, email


def test_ctrl_c_ends_everything_without_a_traceback(tmp_path: Path) -> None:
    """A second, short-lived `iacs run` (the module's one keeps serving the other tests)."""
    data_dir = tmp_path / "data"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IACS_") and k != "DATABASE_URL"}
    env["IACS_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(  # noqa: S603 - our own console script
        [IACS, "run", "--port", str(port)],
        env=env,
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    state = Running(process=process, base=f"http://127.0.0.1:{port}", data_dir=data_dir)
    reader = threading.Thread(target=_read, args=(state,), daemon=True)
    reader.start()
    try:
        _wait_until_serving(state)
    finally:
        code = _stop(state)
        reader.join(timeout=10)
    output = state.output()
    assert code == 0, output
    assert "Traceback" not in output, output
    # The embedded PostgreSQL of that folder is gone too: nothing listens, no postmaster.pid is left.
    assert not (data_dir / "pg" / "postmaster.pid").exists(), sorted(p.name for p in data_dir.rglob("*"))[:20]
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{state.base}/healthz", timeout=2)


# --- the parser: every subcommand's defaults satisfy its handler ---------------------------------------------


def _handler_attributes(handler: object) -> set[str]:
    """The `args.<name>` the handler reads (the bug this guards against: `run` lacked `--workers`)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(handler)))  # type: ignore[arg-type]
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "args"
    }


REQUIRED_ARGUMENTS = {
    "create-user": ["--email", "e@example.org", "--name", "N", "--help-desk"],
    "test-db": ["create", "iacs_x"],
    "jobs": ["run-once"],
    "with-db": ["--", "true"],
}


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_subcommand_defaults_satisfy_its_handler(name: str) -> None:
    args = cli.build_parser().parse_args([name, *REQUIRED_ARGUMENTS.get(name, [])])
    missing = sorted(a for a in _handler_attributes(args.func) if not hasattr(args, a))
    assert missing == [], f"`iacs {name}` gives its handler no {missing}"


def test_run_and_serve_take_the_same_serving_options() -> None:
    run = cli.build_parser().parse_args(["run", "--host", "0.0.0.0", "--port", "8100", "--workers", "2"])  # noqa: S104
    assert (run.host, run.port, run.workers, run.migrate, run.seed_demo) == ("0.0.0.0", 8100, 2, True, True)  # noqa: S104
    serve = cli.build_parser().parse_args(["serve"])
    assert (serve.host, serve.port, serve.workers, serve.migrate, serve.seed_demo) == (
        "127.0.0.1",
        8000,
        1,
        False,
        False,
    )


@pytest.mark.parametrize("bad", [["--port", "0"], ["--port", "70000"], ["--port", "x"], ["--workers", "0"]])
def test_bad_serving_options_are_refused_with_a_message(bad: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.build_parser().parse_args(["run", *bad])
    assert exited.value.code == 2
    assert "iacs run: error: argument" in capsys.readouterr().err
