"""Transport rules and limits of docs/api.md."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.app import create_app
from iacs.config import Settings
from tests.conftest import StatementCounter
from tests.graphql_client import gql

VIEWER = '{"query": "{ viewer { id } }"}'


async def test_anonymous_viewer_is_null(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", content=VIEWER, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert response.json() == {"data": {"viewer": None}}


async def test_healthz_is_liveness_and_readyz_checks_the_database(
    client: httpx.AsyncClient, sql_statements: StatementCounter
) -> None:
    live = await client.get("/healthz")
    assert live.status_code == 200
    assert live.json() == {"status": "ok"}
    assert sql_statements.statements == []  # liveness never touches the database (a hung one must not stop it)
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok"}


async def test_get_runs_queries_but_never_mutations(client: httpx.AsyncClient) -> None:
    query = await client.get("/graphql", params={"query": "{ viewer { id } }"})
    mutation = await client.get("/graphql", params={"query": "mutation { signOut }"})
    assert query.status_code == 200
    assert query.json() == {"data": {"viewer": None}}
    assert mutation.status_code == 405  # GraphQL over HTTP: GET is for queries (tests/api/test_graphql_over_http.py)
    assert mutation.headers["allow"] == "POST"


async def test_graphiql_opens_in_a_browser(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_form_posts_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", content="query=mutation{signOut}", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 415


async def test_bodies_over_64_kib_are_refused(client: httpx.AsyncClient) -> None:
    padding = " " * (64 * 1024)
    response = await client.post(
        "/graphql",
        content='{"query": "{ viewer { id } }' + padding + '"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


async def test_security_headers_are_set(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


async def test_depth_limit(client: httpx.AsyncClient) -> None:
    deep = "{ viewer" + " { roles { user" * 5 + " { id }" + " } }" * 5 + " }"
    body = await gql(client, deep)
    assert body["data"] is None
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_alias_limit(client: httpx.AsyncClient) -> None:
    aliases = " ".join(f"a{i}: viewer {{ id }}" for i in range(16))
    body = await gql(client, "{ " + aliases + " }")
    assert body["data"] is None
    assert "aliases found" in body["errors"][0]["message"]


async def test_batching_is_off(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=[{"query": "{ viewer { id } }"}, {"query": "{ viewer { id } }"}])
    assert response.status_code == 400


async def test_spa_history_fallback_and_missing_assets(
    tmp_path: Path, settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>IACS app</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log('hi')")
    app = create_app(
        replace(settings, static_dir=tmp_path),
        database_url=database_url,
        session_factory=session_factory,
        deliver_mail=False,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        page = await http.get("/some/deep/link")
        asset = await http.get("/assets/app.js")
        missing = await http.get("/assets/nope.js")
        escape = await http.get("/..%2F..%2Fpyproject.toml")
    assert page.status_code == 200
    assert page.text == "<!doctype html><title>IACS app</title>"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert missing.status_code == 404
    assert escape.text == "<!doctype html><title>IACS app</title>"  # never a file outside the folder


async def test_unbuilt_spa_says_how_to_build_it(
    tmp_path: Path, settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    app = create_app(
        replace(settings, static_dir=tmp_path / "missing"),
        database_url=database_url,
        session_factory=session_factory,
        deliver_mail=False,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        page = await http.get("/")
    assert page.status_code == 503
    assert "make run" in page.text


def _samples(text: str) -> dict[str, float]:
    """The /metrics text's samples, `name{labels}` to value (the `_created` timestamps left out)."""
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            if "_created" not in name:
                samples[name] = float(value)
    return samples


