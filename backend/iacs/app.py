"""The Starlette application: /graphql, /healthz (liveness), /readyz (database) and the single-page app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from iacs.config import Settings
from iacs.db.embedded import EmbeddedServer
from iacs.db.engine import make_engine, make_session_factory
from iacs.db.replica import ReplicaReads
from iacs.domain.clock import Clock
from iacs.domain.lifecycle.runner import JobRunner
from iacs.domain.notifications.service import MailTransport, OutboxSender
from iacs.domain.webhooks.delivery import WebhookSender
from iacs.exports import exports_app
from iacs.graphiql import PAGE as GRAPHIQL_PAGE
from iacs.graphiql import GraphiQLPage
from iacs.graphql.bearer import BearerGate
from iacs.graphql.context import AppServices, Context
from iacs.graphql.inflight import PerSessionLimit
from iacs.graphql.media import json_body_problem
from iacs.graphql.over_http import GraphQLOverHTTP
from iacs.graphql.schema import build_schema
from iacs.graphql.trusted import TrustedDocuments
from iacs.graphql.unavailable import RequestDeadline, finishes_within
from iacs.live import QueueHub
from iacs.metrics import CONTENT_TYPE, CountedRequests, Metrics
from iacs.tracing import TracedRequests, tracing_for

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024  # docs/api.md, Limits: GraphQL body cap, 413 above it
MAX_SUBSCRIPTIONS_PER_CONNECTION = 3
READINESS_SECONDS = 2.0

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
SPA_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """graphql-transport-ws messages as text frames: browsers' clients (graphql-ws) read only text, and
    Strawberry sends bytes when `encode_json` gives bytes (as ours does, for HTTP answers)."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class IacsGraphQL(GraphQLOverHTTP):
    """Strawberry's ASGI app, by the GraphQL-over-HTTP spec (over_http.py), with our context, orjson responses
    and the SPA's trusted documents."""

    websocket_adapter_class = TextWebSocketAdapter

    def __init__(self, services: AppServices, **kwargs: Any) -> None:
        settings = services.settings
        schema = build_schema(introspection=settings.introspection, suggestions=not settings.is_production)
        super().__init__(
            schema,
            graphql_ide=None,  # GraphiQL comes from our own build (iacs/graphiql.py), not from a CDN
            allow_queries_via_get=True,  # queries only: a mutation by GET is 405 (over_http.py)
            multipart_uploads_enabled=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_CONNECTION,
            allowed_origins=sorted({settings.public_origin, *settings.allowed_origins}),
            **kwargs,
        )
        self.services = services
        # Refuses to start (TrustedDocumentsError) when a document is tampered with or does not validate.
        path = settings.trusted_documents
        self.trusted = TrustedDocuments.load(path, schema) if path is not None else TrustedDocuments()

    def parse_json(self, data: str | bytes) -> Any:
        """A body with `documentId` runs that trusted document (`trusted.py`); one with `query` runs its text."""
        parsed = super().parse_json(data)
        if isinstance(parsed, dict) and parsed.get("documentId") is not None:
            return self.trusted.resolve(parsed)
        return parsed

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Refuse a WebSocket without a valid session: nobody listens anonymously (api.md, Transport)."""
        viewer = await context.viewer()
        await context.close()
        if viewer is None:
            raise ConnectionRejectionError({"reason": "Sign in first."})
        accepted: UnsetType = UNSET
        return accepted

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        return Context(request=request, response=response, services=self.services)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)


class _Counted:
    """The GraphQL ASGI app, counting its requests for /metrics."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.metrics.graphql_requests.inc()
        await self.app(scope, receive, send)


