"""schema.graphql is the schema the code exports (api.md); regenerate with `make schema`."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLInterfaceType, GraphQLObjectType

from iacs.graphql.schema import schema

ROOT = Path(__file__).resolve().parents[2]


def test_schema_graphql_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", "schema.graphql is stale: run `make schema`"


def test_no_secret_field_in_the_schema() -> None:
    # Output types never carry a password, token, hash, lock state or a full TIN (TINs: last 4 only).
    secret = ("password", "token", "hash", "locked", "lock", "secret")
    exposed = []
    for type_name, graphql_type in schema._schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            continue
        if type_name == "Mutation":
            continue  # operations (signIn, unlockAccount) are verbs, not data that could leak
        for field_name in graphql_type.fields:
            lowered = field_name.lower()
            if any(word in lowered for word in secret) or lowered == "tin":
                exposed.append(f"{type_name}.{field_name}")
    # User.lockedUntil reads no secret: when a running sign-in lock ends, to the help desk only, null for anyone
    # else (R4, R33; tests/security/authz_matrix.py FIELD_MATRIX, test_quality_security.NOT_SECRETS).
    # R43: an API token (its name and dates, to its owner only) is not its secret, which createApiToken shows once,
    # to the person who made it (tests/api/test_api_tokens.py); R44: createWebhook's secret likewise, to the help desk.
    assert sorted(exposed) == [
        "ApiTokenPayload.token",
        "CreateApiTokenPayload.secret",
        "CreateApiTokenPayload.token",
        "CreateWebhookPayload.secret",
        "User.apiTokens",
        "User.lockedUntil",
    ]
