"""GraphiQL at GET /graphql comes from the project's own build and works without the internet (issue 11).

The page is frontend/dist/graphiql.html (`npm run build`; `make test` builds before pytest): every script,
style and editor worker from /assets/ on this origin, under the SPA's Content-Security-Policy. Strawberry's
own GraphiQL (scripts from unpkg.com) is never served.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.app import SPA_CSP, create_app
from iacs.config import PROJECT_ROOT, Settings

DIST = PROJECT_ROOT / "frontend" / "dist"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CDNS = ("unpkg.com", "cdn.jsdelivr", "esm.sh", "cdnjs.cloudflare.com")


def built_page() -> str:
    page = DIST / "graphiql.html"
    if not page.is_file():
        pytest.fail("frontend/dist/graphiql.html is missing: `make test` builds the web app first (or `npm run build`)")
    return page.read_text()


def app_client(
    settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession], **changes: object
) -> httpx.AsyncClient:
    app = create_app(
        replace(settings, **changes),  # type: ignore[arg-type]
        database_url=database_url,
        session_factory=session_factory,
        deliver_mail=False,
        run_jobs=False,
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1")


async def test_a_browser_gets_graphiql_from_our_own_build(client: httpx.AsyncClient) -> None:
    expected = built_page()
    response = await client.get("/graphql", headers={"accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == expected
    assert response.headers["content-security-policy"] == SPA_CSP
    assert (response.headers["x-frame-options"], response.headers["x-content-type-options"]) == ("DENY", "nosniff")
    assert response.headers["cache-control"] == "no-cache"
    assert "unpkg" not in response.text.lower()
    assert "<title>GraphiQL · IACS API</title>" in response.text
    # Every script and style of the page is a file of this origin's /assets/, and is served.
    sources = re.findall(r'<(?:script|link)\b[^>]*\s(?:src|href)="([^"]+)"', response.text)
    scripts = re.findall(r'<script\b[^>]*\ssrc="([^"]+)"', response.text)
    assert len(scripts) == 1
    assert [src for src in sources if src != "/favicon.svg" and not src.startswith("/assets/")] == []
    for src in sources:
        asset = await client.get(src)
        assert asset.status_code == 200, src


async def test_the_page_only_at_graphql_and_the_api_unchanged(client: httpx.AsyncClient) -> None:
    built_page()
    direct = await client.get("/graphiql.html", headers={"accept": BROWSER_ACCEPT})
    sneaky = await client.get("/assets/../graphiql.html", headers={"accept": BROWSER_ACCEPT})
    assert (direct.status_code, sneaky.status_code) == (404, 404)
    # POST is the API, whatever the Accept header says.
    answer = await client.post(
        "/graphql", json={"query": "{ viewer { id } }"}, headers={"accept": "text/html, application/json"}
    )
    assert (answer.status_code, answer.json()) == (200, {"data": {"viewer": None}})
    # A GET with a query runs it (GraphQL over HTTP), also for a browser.
    query = await client.get("/graphql", params={"query": "{ __typename }"}, headers={"accept": BROWSER_ACCEPT})
    assert (query.status_code, query.json()) == (200, {"data": {"__typename": "Query"}})
    # A client that does not ask for HTML gets no page (Strawberry's GraphiQL answered */* before).
    for accept in ("*/*", "application/json"):
        other = await client.get("/graphql", headers={"accept": accept})
        assert other.status_code in {400, 404, 405}, accept
        assert "graphiql" not in other.text.lower(), accept


async def test_without_a_build_the_page_says_how_to_build_it(
    settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    async with app_client(settings, database_url, session_factory, static_dir=tmp_path) as http:
        page = await http.get("/graphql", headers={"accept": BROWSER_ACCEPT})
    assert page.status_code == 503
    assert "GraphiQL is not built" in page.text
    assert "<code>npm run build</code>" in page.text
    assert "unpkg" not in page.text.lower()
    assert page.headers["content-security-policy"] == SPA_CSP
    assert page.headers["x-frame-options"] == "DENY"


async def test_graphiql_off_answers_404_and_serves_no_page(
    settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    built_page()
    async with app_client(settings, database_url, session_factory, graphiql=False) as http:
        page = await http.get("/graphql", headers={"accept": BROWSER_ACCEPT})
        direct = await http.get("/graphiql.html", headers={"accept": BROWSER_ACCEPT})
        api = await http.post("/graphql", json={"query": "{ __typename }"})
    assert (page.status_code, page.text) == (404, "Not Found")
    assert direct.status_code == 404
    assert (api.status_code, api.json()) == (200, {"data": {"__typename": "Query"}})


def test_the_built_front_end_loads_nothing_from_a_cdn() -> None:
    built_page()
    files = [path for path in DIST.rglob("*") if path.is_file()]
    assert len(files) > 10
    found = {
        f"{path.relative_to(DIST)}: {cdn}"
        for path in files
        for cdn in CDNS
        if cdn.encode() in path.read_bytes().lower()
    }
    assert found == set()
