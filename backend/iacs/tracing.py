"""An OpenTelemetry trace per request, so that an operator can see the path of a slow one (issue 15, item 4).

Optional and off by default: it needs the `otel` extra (`pip install 'iacs[otel]'`) and `IACS_OTEL=1`. Without
them nothing here imports OpenTelemetry and the app runs exactly as before. When on, each HTTP request is one
span (method and path, status code), the GraphQL operation run in it adds its name, type and outcome to that
span (`ok`, `refused` with the payload's error codes, or `error` with the top-level codes), and every SQL
statement is a child span with its text (never its parameters: they hold people's data). Spans go to the OTLP
endpoint of the standard `OTEL_EXPORTER_OTLP_*` variables when the OTLP exporter is installed, else to the
log; a tracer provider set up by the process beforehand (`opentelemetry-instrument`) is used as it is.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

logger = logging.getLogger(__name__)

MAX_STATEMENT = 2000  # characters of a statement kept on its span
INSTRUMENTATION = "iacs"


@functools.cache  # every operation asks (OperationOnSpan): looking for the module cost 4% of a small request
def installed() -> bool:
    """Whether the OpenTelemetry SDK (the `otel` extra) can be imported."""
    try:
        return importlib.util.find_spec("opentelemetry.sdk.trace") is not None
    except ModuleNotFoundError:
        return False


def _module(name: str) -> Any:
    return importlib.import_module(name)


def _default_provider() -> Any:
    """The process's provider when one was set up (opentelemetry-instrument); else ours: OTLP, or the log."""
    trace = _module("opentelemetry.trace")
    current = trace.get_tracer_provider()
    if not isinstance(current, trace.ProxyTracerProvider):
        return current
    sdk = _module("opentelemetry.sdk.trace")
    export = _module("opentelemetry.sdk.trace.export")
    resources = _module("opentelemetry.sdk.resources")
    provider = sdk.TracerProvider(resource=resources.Resource.create({"service.name": "iacs"}))
    try:
        exporter = _module("opentelemetry.exporter.otlp.proto.http.trace_exporter").OTLPSpanExporter()
    except ImportError:
        logger.warning("IACS_OTEL=1 without the OTLP exporter installed: spans are written to the log")
        exporter = export.ConsoleSpanExporter()
    provider.add_span_processor(export.BatchSpanProcessor(exporter))
    return provider


class Tracing:
    """The tracer and the three places that use it: HTTP requests, GraphQL operations, SQL statements."""

    def __init__(self, tracer_provider: Any | None = None) -> None:
        self._trace = _module("opentelemetry.trace")
        self._status = _module("opentelemetry.trace.status")
        provider = tracer_provider if tracer_provider is not None else _default_provider()
        self.tracer = self._trace.get_tracer(INSTRUMENTATION, tracer_provider=provider)
        self._unwatch: list[Callable[[], None]] = []

    # --- SQL: a child span per statement ------------------------------------------------------------

    def watch(self, engine: AsyncEngine) -> None:
        sync_engine = engine.sync_engine

        def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
            verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "SQL"
            span = self.tracer.start_span(
                verb,
                kind=self._trace.SpanKind.CLIENT,
                attributes={"db.system": "postgresql", "db.statement": statement[:MAX_STATEMENT]},
            )
            if context is not None:
                context._iacs_span = span

        def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
            span = getattr(context, "_iacs_span", None)
            if span is not None:
                span.end()
                context._iacs_span = None

        def failed(exception_context: Any) -> None:
            context = exception_context.execution_context
            span = getattr(context, "_iacs_span", None)
            if span is not None:
                span.set_status(
                    self._status.Status(
                        self._status.StatusCode.ERROR, type(exception_context.original_exception).__name__
                    )
                )
                span.end()
                context._iacs_span = None

        listeners: list[tuple[str, Callable[..., None]]] = [
            ("before_cursor_execute", before),
            ("after_cursor_execute", after),
            ("handle_error", failed),
        ]
        for name, listener in listeners:
            event.listen(sync_engine, name, listener)

        def remove() -> None:
            for name, listener in listeners:
                event.remove(sync_engine, name, listener)

        self._unwatch.append(remove)

    def unwatch(self) -> None:
        """Remove the SQL listeners (an engine that outlives the app, as the tests' does)."""
        while self._unwatch:
            self._unwatch.pop()()

    # --- HTTP: the request's span ------------------------------------------------------------------

    def middleware(self, app: ASGIApp) -> ASGIApp:
        tracing = self

        async def traced(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            method, path = scope["method"], scope["path"]
            with tracing.tracer.start_as_current_span(
                f"{method} {path}",
                kind=tracing._trace.SpanKind.SERVER,
                attributes={"http.request.method": method, "url.path": path},
            ) as span:

                async def send_traced(message: Message) -> None:
                    if message["type"] == "http.response.start":
                        status = int(message["status"])
                        span.set_attribute("http.response.status_code", status)
                        if status >= 500:
                            span.set_status(tracing._status.Status(tracing._status.StatusCode.ERROR))
                    await send(message)

                await app(scope, receive, send_traced)

        return traced


def _codes(errors: list[Any]) -> list[str]:
    found = []
    for error in errors:
        extensions = getattr(error, "extensions", None) or {}
        found.append(str(extensions.get("code", "ERROR")))
    return found


class OperationOnSpan(SchemaExtension):
    """The GraphQL operation's name, type and outcome, on the request's span; nothing when tracing is off."""

    def on_operation(self) -> Iterator[None]:
        yield
        if not installed():
            return
        span = _module("opentelemetry.trace").get_current_span()
        if not span.is_recording():
            return
        context = self.execution_context
        try:
            operation_type = context.operation_type
        except RuntimeError:  # the document did not parse: there is no operation
            operation_type = None
        span.set_attribute("graphql.operation.name", context.operation_name or "")
        if operation_type is not None:
            span.set_attribute("graphql.operation.type", operation_type.value)
        result = context.result
        errors = list(getattr(result, "errors", None) or context.pre_execution_errors or [])
        if errors:
            span.set_attribute("iacs.outcome", "error")
            span.set_attribute("iacs.error_codes", _codes(errors))
            return
        data = getattr(result, "data", None) or {}
        refused = [
            str(e.get("code"))
            for payload in data.values()
            if operation_type == OperationType.MUTATION and isinstance(payload, dict)
            for e in payload.get("errors") or []
            if isinstance(e, dict)
        ]
        span.set_attribute("iacs.outcome", "refused" if refused else "ok")
        if refused:
            span.set_attribute("iacs.error_codes", refused)


def tracing_for(enabled: bool, engine: AsyncEngine, tracer_provider: Any | None = None) -> Tracing | None:
    """The app's tracing, watching `engine`'s statements: when IACS_OTEL is on or a test passes a provider."""
    if not enabled and tracer_provider is None:
        return None
    tracing = Tracing(tracer_provider)
    tracing.watch(engine)
    return tracing


class TracedRequests:
    """The ASGI middleware of `Tracing.middleware`, for Starlette's `add_middleware`."""

    def __init__(self, app: ASGIApp, tracing: Tracing) -> None:
        self.traced = tracing.middleware(app)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.traced(scope, receive, send)
