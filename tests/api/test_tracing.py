"""Issue 15, item 4: an OpenTelemetry trace per request (optional). The spans are checked with the SDK's
in-memory exporter when the `otel` extra is installed; without it the app runs as before (and says so)."""

from __future__ import annotations

import importlib
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from iacs.app import create_app
from iacs.config import ConfigurationError, Settings
from iacs.domain.clock import FrozenClock
from iacs.tracing import installed
from tests.graphql_client import gql

REGISTER = """mutation Register($input: RegisterAccountInput!) { registerAccount(input: $input) { errors { code } } }"""
SIGN_IN = (
    """mutation SignIn($l: String!, $p: String!) { signIn(input: {login: $l, password: $p}) { errors { code } } }"""
)


def test_tracing_is_off_by_default_and_needs_its_extra(settings: Settings) -> None:
    assert settings.otel is False
    if not installed():
        with pytest.raises(ConfigurationError, match=r"pip install 'iacs\[otel\]'"):
            Settings(otel=True).check()


async def test_no_tracing_unless_asked(
    settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    app = create_app(
        settings, database_url=database_url, session_factory=session_factory, clock=clock, deliver_mail=False
    )
    assert app.state.tracing is None


async def test_a_trace_per_request_with_its_operation_sql_and_outcome(
    settings: Settings,
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FrozenClock,
) -> None:
    sdk = pytest.importorskip("opentelemetry.sdk.trace")  # the `otel` extra; skipped without it
    export = importlib.import_module("opentelemetry.sdk.trace.export")
    in_memory = importlib.import_module("opentelemetry.sdk.trace.export.in_memory_span_exporter")
    exporter = in_memory.InMemorySpanExporter()
    provider = sdk.TracerProvider()
    provider.add_span_processor(export.SimpleSpanProcessor(exporter))
    app = create_app(
        settings,
        database_url=database_url,
        engine=engine,
        session_factory=session_factory,
        clock=clock,
        deliver_mail=False,
        tracer_provider=provider,
    )
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 41000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            person = {
                "email": "tracy.trace@example.org",
                "name": "Tracy Trace",
                "password": "violet-harbor-lantern-42",
                "community": "PROVIDER_SUPPLIER",
                "acceptTerms": True,
            }
            assert (await gql(client, REGISTER, {"input": person}))["data"]["registerAccount"]["errors"] == []
            exporter.clear()
            refused = await gql(client, SIGN_IN, {"l": "nobody@example.org", "p": "wrong-password-123"})
            assert refused["data"]["signIn"]["errors"] == [{"code": "INVALID_CREDENTIALS"}]
            refused_spans = list(exporter.get_finished_spans())
            exporter.clear()
            broken = await gql(client, "query Broken { noSuchField }")
            assert broken["data"] is None
            broken_spans = list(exporter.get_finished_spans())
    finally:
        app.state.tracing.unwatch()

    def request_span(spans: list[Any]) -> Any:
        [found] = [s for s in spans if s.name == "POST /graphql"]
        return found

    signing_in = request_span(refused_spans)
    assert dict(signing_in.attributes) == {
        "http.request.method": "POST",
        "url.path": "/graphql",
        "graphql.operation.name": "SignIn",
        "graphql.operation.type": "mutation",
        "iacs.outcome": "refused",
        "iacs.error_codes": ("INVALID_CREDENTIALS",),
        "http.response.status_code": 200,
    }
    statements = [s for s in refused_spans if s.attributes.get("db.system") == "postgresql"]
    assert statements, "the sign-in's SQL statements are spans"
    assert all(s.parent is not None and s.parent.span_id == signing_in.context.span_id for s in statements)
    assert all(s.context.trace_id == signing_in.context.trace_id for s in statements)
    assert any(str(s.attributes["db.statement"]).lstrip().upper().startswith("SELECT") for s in statements)
    assert all("nobody@example.org" not in str(s.attributes) for s in statements)  # text, never parameters

    validation = request_span(broken_spans)
    assert validation.attributes["graphql.operation.name"] == "Broken"
    assert validation.attributes["iacs.outcome"] == "error"
    assert validation.attributes["iacs.error_codes"] == ("ERROR",)  # graphql-core's validation errors have no code
    assert "graphql.operation.type" in validation.attributes
