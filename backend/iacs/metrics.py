"""Process counters exposed at /metrics (Prometheus text format, by prometheus_client): requests and SQL statements,
and the live queue's state.

The benchmark divides the statement counter by the GraphQL request counter; operators scrape all of them.
Each app has its own registry (never prometheus_client's global one): tests build several apps in one process,
and each counts only what it served.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, CollectorRegistry, Counter, Gauge, generate_latest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from iacs.live import QueueHub

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4

# Label values come from these bounded sets, never from the request as sent (a path or method of the caller's
# choosing would make a new time series per request).
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD = "other"
UNMATCHED_ROUTE = "unmatched"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.http_requests = Counter(
            "iacs_http_requests",
            "HTTP requests answered, by method, route template and status code.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.graphql_requests = Counter(
            "iacs_graphql_requests",
            "Requests to /graphql (HTTP requests and WebSocket connections).",
            registry=self.registry,
        )
        self.sql_statements = Counter(
            "iacs_sql_statements", "SQL statements sent to PostgreSQL by this process.", registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def watch(self, engine: AsyncEngine) -> None:
        def count(*_: Any) -> None:
            self.sql_statements.inc()

        event.listen(engine.sync_engine, "before_cursor_execute", count)

    def watch_hub(self, hub: QueueHub) -> None:
        """The live queue, read when /metrics is scraped: its open subscriptions, and whether the process is
        listening (0 while its LISTEN connection is down: subscribers then get RESYNC once it is back)."""
        Gauge(
            "iacs_live_queue_subscribers",
            "Live approval-queue subscriptions open on this process.",
            registry=self.registry,
        ).set_function(lambda: hub.subscriber_count)
        Gauge(
            "iacs_live_queue_listening",
            "1 while this process listens for queue changes (PostgreSQL LISTEN), else 0.",
            registry=self.registry,
        ).set_function(lambda: 1 if hub.listening else 0)


def route_template(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """The path template of the route that takes this request (`/exports/{name}`), as the router chooses it: the
    first full match, else the first partial one (a method it does not take: 405)."""
    partial: str | None = None
    for route in routes:
        match, _ = route.matches(scope)
        path = getattr(route, "path", UNMATCHED_ROUTE)
        if match is Match.FULL:
            return str(path)
        if match is Match.PARTIAL and partial is None:
            partial = str(path)
    return partial or UNMATCHED_ROUTE


CLIENT_CLOSED_REQUEST = 499


class CountedRequests:
    """Counts every HTTP request in `iacs_http_requests_total`, including those refused before the router (403,
    413, 415), those that fail (500) and those whose client went away before they were read (499). Added outside
    the app's other middleware."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"] if scope["method"] in METHODS else OTHER_METHOD
        route = route_template(self.routes, scope)
        # The app returned without answering: the client went away before its request was read (nginx's 499).
        status = CLIENT_CLOSED_REQUEST

        async def send_counted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        except Exception:  # a cancellation (the client gone while it ran) stays a 499
            if status == CLIENT_CLOSED_REQUEST:
                status = 500  # what Starlette answers when the app raises before it started a response
            raise
        finally:
            self.metrics.http_requests.labels(method, route, str(status)).inc()
