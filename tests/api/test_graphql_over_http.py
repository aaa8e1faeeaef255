"""GraphQL over HTTP by the specification (backend/iacs/graphql/media.py, over_http.py).

The `graphql-http` package's server audit runs against the app served by uvicorn on 127.0.0.1 (every audit must
pass: no failure, no warning, no notice); the tests below pin each status code and content type, in both
media types, and that a refused request runs nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.http import GraphQLHTTPResponse

from iacs.app import create_app
from iacs.config import PROJECT_ROOT, Settings
from iacs.graphql.over_http import GraphQLOverHTTP
from iacs.graphql.schema import build_schema
from iacs.graphql.unavailable import RequestDeadline
from iacs.metrics import CountedRequests, Metrics
from tests.conftest import StatementCounter

GRAPHQL = "application/graphql-response+json"
GRAPHQL_CONTENT_TYPE = "application/graphql-response+json; charset=utf-8"
JSON = "application/json"
AUDIT = PROJECT_ROOT / "tests" / "http-audit" / "audit.mjs"
SIGN_IN = "mutation($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }"
TYPENAME = {"query": "{ __typename }"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _serving(app: ASGIApp) -> Iterator[str]:
    """`app` served by uvicorn in a thread on a free port of 127.0.0.1: its /graphql URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="graphql-over-http-server", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive(), "uvicorn stopped"
            assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def _audit(url: str) -> tuple[int, dict[str, Any], str]:
    """Run tests/http-audit/audit.mjs against `url`: its exit code, its JSON summary and its stderr."""
    node = shutil.which("node")
    assert node is not None, "Node.js runs the graphql-http audit (make install)"
    run = subprocess.run(  # noqa: S603 - our own script, with a URL we made
        [node, str(AUDIT), url], capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT, check=False
    )
    assert run.stdout, run.stderr
    return run.returncode, json.loads(run.stdout), run.stderr


def test_the_graphql_http_server_audit_passes_every_audit(settings: Settings, database_url: str) -> None:
    app = create_app(settings, database_url=database_url, deliver_mail=False, run_jobs=False)  # its own engine
    with _serving(app) as url:
        code, summary, stderr = _audit(url)

    assert summary["problems"] == []
    assert (summary["error"], summary["warn"], summary["notice"]) == (0, 0, 0)
    assert summary["ok"] == summary["total"] == 61  # graphql-http 1.23.1 has 61 server audits
    assert code == 0, stderr