async def test_metrics_count_every_http_request_graphql_request_and_sql_statement(
    settings: Settings, database_url: str
) -> None:
    app = create_app(settings, database_url=database_url, deliver_mail=False, run_jobs=False)  # its own engine
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http,
    ):
        assert (await http.get("/healthz")).status_code == 200
        assert (await http.get("/readyz")).status_code == 200  # SELECT 1 (and the new connection's own statements)
        first = _samples((await http.get("/metrics")).text)
        assert (await http.post("/graphql", content=VIEWER, headers={"content-type": "application/json"})).is_success
        assert (await http.get("/graphql", params={"query": "{ viewer { id } }"})).is_success
        assert (await http.post("/graphql", content=VIEWER, headers={"content-type": "text/plain"})).status_code == 415
        assert (await http.get("/readyz")).status_code == 200
        assert (await http.get("/exports/nothing-here")).status_code == 404
        assert (await http.delete("/healthz")).status_code == 405
        assert (await http.request("BREW", "/some/page")).status_code == 405
        response = await http.get("/metrics")

    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert first == {
        'iacs_http_requests_total{method="GET",route="/healthz",status="200"}': 1,
        'iacs_http_requests_total{method="GET",route="/readyz",status="200"}': 1,
        "iacs_graphql_requests_total": 0,
        "iacs_sql_statements_total": first["iacs_sql_statements_total"],
        "iacs_live_queue_subscribers": 0,  # nobody subscribed, so the process does not listen yet
        "iacs_live_queue_listening": 0,
    }
    assert first["iacs_sql_statements_total"] >= 1
    # Each request counted once, by route template (never the path as sent) and a bounded method; the guard's
    # refusal (415) too. The anonymous viewer reads no row; the second /readyz is its SELECT 1 alone.
    assert _samples(response.text) == {
        'iacs_http_requests_total{method="GET",route="/healthz",status="200"}': 1,
        'iacs_http_requests_total{method="GET",route="/readyz",status="200"}': 2,
        'iacs_http_requests_total{method="GET",route="/metrics",status="200"}': 1,
        'iacs_http_requests_total{method="POST",route="/graphql",status="200"}': 1,
        'iacs_http_requests_total{method="GET",route="/graphql",status="200"}': 1,
        'iacs_http_requests_total{method="POST",route="/graphql",status="415"}': 1,
        'iacs_http_requests_total{method="GET",route="/exports/{name}",status="404"}': 1,
        'iacs_http_requests_total{method="DELETE",route="/healthz",status="405"}': 1,
        'iacs_http_requests_total{method="other",route="/{path:path}",status="405"}': 1,
        "iacs_graphql_requests_total": 2,
        "iacs_sql_statements_total": first["iacs_sql_statements_total"] + 1,
        "iacs_live_queue_subscribers": 0,
        "iacs_live_queue_listening": 0,
    }


async def test_cross_site_writes_are_refused(client: httpx.AsyncClient) -> None:
    body = {"query": "mutation { signOut }"}
    evil = await client.post("/graphql", json=body, headers={"origin": "https://evil.example"})
    fetch_meta = await client.post("/graphql", json=body, headers={"sec-fetch-site": "cross-site"})
    same = await client.post(
        "/graphql", json=body, headers={"origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}
    )
    script = await client.post("/graphql", json=body)  # no Origin: not a browser's cross-site request
    assert (evil.status_code, fetch_meta.status_code, same.status_code, script.status_code) == (403, 403, 200, 200)


async def test_the_origin_check_trusts_the_configured_origin_not_the_host_header(client: httpx.AsyncClient) -> None:
    """Issue 12, finding 10: a page of evil.example reaching the server under that name (DNS rebinding) sends a
    Host and an Origin that agree; only IACS_PUBLIC_ORIGIN (http://127.0.0.1:8000 here) counts as ours."""
    body = {"query": "mutation { signOut }"}
    rebound = await client.post(
        "/graphql", json=body, headers={"host": "evil.example", "origin": "http://evil.example"}
    )
    own_host = await client.post("/graphql", json=body, headers={"origin": "http://127.0.0.1"})  # not the public one
    public = await client.post("/graphql", json=body, headers={"origin": "http://127.0.0.1:8000"})
    assert (rebound.status_code, own_host.status_code, public.status_code) == (403, 403, 200)
    assert rebound.text == "Cross-site requests are refused"


async def test_one_sign_in_per_document(client: httpx.AsyncClient, sql_statements: Any) -> None:
    aliases = " ".join(
        f'a{i}: signIn(input: {{login: "x@example.org", password: "guess-number-{i}"}}) {{ errors {{ code }} }}'
        for i in range(3)
    )
    body = await gql(client, "mutation { " + aliases + " }")
    assert body["data"] is None
    assert body["errors"][0]["message"] == "Only one signIn or registerAccount is allowed per request."
    assert sql_statements.count == 0  # refused before any resolver ran


async def test_an_unreachable_database_is_a_clean_retryable_503(settings: Settings) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/nowhere"
    app = create_app(replace(settings, database_url=url), database_url=url, deliver_mail=False, run_jobs=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        response = await http.post(
            "/graphql",
            json={
                "query": 'mutation { signIn(input: {login: "a@example.org", password: "whatever-it-is-1"}) '
                "{ errors { code } } }"
            },
        )
        health = await http.get("/healthz")
        ready = await http.get("/readyz")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.json()["errors"][0]["extensions"] == {"code": "SERVICE_UNAVAILABLE", "retryAfterSeconds": 2}
    assert response.json()["errors"][0]["message"] == "The service is briefly unavailable; try again in a moment."
    assert health.status_code == 200  # alive, though not ready
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "unreachable"}
