"""GraphiQL at GET /graphql, from the project's own build: it works without the internet.

A browser asking for /graphql (Accept: text/html) gets `graphiql.html` of the built front end (frontend/dist,
`npm run build`): GraphiQL and its explorer plugin bundled by Vite, every script, style and editor worker
from this origin, under the SPA's Content-Security-Policy. It posts to /graphql with the browser's session
cookie, so a person explores the API as themselves. Everything else (POST, WebSocket, a GET with a `query`
parameter, a GET that does not ask for HTML) goes to the GraphQL app unchanged. Off (settings.graphiql
false, the production default) the GraphQL app answers that browser's GET itself (404 Not Found).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

PAGE = "graphiql.html"

NOT_BUILT = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>GraphiQL · IACS API</title></head>"
    "<body><main><h1>GraphiQL is not built</h1>"
    "<p>GraphiQL comes with the web app's build. Run <code>npm run build</code> (or <code>make run</code>, "
    "which builds it) and reload this page.</p>"
    "<p>The API itself works: send <code>POST /graphql</code> with a JSON body.</p></main></body></html>"
)


def accepts_html(scope: Scope) -> bool:
    """A browser's navigation: its Accept header names text/html."""
    return any(name == b"accept" and b"text/html" in value.lower() for name, value in scope["headers"])


def runs_an_operation(scope: Scope) -> bool:
    """GET /graphql?query=... runs the query (GraphQL over HTTP, over_http.py), also for a browser."""
    return "query" in parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)


def graphiql_page(static_dir: Path, csp: str) -> Response:
    """The built page, or (no build) a page saying how to build it; never cached, under the app's CSP."""
    headers = {"cache-control": "no-cache", "content-security-policy": csp}
    page = static_dir.resolve() / PAGE
    if not page.is_file():
        return HTMLResponse(NOT_BUILT, status_code=503, headers=headers)
    return FileResponse(page, media_type="text/html", headers=headers)


class GraphiQLPage:
    """ASGI, around the GraphQL app: GET (or HEAD) /graphql from a browser gets GraphiQL when it is enabled."""

    def __init__(self, app: ASGIApp, *, static_dir: Path, enabled: bool, csp: str) -> None:
        self.app = app
        self.static_dir = static_dir
        self.enabled = enabled
        self.csp = csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.enabled
            and scope["type"] == "http"
            and scope["method"] in {"GET", "HEAD"}
            and accepts_html(scope)
            and not runs_an_operation(scope)
        ):
            await graphiql_page(self.static_dir, self.csp)(scope, receive, send)
            return
        await self.app(scope, receive, send)