class GuardMiddleware:
    """Cross-site writes refused (403), body cap (413), JSON-only POSTs to /graphql (415), headers."""

    def __init__(self, app: ASGIApp, production: bool, allowed_origins: frozenset[str]) -> None:
        self.app = app
        self.production = production
        self.allowed_origins = allowed_origins

    def _cross_site(self, headers: dict[str, str]) -> bool:
        """A browser write from another site: Sec-Fetch-Site says so, or the Origin is not ours.

        Ours means IACS_PUBLIC_ORIGIN (and IACS_ALLOWED_ORIGINS), never the request's own Host header: a page
        of evil.example that reaches this server under that name (DNS rebinding, a misrouted proxy) sends
        `Host: evil.example` and `Origin: http://evil.example`, which would agree with each other."""
        if headers.get("sec-fetch-site", "").lower() == "cross-site":
            return True
        origin = headers.get("origin")
        if origin is None:
            return False  # not a browser's cross-origin request (curl, scripts, server-to-server)
        return origin.rstrip("/") not in self.allowed_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] not in {"GET", "HEAD", "OPTIONS"} and self._cross_site(headers):
            await _plain(403, "Cross-site requests are refused")(scope, receive, send)
            return
        if scope["path"] == "/graphql" and scope["method"] == "POST":
            problem = json_body_problem(headers.get("content-type"))  # media.py
            if problem is not None:
                await _plain(415, problem)(scope, receive, send)
                return
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
                await _plain(413, f"The request body is larger than {MAX_BODY_BYTES} bytes")(scope, receive, send)
                return
            receive = _capped(receive, MAX_BODY_BYTES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"].extend(SECURITY_HEADERS)
                if self.production:
                    message["headers"].append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except _BodyTooLarge:
            await _plain(413, f"The request body is larger than {MAX_BODY_BYTES} bytes")(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def _capped(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLarge
        return message

    return wrapped


def _plain(status: int, message: str) -> Response:
    return PlainTextResponse(message, status_code=status, headers={k.decode(): v.decode() for k, v in SECURITY_HEADERS})


def create_app(
    settings: Settings,
    *,
    database_url: str,
    embedded: EmbeddedServer | None = None,
    clock: Clock | None = None,
    engine: AsyncEngine | None = None,
    session_factory: async_sessionmaker[AsyncSession] | None = None,
    deliver_mail: bool = True,
    run_jobs: bool = True,
    tracer_provider: Any | None = None,
) -> Starlette:
    """Build the app. Tests pass their own engine/session factory and clock; `iacs serve` passes none."""
    clock = clock or Clock()
    owns_engine = engine is None and session_factory is None
    engine = engine or make_engine(database_url, settings)
    session_factory = session_factory or make_session_factory(engine)
    outbox = (
        OutboxSender(session_factory, MailTransport(settings.smtp_url, settings.mail_from), clock)
        if deliver_mail
        else None
    )
    # R44: webhooks leave from their outbox in the background, with the mail; never inside a request
    webhooks = WebhookSender(session_factory, clock, allow_local=settings.webhook_allow_local) if deliver_mail else None
    hub = QueueHub(database_url)
    read_session_factory, replica = _read_sessions(engine, settings) if owns_engine else (None, None)
    services = AppServices(
        settings=settings,
        session_factory=session_factory,
        clock=clock,
        outbox=outbox,
        webhooks=webhooks,
        hub=hub,
        read_session_factory=read_session_factory,
        replica=replica,
    )
    jobs = JobRunner(session_factory, clock, interval=settings.jobs_interval_seconds) if run_jobs else None
    metrics = Metrics()
    metrics.watch(engine)
    metrics.watch_hub(hub)
    # Optional (IACS_OTEL=1, or a provider passed by a test): a trace per request with its SQL (iacs/tracing.py)
    tracing = tracing_for(settings.otel, engine, tracer_provider)
    graphql_app = IacsGraphQL(services)

    graphql = GraphiQLPage(
        _Counted(
            RequestDeadline(
                PerSessionLimit(BearerGate(graphql_app, session_factory, clock), settings.session_cookie_name)
            ),
            metrics,
        ),
        static_dir=settings.static_dir,
        enabled=settings.graphiql,
        csp=SPA_CSP,
    )

    async def metrics_text(request: Request) -> Response:
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    async def healthz(request: Request) -> Response:
        """Liveness: the process answers. No database here: a hung database must not make the process look dead."""
        return JSONResponse({"status": "ok"})

    async def database_answers() -> None:
        async with session_factory() as db:
            await db.execute(text("SELECT 1"))

    async def readyz(request: Request) -> Response:
        """Readiness: the database answers within 2 s (never waiting on the cleanup of a hung connection)."""
        try:
            await finishes_within(READINESS_SECONDS, database_answers())
        except Exception:  # any failure means "not ready"; the reason goes to the log, not the client
            logger.warning("readyz: database check failed", exc_info=True)
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    static_dir = settings.static_dir

    async def spa(request: Request) -> Response:
        return _serve_spa(static_dir, request.path_params.get("path", ""))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # the background tasks: mail (R32), webhooks (R44), the job runner; stopped in reverse order
        background = [task for task in (outbox, webhooks, jobs) if task is not None]
        for task in background:
            task.start()
        try:
            yield
        finally:
            for task in reversed(background):
                await task.stop()
            await hub.close()
            await _dispose(engine if owns_engine else None, replica.engine if replica is not None else None)
            if embedded is not None:
                # Pitfall 2 in db/embedded.py: release here, uvicorn may re-raise the signal later.
                await asyncio.to_thread(embedded.release)

    app = Starlette(
        debug=False,
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics_text, methods=["GET"]),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            # Issue 15: downloads of what the screens show, as the same person (cookie or API token, R43)
            Route("/exports/{name}", exports_app(graphql_app.schema, services, session_factory), methods=["GET"]),
            WebSocketRoute("/graphql", graphql),
            Route("/{path:path}", spa, methods=["GET", "HEAD"]),
        ],
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.tracing = tracing
    app.add_middleware(
        GuardMiddleware,
        production=settings.is_production,
        allowed_origins=frozenset({settings.public_origin, *settings.allowed_origins}),
    )
    app.add_middleware(CountedRequests, metrics=metrics, routes=app.routes)  # outside the guard: its refusals count
    if tracing is not None:
        app.add_middleware(TracedRequests, tracing=tracing)  # outermost: the span covers everything
    return app


def _read_sessions(
    engine: AsyncEngine, settings: Settings
) -> tuple[async_sessionmaker[AsyncSession], ReplicaReads | None]:
    """The sessions queries read through: without a transaction (`AppServices.read_session_factory`), and on the
    replica once it has caught up when IACS_REPLICA_DATABASE_URL is set (db/replica.py). Only with the app's own
    engine: the tests' factory joins their transaction, which neither can see."""
    return make_session_factory(engine.execution_options(isolation_level="AUTOCOMMIT")), ReplicaReads.of(settings)


async def _dispose(*engines: AsyncEngine | None) -> None:
    for engine in engines:
        if engine is not None:
            await engine.dispose()


def _serve_spa(static_dir: Path, path: str) -> Response:
    root = static_dir.resolve()
    if path:
        candidate = (root / path).resolve()
        if candidate == root / GRAPHIQL_PAGE:  # GraphiQL is at /graphql, and only when enabled (iacs/graphiql.py)
            return PlainTextResponse("Not found", status_code=404)
        if candidate.is_relative_to(root) and candidate.is_file():
            cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            return FileResponse(candidate, headers={"cache-control": cache})
        if path.startswith("assets/") or path == "graphql":
            return PlainTextResponse("Not found", status_code=404)
    index = root / "index.html"
    if not index.is_file():
        return HTMLResponse(
            "<!doctype html><title>IACS</title><h1>IACS</h1>"
            "<p>The web app is not built. Run <code>make run</code> (or <code>npm run build</code>).</p>"
            "<p>The API is at <a href='/graphql'>/graphql</a>.</p>",
            status_code=503,
        )
    return FileResponse(index, headers={"cache-control": "no-cache", "content-security-policy": SPA_CSP})
