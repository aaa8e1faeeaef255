"""Trusted documents (issue 6): the SPA's operations, sent by `documentId`, known and validated at start-up."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import parse, validate
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.app import create_app
from iacs.config import DEFAULT_TRUSTED_DOCUMENTS, Settings
from iacs.graphql import trusted
from iacs.graphql.schema import PARSE_CACHE_SIZE, build_schema
from iacs.graphql.trusted import TrustedDocumentsError, check_documents, read_manifest

MANIFEST: dict[str, str] = json.loads(DEFAULT_TRUSTED_DOCUMENTS.read_text())


def _id_of(operation: str) -> str:
    """The id of the SPA's document that defines `operation` (`query Viewer`, `mutation SignIn`)."""
    found = [key for key, text in MANIFEST.items() if re.search(rf"\b{operation}\b[ ({{]", text)]
    assert len(found) == 1, (operation, found)
    return found[0]


def test_the_committed_manifest_is_sha256_ids_of_documents_that_validate() -> None:
    assert len(MANIFEST) > 10
    schema = build_schema()
    for key, text in MANIFEST.items():
        assert key == "sha256:" + hashlib.sha256(text.encode()).hexdigest(), key
        assert validate(schema._schema, parse(text)) == [], key
    # ... also under the request's own limits (depth, aliases, one signIn, tokens)
    assert check_documents(read_manifest(DEFAULT_TRUSTED_DOCUMENTS), schema) == []


def test_the_server_loads_the_committed_manifest_by_default(settings: Settings) -> None:
    assert settings.trusted_documents == DEFAULT_TRUSTED_DOCUMENTS


async def test_a_document_id_answers_what_its_text_answers(people: Any, sql_statements: Any) -> None:
    amy = await people.make("Amy Pond")
    viewer = _id_of("query Viewer")

    before = sql_statements.count
    by_id = await amy.client.post("/graphql", json={"documentId": viewer, "variables": {}})
    by_id_statements = sql_statements.count - before
    before = sql_statements.count
    by_text = await amy.client.post("/graphql", json={"query": MANIFEST[viewer], "variables": {}})
    by_text_statements = sql_statements.count - before

    assert by_id.status_code == by_text.status_code == 200
    assert by_id.content == by_text.content  # byte for byte
    assert by_id.json()["data"]["viewer"]["email"] == amy.email
    assert by_id_statements == by_text_statements


async def test_a_document_id_takes_variables(client: httpx.AsyncClient) -> None:
    sign_in = _id_of("mutation SignIn")
    variables = {"input": {"login": "nobody@example.org", "password": "not-the-password-1"}}

    by_id = await client.post("/graphql", json={"documentId": sign_in, "variables": variables})
    by_text = await client.post("/graphql", json={"query": MANIFEST[sign_in], "variables": variables})

    assert by_id.status_code == by_text.status_code == 200
    assert by_id.json() == by_text.json()
    assert by_id.json()["data"]["signIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_an_unknown_document_id_is_a_coded_400_without_sql(people: Any, sql_statements: Any) -> None:
    rory = await people.make("Rory Williams")  # signed in: still no session lookup for a refused request
    before = sql_statements.count

    unknown = "sha256:" + hashlib.sha256(b"query Nope { viewer { id } }").hexdigest()
    response = await rory.client.post("/graphql", json={"documentId": unknown, "variables": {}})
    not_a_string = await rory.client.post("/graphql", json={"documentId": 42})

    assert sql_statements.count == before
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "PERSISTED_DOCUMENT_NOT_FOUND"}
    assert "does not know the document" in body["errors"][0]["message"]
    assert not_a_string.status_code == 400
    assert not_a_string.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}


async def test_query_and_document_id_together_are_refused(client: httpx.AsyncClient, sql_statements: Any) -> None:
    viewer = _id_of("query Viewer")

    response = await client.post("/graphql", json={"query": "{ viewer { id } }", "documentId": viewer})
    null_id = await client.post("/graphql", json={"query": "{ viewer { id } }", "documentId": None})

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}
    assert "not both" in response.json()["errors"][0]["message"]
    assert null_id.json() == {"data": {"viewer": None}}  # a null documentId is no documentId
    assert sql_statements.count == 0


