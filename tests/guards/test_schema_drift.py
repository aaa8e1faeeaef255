"""schema.graphql is the schema the code exports (api.md); regenerate with `make schema`."""

from __future__ import annotations

from pathlib import Path

from iacs.graphql.schema import schema

ROOT = Path(__file__).resolve().parents[2]


def test_schema_graphql_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", "schema.graphql is stale: run `make schema`"


def test_no_secret_field_in_the_schema() -> None:
    sdl = schema.as_str().lower()
    for word in ("passwordhash", "password_hash", "tokenhash", "lockeduntil", "codehash", "tin:"):
        assert word not in sdl