async def _legacy_server(scope: Scope, receive: Receive, send: Send) -> None:
    """Answers every request 200 application/json with data, as many servers do: the audit must fail it."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    body = b'{"data":{"__typename":"Query"}}'
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def test_the_audit_script_fails_on_warnings() -> None:
    with _serving(_legacy_server) as url:
        code, summary, _ = _audit(url)

    assert code == 1
    assert summary["warn"] > 0  # its MUSTs pass: 200 application/json with data is what they ask
    assert {p["id"] for p in summary["problems"]} >= {"22EB", "556A", "74FF", "86EE"}


# --- status codes and content types, in both media types -------------------------------------------------


async def _post(client: httpx.AsyncClient, body: Any, accept: str | None, **headers: str) -> httpx.Response:
    sent = {"content-type": "application/json", **headers}
    if accept is not None:
        sent["accept"] = accept
    return await client.post("/graphql", content=json.dumps(body), headers=sent)


async def test_success_is_200_in_the_media_type_asked_for(client: httpx.AsyncClient) -> None:
    as_json = await _post(client, TYPENAME, JSON)
    as_graphql = await _post(client, TYPENAME, GRAPHQL)

    assert (as_json.status_code, as_json.headers["content-type"]) == (200, JSON)
    assert (as_graphql.status_code, as_graphql.headers["content-type"]) == (200, GRAPHQL_CONTENT_TYPE)
    assert as_json.json() == as_graphql.json() == {"data": {"__typename": "Query"}}
    assert as_json.headers["vary"] == as_graphql.headers["vary"] == "Accept"


@pytest.mark.parametrize(
    ("document", "variables", "message"),
    [
        pytest.param("{", None, "Syntax Error: Expected Name, found <EOF>.", id="parse"),
        pytest.param("{ nope }", None, "Cannot query field 'nope' on type 'Query'.", id="validation"),
        pytest.param(
            SIGN_IN,
            {"l": "someone@example.org", "p": None},
            "Variable '$p' has invalid value: Expected value of non-null type 'String!' not to be None.",
            id="variable-coercion",
        ),
        pytest.param(
            "mutation { signIn(input: {login: 1, password: true}) { errors { code } } }",
            None,
            "String cannot represent a non string value: 1",
            id="validation-of-a-mutation",
        ),
    ],
)
async def test_a_refused_document_runs_nothing_and_is_400_without_data_in_graphql_response_json(
    client: httpx.AsyncClient, sql_statements: StatementCounter, document: str, variables: Any, message: str
) -> None:
    body = {"query": document, "variables": variables}

    as_json = await _post(client, body, JSON)
    as_graphql = await _post(client, body, GRAPHQL)
    without_accept = await _post(client, body, None)

    assert sql_statements.statements == []  # not executed: a signIn would have looked the login up
    # application/json: 200 with data null, as this server always answered (the spec allows it for legacy)
    assert (as_json.status_code, as_json.headers["content-type"]) == (200, JSON)
    assert as_json.json()["data"] is None
    assert as_json.json()["errors"][0]["message"].startswith(message)
    assert without_accept.status_code == 200
    assert without_accept.headers["content-type"] == JSON
    assert without_accept.json() == as_json.json()
    # application/graphql-response+json: 400, and no data entry
    assert (as_graphql.status_code, as_graphql.headers["content-type"]) == (400, GRAPHQL_CONTENT_TYPE)
    assert "data" not in as_graphql.json()
    assert as_graphql.json()["errors"] == as_json.json()["errors"]


async def test_errors_while_running_are_200_with_data_in_both_media_types(client: httpx.AsyncClient) -> None:
    body = {"query": "{ approvalQueue { totalCount } }"}  # anonymous: the field refuses, the operation ran

    as_json = await _post(client, body, JSON)
    as_graphql = await _post(client, body, GRAPHQL)

    assert (as_json.status_code, as_graphql.status_code) == (200, 200)
    assert as_graphql.headers["content-type"] == GRAPHQL_CONTENT_TYPE
    assert as_json.json() == as_graphql.json()
    assert as_graphql.json()["data"] is None
    assert as_graphql.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        (JSON, JSON),
        (GRAPHQL, GRAPHQL_CONTENT_TYPE),
        (f"{GRAPHQL}, {JSON}", GRAPHQL_CONTENT_TYPE),
        (f"{JSON}, {GRAPHQL}", GRAPHQL_CONTENT_TYPE),
        (f"{GRAPHQL}, {JSON};q=0.9", GRAPHQL_CONTENT_TYPE),
        (f"{GRAPHQL};q=0.5, {JSON}", JSON),
        (f"{JSON}, */*", JSON),
        (f"{GRAPHQL}, */*", GRAPHQL_CONTENT_TYPE),
        (f"{JSON};q=0, */*", GRAPHQL_CONTENT_TYPE),
        (f"{GRAPHQL};q=0, */*", JSON),
        (f"{GRAPHQL}; charset=utf-8", GRAPHQL_CONTENT_TYPE),
        (f"{GRAPHQL}; charset=latin1, {JSON}", JSON),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON),
        (f"text/html, {GRAPHQL.upper()};Q=0.7", GRAPHQL_CONTENT_TYPE),
        (f"{GRAPHQL};q=nonsense, {JSON};q=0.1", JSON),
    ],
)
async def test_the_answer_uses_the_media_type_the_accept_header_prefers(
    client: httpx.AsyncClient, accept: str | None, expected: str
) -> None:
    response = await _post(client, TYPENAME, accept)

    assert response.status_code == 200
    assert response.headers["content-type"] == expected
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    "accept",
    ["text/html", "application/xml", f"{GRAPHQL};q=0, {JSON};q=0", f"{JSON}; charset=iso-8859-1", "image/*"],
)
async def test_an_accept_header_that_allows_neither_type_is_406_and_runs_nothing(
    client: httpx.AsyncClient, sql_statements: StatementCounter, accept: str
) -> None:
    response = await _post(client, {"query": SIGN_IN, "variables": {"l": "a@example.org", "p": "x"}}, accept)

    assert response.status_code == 406
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == (
        "/graphql answers in application/graphql-response+json or application/json; the Accept header allows neither."
    )
    assert sql_statements.statements == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"5", "The request body must be a JSON object with `query` (and `operationName`, `variables`, `extensions`)."),
        (b'"{ __typename }"', "The request body must be a JSON object with `query`"),
        (b'{"query": "{ __typename }"', "Unable to parse request body as JSON"),
        ("{}".encode("utf-16"), "The request body must be JSON in UTF-8."),
        (
            b'{"query": "{ __typename }", "operationName": 5}',
            "The GraphQL operation's `operationName` must be a string",
        ),
        (b'{"query": "{ __typename }", "variables": [1]}', "The GraphQL operation's `variables` must be an object"),
        (b'{"query": "{ __typename }", "extensions": "x"}', "The GraphQL operation's `extensions` must be an object"),
        (b'{"qeury": "{ __typename }"}', "No GraphQL query found in the request"),
        (b'{"query": "query A { __typename }", "operationName": "B"}', 'Unknown operation named "B".'),
    ],
)
async def test_a_malformed_request_is_400_in_both_media_types(
    client: httpx.AsyncClient, body: bytes, reason: str
) -> None:
    headers = {"content-type": "application/json"}
    as_json = await client.post("/graphql", content=body, headers={**headers, "accept": JSON})
    as_graphql = await client.post("/graphql", content=body, headers={**headers, "accept": GRAPHQL})

    # application/json: a plain-text reason, as before (JSON numbers and strings were a 500)
    assert (as_json.status_code, as_json.headers["content-type"]) == (400, "text/plain; charset=utf-8")
    assert as_json.text.startswith(reason)
    # application/graphql-response+json: a GraphQL response without data
    assert (as_graphql.status_code, as_graphql.headers["content-type"]) == (400, GRAPHQL_CONTENT_TYPE)
    [error] = as_graphql.json()["errors"]
    assert as_graphql.json().keys() == {"errors"}
    assert error["message"] == as_json.text
    assert error["extensions"] == {"code": "BAD_REQUEST"}


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("application/json", 200),
        ("application/json; charset=utf-8", 200),
        ('application/json;charset="UTF-8"', 200),
        ("application/json; charset=iso-8859-1", 415),
        ("application/graphql", 415),
        ("text/plain", 415),
        ("application/x-www-form-urlencoded", 415),
        (None, 415),
    ],
)
async def test_post_bodies_are_utf8_json(client: httpx.AsyncClient, content_type: str | None, status: int) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = await client.post("/graphql", content=json.dumps(TYPENAME).encode(), headers=headers)

    assert response.status_code == status
    if status == 415:
        assert response.text.startswith("POST /graphql needs")


async def test_get_runs_queries_with_parameters_in_the_url(client: httpx.AsyncClient) -> None:
    document = "query Type($name: String!) { __type(name: $name) { name } } query Other { __typename }"
    params = {"query": document, "operationName": "Type", "variables": '{"name": "User"}', "extensions": "{}"}

    as_json = await client.get("/graphql", params=params, headers={"accept": JSON})
    as_graphql = await client.get("/graphql", params=params, headers={"accept": GRAPHQL})
    empty_optionals = await client.get(
        "/graphql", params={"query": "{ __typename }", "operationName": "", "variables": "", "extensions": ""}
    )

    assert (as_json.status_code, as_json.headers["content-type"]) == (200, JSON)
    assert (as_graphql.status_code, as_graphql.headers["content-type"]) == (200, GRAPHQL_CONTENT_TYPE)
    assert as_json.json() == as_graphql.json() == {"data": {"__type": {"name": "User"}}}
    assert as_json.headers["cache-control"] == "no-store"  # the answer is the signed-in person's
    assert empty_optionals.status_code == 200
    assert empty_optionals.json() == {"data": {"__typename": "Query"}}


async def test_get_never_runs_a_mutation(people: Any, sql_statements: StatementCounter) -> None:
    amy = await people.make("Amy Pond")
    before = sql_statements.count

    as_json = await amy.client.get("/graphql", params={"query": "mutation { signOut }"}, headers={"accept": JSON})
    as_graphql = await amy.client.get(
        "/graphql",
        params={"query": "query Q { __typename } mutation M { signOut }", "operationName": "M"},
        headers={"accept": GRAPHQL},
    )

    assert sql_statements.count == before  # nothing ran: no sign-out
    assert (as_json.status_code, as_json.headers["allow"]) == (405, "POST")
    assert as_json.text == "GET runs queries only; send a mutation with POST."
    assert (as_graphql.status_code, as_graphql.headers["allow"]) == (405, "POST")
    assert as_graphql.headers["content-type"] == GRAPHQL_CONTENT_TYPE
    assert as_graphql.json() == {
        "errors": [
            {"message": "GET runs queries only; send a mutation with POST.", "extensions": {"code": "BAD_REQUEST"}}
        ]
    }
    assert (await amy.data("{ viewer { name } }")) == {"viewer": {"name": "Amy Pond"}}  # still signed in


async def test_other_methods_are_405_with_allow(client: httpx.AsyncClient) -> None:
    for method in ("PUT", "DELETE", "PATCH", "HEAD"):
        response = await client.request(method, "/graphql", params={"query": "{ __typename }"})
        assert response.status_code == 405, method
        assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}, method


async def test_an_unknown_document_id_is_a_graphql_response_without_data(client: httpx.AsyncClient) -> None:
    body = {"documentId": "sha256:" + "0" * 64}

    as_json = await _post(client, body, JSON)
    as_graphql = await _post(client, body, GRAPHQL)

    assert (as_json.status_code, as_json.headers["content-type"]) == (400, JSON)  # as before
    assert as_json.json()["data"] is None
    assert (as_graphql.status_code, as_graphql.headers["content-type"]) == (400, GRAPHQL_CONTENT_TYPE)
    assert as_graphql.json() == {"errors": as_json.json()["errors"]}
    assert as_graphql.json()["errors"][0]["extensions"] == {"code": "PERSISTED_DOCUMENT_NOT_FOUND"}


async def test_a_request_past_its_deadline_is_503_in_the_negotiated_media_type() -> None:
    async def hangs(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(30)

    app = RequestDeadline(hangs, seconds=0.05)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        as_json = await http.post("/graphql", json=TYPENAME, headers={"accept": JSON})
        as_graphql = await http.post("/graphql", json=TYPENAME, headers={"accept": f"{GRAPHQL}, {JSON};q=0.9"})

    for response in (as_json, as_graphql):
        assert response.status_code == 503
        assert response.headers["retry-after"] == "2"
        assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert as_json.headers["content-type"] == JSON
    assert as_json.json()["data"] is None  # as before
    assert as_graphql.headers["content-type"] == GRAPHQL_CONTENT_TYPE
    assert "data" not in as_graphql.json()


async def test_a_graphql_response_with_a_5xx_status_has_no_data() -> None:
    """A database outage during an operation (unavailable.py sets 503): with application/graphql-response+json
    the partial data goes (the spec: data only with 2xx; the client retries the whole operation)."""
    view = GraphQLOverHTTP(build_schema())
    answers = {}
    for accept in (JSON, GRAPHQL):
        request = Request({"type": "http", "method": "POST", "headers": [(b"accept", accept.encode())]})
        sub_response = await view.get_sub_response(request)
        sub_response.status_code = 503
        data: GraphQLHTTPResponse = {
            "data": {"viewer": None},
            "errors": [{"message": "The service is briefly unavailable"}],
        }
        answers[accept] = view.create_response(data, sub_response)

    assert answers[JSON].status_code == answers[GRAPHQL].status_code == 503
    assert json.loads(bytes(answers[JSON].body)) == {
        "data": {"viewer": None},
        "errors": [{"message": "The service is briefly unavailable"}],
    }
    assert json.loads(bytes(answers[GRAPHQL].body)) == {"errors": [{"message": "The service is briefly unavailable"}]}
    assert answers[GRAPHQL].headers["content-type"] == GRAPHQL_CONTENT_TYPE


async def test_a_client_gone_before_its_body_arrived_gets_nothing_and_nothing_runs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A client's own timeout under load: before, Starlette's ClientDisconnect left the view, and the server logged
    "Exception in ASGI application" with a traceback and tried to answer 500 to nobody."""
    view = GraphQLOverHTTP(build_schema())
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/graphql",
        "query_string": b"",
        "headers": [(b"content-type", JSON.encode()), (b"accept", JSON.encode())],
    }
    await view(scope, receive, send)
    assert sent == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= 30] == []


async def test_metrics_count_a_client_gone_as_499_and_a_failure_as_500() -> None:
    metrics = Metrics()

    async def answers_nothing(scope: Scope, receive: Receive, send: Send) -> None:
        return None

    async def fails(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("boom")

    async def nobody(message: Any) -> None:
        raise AssertionError("nothing is sent")

    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": []}
    await CountedRequests(answers_nothing, metrics, [])(scope, _disconnected, nobody)
    with pytest.raises(RuntimeError):
        await CountedRequests(fails, metrics, [])(scope, _disconnected, nobody)
    counted = {
        line.rsplit(" ", 1)[0]
        for line in metrics.render().decode().splitlines()
        if line.startswith("iacs_http_requests_total")
    }
    assert {c for c in counted if 'method="POST"' in c} == {
        'iacs_http_requests_total{method="POST",route="unmatched",status="499"}',
        'iacs_http_requests_total{method="POST",route="unmatched",status="500"}',
    }


async def _disconnected() -> dict[str, Any]:
    return {"type": "http.disconnect"}