async def test_arbitrary_documents_still_work_under_the_limits(client: httpx.AsyncClient) -> None:
    ok = await client.post("/graphql", json={"query": "{ viewer { id } }"})
    deep = "{ viewer" + " { roles { user" * 5 + " { id }" + " } }" * 5 + " }"
    too_deep = await client.post("/graphql", json={"query": deep})

    assert ok.json() == {"data": {"viewer": None}}
    assert "exceeds maximum operation depth" in too_deep.json()["errors"][0]["message"]


async def test_the_manifest_warms_the_parser_and_validation_caches(
    settings: Settings,
    database_url: str,
    session_factory: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The validation cache keys on the app's own schema object: a hit on the first request means start-up
    # validated with exactly the request's rules, and the request skipped parsing and validation.
    from strawberry.extensions.parser_cache import _get_parse_cache

    from iacs.graphql.validation import limits_first_cache  # Strawberry's validation cache, limits checked first

    monkeypatch.setattr(trusted, "_validated", set())  # as in a fresh server process
    app = _app(settings, DEFAULT_TRUSTED_DOCUMENTS, database_url, session_factory)
    caches: tuple[Any, ...] = (_get_parse_cache(PARSE_CACHE_SIZE), limits_first_cache(PARSE_CACHE_SIZE))
    before = [cache.cache_info() for cache in caches]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        response = await http.post("/graphql", json={"documentId": _id_of("query Viewer")})
    after = [cache.cache_info() for cache in caches]

    assert response.json() == {"data": {"viewer": None}}
    assert [(a.hits - b.hits, a.misses - b.misses) for a, b in zip(after, before, strict=True)] == [(1, 0), (1, 0)]


def _app(settings: Settings, manifest: Path, database_url: str, factory: async_sessionmaker[AsyncSession]) -> Any:
    return create_app(
        replace(settings, trusted_documents=manifest),
        database_url=database_url,
        session_factory=factory,
        deliver_mail=False,
    )


def test_a_tampered_manifest_stops_the_server(
    tmp_path: Path, settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    viewer = _id_of("query Viewer")
    tampered = dict(MANIFEST)
    tampered[viewer] = MANIFEST[viewer].replace("email", "email passwordHash: email")
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps(tampered))

    with pytest.raises(TrustedDocumentsError, match=f"{viewer}: not the sha256 of its document"):
        _app(settings, manifest, database_url, session_factory)


def test_a_document_the_schema_refuses_stops_the_server(
    tmp_path: Path, settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    stale = "query Stale { viewer { id nameThatWasRemoved } }"
    stale_id = "sha256:" + hashlib.sha256(stale.encode()).hexdigest()
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({**MANIFEST, stale_id: stale}))

    with pytest.raises(TrustedDocumentsError, match=r"Stale\): Cannot query field 'nameThatWasRemoved'"):
        _app(settings, manifest, database_url, session_factory)


def test_an_unreadable_manifest_stops_the_server(
    tmp_path: Path, settings: Settings, database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text('["not", "an", "object"]')

    with pytest.raises(TrustedDocumentsError, match="must be a JSON object"):
        _app(settings, manifest, database_url, session_factory)


def test_the_setting_names_the_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = tmp_path / "documents.json"
    manifest.write_text("{}")
    monkeypatch.setenv("IACS_TRUSTED_DOCUMENTS", str(manifest))
    assert Settings.from_env().trusted_documents == manifest.resolve()

    monkeypatch.setenv("IACS_TRUSTED_DOCUMENTS", str(tmp_path / "missing.json"))
    with pytest.raises(Exception, match="IACS_TRUSTED_DOCUMENTS: no file at"):
        Settings.from_env()
